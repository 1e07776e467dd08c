# tests/did/make.R - the series of tests/did.t: a treated region T and comparison regions C1, C2,
# monthly counts with their populations, 2017-01..2020-12, a drop in T's rate from 2019-01.
set.seed(20261202)
n <- 48; i <- 1:n; post <- as.numeric(i >= 25)
mk <- function(name, pop, rate, lvl, slope) {
  d <- round(pop * (1 + 0.002 * i))
  mu <- d / 1000 * (rate + 0.02 * i + lvl * post + slope * (i - 25) * post + 1.5 * sin(2 * pi * i / 12))
  y <- rpois(n, mu)
  data.frame(region = name, indicator = "visits", period = sprintf("%d-%02d", 2017 + (i - 1) %/% 12, (i - 1) %% 12 + 1),
             value = y, numerator = y, denominator = d)
}
x <- rbind(mk("T", 52000, 30, -4, -0.1), mk("C1", 81000, 28, 0, 0), mk("C2", 33000, 35, 0.5, 0))
write.csv(x, "did.csv", row.names = FALSE, quote = FALSE)
