/* compare.c - two-group tests, proportions, OLS/HAC/AR(1) and Poisson fits, ITS. See LICENSE. */
#include "compare.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trend.h"

#define Z975 1.959963984540054

/*
 * Mean and sample variance in plain double, two passes. GSL's versions
 * accumulate in long double, whose width differs between CPUs and under
 * valgrind, and the suite's outputs are compared to the last digit.
 */
static double mean_of(const double *a, size_t n)
{
	double sum = 0, c = 0;
	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {	/* Neumaier's compensated sum */
		double t = sum + a[i];
		c += fabs(sum) >= fabs(a[i]) ? (sum - t) + a[i] : (a[i] - t) + sum;
		sum = t;
	}
	return (sum + c) / (double)n;
}

static double var_of(const double *a, size_t n)
{
	double m, ss = 0;
	if (n < 2)
		return NAN;
	m = mean_of(a, n);
	for (size_t i = 0; i < n; i++)
		ss += (a[i] - m) * (a[i] - m);
	return ss / (double)(n - 1);
}

static double median_copy(const double *a, size_t n)
{
	double *s, m;
	if (n == 0 || !(s = malloc(n * sizeof *s)))
		return NAN;
	memcpy(s, a, n * sizeof *s);
	gsl_sort(s, 1, n);
	m = gsl_stats_median_from_sorted_data(s, 1, n);
	free(s);
	return m;
}

/* Number of ways to pick m of the ranks 1..N with each rank sum: the exact null distribution of W. */
static double *rank_sum_counts(size_t m, size_t N, size_t *maxsum)
{
	size_t ms = m * N;
	double *c = calloc((m + 1) * (ms + 1), sizeof *c);
	if (!c)
		return NULL;
	c[0] = 1;	/* c[k * (ms+1) + s]: ways to choose k ranks summing to s */
	for (size_t r = 1; r <= N; r++)
		for (size_t k = (r < m ? r : m); k >= 1; k--)
			for (size_t s = ms; s >= r; s--)
				c[k * (ms + 1) + s] += c[(k - 1) * (ms + 1) + s - r];
	*maxsum = ms;
	return c;
}

struct ranked {
	double v;
	int group;
};

static int ranked_cmp(const void *x, const void *y)
{
	double a = ((const struct ranked *)x)->v, b = ((const struct ranked *)y)->v;
	return (a > b) - (a < b);
}

static void mann_whitney(const double *a, size_t na, const double *b, size_t nb, struct ind_two_groups *r)
{
	size_t N = na + nb;
	struct ranked *all = malloc(N * sizeof *all);
	double rank_b = 0, tie_sum = 0;
	bool ties = false;

	r->mw_u = r->mw_p = NAN;
	if (!all || na == 0 || nb == 0) {
		free(all);
		return;
	}
	for (size_t i = 0; i < na; i++)
		all[i] = (struct ranked){ a[i], 0 };
	for (size_t i = 0; i < nb; i++)
		all[na + i] = (struct ranked){ b[i], 1 };
	qsort(all, N, sizeof *all, ranked_cmp);
	for (size_t i = 0; i < N;) {	/* midranks */
		size_t j = i + 1;
		double mid, t;
		while (j < N && !(all[j].v > all[i].v))
			j++;
		mid = (double)(i + 1 + j) / 2;
		t = (double)(j - i);
		if (t > 1) {
			ties = true;
			tie_sum += t * t * t - t;
		}
		for (size_t k = i; k < j; k++)
			if (all[k].group)
				rank_b += mid;
		i = j;
	}
	free(all);
	r->mw_u = rank_b - (double)nb * (nb + 1) / 2;
	r->mw_exact = na < 50 && nb < 50 && !ties;
	if (r->mw_exact) {
		/* R's wilcox.test: p = 2 min(P(U <= u), P(U >= u)), at most 1 */
		size_t maxs;
		double *c = rank_sum_counts(nb, N, &maxs), total = 0, le = 0, ge = 0, w = rank_b;
		if (!c)
			return;
		for (size_t s = 0; s <= maxs; s++) {
			double k = c[nb * (maxs + 1) + s];
			total += k;
			if ((double)s <= w + 1e-9)
				le += k;
			if ((double)s >= w - 1e-9)
				ge += k;
		}
		free(c);
		r->mw_p = fmin(1, 2 * fmin(le, ge) / total);
	} else {
		double n1 = (double)nb, n2 = (double)na, z = r->mw_u - n1 * n2 / 2;
		double sigma = sqrt(n1 * n2 / 12 * ((n1 + n2 + 1) - tie_sum / ((n1 + n2) * (n1 + n2 - 1))));
		z = (z - (z > 0 ? 0.5 : z < 0 ? -0.5 : 0)) / sigma;
		r->mw_p = sigma > 0 ? 2 * gsl_cdf_ugaussian_Q(fabs(z)) : NAN;
		if (r->mw_p > 1)
			r->mw_p = 1;
	}
}

