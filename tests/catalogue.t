#!/bin/sh
# tests/catalogue.t - bad input and hostile environments for every tool: a full disk, an output
# directory that cannot be written, a 10 MB field, a truncated .gz, a reader that stops early.
# The golden cases of tests/cli/ cover the rest of the catalogue (tests/CATALOGUE.md lists all).
set -u
. "$(dirname "$0")/lib.sh"

"$bin/ind-load" "$s/indicators.csv" >"$T/canon.csv" 2>/dev/null
"$bin/ind-trend" --summary "$T/canon.csv" >"$T/sum.csv" 2>/dev/null
# a full disk: every tool that writes a stream says so and exits 1
for cmd in "ind-load $s/indicators.csv" "ind-agg -r region -t visit_date -m n=count $s/events.csv.gz" \
	"ind-trend --summary $T/canon.csv" "ind-compare --at 2020-02 --summary $T/canon.csv" "ind-table $T/sum.csv"; do
	set -- $cmd
	tool=$1
	shift
	"$bin/$tool" "$@" -o /dev/full 2>"$T/err" >/dev/null
	rc=$?
	check "$tool on a full disk: exit 1, 'write error' ($rc)" $([ $rc -eq 1 ] && grep -qi 'write error' "$T/err"; echo $?)
	"$bin/$tool" "$@" >/dev/full 2>"$T/err"
	rc=$?
	check "$tool writing stdout to a full disk: exit 1" $([ $rc -eq 1 ] && grep -qi 'write error' "$T/err"; echo $?)
done
# an output that cannot be created (a path under a file): exit 1 with the path
for cmd in "ind-load $s/indicators.csv" "ind-trend $T/canon.csv" "ind-table $T/sum.csv" \
	"ind-compare --at 2020-02 $T/canon.csv" "ind-agg -r region -t visit_date -m n=count $s/events.csv.gz"; do
	set -- $cmd
	tool=$1
	shift
	"$bin/$tool" "$@" -o /dev/null/out.csv 2>"$T/err" >/dev/null
	rc=$?
	check "$tool, output directory not writable: exit 1 naming the path" \
		$([ $rc -eq 1 ] && grep -q '/dev/null/out.csv' "$T/err"; echo $?)
done
"$bin/ind-plot" -o /dev/null/out.png "$T/canon.csv" 2>"$T/err"
check "ind-plot, output directory not writable: exit 1" $([ $? -eq 1 ] && grep -q '/dev/null/out.png' "$T/err"; echo $?)
"$bin/ind-report" --quiet --config "$s/report.conf" -o /dev/null/report 2>"$T/err"
check "ind-report, output directory not writable: exit 1" $([ $? -eq 1 ] && grep -q '/dev/null/report' "$T/err"; echo $?)
# a 10 MB field
{
	printf 'region,indicator,period,value\n"'
	head -c 10485760 /dev/zero | tr '\0' 'x'
	printf '",t3,2021,1\nLappi,t3,2021,2\n'
} >"$T/big.csv"
"$bin/ind-load" "$T/big.csv" >"$T/big.out" 2>"$T/err"
check "a 10 MB field loads (exit 0, 2 rows)" $([ $? -eq 0 ] && [ "$(wc -l <"$T/big.out")" -eq 3 ] &&
	[ "$(head -2 "$T/big.out" | tail -1 | wc -c)" -gt 10485760 ]; echo $?)
# a truncated .gz: the rows before the cut are kept, then exit 1
head -c 9000 "$s/indicators.csv.gz" >"$T/cut.csv.gz"
"$bin/ind-load" "$T/cut.csv.gz" >"$T/cut.out" 2>"$T/err"
rc=$?
check "truncated .gz: exit 1, 'truncated gzip data'" $([ $rc -eq 1 ] && grep -q 'truncated gzip data' "$T/err"; echo $?)
"$bin/ind-agg" -r region -t visit_date -m n=count "$T/cut.csv.gz" >/dev/null 2>"$T/err"
check "ind-agg on a truncated .gz: exit 1" $([ $? -eq 1 ] && grep -q 'gzip' "$T/err"; echo $?)
# a reader that stops early: SIGPIPE ends the tools quietly, as it ends cat
for cmd in "ind-load $s/indicators.csv" "ind-trend $T/canon.csv" "ind-compare --at 2020-02 $T/canon.csv"; do
	set -- $cmd
	tool=$1
	shift
	"$bin/$tool" "$@" 2>"$T/err" | head -1 >/dev/null
	check "$tool | head -1: no error message" $(! grep -qi 'error' "$T/err"; echo $?)
