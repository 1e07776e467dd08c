/* opt.h - option arguments spelled the same way in every tool. See LICENSE. */
#ifndef IND_OPT_H
#define IND_OPT_H

#include "fmt.h"
#include "reader.h"

/* "--version" text: "PROG (ind-tools) VERSION" and a licence line, on stdout. */
void ind_opt_version(void);

/* Arguments of the shared options; each calls ind_usage_error (exit 2) on a bad one. */
char ind_opt_delimiter(const char *arg);	/* , ; | tab \t */
char ind_opt_decimal(const char *arg);		/* , or . */
enum ind_encoding ind_opt_encoding(const char *arg);	/* auto utf-8 cp1252 latin1 */
long ind_opt_count(const char *opt, const char *arg);	/* a whole number >= 0 */
long ind_opt_range(const char *opt, const char *arg, long lo, long hi);	/* a whole number in lo..hi */
/* A number of seconds in lo..hi, else "invalid OPT 'ARG' (seconds, LO to HI)". */
double ind_opt_seconds(const char *opt, const char *arg, double lo, double hi);
double ind_opt_fraction(const char *opt, const char *arg);	/* a number strictly between 0 and 1 */
enum ind_lang ind_opt_lang(const char *arg);		/* --lang: fi or en */
/* The index of arg in names (NULL-ended), else "invalid OPT 'ARG' (use a, b or c)". */
int ind_opt_choice(const char *opt, const char *arg, const char *const names[]);

#endif
