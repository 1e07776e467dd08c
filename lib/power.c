/* power.c - detectable effects, follow-up needed and placebo dates for an interrupted time series. See LICENSE. */
#include "power.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RHO_MAX 0.99

/* The period index of each time: a gap of g periods is g steps. */
static long period_index(double t, double t0, double step)
{
	return lround((t - t0) / step);
}

/* v = scale (sum_a w_a r_a r_a')^-1 over the n rows r_a of p terms (w NULL: every w_a 1); -1 when singular. */
static int cross_inverse(const double *rows, const double *w, size_t n, size_t p, double scale, double *v)
{
	gsl_matrix *xwx = gsl_matrix_calloc(p, p), *inv = gsl_matrix_alloc(p, p);
	gsl_permutation *perm = gsl_permutation_alloc(p);
	int sign, rc = -1;

	if (!xwx || !inv || !perm)
		goto out;
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < p; j++)
				*gsl_matrix_ptr(xwx, i, j) += w ? w[a] * rows[a * p + i] * rows[a * p + j] : rows[a * p + i] * rows[a * p + j];
	if (gsl_linalg_LU_decomp(xwx, perm, &sign) != 0 || gsl_linalg_LU_invert(xwx, perm, inv) != 0)
		goto out;
	for (size_t i = 0; i < p * p; i++)
		v[i] = scale * inv->data[(i / p) * inv->tda + i % p];
	rc = isfinite(v[0]) ? 0 : -1;
out:
	gsl_matrix_free(xwx);
	gsl_matrix_free(inv);
	gsl_permutation_free(perm);
	return rc;
}

/*
 * GLS (Prais-Winsten) under AR(1): v = s2 (X' S^-1 X)^-1, through the whitened
 * rows x~_1 = x_1, x~_i = (x_i - a_i x_{i-1}) / sqrt(1 - a_i^2), a_i = rho^gap.
 */
static int gls_cov(const double *x, const long *tau, size_t n, size_t p, double s2, double rho, double *v)
{
	double *w = malloc((n ? n : 1) * p * sizeof *w);
	int rc;

	if (!w)
		return -1;
	for (size_t a = 0; a < n; a++) {
		double g = a ? pow(rho, (double)(tau[a] - tau[a - 1])) : 0, scale = 1 / sqrt(1 - g * g);
		for (size_t j = 0; j < p; j++)
			w[a * p + j] = a ? (x[a * p + j] - g * x[(a - 1) * p + j]) * scale : x[j];
	}
	rc = cross_inverse(w, NULL, n, p, s2, v);
	free(w);
	return rc;
}

/*
 * OLS under AR(1): v = s2 (X'X)^-1 X'SX (X'X)^-1 for the n x p design x,
 * S_ab = rho^|tau_a - tau_b|. SX first (n^2 p), then X'(SX) (n p^2). -1 when
 * out of memory or X'X is singular. gls: the Prais-Winsten estimator's instead.
 */
static int ar1_cov(const double *x, const long *tau, size_t n, size_t p, double s2, double rho, bool gls, double *v)
{
	if (gls)
		return gls_cov(x, tau, n, p, s2, rho, v);
	{
	long span = n ? tau[n - 1] - tau[0] : 0;
	double *pw = malloc((size_t)(span + 1) * sizeof *pw), *sx = calloc(n * p, sizeof *sx);
	gsl_matrix *xtx = gsl_matrix_calloc(p, p), *inv = gsl_matrix_alloc(p, p), *mid = gsl_matrix_calloc(p, p);
	gsl_matrix *tmp = gsl_matrix_alloc(p, p);
	gsl_permutation *perm = gsl_permutation_alloc(p);
	int sign, rc = -1;

	if (!pw || !sx || !xtx || !inv || !mid || !tmp || !perm)
		goto out;
	pw[0] = 1;
	for (long g = 1; g <= span; g++)
		pw[g] = pw[g - 1] * rho;
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++) {
			double w = pw[labs(tau[a] - tau[b])];
			if (w == 0)
				continue;
			for (size_t j = 0; j < p; j++)
				sx[a * p + j] += w * x[b * p + j];
		}
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < p; j++) {
				*gsl_matrix_ptr(xtx, i, j) += x[a * p + i] * x[a * p + j];
				*gsl_matrix_ptr(mid, i, j) += x[a * p + i] * sx[a * p + j];
			}
	if (gsl_linalg_LU_decomp(xtx, perm, &sign) != 0 || gsl_linalg_LU_invert(xtx, perm, inv) != 0)
		goto out;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			double acc = 0;
			for (size_t k = 0; k < p; k++)
				acc += gsl_matrix_get(inv, i, k) * gsl_matrix_get(mid, k, j);
			gsl_matrix_set(tmp, i, j, acc);
		}
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			double acc = 0;
			for (size_t k = 0; k < p; k++)
				acc += gsl_matrix_get(tmp, i, k) * gsl_matrix_get(inv, k, j);
			v[i * p + j] = s2 * acc;
		}
	rc = isfinite(v[0]) ? 0 : -1;
