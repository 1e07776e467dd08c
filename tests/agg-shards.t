#!/bin/sh
# tests/agg-shards.t - partial files record the options that change the result and the shards they
# hold: --merge needs no option, is byte-identical to one run over the concatenated input for random
# splits, and refuses partial files made differently or a shard twice.
set -u
. "$(dirname "$0")/lib.sh"

agg="${IND_VALGRIND:-} $bin/ind-agg"

# events: 3000 rows, 4 regions, 14 months (with gaps per region), waits, a share, a sum and a filter column
awk 'BEGIN { srand(7); print "region,contact,visit,channel,urgency,cost"
	for (i = 0; i < 3000; i++) {
		r = int(rand() * 4); m = 1 + int(rand() * 14); if (r == 3 && m % 3 == 0) m = 1
		y = 2021 + (m > 12); m = (m - 1) % 12 + 1; d = 1 + int(rand() * 28)
		w = int(rand() * rand() * 120); cd = d - w; cm = m; cy = y
		while (cd < 1) { cd += 28; cm--; if (cm < 1) { cm = 12; cy-- } }
		printf "R%d,%04d-%02d-%02d,%04d-%02d-%02d,%s,%s,%d.%02d\n", r, cy, cm, cd, y, m, d,
			rand() < 0.3 ? "digital" : "visit", rand() < 0.8 ? "non-urgent" : "urgent", int(rand() * 90), int(rand() * 100) } }' >"$T/ev.csv"
printf 'region,period,population\nR0,2021,1000\nR1,2021,2500\nR2,2021,800\nR3,2021,1200\nR0,2022,1010\nR1,2022,2490\nR2,2022,805\nR3,2022,1190\n' >"$T/pop.csv"
opts="-r region -t visit -m n=count -m dig=share:channel=digital -m w=wait:contact,visit -m c=sum:cost -m mc=mean:cost -m qc=quantile:cost
	--within 3,10,45 --percentiles 25,50,75,95 --where urgency=non-urgent --population $T/pop.csv --per 1000"
$agg $opts "$T/ev.csv" >"$T/one" 2>"$T/err"
check "one run over the events: exit 0, every region has all 14 months" \
	$([ $? -eq 0 ] && [ "$(grep -c ',n,' "$T/one")" -eq 56 ]; echo $?)

head -1 "$T/ev.csv" >"$T/h"
tail -n +2 "$T/ev.csv" >"$T/body"
# five random splits into 2 to 6 pieces at random lines, merged in a random order with no option but --merge
ok=0
for seed in 1 2 3 4 5; do
	rm -f "$T"/piece.* "$T"/*.part
	awk -v seed=$seed -v dir="$T" 'BEGIN { srand(seed); k = 2 + int(rand() * 5); for (j = 1; j < k; j++) cut[j] = int(rand() * 3000) }
		{ p = 0; for (j in cut) if (NR > cut[j]) p++; f = dir "/piece." p; if (!(f in seen)) { seen[f]; getline hdr < (dir "/h"); print hdr > f; close(dir "/h") } print > f }' "$T/body"
	for f in "$T"/piece.*; do $agg --partial $opts -o "$f.part" "$f" 2>/dev/null || ok=1; done
	set -- $(ls "$T"/*.part | awk -v seed=$seed 'BEGIN { srand(seed * 13) } { print rand() "\t" $0 }' | sort | cut -f2)
	$agg --merge "$@" >"$T/merged" 2>/dev/null || ok=1
	cmp -s "$T/one" "$T/merged" || ok=1
	echo "$seed: $# pieces" >>"$T/splits"
done
check "5 random splits ($(awk '{ print $2 }' "$T/splits" | tr '\n' ' ')pieces) merged in random order = one run, byte for byte" $ok
check "a partial file records --by, --within, --percentiles, --where, --per, --population and the columns" \
	$(f=$(ls "$T"/*.part | head -1); grep -q '^,,@by,month,' "$f" && grep -q '^,,@within,"3,10,45",' "$f" &&
	  grep -q '^,,@percentiles,"25,50,75,95",' "$f" && grep -q '^,,@where,urgency=non-urgent,' "$f" && grep -q '^,,@per,1000,' "$f" &&
	  grep -q '^,,@population,[0-9a-f]*/8,' "$f" && grep -q '^R3,2022,@population,1190,' "$f" && grep -q '^,,@date,visit,' "$f" &&
	  [ "$(grep -c '^,,@shard,piece\.[0-9] bytes=[0-9]* rows=[0-9]* first=[0-9a-f]* last=[0-9a-f]*,' "$f")" -eq 1 ]; echo $?)

