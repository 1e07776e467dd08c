#!/bin/sh
# tests/its-oracle.t - ind-compare's interrupted time series on the sample data against values
# derived independently in R 4.2 (lm, glm, sandwich::NeweyWest, lmtest::bgtest, and
# Prais-Winsten written out by hand), once, while developing; the numbers are pasted here.
#
# The model with K interruptions t_1 < ... < t_K, t in decimal years (month m: year + (m-1)/12):
#   y = b0 + b1 (t - t_1) + sum_k [ c_k post_k + d_k (t - t_k) post_k ],  post_k = t >= t_k
# R: fit <- lm(y ~ x + post1 + xpost1 + post2 + xpost2); V <- vcov(fit) (or NeweyWest(fit,
# lag = 3, prewhite = FALSE, adjust = FALSE)); for interruption k, effect_end = c_k + d_k
# (t_last - t_k) with CI est -/+ qt(0.975, n - p) sqrt(a'Va); GLMs (glm poisson / quasipoisson,
# epsilon 1e-15, V at the final weights, Pearson dispersion) use qnorm(0.975).
set -u
. "$(dirname "$0")/lib.sh"

col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
# value of column $4 in the row of region $2 and interruption $3 of summary $1
get() {
	c=$(col "$1" "$4")
	[ -n "$c" ] || { echo "no column $4" >&2; return; }
	awk -F, -v r="$2" -v a="$3" -v c="$c" '$1 == r && $3 == a { print $c }' "$1"
}
# near FILE REGION AT COLUMN WANT RELTOL: |got - want| <= tol max(1, |want|)
near() {
	got=$(get "$1" "$2" "$3" "$4")
	check "$2 $3 $4 = $5 (R) within $6 (got ${got:-nothing})" \
		$(awk -v g="$got" -v w="$5" -v t="$6" 'BEGIN { d = g - w; if (d < 0) d = -d; m = w < 0 ? -w : w; if (m < 1) m = 1;
			exit !(g != "" && d <= t * m) }'; echo $?)
}
is() {
	got=$(get "$1" "$2" "$3" "$4")
	check "$2 $3 $4 is '$5' (got '$got')" $([ "$got" = "$5" ]; echo $?)
}

"$bin/ind-load" --indicators t3_days "$s/indicators.csv" >"$T/t3.csv" 2>/dev/null
"$bin/ind-load" --indicators emergency_visits "$s/indicators.csv" >"$T/em.csv" 2>/dev/null

# --- Lappi T3: COVID-19 (2020-03) and the remote reception (2021-09) as two interruptions, 96 months
run() { "$bin/ind-compare" --at 2020-03 --at 2021-09 --summary "$@" "$T/t3.csv" >"$T/out.csv" 2>"$T/err"; }
run --se ols
check "two interruptions, OLS: runs" $?
check "one summary row per interruption" $([ "$(grep -c '^Lappi,' "$T/out.csv")" -eq 2 ]; echo $?)
f=$T/out.csv
near $f Lappi 2020-03 level -1.7789473684209 1e-9
near $f Lappi 2020-03 level_se 1.3240183829154 1e-9
near $f Lappi 2020-03 level_lo -4.4093409811827 1e-9
near $f Lappi 2020-03 level_hi 0.851446244340905 1e-9
near $f Lappi 2020-03 level_p 0.182456497309627 1e-8
near $f Lappi 2020-03 slope_change 4.50640628721136 1e-9
near $f Lappi 2020-03 slope_change_lo 1.8159304144395 1e-9
near $f Lappi 2020-03 slope_change_hi 7.19688215998322 1e-9
near $f Lappi 2020-03 effect_end 19.6264824958331 1e-9
near $f Lappi 2020-03 effect_end_lo 7.92548906354012 1e-9
near $f Lappi 2020-03 effect_end_hi 31.327475928126 1e-9
near $f Lappi 2020-03 effect_end_rel 2.23297914407292 1e-9
near $f Lappi 2021-09 level -9.5729124820665 1e-9
near $f Lappi 2021-09 level_se 1.37357779845967 1e-9
near $f Lappi 2021-09 level_lo -12.3017645239423 1e-9
near $f Lappi 2021-09 level_hi -6.84406044019074 1e-9
near $f Lappi 2021-09 slope_change -4.65875545280831 1e-9
near $f Lappi 2021-09 slope_change_se 1.34496716036476 1e-9
near $f Lappi 2021-09 slope_change_p 0.000817374919502882 1e-7
near $f Lappi 2021-09 pre_slope 5.13312693498468 1e-9
near $f Lappi 2021-09 effect_end -24.7138677036935 1e-9
near $f Lappi 2021-09 effect_end_lo -35.2140302406187 1e-9
near $f Lappi 2021-09 effect_end_hi -14.2137051667683 1e-9
near $f Lappi 2021-09 effect_end_rel -0.465160875495623 1e-9
# lmtest::bgtest(fit, order = 12, type = "Chisq", fill = 0); DW = sum(diff(e)^2)/sum(e^2)
near $f Lappi 2021-09 bg_stat 38.3664517315812 1e-9
near $f Lappi 2021-09 bg_p 0.000133747294926921 1e-7
near $f Lappi 2021-09 dw 1.55764658158521 1e-9
is $f Lappi 2021-09 bg_lags 12
is $f Lappi 2021-09 caveats autocorrelated
is $f Lappi 2020-03 caveats autocorrelated

