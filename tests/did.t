#!/bin/sh
# tests/did.t - comparison regions: the slope difference, rates, weights, the ratio of rate ratios
# and the pooled multi-group model, against independent fits in R. tests/did/did.csv was made by
# tests/did/make.R; the expected numbers are tests/did/oracle.R's (R 4.2: lm, glm with
# epsilon 1e-14, and the within-series Newey-West written out), copied here so that the suite
# needs no R. Under make check-valgrind the runs of ind-compare go through valgrind.
set -u
. "$(dirname "$0")/lib.sh"
d=$top/tests/did
# ic ARGS: ind-compare, under $IND_VALGRIND when set (exit 99, a memory error, is noted for the last check)
ic() {
	${IND_VALGRIND:-} "$bin/ind-compare" "$@"
	rc=$?
	[ $rc -ne 99 ] || echo "$*" >>"$T/memcheck"
	return $rc
}

# get COLUMN FILE: the field of region T in the summary
get() { awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } $1 == "T" { print $c }' "$2"; }
# rel A B TOL: |A - B| <= TOL |B|
rel() { awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(a != "" && d <= tol * m) }'; }
# expect FILE TOL "COLUMN VALUE"...: each against R
expect() {
	f=$1 tol=$2 what=$3
	shift 3
	for pair in "$@"; do
		set -- $pair
		rel "$(get "$1" "$f")" "$2" "$tol"
		check "$what: $1 $(get "$1" "$f") = R's $2" $?
	done
}

# 1. values (no denominators: equal weights), C2 without 2018-07: the mean of the regions present
cut -d, -f1-4 "$d/did.csv" | grep -v '^C2,visits,2018-07,' >"$T/values.csv"
ic --at 2019-01 --control C1,C2 --summary "$T/values.csv" >"$T/v" 2>"$T/err"
check "values: exit 0" $?
[ "$(get did_method "$T/v"),$(get did_scale "$T/v"),$(get control_weights "$T/v")" = difference-series,values,equal ]
check "values: did_method difference-series, did_scale values, control_weights equal" $?
expect "$T/v" 1e-9 "values, difference series" "did -186.66166666666777" "did_lo -290.5254784478276" \
	"did_slope -72.386086956515967" "did_slope_lo -162.29577165715901" "did_slope_hi 17.523597744127073" \
	"did_slope_p 0.11182622927431757"

# 2. counts with denominators: rates per 1000, weighted by the denominators (the pooled rate)
ic --at 2019-01 --control C1,C2 --summary "$d/did.csv" >"$T/r" 2>"$T/err"
[ "$(get did_scale "$T/r"),$(get control_weights "$T/r")" = rates,population ]
check "counts with denominators: did_scale rates, control_weights population" $?
expect "$T/r" 1e-9 "rates, population weights" "did -4.419167311115773" "did_lo -5.285242133218345" \
	"did_slope -1.8647734666773803" "did_slope_lo -2.6144909365741724" "did_slope_hi -1.1150559967805882" \
	"did_slope_p 9.2418231396294627e-06"
ic --at 2019-01 --control C1,C2 --per 100000 --summary "$d/did.csv" >"$T/r5" 2>"$T/err"
expect "$T/r5" 1e-9 "--per 100000: 100 times the rates per 1000" "did -441.9167311115773" "did_slope -186.47734666773803"
ic --at 2019-01 --control C1,C2 --control-weights equal --summary "$d/did.csv" >"$T/re" 2>"$T/err"
[ "$(get control_weights "$T/re")" = equal ]
check "--control-weights equal: said in control_weights" $?
expect "$T/re" 1e-9 "rates, equal weights (the mean of the rates)" "did_slope -1.6961497079553776" \
	"did_slope_lo -2.523308300615108" "did_slope_p 0.00015816767864688301"

# 3. --model poisson: on the log scale, did_rr the ratio of rate ratios
ic --at 2019-01 --model poisson --control C1,C2 --summary "$d/did.csv" >"$T/p" 2>"$T/err"
[ "$(get did_scale "$T/p")" = log-rates ]
check "poisson, difference series: did_scale log-rates" $?
expect "$T/p" 1e-9 "poisson, difference of log rates" "did_rr 0.8623857619789006" "did_rr_lo 0.8359549273033281" \
	"did_rr_hi 0.88965227451081519" "did_slope -0.076556008216292687" "did_slope_lo -0.10350194846049682" \
	"did_slope_p 8.5208738946182063e-07"
awk -v a="$(get did "$T/p")" -v b="$(get did_rr "$T/p")" 'BEGIN { d = exp(a) - b; exit !(d < 1e-12 && d > -1e-12) }'
check "poisson: did_rr = e^did" $?
ic --at 2019-01 --model poisson --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/pp" 2>"$T/err"
[ "$(get did_method "$T/pp")" = pooled ]
check "--did pooled: did_method pooled" $?
expect "$T/pp" 1e-9 "poisson, pooled GLM" "did_rr 0.8622444162717271" "did_rr_lo 0.83305618724805774" \
	"did_rr_hi 0.89245532867087507" "did_slope -0.07621304943444028" "did_slope_lo -0.10626220039420317"
