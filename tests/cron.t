#!/bin/sh
# tests/cron.t - scripts/cron-example.sh in a scratch tree: no exports at all, exports with and
# without inputs.conf (per-line ind-load options, a glob that matches nothing, comments), a line
# that fails, a fetch step (fetch.conf) that works and one that fails, timestamped log lines, and an
# exit status that is non-zero only on a real failure.
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "1..0 # SKIP no gnuplot"
	exit 0
fi
cron() { EXPORTS=$T/exports WORK=$T/work OUT=$T/www/report BINDIR=$bin sh "$top/scripts/cron-example.sh" "$@"; }
stamped() { ! grep -Ev '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{4} ' "$1" >/dev/null; }
mkdir -p "$T/exports" "$T/work"
cp "$s/report.conf" "$s/interventions.csv" "$s/population.csv" "$T/work/"

cron >"$T/log" 2>&1
check "no exports, no stream: exit 0" $?
check "no exports, no stream: says there is nothing to report" $(grep -q 'nothing to report' "$T/log"; echo $?)
check "no exports: no report made, no literal glob passed on" \
	$([ ! -e "$T/www/report" ] && ! grep -q "'\*\.csv\.gz'.*ind-load:" "$T/log"; echo $?)
check "every log line has a timestamp" $(stamped "$T/log"; echo $?)

# without inputs.conf: *.csv and *.csv.gz, the .csv glob matching nothing
cp "$s/indicators.csv.gz" "$T/exports/"
cron >"$T/log" 2>&1
check "one .csv.gz, no .csv: exit 0" $?
check "the unmatched glob is logged and skipped" $(grep -q "nothing matches '\*\.csv': skipped" "$T/log"; echo $?)
check "the stream and the report are made" \
	$([ "$(wc -l <"$T/work/indicators.csv")" -eq 2881 ] && [ -s "$T/www/report/index.html" ]; echo $?)
check "every log line has a timestamp (tools' messages too)" $(stamped "$T/log" && grep -q ' ind-load: ' "$T/log"; echo $?)

# inputs.conf: options per line, comments, a glob that matches nothing, a name starting with '-'
mkdir -p "$T/exports/sotkanet"
cp "$s/sotkanet_annual.csv" "$T/exports/sotkanet/-annual.csv"
cat >"$T/work/inputs.conf" <<CONF
# the exports
indicators.csv.gz
sotkanet/*.csv   --region-map $s/sotkanet_regions.csv --indicator-map $s/sotkanet_indicators.csv  # THL
pxweb/*.csv      --decimal ,
CONF
cron >"$T/log" 2>&1
check "inputs.conf: exit 0" $?
check "inputs.conf: each line's options apply to its files" \
	$(grep -q '^Pohjois-Savo,emergency_visits_per_1000,2017,' "$T/work/indicators.csv" &&
	  grep -q '^Pohjois-Savo,t3_days,2017-01,' "$T/work/indicators.csv"; echo $?)
check "inputs.conf: a line matching nothing is skipped" $(grep -q "inputs.conf:4: nothing matches 'pxweb/\*.csv'" "$T/log"; echo $?)

# nothing tonight: the report is made again from the stream already there
mkdir "$T/old" && mv "$T/exports"/* "$T/old/"
before=$(readlink "$T/www/report")
cron >"$T/log" 2>&1
check "no exports, a stream: exit 0 and the report is made again" \
	$([ $? -eq 0 ] && grep -q 'from the stream already' "$T/log" && [ "$(readlink "$T/www/report")" != "$before" ]; echo $?)

# a line that fails: exit 1, stream and report kept
mv "$T/old"/* "$T/exports/"
cp "$T/work/indicators.csv" "$T/stream-before"
before=$(readlink "$T/www/report")
printf 'indicators.csv.gz\nsotkanet/*.csv --no-such-option\n' >"$T/work/inputs.conf"
cron >"$T/log" 2>&1
check "a failing line: exit 1" $([ $? -eq 1 ]; echo $?)
check "a failing line: logged with its line" $(grep -q 'error: .*inputs.conf:2: ind-load failed' "$T/log"; echo $?)
check "a failing line: the stream and the report are kept" \
	$(cmp -s "$T/stream-before" "$T/work/indicators.csv" && [ "$(readlink "$T/www/report")" = "$before" ]; echo $?)

# a fetch step: fetch.conf's requests join the exports (the cache shipped in sample-data, offline)
printf 'indicators.csv.gz\n' >"$T/work/inputs.conf"
mkdir -p "$T/cache" && cp "$s"/fetch-cache/*.json "$T/cache/"
printf '# Sotkanet\nsotkanet --indicator 683,3118 --years 2015..2024 --offline --sotkanet-meta %s  # two indicators\n' \
	"$s/sotkanet-meta" >"$T/work/fetch.conf"
CACHE=$T/cache cron >"$T/log" 2>&1
check "fetch.conf: exit 0" $?
check "fetch.conf: the fetched rows and the exports' in one stream" \
	$(grep -q '^Pohjois-Savo,"Diabeteslääkkeiden erityiskorvaukseen oikeutetut 40-74-vuotiaat, % vastaavanikäisestä väestöstä",2016,' "$T/work/indicators.csv" &&
	  grep -q '^Pohjois-Savo,t3_days,2017-01,' "$T/work/indicators.csv" && grep -q ' ind-fetch: 2 answers (0 sent, 2 from the cache)' "$T/log"; echo $?)
# a fetch that fails: exit 1 with the URL and the status in the log, the stream and the report kept
cp "$T/work/indicators.csv" "$T/stream-before"
before=$(readlink "$T/www/report")
fake=${IND_TESTBIN:-$top/build}/tests/fake-http
if [ -x "$fake" ]; then
	printf 'HTTP/1.1 503 Service Unavailable\n\n' >"$T/down"
	printf 'GET /rest/1.1/json?indicator=683&years=2024&genders=total - down\n' >"$T/routes"
	"$fake" "$T/routes" "$T/port" "$T/http-log" 2>/dev/null &
	fpid=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	u=http://127.0.0.1:$(cat "$T/port")/rest/1.1/json
	printf 'sotkanet --indicator 683 --years 2024 --base-url %s --retries 1 --retry-delay 0\n' "$u" >"$T/work/fetch.conf"
	want="ind-fetch: $u?indicator=683&years=2024&genders=total: HTTP 503 after 2 attempts"
else
	printf 'sotkanet --indicator 683 --years 2024 --offline\n' >"$T/work/fetch.conf"
	want="ind-fetch: https://sotkanet.fi/rest/1.1/json?indicator=683&years=2024&genders=total: not in the cache"
fi
CACHE=$T/cache cron >"$T/log" 2>&1
rc=$?
[ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null
check "a failing fetch: exit 1" $([ $rc -eq 1 ]; echo $?)
check "a failing fetch: the URL and the status logged, with the line" \
	$(grep -qF "$want" "$T/log" && grep -q "error: $T/work/fetch.conf:1: ind-fetch failed" "$T/log"; echo $?)
check "a failing fetch: the stream and the report are kept" \
	$(cmp -s "$T/stream-before" "$T/work/indicators.csv" && [ "$(readlink "$T/www/report")" = "$before" ]; echo $?)
rm -f "$T/work/fetch.conf"

# a bad report configuration is a real failure too
printf 'indicators.csv.gz\n' >"$T/work/inputs.conf"
echo 'bogus line' >>"$T/work/report.conf"
cron >"$T/log" 2>&1
check "ind-report failing: exit 1, logged" $([ $? -eq 1 ] && grep -q 'error: ind-report failed' "$T/log"; echo $?)
done_testing
