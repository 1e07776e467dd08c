/* aggout.c - ind-agg's indicators: the groups as the canonical stream, gaps filled. See LICENSE. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggrun.h"
#include "writer.h"


static void row_out(struct ind_line *ln, FILE *fp, const char *region, const char *ind, const char *suffix,
		    const char *period, double value, const char *num, const char *den)
{
	char name[2 * IND_NAME_MAX];
	snprintf(name, sizeof name, "%s%s", ind, suffix);
	ind_line_reset(ln);
	ind_line_str(ln, region);
	ind_line_str(ln, name);
	ind_line_str(ln, period);
	ind_line_double(ln, value);
	ind_line_str(ln, num);
	ind_line_str(ln, den);
	ind_line_put(ln, fp);
}

const char *ind_agg_population_of(const struct ind_agg_config *c, const struct ind_group *g)
{
	char key[512], pbuf[IND_PERIOD_TEXT_MAX];
	const char *v;
	snprintf(key, sizeof key, "%s\037%s", g->region, ind_period_format(&g->period, pbuf));
	if ((v = ind_strmap_get(c->population, key, strlen(key))))
		return v;
	snprintf(key, sizeof key, "%s\037%04d", g->region, g->period.year);
	return ind_strmap_get(c->population, key, strlen(key));
}

/* The suffix of a percentile in tenths: 500 is _median, 900 _p90, 975 _p97.5. */
void ind_agg_pct_suffix(long tenths, char *buf, size_t size)
{
	if (tenths == 500)
		snprintf(buf, size, "_median");
	else if (tenths % 10)
		snprintf(buf, size, "_p%ld.%ld", tenths / 10, tenths % 10);
	else
		snprintf(buf, size, "_p%ld", tenths / 10);
}

/*
 * The indicators of one (region, period). filled: no row fell there, so a
 * count or a sum is 0 and every share, wait and mean is empty (no events is
 * not 0 %).
 */
static void write_group(const struct ind_agg_config *c, const struct ind_measure *ms, size_t nm, struct ind_line *ln,
			FILE *fp, const struct ind_group *g, struct ind_mstate *states, bool filled, struct ind_agg_tally *t)
{
	char pbuf[IND_PERIOD_TEXT_MAX], num[32], den[32];
	const char *per = ind_period_format(&g->period, pbuf);

	t->filled += filled;
	for (size_t k = 0; k < nm; k++) {
		struct ind_mstate *s = &states[k];
		const struct ind_measure *m = &ms[k];
		char sumtext[64];
		if (!s->n && (m->kind == IND_M_SHARE || m->kind == IND_M_WAIT ||
			      (filled && (m->kind == IND_M_MEAN || m->kind == IND_M_QUANTILE))))
			t->no_events++;
		switch (m->kind) {
		case IND_M_COUNT:
			snprintf(num, sizeof num, "%ld", s->n);
			if (c->per > 0) {
				const char *pop = ind_agg_population_of(c, g);
				double popv = pop ? strtod(pop, NULL) : NAN;
				if (!pop)
					t->no_population++;
				row_out(ln, fp, g->region, m->name, "", per, popv > 0 ? s->n / popv * c->per : NAN, num,
					pop ? pop : "");
			} else {
				row_out(ln, fp, g->region, m->name, "", per, (double)s->n, "", "");
			}
			break;
		case IND_M_SHARE:
			snprintf(num, sizeof num, "%ld", s->hits);
			snprintf(den, sizeof den, "%ld", s->n);
			row_out(ln, fp, g->region, m->name, "", per, s->n ? 100.0 * s->hits / s->n : NAN, num, den);
			break;
		case IND_M_WAIT:
			snprintf(den, sizeof den, "%ld", s->n);
			row_out(ln, fp, g->region, m->name, "_mean", per,
				s->n ? (double)(s->sum / IND_FIXED_SCALE) / s->n : NAN, "", "");
			for (int q = 0; q < c->npct; q++) {
				char suffix[32];
				ind_agg_pct_suffix(c->pct[q], suffix, sizeof suffix);
				row_out(ln, fp, g->region, m->name, suffix, per, ind_hist_quantile(s, c->pct[q], 1000), "",
					"");
			}
			for (int w = 0; w < c->nwithin; w++) {
				long within = ind_hist_within(s, c->within[w]);
				char suffix[32];
				snprintf(suffix, sizeof suffix, "_within_%ldd", c->within[w]);
				snprintf(num, sizeof num, "%ld", within);
				row_out(ln, fp, g->region, m->name, suffix, per, s->n ? 100.0 * within / s->n : NAN, num,
					den);
			}
			break;
		case IND_M_QUANTILE:
			if (!s->n && !filled)
				t->no_values++;
			for (int q = 0; q < c->npct; q++) {
				char suffix[32];
				ind_agg_pct_suffix(c->pct[q], suffix, sizeof suffix);
				row_out(ln, fp, g->region, m->name, suffix, per, ind_values_quantile(s, c->pct[q], 1000), "",
					"");
			}
			break;
		case IND_M_SUM:
			if (!s->n && !filled)
				t->no_values++;
			ind_line_reset(ln);
			ind_line_str(ln, g->region);
			ind_line_str(ln, m->name);
			ind_line_str(ln, per);
			ind_line_str(ln, s->n ? ind_fixed_format(s->sum, sumtext) : filled ? "0" : "");
			ind_line_str(ln, "");
			ind_line_str(ln, "");
			ind_line_put(ln, fp);
			break;
		case IND_M_MEAN:
		default:
			if (!s->n && !filled)
				t->no_values++;
			row_out(ln, fp, g->region, m->name, "", per,
				s->n ? strtod(ind_fixed_format(s->sum, sumtext), NULL) / s->n : NAN, "", "");
			break;
		}
	}
}

