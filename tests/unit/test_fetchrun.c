/* test_fetchrun.c - the default cache directory; a query's requests answered from the cache; the operands
 * checked with the options; a whole run. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fetchrun.h"
#include "tap.h"


/* The source check of these operands on q: "" when accepted, else the message. */
static const char *source(struct ind_fetch_query *q, char *const *operands, size_t n)
{
	static char msg[512];
	char *why = NULL;
	bool ok = ind_fetch_query_source(q, operands, n, &why);
	snprintf(msg, sizeof msg, "%s", ok ? "" : why ? why : "(no message)");
	free(why);
	return msg;
}

static void query_source(void)
{
	struct ind_fetch_query q;
	char *sot[] = { "sotkanet", "http://x" }, *px[] = { "pxweb", "https://x/t.px", "http://y" }, *other[] = { "px" };
	static char id[] = "683";
	char *ids[] = { id };

	ind_fetch_query_init(&q, 4);
	OK(q.base_url && strcmp(q.base_url, IND_SOTKANET_URL) == 0 && strcmp(q.format, "json-stat2") == 0 &&
	   q.max_cells == IND_PXWEB_MAX_CELLS && q.sel && q.region_args && !q.gender, "query: the defaults");
	OK_STR(source(&q, sot, 0), "which source: sotkanet or pxweb", "no operand");
	OK_STR(source(&q, other, 1), "unknown source 'px' (use sotkanet or pxweb)", "an unknown source");
	OK_STR(source(&q, sot, 2), "sotkanet takes no URL (--base-url changes the API's): 'http://x'", "sotkanet and a URL");
	OK_STR(source(&q, sot, 1), "sotkanet needs --indicator", "sotkanet without --indicator");
	q.ids = ids;
	q.nids = 1;
	OK_STR(source(&q, sot, 1), "sotkanet needs --years", "sotkanet without --years");
	q.years[0] = 2020;
	q.nyears = 1;
	q.sel[0] = (struct ind_pxweb_select){ "A", 1, "b" };
	q.nsel = 1;
	OK_STR(source(&q, sot, 1), "--select goes with pxweb", "sotkanet with --select");
	q.nsel = 0;
	q.base_url = "ftp://x";
	OK_STR(source(&q, sot, 1), "invalid --base-url 'ftp://x' (http:// or https://)", "sotkanet: a base URL not http(s)");
	q.base_url = IND_SOTKANET_URL;
	OK_STR(source(&q, sot, 1), "", "sotkanet with --indicator and --years: accepted");
	OK(q.sotkanet, "sotkanet: the source recorded");

	OK_STR(source(&q, px, 1), "pxweb needs the table's URL", "pxweb without a URL");
	OK_STR(source(&q, px, 3), "one table URL at a time: 'http://y'", "pxweb and two URLs");
	OK(!q.sotkanet && strcmp(q.table_url, px[1]) == 0, "pxweb: the source and the table recorded");
	OK_STR(source(&q, px, 2), "pxweb needs --select (e.g. --select 'Vuosi=*')", "pxweb without --select");
	q.nsel = 1;
	OK_STR(source(&q, px, 2), "--indicator, --years, --gender, --regions and --sotkanet-meta go with sotkanet",
	       "pxweb with --indicator");
	q.nids = q.nyears = 0;
	q.meta_dir = "d";
	OK(*source(&q, px, 2), "pxweb with --sotkanet-meta: refused");
	q.meta_dir = NULL;
	q.gender = "male";
	OK(*source(&q, px, 2), "pxweb with --gender: refused");
	q.gender = NULL;
	OK_STR(source(&q, px, 2), "", "pxweb with a table and --select: accepted");
	px[1] = "file:///t.px";
	OK_STR(source(&q, px, 2), "invalid table URL 'file:///t.px' (http:// or https://)", "pxweb: a table URL not http(s)");
	q.ids = NULL;	/* not owned here */
	q.nids = 0;
	ind_fetch_query_free(&q);
}

