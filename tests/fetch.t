#!/bin/sh
# tests/fetch.t - ind-fetch against a local HTTP server (tests/fake-http.c on 127.0.0.1, an ephemeral
# port) serving the recorded answers of tests/fetch/: the stream is what ind-load makes of the same
# files; the cache and --offline; a 429 then 200 (Retry-After), a 503 to the last retry, a timeout,
# a truncated body, a 404, an answer over --max-size; a PxWeb query split into requests whose
# joined answers equal the unsplit one, with a missing JSON-stat cell; bad selections.
set -u
. "$(dirname "$0")/lib.sh"
fake=${IND_TESTBIN:-$top/build}/tests/fake-http
fetch="${IND_VALGRIND:-} $bin/ind-fetch"
load=$bin/ind-load
d=$top/tests/fetch
if [ ! -x "$fake" ]; then
	echo "1..0 # SKIP no $fake (make check builds it)"
	exit 0
fi
cp "$d"/*.json "$T/"
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT INT TERM
# serve ROUTE-LINE...: (re)start the server with these routes; sets url
serve() {
	stop
	printf '%s\n' "$@" >"$T/routes"
	rm -f "$T/port"
	: >"$T/log"
	"$fake" "$T/routes" "$T/port" "$T/log" 2>"$T/server-err" &
	pid=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	url=http://127.0.0.1:$(cat "$T/port")
}
# answer NAME STATUS [HEADER]... < BODY: an answer file for the server
answer() {
	name=$1 status=$2
	shift 2
	{
		echo "HTTP/1.1 $status"
		for h in "$@"; do echo "$h"; done
		echo
		cat
	} >"$T/$name"
}
requests() { wc -l <"$T/log" | tr -d ' '; }
now_ms() { date +%s%N | cut -c1-13; }

answer ok-683 "200 OK" "Content-Type: application/json;charset=utf-8" <"$d/sotkanet-683.json"
answer ok-3118 "200 OK" "Content-Type: application/json" <"$d/sotkanet-3118.json"
answer busy "429 Too Many Requests" "Retry-After: 1" </dev/null
answer down "503 Service Unavailable" </dev/null
answer gone "404 Not Found" </dev/null
printf '[{"indicator": 683, "region": 658, "year": 2015, "gender": "total", "value": 11.2' |
	answer short "200 OK" "Content-Length: 4000"
q683='/rest/1.1/json?indicator=683&years=2015&years=2016&genders=total'
q3118='/rest/1.1/json?indicator=3118&years=2015&years=2016&genders=total'
C=$T/cache
sot() { $fetch sotkanet --base-url "$url/rest/1.1/json" --cache "$C" --years 2015..2016 "$@"; }

# --- Sotkanet: two indicators, one request each, the stream as ind-load makes it of the answers
serve "GET $q683 - ok-683" "GET $q3118 - ok-3118"
sot --indicator 683,3118 >"$T/out" 2>"$T/err"
check "sotkanet: exit 0" $?
{ "$load" "$d/sotkanet-683.json" "$d/sotkanet-3118.json" 2>/dev/null; } >"$T/want"
check "sotkanet: the stream is ind-load's of the same answers" $(cmp -s "$T/want" "$T/out"; echo $?)
check "sotkanet: 9 records, absolute values kept" \
	$([ "$(wc -l <"$T/out")" -eq 10 ] && grep -qx '974,683,2016,11.9,17028' "$T/out"; echo $?)
check "sotkanet: one GET per indicator, the years and gender in the query" \
	$([ "$(requests)" -eq 2 ] && grep -qxF "GET $q683 ua=ind-fetch/0.1.0" "$T/log" &&
	  grep -qxF "GET $q3118 ua=ind-fetch/0.1.0" "$T/log"; echo $?)
check "sotkanet: says what it fetched" $(grep -q '2 answers (2 sent, 0 from the cache), 9 records written, 0 rejected' "$T/err"; echo $?)
check "cache: the raw answers are kept as they came" \
	$([ "$(ls "$C" | wc -l)" -eq 2 ] && for f in "$C"/*; do cmp -s "$f" "$d/sotkanet-683.json" && echo 683; cmp -s "$f" "$d/sotkanet-3118.json" && echo 3118; done | sort | tr '\n' ' ' | grep -qx '3118 683 '; echo $?)
check "cache: no temporary file left" $(! ls -a "$C" | grep -q tmp; echo $?)
sot --indicator 683 --regions 974,968 >"$T/out2" 2>"$T/err"
check "sotkanet --regions: only those ids" \
	$([ "$(wc -l <"$T/out2")" -eq 5 ] && ! grep -q '^658,' "$T/out2"; echo $?)
check "cache: the same query is the same entry" $([ "$(ls "$C" | wc -l)" -eq 2 ]; echo $?)
stop
# --- --offline: from the cache, no request; a miss names the URL
: >"$T/log"
sot --indicator 683,3118 --offline >"$T/out" 2>"$T/err"
check "--offline hit: exit 0, the same stream, nothing sent" \
	$([ $? -eq 0 ] && cmp -s "$T/want" "$T/out" && [ "$(requests)" -eq 0 ] &&
	  grep -q '(0 sent, 2 from the cache)' "$T/err"; echo $?)
sot --indicator 683 --years 2017 --offline >"$T/out" 2>"$T/err"
check "--offline miss: exit 1, the URL and the cache named, no stream" \
	$([ $? -eq 1 ] && [ ! -s "$T/out" ] &&
	  grep -q "^ind-fetch: $url/rest/1.1/json?indicator=683&years=2015&years=2016&years=2017&genders=total: not in the cache ($C/.*) and --offline given\$" "$T/err"; echo $?)
# --- --sotkanet-meta: ids by their names; --regions by id and by category; a title two regions share
m=$d/meta
sot --indicator 683,3118 --offline --sotkanet-meta "$m" >"$T/out" 2>"$T/err"
check "--sotkanet-meta: regions and indicators by their names" \
	$([ $? -eq 0 ] && grep -qx 'Pohjois-Savo,"Diabeteslääkkeiden erityiskorvaukseen oikeutetut 40-74-vuotiaat, %",2016,11.9,17028' "$T/out" &&
	  [ "$(wc -l <"$T/out")" -eq 10 ]; echo $?)
check "--sotkanet-meta: a title two regions share is told apart by the category" \
	$(grep -q '^Lappi (hyvinvointialue),' "$T/out" && ! grep -q '^Lappi,' "$T/out"; echo $?)
sot --indicator 683 --offline --sotkanet-meta "$m" --regions hva >"$T/out" 2>"$T/err"
check "--regions hva: the wellbeing counties only" \
	$([ $? -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 5 ] && ! grep -q '^Koko maa,' "$T/out"; echo $?)
sot --indicator 683 --offline --sotkanet-meta "$m" --regions 658,maakunta >"$T/out" 2>"$T/err"
check "--regions 658,maakunta: an id (by its name) and a category with no rows" \
	$([ $? -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 3 ] && grep -q '^Koko maa,' "$T/out"; echo $?)
sot --indicator 683 --offline --sotkanet-meta "$m" --regions seutukunta >/dev/null 2>"$T/err"
check "--regions: a category regions.json does not have is an error" \
	$([ $? -eq 1 ] && grep -qF "$m/regions.json: no region of category 'seutukunta'" "$T/err"; echo $?)
sot --indicator 683 --offline --regions kunta >/dev/null 2>"$T/err"
check "--regions kunta without --sotkanet-meta: a usage error" $([ $? -eq 2 ] && grep -q 'needs --sotkanet-meta' "$T/err"; echo $?)
mkdir "$T/badmeta" && printf '[{"id": 1, "title": {"fi": "A"}}, {"id": 1, "title": {"fi": "B"}}]' >"$T/badmeta/regions.json"
sot --indicator 683 --offline --sotkanet-meta "$T/badmeta" >/dev/null 2>"$T/err"
check "--sotkanet-meta: an id twice is an error naming the file and record" \
	$([ $? -eq 1 ] && grep -qF "$T/badmeta/regions.json: record 2: region id 1 twice" "$T/err"; echo $?)
"$load" --sotkanet-meta "$m" "$d/sotkanet-683.json" >"$T/out" 2>"$T/err"
check "ind-load --sotkanet-meta: the same names" $([ $? -eq 0 ] && grep -q '^Lappi (hyvinvointialue),"Diabetes' "$T/out"; echo $?)

# --- 429 then 200: Retry-After honoured
serve "GET $q683 - busy ok-683"
t0=$(now_ms)
sot --indicator 683 --retry-delay 0 >"$T/out" 2>"$T/err"
rc=$?
t1=$(now_ms)
check "429 then 200: exit 0 after two requests" $([ $rc -eq 0 ] && [ "$(requests)" -eq 2 ]; echo $?)
check "429 then 200: the retry is said, and waited for Retry-After (1 s)" \
	$(grep -q "$q683: HTTP 429; trying again in 1 s" "$T/err" && [ $((t1 - t0)) -ge 1000 ]; echo $?)
check "429 then 200: the stream is complete" $([ "$(wc -l <"$T/out")" -eq 7 ]; echo $?)

# --- 503 to the last retry: the URL and the status; the cached answer and the output file kept
cp "$T/want" "$T/kept.csv"
before=$(ls "$C" | wc -l)
serve "GET $q683 - down"
sot --indicator 683 --retries 2 --retry-delay 0.01 -o "$T/kept.csv" >/dev/null 2>"$T/err"
check "503: exit 1 after 3 attempts" $([ $? -eq 1 ] && [ "$(requests)" -eq 3 ]; echo $?)
check "503: 'ind-fetch: URL: HTTP 503 after 3 attempts'" \
	$(grep -qxF "ind-fetch: $url$q683: HTTP 503 after 3 attempts" "$T/err"; echo $?)
check "503: the output file and the cache are as they were" \
	$(cmp -s "$T/want" "$T/kept.csv" && [ "$(ls "$C" | wc -l)" -eq "$before" ]; echo $?)

# --- 404: not retried
serve "GET $q683 - gone"
sot --indicator 683 --retry-delay 0 >/dev/null 2>"$T/err"
check "404: exit 1 at once, 'HTTP 404'" \
	$([ $? -eq 1 ] && [ "$(requests)" -eq 1 ] && grep -qxF "ind-fetch: $url$q683: HTTP 404" "$T/err"; echo $?)

# --- a timeout
serve "GET $q683 - sleep:20"
t0=$(now_ms)
sot --indicator 683 --timeout 0.5 --retries 1 --retry-delay 0 >"$T/out" 2>"$T/err"
rc=$?
t1=$(now_ms)
check "timeout: exit 1 after 2 attempts, said with the URL" \
	$([ $rc -eq 1 ] && [ "$(requests)" -eq 2 ] && grep -q "^ind-fetch: $url$q683: .*[Tt]imed out.* after 2 attempts" "$T/err"; echo $?)
check "timeout: gives up in time, no stream" $([ $((t1 - t0)) -lt 10000 ] && [ ! -s "$T/out" ]; echo $?)

# --- a truncated body (Content-Length longer than what came): an error, never a short table
rm -rf "$C"
serve "GET $q683 - short"
sot --indicator 683 --retries 1 --retry-delay 0 >"$T/out" 2>"$T/err"
check "truncated body: exit 1, no stream" $([ $? -eq 1 ] && [ ! -s "$T/out" ] && [ "$(requests)" -eq 2 ]; echo $?)
check "truncated body: said with the URL" $(grep -q "^ind-fetch: $url$q683: .*after 2 attempts" "$T/err"; echo $?)
check "truncated body: nothing cached" $(sot --indicator 683 --offline >/dev/null 2>&1; [ $? -eq 1 ]; echo $?)

# --- an answer over --max-size
serve "GET $q683 - ok-683"
sot --indicator 683 --max-size 100 >"$T/out" 2>"$T/err"
check "--max-size: exit 1, 'larger than 100 bytes'" \
	$([ $? -eq 1 ] && grep -qF "$q683: the answer is larger than 100 bytes (--max-size)" "$T/err"; echo $?)

# --- PxWeb: metadata first, then one POST; the values in the table's order whatever the order given
tbl=/PxWeb/api/v1/fi/StatFin/testi/statfin_testi_pxt_001.px
answer meta "200 OK" "Content-Type: application/json; charset=utf-8" <"$d/pxweb-meta.json"
for k in all part1 part2 part3; do answer "ans-$k" "200 OK" "Content-Type: application/json" <"$d/pxweb-$k.json"; done
serve "GET $tbl - meta" "POST $tbl query-all.json ans-all" "POST $tbl query-part1.json ans-part1" \
	"POST $tbl query-part2.json ans-part2" "POST $tbl query-part3.json ans-part3"
px() { $fetch pxweb "$url$tbl" --cache "$C" --select 'Alue=KU091,SSS,KU049' --select 'Vuosi=*' --select Tiedot=vaesto "$@"; }
t0=$(now_ms)
px >"$T/whole" 2>"$T/err"
rc=$?
t1=$(now_ms)
check "pxweb: exit 0, one GET and one POST" $([ $rc -eq 0 ] && [ "$(requests)" -eq 2 ] && head -1 "$T/log" | grep -q "^GET $tbl "; echo $?)
check "pxweb: the two requests 1 s apart by default (Statistics Finland's limit)" $([ $((t1 - t0)) -ge 1000 ]; echo $?)
"$load" "$d/pxweb-all.json" >"$T/want" 2>/dev/null
check "pxweb: the stream is ind-load's of the answer" $(cmp -s "$T/want" "$T/whole"; echo $?)
check "pxweb: a missing JSON-stat cell (status '..') is a missing value, said so" \
	$(grep -qx 'Espoo,Väestö 31.12.,2021,' "$T/whole" && grep -q "missing values: 1 '..'" "$T/err"; echo $?)
: >"$T/log"
px --max-cells 4 --interval 0 >"$T/split" 2>"$T/err"
check "pxweb split: 12 cells over --max-cells 4 are three POSTs after the GET" \
	$([ $? -eq 0 ] && [ "$(requests)" -eq 4 ] && [ "$(grep -c "^POST $tbl " "$T/log")" -eq 3 ] &&
	  grep -q "12 cells: 3 requests of at most 4 cells" "$T/err"; echo $?)
check "pxweb split: the joined answers are the unsplit answer" $(cmp -s "$T/whole" "$T/split"; echo $?)
px --max-cells 4 --offline >"$T/split2" 2>"$T/err"
check "pxweb split --offline: the same from the cache" $([ $? -eq 0 ] && cmp -s "$T/whole" "$T/split2"; echo $?)
: >"$T/log"
px --max-cells 3 --interval 0 >/dev/null 2>"$T/err"
check "pxweb split in runs of another variable: asks for what no route has, and fails with its status" \
	$([ $? -eq 1 ] && [ "$(grep -c "^POST $tbl " "$T/log")" -eq 1 ] && grep -q "$tbl: HTTP 404" "$T/err" &&
	  grep -q '"Vuosi","selection":{"filter":"item","values":\["2020","2021","2022"\]}' "$T/log"; echo $?)
$fetch pxweb "$url$tbl" --cache "$C" --select 'Alue=SSS' --select 'Vuosi=*' >/dev/null 2>"$T/err"
check "pxweb: a variable that cannot be left out is named" \
	$([ $? -eq 1 ] && grep -qF "$tbl: variable 'Tiedot' cannot be left out: select its values (--select 'Tiedot=*')" "$T/err"; echo $?)
$fetch pxweb "$url$tbl" --cache "$C" --select 'Alue=SSS,KU999' --select 'Vuosi=*' --select Tiedot=vaesto >/dev/null 2>"$T/err"
check "pxweb: a value not in the table is named" $([ $? -eq 1 ] && grep -qF "variable 'Alue' has no value 'KU999'" "$T/err"; echo $?)
$fetch pxweb "$url$tbl" --cache "$C" --select 'Kunta=*' >/dev/null 2>"$T/err"
check "pxweb: a variable not in the table is named, with those it has" \
	$([ $? -eq 1 ] && grep -qF "the table has no variable 'Kunta' (it has Alue, Vuosi, Tiedot)" "$T/err"; echo $?)
# a table of 10 001 values asked for one cell at a time: refused before anything is asked
awk 'BEGIN { printf "HTTP/1.1 200 OK\n\n{\"title\":\"big\",\"variables\":[{\"code\":\"X\",\"text\":\"X\",\"values\":["
	for (i = 0; i < 10001; i++) printf "%s\"v%d\"", i ? "," : "", i
	print "]}]}" }' >"$T/bigmeta"
serve "GET /big.px - bigmeta"
$fetch pxweb "$url/big.px" --cache "$C" --select 'X=*' --max-cells 1 >/dev/null 2>"$T/err"
check "pxweb: a split into more than 10000 requests is refused, nothing but the metadata asked" \
	$([ $? -eq 1 ] && [ "$(requests)" -eq 1 ] &&
	  grep -qF "big.px: the query of 10001 cells needs 10001 requests of at most 1 cells (more than 10000)" "$T/err"; echo $?)
stop

# --- usage
for args in "" "nosuch" "sotkanet --years 2015" "sotkanet --indicator 683" "sotkanet --indicator 68x --years 2015" \
	"sotkanet --indicator 683 --years 2016..2015" "pxweb" "pxweb ftp://x/y --select A=*" "pxweb http://x/y" \
	"sotkanet --indicator 683 --years 2015 --timeout 0"; do
	# shellcheck disable=SC2086
	$fetch $args >/dev/null 2>"$T/err"
	rc=$?
	check "usage error: 'ind-fetch $args': exit 2 ($rc)" $([ $rc -eq 2 ] && grep -q "Try 'ind-fetch --help'" "$T/err"; echo $?)
done
done_testing
