/* report.h - the "Vaikutukset ja vaikuttavuus" section: settings, statistics, sentences, files. See LICENSE. */
#ifndef IND_REPORT_H
#define IND_REPORT_H

#include <stdbool.h>

#include "analysis.h"
#include "config.h"
#include "err.h"
#include "export.h"
#include "fmt.h"

#define IND_REPORT_MAX 64

struct ind_report_indicator {
	char id[128], name_fi[256], name_en[256], name_sv[256], unit_fi[64], unit_en[64], unit_sv[64];
	int better;		/* +1 higher is better, -1 lower is better, 0 not said */
	enum ind_model model;
	bool model_given;
	bool plural;		/* the name is plural ("käynnit"): Finnish verbs agree */
	bool count;		/* values are counts: with a population, compared per 1 000 inhabitants */
	int joinpoints;		/* > 0: the trend as a joinpoint regression with up to this many joinpoints */
};

struct ind_report_goal {
	char name[96];
	char *indicators[IND_REPORT_MAX];
	int n;
};

struct ind_report {
	char title[256];		/* title = (either language), or empty */
	char title_fi[256], title_en[256], title_sv[256];
	enum ind_lang lang;
	char *inputs[16];
	int ninputs;
	char *events;
	char *population;	/* CSV region,period (a year),population, or NULL */
	char *regions[IND_REPORT_MAX];
	int nregions;
	char controls_text[512];
	ind_strmap *controls;
	char exclude_text[256];
	struct ind_period ex_a[IND_MAX_EXCLUDE], ex_b[IND_MAX_EXCLUDE];	/* the windows of exclude, as written */
	struct ind_analysis_opts an;
	struct ind_report_goal goals[8];
	int ngoals;
	struct ind_report_indicator inds[IND_REPORT_MAX];
	int ninds;
	const char *gnuplot;
	bool quiet, stamp;
	const struct ind_export *export;	/* docx, odt, pdf: made before publishing; NULL: none */
};

/* The five goal areas of the programme, in report order. */
extern const char *const ind_goal_areas[5];

/*
 * Settings from a configuration (see ind-report(1)); paths are taken
 * relative to the directory of the configuration file. -1 with a
 * line-numbered err for unknown sections, unknown keys and bad values.
 */
int ind_report_configure(struct ind_report *r, const struct ind_config *c, struct ind_error *err);
void ind_report_free(struct ind_report *r);

/* Write DIR/index.html, DIR/report.md (+ charts), DIR/statistics.csv and r->export's formats, atomically. */
int ind_report_build(const struct ind_report *r, const char *dir, struct ind_error *err);

#endif