run --se hac
f=$T/out.csv
is $f Lappi 2020-03 se_method 'hac(3)'
near $f Lappi 2020-03 level_lo -6.08181735428447 1e-9
near $f Lappi 2020-03 level_hi 2.52392261744268 1e-9
near $f Lappi 2020-03 effect_end_lo 3.53812916364267 1e-9
near $f Lappi 2020-03 effect_end_hi 35.7148358280235 1e-9
near $f Lappi 2021-09 level_se 1.36002381236791 1e-9
near $f Lappi 2021-09 slope_change_lo -8.81571217445812 1e-9
near $f Lappi 2021-09 slope_change_hi -0.501798731158488 1e-9
near $f Lappi 2021-09 effect_end_lo -40.3101715430904 1e-9
near $f Lappi 2021-09 effect_end_hi -9.11756386429663 1e-9

# Prais-Winsten: rho = sum e_t e_{t-1} / sum e_{t-1}^2 from the original-scale residuals, iterated
# to |d rho| < 1e-10, row 1 scaled by sqrt(1 - rho^2); V = s^2 (X*'X*)^-1, s^2 = SSE*/(n - p); t on n - p
run --se ar1
f=$T/out.csv
near $f Lappi 2020-03 rho 0.220363315988221 1e-7
near $f Lappi 2020-03 level -2.18265357662089 1e-7
near $f Lappi 2020-03 level_se 1.56064001258099 1e-7
near $f Lappi 2020-03 effect_end_lo 5.55225244402729 1e-7
near $f Lappi 2020-03 effect_end_hi 33.8829361616906 1e-7
near $f Lappi 2021-09 level_lo -12.7139361270923 1e-7
near $f Lappi 2021-09 slope_change_se 1.61376324642642 1e-7
near $f Lappi 2021-09 effect_end_lo -37.685516956505 1e-7
near $f Lappi 2021-09 effect_end_hi -12.7005919823968 1e-7

run --se ols --season month
f=$T/out.csv
near $f Lappi 2020-03 level_lo -3.22211129485813 1e-9
near $f Lappi 2020-03 effect_end_lo 7.93580794231461 1e-9
near $f Lappi 2020-03 effect_end_hi 24.9175185271916 1e-9
near $f Lappi 2021-09 slope_change_hi -2.0745357830667 1e-9
near $f Lappi 2021-09 effect_end_lo -29.0263514769197 1e-9
near $f Lappi 2021-09 effect_end_hi -13.7579064913876 1e-9
near $f Lappi 2021-09 effect_end_rel -0.421035196369105 1e-9
near $f Lappi 2021-09 bg_stat 36.8755622377837 1e-9
near $f Lappi 2021-09 dw 2.18595682910729 1e-9