# ---- refusals
split -n l/2 "$T/body" "$T/half."
cat "$T/h" "$T/half.aa" >"$T/a.csv"
cat "$T/h" "$T/half.ab" >"$T/b.csv"
$agg --partial $opts -o "$T/a.part" "$T/a.csv" 2>/dev/null
$agg --partial $opts -o "$T/b.part" "$T/b.csv" 2>/dev/null
$agg --partial $(echo "$opts" | sed 's/--within 3,10,45/--within 3,10/') -o "$T/b7.part" "$T/b.csv" 2>/dev/null
$agg --merge "$T/a.part" "$T/b7.part" >/dev/null 2>"$T/err"
check "partial files made with other --within: exit 1, naming the difference and both files" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/b7.part: made with --within '3,10', but $T/a.part with --within '3,10,45'" "$T/err"; echo $?)
$agg --partial $(echo "$opts" | sed 's/--where urgency=non-urgent//') -o "$T/bw.part" "$T/b.csv" 2>/dev/null
$agg --merge "$T/a.part" "$T/bw.part" >/dev/null 2>"$T/err"
check "a partial file without the --where of the first: exit 1" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/bw.part: made without --where, but $T/a.part with --where 'urgency=non-urgent'" "$T/err"; echo $?)
printf 'region,period,population\nR0,2021,999\n' >"$T/pop2.csv"
$agg --partial $(echo "$opts" | sed "s|$T/pop.csv|$T/pop2.csv|") -o "$T/bp.part" "$T/b.csv" 2>/dev/null
$agg --merge "$T/a.part" "$T/bp.part" >/dev/null 2>"$T/err"
check "a partial file with another population: exit 1" \
	$([ $? -eq 1 ] && grep -q "^ind-agg: $T/bp.part: made with --population '[0-9a-f]*/1', but $T/a.part with --population '[0-9a-f]*/8'$" "$T/err"; echo $?)
cp "$T/a.part" "$T/a-again.part"
$agg --merge "$T/a.part" "$T/b.part" "$T/a-again.part" >"$T/out" 2>"$T/err"
check "the same shard in two partial files: exit 1, the second counts in nothing" \
	$([ $? -eq 1 ] && grep -q "^ind-agg: $T/a-again.part: shard 'a.csv bytes=[0-9]* rows=1500 first=[0-9a-f]* last=[0-9a-f]*' is in $T/a.part already: merged twice, it would count twice$" "$T/err" &&
	  cmp -s "$T/out" "$T/one"; echo $?)
$agg --partial $opts -o "$T/ab.part" "$T/a.csv" "$T/b.csv" 2>/dev/null
$agg --merge "$T/ab.part" "$T/b.part" >/dev/null 2>"$T/err"
check "a shard inside a partial file of two inputs, merged again: exit 1" \
	$([ $? -eq 1 ] && grep -q "shard 'b.csv .*' is in $T/ab.part already" "$T/err"; echo $?)
$agg --merge "$T/ab.part" >"$T/out" 2>/dev/null
check "a partial file of two inputs = one run" $(cmp -s "$T/out" "$T/one"; echo $?)
$agg --merge --within 7 "$T/a.part" "$T/b.part" >/dev/null 2>"$T/err"
check "--merge --within other than the partial files': usage error" \
	$([ $? -eq 2 ] && grep -qx "ind-agg: --within 7 with --merge: the partial files were made with --within 3,10,45" "$T/err"; echo $?)
$agg --merge --within 3,10,45 --percentiles 25,50,75,95 --per 1000 "$T/a.part" "$T/b.part" >"$T/out" 2>/dev/null
check "--merge with the partial files' own options: the same output" $(cmp -s "$T/out" "$T/one"; echo $?)

