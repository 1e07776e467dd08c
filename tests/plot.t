#!/bin/sh
# tests/plot.t - ind-plot: SVG checked by structure (series, title, intervention line), every kind
# renders, the script is complete, and gnuplot failures are reported without a partial file.
set -u
. "$(dirname "$0")/lib.sh"

plot="${IND_VALGRIND:-} $bin/ind-plot"

"$bin/ind-load" --indicators access_7d "$s/indicators.csv" 2>/dev/null | "$bin/ind-trend" 2>/dev/null >"$T/trend.csv"
"$bin/ind-load" --regions Keski-Pohjanmaa --indicators emergency_visits "$s/indicators.csv" 2>/dev/null |
	"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 2>/dev/null >"$T/its.csv"
"$bin/ind-load" --indicators emergency_visits "$s/indicators.csv" 2>/dev/null |
	"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --summary 2>/dev/null >"$T/sum.csv"

# the script alone needs no gnuplot
$plot --kind its --script "$T/its.gp" -o "$T/x.png" "$T/its.csv" 2>"$T/err"
check "--script writes the script" $?
check "the script carries its data and its plot" \
	$(grep -q '^\$d << EOD$' "$T/its.gp" && grep -q '^plot ' "$T/its.gp" && [ ! -e "$T/x.png" ]; echo $?)
check "the script draws the intervention line and labels it" \
	$(grep -q '^set arrow from 2020.083' "$T/its.gp" && grep -q "intervention February 2020" "$T/its.gp"; echo $?)
check "excluded months shaded" $(grep -q '^set object .* rect from 2020.16' "$T/its.gp"; echo $?)
# two interruptions: a labelled line at each, and each segment's fit drawn on its own
"$bin/ind-load" --regions Lappi --indicators t3_days "$s/indicators.csv" 2>/dev/null |
	"$bin/ind-compare" --at 2020-03 --at 2021-09 2>/dev/null >"$T/its2.csv"
$plot --kind its --script "$T/its2.gp" -o "$T/x.png" "$T/its2.csv" 2>"$T/err"
check "two interruptions: two dotted lines, at 2020-03 and 2021-09" \
	$([ "$(grep -c '^set arrow from .* nohead dt 3' "$T/its2.gp")" -eq 2 ] && grep -q '^set arrow from 2020.1666' "$T/its2.gp" &&
	  grep -q '^set arrow from 2021.6666' "$T/its2.gp"; echo $?)
check "two interruptions: both labelled" \
	$(grep -q 'intervention March 2020' "$T/its2.gp" && grep -q 'intervention September 2021' "$T/its2.gp"; echo $?)
check "two interruptions: a fitted line per segment (0, 1, 2)" \
	$(grep -q '\$8==0&&' "$T/its2.gp" && grep -q '\$8==1&&' "$T/its2.gp" && grep -q '\$8==2&&' "$T/its2.gp" &&
	  ! grep -q '\$8==3&&' "$T/its2.gp"; echo $?)

# failures: a fake gnuplot that complains, and none at all
printf '#!/bin/sh\ncat >/dev/null\necho "line 7: undefined variable: boom" >&2\nexit 1\n' >"$T/gnuplot"
chmod +x "$T/gnuplot"
$plot -o "$T/fail.png" --gnuplot "$T/gnuplot" "$T/trend.csv" 2>"$T/err"
rc=$?
check "failing gnuplot: exit 1" $([ $rc -eq 1 ]; echo $?)
check "failing gnuplot: its message is shown" \
	$(grep -q "ind-plot: gnuplot failed (exit 1): line 7: undefined variable: boom" "$T/err"; echo $?)
check "failing gnuplot: no chart and no temporary file" $([ -z "$(ls "$T" | grep fail)" ]; echo $?)
printf '#!/bin/sh\ncat >/dev/null\nkill -9 $$\n' >"$T/gnuplot-killed"
chmod +x "$T/gnuplot-killed"
$plot -o "$T/killed.png" --gnuplot "$T/gnuplot-killed" "$T/trend.csv" 2>"$T/err"
rc=$?
check "gnuplot killed: exit 1, the signal named, no chart" \
	$([ $rc -eq 1 ] && grep -q "gnuplot was killed by signal 9" "$T/err" && [ -z "$(ls "$T" | grep killed.png)" ]; echo $?)
$plot -o "$T/none.png" --gnuplot "$T/no-such-gnuplot" "$T/trend.csv" 2>"$T/err"
rc=$?
check "gnuplot absent: exit 1 and a clear message" $([ $rc -eq 1 ] && grep -q "gnuplot not found" "$T/err"; echo $?)
$plot -o "$T/x.gif" "$T/trend.csv" 2>/dev/null
check "an unknown chart extension is a usage error" $([ $? -eq 2 ]; echo $?)
$plot --kind bars -o "$T/x.png" "$T/trend.csv" 2>"$T/err"
check "bars on a stream without means: exit 1, names the column" \
	$([ $? -eq 1 ] && grep -q "needs a column 'mean_pre'" "$T/err"; echo $?)

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "SVG structure" "no gnuplot"
	# 70 regions: every line drawn, and a warning that the colours repeat (no silent cap)
