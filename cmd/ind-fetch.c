/* ind-fetch - Sotkanet and PxWeb API answers into a cache and the canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apiquery.h"
#include "err.h"
#include "fetch.h"
#include "fetchrun.h"
#include "load.h"
#include "loadrun.h"
#include "opt.h"
#include "strmap.h"

enum {
	OPT_INDICATOR = CHAR_MAX + 1, OPT_YEARS, OPT_GENDER, OPT_REGIONS, OPT_SELECT, OPT_FORMAT, OPT_CACHE,
	OPT_OFFLINE, OPT_TIMEOUT, OPT_RETRIES, OPT_RETRY_DELAY, OPT_INTERVAL, OPT_MAX_CELLS, OPT_MAX_SIZE,
	OPT_BASE_URL, OPT_STRICT, OPT_SOTKANET_META
};

static const struct option long_options[] = {
	{ "indicator", required_argument, NULL, OPT_INDICATOR },
	{ "years", required_argument, NULL, OPT_YEARS },
	{ "gender", required_argument, NULL, OPT_GENDER },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "offline", no_argument, NULL, OPT_OFFLINE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "retry-delay", required_argument, NULL, OPT_RETRY_DELAY },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "max-cells", required_argument, NULL, OPT_MAX_CELLS },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "sotkanet-meta", required_argument, NULL, OPT_SOTKANET_META },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-fetch sotkanet --indicator=ID[,ID]... [OPTION]...\n"
	      "  or:  ind-fetch pxweb URL --select=CODE=VALUES [--select=...]... [OPTION]...\n"
	      "Fetch indicator data from the Sotkanet REST API or a PxWeb API v1 table, keep\n"
	      "the answers in a cache directory and write the canonical stream, as ind-load\n"
	      "writes it from the same files.\n"
	      "\n", stdout);
	fputs("Sotkanet:\n"
	      "      --indicator=LIST        indicator ids (comma-separated, repeatable);\n"
	      "                                one request each\n"
	      "      --years=LIST            years: 2015..2024, 2019,2023 or both mixed\n"
	      "      --gender=G              total (default), male or female\n"
	      "      --regions=LIST          keep only these regions: Sotkanet ids, or with\n"
	      "                                --sotkanet-meta categories (kunta, maakunta,\n"
	      "                                hva = hyvinvointialue, ...), mixed\n"
	      "      --sotkanet-meta=DIR     names for the ids from DIR/regions.json and\n"
	      "                                DIR/indicators.json (the API's metadata)\n"
	      "      --base-url=URL          the data URL (default " IND_SOTKANET_URL ")\n"
	      "\n", stdout);
	fputs("PxWeb (URL is the table's, e.g. https://pxdata.stat.fi/PxWeb/api/v1/fi/...px):\n"
	      "      --select=CODE=VALUES    values of one variable, comma-separated, or * for\n"
	      "                                all (repeatable); the table's metadata (GET URL)\n"
	      "                                names them\n"
	      "      --format=F              json-stat2 (default), json or px\n"
	      "      --max-cells=N           cells per request (default 100000); a larger\n"
	      "                                query is split and the answers joined\n"
	      "\n", stdout);
	fputs("HTTP and cache:\n"
	      "      --cache=DIR             keep answers in DIR (default $XDG_CACHE_HOME/ind-tools,\n"
	      "                                else ~/.cache/ind-tools)\n"
	      "      --offline               answer from the cache only\n"
	      "      --timeout=SECONDS       per attempt (default 60)\n"
	      "      --retries=N             retries on 429, 5xx and network errors (default 2)\n"
	      "      --retry-delay=SECONDS   first wait, doubled each retry (default 1); a\n"
	      "                                longer Retry-After is honoured\n"
	      "      --interval=SECONDS      at least this between two requests (default: 1\n"
	      "                                for pxweb, within Statistics Finland's limit of\n"
	      "                                10 in 10 s; 0 for sotkanet)\n"
	      "      --max-size=BYTES        largest answer accepted (default 268435456)\n"
	      "\n", stdout);
	fputs("Output:\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "      --strict                exit 1 if any row of an answer is rejected\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n", stdout);
	fputs("Examples:\n"
	      "  $ ind-fetch sotkanet --indicator 683,3118 --years 2015..2024 | ind-trend\n"
	      "  $ ind-fetch pxweb https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px \\\n"
	      "      --select 'Alue=SSS,KU091' --select 'Tiedot=vaesto' --select 'Vuosi=*'\n"
	      "\n"
	      "See ind-fetch(1) and docs/format.md.\n", stdout);
}

static double seconds_arg(const char *opt, const char *arg, double lo, double hi)
{
	char *end;
	double x = strtod(arg, &end);
	if (end == arg || *end || !(x >= lo && x <= hi))
		ind_usage_error("invalid %s '%s' (seconds, %g to %g)", opt, arg, lo, hi);
	return x;
}

static bool http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

#define MAX_YEARS 300

static void note(const char *url, const char *why, double wait)
{
	ind_warn_at(url, 0, "%s; trying again in %.3g s", why, wait);
}

static void warn_cb(const struct ind_error *w) { ind_error_print(w); }

int main(int argc, char **argv)
{
	struct ind_fetch_opts fo;
	struct ind_load_opts lo;
	struct ind_error err;
	const char *source, *table_url = NULL, *base_url = IND_SOTKANET_URL, *format = "json-stat2";
	const char *output = NULL, *gender = NULL, *cache = NULL;
	char *cache_own = NULL, **ids = NULL, *why = NULL;
	size_t nids = 0, nyears = 0, nsel = 0, nreq = 0, max_cells = IND_PXWEB_MAX_CELLS;
	int years[MAX_YEARS];
	struct ind_pxweb_select *sel;
	ind_strmap *regions = NULL, *region_map = NULL, *indicator_map = NULL;
	const char **region_args, *meta_dir = NULL;
	size_t nregion_args = 0;
	ind_fetch *f = NULL;
	bool interval_given = false, strict = false, failed = false, sotkanet;
	long records = 0, nrejected = 0;
	char **paths = NULL;
	int c, rc;

	ind_set_progname("ind-fetch");
	argv[0] = (char *)"ind-fetch";
	ind_fetch_opts_init(&fo);
	if (!(sel = calloc((size_t)argc, sizeof *sel)) || !(region_args = calloc((size_t)argc, sizeof *region_args)))
		ind_die(IND_EXIT_DATA, "out of memory");
	while ((c = getopt_long(argc, argv, "o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_INDICATOR:
			if (!ind_sotkanet_ids_arg(optarg, &ids, &nids, &why))
				ind_usage_error("%s", why);
			break;
		case OPT_YEARS:
			if (!ind_sotkanet_years_arg(optarg, years, &nyears, MAX_YEARS, &why))
				ind_usage_error("%s", why);
			break;
		case OPT_GENDER: {
			static const char *const g[] = { "total", "male", "female", NULL };
			gender = g[ind_opt_choice("--gender", optarg, g)];
			break;
		}
		case OPT_REGIONS: region_args[nregion_args++] = optarg; break;
		case OPT_SOTKANET_META: meta_dir = optarg; break;
		case OPT_SELECT: {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1])
				ind_usage_error("invalid --select '%s': expected CODE=VALUE,VALUE or CODE=*", optarg);
			sel[nsel].code = optarg;
			sel[nsel].code_len = (size_t)(eq - optarg);
			sel[nsel].values = eq + 1;
			nsel++;
			break;
		}
		case OPT_FORMAT: {
			static const char *const fmts[] = { "json-stat2", "json", "px", NULL };
			format = fmts[ind_opt_choice("--format", optarg, fmts)];
			break;
		}
		case OPT_CACHE: cache = optarg; break;
		case OPT_OFFLINE: fo.offline = true; break;
		case OPT_TIMEOUT: fo.timeout = seconds_arg("--timeout", optarg, 0.001, 86400); break;
		case OPT_RETRIES: fo.retries = (int)ind_opt_range("--retries", optarg, 0, 20); break;
		case OPT_RETRY_DELAY: fo.retry_delay = seconds_arg("--retry-delay", optarg, 0, IND_FETCH_MAX_WAIT); break;
		case OPT_INTERVAL: interval_given = true; fo.interval = seconds_arg("--interval", optarg, 0, 3600); break;
		case OPT_MAX_CELLS: max_cells = (size_t)ind_opt_range("--max-cells", optarg, 1, 100000000); break;
		case OPT_MAX_SIZE:
			fo.max_bytes = (size_t)ind_opt_count("--max-size", optarg);
			if (fo.max_bytes == 0)
				ind_usage_error("--max-size must be positive");
			break;
		case OPT_BASE_URL: base_url = optarg; break;
		case OPT_STRICT: strict = true; break;
		case 'o': output = optarg; break;
		case 'h':
		case 'V':
			if (c == 'h')
				usage();
			else
				ind_opt_version();
			for (size_t i = 0; i < nids; i++)
				free(ids[i]);
			free(ids);
			free(sel);
			free(region_args);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (optind >= argc)
		ind_usage_error("which source: sotkanet or pxweb");
	source = argv[optind++];
	if (strcmp(source, "sotkanet") == 0) {
		sotkanet = true;
		if (optind < argc)
			ind_usage_error("sotkanet takes no URL (--base-url changes the API's): '%s'", argv[optind]);
		if (!nids)
			ind_usage_error("sotkanet needs --indicator");
		if (!nyears)
			ind_usage_error("sotkanet needs --years");
		if (nsel)
			ind_usage_error("--select goes with pxweb");
		if (!http_url(base_url))
			ind_usage_error("invalid --base-url '%s' (http:// or https://)", base_url);
	} else if (strcmp(source, "pxweb") == 0) {
		sotkanet = false;
		if (optind >= argc)
			ind_usage_error("pxweb needs the table's URL");
		table_url = argv[optind++];
		if (optind < argc)
			ind_usage_error("one table URL at a time: '%s'", argv[optind]);
		if (!http_url(table_url))
			ind_usage_error("invalid table URL '%s' (http:// or https://)", table_url);
		if (!nsel)
			ind_usage_error("pxweb needs --select (e.g. --select 'Vuosi=*')");
		if (nids || nyears || gender || nregion_args || meta_dir)
			ind_usage_error("--indicator, --years, --gender, --regions and --sotkanet-meta go with sotkanet");
	} else {
		ind_usage_error("unknown source '%s' (use sotkanet or pxweb)", source);
	}
	if (!cache && !(cache = cache_own = ind_fetch_default_cache()))
		ind_usage_error("no cache directory: give --cache (neither XDG_CACHE_HOME nor HOME is set)");
	if (!interval_given)	/* Statistics Finland: at most 10 requests in 10 s */
		fo.interval = sotkanet ? 0 : 1;
	fo.cache_dir = cache;
	if (nregion_args || meta_dir) {
		rc = ind_sotkanet_regions(region_args, nregion_args, meta_dir, &regions, &region_map, &indicator_map,
					  &why, &err);
		if (rc == IND_EXIT_USAGE)
			ind_usage_error("%s", why);
		if (rc != IND_EXIT_OK) {
			ind_error_print(&err);
			exit(IND_EXIT_DATA);
		}
	}
	fo.note = note;

	if (ind_fetch_global_init(&err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (!(f = ind_fetch_new(&fo, &err))) {
		ind_error_print(&err);
		failed = true;
		goto done;
	}
	if (sotkanet)
		rc = ind_fetch_sotkanet(f, base_url, ids, nids, years, nyears, gender ? gender : "total", &paths, &nreq,
					&err);
	else
		rc = ind_fetch_pxweb(f, table_url, sel, nsel, format, max_cells, &paths, &nreq, &err);
	if (rc < 0) {
		ind_error_print(&err);
		failed = true;
		goto done;
	}

	/* the answers, read as ind-load reads them */
	ind_load_opts_init(&lo);
	lo.warn = warn_cb;
	lo.gender = gender;
	lo.regions = regions;
	lo.region_map = region_map;
	lo.indicator_map = indicator_map;
	rc = ind_load_answers((const char *const *)paths, nreq, &lo, output, strict, &records, &nrejected);
	if (rc < 0) {
		failed = true;
		goto done;
	}
	failed = rc != IND_EXIT_OK;
	ind_warn("%zu answer%s (%ld sent, %ld from the cache), %ld records written, %ld rejected", nreq,
		 nreq == 1 ? "" : "s", ind_fetch_sent(f), ind_fetch_cached(f), records, nrejected);
done:
	ind_fetch_paths_free(paths, nreq);
	ind_fetch_free(f);
	ind_fetch_global_cleanup();
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(sel);
	free(cache_own);
	ind_strmap_free(regions);
	ind_strmap_free(region_map);
	ind_strmap_free(indicator_map);
	free(region_args);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
