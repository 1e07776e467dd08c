/* plot.h - gnuplot scripts and running gnuplot safely. See LICENSE. */
#ifndef IND_PLOT_H
#define IND_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "fmt.h"
#include "period.h"
#include "writer.h"

/*
 * Series colours: the Okabe-Ito palette (distinguishable with the common
 * colour-vision deficiencies) without its yellow, which is faint on white,
 * then five darker colours unlike them. The first 8 stay as they were, so
 * ind_palette[0] and [1] are the blue and orange of every chart.
 */
#define IND_PALETTE_N 12
extern const char *const ind_palette[IND_PALETTE_N];

/*
 * Filled point shapes (gnuplot point types) that go with the colours: series
 * k gets colour k % IND_PALETTE_N and shape ind_plot_shape(k), so neighbours
 * differ in both and the first IND_PLOT_STYLES series each have their own pair.
 */
#define IND_PLOT_SHAPES 4
#define IND_PLOT_STYLES (IND_PALETTE_N * IND_PLOT_SHAPES)
int ind_plot_shape(size_t k);

enum ind_terminal { IND_TERM_PNG, IND_TERM_SVG, IND_TERM_PDF };

/* The terminal for an output name (.png, .svg, .pdf); false for anything else. */
bool ind_plot_terminal(const char *path, enum ind_terminal *t);

/*
 * "set terminal ...; set output '...'" and the common look (fonts, grid,
 * border, decimal sign, the legend below the plot). The output name is written so that gnuplot opens
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
 * Ticks on a decimal-year x axis, chosen from the span and the kind of the
 * periods drawn, with at most max_labels labels: years ("2018") for annual
 * data and long spans; quarters ("2018 Q1", "2018 nelj. 1"); months
 * ("Jan 2018", "1/2018"). Each tick stands at the start of its period as
 * ind_period_time puts it, so data points sit on their ticks. Also sets
 * the x range. Numeric periods get gnuplot's own ticks.
 */
void ind_plot_time_ticks(FILE *fp, double tmin, double tmax, enum ind_period_kind kind, int width, enum ind_lang lang);

/* The same for monthly data and a chart of full width (the older entry). */
void ind_plot_time_axis(FILE *fp, double tmin, double tmax, enum ind_lang lang);

/*
 * Range and labelled ticks of a value axis ("y" or "x") covering [lo, hi]
 * (from 0 when from_zero): round steps, in Finnish with a decimal comma and
 * no-break spaces between thousands ("220 000"), in English "220,000".
 * Nothing is written when lo and hi are not finite.
 */
void ind_plot_value_axis(FILE *fp, const char *axis, double lo, double hi, bool from_zero, enum ind_lang lang);

/* A tick value as ind_plot_value_axis labels it, with decimals digits after the mark. */
const char *ind_plot_tick_label(double x, int decimals, enum ind_lang lang, char buf[64]);

/*
 * A legend entry for a shaded window (drawn as an object, which has no
 * entry of its own): "keyentry ... title 'label'", to put in a plot command.
 */
void ind_plot_shade_key(FILE *fp, const char *label);

/*
 * Set the <title> of an SVG that gnuplot wrote (its own is "Gnuplot") to
 * title, escaped for XML. The file is rewritten in place: call it on the
 * temporary file before it is renamed into place.
 */
int ind_plot_svg_title(const char *path, const char *title, struct ind_error *err);

/*
 * The chart's title as the chart kinds record it in their script (a
 * "# title '...'" line), unquoted into buf; false when there is none.
 */
bool ind_plot_script_title(const char *script, size_t len, char *buf, size_t size);

/*
 * The SVG's <title> from the chart's title in script (gnuplot writes
 * "Gnuplot"), set in out's temporary file before it is renamed; 0 when the
 * script has no title.
 */
int ind_plot_output_svg_title(ind_output *out, const char *script, size_t len, struct ind_error *err);

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