void ind_two_groups(const double *a, size_t na, const double *b, size_t nb, struct ind_two_groups *r)
{
	double va = var_of(a, na), vb = var_of(b, nb), se2, sp;

	gsl_set_error_handler_off();
	r->mean_a = mean_of(a, na);
	r->mean_b = mean_of(b, nb);
	r->median_a = median_copy(a, na);
	r->median_b = median_copy(b, nb);
	r->diff = r->mean_b - r->mean_a;
	r->rel_change = r->mean_a != 0 ? r->diff / r->mean_a : NAN;
	r->diff_lo = r->diff_hi = r->welch_t = r->welch_df = r->welch_p = r->hedges_g = NAN;
	se2 = va / (double)na + vb / (double)nb;
	if (na >= 2 && nb >= 2 && se2 > 0) {
		double se = sqrt(se2), q;
		r->welch_df = se2 * se2 / ((va / na) * (va / na) / (na - 1.0) + (vb / nb) * (vb / nb) / (nb - 1.0));
		r->welch_t = r->diff / se;
		r->welch_p = 2 * gsl_cdf_tdist_Q(fabs(r->welch_t), r->welch_df);
		q = gsl_cdf_tdist_Qinv(0.025, r->welch_df);
		r->diff_lo = r->diff - q * se;
		r->diff_hi = r->diff + q * se;
		sp = sqrt(((na - 1.0) * va + (nb - 1.0) * vb) / (na + nb - 2.0));
		if (sp > 0)
			r->hedges_g = r->diff / sp * (1 - 3.0 / (4.0 * (double)(na + nb) - 9));
	}
	mann_whitney(a, na, b, nb, r);
}

int ind_bootstrap_diff(const double *a, size_t na, const double *b, size_t nb, unsigned long reps,
		       unsigned long seed, double *lo, double *hi)
{
	gsl_rng *rng;
	double *d;
	*lo = *hi = NAN;
	if (na == 0 || nb == 0 || reps < 2)
		return 0;
	if (reps > IND_BOOTSTRAP_MAX || !(d = malloc(reps * sizeof *d)))
		return -1;
	if (!(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
		free(d);
		return -1;
	}
	gsl_rng_set(rng, seed);
	for (unsigned long k = 0; k < reps; k++) {
		double sa = 0, sb = 0;
		for (size_t i = 0; i < na; i++)
			sa += a[gsl_rng_uniform_int(rng, na)];
		for (size_t i = 0; i < nb; i++)
			sb += b[gsl_rng_uniform_int(rng, nb)];
		d[k] = sb / (double)nb - sa / (double)na;
	}
	gsl_sort(d, 1, reps);
	*lo = gsl_stats_quantile_from_sorted_data(d, 1, reps, 0.025);
	*hi = gsl_stats_quantile_from_sorted_data(d, 1, reps, 0.975);
	gsl_rng_free(rng);
	free(d);
	return 0;
}

void ind_wilson(double x, double n, double *lo, double *hi)
{
	double p = x / n, z2 = Z975 * Z975, den = 1 + z2 / n;
	double centre = p + z2 / (2 * n), half = Z975 * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	*lo = (centre - half) / den;
	*hi = (centre + half) / den;
}

void ind_two_props(double xa, double na, double xb, double nb, struct ind_props *r)
{
	double la, ua, lb, ub, pp;
	r->p_a = r->p_b = r->diff = r->lo = r->hi = r->p = NAN;
	if (!(na > 0) || !(nb > 0) || xa < 0 || xb < 0 || xa > na || xb > nb)
		return;
	r->p_a = xa / na;
	r->p_b = xb / nb;
	r->diff = r->p_b - r->p_a;
	ind_wilson(xa, na, &la, &ua);
	ind_wilson(xb, nb, &lb, &ub);
	/* Newcombe (1998) method 10 */
	r->lo = r->diff - sqrt((r->p_b - lb) * (r->p_b - lb) + (ua - r->p_a) * (ua - r->p_a));
	r->hi = r->diff + sqrt((ub - r->p_b) * (ub - r->p_b) + (r->p_a - la) * (r->p_a - la));
	pp = (xa + xb) / (na + nb);
	if (pp > 0 && pp < 1)
		r->p = 2 * gsl_cdf_ugaussian_Q(fabs(r->diff) / sqrt(pp * (1 - pp) * (1 / na + 1 / nb)));
	else
		r->p = 1;
}

/* ---- fits ------------------------------------------------------------- */

static gsl_matrix *matrix_of(const double *x, size_t n, size_t p)
{
	gsl_matrix *m = gsl_matrix_alloc(n, p);
	if (m)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < p; j++)
				gsl_matrix_set(m, i, j, x[i * p + j]);
	return m;
}

