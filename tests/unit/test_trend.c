/* test_trend.c - trend statistics against hand derivations, R and NIST StRD. See LICENSE. */
#include <gsl/gsl_cdf.h>
#include <stdint.h>
#include <stdlib.h>

#include "shared_data.h"
#include "tap.h"
#include "trend.h"

/*
 * The reference for Mann-Kendall, tau-b and Sen: kendall() as it was
 * before slope selection, holding all n(n-1)/2 pair slopes (names prefixed
 * ref_, the S loop of ind_mann_kendall inlined). The new code must give
 * the same doubles, bit for bit.
 */

static int ref_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void ref_ties(const double *v, size_t n, double *tie_var, double *tie_pairs)
{
	double *s = malloc((n ? n : 1) * sizeof *s);
	*tie_var = *tie_pairs = 0;
	if (!s)
		return;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, ref_cmp_double);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !(s[j] > s[i]))
			j++;
		if (j - i > 1) {
			double k = (double)(j - i);
			*tie_var += k * (k - 1) * (2 * k + 5);
			*tie_pairs += k * (k - 1) / 2;
		}
		i = j;
	}
	free(s);
}

static void ref_mann_kendall(const double *y, size_t n, double *s, double *var)
{
	double tv, tp, nn = (double)n;
	*s = 0;
	for (size_t i = 0; i + 1 < n; i++)
		for (size_t j = i + 1; j < n; j++)
			*s += (y[j] > y[i]) - (y[j] < y[i]);
	ref_ties(y, n, &tv, &tp);
	*var = (nn * (nn - 1) * (2 * nn + 5) - tv) / 18.0;
}

static double ref_select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = a[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				double tmp = a[i];
				a[i] = a[j];
				a[j] = tmp;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return a[k];
	}
	return a[k];
}

static double ref_select_after(double *a, size_t n, size_t m, size_t k)
{
	if (k == m)
		return a[m];
	if (k < m)
		return ref_select_kth(a, m, k);
	return ref_select_kth(a + m + 1, n - m - 1, k - m - 1);
}

static double ref_max_of(const double *a, size_t n)
{
	double m = a[0];
	for (size_t i = 1; i < n; i++)
		if (a[i] > m)
			m = a[i];
	return m;
}

struct ref_mk {
	double mk_s, mk_var, mk_z, mk_p, mk_tau, sen, sen_lo, sen_hi;
};

static void ref_kendall(const double *t, const double *y, size_t n, const int *season, int nseasons, struct ref_mk *tr)
{
	size_t npairs = n * (n - 1) / 2, k = 0;
	double *slopes = malloc((npairs ? npairs : 1) * sizeof *slopes);
	double s = 0, var = 0, pairs = 0, ytp = 0, ttp = 0, tv, sb = 0;
	int groups = season ? nseasons : 1;

	tr->mk_s = tr->mk_var = tr->mk_z = tr->mk_p = tr->mk_tau = tr->sen = tr->sen_lo = tr->sen_hi = NAN;
	if (!slopes)
		return;
	for (int g = 1; g <= groups; g++) {
		double *yy = malloc(n * sizeof *yy), *tt = malloc(n * sizeof *tt), sg, vg, ng = 0;
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (!season || season[i] == g)
				yy[m] = y[i], tt[m] = t[i], m++;
		if (m >= 2) {
			ref_mann_kendall(yy, m, &sg, &vg);
			s += sg;
			var += vg;
			ng = (double)m;
			pairs += ng * (ng - 1) / 2;
			ref_ties(yy, m, &tv, &vg);
			ytp += vg;
			ref_ties(tt, m, &tv, &vg);
			ttp += vg;
			for (size_t i = 0; i + 1 < m; i++)
				for (size_t j = i + 1; j < m; j++) {
					double dt = tt[j] - tt[i], dy = yy[j] - yy[i];
					sb += (double)(((dt > 0) - (dt < 0)) * ((dy > 0) - (dy < 0)));
					if (tt[j] > tt[i])
						slopes[k++] = dy / dt;
				}
		}
		free(yy);
		free(tt);
	}
	tr->mk_s = s;
	tr->mk_var = var;
	if (var > 0) {
		tr->mk_z = s > 0 ? (s - 1) / sqrt(var) : s < 0 ? (s + 1) / sqrt(var) : 0;
		tr->mk_p = 2 * gsl_cdf_ugaussian_Q(fabs(tr->mk_z));
	}
	if (pairs - ytp > 0 && pairs - ttp > 0)
		tr->mk_tau = sb / sqrt((pairs - ytp) * (pairs - ttp));
	if (k > 0) {
		double c = gsl_cdf_ugaussian_Pinv(0.975) * sqrt(var), nk = (double)k;
		double lo = nearbyint((nk - c) / 2), up = nearbyint((nk + c) / 2 + 1);
		size_t mid = k / 2;
		double hi = ref_select_kth(slopes, k, mid);
		tr->sen = k % 2 ? hi : (ref_max_of(slopes, mid) + hi) / 2;
		if (lo >= 1 && lo <= nk)
			tr->sen_lo = ref_select_after(slopes, k, mid, (size_t)lo - 1);
		if (up >= 1 && up <= nk)
			tr->sen_hi = ref_select_after(slopes, k, mid, (size_t)up - 1);
	}
	free(slopes);
}