done
# mixed CRLF and LF, a missing final newline, and a BOM, through the pipeline
printf '\357\273\277region,indicator,period,value\r\nA,x,2021,1\nA,x,2022,2\r\nA,x,2023,4' >"$T/mixed.csv"
"$bin/ind-load" "$T/mixed.csv" 2>/dev/null | "$bin/ind-trend" --summary 2>/dev/null | grep -q '^A,x,3,0,2021,2023,1.5,'
check "BOM, CRLF mixed with LF, no final newline: the same as clean input" $?
# a line longer than the record limit: a clear error in time linear in its length, file or pipe
{ printf 'region,indicator,period,value\n'; head -c 3000000 /dev/zero | tr '\0' a; } >"$T/long.csv"
"$bin/ind-load" --max-record 1000000 "$T/long.csv" >/dev/null 2>"$T/err"
check "line over the limit (file): exit 1, 'record longer than'" $([ $? -eq 1 ] && grep -q 'long.csv:2: record longer than' "$T/err"; echo $?)
cat "$T/long.csv" | "$bin/ind-load" --max-record 1000000 >/dev/null 2>"$T/err"
check "line over the limit (pipe): exit 1" $([ $? -eq 1 ] && grep -q '<stdin>:2: record longer than' "$T/err"; echo $?)
# a malformed table for the tools that read one whole (ind-table, ind-plot, the events of ind-report):
# the message and exit 1, and nothing else on stderr (under make check-asan: no leak report)
printf 'region,value\nLappi,1\nKainuu\n' >"$T/ragged.csv"
"$bin/ind-plot" -o "$T/ragged.png" "$T/ragged.csv" 2>"$T/err"
rc=$?
check "ind-plot, ragged row: exit 1, the message alone ($rc)" $([ $rc -eq 1 ] &&
	[ "$(cat "$T/err")" = "ind-plot: $T/ragged.csv:3: row has 1 fields where the header has 2" ]; echo $?)
: >"$T/empty.csv"
"$bin/ind-plot" -o "$T/empty.png" "$T/empty.csv" 2>"$T/err"
rc=$?
check "ind-plot, empty input: exit 1, the message alone ($rc)" $([ $rc -eq 1 ] &&
	[ "$(cat "$T/err")" = "ind-plot: $T/empty.csv: empty input: no header row" ]; echo $?)
mkdir "$T/rep"
sed 's/^events = .*/events = events.csv/; s/^input = .*/input = '"$(printf '%s' "$s" | sed 's/[\/&]/\\&/g')"'\/indicators.csv/' \
	"$s/report.conf" >"$T/rep/report.conf"
printf 'region,indicator,period,label\nLappi,t3_days,2020-02,x\nLappi,t3_days\n' >"$T/rep/events.csv"
"$bin/ind-report" --quiet --config "$T/rep/report.conf" -o "$T/rep/out" 2>"$T/err"
rc=$?
check "ind-report, ragged events file: exit 1, the message alone ($rc)" $([ $rc -eq 1 ] &&
	[ "$(cat "$T/err")" = "ind-report: $T/rep/events.csv:3: expected region,indicator,period[,label]" ]; echo $?)
# -o through a symbolic link to a 0600 file: every tool writes the target, keeps the link and the mode
for cmd in "ind-load $s/indicators.csv" "ind-agg -r region -t visit_date -m n=count $s/events.csv.gz" \
	"ind-trend --summary $T/canon.csv" "ind-compare --at 2020-02 --summary $T/canon.csv" "ind-table $T/sum.csv"; do
	set -- $cmd
	tool=$1
	shift
	rm -f "$T/keep.csv" "$T/keep-link.csv"
	echo old >"$T/keep.csv"
	chmod 600 "$T/keep.csv"
	ln -s keep.csv "$T/keep-link.csv"
	"$bin/$tool" "$@" -o "$T/keep-link.csv" >/dev/null 2>"$T/err"
	check "$tool -o a link to a 0600 file: exit 0, the link kept, its target written and still 0600" \
		$([ $? -eq 0 ] && [ -L "$T/keep-link.csv" ] && [ "$(head -1 "$T/keep.csv")" != old ] &&
		  [ -n "$(find "$T/keep.csv" -perm 600)" ]; echo $?)
done
# a full disk under the rejects file: the message names the file
"$bin/ind-load" --rejects /dev/full "$top/tests/cli/ind-load/bad-rows.in" >/dev/null 2>"$T/err"
check "ind-load --rejects /dev/full: exit 1, '/dev/full: write error'" \
	$([ $? -eq 1 ] && grep -q '^ind-load: /dev/full: write error: No space left on device$' "$T/err"; echo $?)
