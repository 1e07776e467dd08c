#!/bin/sh
# tests/power.t - how sure: ind-compare --power (closed form against R, and against its own
# --sims) and --placebo (a planted effect, and pure noise). The series in tests/power/ were
# made by ab.R and gh.R (R 4.2, set.seed as written there); the expected numbers by oracle.R:
# OLS fit, rho = sum e_t e_{t-1} / sum e_{t-1}^2, s2 = sum e^2 / (n - p),
# V = s2 (X'X)^-1 X' S X (X'X)^-1 with S_ij = rho^|i - j|, MDE = (qnorm(.975) + qnorm(.8)) se,
# power = pnorm(|c|/se - qnorm(.975)) + pnorm(-|c|/se - qnorm(.975)), and the follow-up the
# smallest m <= 120 whose extended design reaches power 0.8 (NA: none).
set -u
. "$(dirname "$0")/lib.sh"
d=$top/tests/power

# get COLUMN REGION FILE: the summary's field
get() { awk -F, -v col="$1" -v reg="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
	$1 == reg { print $c }' "$3"; }
near() { awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= tol) }'; }

"$bin/ind-compare" --at 2018-01 --power --summary "$d/ab.csv" >"$T/ab" 2>"$T/err"
check "--power runs (exit 0)" $?
# oracle.R on ab.csv (24 months before 2018-01, 24 after):
#   A: mde_level 5.525910680034943, mde_slope 4.911591650045735, power 0.217368122548359, followup NA
#   B: mde_level 6.689474070444581, mde_slope 5.932436372433696, power 0.307987793149776, followup NA
for row in "A mde_level 5.525910680034943" "A mde_slope 4.911591650045735" "A power_level 0.217368122548359" \
	"B mde_level 6.689474070444581" "B mde_slope 5.932436372433696" "B power_level 0.307987793149776"; do
	set -- $row
	near "$(get "$2" "$1" "$T/ab")" "$3" 1e-9
	check "$1 $2 = R's $3 (1e-9)" $?
done
# The level's variance has a floor set by the pre-period: more follow-up cannot reach 80 %.
[ "$(get followup_needed A "$T/ab")" = "" ] && get caveats A "$T/ab" | grep -q not_detectable_within_10y
check "A: no follow-up within ten years reaches the power: empty, caveat not_detectable_within_10y" $?

"$bin/ind-compare" --at 2015-01 --power --summary "$d/gh.csv" >"$T/gh" 2>"$T/err"
# oracle.R on gh.csv (tk = 2015-01, t from 2010-01): G follow-up 10, mde_level 2.71529096772992995,
# power 0.77386307280792554; H already powered (0.943693714939731): follow-up 0
near "$(get mde_level G "$T/gh")" 2.71529096772992995 1e-9
check "G mde_level = R's 2.71529096772993" $?
near "$(get power_level G "$T/gh")" 0.77386307280792554 1e-9
check "G power_level = R's 0.773863072807926" $?
[ "$(get followup_needed G "$T/gh")" = 10 ]
check "G followup_needed = R's 10 months" $?
[ "$(get followup_needed H "$T/gh")" = 0 ]
check "H followup_needed = 0 (power 0.94 already)" $?

# Two interruptions, the first with no follow-up within ten years: the second's MDE and power come
# from the observed design, not from the first one's design continued for ten years (which made
# them look far better: mde_level 2.25 instead of 3.26 for G). tests/power/two-breaks.R:
#   G: 1st mde_level 3.68192919209008851, power 0.10793365744758823;
#      2nd mde_level 3.25546613773855320, mde_slope 1.91399305046628787, power 0.05037440446223844
#   H: 2nd mde_level 6.828506497384343454, mde_slope 4.122842371256517424, power 0.273423933631482707
"$bin/ind-compare" --at 2012-01 --at 2017-06 --power --summary "$d/gh.csv" >"$T/two" 2>"$T/err"
second() { get "$1" "$2" "$T/two" | sed -n "${3}p"; }
for row in "G mde_level 1 3.68192919209008851" "G power_level 1 0.10793365744758823" \
	"G mde_level 2 3.25546613773855320" "G mde_slope 2 1.91399305046628787" "G power_level 2 0.05037440446223844" \
	"H mde_level 2 6.828506497384343454" "H mde_slope 2 4.122842371256517424" "H power_level 2 0.273423933631482707"; do
	set -- $row
	near "$(second "$2" "$1" "$3")" "$4" 1e-9
	check "two interruptions: $1 $2 of interruption $3 = R's $4 (1e-9)" $?
