d <- read.csv("ab.csv")
pw <- function(y, tk=2018, step=1/12, alpha=.05, target=.8) {
  n <- length(y); t <- 2016 + (0:(n-1))/12; post <- as.numeric(t >= tk - 1e-9)
  X <- cbind(1, t - 2018, post, (t - tk)*post)
  f <- lm.fit(X, y); e <- f$residuals; p <- ncol(X)
  rho <- sum(e[-1]*e[-n])/sum(e[-n]^2); s2 <- sum(e^2)/(n-p)
  V <- function(X) { m <- nrow(X); S <- rho^abs(outer(1:m,1:m,"-")); B <- solve(crossprod(X)); s2 * B %*% t(X) %*% S %*% X %*% B }
  v <- V(X); za <- qnorm(1-alpha/2); zb <- qnorm(target); cc <- f$coefficients[3]
  powr <- function(se) pnorm(abs(cc)/se - za) + pnorm(-abs(cc)/se - za)
  fu <- NA; if (powr(sqrt(v[3,3])) >= target) fu <- 0 else for (m in 1:120) {
    tf <- t[n] + (1:m)*step; Xf <- rbind(X, cbind(1, tf - 2018, 1, tf - tk)); if (powr(sqrt(V(Xf)[3,3])) >= target) { fu <- m; break } }
  c(level=cc, rho=rho, s2=s2, mde_level=(za+zb)*sqrt(v[3,3]), mde_slope=(za+zb)*sqrt(v[4,4]), power=powr(sqrt(v[3,3])), followup=fu)
}
for (r in unique(d$region)) { cat(r, "\n"); print(pw(d$value[d$region==r]), digits=15) }
