#!/bin/sh
# tests/joinpoint-weights.t - ind-trend --joinpoints --weights se: the standard-error weighted fit
# against R (lm with weights, every placement tried), and its refusals.
. "$(dirname "$0")/lib.sh"
oracle=${IND_SHARED:-$top/../shared}/oracle-data

# near NAME WANT TOL: the summary column NAME of $T/out within relative TOL of WANT
near() {
	awk -F, -v name="$1" -v want="$2" -v tol="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		{ d = $c - want; if (d < 0) d = -d; s = want < 0 ? -want : want; exit !(c && $c != "" && d <= tol * s) }' "$T/out"
}

# R, with heart disease and se_i = rate_i (0.01 + 0.0005 i), i = 0, 1, ... (so log weights (rate/se)^2),
# and tuberculosis with se_i = 2 + 0.05 i (weights 1/se^2):
#   fitk <- function(knots) { X <- cbind(1, x); for (kn in knots) X <- cbind(X, pmax(x - kn, 0))
#     f <- lm(y ~ X - 1, weights = w); list(f = f, sse = sum(w * residuals(f)^2), knots = knots) }
#   cand <- x[3:(n - 2)]; every k = 1 and k = 2 placement (b - a >= 3) tried, k by BIC from the weighted SSE
#   df <- n - 2k - 2; V <- vcov(f) * (n - k - 2) / df; segment a = c(0, 1, rep(1, s - 1), 0...);
#   slope a'b, se sqrt(a'Va), CI slope +- qt(0.975, df) se, APC 100 expm1(.)
# heart: BIC 2.4478189 0.3116064 0.2219114 -> k = 2 at 1954, 1965
#   seg 1 apc -1.29081562208295 lo -1.79585997979886 hi -0.783173921696875 p 7.10547721291531e-06
#   seg 2 apc -0.066980795593118 lo -0.227332313742888 hi 0.0936284345129339 p 0.40475729293487
#   seg 3 apc -2.07701930007241 lo -2.14922518411369 hi -2.00476013398303 p 2.85880291274409e-42
#   aapc -1.55440439656601 lo -1.60249235211359 hi -1.50629293990011
# tuberculosis (linear): BIC 3.738752 1.749219 1.477114 -> k = 2 at 1933, 1958
#   seg 1 slope -4.20355618358536 lo -4.35780810997423 hi -4.04930425719649 p 4.2395691168046e-72
#   seg 2 slope -2.47500835465597 lo -2.71746763409832 hi -2.23254907521362 p 6.8362558644291e-36
#   seg 3 slope -0.189370666084362 lo -0.425466814981517 hi 0.0467254828127933 p 0.114599673668046
#   aac -2.12415703640909 lo -2.20085434743877 hi -2.0474597253794
if [ -f "$oracle/joinpoint_loglinear_heart_1950_1998.csv" ] && [ -f "$oracle/joinpoint_published_tb_linear_1900_1998.csv" ]; then
	awk -F, 'BEGIN { print "region,indicator,period,value,se" } NR > 1 { i = NR - 2
		printf "US,heart,%s,%s,%.10g\n", $1, $2, $2 * (0.01 + 0.0005 * i) }' \
		"$oracle/joinpoint_loglinear_heart_1950_1998.csv" >"$T/heart.csv"
	"$bin/ind-trend" --summary --joinpoints 2 --select bic --weights se "$T/heart.csv" >"$T/out" 2>"$T/err"
	check "heart disease, se weights: exit 0" $?
	awk -F, 'NR == 2 { exit !($0 ~ /,2,bic,,1954,1965,1950,1954,/) }' "$T/out"
	check "heart disease, se weights: 2 joinpoints by BIC, 1954 and 1965 (R)" $?
	ok=0
	for c in "seg_1_apc -1.29081562208295" "seg_1_apc_lo -1.79585997979886" "seg_1_apc_hi -0.783173921696875" \
		"seg_2_apc -0.066980795593118" "seg_2_apc_lo -0.227332313742888" "seg_2_apc_hi 0.0936284345129339" \
		"seg_3_apc -2.07701930007241" "seg_3_apc_lo -2.14922518411369" "seg_3_apc_hi -2.00476013398303" \
		"aapc -1.55440439656601" "aapc_lo -1.60249235211359" "aapc_hi -1.50629293990011"; do
		set -- $c
		near "$1" "$2" 1e-9 || { ok=1; echo "# $1 is not $2" >&2; }
	done
	check "heart disease, se weights: segment APCs, AAPC and their CIs as R's to 1e-9" $ok
	ok=0
	for c in "seg_1_p 7.10547721291531e-06" "seg_2_p 0.40475729293487" "seg_3_p 2.85880291274409e-42"; do
		set -- $c
		near "$1" "$2" 1e-6 || ok=1
	done
	check "heart disease, se weights: segment p-values as R's to 1e-6" $ok

	awk -F, 'BEGIN { print "region,indicator,period,value,se" } NR > 1 { i = NR - 2
		printf "US,tb,%s,%s,%.10g\n", $1, $2, 2 + 0.05 * i }' \
		"$oracle/joinpoint_published_tb_linear_1900_1998.csv" >"$T/tb.csv"
	"$bin/ind-trend" --summary --linear --joinpoints 2 --select bic --weights se "$T/tb.csv" >"$T/out" 2>"$T/err"
	awk -F, 'NR == 2 { exit !($0 ~ /,2,bic,,1933,1958,1900,1933,/) }' "$T/out"
	check "tuberculosis, se weights: 2 joinpoints by BIC, 1933 and 1958 (R)" $?
	ok=0
	for c in "seg_1_slope -4.20355618358536" "seg_1_slope_lo -4.35780810997423" "seg_1_slope_hi -4.04930425719649" \
		"seg_2_slope -2.47500835465597" "seg_2_slope_lo -2.71746763409832" "seg_2_slope_hi -2.23254907521362" \
		"seg_3_slope -0.189370666084362" "seg_3_slope_lo -0.425466814981517" "seg_3_slope_hi 0.0467254828127933" \
		"aac -2.12415703640909" "aac_lo -2.20085434743877" "aac_hi -2.0474597253794"; do
		set -- $c
		near "$1" "$2" 1e-9 || { ok=1; echo "# $1 is not $2" >&2; }
	done
	check "tuberculosis, se weights: segment slopes, AAC and their CIs as R's to 1e-9" $ok
	near seg_3_p 0.114599673668046 1e-6
	check "tuberculosis, se weights: p of the last segment as R's" $?
