#!/bin/sh
# tests/compare-sample.t - on the sample data, the Keski-Pohjanmaa team model (2020-02) shows a
# clear drop in emergency visits, and regions without an intervention show none.
set -u
. "$(dirname "$0")/lib.sh"

# the column number of a summary column, by name
col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
# value of column $3 in the row of region $2
get() { awk -F, -v r="$2" -v c="$(col "$1" "$3")" '$1 == r { print $c }' "$1"; }

${IND_VALGRIND:-} "$bin/ind-load" --indicators emergency_visits "$top/sample-data/indicators.csv" >"$T/em.csv" 2>/dev/null
# the COVID-19 window is left out, as an analyst would; Newey-West errors for the autocorrelation
${IND_VALGRIND:-} "$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --se hac --summary \
	--control Etelä-Savo,Kainuu,Pohjois-Pohjanmaa "$T/em.csv" >"$T/s.csv" 2>/dev/null
check "ind-compare runs on the sample" $?
hi=$(get "$T/s.csv" Keski-Pohjanmaa level_hi)
check "Keski-Pohjanmaa: level change CI below zero (upper limit $hi)" $(awk -v h="$hi" 'BEGIN { exit !(h != "" && h < 0) }'; echo $?)
rel=$(get "$T/s.csv" Keski-Pohjanmaa effect_end_rel)
check "Keski-Pohjanmaa: at least 10 % fewer visits than the counterfactual at the end ($rel)" \
	$(awk -v r="$rel" 'BEGIN { exit !(r != "" && r < -0.10) }'; echo $?)
didhi=$(get "$T/s.csv" Keski-Pohjanmaa did_hi)
check "Keski-Pohjanmaa: difference-in-differences CI below zero (upper limit $didhi)" \
	$(awk -v h="$didhi" 'BEGIN { exit !(h != "" && h < 0) }'; echo $?)
for r in Kainuu Etelä-Savo Pohjois-Pohjanmaa; do
	lo=$(get "$T/s.csv" "$r" level_lo)
	hi=$(get "$T/s.csv" "$r" level_hi)
	check "$r (no intervention): level change CI covers zero ($lo .. $hi)" \
		$(awk -v l="$lo" -v h="$hi" 'BEGIN { exit !(l != "" && l < 0 && h > 0) }'; echo $?)
done
# Poisson with overdispersion: the rate ratio of the level change
${IND_VALGRIND:-} "$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --model poisson --quasi --summary \
	"$T/em.csv" >"$T/p.csv" 2>/dev/null
rr=$(get "$T/p.csv" Keski-Pohjanmaa rr_level_hi)
check "Keski-Pohjanmaa: quasi-Poisson rate ratio CI below 1 (upper $rr)" \
	$(awk -v h="$rr" 'BEGIN { exit !(h != "" && h < 1) }'; echo $?)
rlo=$(get "$T/p.csv" Kainuu rr_level_lo)
rhi=$(get "$T/p.csv" Kainuu rr_level_hi)
check "Kainuu: quasi-Poisson rate ratio CI covers 1 ($rlo .. $rhi)" \
	$(awk -v l="$rlo" -v h="$rhi" 'BEGIN { exit !(l != "" && l < 1 && h > 1) }'; echo $?)
# default output: one phase per row, the counterfactual only from the intervention on
${IND_VALGRIND:-} "$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 "$T/em.csv" >"$T/rows.csv" 2>/dev/null
check "default output on the sample" $?
cf=$(col "$T/rows.csv" counterfactual)
ph=$(col "$T/rows.csv" phase)
sg=$(col "$T/rows.csv" segment)
check "columns counterfactual, phase and segment" $([ -n "$cf" ] && [ -n "$ph" ] && [ -n "$sg" ]; echo $?)
check "phases: 10 excluded COVID months per region" \
	$([ "$(awk -F, -v p="${ph:-0}" '$1 == "Lappi" && $p == "excluded"' "$T/rows.csv" | wc -l)" -eq 10 ]; echo $?)
# 6 regions x 37 months 2017-01..2020-01 before; 6 x 49 after (2020-02 and 2021-01..2024-12)
check "222 pre rows, none with a counterfactual; 294 post rows, each with one" \
	$(awk -F, -v c="${cf:-0}" -v p="${ph:-0}" 'NR > 1 && $p == "pre" { pre++; if ($c != "") bad++ }
		NR > 1 && $p == "post" { post++; if ($c == "") bad++ }
		END { exit !(c && p && pre == 222 && post == 294 && !bad) }' "$T/rows.csv"; echo $?)
check "segment 0 before 2020-02, 1 from it on" \
	$(awk -F, -v s="${sg:-0}" 'NR > 1 { if (($3 < "2020-02") != ($s == "0")) bad++; n++ } END { exit !(s && n == 576 && !bad) }' \
		"$T/rows.csv"; echo $?)
done_testing
