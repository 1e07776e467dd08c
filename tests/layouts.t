#!/bin/sh
# tests/layouts.t - every layout of the sample data gives the same canonical rows,
# both parse paths give the same bytes, and -o is atomic.
set -u
. "$(dirname "$0")/lib.sh"

load="${IND_VALGRIND:-} $bin/ind-load"
four() { cut -d, -f1-4 | sort; }

$load "$s/indicators.csv" 2>/dev/null | four >"$T/long"
check "long CSV loads (2880 rows + header)" $([ "$(wc -l <"$T/long")" -eq 2881 ]; echo $?)
$load "$s/indicators_pxweb.csv" 2>/dev/null | four >"$T/pxweb"
cmp -s "$T/long" "$T/pxweb"; check "PxWeb export (Latin-1, ';', decimal comma, title, '..') = long CSV" $?
$load "$s/indicators.csv.gz" 2>/dev/null | four >"$T/gz"
cmp -s "$T/long" "$T/gz"; check "gzip long CSV = long CSV" $?
$load <"$s/indicators_pxweb.csv" 2>/dev/null | four >"$T/stdin"
cmp -s "$T/long" "$T/stdin"; check "PxWeb export on stdin = long CSV" $?
$load --region-map "$s/sotkanet_regions.csv" --indicator-map "$s/sotkanet_indicators.csv" \
	"$s/sotkanet_annual.csv" 2>/dev/null | four >"$T/sotkanet"
$load "$s/indicators_annual.csv" 2>/dev/null | four >"$T/annual"
cmp -s "$T/annual" "$T/sotkanet"; check "Sotkanet REST export with id maps = annual long CSV" $?

# the fast splitter and libcsv give the same bytes on every layout
for f in indicators.csv indicators_pxweb.csv sotkanet_annual.csv; do
	$load "$s/$f" >"$T/fast" 2>"$T/fast.err"
	$load --always-libcsv "$s/$f" >"$T/slow" 2>"$T/slow.err"
	cmp -s "$T/fast" "$T/slow" && cmp -s "$T/fast.err" "$T/slow.err"
	check "$f: same output through libcsv only" $?
done
# mixed quoting in one file: quoted and plain lines, quoted newlines, decimal comma
printf 'alue;aika;indikaattori;arvo\n"Lappi";2021;"t3";"1,5"\nLappi;2022;t3;2,5\n"Etelä-\nSavo";2021;t3;"3"\n' >"$T/mixed"
$load "$T/mixed" >"$T/fast" 2>/dev/null
$load --always-libcsv "$T/mixed" >"$T/slow" 2>/dev/null
cmp -s "$T/fast" "$T/slow"; check "mixed quoting: same output through libcsv only" $?

# any number of threads and any block size give the same bytes, messages and rejects
printf 'alue;aika;indikaattori;arvo\n' >"$T/blocks"
i=0
while [ $i -lt 300 ]; do
	printf '"Etelä-\nSavo %d";2021;t3;"%d,5"\nLappi;2021-%02d;t3;%d\nLappi;2021-13;t3;1\n' $i $i $((i % 12 + 1)) $i
	i=$((i + 1))
done >>"$T/blocks"
$load --threads 1 --rejects "$T/r1" --reject-log "$T/l1" "$T/blocks" >"$T/o1" 2>"$T/e1"
for args in "--threads 2 --block-size 64" "--threads 3 --block-size 1000" "--threads 2 --block-size 7"; do
	$load $args --rejects "$T/r2" --reject-log "$T/l2" "$T/blocks" >"$T/o2" 2>"$T/e2"
	cmp -s "$T/o1" "$T/o2" && cmp -s "$T/e1" "$T/e2" && cmp -s "$T/r1" "$T/r2" && cmp -s "$T/l1" "$T/l2"
	check "$args: same output, messages and rejects as one thread (quoted line breaks across blocks)" $?
done
check "rejects carry their physical line numbers (5, ..., 1201)" \
	$([ "$(grep -c ',period: month out of range 1-12$' "$T/l1")" -eq 300 ] && grep -q ',5,period' "$T/l1" &&
	  grep -q ',1201,period' "$T/l1"; echo $?)
check "the rejects file is the header and the rejected lines, loadable again" \
	$([ "$(head -1 "$T/r1")" = "alue;aika;indikaattori;arvo" ] && [ "$(grep -c '^Lappi;2021-13;t3;1$' "$T/r1")" -eq 300 ] &&
	  [ "$(wc -l <"$T/r1")" -eq 301 ]; echo $?)