done

# The closed form against simulation (2000 series from the fitted model, refitted, rejections
# counted): simulation error sqrt(p(1-p)/2000) <= 0.011; allowed 0.03 for it and for the
# finite-sample size of the refitted test. G: rho about 0 with OLS errors; H: rho 0.5 with
# Prais-Winsten errors, whose closed form is the GLS variance s2 (X' S^-1 X)^-1.
"$bin/ind-compare" --at 2015-01 --se ols --power --sims 2000 --summary "$d/gh.csv" >"$T/sims" 2>"$T/err"
near "$(get power_level G "$T/sims")" "$(get power_level_sim G "$T/sims")" 0.03
check "G (rho 0, OLS): closed-form power $(get power_level G "$T/sims") ~ simulated $(get power_level_sim G "$T/sims")" $?
"$bin/ind-compare" --at 2015-01 --se ar1 --power --sims 2000 --summary "$d/gh.csv" >"$T/sims" 2>"$T/err"
near "$(get power_level H "$T/sims")" "$(get power_level_sim H "$T/sims")" 0.03
check "H (rho 0.5, AR(1)): closed-form power $(get power_level H "$T/sims") ~ simulated $(get power_level_sim H "$T/sims")" $?
"$bin/ind-compare" --at 2015-01 --se ols --power --sims 300 --seed 9 --summary "$d/gh.csv" >"$T/s1" 2>"$T/err"
"$bin/ind-compare" --at 2015-01 --se ols --power --sims 300 --seed 9 --summary "$d/gh.csv" >"$T/s2" 2>"$T/err"
"$bin/ind-compare" --at 2015-01 --se ols --power --sims 300 --seed 10 --summary "$d/gh.csv" >"$T/s3" 2>"$T/err"
cmp -s "$T/s1" "$T/s2" && ! cmp -s "$T/s1" "$T/s3"
check "--sims: the same for one --seed, another for another" $?

# Placebo in time. Series of 96 months with the change at month 61: 60 before, 45 fake dates
# with 8 on each side. Pure noise: p should be roughly uniform, so over 200 seeded series the
# share with p < 0.05 stays within 1 %..11 % (its expectation is 2/46 = 4.3 %).
awk 'BEGIN { print "region,indicator,period,value"; x = 12345
	for (r = 0; r < 200; r++) for (i = 0; i < 96; i++) {
		# Box-Muller from a 31-bit LCG: no R needed here
		x = (1103515245 * x + 12345) % 2147483648; u1 = (x + 1) / 2147483649
		x = (1103515245 * x + 12345) % 2147483648; u2 = (x + 1) / 2147483649
		z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2)
		printf "N%d,x,%d-%02d,%.4f\n", r, 2010 + int(i / 12), i % 12 + 1, 50 + 3 * z } }' >"$T/noise.csv"
"$bin/ind-compare" --at 2015-01 --placebo --summary "$T/noise.csv" >"$T/pl" 2>"$T/err"
check "--placebo runs on 200 series (exit 0)" $?
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "placebo_p") c = i; if ($i == "placebo_n") m = i }; next }
	{ t++; if ($c < 0.05) s++; if ($m != 45) bad++ } END { printf "%d %d %d\n", t, s, bad }' "$T/pl" >"$T/share"
read total small bad <"$T/share"
[ "$total" -eq 200 ] && [ "$bad" -eq 0 ] && [ "$small" -ge 2 ] && [ "$small" -le 22 ]
check "noise: placebo_n 45 everywhere, $small of 200 with placebo p < 0.05 (within 2..22)" $?
# A planted level change of 5 sd: no fake date gives as large a change, p = 1/46
awk -F, 'NR == 1 || $1 == "N0" { if (NR > 1 && $3 >= "2015-01") $4 += 15; print }' OFS=, "$T/noise.csv" >"$T/planted.csv"
"$bin/ind-compare" --at 2015-01 --placebo --summary "$T/planted.csv" >"$T/pl1" 2>"$T/err"
near "$(get placebo_p N0 "$T/pl1")" 0.021739130434782608 1e-12
check "planted effect: placebo p = 1/46" $?

