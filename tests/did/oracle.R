# tests/did/oracle.R - the expected numbers of tests/did.t, fitted independently of ind-compare.
# R 4.2 with lmtest and sandwich; run in tests/did. Interruption 2019-01 (tk), t in decimal years.
x <- read.csv("did.csv"); tk <- 2019
tt <- function(p) as.numeric(substr(p, 1, 4)) + (as.numeric(substr(p, 6, 7)) - 1) / 12
x$t <- tt(x$period)
w <- reshape(x[, c("region", "period", "t", "value", "denominator")], idvar = c("period", "t"), timevar = "region", direction = "wide")
w <- w[order(w$t), ]
d <- data.frame(t = w$t, tt = w$t - tk, post = as.numeric(w$t >= tk - 1e-9)); d$tpost <- (d$t - tk) * d$post
d$month <- factor(round((d$t - floor(d$t)) * 12) + 1)
show <- function(label, v) { cat(label, "\n"); print(v, digits = 17) }
ci <- function(f, term) { s <- summary(f)$coefficients; c(est = s[term, 1], confint(f)[term, ], p = s[term, 4]) }

# 1. values, equal weights, one control period missing (C2 2018-07): the mean of those present
v2 <- w$value.C2; v2[w$t == tt("2018-07")] <- NA
dy <- w$value.T - rowMeans(cbind(w$value.C1, v2), na.rm = TRUE)
f1 <- lm(dy ~ tt + post + tpost, data = d)
show("values/equal: level", ci(f1, "post")); show("values/equal: slope", ci(f1, "tpost"))

# 2. rates per 1000, population weights (the denominators): 1000 sum(n) / sum(d) of the controls
rt <- 1000 * w$value.T / w$denominator.T
rc <- 1000 * (w$value.C1 + w$value.C2) / (w$denominator.C1 + w$denominator.C2)
f2 <- lm(I(rt - rc) ~ tt + post + tpost, data = d)
show("rates/population: level", ci(f2, "post")); show("rates/population: slope", ci(f2, "tpost"))

# 3. rates per 1000, equal weights: the mean of the controls' rates
rce <- 1000 * (w$value.C1 / w$denominator.C1 + w$value.C2 / w$denominator.C2) / 2
f3 <- lm(I(rt - rce) ~ tt + post + tpost, data = d)
show("rates/equal: slope", ci(f3, "tpost"))

# 4. Poisson, difference series: log rate of T minus log pooled rate of the controls; did_rr = e^level
f4 <- lm(I(log(rt) - log(rc)) ~ tt + post + tpost, data = d)
show("poisson difference: rr", exp(ci(f4, "post")[1:3])); show("poisson difference: slope", ci(f4, "tpost"))

# 5. Poisson, pooled: one GLM of T's counts and the controls' summed counts, offsets log denominators
s <- rbind(data.frame(d, G = 0, y = w$value.C1 + w$value.C2, off = log(w$denominator.C1 + w$denominator.C2)),
           data.frame(d, G = 1, y = w$value.T, off = log(w$denominator.T)))
f5 <- glm(y ~ G * (tt + post + tpost) + offset(off), family = poisson, data = s, control = glm.control(epsilon = 1e-14, maxit = 100))
b <- coef(f5)["G:post"]; se <- sqrt(vcov(f5)["G:post", "G:post"])
show("poisson pooled: rr", c(exp(b), exp(b - qnorm(.975) * se), exp(b + qnorm(.975) * se)))
show("poisson pooled: slope", c(coef(f5)["G:tpost"], coef(f5)["G:tpost"] + c(-1, 1) * qnorm(.975) * sqrt(vcov(f5)["G:tpost", "G:tpost"])))
f5q <- glm(y ~ G * (tt + post + tpost) + offset(off), family = quasipoisson, data = s, control = glm.control(epsilon = 1e-14, maxit = 100))
bq <- sqrt(vcov(f5q)["G:post", "G:post"])
show("quasipoisson pooled: rr_lo rr_hi", exp(coef(f5q)["G:post"] + c(-1, 1) * qnorm(.975) * bq))

