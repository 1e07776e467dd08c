/* did.c - a series against its comparison regions: difference series or pooled multi-group ITS. See LICENSE. */
#include "did.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const char *const ind_did_method_names[] = { "difference-series", "pooled", NULL };
const char *const ind_control_weights_names[] = { "auto", "population", "equal", NULL };
const char *const ind_did_scale_names[] = { "values", "rates", "log-rates", "log-counts", NULL };

/* ---- population table ---------------------------------------------------- */

ind_population *ind_population_read(const char *path, struct ind_error *err)
{
	ind_population *pop;
	return ind_population_load(path, IND_POPULATION_COMPARE, NULL, &pop, err) == 0 ? pop : NULL;
}

double ind_population_of(const ind_population *pop, const char *region, const struct ind_period *p)
{
	const struct ind_population_row *row = ind_population_find(pop, region, p);
	return row ? row->value : NAN;
}

/* ---- combining the comparison regions ------------------------------------ */

/* Is p a count with its denominator (value = numerator)? */
static bool is_count(const struct ind_point *p)
{
	return p->has_value && p->has_numerator && p->has_denominator && p->denominator > 0 &&
	       fabs(p->value - p->numerator) <= 1e-9 * fabs(p->numerator);
}

static double count_of(const struct ind_point *p) { return p->has_numerator ? p->numerator : p->value; }

/* The point of series c at period, or NULL. */
static const struct ind_point *point_at(const struct ind_series *c, const struct ind_period *period)
{
	for (size_t q = 0; q < c->n; q++)
		if (c->pts[q].has_value && ind_period_cmp(&c->pts[q].period, period) == 0)
			return &c->pts[q];
	return NULL;
}

static bool is_control(const ind_strmap *controls, const struct ind_series *s, const struct ind_series *c)
{
	return c != s && strcmp(c->indicator, s->indicator) == 0 && ind_strmap_get(controls, c->region, strlen(c->region));
}

/* The per-period inputs of either method. */
struct shared {
	double t, yt, yc;		/* treated and combined comparison, on the scale of the comparison */
	double ct, cc, dt, dc;		/* Poisson: counts and denominators (dc the summed ones) */
	int month;
};

static int refuse(struct ind_did *d, ind_series_set *set, const struct ind_point *p, bool pop, const char *region)
{
	char pb[IND_PERIOD_TEXT_MAX];
	d->file = ind_series_file_name(set, p->file);
	d->line = p->line;
	snprintf(d->why, sizeof d->why, "comparison region '%s' in %s: %s", region, ind_period_format(&p->period, pb),
		 pop ? "no denominator, and no population of it in --population"
		     : "no denominator to weigh it by (give --population or --control-weights equal)");
	return -1;
}

static void nan_breaks(struct ind_did *d)
{
	for (size_t k = 0; k < IND_MAX_BREAKS; k++) {
		struct ind_did_break *b = &d->brk[k];
		b->level = b->level_lo = b->level_hi = b->level_p = NAN;
		b->slope = b->slope_lo = b->slope_hi = b->slope_p = NAN;
		b->rr = b->rr_lo = b->rr_hi = NAN;
	}
}

static void no_estimate(struct ind_did *d, enum ind_its_status st, const char *why, size_t n)
{
	d->status = st;
	snprintf(d->why, sizeof d->why, "no difference-in-differences estimate: %s (%zu periods shared with the comparison regions)",
		 why, n);
}

/* The rate ratios of log-scale estimates. */
static void ratios(struct ind_did *d, size_t K)
{
	if (d->scale != IND_DID_LOG_RATES && d->scale != IND_DID_LOG_COUNTS)
		return;
	for (size_t k = 0; k < K; k++) {
		d->brk[k].rr = exp(d->brk[k].level);
		d->brk[k].rr_lo = exp(d->brk[k].level_lo);
		d->brk[k].rr_hi = exp(d->brk[k].level_hi);
	}
}

