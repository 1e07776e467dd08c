/* test_compare.c - before/after tests, proportions, OLS/HAC/Poisson fits and ITS. See LICENSE. */
#include <gsl/gsl_cdf.h>
#include <stdlib.h>

#include "compare.h"
#include "tap.h"
#include "trend.h"

/*
 * Lopez Bernal, Cummins & Gasparrini (2017), "Interrupted time series regression
 * for the evaluation of public health interventions: a tutorial", Int J Epidemiol
 * 46:348-355: acute coronary events in Sicily, 2002-2006, smoking ban from 2005-01.
 * The tutorial's data (supplementary material), as year, month, events, standard population.
 */
static const double sicily[59][4] = {
	{ 2002, 1, 728, 379875.3 }, { 2002, 2, 659, 376495.5 }, { 2002, 3, 791, 377040.8 }, { 2002, 4, 734, 377116.4 },
	{ 2002, 5, 757, 377383.4 }, { 2002, 6, 726, 374113.1 }, { 2002, 7, 760, 379513.3 }, { 2002, 8, 740, 376295.5 },
	{ 2002, 9, 720, 374653.2 }, { 2002, 10, 814, 378485.6 }, { 2002, 11, 795, 375955.5 }, { 2002, 12, 858, 378349.7 },
	{ 2003, 1, 887, 376762.4 }, { 2003, 2, 766, 379032.3 }, { 2003, 3, 851, 379360.4 }, { 2003, 4, 769, 376162 },
	{ 2003, 5, 781, 377972.4 }, { 2003, 6, 756, 381830.7 }, { 2003, 7, 766, 379888.6 }, { 2003, 8, 752, 380872.2 },
	{ 2003, 9, 765, 380966.9 }, { 2003, 10, 831, 381240.4 }, { 2003, 11, 879, 382104.9 }, { 2003, 12, 928, 381802.7 },
	{ 2004, 1, 914, 381656.3 }, { 2004, 2, 808, 383680 }, { 2004, 3, 937, 383504.2 }, { 2004, 4, 840, 386462.9 },
	{ 2004, 5, 916, 383783.1 }, { 2004, 6, 828, 380836.8 }, { 2004, 7, 845, 383483 }, { 2004, 8, 818, 380906.2 },
	{ 2004, 9, 860, 382926.8 }, { 2004, 10, 839, 384052.4 }, { 2004, 11, 887, 384449.6 }, { 2004, 12, 886, 383428.4 },
	{ 2005, 1, 831, 388153.2 }, { 2005, 2, 796, 388373.2 }, { 2005, 3, 833, 386470.1 }, { 2005, 4, 820, 386033.2 },
	{ 2005, 5, 877, 383686.4 }, { 2005, 6, 758, 385509.3 }, { 2005, 7, 767, 385901.9 }, { 2005, 8, 738, 386516.6 },
	{ 2005, 9, 781, 388436.5 }, { 2005, 10, 843, 383255.2 }, { 2005, 11, 850, 390148.7 }, { 2005, 12, 908, 385874.9 },
	{ 2006, 1, 1021, 391613.6 }, { 2006, 2, 859, 391750.4 }, { 2006, 3, 976, 394005.6 }, { 2006, 4, 888, 391364.9 },
	{ 2006, 5, 962, 391664.6 }, { 2006, 6, 838, 389022.3 }, { 2006, 7, 810, 391878.5 }, { 2006, 8, 876, 388575.3 },
	{ 2006, 9, 843, 392989 }, { 2006, 10, 936, 390018.8 }, { 2006, 11, 912, 390712.3 },
};

