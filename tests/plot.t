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

# 70 regions: every line drawn, and a warning that the styles repeat (no silent cap)
awk 'BEGIN { print "region,indicator,period,value"; for (r = 1; r <= 70; r++) for (y = 2019; y <= 2021; y++) printf "R%d,x,%d,%d\n", r, y, r + y }' >"$T/many.csv"
$plot --kind line --script "$T/many.gp" -o "$T/x.png" "$T/many.csv" 2>"$T/err"
check "70 regions: 70 lines in the plot" $([ "$(grep -c '^\$d[0-9]* << EOD$' "$T/many.gp")" -eq 70 ]; echo $?)
check "70 regions: a warning naming the count and what to do" \
	$(grep -q '70 lines but 48 line styles that can be told apart' "$T/err" && grep -q -- '--kind multiples' "$T/err" &&
	  grep -q -- '--region' "$T/err"; echo $?)
# the style of each line: (colour, point shape) pairs, unique for the first 48, neighbours differing in both
grep '^\$d[0-9]* using 1:2 with linespoints\|^  \$d[0-9]* using 1:2 with linespoints' "$T/many.gp" |
	sed "s/.* pt \([0-9]*\) .* lc rgb '\([^']*\)'.*/\1 \2/" >"$T/styles"
check "palette: 12 colours" $([ "$(cut -d' ' -f2 "$T/styles" | sort -u | wc -l)" -eq 12 ]; echo $?)
check "palette: 4 point shapes" $([ "$(cut -d' ' -f1 "$T/styles" | sort -u | wc -l)" -eq 4 ]; echo $?)
check "the first 48 lines each have their own colour and shape" \
	$([ "$(head -48 "$T/styles" | sort -u | wc -l)" -eq 48 ]; echo $?)
check "neighbouring lines differ in colour and in shape" \
	$(awk 'NR > 1 && ($1 == p1 || $2 == p2) { bad = 1 } { p1 = $1; p2 = $2 } END { exit bad }' "$T/styles"; echo $?)
check "no yellow line: faint on white" $(! grep -qi "F0E442" "$T/many.gp"; echo $?)
awk 'BEGIN { print "region,indicator,period,value"; for (r = 1; r <= 12; r++) for (y = 2019; y <= 2021; y++) printf "R%d,x,%d,%d\n", r, y, r + y }' >"$T/twelve.csv"
$plot --kind line --script "$T/twelve.gp" -o "$T/x.png" "$T/twelve.csv" 2>"$T/err"
check "12 lines: no warning" $([ ! -s "$T/err" ]; echo $?)

# ticks from the kind of the periods and the span, in the chart's language
awk 'BEGIN { print "region,indicator,period,value"; for (m = 1; m <= 12; m++) printf "A,x,2018-%02d,%d\n", m, 220000 + m }' >"$T/months.csv"
$plot --script "$T/m-fi.gp" --lang fi --size 1400,500 -o "$T/x.png" "$T/months.csv" 2>"$T/err"
$plot --script "$T/m-en.gp" --lang en --size 1400,500 -o "$T/x.png" "$T/months.csv" 2>"$T/err"
$plot --script "$T/m-narrow.gp" --lang en -o "$T/x.png" "$T/months.csv" 2>"$T/err"
check "months, fi: ticks 1/2018 ... 12/2018 at the months" \
	$(grep -q "^set xtics ('1/2018' 2018.000000, '2/2018' 2018.083333" "$T/m-fi.gp" && grep -q "'12/2018' 2018.916667" "$T/m-fi.gp"; echo $?)
check "months, en: ticks Jan 2018 ... Dec 2018" \
	$(grep -q "^set xtics ('Jan 2018' 2018.000000, 'Feb 2018' 2018.083333" "$T/m-en.gp" && grep -q "'Dec 2018' 2018.916667" "$T/m-en.gp"; echo $?)
check "months, narrower: every other month labelled, the rest ticked" \
	$(grep -q "^set xtics ('Jan 2018' 2018.000000, '' 2018.083333 1, 'Mar 2018' 2018.166667" "$T/m-narrow.gp"; echo $?)
nbsp=$(printf '\302\240')
check "fi: thousands grouped with a no-break space on the value axis" \
	$(grep "^set ytics" "$T/m-fi.gp" | grep -q "'220${nbsp}000' 220000"; echo $?)
check "en: thousands grouped with a comma" $(grep "^set ytics" "$T/m-en.gp" | grep -q "'220,000' 220000"; echo $?)
printf 'region,indicator,period,value\nA,x,2018,0.5\nA,x,2019,1\nA,x,2020,3\n' >"$T/years.csv"
$plot --script "$T/y-fi.gp" --lang fi -o "$T/x.png" "$T/years.csv" 2>"$T/err"
check "fi: decimal comma on the value axis" $(grep "^set ytics" "$T/y-fi.gp" | grep -q "'0,5' 0.5, '1,0' 1, '1,5' 1.5"; echo $?)
check "annual data: year ticks only, at the years" \
	$(grep -q "^set xtics ('2018' 2018.000000, '2019' 2019.000000, '2020' 2020.000000)$" "$T/y-fi.gp"; echo $?)