awk 'BEGIN { print "region,indicator,period,value"; for (r = 1; r <= 70; r++) for (y = 2019; y <= 2021; y++) printf "R%d,x,%d,%d\n", r, y, r + y }' >"$T/many.csv"
$plot --kind line --script "$T/many.gp" -o "$T/x.png" "$T/many.csv" 2>"$T/err"
check "70 regions: 70 lines in the plot" $([ "$(grep -c '^\$d[0-9]* << EOD$' "$T/many.gp")" -eq 70 ]; echo $?)
check "70 regions: a warning naming the count" $(grep -q '70 lines but 8 colours' "$T/err"; echo $?)
# an interruption whose own period has no row: the line is still drawn at it (the stream's at column)
"$bin/ind-load" --regions Lappi --indicators t3_days "$s/indicators.csv" 2>/dev/null | grep -v ',2021-09,' |
	"$bin/ind-compare" --at 2020-03 --at 2021-09 2>/dev/null >"$T/its3.csv"
$plot --kind its --script "$T/its3.gp" -o "$T/x.png" "$T/its3.csv" 2>"$T/err"
check "a missing interruption month: the line at 2021-09 all the same, labelled so" \
	$(grep -q '^set arrow from 2021.6666' "$T/its3.gp" && grep -q 'intervention September 2021' "$T/its3.gp"; echo $?)
done_testing
	exit 0
fi
$plot -o "$T/line.svg" --title "Access within 7 days" "$T/trend.csv" 2>"$T/err"
check "line chart renders to SVG" $?
titled=$(grep -o '<title>[^<]*</title>' "$T/line.svg" | grep -v '<title>Gnuplot</title>' | grep -vc '<title>gnuplot_plot_')
check "line chart: one titled series per region (6, got $titled)" $([ "$titled" -eq 6 ]; echo $?)
check "line chart: 12 plotted elements (6 regions + 6 dashed trends)" \
	$([ "$(grep -o 'id="gnuplot_plot_[0-9]*' "$T/line.svg" | sort -u | wc -l)" -eq 12 ]; echo $?)
check "line chart: the title text" $(grep -q '>Access within 7 days<' "$T/line.svg"; echo $?)
$plot --kind its -o "$T/its.svg" "$T/its.csv" 2>"$T/err"
check "ITS chart renders to SVG" $?
check "ITS chart: the intervention label" $(grep -q 'intervention February 2020' "$T/its.svg"; echo $?)
check "ITS chart: observed, fitted and counterfactual series" \
	$(grep -q '<title>observed</title>' "$T/its.svg" && grep -q '<title>fitted</title>' "$T/its.svg" &&
	  grep -q '<title>counterfactual</title>' "$T/its.svg"; echo $?)
for k in line its multiples bars slopes; do
	case $k in its) in=$T/its.csv ;; bars | slopes) in=$T/sum.csv ;; *) in=$T/trend.csv ;; esac
	$plot --kind $k --lang fi -o "$T/$k.png" "$in" 2>/dev/null &&
		[ "$(head -c 4 "$T/$k.png" | od -An -c | tr -d ' \n')" = '211PNG' ]
	check "--kind $k renders a PNG" $?
done
$plot -o "$T/x.pdf" "$T/trend.csv" 2>/dev/null && [ "$(head -c 4 "$T/x.pdf")" = "%PDF" ]
check "PDF output" $?
# 70 regions: every line drawn, and a warning that the colours repeat (no silent cap)
awk 'BEGIN { print "region,indicator,period,value"; for (r = 1; r <= 70; r++) for (y = 2019; y <= 2021; y++) printf "R%d,x,%d,%d\n", r, y, r + y }' >"$T/many.csv"
$plot --kind line --script "$T/many.gp" -o "$T/x.png" "$T/many.csv" 2>"$T/err"
check "70 regions: 70 lines in the plot" $([ "$(grep -c '^\$d[0-9]* << EOD$' "$T/many.gp")" -eq 70 ]; echo $?)
check "70 regions: a warning naming the count" $(grep -q '70 lines but 8 colours' "$T/err"; echo $?)
# an interruption whose own period has no row: the line is still drawn at it (the stream's at column)
"$bin/ind-load" --regions Lappi --indicators t3_days "$s/indicators.csv" 2>/dev/null | grep -v ',2021-09,' |
	"$bin/ind-compare" --at 2020-03 --at 2021-09 2>/dev/null >"$T/its3.csv"
$plot --kind its --script "$T/its3.gp" -o "$T/x.png" "$T/its3.csv" 2>"$T/err"
check "a missing interruption month: the line at 2021-09 all the same, labelled so" \
	$(grep -q '^set arrow from 2021.6666' "$T/its3.gp" && grep -q 'intervention September 2021' "$T/its3.gp"; echo $?)
done_testing
