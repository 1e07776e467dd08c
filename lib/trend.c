/* trend.c - per-series trend statistics on GSL. See LICENSE. */
#include "trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int ind_newey_west_lag(size_t n) { return (int)floor(4.0 * pow((double)n / 100.0, 2.0 / 9.0)); }

void ind_breusch_godfrey(const double *x, const double *e, size_t n, size_t p, int lags, double *stat,
			 double *pval)
{
	size_t q = p + (size_t)(lags > 0 ? lags : 0);
	gsl_matrix *z = NULL, *cov = NULL;
	gsl_vector *ev = NULL, *b = NULL;
	gsl_multifit_linear_workspace *w = NULL;
	double chi2, ee = 0, ff = 0;

	*stat = *pval = NAN;
	if (lags < 1 || n <= q)
		return;
	z = gsl_matrix_alloc(n, q);
	cov = gsl_matrix_alloc(q, q);
	ev = gsl_vector_alloc(n);
	b = gsl_vector_alloc(q);
	w = gsl_multifit_linear_alloc(n, q);
	if (z && cov && ev && b && w) {
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < p; j++)
				gsl_matrix_set(z, i, j, x[i * p + j]);
			for (int l = 1; l <= lags; l++)
				gsl_matrix_set(z, i, p + (size_t)l - 1, i >= (size_t)l ? e[i - (size_t)l] : 0);
			gsl_vector_set(ev, i, e[i]);
			ee += e[i] * e[i];
		}
		if (gsl_multifit_linear(z, ev, b, cov, &chi2, w) == 0 && ee > 0) {
			for (size_t i = 0; i < n; i++) {
				double fit = 0;
				for (size_t j = 0; j < q; j++)
					fit += gsl_matrix_get(z, i, j) * gsl_vector_get(b, j);
				ff += fit * fit;
			}
			*stat = (double)n * ff / ee;
			*pval = gsl_cdf_chisq_Q(*stat, lags);
		}
	}
	gsl_matrix_free(z);
	gsl_matrix_free(cov);
	gsl_vector_free(ev);
	gsl_vector_free(b);
	gsl_multifit_linear_free(w);
}

double ind_durbin_watson(const double *e, size_t n)
{
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++) {
		den += e[i] * e[i];
		if (i > 0)
			num += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
	}
	return n >= 2 && den > 0 ? num / den : NAN;
}

/* A straight-line fit with everything the callers print. */
struct line {
	double level, slope, tmean, var_level, var_slope, cov, sse, sst, tq, df;
	int lag;
};

/*
 * y = level + slope * (t - tmean). Centring keeps the normal equations
 * well conditioned for t near 2020 (NIST Norris passes to 12+ digits).
 * With se == HAC the (co)variances are Newey-West's: Bartlett weights,
 * lag L, no prewhitening or small-sample factor (R: sandwich::NeweyWest
 * with prewhite = FALSE, adjust = FALSE).
 */
static int line_fit(const double *t, const double *y, size_t n, enum ind_se se, double *x, double *resid,
		    struct line *f)
{
	double c0, c1, cov00, cov01, cov11, ymean = 0;