/* Plain least squares of y on x; fills beta, cov (s^2 (X'X)^-1), sse; residuals into e if not NULL. */
static int ols(const double *x, const double *y, size_t n, size_t p, struct ind_fit *f, double *e)
{
	gsl_matrix *X = matrix_of(x, n, p), *C = gsl_matrix_alloc(p, p);
	gsl_vector *Y = gsl_vector_alloc(n), *B = gsl_vector_alloc(p);
	gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
	int rc = -1;

	if (X && C && Y && B && w) {
		for (size_t i = 0; i < n; i++)
			gsl_vector_set(Y, i, y[i]);
		if (gsl_multifit_linear(X, Y, B, C, &f->sse, w) == 0) {
			f->p = p;
			for (size_t j = 0; j < p; j++) {
				f->beta[j] = gsl_vector_get(B, j);
				for (size_t k = 0; k < p; k++)
					f->cov[j * p + k] = gsl_matrix_get(C, j, k);
			}
			if (e)
				for (size_t i = 0; i < n; i++) {
					double fit = 0;
					for (size_t j = 0; j < p; j++)
						fit += x[i * p + j] * f->beta[j];
					e[i] = y[i] - fit;
				}
			f->df = (double)n - (double)p;
			rc = 0;
		}
	}
	gsl_matrix_free(X);
	gsl_matrix_free(C);
	gsl_vector_free(Y);
	gsl_vector_free(B);
	gsl_multifit_linear_free(w);
	return rc;
}

/* Row blocks: block b is rows start[b] .. start[b + 1] - 1 (the last ends at n); NULL: one block. */
static size_t block_start(size_t i, const size_t *start, size_t nblocks)
{
	size_t s = 0;
	for (size_t b = 0; start && b < nblocks && start[b] <= i; b++)
		s = start[b];
	return s;
}

static size_t longest_block(size_t n, const size_t *start, size_t nblocks)
{
	size_t most = 0;
	if (!start || nblocks < 2)
		return n;
	for (size_t b = 0; b < nblocks; b++) {
		size_t len = (b + 1 < nblocks ? start[b + 1] : n) - start[b];
		most = len > most ? len : most;
	}
	return most;
}

/* (X'X)^-1 from the OLS covariance: cov / s^2. */
static int newey_west(const double *x, size_t n, size_t p, const double *e, const size_t *start, size_t nblocks,
		      struct ind_fit *f)
{
	double s2 = f->sse / f->df, *omega = calloc(p * p, sizeof *omega), *tmp = calloc(p * p, sizeof *tmp);
	int L = ind_newey_west_lag(longest_block(n, start, nblocks));
	if (!omega || !tmp || !(s2 > 0)) {
		free(omega);
		free(tmp);
		return -1;
	}
	for (int l = 0; l <= L && (size_t)l < n; l++) {
		double w = l == 0 ? 1 : 1.0 - l / (L + 1.0);
		for (size_t i = (size_t)l; i < n; i++) {
			if (i - (size_t)l < block_start(i, start, nblocks))
				continue;	/* lags never reach into another series */
			for (size_t j = 0; j < p; j++)
				for (size_t k = 0; k < p; k++) {
					double v = x[i * p + j] * e[i] * x[(i - (size_t)l) * p + k] * e[i - (size_t)l];
					omega[j * p + k] += w * v;
					if (l > 0)
						omega[k * p + j] += w * v;
				}
		}
	}
	/* V = B omega B with B = (X'X)^-1 = cov / s2 */
	for (size_t j = 0; j < p; j++)
		for (size_t k = 0; k < p; k++) {
			double s = 0;
			for (size_t m = 0; m < p; m++)
				s += f->cov[j * p + m] / s2 * omega[m * p + k];
			tmp[j * p + k] = s;
		}
	for (size_t j = 0; j < p * p; j++)
		omega[j] = f->cov[j] / s2;	/* omega is spent: keep B there */
	for (size_t j = 0; j < p; j++)
		for (size_t k = 0; k < p; k++) {
			double s = 0;
			for (size_t m = 0; m < p; m++)
				s += tmp[j * p + m] * omega[m * p + k];
			f->cov[j * p + k] = s;
		}
	f->lag = L;
	free(omega);
	free(tmp);
	return 0;
}

