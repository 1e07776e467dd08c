/* test_fetchrun.c - the default cache directory; a query's requests answered from the cache. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fetchrun.h"
#include "tap.h"

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
	return tap_done();
}