awk 'BEGIN { print "region,indicator,period,value"; for (y = 2015; y <= 2016; y++) for (q = 1; q <= 4; q++) printf "A,x,%d-Q%d,%d\n", y, q, q }' >"$T/quarters.csv"
$plot --script "$T/q-en.gp" -o "$T/x.png" "$T/quarters.csv" 2>"$T/err"
$plot --script "$T/q-fi.gp" --lang fi -o "$T/x.png" "$T/quarters.csv" 2>"$T/err"
check "quarters, en: 2015 Q1 ... 2016 Q4" \
	$(grep -q "^set xtics ('2015 Q1' 2015.000000, '2015 Q2' 2015.250000" "$T/q-en.gp" && grep -q "'2016 Q4' 2016.750000" "$T/q-en.gp"; echo $?)
check "quarters, fi: 2015 nelj. 1 ..." $(grep -q "^set xtics ('2015 nelj. 1' 2015.000000" "$T/q-fi.gp"; echo $?)
check "eight years of months: year labels, quarters as unlabelled ticks" \
	$(grep -q "^set xtics ('2017' 2017.000000, '' 2017.250000 1" "$T/its.gp" && ! grep -q "^set xtics.*Q[1-4]" "$T/its.gp"; echo $?)

# titles, axis titles and the legend
check "the legend below the plot" $(grep -q '^set key below center horizontal' "$T/its.gp"; echo $?)
printf 'region,indicator,period,value,unit\nA,yli90_lkm,2018,220000,henkilöä\nA,yli90_lkm,2019,230000,henkilöä\n' >"$T/unit.csv"
$plot --script "$T/unit.gp" -o "$T/x.png" "$T/unit.csv" 2>"$T/err"
check "the value axis titled from the unit column" $(grep -q "^set ylabel 'henkilöä'$" "$T/unit.gp"; echo $?)
check "without a label, the indicator's code is the title" $(grep -q "^set title 'yli90_lkm'" "$T/unit.gp"; echo $?)
$plot --script "$T/unit.gp" --label "Yli 90-vuotiaat" --unit "hlöä" -o "$T/x.png" "$T/unit.csv" 2>"$T/err"
check "--label names the indicator in the title, --unit titles the axis" \
	$(grep -q "^set title 'Yli 90-vuotiaat'" "$T/unit.gp" && grep -q "^set ylabel 'hlöä'$" "$T/unit.gp"; echo $?)
$plot --kind its --script "$T/its-noex.gp" -o "$T/x.png" "$T/its2.csv" 2>"$T/err"
check "its: nothing excluded, no legend entry for it" $(! grep -q "excluded" "$T/its-noex.gp"; echo $?)
check "its: excluded months, a legend entry for them" $(grep -q "title 'excluded from the model'" "$T/its.gp"; echo $?)
check "its: observed points big enough to see" $(grep -q "with points pt 7 ps 0.9 .* title 'observed'" "$T/its.gp"; echo $?)
$plot --script "$T/shade.gp" --shade 2020-03..2020-12 -o "$T/x.png" "$T/trend.csv" 2>"$T/err"
check "a shaded window has its legend entry, named by the window" \
	$(grep -q "keyentry .* title 'March 2020 – December 2020'" "$T/shade.gp"; echo $?)
$plot --script "$T/shade.gp" --shade 2020-03..2020-12 --shade-label COVID-19 -o "$T/x.png" "$T/trend.csv" 2>"$T/err"
check "--shade-label names it" $(grep -q "keyentry .* title 'COVID-19'" "$T/shade.gp"; echo $?)
$plot --kind multiples --script "$T/shade-m.gp" --shade 2020-03..2020-12 -o "$T/x.png" "$T/trend.csv" 2>"$T/err"
check "multiples: the shaded window named under the panels" \
	$(grep -q "^set label 99 'March 2020 – December 2020' at screen" "$T/shade-m.gp"; echo $?)
check "no shade, no entry" $(! grep -q "keyentry" "$T/its2.gp"; echo $?)
$plot --kind slopes --estimate level --script "$T/sl.gp" -o "$T/x.png" "$T/sum.csv" 2>"$T/err"
check "slopes: the estimate's name on the axis, not its column" $(grep -q "^set xlabel 'Level change'$" "$T/sl.gp"; echo $?)
$plot --kind slopes --lang fi --estimate level --script "$T/sl.gp" -o "$T/x.png" "$T/sum.csv" 2>"$T/err"
check "slopes, fi: Tason muutos" $(grep -q "^set xlabel 'Tason muutos'$" "$T/sl.gp"; echo $?)

