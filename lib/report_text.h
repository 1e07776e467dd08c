/* report_text.h - the report's fixed texts in fi, en and sv, and its sentence typography; for lib/report*.c only. See LICENSE. */
#ifndef IND_REPORT_TEXT_H
#define IND_REPORT_TEXT_H

#include <stdbool.h>

#include "fmt.h"

#define NBSP "\xc2\xa0"

/*
 * Every fixed text of the report, one table per language, indexed by enum
 * ind_lang: a language is one more table. The formats of one text take their
 * arguments in the same order in every language.
 */
enum text_id {
	T_TITLE, T_REGIONS, T_CONTROLS, T_EXCLUDED, T_NONE, T_MADE, T_NO_DATA, T_CAVEATS,
	T_STAT, T_VALUE, T_BEFORE, T_AFTER, T_MEAN, T_LEVEL_CI, T_RR_CI, T_PCT_CI, T_SLOPE_CI, T_APC_CI,
	T_JP_AAPC_LABEL,
	T_CHANGE_LABEL, T_CHANGE, T_IMPROVEMENT, T_DETERIORATION,
	T_LEVEL_SIG, T_LEVEL_NS, T_SLOPE_CHANGE, T_RR_SIG, T_RR_NS, T_RR_SLOPE, T_DID, T_DID_RR, T_DID_RATE, T_DISAGREE, T_OPPOSITE,
	T_NOT_BOTH, T_TOO_FEW, T_NO_ITS, T_OUTSIDE, T_TREND_SIG, T_TREND_NS, T_LEAVING_OUT, T_TREND_NONE,
	T_WHY_CLOSE, T_WHY_NOT_ID, T_WHY_NO_FIT, T_WHY_NO_VAR,
	T_CV_SHORT, T_CV_SHORT_TREND, T_CV_FEW_POST, T_CV_AUTOCORR, T_CV_HAC_SMALL, T_CV_COVID, T_CV_COVID_TREND,
	T_CV_DUP, T_CV_NOT_ID, T_CV_UNDERDISP, T_CV_AC_UNTESTED, T_CV_NO_CONTROL, T_CV_CONTROL_NO_DATA,
	T_CV_CONTROL_FEW, T_CV_COUNT_ABS, T_CV_AR1_BOUND, T_CV_AR1_CONV,
	T_SURE_NOT_YET, T_SURE_NEVER, T_SURE_MDE, T_SURE_PLACEBO_NONE, T_SURE_PLACEBO_FEW, T_SURE_PLACEBO_SOME, T_SURE_PLACEBO_CHANCE,
	T_SURE_NO_PLACEBO, T_STEPS_MONTH, T_STEPS_QUARTER, T_STEPS_YEAR, T_STEPS_WEEK, T_STEPS_DAY,
	T_JP_NONE, T_JP_FOUND, T_JP_SEGMENTS, T_JP_APC, T_JP_SLOPE, T_JP_AAPC, T_JP_AAC, T_JP_SEG_LABEL, T_JP_SEG_LABEL_PCT, T_JP_ONE_APC, T_JP_ONE_SLOPE,
	T_COUNT
};

/* Text id in lang: a label, or (from T_CHANGE_LABEL on) a format of %s and %% only. */
const char *ind_report_text(enum ind_lang lang, enum text_id id);

/* Every language has every text, and each format as many %s as in English. */
bool ind_report_texts_checked(void);

/* The goal areas: ind_goal_areas (report.h) in Finnish, these in English and Swedish. */
extern const char *const ind_report_goal_en[5], *const ind_report_goal_sv[5];
const char *ind_report_goal_name(int a, enum ind_lang lang);

/* A percentage with one decimal ("0,0", not "0,00212"): the estimate and its interval alike. */
const char *ind_report_pct(double x, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* A sentence starts with a capital, whatever the name of its indicator (ASCII and ä, ö, å). */
void ind_report_sentence_case(char *s);

enum verb { V_INCREASED, V_DECREASED, V_UNCHANGED };

/* The verb of a finding, agreeing with a Finnish plural name. */
const char *ind_report_verb(enum verb v, enum ind_lang lang, bool plural);

/* "329 käyntiä kuukaudessa", or "329" without a unit: never a space too many. */
const char *ind_report_with_unit(const char *num, const char *unit, char buf[IND_FMT_MAX + 80]);

/* The unit of a change per year: none when the unit is itself per a time. */
const char *ind_report_per_year_unit(const char *unit);

#endif