static void difference(const struct shared *sh, size_t n, const double *tk, size_t K, const struct ind_its_opts *io,
		       struct ind_did *d)
{
	struct ind_its *f = malloc(sizeof *f);
	double *t = malloc((n ? n : 1) * sizeof *t), *y = malloc((n ? n : 1) * sizeof *y);
	int *month = malloc((n ? n : 1) * sizeof *month);
	struct ind_its_opts o = *io;

	if (!f || !t || !y || !month)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < n; i++) {
		t[i] = sh[i].t;
		y[i] = sh[i].yt - sh[i].yc;
		month[i] = sh[i].month;
	}
	o.model = IND_MODEL_OLS;
	o.quasi = false;	/* --se auto: decided on the difference series by its own Breusch-Godfrey test */
	if (ind_its_fit(t, y, NULL, month, n, tk, K, &o, f) == 0) {
		d->status = IND_ITS_OK;
		d->se_used = f->se_used;
		d->p = f->fit.p;
		for (size_t k = 0; k < K; k++) {
			const struct ind_its_break *b = &f->brk[k];
			d->brk[k] = (struct ind_did_break){ b->level, b->level_lo, b->level_hi, b->level_p, b->slope_change,
							    b->slope_change_lo, b->slope_change_hi, b->slope_change_p,
							    NAN, NAN, NAN };
		}
		ratios(d, K);
	} else {
		static const char *const why[] = {
			[IND_ITS_TOO_FEW] = "too few shared periods before or after the first interruption",
			[IND_ITS_TOO_CLOSE] = "too few shared periods between interruptions",
			[IND_ITS_NOT_IDENTIFIED] = "the model on the difference is not identified",
			[IND_ITS_NO_FIT] = "the model on the difference could not be fitted",
			[IND_ITS_NO_VARIATION] = "the difference lies exactly on the model",
		};
		no_estimate(d, f->status == IND_ITS_OK ? IND_ITS_NO_FIT : f->status,
			    f->status < sizeof why / sizeof why[0] && why[f->status] ? why[f->status] : "no fit", n);
	}
	free(f);
	free(t);
	free(y);
	free(month);
}