int ind_fit_ols(const double *x, const double *y, size_t n, size_t p, enum ind_its_se se, struct ind_fit *f)
{
	return ind_fit_ols_blocks(x, y, n, p, se, NULL, 0, f);
}

int ind_fit_ols_blocks(const double *x, const double *y, size_t n, size_t p, enum ind_its_se se, const size_t *start,
		       size_t nblocks, struct ind_fit *f)
{
	double *e = malloc(n * sizeof *e), *xs = NULL, *ys = NULL;
	int rc = -1;

	gsl_set_error_handler_off();
	memset(f, 0, sizeof *f);
	f->rho = NAN;
	if (!e || p > IND_MAX_COEF || n <= p || ols(x, y, n, p, f, e) < 0)
		goto out;
	if (se == IND_ITS_SE_HAC) {
		rc = newey_west(x, n, p, e, start, nblocks, f);
		goto out;
	}
	if (se == IND_ITS_SE_AR1) {
		/*
		 * Prais-Winsten, iterated until rho settles: rho from the regression of
		 * e_t on e_{t-1} (Stata's prais, rhotype(regress)); the first row is
		 * kept, scaled by sqrt(1 - rho^2); s^2 and t on n - p df.
		 */
		double rho = NAN;
		xs = malloc(n * p * sizeof *xs);
		ys = malloc(n * sizeof *ys);
		if (!xs || !ys)
			goto out;
		for (f->iterations = 1; f->iterations <= 200; f->iterations++) {
			double num = 0, den = 0, r, c;
			for (size_t i = 1; i < n; i++) {
				if (block_start(i, start, nblocks) == i)
					continue;	/* the first row of a series has no predecessor */
				num += e[i] * e[i - 1];
				den += e[i - 1] * e[i - 1];
			}
			r = den > 0 ? num / den : 0;
			f->rho_bound = fabs(r) > 0.99;
			if (r > 0.99)
				r = 0.99;
			if (r < -0.99)
				r = -0.99;
			if (fabs(r - rho) < 1e-10) {
				f->converged = true;
				break;	/* the last fit was made with this rho */
			}
			rho = r;
			c = sqrt(1 - r * r);
			for (size_t i = 0; i < n; i++) {
				if (block_start(i, start, nblocks) == i) {	/* each series' first row: scaled */
					for (size_t j = 0; j < p; j++)
						xs[i * p + j] = c * x[i * p + j];
					ys[i] = c * y[i];
					continue;
				}
				for (size_t j = 0; j < p; j++)
					xs[i * p + j] = x[i * p + j] - r * x[(i - 1) * p + j];
				ys[i] = y[i] - r * y[i - 1];
			}
			if (ols(xs, ys, n, p, f, NULL) < 0)
				goto out;
			for (size_t i = 0; i < n; i++) {	/* residuals on the original scale */
				double fit = 0;
				for (size_t j = 0; j < p; j++)
					fit += x[i * p + j] * f->beta[j];
				e[i] = y[i] - fit;
			}
		}
		f->rho = rho;
		f->df = (double)n - (double)p;
	}
	rc = 0;
out:
	free(e);
	free(xs);
	free(ys);
	return rc;
}

int ind_fit_poisson(const double *x, const double *y, const double *offset, size_t n, size_t p, bool quasi,
		    struct ind_fit *f)
{
	gsl_matrix *X = matrix_of(x, n, p), *C = gsl_matrix_alloc(p, p);
	gsl_vector *Z = gsl_vector_alloc(n), *W = gsl_vector_alloc(n), *B = gsl_vector_alloc(p);
	gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
	double dev_old = INFINITY, chi2;
	int rc = -1;