out:
	free(pw);
	free(sx);
	gsl_matrix_free(xtx);
	gsl_matrix_free(inv);
	gsl_matrix_free(mid);
	gsl_matrix_free(tmp);
	gsl_permutation_free(perm);
	return rc;
	}
}

static double power_of(double d, double se, double z_alpha)
{
	if (!(se > 0) || isnan(d))
		return NAN;
	return gsl_cdf_ugaussian_P(fabs(d) / se - z_alpha) + gsl_cdf_ugaussian_P(-fabs(d) / se - z_alpha);
}

/* The month j periods after the last one (0 for non-monthly series). */
static int month_after(int last, long j)
{
	return last >= 1 && last <= 12 ? (int)((last - 1 + j) % 12) + 1 : 0;
}

/*
 * The model series are simulated from: the fitted means, and either AR(1)
 * normal errors (OLS: s2, rho over the period indices tau) or counts around
 * the means (Poisson; under quasi-Poisson of variance phi mu).
 */
struct sim_model {
	const double *mean;
	const long *tau;	/* OLS */
	double s2, rho;		/* OLS */
	bool counts;
	double phi;		/* counts */
};

static void draw(const struct ind_its *r, const struct sim_model *m, gsl_rng *rng, size_t n, double *ys)
{
	double e = 0;
	for (size_t i = 0; i < n; i++) {
		if (!m->counts) {
			double z = gsl_ran_ugaussian(rng);
			if (i == 0) {
				e = sqrt(m->s2) * z;
			} else {
				double a = pow(m->rho, (double)(m->tau[i] - m->tau[i - 1]));
				e = a * e + sqrt(m->s2 * (1 - a * a)) * z;
			}
			ys[i] = m->mean[i] + e;
		} else if (!r->opts.quasi) {
			ys[i] = (double)gsl_ran_poisson(rng, m->mean[i]);
		} else if (m->phi > 1 + 1e-12) {
			ys[i] = (double)gsl_ran_negative_binomial(rng, 1 / m->phi, m->mean[i] / (m->phi - 1));
		} else {	/* less spread than Poisson: no count law, a normal draw of variance phi mu */
			ys[i] = fmax(0, m->mean[i] + sqrt(m->phi * m->mean[i]) * gsl_ran_ugaussian(rng));
		}
	}
}

/* Simulated power to detect the level of interruption k: series drawn from m, refitted with the same model. */
static double simulate(const struct ind_its *r, const double *t, const double *offset, const int *month, size_t n,
		       size_t k, const struct sim_model *m, const struct ind_power_opts *o)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double *ys = malloc(n * sizeof *ys), tk[IND_MAX_BREAKS];
	unsigned long hits = 0, fitted_ok = 0;
	struct ind_its *r2 = malloc(sizeof *r2);
	double power = NAN;

	if (!rng || !ys || !r2)
		goto out;
	gsl_rng_set(rng, o->seed);
	for (size_t j = 0; j < r->nbreaks; j++)
		tk[j] = r->brk[j].t;
	for (unsigned long s = 0; s < o->sims; s++) {
		draw(r, m, rng, n, ys);
		if (ind_its_fit(t, ys, offset, month, n, tk, r->nbreaks, &r->opts, r2) != 0)
			continue;
		fitted_ok++;
		hits += r2->brk[k].level_p < o->alpha;
	}
	if (fitted_ok)
		power = (double)hits / (double)fitted_ok;
out:
	gsl_rng_free(rng);
	free(ys);
	free(r2);
	return power;
}

/*
 * What the power of each interruption is judged on: the design of the
 * observed periods (x, n rows of p) with room for the follow-up periods
 * after them, and the model: AR(1) errors (OLS) or counts (Poisson).
 */
struct power_case {
	const struct ind_its *r;
	const double *t, *offset;
	const int *month;
	size_t n, p, horizon;
	double step;
	double *x;
	long *tau;		/* OLS: period indices, for rho^|i - j| */
	bool gls;
	struct sim_model model;	/* the mean, s2 and rho (OLS) or phi (counts) */
};

