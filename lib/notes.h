/* notes.h - the warnings of one series, returned as data for the tool to say in order. See LICENSE. */
#ifndef IND_NOTES_H
#define IND_NOTES_H

/*
 * The warnings of one series in the order they arose: where (file NULL: no
 * place) and what (owned). ind-trend's and ind-compare's statistics of a
 * series fill one; the run says them, through lib/err.c, where the series'
 * messages go.
 */
#define IND_TREND_NOTES 8
struct ind_trend_notes {
	int n;
	struct {
		const char *file;	/* the set's file name, or NULL */
		long line;
		char *text;
	} note[IND_TREND_NOTES];
	char *fatal;			/* set when the series could not be worked out (out of memory) */
};

/* Free the texts and zero w (defined in lib/trendrun.c). */
void ind_trend_notes_free(struct ind_trend_notes *w);

#endif
