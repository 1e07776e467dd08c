#!/bin/sh
# tests/real-exports.t - real Sotkanet, Statistics Finland PxWeb and THL files load correctly.
# They live beside the project in ../shared/real-exports; without it every check is skipped.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IND_BIN:-$top/bin}
load="${IND_VALGRIND:-} $bin/ind-load"
d=${IND_REAL_EXPORTS:-$top/../shared/real-exports}
export LC_ALL=C
if [ ! -d "$d" ]; then
	echo "1..0 # SKIP no ../shared/real-exports beside the project"
	exit 0
fi
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT INT TERM
n=0
# name, expected stdout line count, a line that must appear, ind-load arguments...
expect() {
	name=$1 lines=$2 line=$3
	shift 3
	n=$((n + 1))
	$load "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq "$lines" ] && grep -qxF "$line" "$T/out" &&
		grep -q ' 0 rejected$' "$T/err"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name (exit $rc, $(wc -l <"$T/out") lines)"
		sed 's/^/#   /' "$T/err"
	fi
}

# Sotkanet REST: no options; numeric region ids kept, absolute value kept
expect "sotkanet_rest.csv" 28 "974,683,2016,11.9,17028" "$d/sotkanet_rest.csv"
printf 'code,name\n974,Pohjois-Savo\n964,Keski-Pohjanmaa\n968,Lappi\n658,Koko maa\n' >"$T/ids.csv"
expect "sotkanet_rest.csv with --region-map" 28 "Pohjois-Savo,683,2016,11.9,17028" \
	--region-map "$T/ids.csv" "$d/sotkanet_rest.csv"
# old Sotkanet portal export: no header, columns by number; ";" with "." decimals
expect "sotkanet_portal.csv (--no-header)" 161 "Espoo,Koulutustasomittain,2015,468" \
	--no-header -r 3 -i 1 -p 6 -v 7 --decimal . --ignore 2 --ignore 4 --ignore 8 --where 5=yhteensä "$d/sotkanet_portal.csv"
# PxWeb with a title line, a blank line and CRLF; years as columns
# (no region column: the deciles are of the whole country, and 'Decile' is a dimension)
expect "statfin_128c.csv (wide, title line, CRLF)" 41 'Koko maa,"6. GROSS INCOME, mean (Decile: II)",2021,26851' \
	--region-name "Koko maa" "$d/statfin_128c.csv"
# PxWeb in Latin-1 with ';' and quoted years; the last column is the value, named by its header
expect "statfin_vaalit_latin1.csv (Latin-1)" 294 "091 Helsinki,Äänioikeutetut,2021,542830" "$d/statfin_vaalit_latin1.csv"
# THL cube, months as columns M/YYYY
expect "thl_avohpaasy_wide.csv (wide, M/YYYY)" 37 "Lappi,yli90,2018-06,58" \
	--indicator-name yli90 "$d/thl_avohpaasy_wide.csv"
# THL long, M/YYYY periods, one series
expect "thl_esh_long.csv (long, M/YYYY)" 11 "Koko maa,yli180,2015-08,1.8" \
	--region-name "Koko maa" --indicator-name yli180 "$d/thl_esh_long.csv"
echo "1..$n"