# the recipe of ind-agg(1) with GNU parallel, on this host only (-S :)
if command -v parallel >/dev/null 2>&1; then
	rm -f "$T"/piece.* "$T"/*.part
	cp "$T/a.csv" "$T/piece.1"
	cp "$T/b.csv" "$T/piece.2"
	(cd "$T" && parallel -S : --trc {}.part "$bin/ind-agg" --threads 1 --partial $opts -o {}.part {} ::: piece.1 piece.2) 2>/dev/null
	$agg --merge "$T"/piece.*.part >"$T/out" 2>/dev/null
	check "GNU parallel -S : --trc, then --merge: the same as one run" $(cmp -s "$T/out" "$T/one"; echo $?)
else
	skip "GNU parallel -S : --trc, then --merge: the same as one run" "no GNU parallel (apt-get install parallel)"
fi

# untrusted settings: each bad row in a partial file, exit 1 with its line
decl='region,period,measure,spec,n,hits,sum,hist
,,n,count,0,0,0,'
while IFS='|' read -r rows want; do
	printf '%s\n%b\n' "$decl" "$rows" >"$T/bad.part"
	$agg --merge "$T/bad.part" >/dev/null 2>"$T/err"
	check "partial setting '$(printf '%s' "$rows" | sed 's|\\n| / |g')': exit 1, '$want'" $([ $? -eq 1 ] && [ "$(head -1 "$T/err")" = "ind-agg: $T/bad.part$want" ]; echo $?)
done <<'ROWS'
,,@by,day,0,0,0,|:3: @by 'day' is not week, month, quarter or year
,,@colour,red,0,0,0,|:3: unknown setting '@colour'
,,@by,year,0,0,0,\n,,@from,2021-01,0,0,0,|:4: @from '2021-01' is not a year (the file's --by, which comes first)
,,@by,year,0,0,0,\n,,@by,year,0,0,0,|:4: setting '@by' given twice
,,@within,"7,,8",0,0,0,|:3: @within '7,,8': expected days, e.g. 7,14,30,90
,,@percentiles,100,0,0,0,|:3: @percentiles '100': a percentile is above 0 and below 100
,,@per,-5,0,0,0,|:3: @per '-5' is not a positive number
,,@where,urgency,0,0,0,|:3: @where 'urgency' is not COL=VALUE
,,@shard,x,0,0,0,\n,,@shard,x,0,0,0,|:4: shard 'x' comes twice
A,2021,@by,year,0,0,0,|:3: '@by' with a region or period (only @population has them)
A,2021,@population,5,0,0,0,|: the population rows (7715287c/1) are not the @population ''
,,@by,year,0,0,0,\nA,2021-01,n,count,1,0,0,|:4: period '2021-01' is not a year (the file's --by)
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,2,0,3,2:1;1:1|:4: values: 1 after 2 (values must increase)
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,2,0,4,1:1;2:1|:4: sum is 4 but the values add up to 3
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,3,0,3,1:1;2:1|:4: n is 3 but the rows of the values add up to 2
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,1,0,1,1e5:1|:4: values: '1e5' is not a decimal number (at most 27 digits and 9 decimals)
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,1,0,1,1:0|:4: values: rows '0' are not a whole number from 1 to 9007199254740992
,,q,quantile:x,0,0,0,\nA,2021-01,q,quantile:x,1000,0,2,999999999999999999999999999:1000|:4: values: their sum is out of range
,,@by,year,0,0,0,\n,,@to,2021,0,0,0,\nA,2022,n,count,1,0,0,|:5: period '2022' is outside the file's --from/--to
A,2021-01,n,count,1,0,0,\n,,@by,month,0,0,0,|:4: a setting after the groups
ROWS

# files without settings (older ind-agg) take the kind of their periods, one kind for all
printf 'region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\nA,2021,n,count,2,0,0,\nA,2023,n,count,1,0,0,\n' >"$T/y.part"
printf 'region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\nA,2021-03,n,count,2,0,0,\n' >"$T/m.part"
$agg --merge "$T/y.part" >"$T/out" 2>/dev/null
check "a partial file of years without @by: years, 2022 written as 0" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f3,4 | tr '\n' ' ')" = "2021,2 2022,0 2023,1 " ]; echo $?)
$agg --merge "$T/y.part" "$T/m.part" >/dev/null 2>"$T/err"
check "files without @by, of years and of months: the second refused" \
	$([ $? -eq 1 ] && grep -qx "ind-agg: $T/m.part:3: period '2021-03' is not a year like those of the files before" "$T/err"; echo $?)

done_testing
