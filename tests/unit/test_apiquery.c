/* test_apiquery.c - Sotkanet URLs; PxWeb query bodies, and splits whose parts in turn are the whole query. See LICENSE. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apiquery.h"
#include "tap.h"
#include <unistd.h>

static const char meta[] =
	"{\"title\":\"t\",\"variables\":["
	"{\"code\":\"Alue\",\"values\":[\"SSS\",\"KU091\",\"KU049\"],\"elimination\":true},"
	"{\"code\":\"Vuosi\",\"values\":[\"2020\",\"2021\",\"2022\",\"2023\"],\"time\":true},"
	"{\"code\":\"Sukupuoli\",\"values\":[\"SSS\",\"1\",\"2\"],\"elimination\":true},"
	"{\"code\":\"Tiedot\",\"values\":[\"a\",\"b\"]}]}";

static struct ind_pxweb_select sel(const char *s)
{
	struct ind_pxweb_select x;
	const char *eq = strchr(s, '=');
	x.code = s;
	x.code_len = (size_t)(eq - s);
	x.values = eq + 1;
	return x;
}

/* Append the cells of one body, row-major over its query ("v|v|v;"), to out; -1 when it is not a query. */
static long cells_of(const char *body, char *out, size_t size)
{
	json_t *doc = json_loads(body, 0, NULL), *q = json_object_get(doc, "query");
	size_t nq = json_array_size(q), idx[8] = { 0 }, n[8];
	long count = 0;
	if (!doc || nq == 0 || nq > 8)
		return json_decref(doc), -1;
	for (size_t k = 0; k < nq; k++)
		if ((n[k] = json_array_size(json_object_get(json_object_get(json_array_get(q, k), "selection"), "values"))) == 0)
			return json_decref(doc), -1;
	for (;;) {
		size_t len = strlen(out);
		for (size_t k = 0; k < nq; k++) {
			json_t *vals = json_object_get(json_object_get(json_array_get(q, k), "selection"), "values");
			len += (size_t)snprintf(out + len, size - len, "%s%s", k ? "|" : "", json_string_value(json_array_get(vals, idx[k])));
		}
		snprintf(out + len, size - len, ";");
		count++;
		size_t k = nq;
		while (k-- > 0 && ++idx[k] == n[k])
			idx[k] = 0;
		if (k == (size_t)-1)
			break;
	}
	json_decref(doc);
	return count;
}