# 6. OLS, pooled (Linden): T's rate and the controls' pooled rate stacked, G x (time, level, slope)
#    with a shared month season; OLS errors, and Newey-West within each series (lag from 48 rows: 2)
so <- rbind(data.frame(d, G = 0, y = rc), data.frame(d, G = 1, y = rt))
f6 <- lm(y ~ tt + post + tpost + month + G + G:tt + G:post + G:tpost, data = so)
show("ols pooled: level", ci(f6, "post:G")); show("ols pooled: slope", ci(f6, "tpost:G"))
X <- model.matrix(f6); e <- residuals(f6); B <- solve(crossprod(X)); L <- floor(4 * (48 / 100)^(2 / 9))
meat <- matrix(0, ncol(X), ncol(X))
for (g in 0:1) { r <- which(so$G == g); u <- X[r, ] * e[r]
  for (l in 0:L) { wl <- if (l == 0) 1 else 1 - l / (L + 1); m <- nrow(u)
    A <- t(u[(l + 1):m, , drop = FALSE]) %*% u[1:(m - l), , drop = FALSE]; meat <- meat + wl * (if (l == 0) A else A + t(A)) } }
V <- B %*% meat %*% B; j <- which(colnames(X) == "post:G"); q <- qt(.975, nrow(X) - ncol(X))
show("ols pooled hac: level lo hi p", c(coef(f6)[j] - q * sqrt(V[j, j]), coef(f6)[j] + q * sqrt(V[j, j]),
                                       2 * pt(-abs(coef(f6)[j] / sqrt(V[j, j])), nrow(X) - ncol(X))))
# 7. without a season the pooled estimate equals the difference series' (only the intervals differ)
f7 <- lm(y ~ G * (tt + post + tpost), data = so)
show("ols pooled, no season: level", ci(f7, "G:post"))
# 8. OLS, pooled, Prais-Winsten: one rho from the pairs within each series, each series' first row
#    scaled by sqrt(1 - rho^2), iterated until rho settles (the model of 6.)
y6 <- so$y; rho <- NA; e <- residuals(f6)
repeat {
  r <- sum(sapply(0:1, function(g) { u <- e[so$G == g]; sum(u[-1] * u[-length(u)]) })) /
       sum(sapply(0:1, function(g) { u <- e[so$G == g]; sum(u[-length(u)]^2) }))
  if (!is.na(rho) && abs(r - rho) < 1e-10) break
  rho <- r; Xs <- X; ys <- y6
  for (g in 0:1) { k <- which(so$G == g)
    Xs[k[1], ] <- sqrt(1 - rho^2) * X[k[1], ]; ys[k[1]] <- sqrt(1 - rho^2) * y6[k[1]]
    Xs[k[-1], ] <- X[k[-1], ] - rho * X[k[-length(k)], ]; ys[k[-1]] <- y6[k[-1]] - rho * y6[k[-length(k)]] }
  fp <- lm.fit(Xs, ys); e <- y6 - X %*% fp$coefficients }
fs <- lm(ys ~ Xs - 1); j <- which(colnames(X) == "post:G")
show("ols pooled ar1: rho, level, lo, hi", c(rho, ci(fs, j)))
# 9. two interruptions (2019-01, 2020-01), pooled OLS without a season: G x every term
t2 <- 2020; so$post2 <- as.numeric(so$t >= t2 - 1e-9); so$tpost2 <- (so$t - t2) * so$post2
f9 <- lm(y ~ G * (tt + post + tpost + post2 + tpost2), data = so)
show("two interruptions, pooled: 2019-01 level", ci(f9, "G:post")); show("2020-01 level", ci(f9, "G:post2"))
show("2020-01 slope", ci(f9, "G:tpost2"))