# ---- ind-agg: partial files are untrusted input; waits of any length; rows checked before --where
# a bad partial row: exit 1, "ind-agg: FILE:LINE: what is wrong", and the file counts in nothing
decl='region,period,measure,spec,n,hits,sum,hist
,,n,count,0,0,0,
,,w,"wait:a,b",0,0,0,
,,s,sum:x,0,0,0,
,,d,share:c=v,0,0,0,'
while IFS='|' read -r row want; do
	printf '%s\nB,2021-01,n,count,1,0,0,\n%s\n' "$decl" "$row" >"$T/bad.part"
	"$bin/ind-agg" --merge "$T/bad.part" >"$T/out" 2>"$T/err"
	rc=$?
	check "partial row '$row': exit 1, '$want'" $([ $rc -eq 1 ] && [ "$(head -1 "$T/err")" = "ind-agg: $T/bad.part:7: $want" ] &&
		[ "$(cat "$T/out")" = region,indicator,period,value,numerator,denominator ]; echo $?)
done <<'ROWS'
A,2021-01,w,"wait:a,b",1,0,0,2305843009225000000:1|hist: day '2305843009225000000' is not a whole number from 0 to 3652424
A,2021-01,w,"wait:a,b",1,0,0,2305843009213694952:1|hist: day '2305843009213694952' is not a whole number from 0 to 3652424
A,2021-01,w,"wait:a,b",1,0,3652425,3652425:1|hist: day '3652425' is not a whole number from 0 to 3652424
A,2021-01,w,"wait:a,b",1,0,5,-5:1|hist: day '-5' is not a whole number from 0 to 3652424
A,2021-01,w,"wait:a,b",1,0,5,5:9007199254740993|hist: rows '9007199254740993' of day 5 are not a whole number from 1 to 9007199254740992
A,2021-01,w,"wait:a,b",1,0,5,5:0|hist: rows '0' of day 5 are not a whole number from 1 to 9007199254740992
A,2021-01,w,"wait:a,b",2,0,10,5:1;5:1|hist: day 5 after day 5 (days must increase)
A,2021-01,w,"wait:a,b",2,0,10,6:1;4:1|hist: day 4 after day 6 (days must increase)
A,2021-01,w,"wait:a,b",1,0,5,5:1;|hist ends with ';'
A,2021-01,w,"wait:a,b",1,0,5,5|hist: '5' is not day:rows
A,2021-01,w,"wait:a,b",9007199254740992,0,0,0:9007199254740992;1:1|hist: more than 9007199254740992 rows
A,2021-01,w,"wait:a,b",2,0,5,5:1|n is 2 but the rows of hist add up to 1
A,2021-01,w,"wait:a,b",1,0,6,5:1|sum is 6 but the days of hist add up to 5
A,2021-01,w,"wait:a,b",1,1,5,5:1|hits 1 for a wait measure (must be 0)
A,2021-01,n,count,-1,0,0,|n '-1' is not a whole number from 0 to 9007199254740992
A,2021-01,n,count,99999999999999999999,0,0,|n '99999999999999999999' is not a whole number from 0 to 9007199254740992
A,2021-01,n,count,12abc,0,0,|n '12abc' is not a whole number from 0 to 9007199254740992
A,2021-01,n,count,1,x,0,|hits 'x' is not a whole number from 0 to 9007199254740992
A,2021-01,n,count,1,0,0,5:1|hist for a count measure (must be empty)
A,2021-01,n,count,1,0,1,|sum '1' for a count measure (must be 0)
A,2021-01,d,share:c=v,1,2,0,|hits 2 is more than n 1
A,2021-01,s,sum:x,1,0,1e5,|sum '1e5' is not a decimal number (at most 27 digits and 9 decimals)
A,2021-01,s,sum:x,1,0,1.1234567891,|sum '1.1234567891' is not a decimal number (at most 27 digits and 9 decimals)
A,2021-01,s,sum:x,1,0,9999999999999999999999999999,|sum '9999999999999999999999999999' is not a decimal number (at most 27 digits and 9 decimals)
,2021-01,n,count,1,0,0,|empty region
A,2021-13,n,count,1,0,0,|period '2021-13': month out of range 1-12
A,2021-01,zz,count,1,0,0,|measure 'zz' is not declared
A,2021-01,n,share:c=v,1,0,0,|measure n: spec 'share:c=v' is not the declared 'count'
A,2021-01,n,count,1,0,0|row has 7 fields where a partial file has 8
,,late,count,0,0,0,|a measure declared after the groups
B,2021-01,n,count,9007199254740992,0,0,|more than 9007199254740992 rows in this group
ROWS
printf 'region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\n,,n,count,0,0,0,\n' >"$T/bad.part"
"$bin/ind-agg" --merge "$T/bad.part" >/dev/null 2>"$T/err"
check "partial file declaring a measure twice: exit 1" $([ $? -eq 1 ] && grep -qx "ind-agg: $T/bad.part:3: measure 'n' declared twice" "$T/err"; echo $?)
: >"$T/empty.part"
"$bin/ind-agg" --merge "$T/empty.part" >/dev/null 2>"$T/err"
check "an empty partial file: exit 1" $([ $? -eq 1 ] && grep -qx "ind-agg: $T/empty.part: empty file: not a partial aggregate file" "$T/err"; echo $?)
# sums of 1e27 add up past the fixed-point range within a file and across files
awk -v d="$decl" 'BEGIN { print d; for (i = 0; i < 200; i++) print "A,2021-01,s,sum:x,1,0,999999999999999999999999999," }' >"$T/sums.part"
"$bin/ind-agg" --merge "$T/sums.part" >/dev/null 2>"$T/err"
check "partial sums past the range in one file: exit 1 at the row" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/sums.part:176: the sum of this group is out of range" "$T/err"; echo $?)
awk -v d="$decl" 'BEGIN { print d; for (i = 0; i < 100; i++) print "A,2021-01,s,sum:x,1,0,999999999999999999999999999," }' >"$T/sums.part"
{ cat "$T/sums.part"; echo "B,2021-01,n,count,1,0,0,"; } >"$T/sums2.part"
"$bin/ind-agg" --merge "$T/sums.part" "$T/sums2.part" >/dev/null 2>"$T/err"
check "partial sums past the range across files: exit 1 naming the second" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/sums2.part: A 2021-01: s: the sum is out of range" "$T/err"; echo $?)
# the same partial file twice (even one without shard rows) would count twice: refused
"$bin/ind-agg" --merge "$T/sums.part" "$T/sums.part" >/dev/null 2>"$T/err"
check "the same partial file twice: exit 1, naming both" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/sums.part: the same content as $T/sums.part: merged twice, it would count twice" "$T/err"; echo $?)
# a bad file among good ones counts in nothing: the output is that of the good ones
printf '%s\nA,2021-01,n,count,2,0,0,\n' "$decl" >"$T/good.part"
printf '%s\nC,2021-01,n,count,1,0,0,\nA,2021-01,n,count,9007199254740991,0,0,\n' "$decl" >"$T/over.part"
"$bin/ind-agg" --merge "$T/good.part" >"$T/want" 2>/dev/null
"$bin/ind-agg" --merge "$T/good.part" "$T/over.part" >"$T/out" 2>"$T/err"
check "counts past 2^53 across files: exit 1, the bad file counts in nothing" $([ $? -eq 1 ] && cmp -s "$T/want" "$T/out" &&
	grep -qx "ind-agg: $T/over.part: A 2021-01: n: more than 9007199254740992 rows together" "$T/err"; echo $?)
