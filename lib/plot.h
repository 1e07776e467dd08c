/* plot.h - gnuplot scripts and running gnuplot safely. See LICENSE. */
#ifndef IND_PLOT_H
#define IND_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "fmt.h"

/* The Okabe-Ito palette: distinguishable with every common colour-vision deficiency. */
extern const char *const ind_palette[8];

enum ind_terminal { IND_TERM_PNG, IND_TERM_SVG, IND_TERM_PDF };

/* The terminal for an output name (.png, .svg, .pdf); false for anything else. */
bool ind_plot_terminal(const char *path, enum ind_terminal *t);

/*
 * "set terminal ...; set output '...'" and the common look (fonts, grid,
 * border, decimal sign). The output name is written so that gnuplot opens
 * exactly those bytes (ind_plot_quote_name).
 */
void ind_plot_preamble(FILE *fp, enum ind_terminal t, int w, int h, const char *output, enum ind_lang lang);

/* A string as a gnuplot single-quoted literal (quotes doubled, line breaks dropped: for texts). */
void ind_plot_quote(FILE *fp, const char *s);

/*
 * A file name as a gnuplot literal that keeps every byte: single-quoted,
 * or, when it has control characters (a line break), double-quoted with
 * backslash escapes.
 */
void ind_plot_quote_name(FILE *fp, const char *s);

/*
 * Year ticks on a decimal-year axis: every year (or every few for long
 * spans), labelled at the year's start; quarters for spans under 3 years.
 */
void ind_plot_time_axis(FILE *fp, double tmin, double tmax, enum ind_lang lang);

/*
 * Run gnuplot (path, or "gnuplot" on PATH) with script on its standard
 * input, without a shell. On failure err holds gnuplot's own message (its
 * standard error) or why it did not run (not found, killed by a signal).
 * A signal that ends the run (SIGINT, SIGTERM, SIGHUP) kills gnuplot first.
 */
int ind_gnuplot_run(const char *gnuplot, const char *script, size_t len, struct ind_error *err);

/*
 * The same, with gnuplot working in directory dir (NULL: ours), so that the
 * script can name its output without the directory: a name of our own
 * making, never a user's path. A relative PATH given for gnuplot is taken
 * from our directory.
 */
int ind_gnuplot_run_in(const char *gnuplot, const char *dir, const char *script, size_t len, struct ind_error *err);

#endif