run --model poisson
f=$T/out.csv
near $f Lappi 2020-03 level -0.0560784889337964 1e-8
near $f Lappi 2020-03 level_lo -0.255757363829701 1e-8
near $f Lappi 2020-03 effect_end_lo -0.266451941291211 1e-8
near $f Lappi 2020-03 effect_end_hi 1.45979192824367 1e-8
# rr_level = exp(c_2) = exp(-0.309476132595872): the rate ratio of the level change
near $f Lappi 2021-09 rr_level 0.733831285837401 1e-8
near $f Lappi 2021-09 level_hi -0.107719435696483 1e-8
near $f Lappi 2021-09 effect_end -0.769354668172326 1e-8
near $f Lappi 2021-09 effect_end_lo -1.53675886072911 1e-8
near $f Lappi 2021-09 effect_end_hi -0.00195047561553974 1e-6
run --model poisson --quasi
f=$T/out.csv
near $f Lappi 2020-03 dispersion 0.193488023953852 1e-8
near $f Lappi 2020-03 effect_end_lo 0.217006186452206 1e-8
near $f Lappi 2020-03 effect_end_hi 0.976333800500258 1e-8
near $f Lappi 2021-09 slope_change_lo -0.228493464118563 1e-8
near $f Lappi 2021-09 effect_end_lo -1.10691485003795 1e-8
near $f Lappi 2021-09 effect_end_hi -0.4317944863067 1e-8
is $f Lappi 2021-09 caveats underdispersed
run --model poisson --quasi --dispersion-floor 1
f=$T/out.csv
near $f Lappi 2021-09 effect_end_lo -1.53675886072911 1e-8
is $f Lappi 2021-09 caveats ''

# difference-in-differences: Lappi minus the mean of the comparison regions that have a value
# that month (Kainuu lacks 2018-07 and 2018-08), the same two-interruption OLS model
"$bin/ind-compare" --at 2020-03 --at 2021-09 --control Pohjois-Savo,Kainuu --summary "$T/t3.csv" >"$T/did.csv" 2>"$T/err"
f=$T/did.csv
near $f Lappi 2020-03 did 0.162462462462599 1e-8
near $f Lappi 2020-03 did_lo -1.9520135399796 1e-8
near $f Lappi 2020-03 did_hi 2.27693846490479 1e-8
near $f Lappi 2020-03 did_p 0.879021477442248 1e-8
near $f Lappi 2021-09 did -5.69121154152693 1e-8
near $f Lappi 2021-09 did_lo -7.88483462849274 1e-8
near $f Lappi 2021-09 did_hi -3.49758845456112 1e-8
"$bin/ind-compare" --at 2020-03 --at 2021-09 --control Pohjois-Savo,Kainuu --se hac --summary "$T/t3.csv" >"$T/did.csv" 2>"$T/err"
near $f Lappi 2021-09 did_lo -7.83247376207691 1e-8
near $f Lappi 2021-09 did_hi -3.54994932097695 1e-8

# the counterfactual (no interruption at all) at 2024-12 with its band, from the default output
"$bin/ind-compare" --at 2020-03 --at 2021-09 "$T/t3.csv" >"$T/rows.csv" 2>"$T/err"
cfc=$(col "$T/rows.csv" counterfactual)
row=$(awk -F, '$1 == "Lappi" && $3 == "2024-12"' "$T/rows.csv")
for pair in "$cfc 33.5032388663971" "$((cfc + 1)) 28.1384182273406" "$((cfc + 2)) 38.8680595054536"; do
	set -- $pair
	got=$(echo "$row" | cut -d, -f"$1")
	check "Lappi 2024-12 counterfactual column $1 = $2 (R) (got $got)" \
		$(awk -v g="$got" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= 1e-9 * w) }'; echo $?)
done
segc=$(col "$T/rows.csv" segment)
check "segments 0, 1, 2 with 38, 18 and 40 months" \
	$([ "$(awk -F, -v c="$segc" '$1 == "Lappi" { n[$c]++ } END { printf "%d %d %d", n[0], n[1], n[2] }' "$T/rows.csv")" = "38 18 40" ]; echo $?)

# --- one interruption: Keski-Pohjanmaa's team model, the COVID-19 months left out (86 months)
"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --summary "$T/em.csv" >"$T/kp.csv" 2>"$T/err"
f=$T/kp.csv
near $f Keski-Pohjanmaa 2020-02 level_lo -402.350287347839 1e-9
near $f Keski-Pohjanmaa 2020-02 level_hi -224.303614063984 1e-9
near $f Keski-Pohjanmaa 2020-02 effect_end_lo -775.682386179769 1e-9
near $f Keski-Pohjanmaa 2020-02 effect_end_hi -331.989919249226 1e-9
near $f Keski-Pohjanmaa 2020-02 bg_stat 37.0787897132204 1e-9
near $f Keski-Pohjanmaa 2020-02 bg_p 0.000216928309574894 1e-7
"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --se auto --summary "$T/em.csv" >"$T/kp.csv" 2>"$T/err"
is $f Keski-Pohjanmaa 2020-02 se_method 'hac(3)'
near $f Keski-Pohjanmaa 2020-02 effect_end_lo -859.89720286485 1e-9
near $f Keski-Pohjanmaa 2020-02 effect_end_hi -247.775102564144 1e-9
near $f Keski-Pohjanmaa 2020-02 slope_change_hi 8.1963251069599 1e-9
# 2021 is inside 2020-03..2021-12 and is fitted in the post window: said so
is $f Keski-Pohjanmaa 2020-02 caveats covid_inside