	gsl_set_error_handler_off();
	memset(f, 0, sizeof *f);
	f->rho = NAN;
	if (!X || !C || !Z || !W || !B || !ws || p > IND_MAX_COEF || n <= p)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!(y[i] >= 0))
			goto out;
	/* start from mu = y + 0.1, as glm's mustart does in spirit */
	for (size_t i = 0; i < n; i++) {
		double mu = y[i] + 0.1, eta = log(mu);
		gsl_vector_set(Z, i, eta - (offset ? offset[i] : 0) + (y[i] - mu) / mu);
		gsl_vector_set(W, i, mu);
	}
	for (f->iterations = 1; f->iterations <= 100; f->iterations++) {
		double dev = 0;
		if (gsl_multifit_wlinear(X, W, Z, B, C, &chi2, ws) != 0)
			goto out;
		for (size_t i = 0; i < n; i++) {
			double eta = (offset ? offset[i] : 0), mu;
			for (size_t j = 0; j < p; j++)
				eta += x[i * p + j] * gsl_vector_get(B, j);
			mu = exp(eta);
			if (!isfinite(mu) || !(mu > 0))
				goto out;
			dev += 2 * ((y[i] > 0 ? y[i] * log(y[i] / mu) : 0) - (y[i] - mu));
			gsl_vector_set(Z, i, eta - (offset ? offset[i] : 0) + (y[i] - mu) / mu);
			gsl_vector_set(W, i, mu);
		}
		if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < 1e-10)
			break;
		dev_old = dev;
	}
	/* final weights are those of the converged beta: refit once for its covariance */
	if (gsl_multifit_wlinear(X, W, Z, B, C, &chi2, ws) != 0)
		goto out;
	f->p = p;
	f->df = 0;
	f->sse = 0;
	chi2 = 0;
	for (size_t i = 0; i < n; i++) {
		double eta = (offset ? offset[i] : 0), mu;
		for (size_t j = 0; j < p; j++)
			eta += x[i * p + j] * gsl_vector_get(B, j);
		mu = exp(eta);
		chi2 += (y[i] - mu) * (y[i] - mu) / mu;
		f->sse += 2 * ((y[i] > 0 ? y[i] * log(y[i] / mu) : 0) - (y[i] - mu));	/* deviance */
	}
	f->dispersion = chi2 / (double)(n - p);
	for (size_t j = 0; j < p; j++) {
		f->beta[j] = gsl_vector_get(B, j);
		for (size_t k = 0; k < p; k++)
			f->cov[j * p + k] = gsl_matrix_get(C, j, k) * (quasi ? f->dispersion : 1);
	}
	rc = 0;
out:
	gsl_matrix_free(X);
	gsl_matrix_free(C);
	gsl_vector_free(Z);
	gsl_vector_free(W);
	gsl_vector_free(B);
	gsl_multifit_linear_free(ws);
	return rc;
}

void ind_fit_combine(const struct ind_fit *f, const double *a, double *est, double *se)
{
	double v = 0;
	*est = 0;
	for (size_t j = 0; j < f->p; j++) {
		*est += a[j] * f->beta[j];
		for (size_t k = 0; k < f->p; k++)
			v += a[j] * a[k] * f->cov[j * f->p + k];
	}
	*se = v >= 0 ? sqrt(v) : NAN;
}

/* ---- diagnostics -------------------------------------------------------- */

#define RANK_TOL 1e-7

size_t ind_design_rank(const double *x, size_t n, size_t p, bool *aliased)
{
	/*
	 * Each column is tried against the kept columns before it: appended to
	 * them, a QR decomposition gives its distance from their span as |R_kk|.
	 * Columns are kept only when independent, so that distance is exact.
	 */
	gsl_matrix *a = p && n >= p ? gsl_matrix_alloc(n, p) : NULL;
	gsl_vector *tau = p && n >= p ? gsl_vector_alloc(p) : NULL;
	double *kept = a ? malloc(n * p * sizeof *kept) : NULL;	/* kept columns, column-major, unit length */
	size_t rank = 0;

	gsl_set_error_handler_off();
	for (size_t j = 0; j < p; j++) {
		double norm = 0, d;
		bool alias = true;
		if (!kept)
			break;
		for (size_t i = 0; i < n; i++)
			norm += x[i * p + j] * x[i * p + j];
		norm = sqrt(norm);
		/* a column that is zero but for rounding (sin 2 pi 6 t on months) is no regressor */
		if (norm > 1e-9 * sqrt((double)n) && isfinite(norm)) {
			gsl_matrix_view v = gsl_matrix_submatrix(a, 0, 0, n, rank + 1);
			for (size_t k = 0; k < rank; k++)
				for (size_t i = 0; i < n; i++)
					gsl_matrix_set(&v.matrix, i, k, kept[k * n + i]);
			for (size_t i = 0; i < n; i++)
				gsl_matrix_set(&v.matrix, i, rank, x[i * p + j] / norm);
			if (rank + 1 <= n) {
				gsl_vector_view tv = gsl_vector_subvector(tau, 0, rank + 1);
				if (gsl_linalg_QR_decomp(&v.matrix, &tv.vector) == 0) {
					d = fabs(gsl_matrix_get(&v.matrix, rank, rank));
					alias = !(d >= RANK_TOL);
				}
			}
		}
		if (!alias) {
			for (size_t i = 0; i < n; i++)
				kept[rank * n + i] = x[i * p + j] / norm;
			rank++;
		}
		if (aliased)
			aliased[j] = alias;
	}
	if (!kept && aliased)
		for (size_t j = 0; j < p; j++)
			aliased[j] = true;
	free(kept);
	gsl_matrix_free(a);
	gsl_vector_free(tau);
	return rank;
}