ic --at 2019-01 --model poisson --quasi --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/pq" 2>"$T/err"
expect "$T/pq" 1e-9 "quasi-Poisson, pooled GLM" "did_rr_lo 0.80411960202792876" "did_rr_hi 0.92457071251192968"

# 4. OLS, pooled (Linden): group x (time, level, slope), a shared month season, one error model
ic --at 2019-01 --season month --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/o" 2>"$T/err"
expect "$T/o" 1e-9 "OLS pooled, OLS errors" "did -4.4191673111157801" "did_lo -5.2544930409155652" \
	"did_hi -3.583841581316" "did_p 1.3966328697109463e-16" "did_slope -1.8647734666773881" \
	"did_slope_lo -2.5878729919179642" "did_slope_p 2.0645373651753301e-06"
ic --at 2019-01 --season month --se hac --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/oh" 2>"$T/err"
expect "$T/oh" 1e-9 "OLS pooled, Newey-West within each series" "did_lo -5.0880250141912411" \
	"did_hi -3.7503096080403191" "did_p 2.1782304185046294e-21"
ic --at 2019-01 --season month --se ar1 --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/oa" 2>"$T/err"
expect "$T/oa" 1e-9 "OLS pooled, Prais-Winsten with one rho (-0.1226)" "did -4.4873744741868018" \
	"did_lo -5.2396630161069666" "did_hi -3.735085932266637" "did_p 4.3852731151229412e-19"
# without a season: the same estimate as the difference series, other intervals
ic --at 2019-01 --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/o0" 2>"$T/err"
expect "$T/o0" 1e-9 "OLS pooled, no season" "did -4.4191673111157836" "did_lo -6.3697843305820125" \
	"did_p 2.0521386390450454e-05"
rel "$(get did "$T/o0")" "$(get did "$T/r")" 1e-9 && ! rel "$(get did_lo "$T/o0")" "$(get did_lo "$T/r")" 1e-3
check "pooled and difference series: one estimate, two intervals" $?

# two interruptions: every term interacted with G (get2 AT COLUMN FILE: the row of T at AT)
get2() { awk -F, -v at="$1" -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } $1 == "T" && $3 == at { print $c }' "$3"; }
ic --at 2019-01 --at 2020-01 --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/o2" 2>"$T/err"
for row in "2019-01 did -4.6335986660976847" "2019-01 did_p 4.3338280363810365e-05" \
	"2020-01 did -0.20424457295808976" "2020-01 did_lo -2.75430329873133806" "2020-01 did_hi 2.34581415281515815" \
	"2020-01 did_slope -0.77044340423237601" "2020-01 did_slope_lo -5.1796264811332744" "2020-01 did_slope_p 0.72909849261913906"; do
	set -- $row
	rel "$(get2 "$1" "$2" "$T/o2")" "$3" 1e-9
	check "OLS pooled, two interruptions: $1 $2 $(get2 "$1" "$2" "$T/o2") = R's $3" $?
done
# --se auto: the error model chosen for the treated region's own series
ic --at 2019-01 --season month --se auto --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/au" 2>"$T/err"
se=$(get se_method "$T/au")
case $se in hac*) se=hac ;; esac
ic --at 2019-01 --season month --se "$se" --did pooled --control C1,C2 --summary "$d/did.csv" >"$T/au2" 2>"$T/err"
[ -n "$(get did_lo "$T/au")" ] && [ "$(get did_lo "$T/au")" = "$(get did_lo "$T/au2")" ]
check "--se auto with --did pooled: the treated series' choice ($se)" $?

# 5. weights from --population for values without denominators
awk 'BEGIN { print "region,period,population"; print "C1,2017,1"; print "C1,2018,1"; print "C1,2019,1"; print "C1,2020,1"
	print "C2,2017,3"; print "C2,2018,3"; print "C2,2019,3"; print "C2,2020,3" }' >"$T/pop.csv"
cut -d, -f1-4 "$d/did.csv" >"$T/v2.csv"
ic --at 2019-01 --control C1,C2 --population "$T/pop.csv" --summary "$T/v2.csv" >"$T/w" 2>"$T/err"
# the same by hand: T minus (C1 + 3 C2) / 4, the model of 1. fitted by ind-compare on that series
{ echo region,indicator,period,value; awk -F, 'NR > 1 { v[$1 "," $3] = $4; p[$3] = 1 }
	END { for (q in p) printf "T,visits,%s,%.17g\n", q, v["T," q] - (v["C1," q] + 3 * v["C2," q]) / 4 }' "$T/v2.csv" |
	sort; } >"$T/hand.csv"
ic --at 2019-01 --summary "$T/hand.csv" >"$T/h" 2>"$T/err"
[ "$(get control_weights "$T/w")" = population ] && rel "$(get did "$T/w")" "$(get level "$T/h")" 1e-9 &&
	rel "$(get did_slope_hi "$T/w")" "$(get slope_change_hi "$T/h")" 1e-9
