#!/bin/sh
# tests/joinpoint-plot.t - ind-plot --kind joinpoint from ind-trend --joinpoints rows: segments, joinpoints
# and APCs recomputed from the fitted values, on series whose answer is known exactly; refusals.
. "$(dirname "$0")/lib.sh"
plot="$bin/ind-plot"

# +5 % a year to 2010, then -3 % a year: one joinpoint at 2010, APCs 5 and -3
awk 'BEGIN { print "region,indicator,period,value,unit"; for (i = 0; i <= 20; i++) {
	v = i <= 10 ? 100 * 1.05 ^ i : 100 * 1.05 ^ 10 * 0.97 ^ (i - 10); printf "Lappi,visits,%d,%.12g,visits\n", 2000 + i, v } }' >"$T/log.csv"
"$bin/ind-trend" --joinpoints 2 --select bic "$T/log.csv" 2>"$T/err" >"$T/log-jp.csv"
$plot --kind joinpoint --script "$T/log.gp" -o "$T/x.png" "$T/log-jp.csv" 2>"$T/err"
check "log-linear rows: exit 0" $?
grep -q "^set label 1 '2010' at 2010.000000, graph 0.97" "$T/log.gp" &&
	grep -q "^set arrow from 2010.000000, graph 0 to 2010.000000, graph 1 nohead" "$T/log.gp"
check "the joinpoint at 2010, marked with its period" $?
grep -q "^set label 101 'APC +5.0%' at 2005.000000," "$T/log.gp" && grep -q "^set label 102 'APC -3.0%' at 2015.000000," "$T/log.gp"
check "each segment's APC by its middle: +5.0% and -3.0%" $?
awk '/^\$jp << EOD/ { on = 1; next } on && /^EOD/ { exit } on { n++; d = $2 - 100 * 1.05 ^ 10; if (d < 0) d = -d; ok = $1 == 2010 && d < 1e-6 }
	END { exit !(n == 1 && ok) }' "$T/log.gp"
check "the joinpoint drawn at (2010, 100 * 1.05^10)" $?
awk '/^\$fit << EOD/ { on = 1; next } on && /^EOD/ { exit }
	on { v = $1 <= 2010 ? 100 * 1.05 ^ ($1 - 2000) : 100 * 1.05 ^ 10 * 0.97 ^ ($1 - 2010); d = $2 - v; if (d < 0) d = -d; if (d > 1e-6 * v) bad++; n++ }
	END { exit !(n > 50 && !bad) }' "$T/log.gp"
check "the fitted curve: exp of each segment's line, sampled (exact series)" $?
grep -q "title 'joinpoint fit (log-linear)'" "$T/log.gp" && grep -q "^set ylabel 'visits'$" "$T/log.gp" &&
	grep -q "^# title 'Lappi — visits'$" "$T/log.gp"
check "legend says log-linear; y title from the unit; title from region and indicator" $?
$plot --kind joinpoint --lang fi --script "$T/log-fi.gp" -o "$T/x.png" "$T/log-jp.csv" 2>"$T/err"
grep -q "'APC −3,0$(printf '\302\240')%'" "$T/log-fi.gp" && grep -q "title 'muutoskohta'" "$T/log-fi.gp"
check "--lang fi: APC −3,0 %, muutoskohta" $?

# linear, the break between observations: +2 a year, then -1 a year from 2010.5 (--grid 1)
awk 'BEGIN { print "region,indicator,period,value"; for (i = 0; i <= 20; i++) {
	v = 10 + 2 * i - 3 * (i > 10.5 ? i - 10.5 : 0); printf "Lappi,t3,%d,%.12g\n", 2000 + i, v } }' >"$T/lin.csv"
"$bin/ind-trend" --joinpoints 1 --linear --grid 1 --select bic "$T/lin.csv" 2>"$T/err" >"$T/lin-jp.csv"
$plot --kind joinpoint --script "$T/lin.gp" -o "$T/x.png" "$T/lin-jp.csv" 2>"$T/err"
check "linear rows: exit 0" $?
grep -q "^set label 1 '2010.5' at 2010.500000," "$T/lin.gp" && grep -q "^set label 101 '+2.0/yr'" "$T/lin.gp" &&
	grep -q "^set label 102 '-1.0/yr'" "$T/lin.gp" && grep -q "title 'joinpoint fit (linear)'" "$T/lin.gp"
check "a joinpoint between observations where the segments meet (2010.5, as ind-trend writes it); changes a year +2.0 and -1.0" $?

# refusals
"$bin/ind-trend" "$T/log.csv" 2>/dev/null >"$T/nojp.csv"
$plot --kind joinpoint --script "$T/no.gp" -o "$T/x.png" "$T/nojp.csv" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "nojp.csv: --kind joinpoint needs a column 'jp_fit'" "$T/err"
check "rows without jp_fit: refused, exit 1" $?
printf 'region,indicator,period,value\nA,x,2001,1\nA,x,2002,-1\nA,x,2003,2\nA,x,2004,0\nA,x,2005,3\n' >"$T/neg.csv"
"$bin/ind-trend" --joinpoints 1 "$T/neg.csv" 2>/dev/null >"$T/neg-jp.csv"
$plot --kind joinpoint --script "$T/no.gp" -o "$T/x.png" "$T/neg-jp.csv" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "'A, x' has no joinpoint model (jp_fit is empty)" "$T/err"
check "a series without a joinpoint model: refused, exit 1" $?
sed '3s/,1$/,3/' "$T/log-jp.csv" >"$T/bad-jp.csv"
$plot --kind joinpoint --script "$T/no.gp" -o "$T/x.png" "$T/bad-jp.csv" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "bad-jp.csv:3: jp_fit '.*', jp_segment '3': not a joinpoint fit of ind-trend" "$T/err"
check "segments out of order: FILE:LINE, refused" $?
awk -F, 'BEGIN { OFS = "," } NR > 1 && $NF == 1 { $(NF - 1) = $(NF - 1) * (1 + 0.01 * (NR % 3)) } { print }' "$T/log-jp.csv" >"$T/curved.csv"
$plot --kind joinpoint --script "$T/no.gp" -o "$T/x.png" "$T/curved.csv" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "cannot tell from jp_fit whether the joinpoint model is log-linear or linear (neither is straight" "$T/err"
check "fitted values straight neither way: refused, never a guessed APC" $?

if command -v gnuplot >/dev/null 2>&1; then
	$plot --kind joinpoint -o "$T/jp.svg" "$T/log-jp.csv" 2>"$T/err"
	check "SVG drawn" $?
	grep -q "<title>Lappi — visits</title>" "$T/jp.svg"
	check "the SVG's <title> is the chart's" $?
	$plot --kind joinpoint -o "$T/jp.png" "$T/lin-jp.csv" 2>"$T/err" && [ -s "$T/jp.png" ]
	check "PNG drawn" $?
else
	skip "joinpoint charts drawn" "no gnuplot"
fi
done_testing
