# The report's joinpoint segments (tests/report-sure.t): y monthly 2017-01..2021-12, a joinpoint
# found at 2019-07 (t = 2019.5); the segment APCs from the continuous fit with that joinpoint, their
# intervals with t(0.975, n - 2k - 2) and the residual variance on n - 2k - 2 degrees of freedom, as
# NCI Joinpoint counts the joinpoint as a parameter.
i <- 0:59; tt <- i / 12
y <- ifelse(tt < 2.5, 100 * exp(0.08 * tt), 100 * exp(0.08 * 2.5 - 0.06 * (tt - 2.5))) * (1 + (((i * 37) %% 11) - 5) / 400)
y <- round(y, 6)
t <- 2017 + i / 12; tau <- 2019.5
f <- lm(log(y) ~ t + pmax(t - tau, 0))
n <- 60; k <- 1; df <- n - 2 * k - 2
s2 <- sum(resid(f)^2) / df
V <- s2 * solve(crossprod(model.matrix(f)))
b1 <- coef(f)[2]; se1 <- sqrt(V[2, 2])
b2 <- coef(f)[2] + coef(f)[3]; se2 <- sqrt(V[2, 2] + V[3, 3] + 2 * V[2, 3])
q <- qt(0.975, df)
print(100 * (exp(c(b1, b1 - q * se1, b1 + q * se1)) - 1), digits = 12)
print(100 * (exp(c(b2, b2 - q * se2, b2 + q * se2)) - 1), digits = 12)