else
	skip "se-weighted joinpoints against R" "no ../shared/oracle-data"
fi

# refusals
printf 'region,indicator,period,value\nA,x,2001,1\nA,x,2002,2\nA,x,2003,3\n' >"$T/nose.csv"
"$bin/ind-trend" --summary --joinpoints 1 --weights se "$T/nose.csv" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "^ind-trend: $T/nose.csv:1: --weights se needs a column 'se', the standard error of each value; there is none" "$T/err" &&
	[ ! -s "$T/out" ]
check "--weights se without an se column: FILE:1: why, exit 1, nothing written" $?

{ echo "region,indicator,period,value,se"; for y in 2001 2002 2003 2004 2005 2006 2007 2008; do
	echo "A,x,$y,$((y - 1990)),0.5"; done; echo "A,x,2009,20,"; } >"$T/gap.csv"
"$bin/ind-trend" --summary --joinpoints 1 --select bic --weights se "$T/gap.csv" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 0 ] && grep -q "gap.csv:10: series 'A, x': --weights se needs a positive standard error (column se) on every value; no joinpoint model" "$T/err" &&
	awk -F, 'NR == 2 { exit !($0 ~ /,,,,/) }' "$T/out"
check "--weights se, a value without its standard error: FILE:LINE warning, no joinpoint model" $?

printf 'region,indicator,period,value,se\nA,x,2001,1,0.1\nA,x,2002,2,x\n' >"$T/badse.csv"
"$bin/ind-trend" --summary --weights se --strict "$T/badse.csv" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "badse.csv:3: se: " "$T/err"
check "--weights se, a standard error that is no number: the row rejected (FILE:LINE), --strict exit 1" $?

"$bin/ind-trend" --summary "$T/badse.csv" >"$T/out" 2>"$T/err"
check "without --weights se the se column is not read (passes through, no reject)" $(grep -q "0 rejected" "$T/err"; echo $?)
done_testing