/* ---- ITS -------------------------------------------------------------- */

#define PI 3.14159265358979323846

/* One design row: 1, t - t_1, then post_k and (t - t_k) post_k for each break, then season columns; cf: no break. */
static size_t design_row(const struct ind_its *r, double t, int month, bool cf, double *row)
{
	size_t p = 0;
	row[p++] = 1;
	row[p++] = t - r->brk[0].t;
	for (size_t k = 0; k < r->nbreaks; k++) {
		bool post = !cf && t >= r->brk[k].t - 1e-9;
		row[p++] = post ? 1 : 0;
		row[p++] = post ? t - r->brk[k].t : 0;
	}
	if (r->opts.season == IND_SEASON_MONTH) {
		for (int m = 1; m <= 12; m++)
			if (r->months[m])
				row[p++] = month == m ? 1 : 0;
	} else if (r->opts.season == IND_SEASON_FOURIER) {
		double phase = t - floor(t);	/* the year's fraction: no precision lost to 2 pi 2020 */
		for (int k = 1; k <= r->opts.fourier_k; k++) {
			double sv = sin(2 * PI * k * phase), cv = cos(2 * PI * k * phase);
			row[p++] = fabs(sv) < 1e-12 ? 0 : sv;
			row[p++] = fabs(cv) < 1e-12 ? 0 : cv;
		}
	}
	return p;
}

size_t ind_its_design_row(const struct ind_its *r, double t, int month, double *row)
{
	return design_row(r, t, month, false, row);
}

/* The name of design column j, as the not-identified warning gives it. */
static void term_name(const struct ind_its *r, size_t j, char *buf, size_t size)
{
	size_t b = 2 + 2 * r->nbreaks;
	if (j == 0)
		snprintf(buf, size, "intercept");
	else if (j == 1)
		snprintf(buf, size, "time");
	else if (j < b)
		snprintf(buf, size, "%s_%zu", (j - 2) % 2 ? "slope" : "level", (j - 2) / 2 + 1);
	else if (r->opts.season == IND_SEASON_MONTH) {
		size_t k = j - b;
		for (int m = 1; m <= 12; m++)
			if (r->months[m] && k-- == 0) {
				snprintf(buf, size, "month_%d", m);
				return;
			}
	} else
		snprintf(buf, size, "%s_%zu", (j - b) % 2 ? "cos" : "sin", (j - b) / 2 + 1);
}

/* Estimate, SE, 95 % CI and p of a' beta: t on the model's df, normal for a GLM. */
static void estimate(const struct ind_fit *f, const double *a, double *est, double *se, double *lo, double *hi,
		     double *pval)
{
	double q, s;
	ind_fit_combine(f, a, est, &s);
	if (f->df > 0) {
		q = gsl_cdf_tdist_Qinv(0.025, f->df);
		*pval = 2 * gsl_cdf_tdist_Q(fabs(*est / s), f->df);
	} else {
		q = Z975;
		*pval = 2 * gsl_cdf_ugaussian_Q(fabs(*est / s));
	}
	*lo = *est - q * s;
	*hi = *est + q * s;
	if (!(s > 0))
		*pval = NAN;
	if (se)
		*se = s;
}

void ind_fit_estimate(const struct ind_fit *f, const double *a, double *est, double *se, double *lo, double *hi,
		      double *p)
{
	estimate(f, a, est, se, lo, hi, p);
}

static void its_nan(struct ind_its *r)
{
	for (size_t k = 0; k < IND_MAX_BREAKS; k++) {
		struct ind_its_break *b = &r->brk[k];
		b->level = b->level_se = b->level_lo = b->level_hi = b->level_p = NAN;
		b->slope_change = b->slope_change_se = b->slope_change_lo = b->slope_change_hi = b->slope_change_p = NAN;
		b->pre_slope = b->effect_end = b->effect_end_lo = b->effect_end_hi = b->effect_end_rel = NAN;
		b->rr_level = b->rr_level_lo = b->rr_level_hi = b->rr_slope = b->rr_slope_lo = b->rr_slope_hi = NAN;
	}
	r->dw = r->bg_stat = r->bg_p = NAN;
	r->fit.rho = r->fit.dispersion = NAN;
}