static uint64_t rng_state = 88172645463325252u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static double unif(void) { return (double)(rng() >> 11) * 0x1p-53; }

static int same_double(double a, double b) { return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0; }

/* A random series: times with and without ties, values with and without ties, dyadic or not. */
static void random_series(size_t n, int tk, int yk, double *t, double *y)
{
	double tv = 0, slope = (double)(rng() % 3) * (unif() - 0.3);
	for (size_t i = 0; i < n; i++) {
		switch (tk) {
		case 0: tv = (double)(i + 1); break;				/* 1..n */
		case 1: tv += rng() % 3 ? 1 : 0; break;				/* integers, ties */
		case 2: tv = 2000 + (double)(i / (1 + rng() % 2)) / 12.0;	/* months, ties */
			if (i > 0 && tv < t[i - 1])
				tv = t[i - 1];
			break;
		case 3: tv += rng() % 4 == 0 ? 0 : unif() * 3; break;		/* reals, ties */
		default: tv = 2010 + (double)i / 12.0; break;			/* months */
		}
		t[i] = tv;
	}
	for (size_t i = 0; i < n; i++) {
		switch (yk) {
		case 0: y[i] = (double)(rng() % 5); break;
		case 1: y[i] = (double)(rng() % 100) + floor(slope * 10 * (double)i); break;
		case 2: y[i] = round(unif() * 1000) / 10.0; break;		/* one decimal, ties */
		case 3: y[i] = unif() * 100 + slope * t[i]; break;
		case 4: y[i] = (double)i * 0.1; break;				/* nearly collinear */
		case 5: y[i] = (double)(i % 7) + (rng() % 2 ? 0.1 : 0); break;
		case 6: y[i] = rng() % 4 == 0 ? 12.3 : rng() % 2 ? 45.6 : 7.8; break;
		default: y[i] = t[i] * 2 + (double)(rng() % 2); break;		/* collinear runs */
		}
	}
}