	f->tmean = 0;
	for (size_t i = 0; i < n; i++)
		f->tmean += t[i];
	f->tmean /= (double)n;
	for (size_t i = 0; i < n; i++) {
		x[i] = t[i] - f->tmean;
		ymean += y[i];
	}
	ymean /= (double)n;
	f->sst = 0;
	for (size_t i = 0; i < n; i++)
		f->sst += (y[i] - ymean) * (y[i] - ymean);
	if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &f->sse) != 0)
		return -1;
	f->level = c0;
	f->slope = c1;
	f->df = (double)n - 2;
	f->tq = gsl_cdf_tdist_Qinv(0.025, f->df);
	f->var_level = cov00;
	f->var_slope = cov11;
	f->cov = cov01;
	f->lag = 0;
	for (size_t i = 0; i < n; i++)
		resid[i] = y[i] - (c0 + c1 * x[i]);
	if (se == IND_SE_HAC) {
		double sxx = 0, o00 = 0, o01 = 0, o11 = 0;
		int L = ind_newey_west_lag(n);
		for (size_t i = 0; i < n; i++) {
			sxx += x[i] * x[i];
			o00 += resid[i] * resid[i];
			o01 += x[i] * resid[i] * resid[i];
			o11 += x[i] * x[i] * resid[i] * resid[i];
		}
		for (int l = 1; l <= L && (size_t)l < n; l++) {
			double w = 1.0 - l / (L + 1.0), a00 = 0, a01 = 0, a11 = 0;
			for (size_t i = (size_t)l; i < n; i++) {
				double ei = resid[i], ej = resid[i - (size_t)l];
				a00 += ei * ej;
				a01 += ei * ej * (x[i] + x[i - (size_t)l]);
				a11 += x[i] * ei * x[i - (size_t)l] * ej;
			}
			o00 += 2 * w * a00;
			o01 += w * a01;
			o11 += 2 * w * a11;
		}
		f->var_level = o00 / ((double)n * (double)n);
		f->cov = o01 / ((double)n * sxx);
		f->var_slope = o11 / (sxx * sxx);
		f->lag = L;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sum over groups of tied values of g(t) = t(t-1)(2t+5), and of t(t-1)/2. */
static void ties(const double *v, size_t n, double *tie_var, double *tie_pairs)
{
	double *s = malloc(n * sizeof *s);
	*tie_var = *tie_pairs = 0;
	if (!s)
		return;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
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

void ind_mann_kendall(const double *y, size_t n, double *s, double *var)
{
	double tv, tp, nn = (double)n;
	*s = 0;
	for (size_t i = 0; i + 1 < n; i++)
		for (size_t j = i + 1; j < n; j++)
			*s += (y[j] > y[i]) - (y[j] < y[i]);
	ties(y, n, &tv, &tp);
	*var = (nn * (nn - 1) * (2 * nn + 5) - tv) / 18.0;
}

/* The k-th smallest (0-based) of a[0..n), reordering a: Hoare's selection, linear on average. */
static double select_kth(double *a, size_t n, size_t k)
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

/*
 * The k-th smallest after a[0..n) has been partitioned around position m
 * by select_kth(a, n, m): only the side holding k needs searching.
 */
static double select_after(double *a, size_t n, size_t m, size_t k)
{
	if (k == m)
		return a[m];
	if (k < m)
		return select_kth(a, m, k);
	return select_kth(a + m + 1, n - m - 1, k - m - 1);
}

static double max_of(const double *a, size_t n)
{
	double m = a[0];
	for (size_t i = 1; i < n; i++)
		if (a[i] > m)
			m = a[i];
	return m;
}

/*
 * Mann-Kendall (or Hirsch's seasonal Kendall) and Sen's slope with the
 * rank-based interval of Gilbert (1987) as R's trend::sens.slope computes
 * it: C = z(0.975) sqrt(Var S), ranks round((N - C)/2) and
 * round((N + C)/2 + 1) of the N sorted pairwise slopes (1-based, R's
 * round half to even).
 */
static void kendall(const double *t, const double *y, size_t n, const struct ind_trend_opts *o, struct ind_trend *tr)
{
	size_t npairs = n * (n - 1) / 2, k = 0;
	double *slopes = malloc((npairs ? npairs : 1) * sizeof *slopes);
	double s = 0, var = 0, pairs = 0, ytp = 0, ttp = 0, tv, sb = 0;
	int groups = o->season ? o->nseasons : 1;

	if (!slopes)
		return;
	for (int g = 1; g <= groups; g++) {
		double *yy = malloc(n * sizeof *yy), *tt = malloc(n * sizeof *tt), sg, vg, ng = 0;
		size_t m = 0;
		if (!yy || !tt) {
			free(yy);
			free(tt);
			free(slopes);
			return;
		}
		for (size_t i = 0; i < n; i++)
			if (!o->season || o->season[i] == g)
				yy[m] = y[i], tt[m] = t[i], m++;
		if (m >= 2) {
			ind_mann_kendall(yy, m, &sg, &vg);
			s += sg;
			var += vg;
			ng = (double)m;
			pairs += ng * (ng - 1) / 2;
			ties(yy, m, &tv, &vg);
			ytp += vg;
			ties(tt, m, &tv, &vg);
			ttp += vg;
			/* tau-b counts a pair tied in time as neither concordant nor discordant */
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
		tr->mk_tau = sb / sqrt((pairs - ytp) * (pairs - ttp));	/* tau-b, as R's cor(method = "kendall") */
	if (k > 0) {
		double c = gsl_cdf_ugaussian_Pinv(0.975) * sqrt(var), nk = (double)k;
		double lo = nearbyint((nk - c) / 2), up = nearbyint((nk + c) / 2 + 1);
		size_t mid = k / 2;
		double hi = select_kth(slopes, k, mid);	/* partitions slopes around mid */
		tr->sen = k % 2 ? hi : (max_of(slopes, mid) + hi) / 2;
		if (lo >= 1 && lo <= nk)
			tr->sen_lo = select_after(slopes, k, mid, (size_t)lo - 1);
		if (up >= 1 && up <= nk)
			tr->sen_hi = select_after(slopes, k, mid, (size_t)up - 1);
	}
	free(slopes);
}

static void all_nan(struct ind_trend *tr)
{
	tr->slope = tr->slope_se = tr->slope_lo = tr->slope_hi = tr->slope_p = tr->intercept = tr->r2 = NAN;
	tr->tmean = tr->level = tr->var_level = tr->cov_ls = tr->var_slope = tr->tq = NAN;
	tr->apc = tr->apc_lo = tr->apc_hi = NAN;
	tr->mk_s = tr->mk_var = tr->mk_z = tr->mk_p = tr->mk_tau = tr->sen = tr->sen_lo = tr->sen_hi = NAN;
	tr->bg_stat = tr->bg_p = NAN;
	tr->dw = tr->acf1 = NAN;
	tr->hac_lag = 0;
}

int ind_trend_fit(const double *t, const double *y, size_t n, const struct ind_trend_opts *o, struct ind_trend *tr)
{
	double *x = NULL, *resid = NULL, *ly = NULL;
	struct line f, g;
	bool positive = true;
	int rc = -1;

	gsl_set_error_handler_off();	/* GSL reports through return codes, never abort() */
	memset(tr, 0, sizeof *tr);
	all_nan(tr);
	tr->n = n;
	if (n < 3)
		return -1;
	x = malloc(n * sizeof *x);
	resid = malloc(n * sizeof *resid);
	ly = malloc(n * sizeof *ly);
	if (!x || !resid || !ly || line_fit(t, y, n, o->se, x, resid, &f) < 0 || !(f.sst > 0))
		goto out;

	tr->tmean = f.tmean;
	tr->level = f.level;
	tr->slope = f.slope;
	tr->intercept = f.level - f.slope * f.tmean;
	tr->var_level = f.var_level;
	tr->var_slope = f.var_slope;
	tr->cov_ls = f.cov;
	tr->tq = f.tq;
	tr->hac_lag = f.lag;
	tr->slope_se = sqrt(f.var_slope);
	tr->slope_lo = f.slope - f.tq * tr->slope_se;
	tr->slope_hi = f.slope + f.tq * tr->slope_se;
	if (tr->slope_se > 0)
		tr->slope_p = 2 * gsl_cdf_tdist_Q(fabs(f.slope / tr->slope_se), f.df);
	else
		tr->slope_p = 0;
	tr->r2 = 1 - f.sse / f.sst;

	{	/* residual autocorrelation, in time order */
		double num = 0, lag1 = 0, den = 0;
		for (size_t i = 0; i < n; i++) {
			den += resid[i] * resid[i];
			if (i > 0) {
				num += (resid[i] - resid[i - 1]) * (resid[i] - resid[i - 1]);
				lag1 += resid[i] * resid[i - 1];
			}
		}
		if (den > 0) {
			tr->dw = num / den;
			tr->acf1 = lag1 / den;
		}
	}
	{	/* Breusch-Godfrey on the design [1, t - tmean] */
		double *xx = malloc(2 * n * sizeof *xx);
		int lags = o->ac_lags > 0 ? o->ac_lags : 1;
		if (lags > (int)(n / 4))
			lags = (int)(n / 4);
		tr->bg_lags = lags;
		if (!xx)
			goto out;
		for (size_t i = 0; i < n; i++)
			xx[2 * i] = 1, xx[2 * i + 1] = x[i];
		ind_breusch_godfrey(xx, resid, n, 2, lags, &tr->bg_stat, &tr->bg_p);
		free(xx);
	}

	for (size_t i = 0; i < n; i++) {
		if (!(y[i] > 0))
			positive = false;
		else
			ly[i] = log(y[i]);
	}
	if (positive && line_fit(t, ly, n, o->se, x, resid, &g) == 0 && g.sst > 0) {
		double se = sqrt(g.var_slope);
		tr->apc = 100 * expm1(g.slope);
		tr->apc_lo = 100 * expm1(g.slope - g.tq * se);
		tr->apc_hi = 100 * expm1(g.slope + g.tq * se);
	}
	kendall(t, y, n, o, tr);
	rc = 0;
out:
	if (rc < 0)
		all_nan(tr);
	free(x);
	free(resid);
	free(ly);
	return rc;
}

void ind_trend_predict(const struct ind_trend *tr, double t, double *fit, double *lo, double *hi)
{
	double d = t - tr->tmean, var = tr->var_level + 2 * d * tr->cov_ls + d * d * tr->var_slope;
	*fit = tr->level + tr->slope * d;
	*lo = *fit - tr->tq * sqrt(var);
	*hi = *fit + tr->tq * sqrt(var);
	if (isnan(tr->slope))
		*fit = *lo = *hi = NAN;
}

/* ---- joinpoints -------------------------------------------------------- */

#define JP_P (IND_JP_MAX + 2)

struct jp_search {
	const double *x, *z;	/* centred time, response */
	size_t n, min_obs;
	int k;
	size_t idx[IND_JP_MAX], best_idx[IND_JP_MAX];
	double best_sse;
};

/* SSE of the hinge model with joinpoints at x[idx[0..k)], by normal equations (p <= 7). */
static double hinge_sse(const struct jp_search *s)
{
	int p = s->k + 2;
	double xtx[JP_P][JP_P] = { { 0 } }, xty[JP_P] = { 0 }, row[JP_P], beta[JP_P], sse = 0;

	for (size_t i = 0; i < s->n; i++) {
		row[0] = 1;
		row[1] = s->x[i];
		for (int j = 0; j < s->k; j++) {
			double h = s->x[i] - s->x[s->idx[j]];
			row[2 + j] = h > 0 ? h : 0;
		}
		for (int a = 0; a < p; a++) {
			xty[a] += row[a] * s->z[i];
			for (int b = 0; b <= a; b++)
				xtx[a][b] += row[a] * row[b];
		}
	}
	/* Cholesky, lower triangle in place */
	for (int a = 0; a < p; a++) {
		for (int b = 0; b <= a; b++) {
			double sum = xtx[a][b];
			for (int c = 0; c < b; c++)
				sum -= xtx[a][c] * xtx[b][c];
			if (a == b) {
				if (!(sum > 0))
					return INFINITY;
				xtx[a][a] = sqrt(sum);
			} else {
				xtx[a][b] = sum / xtx[b][b];
			}
		}
	}
	for (int a = 0; a < p; a++) {	/* L w = X'y */
		double sum = xty[a];
		for (int c = 0; c < a; c++)
			sum -= xtx[a][c] * beta[c];
		beta[a] = sum / xtx[a][a];
	}
	for (int a = p - 1; a >= 0; a--) {	/* L' beta = w */
		double sum = beta[a];
		for (int c = a + 1; c < p; c++)
			sum -= xtx[c][a] * beta[c];
		beta[a] = sum / xtx[a][a];
	}
	for (size_t i = 0; i < s->n; i++) {
		double f = beta[0] + beta[1] * s->x[i], r;
		for (int j = 0; j < s->k; j++) {
			double h = s->x[i] - s->x[s->idx[j]];
			f += beta[2 + j] * (h > 0 ? h : 0);
		}
		r = s->z[i] - f;
		sse += r * r;
	}
	return sse;
}

/* Every placement of joinpoints level.. with the spacing rules, keeping the best. */
static void jp_search(struct jp_search *s, int level, size_t from)
{
	if (level == s->k) {
		double sse = hinge_sse(s);
		if (sse < s->best_sse) {
			s->best_sse = sse;
			memcpy(s->best_idx, s->idx, sizeof s->idx);
		}
		return;
	}
	for (size_t j = from; j + s->min_obs < s->n; j++) {
		/* room for the joinpoints still to place */
		if (j + (size_t)(s->k - level - 1) * (s->min_obs + 1) + s->min_obs >= s->n)
			break;
		s->idx[level] = j;
		jp_search(s, level + 1, j + s->min_obs + 1);
	}
}

int ind_joinpoints_fit(const double *t, const double *y, size_t n, int kmax, bool log_scale, size_t min_obs,
		       struct ind_joinpoints *jp)
{
	double *x = malloc(n * sizeof *x), *z = malloc(n * sizeof *z), tmean = 0, best_bic = INFINITY;
	struct jp_search s;
	int rc = -1;

	gsl_set_error_handler_off();
	memset(jp, 0, sizeof *jp);
	jp->aapc = jp->aapc_lo = jp->aapc_hi = jp->avg_slope = jp->avg_slope_lo = jp->avg_slope_hi = NAN;
	if (!x || !z || n < 3 || kmax < 0 || kmax > IND_JP_MAX)
		goto out;
	for (size_t i = 0; i < n; i++)
		tmean += t[i];
	tmean /= (double)n;
	for (size_t i = 0; i < n; i++) {
		if (log_scale && !(y[i] > 0))
			goto out;
		x[i] = t[i] - tmean;
		z[i] = log_scale ? log(y[i]) : y[i];
	}
	memset(&s, 0, sizeof s);
	s.x = x;
	s.z = z;
	s.n = n;
	s.min_obs = min_obs;
	for (int k = 0; k <= kmax; k++) {
		double bic;
		s.k = k;
		s.best_sse = INFINITY;
		jp_search(&s, 0, min_obs);
		if (!isfinite(s.best_sse))
			break;	/* no room for k joinpoints */
		/* BIC as in Joinpoint: ln(SSE/n) + 2(k+1) ln(n)/n, with a floor for exact fits */
		bic = log((s.best_sse > 0 ? s.best_sse : 1e-300) / (double)n) + 2.0 * (k + 1) * log((double)n) / (double)n;
		if (bic < best_bic) {
			best_bic = bic;
			jp->k = k;
			memcpy(jp->joint_index, s.best_idx, sizeof s.best_idx);
		}
	}
	if (!isfinite(best_bic))
		goto out;
	jp->bic = best_bic;

	{	/* the chosen model, refitted by GSL for its covariance matrix */
		int p = jp->k + 2;
		double df = (double)n - 2.0 * jp->k - 2, tq, sse, a[JP_P], avg[JP_P] = { 0 };
		gsl_matrix *X = gsl_matrix_alloc(n, (size_t)p), *cov = gsl_matrix_alloc((size_t)p, (size_t)p);
		gsl_vector *Z = gsl_vector_alloc(n), *beta = gsl_vector_alloc((size_t)p);
		gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, (size_t)p);
		bool ok = X && cov && Z && beta && w && df > 0;

		for (size_t i = 0; ok && i < n; i++) {
			gsl_matrix_set(X, i, 0, 1);
			gsl_matrix_set(X, i, 1, x[i]);
			for (int j = 0; j < jp->k; j++) {
				double h = x[i] - x[jp->joint_index[j]];
				gsl_matrix_set(X, i, (size_t)(2 + j), h > 0 ? h : 0);
			}
			gsl_vector_set(Z, i, z[i]);
		}
		if (ok && gsl_multifit_linear(X, Z, beta, cov, &sse, w) == 0) {
			/* gsl scales cov by sse/(n-p); Joinpoint counts the joinpoints as parameters too */
			gsl_matrix_scale(cov, ((double)n - p) / df);
			tq = gsl_cdf_tdist_Qinv(0.025, df);
			for (int sgi = 0; sgi <= jp->k; sgi++) {
				struct ind_jp_segment *g = &jp->seg[sgi];
				size_t i0 = sgi == 0 ? 0 : jp->joint_index[sgi - 1];
				size_t i1 = sgi == jp->k ? n - 1 : jp->joint_index[sgi];
				double var = 0, wgt;
				memset(a, 0, sizeof a);
				a[1] = 1;
				for (int j = 0; j < sgi; j++)
					a[2 + j] = 1;
				g->t0 = t[i0];
				g->t1 = t[i1];
				g->slope = 0;
				for (int b = 0; b < p; b++) {
					g->slope += a[b] * gsl_vector_get(beta, (size_t)b);
					for (int c = 0; c < p; c++)
						var += a[b] * a[c] * gsl_matrix_get(cov, (size_t)b, (size_t)c);
				}
				g->slope_se = sqrt(var);
				g->slope_lo = g->slope - tq * g->slope_se;
				g->slope_hi = g->slope + tq * g->slope_se;
				g->apc = g->apc_lo = g->apc_hi = NAN;
				if (log_scale) {
					g->apc = 100 * expm1(g->slope);
					g->apc_lo = 100 * expm1(g->slope_lo);
					g->apc_hi = 100 * expm1(g->slope_hi);
				}
				wgt = (g->t1 - g->t0) / (t[n - 1] - t[0]);
				for (int b = 0; b < p; b++)
					avg[b] += wgt * a[b];
			}
			for (int j = 0; j < jp->k; j++)
				jp->joint[j] = t[jp->joint_index[j]];
			{	/* the average slope over the whole range, weighted by segment length */
				double v = 0, m = 0;
				for (int b = 0; b < p; b++) {
					m += avg[b] * gsl_vector_get(beta, (size_t)b);
					for (int c = 0; c < p; c++)
						v += avg[b] * avg[c] * gsl_matrix_get(cov, (size_t)b, (size_t)c);
				}
				jp->avg_slope = m;
				jp->avg_slope_lo = m - tq * sqrt(v);
				jp->avg_slope_hi = m + tq * sqrt(v);
				if (log_scale) {
					jp->aapc = 100 * expm1(m);
					jp->aapc_lo = 100 * expm1(jp->avg_slope_lo);
					jp->aapc_hi = 100 * expm1(jp->avg_slope_hi);
				}
			}
			rc = 0;
		}
		gsl_matrix_free(X);
		gsl_matrix_free(cov);
		gsl_vector_free(Z);
		gsl_vector_free(beta);
		gsl_multifit_linear_free(w);
	}
out:
	free(x);
	free(z);
	return rc;
}
