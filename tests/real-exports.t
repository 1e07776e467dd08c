#!/bin/sh
# tests/real-exports.t - real Sotkanet, Statistics Finland PxWeb and THL files load correctly.
# They live beside the project in ../shared/real-exports; without it every check is skipped.
# Each CSV export loads without options, except the header-less portal file: it fails with
# the hint ind-load(1) gives as the reason for the options it then needs (EXAMPLES).
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
# name, rows read, records written, a line that must appear on stdout, a text that must
# appear in the per-input line on stderr, ind-load arguments...
expect() {
	name=$1 rows=$2 written=$3 line=$4 about=$5
	shift 5
	n=$((n + 1))
	$load "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq $((written + 1)) ] && grep -qxF "$line" "$T/out" &&
		grep -qxF "ind-load: $rows rows read, $written written, 0 rejected" "$T/err" &&
		grep -e ": delimiter " -e " cells (line N below" "$T/err" | grep -qF "$about"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name (exit $rc, $(wc -l <"$T/out") lines)"
		sed 's/^/#   /' "$T/err"
	fi
}
# name, a text the error must hold, ind-load arguments...: no output rows, exit 1
refuse() {
	name=$1 msg=$2
	shift 2
	n=$((n + 1))
	$load "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$T/out")" -eq 1 ] && grep -qF "$msg" "$T/err"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name (exit $rc)"
		sed 's/^/#   /' "$T/err"
	fi
}

# Sotkanet REST: no options; 27 rows (README); numeric region ids kept, absolute value kept;
# '.' decimals although the file is ',' (and would be so after ';': the Sotkanet layout)
expect "sotkanet_rest.csv" 27 27 "974,683,2016,11.9,17028" "decimal '.', encoding UTF-8, layout Sotkanet, periods years" \
	"$d/sotkanet_rest.csv"
printf 'code,name\n974,Pohjois-Savo\n964,Keski-Pohjanmaa\n968,Lappi\n658,Koko maa\n' >"$T/ids.csv"
expect "sotkanet_rest.csv with --region-map" 27 27 "Pohjois-Savo,683,2016,11.9,17028" "layout Sotkanet" \
	--region-map "$T/ids.csv" "$d/sotkanet_rest.csv"
# PxWeb in Latin-1 with ';' and quoted years; the last column is the value, named by its header
expect "statfin_vaalit_latin1.csv (Latin-1)" 293 293 "091 Helsinki,Äänioikeutetut,2021,542830" \
	"delimiter ';', decimal ',', encoding UTF-8 (75 lines read as Windows-1252), layout measure columns, periods years" \
	"$d/statfin_vaalit_latin1.csv"

# old Sotkanet portal export: no header (the error says so), ';' with '.' decimals,
# codes beside the names and the absolute value ignored, one gender kept
refuse "sotkanet_portal.csv without options: no header?" "(no header? try --no-header and -r/-i/-p/-v)" \
	"$d/sotkanet_portal.csv"
n=$((n + 1))
$load --strict --no-header -r 3 -i 1 -p 6 -v 7 --ignore 2 --ignore 4 --ignore 8 --where 5=yhteensä \
	"$d/sotkanet_portal.csv" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -qF "number '10.4' uses '.' but the decimal mark is ','" "$T/err" &&
	grep -qxF "ind-load: 160 rows read, 41 written, 119 rejected" "$T/err" && ! grep -q '\.' "$T/out"; then
	echo "ok $n - sotkanet_portal.csv without --decimal: its decimals refused, none misread"
else
	echo "not ok $n - sotkanet_portal.csv without --decimal: its decimals refused, none misread (exit $rc)"
fi
expect "sotkanet_portal.csv (--no-header)" 160 160 "Espoo,Koulutustasomittain,2015,468" \
	"decimal '.', encoding UTF-8, no header, layout long, periods years, '5' kept to 'yhteensä', ignored '2', '4', '8'" \
	--no-header -r 3 -i 1 -p 6 -v 7 --decimal . --ignore 2 --ignore 4 --ignore 8 --where 5=yhteensä "$d/sotkanet_portal.csv"
