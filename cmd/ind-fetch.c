/* ind-fetch - Sotkanet and PxWeb API answers into a cache and the canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "apiquery.h"
#include "err.h"
#include "fetch.h"
#include "fetchrun.h"
#include "opt.h"

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

int main(int argc, char **argv)
{
	struct ind_fetch_opts fo;
	struct ind_fetch_query q;
	const char *output = NULL, *cache = NULL;
	char *cache_own = NULL, *why = NULL;
	bool interval_given = false, strict = false;
	int c, rc;

	ind_set_progname("ind-fetch");
	argv[0] = (char *)"ind-fetch";
	ind_fetch_opts_init(&fo);
	ind_fetch_query_init(&q, (size_t)argc);
	while ((c = getopt_long(argc, argv, "o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_INDICATOR:
			if (!ind_sotkanet_ids_arg(optarg, &q.ids, &q.nids, &why))
				ind_usage_error("%s", why);
			break;
		case OPT_YEARS:
			if (!ind_sotkanet_years_arg(optarg, q.years, &q.nyears, IND_SOTKANET_MAX_YEARS, &why))
				ind_usage_error("%s", why);
			break;
		case OPT_GENDER: {
			static const char *const g[] = { "total", "male", "female", NULL };
			q.gender = g[ind_opt_choice("--gender", optarg, g)];
			break;
		}
		case OPT_REGIONS: q.region_args[q.nregion_args++] = optarg; break;
		case OPT_SOTKANET_META: q.meta_dir = optarg; break;
		case OPT_SELECT:
			if (!ind_pxweb_select_arg(optarg, &q.sel[q.nsel++], &why))
				ind_usage_error("%s", why);
			break;
		case OPT_FORMAT: {
			static const char *const fmts[] = { "json-stat2", "json", "px", NULL };
			q.format = fmts[ind_opt_choice("--format", optarg, fmts)];
			break;
		}
		case OPT_CACHE: cache = optarg; break;
		case OPT_OFFLINE: fo.offline = true; break;
		case OPT_TIMEOUT: fo.timeout = ind_opt_seconds("--timeout", optarg, 0.001, 86400); break;
		case OPT_RETRIES: fo.retries = (int)ind_opt_range("--retries", optarg, 0, 20); break;
		case OPT_RETRY_DELAY: fo.retry_delay = ind_opt_seconds("--retry-delay", optarg, 0, IND_FETCH_MAX_WAIT); break;
		case OPT_INTERVAL: interval_given = true; fo.interval = ind_opt_seconds("--interval", optarg, 0, 3600); break;
		case OPT_MAX_CELLS: q.max_cells = (size_t)ind_opt_range("--max-cells", optarg, 1, 100000000); break;
		case OPT_MAX_SIZE:
			fo.max_bytes = (size_t)ind_opt_count("--max-size", optarg);
			if (fo.max_bytes == 0)
				ind_usage_error("--max-size must be positive");
			break;
		case OPT_BASE_URL: q.base_url = optarg; break;
		case OPT_STRICT: strict = true; break;
		case 'o': output = optarg; break;
		case 'h':
		case 'V':
			if (c == 'h')
				usage();
			else
				ind_opt_version();
			ind_fetch_query_free(&q);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (!ind_fetch_query_source(&q, argv + optind, (size_t)(argc - optind), &why))
		ind_usage_error("%s", why);
	if (!cache && !(cache = cache_own = ind_fetch_default_cache()))
		ind_usage_error("no cache directory: give --cache (neither XDG_CACHE_HOME nor HOME is set)");
	if (!interval_given)	/* Statistics Finland: at most 10 requests in 10 s */
		fo.interval = q.sotkanet ? 0 : 1;
	fo.cache_dir = cache;
	rc = ind_fetch_run(&q, &fo, output, strict, &why);
	if (rc == IND_EXIT_USAGE)
		ind_usage_error("%s", why);
	ind_fetch_query_free(&q);
	free(cache_own);
	return rc;
}