# --se auto picks OLS errors where Breusch-Godfrey finds nothing: Lappi's single interruption has
# bg_p 0.00137 (12 lags), so Newey-West; R NeweyWest(lag = 3): effect_end -12.3775261498895 .. -4.84408163898422
"$bin/ind-compare" --at 2021-09 --se auto --summary "$T/t3.csv" >"$T/l1.csv" 2>"$T/err"
f=$T/l1.csv
near $f Lappi 2021-09 bg_p 0.00137234769928554 1e-7
is $f Lappi 2021-09 se_method 'hac(3)'
near $f Lappi 2021-09 effect_end_lo -12.3775261498895 1e-9
near $f Lappi 2021-09 effect_end_hi -4.84408163898422 1e-9

# --pre 12: the last 12 months before the interruption (2020-09..2021-08) and all 40 after
"$bin/ind-compare" --at 2021-09 --pre 12 --summary "$T/t3.csv" >"$T/p12.csv" 2>"$T/err"
f=$T/p12.csv
is $f Lappi 2021-09 n_pre 12
is $f Lappi 2021-09 n_post 40
near $f Lappi 2021-09 level_lo -11.2576701402981 1e-9
near $f Lappi 2021-09 effect_end_lo -33.2576480751863 1e-9
near $f Lappi 2021-09 effect_end_hi -1.38034157743873 1e-9

# two interruptions with one fitted month between them cannot be told apart: an error, exit 1
"$bin/ind-compare" --at 2020-02 --at 2021-01 --exclude 2020-03..2020-12 --summary "$T/em.csv" >"$T/x.csv" 2>"$T/err"
check "interruptions one fitted period apart: exit 1" $([ $? -eq 1 ]; echo $?)
check "... with a message that says so" \
	$(grep -q "Keski-Pohjanmaa, emergency_visits': the interruptions 2020-02 and 2021-01 have 1 fitted period between them" "$T/err"; echo $?)

# the README's tour shows these rows as printed
"$bin/ind-load" --regions Lappi --indicators t3_days "$s/indicators.csv" 2>/dev/null |
	"$bin/ind-compare" --at 2020-03 --at 2021-09 --se ar1 --summary 2>/dev/null | cut -d, -f3,5,6,21,23,24,32-34,37,38 >"$T/tour"
sed -n 's/^    \(at,n_pre,n_post,level,level_lo\)/\1/p; s/^    \(202[01]-0[39],[0-9]*,[0-9]*,\)/\1/p' "$top/README.md" >"$T/readme"
check "the README tour's two-interruption rows are what the tool prints" $(cmp -s "$T/tour" "$T/readme"; echo $?)
# comparison regions never change what the treated series' own rows say
# (B, the comparison, has values only from 2019 on: the shared periods are fewer than Lappi's own)
awk -F, 'NR == 1 || $1 == "Lappi"; $1 == "Pohjois-Savo" && $3 >= "2019" { sub(/^Pohjois-Savo/, "B"); print }' \
	"$T/t3.csv" >"$T/t3b.csv"
"$bin/ind-compare" --at 2020-03 --at 2021-09 --summary "$T/t3b.csv" >"$T/nc.csv" 2>/dev/null
"$bin/ind-compare" --at 2020-03 --at 2021-09 --control B --summary "$T/t3b.csv" >"$T/wc.csv" 2>/dev/null
for at in 2020-03 2021-09; do
	check "--control leaves Lappi's $at caveats and effects as they were" \
		$([ "$(get "$T/nc.csv" Lappi $at caveats)/$(get "$T/nc.csv" Lappi $at effect_end_lo)" = \
		    "$(get "$T/wc.csv" Lappi $at caveats)/$(get "$T/wc.csv" Lappi $at effect_end_lo)" ] &&
		  [ -n "$(get "$T/wc.csv" Lappi $at did)" ]; echo $?)
done
done_testing
