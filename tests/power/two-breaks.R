# two-breaks.R - the closed-form power of two interruptions on gh.csv (2012-01 and 2017-06), as oracle.R does for one:
# each level change has its own MDE and power from the same covariance of the observed design; the follow-up of
# one (here none within ten years) must not change what is said of the other. Rscript two-breaks.R in tests/power.
d <- read.csv("gh.csv")
pw2 <- function(y, tks=c(2015, 2017), step=1/12, alpha=.05, target=.8) {
  n <- length(y); t <- 2010 + (0:(n-1))/12
  X <- cbind(1, t - 2010)
  for (tk in tks) { post <- as.numeric(t >= tk - 1e-9); X <- cbind(X, post, (t - tk)*post) }
  f <- lm.fit(X, y); e <- f$residuals; p <- ncol(X)
  rho <- sum(e[-1]*e[-n])/sum(e[-n]^2); s2 <- sum(e^2)/(n-p)
  V <- function(X) { m <- nrow(X); S <- rho^abs(outer(1:m,1:m,"-")); B <- solve(crossprod(X)); s2 * B %*% t(X) %*% S %*% X %*% B }
  v <- V(X); za <- qnorm(1-alpha/2); zb <- qnorm(target)
  out <- c()
  for (k in seq_along(tks)) {
    cl <- 3 + 2*(k-1); cc <- f$coefficients[cl]
    powr <- function(se) pnorm(abs(cc)/se - za) + pnorm(-abs(cc)/se - za)
    fu <- NA; if (powr(sqrt(v[cl,cl])) >= target) fu <- 0 else for (m in 1:120) {
      tf <- t[n] + (1:m)*step; Xf <- X[rep(n, m), , drop=FALSE]; Xf[,2] <- tf - 2010
      for (j in seq_along(tks)) { Xf[, 3 + 2*(j-1)] <- 1; Xf[, 4 + 2*(j-1)] <- tf - tks[j] }
      if (powr(sqrt(V(rbind(X, Xf))[cl,cl])) >= target) { fu <- m; break } }
    out <- c(out, mde_level=(za+zb)*sqrt(v[cl,cl]), mde_slope=(za+zb)*sqrt(v[cl+1,cl+1]), power=powr(sqrt(v[cl,cl])), followup=fu)
  }
  out
}
for (r in unique(d$region)) { cat(r, "\n"); print(pw2(d$value[d$region==r], tks=c(2012, 2017+5/12)), digits=17) }