printf 'region,period,measure,spec,n,hits,sum,hist\n,,m,count,0,0,0,\n' >"$T/other.part"
"$bin/ind-agg" --merge "$T/good.part" "$T/other.part" >/dev/null 2>"$T/err"
check "a partial file with other measures: exit 1" $([ $? -eq 1 ] && grep -q "$T/other.part:2: 1 measures where the first partial file has 4" "$T/err"; echo $?)

# waits of centuries (1900-01-01 to 9999-12-31), one region a row: memory does not grow with the length of the waits
awk 'BEGIN { print "region,contact,visit"; for (i = 0; i < 200; i++) print "R" i ",1900-01-01,9999-12-31" }' >"$T/centuries.csv"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$T/kib" "$bin/ind-agg" -r region -t visit -m w=wait:contact,visit "$T/centuries.csv" >"$T/out" 2>"$T/err"
	rc=$?
	check "200 waits of 8100 years (a 5 KB file): exit 0 in $(tail -1 "$T/kib") KiB (< 100 MiB)" \
		$([ $rc -eq 0 ] && [ "$(tail -1 "$T/kib")" -lt 102400 ] && [ "$(grep -c ',w_median,9999-12,2958463,,$' "$T/out")" -eq 200 ]; echo $?)
else
	skip "200 waits of 8100 years in bounded memory" "no /usr/bin/time (apt-get install time)"