check "--population: weights 1 and 3 give the model of T - (C1 + 3 C2)/4 ($(get did "$T/w"))" $?

# refused: a comparison value without a weight, a bad population file, options without --control
head -5 "$T/pop.csv" >"$T/pop1.csv"
ic --at 2019-01 --control C1,C2 --population "$T/pop1.csv" --summary "$T/v2.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "v2.csv:[0-9]*: comparison region 'C2' in 2017-01: no denominator, and no population of it in --population" "$T/err"
check "a comparison region without population: exit 1 naming the file and line" $?
ic --at 2019-01 --control C1,C2 --control-weights population --summary "$T/v2.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "v2.csv:[0-9]*: comparison region 'C1' in 2017-01: no denominator to weigh it by" "$T/err"
check "--control-weights population without denominators or --population: exit 1" $?
printf 'region,period,population\nC1,2017,0\n' >"$T/pop0.csv"
ic --at 2019-01 --control C1,C2 --population "$T/pop0.csv" --summary "$T/v2.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "pop0.csv:2: population '0': not a positive number" "$T/err"
check "--population with a population of 0: exit 1 at its line" $?
printf 'region,period,population\nC1,2017,5\nC1,2017,6\n' >"$T/pop2.csv"
ic --at 2019-01 --control C1,C2 --population "$T/pop2.csv" --summary "$T/v2.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "pop2.csv:3: the population of 'C1' in 2017 is given twice" "$T/err"
check "--population with a region and year twice: exit 1 at the second" $?
# digit groups in a population ("1 234 567", as statistics offices write them) are the number, as in
# ind-agg --population; "1e3" or "12abc" are no population
awk -F, 'NR == 1 { print; next } { print $1 "," $2 "," $3 * 1001 }' "$T/pop.csv" >"$T/popk.csv"
sed 's/,\([0-9]\)\([0-9][0-9][0-9]\)$/,"\1 \2"/' "$T/popk.csv" >"$T/popg.csv"
ic --at 2019-01 --control C1,C2 --population "$T/popk.csv" --summary "$T/v2.csv" >"$T/p1" 2>/dev/null
ic --at 2019-01 --control C1,C2 --population "$T/popg.csv" --summary "$T/v2.csv" >"$T/p2" 2>/dev/null
check "--population with digit groups ($(grep -c '" ' "$T/popg.csv") values like \"1 234\"): the same summary" \
	$(grep -q '" *[0-9]' "$T/popg.csv" && [ -s "$T/p1" ] && cmp -s "$T/p1" "$T/p2"; echo $?)
printf 'region,period,population\nC1,2017,12abc\n' >"$T/popx.csv"
ic --at 2019-01 --control C1,C2 --population "$T/popx.csv" --summary "$T/v2.csv" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "popx.csv:2: population '12abc': not a positive number" "$T/err"
check "--population '12abc': exit 1 at its line" $?
ic --at 2019-01 --did pooled --summary "$d/did.csv" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "go with --control" "$T/err"
check "--did without --control: usage error (exit 2)" $?
ic --at 2019-01 --model poisson --did pooled --control-weights equal --control C1,C2 --summary "$d/did.csv" \
	>/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "pooled Poisson model adds" "$T/err"
check "--control-weights equal with the pooled Poisson model: usage error (exit 2)" $?
ic --at 2019-01 --model poisson --did pooled --population "$T/pop.csv" --control C1,C2 --summary "$d/did.csv" \
	>/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "^ind-compare: --population: the pooled Poisson model" "$T/err"
check "--population with the pooled Poisson model: usage error (exit 2)" $?
# a count of 0: no log-scale difference series (a warning, empty fields), the pooled GLM takes it
awk -F, 'BEGIN { OFS = "," } $1 == "T" && $3 == "2018-03" { $4 = 0; $5 = 0 } { print }' "$d/did.csv" >"$T/zero.csv"
ic --at 2019-01 --model poisson --control C1,C2 --summary "$T/zero.csv" >"$T/z" 2>"$T/err"
[ $? -eq 0 ] && [ "$(get did_rr "$T/z")" = "" ] && grep -q "a count of 0 in 2018-03 has no logarithm" "$T/err"
check "poisson difference series with a count of 0: no estimate, a warning" $?
ic --at 2019-01 --model poisson --did pooled --control C1,C2 --summary "$T/zero.csv" >"$T/z" 2>"$T/err"
[ -n "$(get did_rr "$T/z")" ]
check "the pooled GLM with a count of 0: an estimate ($(get did_rr "$T/z"))" $?
ic --at 2019-01 --did both --control C1,C2 --summary "$d/did.csv" >/dev/null 2>"$T/err"
[ $? -eq 2 ]
check "--did both: usage error (exit 2)" $?
[ ! -s "$T/memcheck" ]
check "no memory errors${IND_VALGRIND:+ under valgrind}" $?
done_testing