# --placebo on the stream output: a row per fake date (phase placebo) and one for the estimate,
# the level change in placebo_level. Recomputed: their count is placebo_n, their p is placebo_p,
# and a fake date's level is that of a model with the fake date as an interruption of its own.
"$bin/ind-compare" --at 2015-01 --placebo "$d/gh.csv" >"$T/rows" 2>"$T/err"
"$bin/ind-compare" --at 2015-01 --placebo --summary "$d/gh.csv" >"$T/sum" 2>"$T/err"
# col NAME FILE: the column number
col() { head -1 "$2" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
ph=$(col phase "$T/rows") lv=$(col placebo_level "$T/rows")
awk -F, -v ph="$ph" -v lv="$lv" '$1 == "G" && $ph == "placebo" { v[++n] = $lv < 0 ? -$lv : $lv }
	$1 == "G" && $ph == "estimate" { e = $lv < 0 ? -$lv : $lv; ne++ }
	END { for (i = 1; i <= n; i++) k += v[i] >= e; printf "%d %d %.17g\n", n, ne, (1 + k) / (1 + n) }' "$T/rows" >"$T/pp"
read nfake nest pfake <"$T/pp"
[ "$nfake" = "$(get placebo_n G "$T/sum")" ] && [ "$nest" = 1 ] && near "$pfake" "$(get placebo_p G "$T/sum")" 1e-15
check "stream rows: $nfake fake dates and 1 estimate for G, their p = placebo_p ($pfake)" $?
[ "$(awk -F, -v ph="$ph" '$ph == "placebo" || $ph == "estimate"' "$T/rows" | wc -l)" -eq \
	$(($(get placebo_n G "$T/sum") + $(get placebo_n H "$T/sum") + 2)) ]
check "stream rows: one per fake date of each series, one estimate each" $?
fake=$(awk -F, -v ph="$ph" '$1 == "G" && $ph == "placebo" { print $3 }' "$T/rows" | sed -n 7p)
want=$(awk -F, -v ph="$ph" -v lv="$lv" -v f="$fake" '$1 == "G" && $ph == "placebo" && $3 == f { print $lv }' "$T/rows")
"$bin/ind-compare" --at "$fake" --at 2015-01 --summary "$d/gh.csv" >"$T/two" 2>"$T/err"
got=$(awk -F, -v f="$fake" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "level") c = i; next } $1 == "G" && $3 == f { print $c }' "$T/two")
near "$got" "$want" 1e-9
check "the fake date $fake: placebo_level $want = the level of --at $fake --at 2015-01 ($got)" $?
[ "$(awk -F, -v ph="$ph" -v v="$(col value "$T/rows")" '($ph == "placebo" || $ph == "estimate") && $v != ""' "$T/rows" | wc -l)" -eq 0 ] &&
	[ "$(awk -F, -v ph="$ph" '$ph == "pre" || $ph == "post"' "$T/rows" | wc -l)" -eq 240 ]
check "the placebo rows have no value; the 240 data rows stay as they were" $?
# the histogram: every fake date in a bin, the estimate marked
"$bin/ind-plot" --kind placebo --region G --script "$T/pl.gp" -o "$T/pl.png" "$T/rows" 2>"$T/err"
check "ind-plot --kind placebo writes its script" $?
est=$(awk -F, -v ph="$ph" -v lv="$lv" '$1 == "G" && $ph == "estimate" { printf "%.10g", $lv }' "$T/rows")
awk '/^\$d << EOD/ { on = 1; next } /^EOD/ { on = 0 } on { s += $2 } END { print s }' "$T/pl.gp" | grep -qx "$nfake" &&
	grep -q "set arrow from $est, graph 0 to $est, graph 1" "$T/pl.gp" && grep -q "^# title 'G — x: placebo dates'" "$T/pl.gp"
check "the histogram counts $nfake fake dates and marks the estimate at $est" $?
if command -v gnuplot >/dev/null 2>&1; then
	"$bin/ind-plot" --kind placebo --region G -o "$T/pl.svg" "$T/rows" 2>"$T/err" && grep -q '<title>G — x: placebo dates</title>' "$T/pl.svg"
	check "ind-plot --kind placebo draws an SVG with its title" $?
else
	skip "ind-plot --kind placebo draws an SVG" "no gnuplot"
fi
"$bin/ind-plot" --kind placebo -o "$T/x.png" "$T/sum" 2>"$T/err"
[ $? -eq 1 ] && grep -q "needs the rows of ind-compare --placebo" "$T/err"
check "ind-plot --kind placebo on a summary: exit 1 saying what it needs" $?
"$bin/ind-plot" --kind its --region G --script "$T/its.gp" -o "$T/its.png" "$T/rows" 2>"$T/err" &&
	[ "$(awk '/^\$d << EOD/ { on = 1; next } /^EOD/ { on = 0 } on' "$T/its.gp" | wc -l)" -eq 120 ]
