# Closed-form power of a Poisson ITS (tests/power.t, tests/power/poisson.csv: S is y1, W is y2, Q is y3): the Wald covariance of the GLM,
# vcov = (X'WX)^-1 at the fitted means; MDE = (z_0.975 + z_0.8) se(level); follow-up: the
# design continued month by month with the fitted means until the estimated level change
# reaches 80 % power.
i <- 0:25
y1 <- c(200,205,198,210,207,199,212,208,203,215,209,206,165,170,162,168,172,166,160,171,169,163,167,174,170,166)
y2 <- round(200 * (1 + 0.03 * sin(1.7 * i)) * ifelse(i >= 12, 0.85, 1))
y3 <- round(200 * (1 + 0.12 * sin(2.3 * i)) * ifelse(i >= 12, 0.85, 1))
t <- 2018 + i / 12; t1 <- 2019
design <- function(t) cbind(1, t - t1, as.numeric(t >= t1 - 1e-9), (t - t1) * (t >= t1 - 1e-9))
za <- qnorm(0.975); zb <- qnorm(0.8)
pw <- function(d, se) pnorm(abs(d) / se - za) + pnorm(-abs(d) / se - za)
for (y in list(y1, y2)) {
  X <- design(t); f <- glm(y ~ X - 1, family = poisson)
  b <- coef(f); se <- sqrt(diag(vcov(f))); d <- b[3]
  fu <- -1
  if (pw(d, se[3]) >= 0.8) fu <- 0 else for (m in 1:120) {
    tm <- c(t, t[26] + (1:m) / 12); Xm <- design(tm); mu <- exp(Xm %*% b)
    if (pw(d, sqrt(solve(t(Xm) %*% (Xm * as.vector(mu)))[3, 3])) >= 0.8) { fu <- m; break }
  }
  cat(sprintf("%.10g %.10g %.10g %.10g %d\n", d, (za + zb) * se[3], (za + zb) * se[4], pw(d, se[3]), fu))
}
# Q (y3), quasi-Poisson: vcov scaled by the Pearson dispersion
X <- design(t); f <- glm(y3 ~ X - 1, family = quasipoisson); se <- sqrt(diag(vcov(f))); d <- coef(f)[3]
cat(sprintf("%.10g %.10g %.10g %.10g %.10g\n", d, summary(f)$dispersion, (za + zb) * se[3], (za + zb) * se[4], pw(d, se[3])))
cat(y2, "\n")
cat(y3, "\n")
# V (the report's how-sure sentence under quasi-Poisson, tests/report-sure.t): a drop of 7 %
y4 <- round(200 * (1 + 0.12 * sin(2.3 * i)) * ifelse(i >= 12, 0.93, 1))
f <- glm(y4 ~ X - 1, family = quasipoisson); se <- sqrt(diag(vcov(f))); d <- coef(f)[3]
phi <- summary(f)$dispersion; fu <- -1
for (m in 1:120) {
  tm <- c(t, t[26] + (1:m) / 12); Xm <- design(tm); mu <- exp(Xm %*% coef(f))
  if (pw(d, sqrt(phi * solve(t(Xm) %*% (Xm * as.vector(mu)))[3, 3])) >= 0.8) { fu <- m; break }
}
mde <- (za + zb) * se[3]
cat(sprintf("V: level %.10g p %.4g mde %.10g mde%% %.10g rr%% %.10g followup %d\n", d, summary(f)$coefficients[3, 4],
            mde, 100 * (exp(-mde) - 1), 100 * (exp(d) - 1), fu))
cat(y4, "\n")