fi
# shards with waits from a day to millennia merge into exactly one run, whatever the blocks
awk 'BEGIN { srand(11); print "region,contact,visit"
	for (i = 0; i < 3000; i++) {
		m = 2 + int(rand() * 11); d = 1 + int(rand() * 28); r = rand()
		if (r < 0.6) c = sprintf("2021-01-%02d", 1 + int(rand() * 28))
		else if (r < 0.9) c = sprintf("%04d-%02d-%02d", 2015 + int(rand() * 6), 1 + int(rand() * 12), 1 + int(rand() * 28))
		else c = sprintf("%04d-%02d-%02d", int(rand() * 2000), 1 + int(rand() * 12), 1 + int(rand() * 28))
		printf "R%d,%s,2021-%02d-%02d\n", int(rand() * 3), c, m, d } }' >"$T/waits.csv"
wopts="-r region -t visit -m w=wait:contact,visit -m n=count --within 7,1023,1024,100000"
"$bin/ind-agg" $wopts "$T/waits.csv" >"$T/one" 2>/dev/null
head -1 "$T/waits.csv" >"$T/wh"
tail -n +2 "$T/waits.csv" >"$T/wbody"
split -n l/3 "$T/wbody" "$T/wshard."
for f in "$T"/wshard.??; do cat "$T/wh" "$f" >"$f.csv"; "$bin/ind-agg" --partial $wopts -o "$f.part" "$f.csv" 2>/dev/null; done
"$bin/ind-agg" --merge --within 7,1023,1024,100000 "$T"/wshard.*.part >"$T/merged" 2>/dev/null
"$bin/ind-agg" --threads 3 --block-size 2048 $wopts "$T/waits.csv" >"$T/blocks" 2>/dev/null
check "waits of a day to millennia: 3 partial files merged = blocks of 2 KiB = one run ($(grep -c _median "$T/one") groups)" \
	$([ -s "$T/one" ] && cmp -s "$T/one" "$T/merged" && cmp -s "$T/one" "$T/blocks"; echo $?)
"$bin/ind-agg" --partial $wopts "$T/waits.csv" >"$T/one.part" 2>/dev/null
"$bin/ind-agg" --merge --within 7,1023,1024,100000 "$T/one.part" >"$T/back" 2>/dev/null
check "a partial file of long waits merges into the same indicators" $([ -s "$T/back" ] && cmp -s "$T/one" "$T/back"; echo $?)
# running out of memory is "out of memory" and exit 1 with no output, never empty columns
if grep -qa __asan_init "$bin/ind-agg"; then
	skip "out of memory under ulimit -v" "AddressSanitizer needs the address space"
else
	awk 'BEGIN { print "region,contact,visit"; for (i = 0; i < 200000; i++) print "R" i ",2021-01-01,2021-07-20" }' >"$T/groups.csv"
	(ulimit -v 100000 && exec "$bin/ind-agg" -r region -t visit -m w=wait:contact,visit "$T/groups.csv") >"$T/out" 2>"$T/err"
	rc=$?
	check "out of memory (200000 groups in 100 MB): exit 1, 'out of memory', nothing written" \
		$([ $rc -eq 1 ] && grep -q 'out of memory' "$T/err" && [ ! -s "$T/out" ]; echo $?)
fi
# rows are checked before --where: a ragged row is a reject, not a row left out
printf 'region,contact,visit,urgency\nA,2021-01-01,2021-01-02,urgent\nA,2021-01-01,urgent\nA,2021-01-01,2021-01-02,urgent,x\nA,2021-01-01,2021-01-02,non-urgent\n' >"$T/where.csv"
"$bin/ind-agg" -r region -t visit --where urgency=non-urgent -m n=count "$T/where.csv" >/dev/null 2>"$T/err"
check "--where: ragged rows rejected, the valid row left out" \
	$([ $? -eq 0 ] && grep -qx 'ind-agg: 1 rows left out by --where' "$T/err" && grep -qx 'ind-agg: 4 rows read, 1 groups, 2 rejected' "$T/err"; echo $?)
# a sum past the fixed-point range stops the run, in one block or only when blocks add up: exit 1, nothing written
awk 'BEGIN { print "region,d,x"; for (i = 0; i < 200; i++) print "A,2021-01-01,999999999999999999999999999" }' >"$T/sums.csv"
for opt in "--threads 1" "--threads 2 --block-size 100"; do
	"$bin/ind-agg" $opt -r region -t d -m s=sum:x "$T/sums.csv" >"$T/out" 2>"$T/err"
	rc=$?
	check "sums past the range ($opt): exit 1, nothing written" \
		$([ $rc -eq 1 ] && [ ! -s "$T/out" ] && grep -q 'the sum.* is out of range' "$T/err" && grep -q 'nothing written' "$T/err"; echo $?)
done
done_testing
