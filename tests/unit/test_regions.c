/* test_regions.c - the built-in classification against lib/data/municipalities.csv, and labels by year. See LICENSE. */
#include <stdlib.h>
#include <string.h>

#include "regions.h"
#include "tap.h"

static const char *data(const char *rel)
{
	static char path[512];
	const char *top = getenv("IND_TOP");
	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	return path;
}

static const char *region(const ind_classification *c, const char *label, int year, enum ind_region_level level,
			  enum ind_region_names names)
{
	static char buf[IND_REGION_NAME_MAX];
	const char *why;
	const char *r = ind_region_of(c, label, strlen(label), year, level, names, buf, &why);
	return r ? r : why;
}

/* Every row of the CSV (split by hand: the file has no quotes) looked up in c. */
static void against_csv(const ind_classification *c, const char *what)
{
	FILE *f = fopen(data("lib/data/municipalities.csv"), "r");
	char line[1024];
	long rows = 0, bad[5] = { 0 };

	if (!f) {
		OK(0, "%s: lib/data/municipalities.csv opens", what);
		return;
	}
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	while (fgets(line, sizeof line, f)) {
		char *fld[11], *p = line;
		int nf = 0;
		line[strcspn(line, "\n")] = '\0';
		while (nf < 11 && (fld[nf++] = p) && (p = strchr(p, ',')))
			*p++ = '\0';
		if (nf < 9)
			continue;
		rows++;
		int year = atoi(fld[0]);
		bad[0] += strcmp(region(c, fld[1], year, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI), fld[2]) != 0;
		bad[1] += strcmp(region(c, fld[1], year, IND_LEVEL_MUNICIPALITY, IND_NAMES_SV), fld[3]) != 0;
		bad[2] += strcmp(region(c, fld[1], year, IND_LEVEL_MAAKUNTA, IND_NAMES_CODE), fld[4]) != 0;
		bad[3] += strcmp(region(c, fld[1], year, IND_LEVEL_COUNTY, IND_NAMES_CODE), fld[6]) != 0;
		bad[4] += strcmp(region(c, fld[1], year, IND_LEVEL_COUNTY, IND_NAMES_FI), fld[7]) != 0;
	}
	fclose(f);
	OK(rows == 5071, "%s: %ld rows of municipalities.csv (5071)", what, rows);
	OK(bad[0] == 0 && bad[1] == 0, "%s: every row's Finnish and Swedish name (%ld, %ld differ)", what, bad[0], bad[1]);
	OK(bad[2] == 0, "%s: every row's maakunta code (%ld differ)", what, bad[2]);
	OK(bad[3] == 0 && bad[4] == 0, "%s: every row's county code and Finnish name (%ld, %ld differ)", what, bad[3], bad[4]);
}

int main(void)
{
	const ind_classification *b = ind_classification_builtin();
	struct ind_error err;
	ind_classification *f;
	int first, last;

	against_csv(b, "built in");
	ind_classification_years(b, &first, &last);
	OK(first == 2010 && last == 2025, "years 2010-2025 (%d-%d)", first, last);
	/* Joroinen moved from Etelä-Savo (10) to Pohjois-Savo (11) on 2021-01-01; its county is Pohjois-Savo's in both */
	OK_STR(region(b, "171", 2020, IND_LEVEL_MAAKUNTA, IND_NAMES_FI), "Etelä-Savo", "Joroinen 2020: maakunta Etelä-Savo");
	OK_STR(region(b, "171", 2021, IND_LEVEL_MAAKUNTA, IND_NAMES_FI), "Pohjois-Savo", "Joroinen 2021: maakunta Pohjois-Savo");
	OK_STR(region(b, "171 Joroinen", 2020, IND_LEVEL_COUNTY, IND_NAMES_FI), "Pohjois-Savon hyvinvointialue",
	       "Joroinen 2020: county Pohjois-Savo (notional)");
	/* Nilsiä (534) merged into Kuopio (297) on 2013-01-01 */
	OK_STR(region(b, "534", 2012, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI), "Nilsiä", "Nilsiä 2012: itself");
	OK_STR(region(b, "534", 2014, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI), "Kuopio", "Nilsiä 2014: through its successor, Kuopio");
	OK_STR(region(b, "534", 2012, IND_LEVEL_COUNTY, IND_NAMES_CODE), "13", "Nilsiä 2012: county 13");
	OK_STR(region(b, "KU534", 2014, IND_LEVEL_MAAKUNTA, IND_NAMES_FI), "Pohjois-Savo", "KU534 2014: maakunta Pohjois-Savo");
	OK_STR(region(b, "091 Helsinki", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "Helsingin kaupunki", "'091 Helsinki' -> Helsinki");
	OK_STR(region(b, "KU091", 2023, IND_LEVEL_COUNTY, IND_NAMES_SV), "Helsingfors stad", "KU091 in Swedish");
	OK_STR(region(b, "049 Espoo", 2021, IND_LEVEL_COUNTY, IND_NAMES_EN), "West Uusimaa wellbeing services county",
	       "'049 Espoo' in English");
	OK_STR(region(b, "SSS", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "Koko maa", "SSS -> the whole country");
	OK_STR(region(b, "SSS KOKO MAA", 2021, IND_LEVEL_MUNICIPALITY, IND_NAMES_CODE), "SSS", "SSS with a name, as code");
	OK_STR(region(b, "MK11", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "Pohjois-Savon hyvinvointialue", "MK11 -> its one county");
	OK_STR(region(b, "MK01", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "a maakunta of several wellbeing services counties",
	       "MK01 Uusimaa has five counties: refused");
	OK_STR(region(b, "MK11", 2021, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI),
	       "a maakunta, coarser than --region-level municipality", "MK11 at municipality level: refused");
	OK_STR(region(b, "999", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "unknown municipality code 999 in 2021", "999: unknown");
	OK_STR(region(b, "Helsinki", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI),
	       "does not start with a municipality code (091, KU091, MK11 or SSS)", "a name without code: refused");
	OK_STR(region(b, "0912", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI),
	       "does not start with a municipality code (091, KU091, MK11 or SSS)", "four digits: refused");
	OK_STR(region(b, "091", 2009, IND_LEVEL_COUNTY, IND_NAMES_FI), "no classification before 2010 (the year is 2009)",
	       "2009: before the table");
	OK_STR(region(b, "588", 2026, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI), "Mäntyharju",
	       "2026 is read as 2025: Pertunmaa (588) through Mäntyharju");

	f = ind_classification_read(data("lib/data/municipalities.csv"), &err);
	OK(f != NULL, "--classification lib/data/municipalities.csv reads");
	if (f)
		against_csv(f, "read from the file");
	ind_classification_free(f);
	f = ind_classification_read(data("lib/data/municipality_mergers.csv"), &err);
	OK(!f && strstr(err.msg, "year"), "a file without the columns: refused (%s)", f ? "" : err.msg);
	ind_classification_free(f);
	return tap_done();
}