static void pooled(const struct shared *sh, size_t n, const double *tk, size_t K, const struct ind_its_opts *io,
		   const struct ind_its *treated, struct ind_did *d)
{
	double row[IND_MAX_COEF + 2 + 2 * IND_MAX_BREAKS];
	size_t p0 = ind_its_design_row(treated, sh[0].t, sh[0].month, row), P = p0 + 2 + 2 * K, N = 2 * n;
	size_t start[2] = { 0, n }, npre = 0, npost = 0;
	double *x, *y, *off;
	struct ind_fit *f;
	bool poisson = io->model == IND_MODEL_POISSON, offsets = true;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if (sh[i].t >= tk[0] - 1e-9)
			npost++;
		else
			npre++;
	}
	if (npre < 3 || npost < 3) {
		no_estimate(d, IND_ITS_TOO_FEW, "too few shared periods before or after the first interruption", n);
		return;
	}
	if (P > IND_MAX_COEF) {
		no_estimate(d, IND_ITS_NOT_IDENTIFIED, "the pooled model has more terms than it can hold", n);
		return;
	}
	x = malloc(N * P * sizeof *x), y = malloc(N * sizeof *y), off = malloc(N * sizeof *off), f = malloc(sizeof *f);
	if (!x || !y || !off || !f)
		ind_die(IND_EXIT_DATA, "out of memory");
	/* rows 0..n-1 the comparison regions (G = 0), n..2n-1 the treated region (G = 1), each in time order */
	for (size_t g = 0; g < 2; g++)
		for (size_t i = 0; i < n; i++) {
			double *r = x + (g * n + i) * P;
			size_t q = ind_its_design_row(treated, sh[i].t, sh[i].month, r);
			r[q++] = (double)g;
			r[q++] = g ? sh[i].t - tk[0] : 0;
			for (size_t k = 0; k < K; k++) {
				bool post = sh[i].t >= tk[k] - 1e-9;
				r[q++] = g && post ? 1 : 0;
				r[q++] = g && post ? sh[i].t - tk[k] : 0;
			}
			if (poisson) {
				y[g * n + i] = g ? sh[i].ct : sh[i].cc;
				double den = g ? sh[i].dt : sh[i].dc;
				if (den > 0)
					off[g * n + i] = log(den);
				else
					offsets = false;
			} else {
				y[g * n + i] = g ? sh[i].yt : sh[i].yc;
			}
		}
	if (ind_design_rank(x, N, P, NULL) < P) {
		no_estimate(d, IND_ITS_NOT_IDENTIFIED, "the pooled model is not identified", n);
		goto out;
	}
	if (poisson) {
		rc = ind_fit_poisson(x, y, offsets ? off : NULL, N, P, io->quasi, f);
		if (rc == 0 && io->quasi && io->dispersion_floor && f->dispersion < 1)
			for (size_t j = 0; j < P * P; j++)
				f->cov[j] /= f->dispersion;	/* scaled by max(1, dispersion): 1 */
		d->se_used = IND_ITS_SE_OLS;
	} else {
		enum ind_its_se se = io->se == IND_ITS_SE_AUTO ? treated->se_used : io->se;
		rc = ind_fit_ols_blocks(x, y, N, P, se, start, 2, f);
		d->se_used = se;
	}
	if (rc != 0 || !(f->cov[(p0 + 2) * P + p0 + 2] > 0)) {
		no_estimate(d, rc != 0 ? IND_ITS_NO_FIT : IND_ITS_NO_VARIATION,
			    rc != 0 ? "the pooled model could not be fitted" : "the pooled model has no residual variation", n);
		goto out;
	}
	d->status = IND_ITS_OK;
	d->p = P;
	for (size_t k = 0; k < K; k++) {
		double a[IND_MAX_COEF] = { 0 }, se;
		struct ind_did_break *b = &d->brk[k];
		a[p0 + 2 + 2 * k] = 1;
		ind_fit_estimate(f, a, &b->level, &se, &b->level_lo, &b->level_hi, &b->level_p);
		a[p0 + 2 + 2 * k] = 0;
		a[p0 + 3 + 2 * k] = 1;
		ind_fit_estimate(f, a, &b->slope, &se, &b->slope_lo, &b->slope_hi, &b->slope_p);
	}
	ratios(d, K);
out:
	free(x);
	free(y);
	free(off);
	free(f);
}

