/* test_regions.c - the built-in classification against lib/data/municipalities.csv, and labels by year. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
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

/* A code map from text written to a temporary file; NULL with err. */
static ind_codemap *codemap_of(const char *text, const char *kcol, const char *vcol, struct ind_error *err)
{
	char path[] = "/tmp/test_regions_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	ind_codemap *m;
	if (!fp)
		return ind_error_set(err, path, 0, "cannot write"), NULL;
	fputs(text, fp);
	fclose(fp);
	m = ind_codemap_read(path, kcol, vcol, NULL, err);
	remove(path);
	return m;
}

static const char *lookup(const ind_codemap *m, const char *key, int year)
{
	static char buf[128];
	const char *v;
	size_t n;
	switch (ind_codemap_get(m, key, strlen(key), year, &v, &n)) {
	case IND_MAP_FOUND: snprintf(buf, sizeof buf, "%.*s", (int)n, v); return buf;
	case IND_MAP_NO_CODE: return "(no code)";
	case IND_MAP_NO_YEAR:
	default: return "(no year)";
	}
}

static void codemaps(void)
{
	struct ind_error err;
	ind_codemap *m = codemap_of("code,name\n974,Pohjois-Savo\n974,Later\n", NULL, NULL, &err);
	char buf[64];
	OK(m && !ind_codemap_has_years(m), "a code,name map: no years");
	if (m) {
		OK_STR(lookup(m, "974", 1900), "Later", "a later row of a code replaces an earlier one (any year)");
		OK_STR(lookup(m, "975", 2021), "(no code)", "a code not in the map");
	}
	ind_codemap_free(m);
	m = codemap_of("municipality,x,region,valid_from,valid_to\n171,a,Etelä-Savo,,2020\n171,b,Pohjois-Savo,2021,2024\n",
		       "municipality", "region", &err);
	OK(m && ind_codemap_has_years(m), "a map with valid_from and valid_to, columns by name");
	if (m) {
		OK_STR(lookup(m, "171", 1990), "Etelä-Savo", "an open start");
		OK_STR(lookup(m, "171", 2020), "Etelä-Savo", "2020: the first row (inclusive)");
		OK_STR(lookup(m, "171", 2021), "Pohjois-Savo", "2021: the second row");
		OK_STR(lookup(m, "171", 2025), "(no year)", "2025: no row");
		OK_STR(ind_codemap_years(m, "171", 3, buf, sizeof buf), "..2020, 2021..2024", "the code's years for messages");
	}
	ind_codemap_free(m);
	m = codemap_of("code,name,valid_from,valid_to\n171,A,2019,2021\n171,B,2021,\n", NULL, NULL, &err);
	OK(!m && err.line == 3 && strstr(err.msg, "'171' valid 2021.. overlaps its row valid 2019..2021"),
	   "overlapping years of one code: refused at the later row (%s)", m ? "" : err.msg);
	ind_codemap_free(m);
	m = codemap_of("code,name,valid_from\n171,A,2019\n", NULL, NULL, &err);
	OK(!m && strstr(err.msg, "valid_from without valid_to"), "valid_from without valid_to: refused");
	ind_codemap_free(m);
	m = codemap_of("code,name,valid_from,valid_to\n171,A,20x9,\n", NULL, NULL, &err);
	OK(!m && err.line == 2, "a year that is no year: refused with its line");
	ind_codemap_free(m);
	m = codemap_of("kunta,alue\n171,A\n", "municipality", "region", &err);
	OK(!m && strstr(err.msg, "needs the columns municipality and region"), "columns by name missing: refused");
	ind_codemap_free(m);
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
	       "does not start with a municipality code (091, KU091, MK11, HV13 or SSS)", "a name without code: refused");
	OK_STR(region(b, "0912", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI),
	       "does not start with a municipality code (091, KU091, MK11, HV13 or SSS)", "four digits: refused");
	OK_STR(region(b, "091", 2009, IND_LEVEL_COUNTY, IND_NAMES_FI), "no classification before 2010 (the year is 2009)",
	       "2009: before the table");
	OK_STR(region(b, "588", 2026, IND_LEVEL_MUNICIPALITY, IND_NAMES_FI), "Mäntyharju",
	       "2026 is read as 2025: Pertunmaa (588) through Mäntyharju");
	OK_STR(region(b, "HV13", 2021, IND_LEVEL_COUNTY, IND_NAMES_CODE), "13", "HV13: county 13");
	OK_STR(region(b, "hva90 Helsinki", 2021, IND_LEVEL_MAAKUNTA, IND_NAMES_FI), "Uusimaa", "hva90: Helsinki in Uusimaa");
	OK_STR(region(b, "HYV02", 2021, IND_LEVEL_COUNTY, IND_NAMES_EN), "Central Uusimaa wellbeing services county",
	       "HYV02 in English");
	OK_STR(region(b, "HV99", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI), "unknown wellbeing services county code 99",
	       "HV99: unknown");
	OK_STR(region(b, "13", 2021, IND_LEVEL_COUNTY, IND_NAMES_FI),
	       "one or two digits are a maakunta or a wellbeing services county, not a municipality: write MK11 or HV11, "
	       "or name the column maakunta or hyvinvointialue",
	       "13 alone: maakunta or county? refused");
	{
		char buf[IND_REGION_NAME_MAX];
		const char *why = NULL, *r;
		r = ind_region_of_codes(b, "1", 1, 2021, IND_LEVEL_COUNTY, IND_NAMES_CODE, IND_BARE_COUNTY, buf, &why);
		OK_STR(r ? r : why, "01", "1 in a county column: county 01");
		r = ind_region_of_codes(b, "11", 2, 2021, IND_LEVEL_COUNTY, IND_NAMES_CODE, IND_BARE_MAAKUNTA, buf, &why);
		OK_STR(r ? r : why, "13", "11 in a maakunta column: Pohjois-Savo, county 13");
		OK(ind_region_bare_codes("Hyvinvointialue") == IND_BARE_COUNTY && ind_region_bare_codes("hva_code") == IND_BARE_COUNTY &&
		   ind_region_bare_codes("maakunta") == IND_BARE_MAAKUNTA && ind_region_bare_codes("alue") == IND_BARE_NONE &&
		   ind_region_bare_codes(NULL) == IND_BARE_NONE,
		   "columns that say what their codes are");
	}

	f = ind_classification_read(data("lib/data/municipalities.csv"), &err);
	OK(f != NULL, "--classification lib/data/municipalities.csv reads");
	if (f)
		against_csv(f, "read from the file");
	ind_classification_free(f);
	f = ind_classification_read(data("lib/data/municipality_mergers.csv"), &err);
	OK(!f && strstr(err.msg, "year"), "a file without the columns: refused (%s)", f ? "" : err.msg);
	ind_classification_free(f);
	codemaps();
	return tap_done();
}