static void whole_run(const char *cache)
{
	struct ind_fetch_query q;
	struct ind_fetch_opts fo;
	char out[] = "/tmp/test_fetchrun_XXXXXX", *why = NULL;
	static char id683[] = "683", id3118[] = "3118", id9[] = "9";
	char *ids[] = { id683, id3118 };
	FILE *msgs = tmpfile(), *prev, *o;
	int fd = mkstemp(out), rc;

	if (!msgs || fd < 0)
		return;
	close(fd);
	ind_fetch_opts_init(&fo);
	fo.offline = true;
	fo.cache_dir = cache;
	ind_fetch_query_init(&q, 2);
	q.sotkanet = true;
	q.ids = ids;
	q.nids = 2;
	for (int i = 0; i < 10; i++)
		q.years[q.nyears++] = 2015 + i;
	prev = ind_warn_to(msgs);
	rc = ind_fetch_run(&q, &fo, out, false, &why);
	OK(rc == IND_EXIT_OK, "run: exit 0 (offline, from the cache)");
	OK(strstr(tap_file_text(msgs), "test: 2 answers (0 sent, 2 from the cache), ") != NULL, "run: says what it fetched");
	if ((o = fopen(out, "r"))) {
		const char *t = tap_file_text(o);
		OK(strncmp(t, "region,indicator,period,value", 29) == 0 && strchr(t, '\n') != strrchr(t, '\n'),
		   "run: the stream written to the output, header and rows");
		fclose(o);
	}

	q.region_args[0] = "kunta";
	q.nregion_args = 1;
	rc = ind_fetch_run(&q, &fo, out, false, &why);
	OK(rc == IND_EXIT_USAGE && why && strstr(why, "a category needs --sotkanet-meta"),
	   "run: a --regions category without the metadata is a usage error");
	free(why);
	why = NULL;
	q.nregion_args = 0;
	q.meta_dir = "/nonexistent";
	rewind(msgs);
	rc = ind_fetch_run(&q, &fo, out, false, &why);
	OK(rc == IND_EXIT_DATA && strstr(tap_file_text(msgs), "/nonexistent: "), "run: unreadable metadata: exit 1, said");
	q.meta_dir = NULL;

	ids[1] = id9;
	if (ftruncate(fileno(msgs), 0) == 0)
		rewind(msgs);
	rc = ind_fetch_run(&q, &fo, out, false, &why);
	OK(rc == IND_EXIT_DATA && strstr(tap_file_text(msgs), "indicator=9&") && strstr(tap_file_text(msgs), "not in the cache") &&
	   !strstr(tap_file_text(msgs), "answers ("), "run: an answer not in the cache: exit 1, the URL said, no count");
	ind_warn_to(prev);
	fclose(msgs);
	unlink(out);
	q.ids = NULL;	/* not owned here */
	q.nids = 0;
	ind_fetch_query_free(&q);
}

int main(void)
{
	const char *top = getenv("IND_TOP");
	char cache[512], *dir;
	static const char *const ids[] = { "683", "3118" };
	static const char *const missing[] = { "683", "9" };
	int years[10];
	struct ind_fetch_opts fo;
	struct ind_error err;
	struct ind_pxweb_select sel = { "Vuosi", 5, "*" };
	ind_fetch *f;
	char **paths = NULL;
	size_t n = 99;
	int rc;

	ind_set_progname("test");
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	dir = ind_fetch_default_cache();
	OK_STR(dir, "/x/cache/ind-tools", "an absolute XDG_CACHE_HOME");
	free(dir);
	setenv("XDG_CACHE_HOME", "rel", 1);
	setenv("HOME", "/home/u", 1);
	dir = ind_fetch_default_cache();
	OK_STR(dir, "/home/u/.cache/ind-tools", "a relative XDG_CACHE_HOME: HOME's .cache");
	free(dir);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	OK(ind_fetch_default_cache() == NULL, "neither set: none");

	snprintf(cache, sizeof cache, "%s/sample-data/fetch-cache", top ? top : ".");
	for (int i = 0; i < 10; i++)
		years[i] = 2015 + i;
	if (ind_fetch_global_init(&err) < 0)
		return 99;
	ind_fetch_opts_init(&fo);
	fo.offline = true;
	fo.cache_dir = cache;
	if (!(f = ind_fetch_new(&fo, &err)))
		return 99;
	rc = ind_fetch_sotkanet(f, IND_SOTKANET_URL, (char *const *)ids, 2, years, 10, "total", &paths, &n, &err);
	OK(rc == 0 && n == 2 && access(paths[0], R_OK) == 0 && access(paths[1], R_OK) == 0 &&
	   strncmp(paths[0], cache, strlen(cache)) == 0, "Sotkanet: one answer per id, from the cache");
	OK(rc == 0 && strcmp(paths[0], paths[1]) != 0, "Sotkanet: the ids' answers apart");
	OK(ind_fetch_cached(f) == 2 && ind_fetch_sent(f) == 0, "Sotkanet: nothing sent offline");
	ind_fetch_paths_free(paths, n);
	rc = ind_fetch_sotkanet(f, IND_SOTKANET_URL, (char *const *)missing, 2, years, 10, "total", &paths, &n, &err);
	OK(rc < 0 && n == 0 && !paths && strstr(err.msg, "not in the cache"), "Sotkanet: an answer not in the cache fails");
	rc = ind_fetch_pxweb(f, "https://example.org/t.px", &sel, 1, "json-stat2", 100, &paths, &n, &err);
	OK(rc < 0 && n == 0 && !paths && strstr(err.msg, "not in the cache"), "PxWeb: metadata not in the cache fails");
	ind_fetch_free(f);
	ind_fetch_global_cleanup();
	query_source();
	whole_run(cache);
	return tap_done();
}