int main(void)
{
	struct ind_two_groups g;

	/*
	 * Welch: a = 1..5 (mean 3, var 2.5), b = 2,4,..,10 (mean 6, var 10):
	 * se^2 = 2.5/5 + 10/5 = 2.5, t = 3/sqrt(2.5) = 1.8973665961,
	 * df = 2.5^2 / (0.5^2/4 + 2^2/4) = 100/17 = 5.882352941; R t.test(b, a) gives
	 * p = 0.107531194930627 and CI -0.887741643736975 .. 6.887741643736975.
	 * Hedges: s_p = sqrt((4*2.5 + 4*10)/8) = 2.5, g = 3/2.5 * (1 - 3/31) = 1.08387096774194.
	 */
	{
		const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 2, 4, 6, 8, 10 };
		ind_two_groups(a, 5, b, 5, &g);
		OK_NEAR(g.diff, 3, 1e-15, "difference of means");
		OK_NEAR(g.rel_change, 1, 1e-15, "relative change");
		OK_NEAR(g.welch_t, 1.897366596101028, 1e-13, "Welch t");
		OK_NEAR(g.welch_df, 100.0 / 17, 1e-13, "Welch-Satterthwaite df");
		OK_NEAR(g.welch_p, 0.107531194930627, 1e-12, "Welch p");
		OK_NEAR(g.diff_lo, -0.887741643736975, 1e-12, "Welch CI low");
		OK_NEAR(g.diff_hi, 6.887741643736975, 1e-12, "Welch CI high");
		OK_NEAR(g.hedges_g, 1.08387096774194, 1e-13, "Hedges' g");
		OK_NEAR(g.median_a, 3, 0, "median before");
	}
	/*
	 * Mann-Whitney without ties: b = 5.5 6.6 2.5 7.7 8.8 against a = 1.1 2.2 3.3 4.4:
	 * ranks of b: 6 7 3 8 9 -> W = 33 - 15 = 18 (of 20); exact p = 2 P(U >= 18)
	 * = 2 * 4/126 = 0.0634920634920635 (R: wilcox.test(b, a)).
	 */
	{
		const double a[] = { 1.1, 2.2, 3.3, 4.4 }, b[] = { 5.5, 6.6, 2.5, 7.7, 8.8 };
		ind_two_groups(a, 4, b, 5, &g);
		OK(g.mw_exact && g.mw_u == 18, "U = 18, exact");
		OK_NEAR(g.mw_p, 0.0634920634920635, 1e-14, "exact p = 8/126");
	}
	/* with ties and 51 per group: the normal approximation with tie and continuity corrections (R: 1783, p 0.00125575829587229) */
	{
		double a[51], b[51];
		for (int i = 0; i < 51; i++) {
			a[i] = i == 0 ? 1 : i == 1 ? 2 : i;
			b[i] = a[i] + 10.5;
		}
		ind_two_groups(a, 51, b, 51, &g);
		OK(!g.mw_exact && g.mw_u == 1783, "U = 1783, normal approximation (U %g)", g.mw_u);
		OK_NEAR(g.mw_p, 0.00125575829587229, 1e-12, "p with tie and continuity corrections");
	}
	/*
	 * Newcombe (1998), Statistics in Medicine 17:873-890, Table II example (a):
	 * 56/70 - 48/80 = 0.2, method 10 (hybrid score) 95 % CI 0.0524 to 0.3339.
	 */
	{
		struct ind_props pr;
		ind_two_props(48, 80, 56, 70, &pr);
		OK_NEAR(pr.diff, 0.2, 1e-15, "difference of proportions");
		OK_NEAR(pr.lo, 0.0524, 5e-5, "Newcombe low 0.0524 (published)");
		OK_NEAR(pr.hi, 0.3339, 5e-5, "Newcombe high 0.3339 (published)");
		/* z = 0.2 / sqrt(p(1-p)(1/80+1/70)), p = 104/150: R prop.test(correct=FALSE) p-value */
		OK_NEAR(pr.p, 0.00804508136819656, 1e-10, "two-proportion test p (R: prop.test(correct = FALSE))");
	}
	/* bootstrap: the same seed gives the same interval */
	{
		const double a[] = { 1, 2, 3, 4, 5, 6 }, b[] = { 4, 5, 6, 7, 8, 9, 10 };
		double lo1, hi1, lo2, hi2, lo3, hi3;
		ind_bootstrap_diff(a, 6, b, 7, 2000, 42, &lo1, &hi1);
		ind_bootstrap_diff(a, 6, b, 7, 2000, 42, &lo2, &hi2);
		ind_bootstrap_diff(a, 6, b, 7, 2000, 43, &lo3, &hi3);
		OK(lo1 == lo2 && hi1 == hi2, "bootstrap reproducible with a seed");
		OK(lo1 != lo3 || hi1 != hi3, "another seed, another resample");
		OK(lo1 < 3.5 && hi1 > 3.5 && lo1 > 0, "bootstrap CI covers the difference 3.5 [%g, %g]", lo1, hi1);
	}
	/* HAC on the design [1, t - 3] equals ind-trend's hand-derived Newey-West SE (0.164924225024706) */
	{
		const double t[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
		double x[10];
		struct ind_fit f;
		for (int i = 0; i < 5; i++)
			x[2 * i] = 1, x[2 * i + 1] = t[i] - 3;
		OK(ind_fit_ols(x, y, 5, 2, IND_ITS_SE_HAC, &f) == 0 && f.lag == 2, "HAC fit");
		OK_NEAR(sqrt(f.cov[3]), 0.164924225024706, 1e-12, "Newey-West SE of the slope");
		OK_NEAR(f.beta[1], 0.6, 1e-14, "slope");
	}
	/* OLS ITS on exact data: y = 10 + 2x, then a level change of -5 and a slope change of -1 per year */
	{
		double t[48], y[48];
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS, .se = IND_ITS_SE_OLS };
		const double t0 = 2020;
		for (int i = 0; i < 48; i++) {
			double x;
			t[i] = 2018 + i / 12.0;
			x = t[i] - 2020;
			y[i] = 10 + 2 * x + (x >= 0 ? -5 - 1 * x : 0) + (i % 2 ? 1e-9 : -1e-9);
		}
		OK(ind_its_fit(t, y, NULL, NULL, 48, &t0, 1, &o, &r) == 0 && r.brk[0].n_before == 24 && r.brk[0].n_after == 24,
		   "ITS fit");
		OK_NEAR(r.brk[0].level, -5, 1e-6, "level change");
		OK_NEAR(r.brk[0].slope_change, -1, 1e-6, "slope change per year");
		OK_NEAR(r.brk[0].pre_slope, 2, 1e-6, "pre-period slope");
		OK_NEAR(r.brk[0].effect_end, -5 - (t[47] - 2020), 1e-6, "effect at the last period");
	}
	/*
	 * Poisson ITS, validated on the tutorial of Lopez Bernal et al. (2017): its first
	 * Poisson model (supplementary R code: glm(aces ~ offset(log(stdpop)) + smokban + time,
	 * family = poisson)) on its data: rate ratio of the smoking ban 0.894 (95 % CI 0.865 to
	 * 0.925). To full precision, R 4.2 glm: 0.894376508018 (0.864686416793, 0.925086045715);
	 * quasipoisson (Pearson dispersion 3.559): CI 0.839189003859 .. 0.953193302601.
	 */
	{
		double x[59 * 3], y[59], off[59];
		struct ind_fit f;
		double a[3] = { 0, 1, 0 }, b, se;
		for (int i = 0; i < 59; i++) {
			x[3 * i] = 1;
			x[3 * i + 1] = sicily[i][0] >= 2005 ? 1 : 0;
			x[3 * i + 2] = i + 1;
			y[i] = sicily[i][2];
			off[i] = log(sicily[i][3]);
		}
		OK(ind_fit_poisson(x, y, off, 59, 3, false, &f) == 0, "Poisson GLM converges (%d iterations)", f.iterations);
		ind_fit_combine(&f, a, &b, &se);
		OK_NEAR(exp(b), 0.894, 5e-4, "tutorial RR 0.894");
		OK_NEAR(exp(b - 1.959963984540054 * se), 0.865, 5e-4, "tutorial CI low 0.865");
		OK_NEAR(exp(b + 1.959963984540054 * se), 0.925, 5e-4, "tutorial CI high 0.925");
		OK_NEAR(exp(b), 0.894376508018, 1e-9, "R glm RR to 9 digits");
		OK_NEAR(f.beta[0], -6.24315091046547, 1e-9, "R glm intercept");
		OK(ind_fit_poisson(x, y, off, 59, 3, true, &f) == 0, "quasi-Poisson");
		ind_fit_combine(&f, a, &b, &se);
		OK_NEAR(exp(b - 1.959963984540054 * se), 0.839189003859, 1e-8, "quasi CI low (Pearson dispersion 3.559)");
		OK_NEAR(exp(b + 1.959963984540054 * se), 0.953193302601, 1e-8, "quasi CI high");
	}
	/* the same data through ind_its_fit (time in years, level and slope change): R glm coefficients */
	{
		double t[59], y[59], off[59];
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_POISSON };
		const double t0 = 2005;
		for (int i = 0; i < 59; i++) {
			t[i] = sicily[i][0] + (sicily[i][1] - 1) / 12;
			y[i] = sicily[i][2];
			off[i] = log(sicily[i][3]);
		}
		OK(ind_its_fit(t, y, off, NULL, 59, &t0, 1, &o, &r) == 0, "Poisson ITS");
		OK_NEAR(r.brk[0].level, -0.11369418099736, 1e-9, "log level change (R glm)");
		OK_NEAR(r.brk[0].level_se, 0.01825493771549, 1e-6, "its SE (glm's IRLS stops at a looser tolerance)");
		OK_NEAR(r.brk[0].slope_change, 0.00500214419086, 1e-9, "log slope change per year");
		OK_NEAR(r.brk[0].pre_slope, 0.05825899257845, 1e-9, "pre slope");
		OK_NEAR(r.brk[0].rr_level, exp(-0.11369418099736), 1e-9, "rate ratio of the level change");
	}
	/* AR(1): at convergence rho is the lag-1 autocorrelation of the residuals it leaves */
	{
		double t[60], y[60], x[120], e = 0;
		struct ind_fit f;
		for (int i = 0; i < 60; i++) {
			e = 0.6 * e + sin(i * 1.7) + cos(i * 0.3);
			t[i] = i / 12.0;
			y[i] = 5 + 0.5 * t[i] + e;
			x[2 * i] = 1;
			x[2 * i + 1] = t[i];
		}
		/*
		 * Prais-Winsten iterated in R by hand (rho = sum e_t e_{t-1} / sum e_{t-1}^2 from the
		 * original-scale residuals, row 1 scaled by sqrt(1 - rho^2), to |d rho| < 1e-10;
		 * V = s^2 (X'X)^-1 of the transformed
		 * regression with s^2 = its SSE / (n - p)): rho 0.814952655871758, b = 5.55272323492497,
		 * 0.257131026825277, SEs 1.09239259680706, 0.368772369808256; t on n - p = 58 df.
		 */
		OK(ind_fit_ols(x, y, 60, 2, IND_ITS_SE_AR1, &f) == 0, "Prais-Winsten (%d iterations)", f.iterations);
		OK_NEAR(f.rho, 0.814952655871758, 1e-8, "rho as R's regression of e_t on e_{t-1}");
		OK_NEAR(f.beta[0], 5.55272323492497, 1e-8, "Prais-Winsten intercept");
		OK_NEAR(f.beta[1], 0.257131026825277, 1e-8, "Prais-Winsten slope");
		OK_NEAR(sqrt(f.cov[0]), 1.09239259680706, 1e-7, "SE of the intercept");
		OK_NEAR(sqrt(f.cov[3]), 0.368772369808256, 1e-7, "SE of the slope");
		OK(f.df == 58, "t on n - p = 58 degrees of freedom (df %g)", f.df);
	}
	/*
	 * The smallest case: y = 2,4,5,4,5,7 in 2021..2026, interruption 2024. R:
	 * fit <- lm(y ~ x + post + xpost) (x = t - 2024); a <- c(0, 0, 1, 2);
	 * est = a'b = -2.83333333333333, se = sqrt(a' vcov(fit) a) = 1.23603308118261,
	 * CI est -/+ qt(0.975, 2) se = -8.1515544441443 .. 2.48488777747765;
	 * counterfactual at 2026 b0 + 2 b1 = 9.66666666666666 (4.59594179617226 .. 14.7373915371611);
	 * lmtest::bgtest(fit, order = 1, type = "Chisq", fill = 0): 5.92682926829268,
	 * p 0.014912049655216; Durbin-Watson sum(diff(e)^2)/sum(e^2) = 10/3.
	 */
	{
		const double t[] = { 2021, 2022, 2023, 2024, 2025, 2026 }, y[] = { 2, 4, 5, 4, 5, 7 }, t0 = 2024;
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS, .ac_lags = 1 };
		double fit, cf, lo, hi;
		OK(ind_its_fit(t, y, NULL, NULL, 6, &t0, 1, &o, &r) == 0, "small ITS");
		OK_NEAR(r.brk[0].effect_end, -2.83333333333333, 1e-12, "effect at the end");
		OK_NEAR(r.brk[0].effect_end_lo, -8.1515544441443, 1e-12, "effect_end_lo from a'Va");
		OK_NEAR(r.brk[0].effect_end_hi, 2.48488777747765, 1e-12, "effect_end_hi from a'Va");
		OK_NEAR(r.brk[0].level_lo, -5.95913807302121, 1e-12, "level_lo");
		OK_NEAR(r.brk[0].slope_change_hi, 1.75655062137989, 1e-12, "slope_change_hi");
		ind_its_predict(&r, 2026, 0, 0, &fit, &cf, &lo, &hi);
		OK_NEAR(cf, 9.66666666666666, 1e-12, "counterfactual at the end");
		OK_NEAR(lo, 4.59594179617226, 1e-12, "cf_lo");
		OK_NEAR(hi, 14.7373915371611, 1e-12, "cf_hi");
		OK_NEAR(r.bg_stat, 5.92682926829268, 1e-12, "Breusch-Godfrey LM statistic (lmtest::bgtest)");
		OK_NEAR(r.bg_p, 0.014912049655216, 1e-12, "Breusch-Godfrey p");
		OK(r.bg_lags == 1, "one lag");
		OK_NEAR(r.dw, 10.0 / 3, 1e-12, "Durbin-Watson");
	}
	/*
	 * Two interruptions on exact data: y = 10 + 2 (t - 2018) - 5 post1 - 1 (t - 2018) post1
	 * + 3 post2 + 0.5 (t - 2019.5) post2, monthly 2016..2021, breaks 2018 and 2019.5:
	 * the fit must give back c = -5, 3, d = -1, 0.5; pre_slope of break 2 = 2 - 1;
	 * effect_end_k = c_k + d_k (t_last - t_k).
	 */
	{
		double t[72], y[72];
		const double tk[] = { 2018, 2019.5 };
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS };
		for (int i = 0; i < 72; i++) {
			t[i] = 2016 + i / 12.0;
			y[i] = 10 + 2 * (t[i] - 2018) + (t[i] >= 2018 ? -5 - (t[i] - 2018) : 0) +
			       (t[i] >= 2019.5 ? 3 + 0.5 * (t[i] - 2019.5) : 0) + (i % 3 ? 1e-6 : -2e-6);
		}
		OK(ind_its_fit(t, y, NULL, NULL, 72, tk, 2, &o, &r) == 0, "two-interruption ITS");
		OK(r.brk[0].n_before == 24 && r.brk[0].n_after == 18 && r.brk[1].n_before == 18 && r.brk[1].n_after == 30,
		   "segments 24, 18, 30");
		OK_NEAR(r.brk[0].level, -5, 1e-5, "c_1");
		OK_NEAR(r.brk[0].slope_change, -1, 1e-5, "d_1");
		OK_NEAR(r.brk[1].level, 3, 1e-5, "c_2");
		OK_NEAR(r.brk[1].slope_change, 0.5, 1e-5, "d_2");
		OK_NEAR(r.brk[1].pre_slope, 1, 1e-5, "trend before the second interruption: b1 + d_1");
		OK_NEAR(r.brk[1].effect_end, 3 + 0.5 * (t[71] - 2019.5), 1e-5, "effect_end_2");
		OK_NEAR(r.brk[0].effect_end, -5 - (t[71] - 2018), 1e-5, "effect_end_1");
	}
	/* interruptions that cannot be told apart: one fitted point between them is an error, not a singular fit */
	{
		double t[40], y[40];
		const double tk[] = { 2018, 2018 + 1 / 12.0 };
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS };
		for (int i = 0; i < 40; i++)
			t[i] = 2016 + i / 12.0, y[i] = i + (i % 2);
		OK(ind_its_fit(t, y, NULL, NULL, 40, tk, 2, &o, &r) < 0 && r.status == IND_ITS_TOO_CLOSE && r.close_break == 0,
		   "one point between interruptions: too close");
	}
	/*
	 * Not identified: 24 months 2019-01..2020-12, break 2020-01, month dummies. R:
	 * lm(y ~ x + post + xpost + factor(month)) has rank 14 of 15 and leaves
	 * factor(month)12 NA (x is a combination of the intercept, post and the months).
	 */
	{
		double t[24], y[24];
		int month[24];
		const double t0 = 2020;
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS, .season = IND_SEASON_MONTH };
		for (int i = 0; i < 24; i++) {
			t[i] = 2019 + i / 12.0;
			month[i] = i % 12 + 1;
			y[i] = 100 + 2 * i + (i % 5);
		}
		OK(ind_its_fit(t, y, NULL, month, 24, &t0, 1, &o, &r) < 0 && r.status == IND_ITS_NOT_IDENTIFIED,
		   "month dummies over two years split at the year: not identified");
		OK(r.rank == 14 && r.ncoef == 15, "rank 14 of 15 (R: fit$rank) (%zu of %zu)", r.rank, r.ncoef);
		OK_STR(r.aliased, "month_12", "the aliased term is December's dummy, as R's NA");
		OK(isnan(r.brk[0].level) && isnan(r.brk[0].level_se), "no statistics from a singular fit");
	}
	/*
	 * Every interval recomputed here from the fitted covariance, for each error model:
	 * est = a'b, se = sqrt(a'Va) with an explicit double loop, then est -/+ q se with
	 * q = t(0.975, df) for linear models and 1.959963984540054 for GLMs.
	 */
	{
		double t[60], y[60], e = 0, off[60];
		int month[60];
		const double tk[] = { 2019, 2020.5 };
		static const struct {
			enum ind_model model;
			enum ind_its_se se;
			enum ind_season season;
			bool quasi;
			const char *name;
		} models[] = {
			{ IND_MODEL_OLS, IND_ITS_SE_OLS, IND_SEASON_NONE, false, "ols" },
			{ IND_MODEL_OLS, IND_ITS_SE_HAC, IND_SEASON_NONE, false, "hac" },
			{ IND_MODEL_OLS, IND_ITS_SE_AR1, IND_SEASON_NONE, false, "ar1" },
			{ IND_MODEL_OLS, IND_ITS_SE_OLS, IND_SEASON_MONTH, false, "ols + month" },
			{ IND_MODEL_OLS, IND_ITS_SE_HAC, IND_SEASON_FOURIER, false, "hac + fourier2" },
			{ IND_MODEL_POISSON, IND_ITS_SE_OLS, IND_SEASON_NONE, false, "poisson" },
			{ IND_MODEL_POISSON, IND_ITS_SE_OLS, IND_SEASON_MONTH, true, "quasi-poisson + month" },
		};
		for (int i = 0; i < 60; i++) {
			e = 0.5 * e + sin(i * 1.3);
			t[i] = 2017 + i / 12.0;
			month[i] = i % 12 + 1;
			y[i] = round(200 + 10 * (t[i] - 2017) + (t[i] >= 2019 ? -20 : 0) + (t[i] >= 2020.5 ? 15 : 0) +
				     (month[i] == 7 ? -12 : 0) + 8 * e);
			off[i] = log(1000 + i);
		}
		for (size_t m = 0; m < sizeof models / sizeof models[0]; m++) {
			struct ind_its r;
			struct ind_its_opts o = { .model = models[m].model, .se = models[m].se, .season = models[m].season,
						  .fourier_k = 2, .quasi = models[m].quasi };
			bool glm = o.model == IND_MODEL_POISSON;
			int bad = 0;
			double q;
			OK(ind_its_fit(t, y, glm ? off : NULL, month, 60, tk, 2, &o, &r) == 0, "%s: fit", models[m].name);
			q = glm ? 1.959963984540054 : gsl_cdf_tdist_Qinv(0.025, r.fit.df);
			OK(glm ? r.fit.df == 0 : r.fit.df == 60.0 - (double)r.fit.p, "%s: df %g (n - p)", models[m].name, r.fit.df);
			for (size_t k = 0; k < 2; k++) {
				const struct ind_its_break *b = &r.brk[k];
				for (int which = 0; which < 3; which++) {
					double a[IND_MAX_COEF] = { 0 }, est = 0, v = 0, want_lo, want_hi, got_lo, got_hi;
					a[2 + 2 * k] = which != 1;
					a[3 + 2 * k] = which == 1 ? 1 : which == 2 ? t[59] - tk[k] : 0;
					for (size_t i = 0; i < r.fit.p; i++) {
						est += a[i] * r.fit.beta[i];
						for (size_t j = 0; j < r.fit.p; j++)
							v += a[i] * a[j] * r.fit.cov[i * r.fit.p + j];
					}
					want_lo = est - q * sqrt(v), want_hi = est + q * sqrt(v);
					got_lo = which == 0 ? b->level_lo : which == 1 ? b->slope_change_lo : b->effect_end_lo;
					got_hi = which == 0 ? b->level_hi : which == 1 ? b->slope_change_hi : b->effect_end_hi;
					if (fabs(got_lo - want_lo) > 1e-9 * fmax(1, fabs(want_lo)) ||
					    fabs(got_hi - want_hi) > 1e-9 * fmax(1, fabs(want_hi)))
						bad++;
				}
			}
			OK(bad == 0, "%s: level, slope change and effect_end intervals of both interruptions = est -/+ q sqrt(a'Va)",
			   models[m].name);
			{	/* the counterfactual band: intercept, time and the season terms only */
				double row[IND_MAX_COEF] = { 0 }, est = 0, v = 0, fit, cf, lo, hi, tt = t[50];
				size_t p = 0;
				row[p++] = 1;
				row[p++] = tt - tk[0];
				p += 4;
				if (o.season == IND_SEASON_MONTH)
					for (int mm = 2; mm <= 12; mm++)
						row[p++] = month[50] == mm;
				else if (o.season == IND_SEASON_FOURIER)
					for (int kk = 1; kk <= 2; kk++) {
						row[p++] = sin(2 * 3.14159265358979323846 * kk * tt);
						row[p++] = cos(2 * 3.14159265358979323846 * kk * tt);
					}
				for (size_t i = 0; i < r.fit.p; i++) {
					est += row[i] * r.fit.beta[i];
					for (size_t j = 0; j < r.fit.p; j++)
						v += row[i] * row[j] * r.fit.cov[i * r.fit.p + j];
				}
				ind_its_predict(&r, tt, month[50], glm ? off[50] : 0, &fit, &cf, &lo, &hi);
				if (glm)
					est += off[50];
				OK_NEAR(glm ? log(lo) : lo, est - q * sqrt(v), 1e-9, "%s: cf_lo = x'b - q sqrt(x'Vx)", models[m].name);
				OK_NEAR(glm ? log(hi) : hi, est + q * sqrt(v), 1e-9, "%s: cf_hi", models[m].name);
			}
		}
	}
	/* quasi-Poisson with --dispersion-floor 1: underdispersed counts keep the Poisson intervals */
	{
		double t[30], y[30];
		const double t0 = 2020;
		struct ind_its a, b, c;
		struct ind_its_opts po = { .model = IND_MODEL_POISSON }, qo = po, fo;
		qo.quasi = true;
		fo = qo;
		fo.dispersion_floor = true;
		for (int i = 0; i < 30; i++)
			t[i] = 2019 + i / 12.0, y[i] = 1000 + (i % 2);	/* far less spread than Poisson's */
		OK(ind_its_fit(t, y, NULL, NULL, 30, &t0, 1, &po, &a) == 0 && ind_its_fit(t, y, NULL, NULL, 30, &t0, 1, &qo, &b) == 0 &&
		   ind_its_fit(t, y, NULL, NULL, 30, &t0, 1, &fo, &c) == 0, "three count fits");
		OK(b.fit.dispersion < 0.01, "underdispersed (%g)", b.fit.dispersion);
		OK(b.brk[0].level_se < a.brk[0].level_se, "plain quasi-Poisson narrows the interval");
		OK_NEAR(c.brk[0].level_se, a.brk[0].level_se, 1e-12, "with the floor, scale max(1, phi) = 1");
	}
	/* degenerate: too few points on a side */
	{
		const double t[] = { 1, 2, 3, 4 }, y[] = { 1, 2, 3, 4 };
		struct ind_its r;
		struct ind_its_opts o = { .model = IND_MODEL_OLS };
		const double t0 = 3;
		OK(ind_its_fit(t, y, NULL, NULL, 4, &t0, 1, &o, &r) < 0 && isnan(r.brk[0].level) && r.status == IND_ITS_TOO_FEW,
		   "2 points before: no ITS");
	}
	return tap_done();
}
