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

/* "set terminal ...; set output '...'" and the common look (fonts, grid, border, decimal sign). */
void ind_plot_preamble(FILE *fp, enum ind_terminal t, int w, int h, const char *output, enum ind_lang lang);

/* A string as a gnuplot single-quoted literal (quotes doubled). */
void ind_plot_quote(FILE *fp, const char *s);

/*
 * Year ticks on a decimal-year axis: every year (or every few for long
 * spans), labelled at the year's start; quarters for spans under 3 years.
 */
void ind_plot_time_axis(FILE *fp, double tmin, double tmax, enum ind_lang lang);

/*
 * Run gnuplot (path, or "gnuplot" on PATH) with script on its standard
 * input, without a shell. On failure err holds gnuplot's own message (its
 * standard error) or why it did not run (not found, killed by a signal).
 */
int ind_gnuplot_run(const char *gnuplot, const char *script, size_t len, struct ind_error *err);

#endif