# the intervention line at the period given, not at the first observed period after it
"$bin/ind-load" --regions Keski-Pohjanmaa --indicators emergency_visits "$s/indicators.csv" 2>/dev/null |
	grep -v ',2020-0[2-4],' | "$bin/ind-compare" --at 2020-02 2>/dev/null >"$T/gap.csv"
$plot --kind its --script "$T/gap.gp" -o "$T/x.png" "$T/gap.csv" 2>"$T/err"
check "data from 2020-05 on: the line at 2020-02 (the at column)" \
	$(grep -q '^set arrow from 2020.083333,' "$T/gap.gp" && grep -q 'intervention February 2020' "$T/gap.gp"; echo $?)
awk -F, 'BEGIN { OFS = "," } { NF = NF - 1; print }' "$T/gap.csv" >"$T/gap-noat.csv"
$plot --kind its --script "$T/gap2.gp" -o "$T/x.png" "$T/gap-noat.csv" 2>"$T/err"
check "no at column: the first row of the segment (older streams)" $(grep -q '^set arrow from 2020.333333,' "$T/gap2.gp"; echo $?)
$plot --kind its --at 2020-02 --script "$T/gap3.gp" -o "$T/x.png" "$T/gap-noat.csv" 2>"$T/err"
check "--at: the line at the period given" \
	$(grep -q '^set arrow from 2020.083333,' "$T/gap3.gp" && ! grep -q '^set arrow from 2020.3333' "$T/gap3.gp" &&
	  grep -q 'intervention February 2020' "$T/gap3.gp"; echo $?)
$plot --kind its --at 2020-13 --script "$T/gap3.gp" -o "$T/x.png" "$T/gap-noat.csv" 2>/dev/null
check "--at with a bad period: usage error" $([ $? -eq 2 ]; echo $?)

# an interruption whose own period has no row: the line is still drawn at it (the stream's at column)
"$bin/ind-load" --regions Lappi --indicators t3_days "$s/indicators.csv" 2>/dev/null | grep -v ',2021-09,' |
	"$bin/ind-compare" --at 2020-03 --at 2021-09 2>/dev/null >"$T/its3.csv"
$plot --kind its --script "$T/its3.gp" -o "$T/x.png" "$T/its3.csv" 2>"$T/err"
check "a missing interruption month: the line at 2021-09 all the same, labelled so" \
	$(grep -q '^set arrow from 2021.6666' "$T/its3.gp" && grep -q 'intervention September 2021' "$T/its3.gp"; echo $?)

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "SVG structure" "no gnuplot"
	done_testing
	exit 0
fi
$plot -o "$T/line.svg" --title "Access within 7 days" "$T/trend.csv" 2>"$T/err"
check "line chart renders to SVG" $?
titled=$(grep -o '<title>[^<]*</title>' "$T/line.svg" | grep -v '<title>Access within 7 days</title>' | grep -vc '<title>gnuplot_plot_')
check "line chart: one titled series per region (6, got $titled)" $([ "$titled" -eq 6 ]; echo $?)
check "SVG: the document's <title> is the chart's title" \
	$([ "$(grep -o '<title>[^<]*</title>' "$T/line.svg" | head -1)" = '<title>Access within 7 days</title>' ] &&
	  ! grep -q '<title>Gnuplot</title>' "$T/line.svg"; echo $?)
check "line chart: 12 plotted elements (6 regions + 6 dashed trends)" \
	$([ "$(grep -o 'id="gnuplot_plot_[0-9]*' "$T/line.svg" | sort -u | wc -l)" -eq 12 ]; echo $?)
check "line chart: the title text" $(grep -q '>Access within 7 days<' "$T/line.svg"; echo $?)
$plot --kind its -o "$T/its.svg" "$T/its.csv" 2>"$T/err"
check "ITS chart renders to SVG" $?
check "ITS chart: the intervention label" $(grep -q 'intervention February 2020' "$T/its.svg"; echo $?)
check "ITS SVG: the default title, escaped for XML" \
	$([ "$(grep -o '<title>[^<]*</title>' "$T/its.svg" | head -1)" = '<title>Keski-Pohjanmaa — emergency_visits</title>' ]; echo $?)
printf 'region,indicator,period,value
A<&>B,x,2018,1
A<&>B,x,2019,2
' >"$T/amp.csv"
$plot -o "$T/amp.svg" --title 'a < b & c' "$T/amp.csv" 2>"$T/err"
check "SVG title: < and & escaped" $(grep -q '<title>a &lt; b &amp; c</title>' "$T/amp.svg"; echo $?)
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
done_testing
