/* test_trend.c - trend statistics against hand derivations, R and NIST StRD. See LICENSE. */
#include <stdlib.h>

#include "tap.h"
#include "trend.h"

/* Read a two-column CSV (header, then x,y or y,x per xy_order) from ../shared; 0 if absent. */
static size_t read_pairs(const char *path, double *a, double *b, size_t max)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t n = 0;
	if (!f)
		return 0;
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return 0;
	}
	while (n < max && fgets(line, sizeof line, f))
		if (sscanf(line, "%lf,%lf", &a[n], &b[n]) == 2)
			n++;
	fclose(f);
	return n;
}

static const char *shared(const char *rel)
{
	static char path[512];
	const char *top = getenv("IND_SHARED");
	snprintf(path, sizeof path, "%s/%s", top ? top : "../shared", rel);
	return path;
}

int main(void)
{
	struct ind_trend_opts o = { IND_SE_OLS, NULL, 0, 0 };
	struct ind_trend tr;

	/*
	 * t = 1..5, y = 2 4 5 4 5, by hand:
	 * tmean 3, ymean 4, Sxx = 10, Sxy = (-2)(-2)+(-1)(0)+0+1(0)+2(1) = 6 -> slope 0.6,
	 * intercept 4 - 0.6*3 = 2.2; fitted 2.8 3.4 4.0 4.6 5.2, residuals -0.8 0.6 1 -0.6 -0.2,
	 * SSE 2.4, s^2 = 2.4/3 = 0.8, se(slope) = sqrt(0.8/10) = 0.282842712474619,
	 * t = 2.1213, p = 2 P(T3 > 2.1213) = 0.124027062657555 (R: summary(lm(y ~ t))),
	 * SST = 6 so R^2 = 0.6; DW = (1.4^2+0.4^2+1.6^2+0.4^2)/2.4 = 2.0166...,
	 * lag-1 residual autocorrelation = (-0.48+0.6-0.6+0.12)/2.4 = -0.15.
	 */
	{
		const double t[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
		OK(ind_trend_fit(t, y, 5, &o, &tr) == 0, "small series fits");
		OK_NEAR(tr.slope, 0.6, 1e-14, "slope");
		OK_NEAR(tr.intercept, 2.2, 1e-14, "intercept");
		OK_NEAR(tr.slope_se, 0.282842712474619, 1e-13, "slope SE");
		OK_NEAR(tr.slope_p, 0.124027062657555, 1e-12, "slope p (t, 3 df)");
		OK_NEAR(tr.slope_lo, 0.6 - 3.18244630528371 * 0.282842712474619, 1e-12, "slope CI low (t 0.975, 3 df = 3.1824)");
		OK_NEAR(tr.r2, 0.6, 1e-14, "R^2");
		OK_NEAR(tr.dw, 4.84 / 2.4, 1e-14, "Durbin-Watson");
		OK_NEAR(tr.acf1, -0.15, 1e-14, "lag-1 autocorrelation of residuals");
		{
			double fit, lo, hi;
			ind_trend_predict(&tr, 5, &fit, &lo, &hi);
			/* se of the mean at t=5: s^2 (1/5 + (5-3)^2/10) = 0.8 * 0.6 = 0.48 */
			OK_NEAR(fit, 5.2, 1e-14, "fit at the last point");
			OK_NEAR(hi - fit, 3.18244630528371 * sqrt(0.48), 1e-12, "95%% CI of the fitted mean");
		}
		/*
		 * Mann-Kendall: signs of the 10 later-minus-earlier pairs: + + + + | + 0 + | - 0 | +
		 * S = 6. Ties: two groups of 2 (the 4s and the 5s), each 2*1*9 = 18, so
		 * Var S = (5*4*15 - 36)/18 = 264/18; Z = (S-1)/sqrt(Var S) = 1.30558241966773,
		 * p = 2 (1 - Phi(Z)) = 0.191694602051888. tau-b = 6 / sqrt((10 - 2)(10 - 0)) = 0.670820393249937
		 * (R: cor.test(t, y, method = "kendall")$estimate).
		 */
		OK_NEAR(tr.mk_s, 6, 0, "Mann-Kendall S");
		OK_NEAR(tr.mk_var, 264.0 / 18, 1e-14, "Var(S) with the tie correction");
		OK_NEAR(tr.mk_z, 1.30558241966773, 1e-13, "Z with continuity correction");
		OK_NEAR(tr.mk_p, 0.191694602051888, 1e-12, "two-sided p");
		OK_NEAR(tr.mk_tau, 0.670820393249937, 1e-13, "Kendall's tau-b");
		/*
		 * Sen: the 10 slopes sorted: -1 0 0 1/3 2/3 3/4 1 1 3/2 2; median (2/3 + 3/4)/2 = 17/24.
		 * C = 1.959964 * sqrt(264/18) = 7.506; ranks round((10-7.506)/2) = 1 and
		 * round((10+7.506)/2 + 1) = 10 -> [-1, 2].
		 */
		OK_NEAR(tr.sen, 17.0 / 24, 1e-14, "Sen's slope");
		OK_NEAR(tr.sen_lo, -1, 0, "Sen CI low (rank 1)");
		OK_NEAR(tr.sen_hi, 2, 0, "Sen CI high (rank 10)");
		/* log-linear: R summary(lm(log(y) ~ t)) gives b; APC = 100 (exp(b) - 1) */
		OK_NEAR(tr.apc, 20.1124433981431, 1e-12, "APC");
		OK_NEAR(tr.apc_lo, -9.20932649199749, 1e-12, "APC CI low");
		OK_NEAR(tr.apc_hi, 58.9039766050475, 1e-12, "APC CI high");
	}
	/*
	 * Newey-West: lag floor(4 (5/100)^(2/9)) = 2; with x = t - 3 and the residuals above,
	 * Omega = sum x^2 e^2 + 2 sum_l (1 - l/3) sum_i x_i e_i x_{i-l} e_{i-l} = 2.72, and
	 * se = sqrt(Omega) / Sxx = sqrt(2.72)/10 = 0.164924225024706
	 * (checked in R by writing the same sums out over lm()'s residuals).
	 */
	{
		const double t[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
		struct ind_trend_opts h = { IND_SE_HAC, NULL, 0, 0 };
		OK(ind_trend_fit(t, y, 5, &h, &tr) == 0 && tr.hac_lag == 2, "HAC fit, lag 2");
		OK_NEAR(tr.slope_se, 0.164924225024706, 1e-13, "Newey-West SE of the slope");
		OK(ind_newey_west_lag(96) == 3 && ind_newey_west_lag(100) == 4, "lag rule for 96 and 100 points");
	}
	{	/* degenerate series: NaN everywhere, never a crash */
		const double t[] = { 1, 2, 3, 4 }, c[] = { 7, 7, 7, 7 };
		OK(ind_trend_fit(t, c, 4, &o, &tr) < 0 && isnan(tr.slope) && isnan(tr.sen) && tr.n == 4,
		   "constant series: no statistics");
		OK(ind_trend_fit(t, c, 2, &o, &tr) < 0 && isnan(tr.slope), "two points: no statistics");
		OK(ind_trend_fit(t, c, 0, &o, &tr) < 0, "no points");
	}
	{	/* a value <= 0: the APC is left empty, the rest is computed */
		const double t[] = { 1, 2, 3, 4 }, y[] = { 0, 1, 3, 2 };
		OK(ind_trend_fit(t, y, 4, &o, &tr) == 0 && isnan(tr.apc) && !isnan(tr.slope), "no APC with a zero value");
	}
	/*
	 * Seasonal Kendall (Hirsch): two seasons, each rising without ties:
	 * season 1 at t = 1,3,5,7: 1 2 3 4 -> S = 6, Var = 4*3*13/18;
	 * season 2 at t = 2,4,6,8: 10 9 12 13 -> S = 1+1+1-1+1+1 = 4, Var the same.
	 * S = 10, Var = 2 * 156/18, within-season slopes: season 1 all 0.5,
	 * season 2: -0.5 0.5 0.5 1.5 0.75 0.5 -> median of the 12 = 0.5.
	 */
	{
		const double t[] = { 1, 2, 3, 4, 5, 6, 7, 8 }, y[] = { 1, 10, 2, 9, 3, 12, 4, 13 };
		const int season[] = { 1, 2, 1, 2, 1, 2, 1, 2 };
		struct ind_trend_opts s = { IND_SE_OLS, season, 2, 0 };
		OK(ind_trend_fit(t, y, 8, &s, &tr) == 0, "seasonal fit");
		OK_NEAR(tr.mk_s, 10, 0, "seasonal S");
		OK_NEAR(tr.mk_var, 2 * 156.0 / 18, 1e-14, "seasonal Var(S)");
		OK_NEAR(tr.sen, 0.5, 1e-14, "seasonal Sen slope");
	}

	/* NIST StRD Norris: certified to 15 digits; a correct fit agrees to at least 9 */
	{
		double x[64], y[64];
		size_t n = read_pairs(shared("nist/lls_norris.csv"), y, x, 64);
		if (n != 36) {
			printf("ok %d - NIST Norris # SKIP no ../shared/nist\n", ++tap_n);
		} else {
			double b0sd;
			ind_trend_fit(x, y, n, &o, &tr);
			b0sd = sqrt(tr.var_level + tr.tmean * tr.tmean * tr.var_slope - 2 * tr.tmean * tr.cov_ls);
			OK_NEAR(tr.slope, 1.00211681802045, 1e-12, "Norris B1");
			OK_NEAR(tr.intercept, -0.262323073774029, 1e-11, "Norris B0");
			OK_NEAR(tr.slope_se, 0.429796848199937E-03, 1e-12, "Norris B1 sd");
			OK_NEAR(b0sd, 0.232818234301152, 1e-11, "Norris B0 sd");
			OK_NEAR(tr.r2, 0.999993745883712, 1e-13, "Norris R^2");
		}
	}
	/* NCHS heart disease 1980-1998, log-linear: R lm(log(rate) ~ year) gives the APC below */
	{
		double yr[64], rate[64];
		size_t n = read_pairs(shared("oracle-data/apc_loglinear_heart_1980_1998.csv"), yr, rate, 64);
		if (n != 19) {
			printf("ok %d - heart disease APC # SKIP no ../shared/oracle-data\n", ++tap_n);
		} else {
			ind_trend_fit(yr, rate, n, &o, &tr);
			OK_NEAR(tr.apc, -2.26208722566688, 1e-11, "heart disease APC 1980-1998");
			OK_NEAR(tr.apc_lo, -2.39212533214338, 1e-11, "APC CI low");
			OK_NEAR(tr.apc_hi, -2.13187587590244, 1e-11, "APC CI high");
		}
	}
	/* joinpoints on exact data: slope 2 up to t = 10, then -1; one joinpoint, at 10 */
	{
		double t[21], y[21];
		struct ind_joinpoints jp;
		for (int i = 0; i <= 20; i++) {
			t[i] = i;
			y[i] = i <= 10 ? 10 + 2.0 * i : 30 - (i - 10.0);
		}
		OK(ind_joinpoints_fit(t, y, 21, 2, false, 2, &jp) == 0, "joinpoints fit");
		OK(jp.k == 1 && jp.joint[0] == 10, "exact broken line: one joinpoint at 10 (k=%d)", jp.k);
		OK_NEAR(jp.seg[0].slope, 2, 1e-9, "first segment slope");
		OK_NEAR(jp.seg[1].slope, -1, 1e-9, "second segment slope");
		OK_NEAR(jp.avg_slope, 0.5, 1e-9, "average slope = (10*2 + 10*(-1))/20");
		/* log scale: +5 %% a year, then -3 %% a year from t = 8 */
		for (int i = 0; i <= 20; i++)
			y[i] = i <= 8 ? 100 * pow(1.05, i) : 100 * pow(1.05, 8) * pow(0.97, i - 8);
		OK(ind_joinpoints_fit(t, y, 21, 3, true, 2, &jp) == 0 && jp.k == 1 && jp.joint[0] == 8,
		   "exact log-linear break found at 8");
		OK_NEAR(jp.seg[0].apc, 5, 1e-8, "APC before");
		OK_NEAR(jp.seg[1].apc, -3, 1e-8, "APC after");
	}
	/*
	 * NCHS heart disease 1950-1998 on the log scale, up to 2 joinpoints, 2 observations
	 * kept to either end and between. Derived in R by brute force over every placement:
	 * lm(log(rate) ~ year + pmax(year - tau, 0) [+ pmax(year - tau2, 0)]), BIC as above:
	 * k=0 -5.604, k=1 -7.581 (tau 1966), k=2 -7.481 -> one joinpoint at 1966; segment APCs
	 * from the coefficient sums with vcov scaled to n - 2k - 2 df.
	 */
	{
		double yr[64], rate[64];
		struct ind_joinpoints jp;
		size_t n = read_pairs(shared("oracle-data/joinpoint_loglinear_heart_1950_1998.csv"), yr, rate, 64);
		if (n != 49) {
			printf("ok %d - heart disease joinpoints # SKIP no ../shared/oracle-data\n", ++tap_n);
		} else {
			OK(ind_joinpoints_fit(yr, rate, n, 2, true, 2, &jp) == 0 && jp.k == 1 && jp.joint[0] == 1966,
			   "heart disease 1950-1998: one joinpoint, 1966 (k=%d)", jp.k);
			OK_NEAR(jp.seg[0].apc, -0.35169666774767, 1e-9, "APC 1950-1966");
			OK_NEAR(jp.seg[0].apc_lo, -0.499382453185226, 1e-9, "its CI low");
			OK_NEAR(jp.seg[1].apc, -2.09200483391634, 1e-9, "APC 1966-1998");
			OK_NEAR(jp.seg[1].apc_hi, -2.02793980902907, 1e-9, "its CI high");
			OK_NEAR(jp.aapc, -1.51530566358798, 1e-9, "AAPC 1950-1998");
			OK_NEAR(jp.aapc_lo, -1.55770628970703, 1e-9, "AAPC CI low");
		}
	}
	/* tuberculosis 1900-1998, linear scale: R brute force picks k=2 at 1932 and 1958 */
	{
		double yr[128], rate[128];
		struct ind_joinpoints jp;
		size_t n = read_pairs(shared("oracle-data/joinpoint_published_tb_linear_1900_1998.csv"), yr, rate, 128);
		if (n != 99) {
			printf("ok %d - tuberculosis joinpoints # SKIP no ../shared/oracle-data\n", ++tap_n);
		} else {
			OK(ind_joinpoints_fit(yr, rate, n, 2, false, 2, &jp) == 0 && jp.k == 2 && jp.joint[0] == 1932 &&
				   jp.joint[1] == 1958,
			   "tuberculosis: joinpoints 1932 and 1958");
			OK_NEAR(jp.seg[0].slope, -4.311656, 1e-6, "slope 1900-1932");
			OK_NEAR(jp.seg[1].slope, -2.482181, 1e-6, "slope 1932-1958");
			OK_NEAR(jp.seg[2].slope, -0.1773034, 1e-6, "slope 1958-1998");
		}
	}
	/*
	 * tau-b with ties in both variables, as R's cor(x, y, method = "kendall"):
	 * cor(c(2021,2022,2022,2023), 1:4) = 0.912870929175277 (the pair tied in time
	 * counts as neither concordant nor discordant: 5 / sqrt(6 * 5));
	 * cor(c(1,2,2,3,3,3,4), c(1,1,2,2,3,3,3)) = 0.788240781368082. Never outside -1..1.
	 */
	{
		const double t1[] = { 2021, 2022, 2022, 2023 }, y1[] = { 1, 2, 3, 4 };
		const double t2[] = { 1, 2, 2, 3, 3, 3, 4 }, y2[] = { 1, 1, 2, 2, 3, 3, 3 };
		struct ind_trend tb;
		struct ind_trend_opts ob = { IND_SE_OLS, NULL, 0, 0 };
		OK(ind_trend_fit(t1, y1, 4, &ob, &tb) == 0, "fit with a time tie");
		OK_NEAR(tb.mk_tau, 0.912870929175277, 1e-14, "tau-b with a tie in time (R cor kendall)");
		OK(ind_trend_fit(t2, y2, 7, &ob, &tb) == 0, "fit with ties in both");
		OK_NEAR(tb.mk_tau, 0.788240781368082, 1e-14, "tau-b with ties in both variables");
	}
	/*
	 * Breusch-Godfrey of the trend's residuals: lm(y ~ t) on 24 points y_i = i + 3 sin(i) + (i % 4);
	 * the statistic is n R^2 of the residuals on [1, t] and their lags 1..L, lags before the
	 * start 0 (lmtest::bgtest(fit, order = L, type = "Chisq", fill = 0)); R 4.2 gives for
	 * L = 1: 3.10134359578417 (p 0.0782277066443074), L = 4: 15.8984914247727 (p 0.00315844184000716).
	 * L above n/4 is cut to n/4 = 6.
	 */
	{
		double t[24], y[24];
		struct ind_trend tb;
		struct ind_trend_opts ob = { IND_SE_OLS, NULL, 0, 1 };
		for (int i = 0; i < 24; i++)
			t[i] = 2000 + i, y[i] = i + 3 * sin(i) + (i % 4);
		OK(ind_trend_fit(t, y, 24, &ob, &tb) == 0 && tb.bg_lags == 1, "BG with one lag");
		OK_NEAR(tb.bg_stat, 3.10134359578417, 1e-10, "BG(1) statistic (lmtest::bgtest)");
		OK_NEAR(tb.bg_p, 0.0782277066443074, 1e-10, "BG(1) p");
		ob.ac_lags = 4;
		OK(ind_trend_fit(t, y, 24, &ob, &tb) == 0 && tb.bg_lags == 4, "BG with four lags");
		OK_NEAR(tb.bg_stat, 15.8984914247727, 1e-10, "BG(4) statistic");
		OK_NEAR(tb.bg_p, 0.00315844184000716, 1e-10, "BG(4) p");
		ob.ac_lags = 12;
		OK(ind_trend_fit(t, y, 24, &ob, &tb) == 0 && tb.bg_lags == 6, "lags cut to n/4");
	}
	return tap_done();
}