int main(void)
{
	static char whole[65536], joined[65536];
	static const char novalues[] = "{\"variables\":[{\"code\":\"A\",\"values\":[]}]}";
	struct ind_pxweb_select s[4];
	struct ind_error err;
	char **b;
	size_t nb;
	double cells;
	int rc;

	{
		int years[] = { 2015, 2016 };
		char *u = ind_sotkanet_url("https://sotkanet.fi/rest/1.1/json", "683", years, 2, "total");
		OK_STR(u, "https://sotkanet.fi/rest/1.1/json?indicator=683&years=2015&years=2016&genders=total", "Sotkanet URL");
		free(u);
		u = ind_sotkanet_url("http://h/x?lang=fi", "4", years, 1, "male");
		OK_STR(u, "http://h/x?lang=fi&indicator=4&years=2015&genders=male", "a base URL with a query already");
		free(u);
	}

	s[0] = sel("Tiedot=b,a");
	s[1] = sel("Vuosi=*");
	s[2] = sel("Alue=KU049,SSS,KU091,SSS");
	s[3] = sel("Sukupuoli=1,2");
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 4, "json-stat2", 100000, &b, &nb, &cells, &err);
	OK(rc == 0 && nb == 1 && cells == 48, "48 cells in one request (%d, %zu)", rc, nb);
	if (rc == 0) {
		OK_STR(b[0], "{\"query\":[{\"code\":\"Alue\",\"selection\":{\"filter\":\"item\",\"values\":[\"SSS\",\"KU091\",\"KU049\"]}},"
			     "{\"code\":\"Vuosi\",\"selection\":{\"filter\":\"item\",\"values\":[\"2020\",\"2021\",\"2022\",\"2023\"]}},"
			     "{\"code\":\"Sukupuoli\",\"selection\":{\"filter\":\"item\",\"values\":[\"1\",\"2\"]}},"
			     "{\"code\":\"Tiedot\",\"selection\":{\"filter\":\"item\",\"values\":[\"a\",\"b\"]}}],"
			     "\"response\":{\"format\":\"json-stat2\"}}",
		       "variables and values in the table's order, a value given twice once");
		whole[0] = '\0';
		OK(cells_of(b[0], whole, sizeof whole) == 48, "the whole query's cells");
		free(b[0]);
		free(b);
	}
	/* every cell limit: parts within it, and the parts' cells one after the other are the whole query's */
	for (size_t max = 1; max <= 50; max++) {
		bool within = true;
		rc = ind_pxweb_plan("U", meta, strlen(meta), s, 4, "json-stat2", max, &b, &nb, &cells, &err);
		if (rc < 0) {
			OK(0, "--max-cells %zu: %s", max, err.msg);
			continue;
		}
		joined[0] = '\0';
		for (size_t i = 0; i < nb; i++) {
			long c = cells_of(b[i], joined, sizeof joined);
			within &= c > 0 && (size_t)c <= max;
			free(b[i]);
		}
		free(b);
		OK(within && strcmp(joined, whole) == 0 && (max < 48 || nb == 1),
		   "--max-cells %zu: %zu parts of at most %zu cells, joined the whole query in its order", max, nb, max);
	}
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 4, "json-stat2", 8, &b, &nb, &cells, &err);
	OK(rc == 0 && nb == 6, "8 cells a part: Alue one at a time, Vuosi in runs of 2 (%zu parts)", nb);
	for (size_t i = 0; rc == 0 && i < nb; i++)
		free(b[i]);
	if (rc == 0)
		free(b);

	s[0] = sel("Vuosi=*");
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 1, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "variable 'Tiedot' cannot be left out"), "a variable without elimination must be selected");
	s[1] = sel("Tiedot=c");
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 2, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "variable 'Tiedot' has no value 'c'"), "a value not in the table");
	s[1] = sel("Tiedot=a,");
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 2, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "an empty value"), "an empty value");
	s[1] = sel("Vuosi=2020");
	rc = ind_pxweb_plan("U", meta, strlen(meta), s, 2, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "selected twice"), "a variable selected twice");
	rc = ind_pxweb_plan("U", "{\"variables\":3}", 15, s, 1, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "no \"variables\""), "metadata without variables");
	rc = ind_pxweb_plan("U", "{\"variables\":[", 14, s, 1, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "table metadata: JSON"), "metadata that is no JSON");
	rc = ind_pxweb_plan("U", novalues, strlen(novalues), s, 1, "json-stat2", 100, &b, &nb, &cells, &err);
	OK(rc < 0 && strstr(err.msg, "has no code or no values"), "a variable without values");
	/* the Sotkanet arguments */
	{
		int years[8];
		size_t ny = 0, nid = 0;
		char **ids = NULL, *why = NULL;
		ind_strmap *keep = NULL, *rm = NULL, *im = NULL;
		const char *ra[2];
		char dir[] = "/tmp/ind-test-apiquery.XXXXXX", path[300];
		FILE *f;

		OK(ind_sotkanet_years_arg("2019..2021,2023", years, &ny, 8, &why) && ny == 4 && years[0] == 2019 &&
		   years[2] == 2021 && years[3] == 2023, "--years: a range and a year");
		OK(!ind_sotkanet_years_arg("2020..2030", years, &ny, 8, &why) && why &&
		   strcmp(why, "--years: more than 8 years") == 0, "--years: more than fit");
		free(why);
		why = NULL;
		for (const char *const *bad = (const char *const[]){ "2019,", "1700", "2021..2020", "2019x", "", NULL }; *bad; bad++) {
			ny = 0;
			bool ok = ind_sotkanet_years_arg(*bad, years, &ny, 8, &why);
			if (**bad == '\0')
				OK(ok && ny == 0, "--years '': nothing");
			else
				OK(!ok && why && strstr(why, "invalid --years '") && strstr(why, *bad), "--years '%s' refused", *bad);
			free(why);
			why = NULL;
		}
		OK(ind_sotkanet_ids_arg("683,3118", &ids, &nid, &why) && nid == 2 && strcmp(ids[1], "3118") == 0,
		   "--indicator: two ids");
		OK(!ind_sotkanet_ids_arg("683,", &ids, &nid, &why) && strcmp(why, "invalid --indicator '683,'") == 0,
		   "--indicator: a trailing comma");
		free(why);
		OK(!ind_sotkanet_ids_arg("68x", &ids, &nid, &why) &&
		   strcmp(why, "invalid --indicator '68x' (Sotkanet ids: digits, comma-separated)") == 0,
		   "--indicator: not digits");
		free(why);
		for (size_t i = 0; i < nid; i++)
			free(ids[i]);
		free(ids);

		ra[0] = "91,kunta";
		OK(ind_sotkanet_regions(ra, 1, NULL, &keep, &rm, &im, &why, &err) == IND_EXIT_USAGE &&
		   strcmp(why, "--regions 'kunta': a category needs --sotkanet-meta DIR (regions.json)") == 0,
		   "--regions: a category needs the metadata");
		free(why);
		ind_strmap_free(keep);
		keep = NULL;
		ra[0] = "91,,92";
		OK(ind_sotkanet_regions(ra, 1, NULL, &keep, &rm, &im, &why, &err) == IND_EXIT_USAGE &&
		   strcmp(why, "invalid --regions '91,,92': an empty item") == 0, "--regions: an empty item");
		free(why);
		ind_strmap_free(keep);
		keep = NULL;
		ra[0] = "91,92";
		OK(ind_sotkanet_regions(ra, 1, NULL, &keep, &rm, &im, &why, &err) == IND_EXIT_OK &&
		   ind_strmap_size(keep) == 2 && ind_strmap_get(keep, "92", 2) && !rm && !im, "--regions: ids kept as they are");
		ind_strmap_free(keep);
		keep = NULL;

		if (!mkdtemp(dir))
			return 99;
		snprintf(path, sizeof path, "%s/regions.json", dir);
		f = fopen(path, "w");
		fputs("[{\"id\":968,\"code\":\"21\",\"category\":\"HYVINVOINTIALUE\",\"title\":{\"fi\":\"Lappi\"}},"
		      "{\"id\":91,\"code\":\"091\",\"category\":\"KUNTA\",\"title\":{\"fi\":\"Helsinki\"}}]", f);
		fclose(f);
		ra[0] = "HVA";
		ra[1] = "91";
		OK(ind_sotkanet_regions(ra, 2, dir, &keep, &rm, &im, &why, &err) == IND_EXIT_OK && ind_strmap_size(keep) == 2 &&
		   ind_strmap_get(keep, "Lappi", 5) && ind_strmap_get(keep, "Helsinki", 8) && rm && !im,
		   "--regions with the metadata: a category (an alias) and an id by its name");
		ind_strmap_free(keep);
		ind_strmap_free(rm);
		keep = rm = NULL;
		unlink(path);
		OK(ind_sotkanet_regions(ra, 2, dir, &keep, &rm, &im, &why, &err) == IND_EXIT_DATA && err.msg[0],
		   "--regions: a metadata directory without the files is a data error");
		ind_strmap_free(keep);
		ind_strmap_free(rm);
		ind_strmap_free(im);
		rmdir(dir);
	}
	/* the URLs of --base-url and pxweb's table; --select */
	OK(ind_http_url("http://x") && ind_http_url("https://sotkanet.fi/rest"), "http:// and https:// URLs");
	OK(!ind_http_url("ftp://x") && !ind_http_url("http:/x") && !ind_http_url("HTTP://x") && !ind_http_url(""),
	   "not http(s): ftp, one slash, upper case, empty");
	{
		struct ind_pxweb_select one;
		char *why = NULL;
		OK(ind_pxweb_select_arg("Vuosi=2020,2021", &one, &why) && one.code_len == 5 &&
		   strncmp(one.code, "Vuosi", 5) == 0 && strcmp(one.values, "2020,2021") == 0 && !why,
		   "--select CODE=VALUES: the code and the values");
		OK(ind_pxweb_select_arg("A==b", &one, &why) && one.code_len == 1 && strcmp(one.values, "=b") == 0,
		   "--select: the first '=' ends the code");
		OK(!ind_pxweb_select_arg("=b", &one, &why), "--select without a code: refused");
		OK_STR(why, "invalid --select '=b': expected CODE=VALUE,VALUE or CODE=*", "--select: the message quotes it");
		free(why);
		why = NULL;
		OK(!ind_pxweb_select_arg("A=", &one, &why) && why, "--select without values: refused");
		free(why);
		why = NULL;
		OK(!ind_pxweb_select_arg("A", &one, &why) && why, "--select without '=': refused");
		free(why);
	}
	return tap_done();
}
