set.seed(20261201)
mk <- function(rho, n=48, lvl=4, name) {
  e <- as.numeric(arima.sim(list(ar=rho), n=n, sd=3)); if (rho==0) e <- rnorm(n, sd=3)
  i <- 1:n; post <- as.numeric(i >= 25)
  y <- round(50 + 0.3*i + lvl*post + e, 2)
  yr <- 2016 + (i-1) %/% 12; mo <- (i-1) %% 12 + 1
  data.frame(region=name, indicator="x", period=sprintf("%d-%02d", yr, mo), value=y)
}
d <- rbind(mk(0.4, name="A"), mk(0, name="B"))
write.csv(d, "ab.csv", row.names=FALSE, quote=FALSE)