/*
 * Every region gets every period from the first to the last (of the input,
 * or --from/--to): a period where no row fell is written too, so that a
 * series has no silent gaps.
 */
void ind_agg_write_indicators(const struct ind_agg_config *c, ind_agg *agg, FILE *fp, struct ind_agg_tally *t)
{
	struct ind_line ln = { 0 };
	size_t nm, n;
	const struct ind_measure *ms = ind_agg_measures(agg, &nm);
	struct ind_mstate *none = calloc(nm ? nm : 1, sizeof *none);
	struct ind_period lo, hi;

	if (!none)
		ind_die(IND_EXIT_DATA, "out of memory");
	ind_line_str(&ln, "region");
	ind_line_str(&ln, "indicator");
	ind_line_str(&ln, "period");
	ind_line_str(&ln, "value");
	ind_line_str(&ln, "numerator");
	ind_line_str(&ln, "denominator");
	ind_line_put(&ln, fp);
	ind_agg_sort(agg);
	n = ind_agg_count(agg);
	for (size_t i = 0; i < n; i++) {
		const struct ind_period *p = &ind_agg_at(agg, i)->period;
		if (i == 0 || ind_period_cmp(p, &lo) < 0)
			lo = *p;
		if (i == 0 || ind_period_cmp(p, &hi) > 0)
			hi = *p;
	}
	if (c->has_from)
		lo = c->from;
	if (c->has_to)
		hi = c->to;
	for (size_t i = 0; i < n;) {
		struct ind_group *g = ind_agg_at(agg, i);
		struct ind_group gap = { g->region, lo, none };
		size_t j = i;
		/* the periods of one kind step from lo to hi; rows are all of --by's kind */
		for (bool more = true; more && ind_period_cmp(&gap.period, &hi) <= 0;) {
			if (j < n && strcmp(ind_agg_at(agg, j)->region, g->region) == 0 &&
			    ind_period_cmp(&ind_agg_at(agg, j)->period, &gap.period) == 0) {
				write_group(c, ms, nm, &ln, fp, ind_agg_at(agg, j), ind_agg_at(agg, j)->m, false, t);
				j++;
			} else {
				write_group(c, ms, nm, &ln, fp, &gap, none, true, t);
			}
			struct ind_period before = gap.period;
			ind_agg_period_next(&gap.period);
			more = ind_period_cmp(&before, &gap.period) != 0;	/* a day or a number does not step */
		}
		while (j < n && strcmp(ind_agg_at(agg, j)->region, g->region) == 0)
			j++;	/* cannot happen: every group lies in lo..hi */
		i = j;
	}
	free(none);
	ind_line_free(&ln);
}