int ind_did_fit(ind_series_set *set, const struct ind_series *s, const ind_strmap *controls,
		const struct ind_point *use, size_t m, const double *tk, size_t K, const struct ind_its_opts *io,
		const struct ind_its *treated, const struct ind_did_opts *o, struct ind_did *d)
{
	bool poisson = io->model == IND_MODEL_POISSON, rates = m > 0, dens = true, offsets = m > 0;
	struct shared *sh = malloc((m ? m : 1) * sizeof *sh);
	double per = o->per > 0 ? o->per : 1000;	/* options cleared to zero: per 1000 */
	size_t n = 0;
	int rc = 0;

	if (!sh)
		ind_die(IND_EXIT_DATA, "out of memory");
	memset(d, 0, sizeof *d);
	nan_breaks(d);
	d->method = o->method;
	d->status = IND_ITS_NO_FIT;
	/* the scale and the weights, from every value that takes part */
	for (size_t i = 0; i < m; i++) {
		rates &= is_count(&use[i]);
		offsets &= use[i].has_denominator && use[i].denominator > 0;
		for (size_t j = 0; j < ind_series_count(set); j++) {
			const struct ind_series *c = ind_series_at(set, j);
			const struct ind_point *q;
			if (!is_control(controls, s, c) || !(q = point_at(c, &use[i].period)))
				continue;
			rates &= is_count(q);
			dens &= q->has_denominator && q->denominator > 0;
		}
	}
	offsets &= dens;
	d->scale = poisson ? (offsets ? IND_DID_LOG_RATES : IND_DID_LOG_COUNTS) : rates ? IND_DID_RATES : IND_DID_VALUES;
	d->weights = o->weights != IND_WEIGHTS_AUTO ? o->weights : dens || o->pop ? IND_WEIGHTS_POPULATION : IND_WEIGHTS_EQUAL;
	if (poisson && o->method == IND_DID_POOLED && d->weights == IND_WEIGHTS_EQUAL) {
		if (o->weights == IND_WEIGHTS_EQUAL) {
			snprintf(d->why, sizeof d->why, "the pooled Poisson model adds the comparison regions' counts: equal weights do not apply");
			free(sh);
			return -1;
		}
		d->weights = IND_WEIGHTS_POPULATION;	/* summed counts: every region as large as it is */
	}

	for (size_t i = 0; i < m && rc == 0; i++) {
		const struct ind_point *p = &use[i];
		double sw = 0, sy = 0, cc = 0, dc = 0;
		int k = 0;
		for (size_t j = 0; j < ind_series_count(set) && rc == 0; j++) {
			const struct ind_series *c = ind_series_at(set, j);
			const struct ind_point *q;
			double w = 1, v;
			if (!is_control(controls, s, c) || !(q = point_at(c, &p->period)))
				continue;
			if (d->weights == IND_WEIGHTS_POPULATION && !(poisson && o->method == IND_DID_POOLED)) {
				w = q->has_denominator && q->denominator > 0 ? q->denominator : ind_population_of(o->pop, c->region, &q->period);
				if (!(w > 0)) {
					rc = refuse(d, set, q, o->pop != NULL, c->region);
					break;
				}
			}
			if (poisson)
				v = offsets ? count_of(q) / q->denominator : count_of(q);
			else
				v = rates ? per * q->numerator / q->denominator : q->value;
			sw += w;
			sy += w * v;
			cc += count_of(q);
			dc += q->has_denominator ? q->denominator : 0;
			k++;
		}
		if (!k || rc)
			continue;
		sh[n].t = p->t;
		sh[n].month = p->period.kind == IND_PERIOD_MONTH ? p->period.sub : 0;
		sh[n].ct = count_of(p);
		sh[n].dt = offsets ? p->denominator : 0;
		sh[n].cc = cc;
		sh[n].dc = offsets ? dc : 0;
		if (poisson) {
			double rt = offsets ? count_of(p) / p->denominator : count_of(p), rcb = sy / sw;
			sh[n].yt = rt > 0 ? log(rt) : NAN;
			sh[n].yc = rcb > 0 ? log(rcb) : NAN;
			if (o->method == IND_DID_DIFFERENCE && !(rt > 0 && rcb > 0)) {
				char pb[IND_PERIOD_TEXT_MAX];
				snprintf(d->why, sizeof d->why, "no difference-in-differences estimate: a count of 0 in %s has no logarithm, so there is no difference series on the log scale (--did pooled takes zeros)",
					 ind_period_format(&p->period, pb));
				d->status = IND_ITS_NO_FIT;
				free(sh);
				return 0;
			}
		} else {
			sh[n].yt = rates ? per * p->numerator / p->denominator : p->value;
			sh[n].yc = sy / sw;
		}
		n++;
	}
	d->n = n;
	if (rc == 0 && n == 0) {
		d->status = IND_ITS_TOO_FEW;
		snprintf(d->why, sizeof d->why, "the comparison regions have no values of this indicator in its periods; no difference-in-differences estimate");
	} else if (rc == 0 && o->method == IND_DID_POOLED) {
		pooled(sh, n, tk, K, io, treated, d);
	} else if (rc == 0) {
		difference(sh, n, tk, K, io, d);
	}
	free(sh);
	return rc;
}