n=$((n + 1))
if grep -qxF "Espoo,Ahtaasti asuvat asuntokunnat, % kaikista asuntokunnista,2015,10.4" "$T/out" 2>/dev/null ||
	grep -qxF 'Espoo,"Ahtaasti asuvat asuntokunnat, % kaikista asuntokunnista",2015,10.4' "$T/out"; then
	echo "ok $n - sotkanet_portal.csv: 10.4 read as 10.4"
else
	echo "not ok $n - sotkanet_portal.csv: 10.4 read as 10.4"
fi

# PxWeb with a title line, a blank line and CRLF; years as columns; no region column: the
# whole table is one region 'all', and 'Decile' is no region: it becomes a dimension
expect "statfin_128c.csv (wide, title line, CRLF), no options" 10 40 'all,"6. GROSS INCOME, mean (Decile: II)",2021,26851' \
	"delimiter ',', decimal '.', encoding UTF-8, 2 title lines, layout wide, periods years, no region column: region 'all', dimensions 'Decile'" \
	"$d/statfin_128c.csv"
expect "statfin_128c.csv with --region-name" 10 40 'Koko maa,"6. GROSS INCOME, mean (Decile: II)",2021,26851' \
	"layout wide, periods years, dimensions 'Decile'" \
	--region-name "Koko maa" "$d/statfin_128c.csv"

# THL cube, months as columns M/YYYY; 'AVI' is the region; no indicator column: the file's name
expect "thl_avohpaasy_wide.csv (wide, M/YYYY), no options" 6 36 "Lappi,thl_avohpaasy_wide,2018-06,58" \
	"layout wide, periods months, no indicator column: indicator 'thl_avohpaasy_wide' (the file's name)" \
	"$d/thl_avohpaasy_wide.csv"
expect "thl_avohpaasy_wide.csv with --indicator-name" 6 36 "Lappi,yli90,2018-06,58" "layout wide, periods months" \
	--indicator-name yli90 "$d/thl_avohpaasy_wide.csv"
# THL long, M/YYYY periods, one series: no region column, and 'pros' is the one measure
expect "thl_esh_long.csv (M/YYYY), no options" 10 10 "all,pros,2015-08,1.8" \
	"layout measure columns, periods months, no region column: region 'all'" "$d/thl_esh_long.csv"
expect "thl_esh_long.csv with --region-name and --indicator-name" 10 10 "Koko maa,yli180,2015-08,1.8" "layout long, periods months" \
	--region-name "Koko maa" --indicator-name yli180 "$d/thl_esh_long.csv"
# PC-Axis (README: cells valued + missing, and one spot value each), read by content, no options
expect "statfin_tyonv_12r5_eckero.px (ISO-8859-15 with a Windows-1252 byte, 61 '...')" 253 253 \
	"Eckerö,Työttömät työnhakijat laskentapäivänä (lkm.),2024-01,26.0" "PC-Axis, 253 cells" "$d/statfin_tyonv_12r5_eckero.px"
n=$((n + 1))
if grep -qxF "ind-load: $d/statfin_tyonv_12r5_eckero.px: missing values: 61 '...'" "$T/err"; then echo "ok $n - eckero: 61 cells '...' counted as missing"; else echo "not ok $n - eckero: 61 cells '...' counted as missing"; fi
expect "statfin_akay_001.px (no TIMEVAL: Vuosi by name; 3 '.')" 768 768 \
	"all,Toimintoon osallistuneita % (Toiminto: 09     Nukkuminen; Sukupuoli: Naiset),2009,99.6" \
	"PC-Axis, 768 cells (line N below is cell N - 1), layout long, periods years, no region column: region 'all', dimensions 'Toiminto', 'Sukupuoli'" \
	"$d/statfin_akay_001.px"
n=$((n + 1))
if grep -qxF "ind-load: $d/statfin_akay_001.px: missing values: 3 '.'" "$T/err"; then echo "ok $n - akay: 3 cells '.' counted as missing"; else echo "not ok $n - akay: 3 cells '.' counted as missing"; fi
expect "statfin_salatuo_12b4.px (UTF-8, negative values, 70 '.')" 2000 2000 \
	'all,"Määrä, GWh (Sähkön tuotanto ja kulutus, GWh: Tuulivoima (Uusiutuva energialähde))",2024,20237' \
	"PC-Axis, 2000 cells" "$d/statfin_salatuo_12b4.px"
