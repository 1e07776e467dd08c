/* canon.c - the canonical stream's header and records. See LICENSE. */
#include "canon.h"

void ind_canon_header(struct ind_line *ln, unsigned cols)
{
	ind_line_str(ln, "region");
	ind_line_str(ln, "indicator");
	ind_line_str(ln, "period");
	ind_line_str(ln, "value");
	if (cols & (IND_COL_NUMERATOR | IND_COL_DENOMINATOR)) {
		ind_line_str(ln, "numerator");
		ind_line_str(ln, "denominator");
	}
	if (cols & IND_COL_UNIT)
		ind_line_str(ln, "unit");
	if (cols & IND_COL_ABSOLUTE)
		ind_line_str(ln, "absolute_value");
}

/* A text the reader saw needs no quotes goes as it is; any other is quoted if it must be. */
static void text_field(struct ind_line *ln, const char *s, size_t n, bool plain)
{
	if (plain)
		ind_line_plain(ln, s, n);
	else
		ind_line_field(ln, s, n);
}

void ind_canon_record(struct ind_line *ln, unsigned cols, const struct ind_record *r)
{
	text_field(ln, r->region, r->region_len, r->region_plain);
	text_field(ln, r->indicator, r->indicator_len, r->indicator_plain);
	ind_line_plain(ln, r->period, r->period_len);
	ind_line_plain(ln, r->value->text, r->value->len);
	if (cols & (IND_COL_NUMERATOR | IND_COL_DENOMINATOR)) {
		ind_line_plain(ln, r->numerator->text, r->numerator->len);
		ind_line_plain(ln, r->denominator->text, r->denominator->len);
	}
	if (cols & IND_COL_UNIT)
		text_field(ln, r->unit, r->unit_len, r->unit_plain);
	if (cols & IND_COL_ABSOLUTE)
		ind_line_plain(ln, r->absolute->text, r->absolute->len);
	ind_line_newline(ln);
}
