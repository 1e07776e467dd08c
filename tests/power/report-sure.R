n <- 72; i <- 0:(n-1)
e <- ((i * 37) %% 11) - 5
t <- 2016 + i / 12
t1 <- 2020
y0 <- 100 + 0.1 * i + e
ysig <- y0 + 20 * (t >= t1 - 1e-9)
fitits <- function(y, tk) {
  X <- cbind(1, t); for (k in tk) { post <- as.numeric(t >= k - 1e-9); X <- cbind(X, post, (t - k) * post) }
  lm.fit(X, y)
}
# level change of break 1 = coef 3
power_of <- function(y) {
  f <- fitits(y, t1); X <- cbind(1, t, as.numeric(t >= t1 - 1e-9), (t - t1) * (t >= t1 - 1e-9))
  r <- f$residuals; p <- ncol(X); s2 <- sum(r^2) / (n - p)
  rho <- sum(r[-1] * r[-n]) / sum(r[-n]^2)
  varb <- function(X, tau) { S <- rho^abs(outer(tau, tau, "-")); B <- solve(crossprod(X)); s2 * B %*% t(X) %*% S %*% X %*% B }
  se <- sqrt(varb(X, i)[3, 3])
  z <- qnorm(0.975) + qnorm(0.8)
  d <- f$coefficients[3]
  pw <- function(se) pnorm(abs(d)/se - qnorm(0.975)) + pnorm(-abs(d)/se - qnorm(0.975))
  fu <- -1
  for (m in 0:120) {
    ii <- 0:(n - 1 + m); tt <- 2016 + ii / 12
    Xm <- cbind(1, tt, as.numeric(tt >= t1 - 1e-9), (tt - t1) * (tt >= t1 - 1e-9))
    if (pw(sqrt(varb(Xm, ii)[3, 3])) >= 0.8) { fu <- m; break }
  }
  ols <- summary(lm(y ~ t + I(as.numeric(t >= t1 - 1e-9)) + I((t - t1) * (t >= t1 - 1e-9))))$coefficients[3, ]
  c(level = unname(d), p = unname(ols[4]), rho = rho, s2 = s2, mde = z * se, power = unname(pw(se)), followup = fu)
}
print(power_of(y0), digits = 10)
print(power_of(ysig), digits = 10)
# placebo for ysig: fake at each pre time index j in 8..(48-8)
f <- fitits(ysig, t1); real <- abs(f$coefficients[3])
pre <- which(t < t1 - 1e-9); cnt <- length(pre); ntry <- 0; big <- 0
for (j in 8:(cnt - 8)) { tf <- t[pre[1] + j]; g <- fitits(ysig, c(tf, t1)); ntry <- ntry + 1; big <- big + (abs(g$coefficients[3]) >= real) }
cat("placebo n", ntry, "as large", big, "p", (1 + big) / (1 + ntry), "from", t[pre[1]+8], "to", t[pre[1]+cnt-8], "\n")
for (eff in c(1, 1.5, 1.8, 2.2)) { cat("eff", eff, "\n"); print(power_of(y0 + eff * (t >= t1 - 1e-9)), digits = 10) }
