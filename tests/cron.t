#!/bin/sh
# tests/cron.t - scripts/cron-example.sh in a scratch tree: no exports at all, exports with and
# without inputs.conf (per-line ind-load options, a glob that matches nothing, comments), a line
# that fails, timestamped log lines, and an exit status that is non-zero only on a real failure.
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

# a bad report configuration is a real failure too
printf 'indicators.csv.gz\n' >"$T/work/inputs.conf"
echo 'bogus line' >>"$T/work/report.conf"
cron >"$T/log" 2>&1
check "ind-report failing: exit 1, logged" $([ $? -eq 1 ] && grep -q 'error: ind-report failed' "$T/log"; echo $?)
done_testing