/* ind_kendall_sen under several limits against the reference; the count of series that differ. */
static int kendall_vs_reference(const double *t, const double *y, size_t n, const int *season, int nseasons)
{
	static const struct ind_kendall_tuning tu[] = {
		{ 0, 0, 0 }, { 0, 1, 0 }, { 0, 7, 0 }, { 0, 50, 0 }, { 0, 3, 1 }, { 0, 200, 2 }, { 1000, 0, 0 },
	};
	struct ref_mk r;
	int bad = 0;
	ref_kendall(t, y, n, season, nseasons, &r);
	for (int k = -1; k < (int)(sizeof tu / sizeof tu[0]); k++) {
		if (n > 400 && k > 0 && tu[k].enum_max < 50)
			continue;	/* bisecting long series 64 times over is slow, not different */
		struct ind_trend tr;
		int rc = ind_kendall_sen(t, y, n, season, nseasons, k < 0 ? NULL : &tu[k], &tr);
		const double a[] = { tr.mk_s, tr.mk_var, tr.mk_z, tr.mk_p, tr.mk_tau, tr.sen, tr.sen_lo, tr.sen_hi };
		const double b[] = { r.mk_s, r.mk_var, r.mk_z, r.mk_p, r.mk_tau, r.sen, r.sen_lo, r.sen_hi };
		for (int f = 0; f < 8; f++)
			if (rc != 0 || !same_double(a[f], b[f])) {
				if (bad++ < 5)
					printf("#   n %zu, limits %d, field %d: got %.17g, want %.17g\n", n, k, f, a[f], b[f]);
			}
	}
	return bad;
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

	/*
	 * Slope selection against the direct method: random series of 2..300
	 * points (and a few of 2500, for the radix sort), without and with
	 * seasons, under the default limits and under tiny ones that force the
	 * sampling rounds, the margins of inexact slopes, the widening of cuts
	 * and the bisection of values. Every statistic the same double.
	 */
	{
		static double t[2600], y[2600];
		static int season[2600];
		int bad = 0, series = 0;
		for (int it = 0; it < 420; it++) {
			size_t n = it < 6 ? (size_t)it + 2 : it % 70 == 0 ? 2500 : 2 + (size_t)(rng() % 299);
			int tk = (int)(rng() % 5), yk = (int)(rng() % 8), seas = (int)(rng() % 3), ns = 0;
			const int *sp = NULL;
			random_series(n, tk, yk, t, y);
			if (seas == 1) {
				ns = 12;
				for (size_t i = 0; i < n; i++)
					season[i] = 1 + (int)(i % 12);
				sp = season;
			} else if (seas == 2) {
				ns = 4;
				for (size_t i = 0; i < n; i++)
					season[i] = 1 + (int)(rng() % 4);
				sp = season;
			}
			bad += kendall_vs_reference(t, y, n, sp, ns) != 0;
			series++;
		}
		OK(bad == 0, "Mann-Kendall, tau-b, Sen and its interval as the direct method on %d random series (%d differ)",
		   series, bad);
	}
	{	/* slopes all equal (y = t), all zero but one pair, and 1/3 everywhere: heavy ties among the slopes */
		static double t[400], y[400];
		int bad = 0;
		for (int i = 0; i < 400; i++)
			t[i] = 2000 + i / 12.0, y[i] = t[i];
		bad += kendall_vs_reference(t, y, 400, NULL, 0);
		for (int i = 0; i < 400; i++)
			t[i] = i, y[i] = i == 200 ? 1 : 0;
		bad += kendall_vs_reference(t, y, 400, NULL, 0);
		for (int i = 0; i < 400; i++)
			t[i] = 3 * i, y[i] = i + (i % 2) * 0.25;
		bad += kendall_vs_reference(t, y, 400, NULL, 0);
		OK(bad == 0, "Sen with heavy ties among the slopes as the direct method");
	}
	{	/* ind_mann_kendall in O(n log n): S as the double loop counts it */
		double y[500], s, var, s_ref = 0, var_ref;
		for (int i = 0; i < 500; i++)
			y[i] = (double)(rng() % 20);
		OK(ind_mann_kendall(y, 500, &s, &var) == 0, "ind_mann_kendall on 500 values");
		ref_mann_kendall(y, 500, &s_ref, &var_ref);
		OK(s == s_ref && var == var_ref, "S %g and Var S as the double loop (%g)", s, s_ref);
	}
	return tap_done();
}