$load --threads 1 "$s/indicators_pxweb.csv" >"$T/o1" 2>"$T/e1"
$load --threads 2 --block-size 100 "$s/indicators_pxweb.csv" >"$T/o2" 2>"$T/e2"
cmp -s "$T/o1" "$T/o2" && cmp -s "$T/e1" "$T/e2"; check "PxWeb sample: same output in 100-byte blocks on 2 threads" $?
# footnote lines are settled the same whatever the blocks: a note in the middle is a reject,
# the notes after the last row (one field, or anything after an empty line) are footnotes
{
	printf 'alue;aika;indikaattori;arvo\n'
	i=0
	while [ $i -lt 40 ]; do
		printf 'Lappi;2021-%02d;t3;%d\n' $((i % 12 + 1)) $i
		[ $((i % 9)) -eq 4 ] && printf '"L\303\244hde: kesken"\n\nLappi;x\n'
		i=$((i + 1))
	done
	printf 'Lappi;2022;t3\n"L\303\244hde: THL"\n\n\n\nHuom; luvut ovat ennakollisia\n;;;\n"Tiedot: 2023"\n'
} >"$T/notes"
$load --threads 1 --verbose --rejects "$T/r1" "$T/notes" >"$T/o1" 2>"$T/e1"
check "footnotes: 4 after the last row, the rest rejected" \
	$(grep -q ': 4 footnote lines skipped$' "$T/e1" && [ "$(wc -l <"$T/r1")" -eq 10 ]; echo $?)
for args in "--threads 2 --block-size 1" "--threads 3 --block-size 7" "--threads 2 --block-size 40" "--threads 1 --block-size 3"; do
	$load $args --verbose --rejects "$T/r2" "$T/notes" >"$T/o2" 2>"$T/e2"
	cmp -s "$T/o1" "$T/o2" && cmp -s "$T/e1" "$T/e2" && cmp -s "$T/r1" "$T/r2"
	check "footnotes, $args: same output, messages and rejects as one block" $?
done
$load --threads 2 --block-size 50 --no-header -r 1 -i 2 -p 3 -v 4 "$s/indicators.csv" >"$T/o2" 2>/dev/null
$load --threads 1 --no-header -r 1 -i 2 -p 3 -v 4 "$s/indicators.csv" >"$T/o1" 2>/dev/null
cmp -s "$T/o1" "$T/o2"; check "--no-header: the first row is kept with threads" $?

# -o replaces the file only when the run succeeds
echo old >"$T/out.csv"
printf 'alue;aika;indikaattori;arvo\nLappi;2021;t3;x\n' | $load --strict -o "$T/out.csv" 2>/dev/null
rc=$?
check "--strict with a reject exits 1" $([ $rc -eq 1 ]; echo $?)
check "--strict failure leaves the old -o file untouched" $([ "$(cat "$T/out.csv")" = old ]; echo $?)
check "no temporary file left behind" $([ "$(ls "$T" | grep -c tmp)" -eq 0 ]; echo $?)
$load -o "$T/out.csv" "$s/indicators.csv" 2>/dev/null
check "-o writes the file on success" $([ "$(wc -l <"$T/out.csv")" -eq 2881 ]; echo $?)
umask 022
$load -o "$T/new.csv" "$s/indicators.csv" 2>/dev/null
check "-o file gets 0644 under umask 022" $([ "$(stat -c %a "$T/new.csv")" = 644 ]; echo $?)

# SIGPIPE: a reader that stops early ends the run without a message
$load "$s/indicators.csv" 2>"$T/err" | head -1 >/dev/null
check "early-closing reader: no error message" $([ ! -s "$T/err" ] || ! grep -q error "$T/err"; echo $?)

# the output opens untouched in a strict RFC 4180 reader (libcsv, strict mode, via ind-load itself)
$load "$T/mixed" 2>/dev/null | $load --strict >/dev/null 2>&1
check "output reads back with --strict" $?
$load "$s/indicators.csv" 2>/dev/null >"$T/once"
$load <"$T/once" 2>/dev/null >"$T/twice"
cmp -s "$T/once" "$T/twice"; check "the canonical stream loads back unchanged" $?
done_testing