check "ind-plot --kind its leaves the placebo rows out (120 points of G)" $?

# Placebo in space: each comparison region analysed alone as if treated (a run of its own, no
# --control), and the treated region's p recomputed from those levels: (1 + #{|level_c| >= |level_t|}) / (1 + 3)
"$bin/ind-load" --indicators emergency_visits "$s/indicators.csv" 2>/dev/null >"$T/ev.csv"
"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --control Pohjois-Savo,Lappi,Etelä-Savo --placebo \
	--summary "$T/ev.csv" >"$T/sp" 2>"$T/err"
"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --summary "$T/ev.csv" >"$T/alone" 2>"$T/err"
for treated in Keski-Pohjanmaa Kainuu Pohjois-Pohjanmaa; do
	want=$(awk -F, -v t="$treated" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "level") c = i; next }
		{ v = $c < 0 ? -$c : $c; lvl[$1] = v }
		END { k = 0; split("Pohjois-Savo,Lappi,Etelä-Savo", cs, ","); for (j in cs) k += lvl[cs[j]] >= lvl[t]
			printf "%.15g", (1 + k) / 4 }' "$T/alone")
	near "$(get space_placebo_p "$treated" "$T/sp")" "$want" 1e-12 && [ "$(get space_placebo_n "$treated" "$T/sp")" = 3 ]
	check "$treated: space_placebo_n 3, space_placebo_p $want from the controls' own fits" $?
done
[ "$(get space_placebo_n Lappi "$T/sp")" = "" ]
check "a comparison region gets no space placebo of its own" $?

# usage
"$bin/ind-compare" --at 2015-01 --sims 10 --summary "$d/gh.csv" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q 'go with --power' "$T/err"
check "--sims without --power: usage error (exit 2)" $?
# Poisson: the Wald covariance of the GLM at the fitted means (tests/power/poisson.R, R glm; the
# fits agree to IRLS tolerance, 1e-6 relative here):
#   S: level -0.2375708452, mde_level 0.1624901017, mde_slope 0.2608773247, power 0.9836656513, followup 0
#   W: level -0.1486276236, mde_level 0.1636067869, mde_slope 0.2622995335, power 0.7207696794, followup 11
"$bin/ind-compare" --model poisson --season none --at 2019-01 --power --summary "$d/poisson.csv" >"$T/po" 2>"$T/err"
check "--power with --model poisson runs (exit 0)" $?
for row in "S mde_level 0.1624901017" "S mde_slope 0.2608773247" "S power_level 0.9836656513" \
	"W mde_level 0.1636067869" "W mde_slope 0.2622995335" "W power_level 0.7207696794"; do
	set -- $row
	near "$(get "$2" "$1" "$T/po")" "$3" "$(awk -v x="$3" 'BEGIN { print 1e-6 * x }')"
	check "Poisson $1 $2 = R's $3 (1e-6)" $?
done
check "Poisson: S needs no follow-up, W 11 more months (R)" \
	$([ "$(get followup_needed S "$T/po")" = 0 ] && [ "$(get followup_needed W "$T/po")" = 11 ]; echo $?)
"$bin/ind-compare" --model poisson --season none --at 2019-01 --power --sims 2000 --summary "$d/poisson.csv" >"$T/pos" 2>"$T/err"
near "$(get power_level W "$T/pos")" "$(get power_level_sim W "$T/pos")" 0.03
check "Poisson W: closed-form power $(get power_level W "$T/pos") ~ simulated $(get power_level_sim W "$T/pos")" $?
# Q, quasi-Poisson (R glm quasipoisson): dispersion 1.551964646, mde_level 0.2038172092, power 0.5625846769
"$bin/ind-compare" --model poisson --quasi --season none --at 2019-01 --power --sims 2000 --summary "$d/poisson.csv" >"$T/poq" 2>"$T/err"
near "$(get mde_level Q "$T/poq")" 0.2038172092 2e-7 && near "$(get power_level Q "$T/poq")" 0.5625846769 6e-7
check "quasi-Poisson Q: mde_level and power = R's (dispersion 1.55)" $?
near "$(get power_level Q "$T/poq")" "$(get power_level_sim Q "$T/poq")" 0.04
check "quasi-Poisson Q: closed-form power $(get power_level Q "$T/poq") ~ simulated $(get power_level_sim Q "$T/poq")" $?
"$bin/ind-compare" --at 2015-01 --power --alpha 1.5 --summary "$d/gh.csv" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "invalid --alpha '1.5'" "$T/err"
check "--alpha 1.5: usage error (exit 2)" $?
done_testing