n=$((n + 1))
if grep -qxF "ind-load: $d/statfin_salatuo_12b4.px: missing values: 70 '.'" "$T/err"; then echo "ok $n - 12b4: 70 cells '.' counted as missing"; else echo "not ok $n - 12b4: 70 cells '.' counted as missing"; fi
# the same tables in their other languages (--lang): the same cells, the spot values under the Swedish and English texts
expect "statfin_salatuo_12b4.px --lang sv" 2000 2000 \
	"all,\"Mängd, GWh (Elproduktion och konsumtion, GWh: Vindkraft (Förnybara energikälla))\",2024,20237" \
	"PC-Axis, 2000 cells" --lang sv "$d/statfin_salatuo_12b4.px"
expect "statfin_tyonv_12r5_eckero.px --lang en" 253 253 \
	"Eckerö,Unemployed jobseekers on calculation date (number),2024-01,26.0" "PC-Axis, 253 cells" --lang en "$d/statfin_tyonv_12r5_eckero.px"
refuse "statfin_akay_001.px --lang sv (fi and en only)" "PC-Axis: no texts in the language 'sv'" --lang sv "$d/statfin_akay_001.px"
gzip -c "$d/statfin_akay_001.px" >"$T/akay.px.gz"
expect "statfin_akay_001.px gzip-compressed" 768 768 \
	"all,Toimintoon osallistuneita % (Toiminto: 09     Nukkuminen; Sukupuoli: Naiset),2009,99.6" "PC-Axis, 768 cells" "$T/akay.px.gz"
# JSON-stat 2.0, with and without missing cells, and Sotkanet REST JSON (README counts and spot values)
expect "ssb_07221_jsonstat2.json (24 null with status '..')" 288 288 \
	"Hele landet,Prisindeks for brukte boliger (boligtype: Eneboliger),2022-Q1,136.2" \
	"JSON-stat, 288 cells (line N below is cell N - 1), layout long, periods quarters, dimensions 'boligtype'" \
	"$d/ssb_07221_jsonstat2.json"
n=$((n + 1))
if grep -qxF "ind-load: $d/ssb_07221_jsonstat2.json: missing values: 24 '..'" "$T/err"; then echo "ok $n - ssb: 24 null cells counted as missing '..'"; else echo "not ok $n - ssb: 24 null cells counted as missing '..'"; fi
expect "statfin_rpk_135l_jsonstat2.json (11 152 cells, index objects)" 11152 11152 \
	"Helsinki,Rikokset alueen 1 000 asukasta kohden (Rikosnimike: 1) RIKOKSET JA RIKKOMUKSET YHTEENSÄ),2020,161.41" \
	"JSON-stat, 11152 cells" "$d/statfin_rpk_135l_jsonstat2.json"
expect "sotkanet_rest_171.json (Sotkanet layout, absValue kept)" 10 10 "46,171,2019,7.4,48189" \
	"Sotkanet JSON, 10 cells (line N below is cell N - 1), layout Sotkanet" "$d/sotkanet_rest_171.json"
printf 'code,name\n46,Helsinki\n' >"$T/ids171.csv"
expect "sotkanet_rest_171.json with --region-map" 10 10 "Helsinki,171,2019,7.4,48189" "layout Sotkanet" \
	--region-map "$T/ids171.csv" "$d/sotkanet_rest_171.json"
# the real /regions records as --sotkanet-meta: the ids by their names (46 Helsinki)
mkdir "$T/meta" && cp "$d/sotkanet_regions.json" "$T/meta/regions.json"
expect "sotkanet_rest_171.json with --sotkanet-meta (the real regions.json)" 10 10 "Helsinki,171,2019,7.4,48189" \
	"layout Sotkanet" --sotkanet-meta "$T/meta" "$d/sotkanet_rest_171.json"
echo "1..$n"