/* Durbin-Watson and Breusch-Godfrey of the OLS residuals of design x; returns their sum of squares. */
static double autocorrelation(const double *x, const double *y, size_t n, size_t p, struct ind_its *r)
{
	double sse = NAN;
	struct ind_fit *f = malloc(sizeof *f);
	double *e = malloc(n * sizeof *e);
	int lags = r->opts.ac_lags > 0 ? r->opts.ac_lags : 1;
	if (lags > (int)(n / 4))
		lags = (int)(n / 4);
	r->bg_lags = lags;
	if (f && e && ols(x, y, n, p, f, e) == 0) {
		sse = f->sse;
		r->dw = ind_durbin_watson(e, n);
		ind_breusch_godfrey(x, e, n, p, lags, &r->bg_stat, &r->bg_p);
	}
	free(f);
	free(e);
	return sse;
}

int ind_its_fit(const double *t, const double *y, const double *offset, const int *month, size_t n,
		const double *tk, size_t nk, const struct ind_its_opts *o, struct ind_its *r)
{
	double *x = NULL, a[IND_MAX_COEF];
	bool aliased[IND_MAX_COEF];
	size_t p = 0, n_post = 0;
	int rc = -1, first = 0;

	memset(r, 0, sizeof *r);
	its_nan(r);
	r->opts = *o;
	r->n = n;
	r->nbreaks = nk;
	r->se_used = o->model == IND_MODEL_POISSON ? IND_ITS_SE_OLS : o->se;
	r->status = IND_ITS_TOO_FEW;
	if (nk == 0 || nk > IND_MAX_BREAKS)
		return -1;
	for (size_t k = 0; k < nk; k++)
		r->brk[k].t = tk[k];
	for (size_t i = 0; i < n; i++) {
		size_t seg = 0;
		while (seg < nk && t[i] >= tk[seg] - 1e-9)
			seg++;
		if (seg > 0)
			r->brk[seg - 1].n_after++, n_post++;
		if (seg < nk)
			r->brk[seg].n_before++;
		if (i == 0 || t[i] > r->t_last) {
			r->t_last = t[i];
			r->last_month = month ? month[i] : 0;
		}
	}
	if (r->brk[0].n_before < 3 || n_post < 3)
		return -1;
	for (size_t k = 0; k < nk; k++)
		if (r->brk[k].n_after < 2) {
			r->status = IND_ITS_TOO_CLOSE;
			r->close_break = k;
			return -1;
		}
	if (o->season == IND_SEASON_MONTH && month)
		for (size_t i = 0; i < n; i++)
			if (month[i] >= 1 && month[i] <= 12) {
				if (!first)
					first = month[i];
				if (month[i] != first)
					r->months[month[i]] = 1;
			}
	r->status = IND_ITS_NO_FIT;
	if (!(x = malloc(n * IND_MAX_COEF * sizeof *x)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double row[IND_MAX_COEF + 2 * IND_MAX_BREAKS];
		p = design_row(r, t[i], month ? month[i] : 0, false, row);
		if (p > IND_MAX_COEF)
			goto out;
		memcpy(x + i * p, row, p * sizeof *row);
	}
	r->ncoef = p;
	if (n <= p + 1) {
		r->status = IND_ITS_TOO_FEW;
		goto out;
	}
	r->rank = ind_design_rank(x, n, p, aliased);
	if (r->rank < p) {
		size_t len = 0;
		r->status = IND_ITS_NOT_IDENTIFIED;
		for (size_t j = 0; j < p && len + 1 < sizeof r->aliased; j++)
			if (aliased[j]) {
				char name[32];
				term_name(r, j, name, sizeof name);
				len += (size_t)snprintf(r->aliased + len, sizeof r->aliased - len, "%s%s", len ? ", " : "", name);
			}
		goto out;
	}
	{
		double ym = 0, sst = 0;
		for (size_t i = 0; i < n; i++)
			ym += y[i] / (double)n;
		for (size_t i = 0; i < n; i++)
			sst += (y[i] - ym) * (y[i] - ym);
		r->sst = sst;
	}
	if (r->sst == 0) {
		r->status = IND_ITS_NO_VARIATION;
		goto out;
	}
	if (o->model == IND_MODEL_OLS) {
		/* values exactly on the model: intervals and p-values would be rounding noise */
		double sse = autocorrelation(x, y, n, p, r);
		if (isnan(sse))
			goto out;
		if (!(sse > 1e-26 * r->sst)) {
			r->status = IND_ITS_NO_VARIATION;
			goto out;
		}
		if (o->se == IND_ITS_SE_AUTO)
			r->se_used = r->bg_p < 0.05 ? IND_ITS_SE_HAC : IND_ITS_SE_OLS;
		if (ind_fit_ols(x, y, n, p, r->se_used, &r->fit) < 0)
			goto out;
	} else {
		if (ind_fit_poisson(x, y, offset, n, p, o->quasi, &r->fit) < 0)
			goto out;
		if (o->quasi && o->dispersion_floor && r->fit.dispersion < 1)
			for (size_t j = 0; j < p * p; j++)	/* scale max(1, phi): back to plain Poisson */
				r->fit.cov[j] /= r->fit.dispersion;
	}
	if (o->model == IND_MODEL_OLS)
		r->fit.dispersion = NAN;
	if (o->model == IND_MODEL_POISSON && o->quasi && !(r->fit.dispersion > 1e-20)) {
		r->status = IND_ITS_NO_VARIATION;
		goto out;
	}

	for (size_t k = 0; k < nk; k++) {
		struct ind_its_break *b = &r->brk[k];
		size_t cl = 2 + 2 * k, cs = cl + 1;
		double dummy, fit_last, se_last;
		memset(a, 0, sizeof a);
		a[cl] = 1;
		estimate(&r->fit, a, &b->level, &b->level_se, &b->level_lo, &b->level_hi, &b->level_p);
		a[cl] = 0;
		a[cs] = 1;
		estimate(&r->fit, a, &b->slope_change, &b->slope_change_se, &b->slope_change_lo, &b->slope_change_hi,
			 &b->slope_change_p);
		/* the trend of the segment before t_k */
		b->pre_slope = r->fit.beta[1];
		for (size_t j = 0; j < k; j++)
			b->pre_slope += r->fit.beta[3 + 2 * j];
		/* effect at the last period: c_k + d_k (t_last - t_k) */
		memset(a, 0, sizeof a);
		a[cl] = 1;
		a[cs] = r->t_last - b->t;
		estimate(&r->fit, a, &b->effect_end, NULL, &b->effect_end_lo, &b->effect_end_hi, &dummy);
		if (o->model == IND_MODEL_POISSON) {
			/* on the log scale the effect is a ratio: report it as a relative change */
			b->effect_end_rel = expm1(b->effect_end);
			b->rr_level = exp(b->level);
			b->rr_level_lo = exp(b->level_lo);
			b->rr_level_hi = exp(b->level_hi);
			b->rr_slope = exp(b->slope_change);
			b->rr_slope_lo = exp(b->slope_change_lo);
			b->rr_slope_hi = exp(b->slope_change_hi);
		} else {
			/* relative to the fit at the end without this interruption's terms */
			double row[IND_MAX_COEF + 2 * IND_MAX_BREAKS], without;
			design_row(r, r->t_last, r->last_month, false, row);
			ind_fit_combine(&r->fit, row, &fit_last, &se_last);
			without = fit_last - b->effect_end;
			b->effect_end_rel = without != 0 ? b->effect_end / without : NAN;
		}
	}
	r->status = IND_ITS_OK;
	rc = 0;
out:
	if (rc < 0) {
		struct ind_its_opts keep = r->opts;
		enum ind_its_status st = r->status;
		char al[sizeof r->aliased];
		size_t rank = r->rank, ncoef = r->ncoef;
		memcpy(al, r->aliased, sizeof al);
		its_nan(r);
		r->opts = keep, r->status = st, r->rank = rank, r->ncoef = ncoef;
		memcpy(r->aliased, al, sizeof al);
	}
	free(x);
	return rc;
}

void ind_its_predict(const struct ind_its *r, double t, int month, double offset, double *fit, double *cf,
		     double *cf_lo, double *cf_hi)
{
	double row[IND_MAX_COEF + 2 * IND_MAX_BREAKS], est, se, q = r->fit.df > 0 ? gsl_cdf_tdist_Qinv(0.025, r->fit.df) : Z975;
	design_row(r, t, month, false, row);
	ind_fit_combine(&r->fit, row, fit, &se);
	design_row(r, t, month, true, row);
	ind_fit_combine(&r->fit, row, &est, &se);
	*cf = est;
	*cf_lo = est - q * se;
	*cf_hi = est + q * se;
	if (r->opts.model == IND_MODEL_POISSON) {
		*fit = exp(*fit + offset);
		*cf = exp(*cf + offset);
		*cf_lo = exp(*cf_lo + offset);
		*cf_hi = exp(*cf_hi + offset);
	}
}