/* The coefficients' covariance with m periods of follow-up (0: as observed) into v. */
static int cov_with(const struct power_case *c, size_t m, double *v)
{
	const struct sim_model *s = &c->model;
	if (s->counts)	/* the rows after n were continued from the model up front */
		return cross_inverse(c->x, s->mean, c->n + m, c->p, s->phi, v);
	if (m > 0) {	/* the design continued by one more period */
		size_t i = c->n + m - 1;
		ind_its_design_row(c->r, c->t[c->n - 1] + (double)m * c->step, month_after(c->r->last_month, (long)m),
				   c->x + i * c->p);
		c->tau[i] = c->tau[c->n - 1] + (long)m;
	}
	return ar1_cov(c->x, c->tau, c->n + m, c->p, s->s2, s->rho, c->gls, v);
}

/*
 * Each interruption's detectable effects, power and follow-up needed. The
 * follow-up is searched in a covariance of its own: the next interruption
 * is judged on the observed design again.
 */
static int each_break(const struct power_case *c, const struct ind_power_opts *o, struct ind_power *out)
{
	const struct ind_its *r = c->r;
	double z_alpha = gsl_cdf_ugaussian_Pinv(1 - o->alpha / 2), z_power = gsl_cdf_ugaussian_Pinv(o->power);
	double v[IND_MAX_COEF * IND_MAX_COEF], vm[IND_MAX_COEF * IND_MAX_COEF];
	size_t p = c->p;

	if (p > IND_MAX_COEF || cov_with(c, 0, v) < 0)
		return -1;
	for (size_t k = 0; k < r->nbreaks; k++) {
		struct ind_power *w = &out[k];
		size_t cl = 2 + 2 * k, cs = 3 + 2 * k;
		double se_l = sqrt(v[cl * p + cl]), se_s = sqrt(v[cs * p + cs]), d = r->brk[k].level;
		w->rho = c->model.counts ? NAN : c->model.rho;
		w->s2 = c->model.counts ? c->model.phi : c->model.s2;
		w->mde_level = (z_alpha + z_power) * se_l;
		w->mde_slope = (z_alpha + z_power) * se_s;
		w->power_level = power_of(d, se_l, z_alpha);
		if (o->sims)
			w->power_level_sim = simulate(r, c->t, c->offset, c->month, c->n, k, &c->model, o);
		if (w->power_level >= o->power) {
			w->followup = 0;
			continue;
		}
		for (size_t m = 1; m <= c->horizon && d != 0 && isfinite(d); m++) {
			if (cov_with(c, m, vm) < 0)
				return -1;
			if (power_of(d, sqrt(vm[cl * p + cl]), z_alpha) >= o->power) {
				w->followup = (long)m;
				break;
			}
		}
	}
	return 0;
}

int ind_its_power(const struct ind_its *r, const double *t, const double *y, const int *month, size_t n,
		  const struct ind_power_opts *o, struct ind_power *out)
{
	size_t p = r->fit.p, horizon = (size_t)lround(10 / o->step), cap = n + horizon;
	double *x = NULL, *e = NULL, *fitted = NULL, num = 0, den = 0, rho, s2;
	long *tau = NULL;
	int rc = -1;

	for (size_t k = 0; k < IND_MAX_BREAKS; k++)
		out[k] = (struct ind_power){ NAN, NAN, NAN, NAN, NAN, NAN, -1 };
	if (r->status != IND_ITS_OK || r->opts.model != IND_MODEL_OLS || n <= p || p == 0 || !(o->step > 0))
		return -1;
	x = malloc(cap * p * sizeof *x);
	e = malloc(n * sizeof *e);
	fitted = malloc(n * sizeof *fitted);
	tau = malloc(cap * sizeof *tau);
	if (!x || !e || !fitted || !tau)
		goto out;
	for (size_t i = 0; i < n; i++) {
		double f = 0;
		ind_its_design_row(r, t[i], month ? month[i] : 0, x + i * p);
		for (size_t j = 0; j < p; j++)
			f += x[i * p + j] * r->fit.beta[j];
		fitted[i] = f;
		e[i] = y[i] - f;
		tau[i] = period_index(t[i], t[0], o->step);
	}
	/* rho from consecutive periods only: a gap says nothing about lag 1 */
	for (size_t i = 1; i < n; i++)
		if (tau[i] - tau[i - 1] == 1)
			num += e[i] * e[i - 1], den += e[i - 1] * e[i - 1];
	rho = den > 0 ? num / den : 0;
	rho = rho > RHO_MAX ? RHO_MAX : rho < -RHO_MAX ? -RHO_MAX : rho;
	{	/* the marginal variance of the errors, whichever way the fit weighed them */
		double ss = 0;
		for (size_t i = 0; i < n; i++)
			ss += e[i] * e[i];
		s2 = ss / (double)(n - p);
	}
	rc = each_break(&(struct power_case){ .r = r, .t = t, .month = month, .n = n, .p = p, .horizon = horizon,
					      .step = o->step, .x = x, .tau = tau, .gls = r->se_used == IND_ITS_SE_AR1,
					      .model = { .mean = fitted, .tau = tau, .s2 = s2, .rho = rho } },
			o, out);
out:
	free(x);
	free(e);
	free(fitted);
	free(tau);
	return rc;
}

void ind_its_placebo(const struct ind_its *r, const double *t, const double *y, const double *offset,
		     const int *month, size_t n, size_t k, size_t min_side, size_t *n_tried, double *p)
{
	ind_its_placebo_levels(r, t, y, offset, month, n, k, min_side, n_tried, p, NULL, NULL);
}

void ind_its_placebo_levels(const struct ind_its *r, const double *t, const double *y, const double *offset,
			    const int *month, size_t n, size_t k, size_t min_side, size_t *n_tried, double *p,
			    size_t *fake_at, double *fake_level)
{
	double lo = k > 0 ? r->brk[k - 1].t : -INFINITY, hi = r->brk[k].t, real = fabs(r->brk[k].level);
	double tk[IND_MAX_BREAKS];
	size_t first = n, count = 0, as_large = 0;
	struct ind_its *fake = malloc(sizeof *fake);

	*n_tried = 0;
	*p = NAN;
	if (!fake || r->status != IND_ITS_OK || r->nbreaks >= IND_MAX_BREAKS || isnan(real))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (t[i] >= lo - 1e-9 && t[i] < hi - 1e-9) {
			if (first == n)
				first = i;
			count++;
		}
	for (size_t j = min_side; j + min_side <= count; j++) {
		double tf = t[first + j];
		size_t nk = 0, at = 0;
		for (size_t b = 0; b < r->nbreaks; b++) {
			if (b == k)
				at = nk, tk[nk++] = tf;
			tk[nk++] = r->brk[b].t;
		}
		if (ind_its_fit(t, y, offset, month, n, tk, nk, &r->opts, fake) != 0 || isnan(fake->brk[at].level))
			continue;
		if (fake_at) {
			fake_at[*n_tried] = first + j;
			fake_level[*n_tried] = fake->brk[at].level;
		}
		(*n_tried)++;
		as_large += fabs(fake->brk[at].level) >= real;
	}
	if (*n_tried)
		*p = (double)(1 + as_large) / (double)(1 + *n_tried);
out:
	free(fake);
}

int ind_its_power_poisson(const struct ind_its *r, const double *t, const double *offset, const int *month, size_t n,
			  const struct ind_power_opts *o, struct ind_power *out)
{
	size_t p = r->fit.p, horizon = (size_t)lround(10 / o->step), cap = n + horizon;
	double *x = NULL, *mu = NULL, phi = 1;
	int rc = -1;

	for (size_t k = 0; k < IND_MAX_BREAKS; k++)
		out[k] = (struct ind_power){ NAN, NAN, NAN, NAN, NAN, NAN, -1 };
	if (r->status != IND_ITS_OK || r->opts.model != IND_MODEL_POISSON || n <= p || p == 0 || !(o->step > 0))
		return -1;
	if (r->opts.quasi)	/* the scale the fit's intervals used */
		phi = r->opts.dispersion_floor && r->fit.dispersion < 1 ? 1 : r->fit.dispersion;
	if (!(phi > 0) || !isfinite(phi))
		return -1;
	x = malloc(cap * p * sizeof *x);
	mu = malloc(cap * sizeof *mu);
	if (!x || !mu)
		goto out;
	for (size_t i = 0; i < cap; i++) {
		/* the observed periods, then the model continued, the last offset carried on */
		double f = offset ? offset[i < n ? i : n - 1] : 0;
		double ti = i < n ? t[i] : t[n - 1] + (double)(i - n + 1) * o->step;
		int mi = i < n ? (month ? month[i] : 0) : month_after(r->last_month, (long)(i - n + 1));
		ind_its_design_row(r, ti, mi, x + i * p);
		for (size_t j = 0; j < p; j++)
			f += x[i * p + j] * r->fit.beta[j];
		mu[i] = exp(f);
	}
	/* phi (X'WX)^-1, W = diag(mu): the Wald covariance of a (quasi-)Poisson GLM at mu */
	rc = each_break(&(struct power_case){ .r = r, .t = t, .offset = offset, .month = month, .n = n, .p = p,
					      .horizon = horizon, .step = o->step, .x = x,
					      .model = { .mean = mu, .counts = true, .phi = phi } },
			o, out);
out:
	free(x);
	free(mu);
	return rc;
}
