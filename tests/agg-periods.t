#!/bin/sh
# tests/agg-periods.t - ind-agg writes every period (0 counts, empty shares), reads period columns
# as dates, and gives any percentile of waits as R's type 7 quantile.
set -u
. "$(dirname "$0")/lib.sh"

agg="${IND_VALGRIND:-} $bin/ind-agg"

# ---- periods without rows: events in January and March give a February row
printf 'region,d,ch,c,v,x\nA,2021-01-05,x,2021-01-01,2021-01-05,2\nA,2021-03-02,y,2021-03-01,2021-03-09,3\nB,2021-02-10,x,2021-02-01,2021-02-02,\n' >"$T/z.csv"
$agg -r region -t d -m n=count -m s=share:ch=x -m t=sum:x -m w=wait:c,v --within 7 --percentiles 50 "$T/z.csv" >"$T/out" 2>"$T/err"
check "zero months: exit 0" $?
# by hand: A has rows in 2021-01 and 2021-03, B in 2021-02; every region gets 2021-01..2021-03
cat >"$T/want" <<'ROWS'
A,n,2021-01,1,,
A,n,2021-02,0,,
A,n,2021-03,1,,
B,n,2021-01,0,,
B,n,2021-02,1,,
B,n,2021-03,0,,
ROWS
grep ',n,' "$T/out" | cmp -s - "$T/want"; check "zero months: a count is 0 in every period without rows, for every region" $?
check "zero months: an empty share is empty with 0/0, not 0 %" \
	$([ "$(grep '^A,s,2021-02,' "$T/out")" = "A,s,2021-02,,0,0" ] && [ "$(grep '^B,s,2021-03,' "$T/out")" = "B,s,2021-03,,0,0" ]; echo $?)
check "zero months: a sum is 0 where no row fell, empty where rows had no value" \
	$([ "$(grep '^A,t,2021-02,' "$T/out")" = "A,t,2021-02,0,," ] && [ "$(grep '^B,t,2021-02,' "$T/out")" = "B,t,2021-02,,," ]; echo $?)
check "zero months: waits empty where no row fell" \
	$([ "$(grep '^A,w_median,2021-02,' "$T/out")" = "A,w_median,2021-02,,," ] &&
	  [ "$(grep '^A,w_within_7d,2021-02,' "$T/out")" = "A,w_within_7d,2021-02,,0,0" ]; echo $?)
# 3 filled periods; per filled period one share and one wait are empty: 6
check "zero months: stderr counts the periods written and the values left empty" \
	$(grep -qx 'ind-agg: 3 periods without rows written: counts and sums 0, the rest empty' "$T/err" &&
	  grep -qx 'ind-agg: 6 shares, waits and means have no rows in their period: left empty' "$T/err"; echo $?)
$agg -r region -t d -m n=count --from 2020-12 --to 2021-02 "$T/z.csv" >"$T/out" 2>"$T/err"
check "--from/--to: the periods written, rows outside left out and counted" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f1,3,4 | tr '\n' ' ')" = "A,2020-12,0 A,2021-01,1 A,2021-02,0 B,2020-12,0 B,2021-01,0 B,2021-02,1 " ] &&
	  grep -qx 'ind-agg: 1 rows left out by --from/--to' "$T/err"; echo $?)
$agg -r region -t d -m n=count --by week "$T/z.csv" >"$T/out" 2>/dev/null
# ISO weeks 2021-W01 (5 Jan) .. 2021-W09 (2 Mar): 9 weeks a region
check "weeks: 2021-W01..2021-W09 for both regions (18 rows)" \
	$([ "$(tail -n +2 "$T/out" | wc -l)" -eq 18 ] && [ "$(sed -n 2p "$T/out")" = "A,n,2021-W01,1,," ] &&
	  [ "$(grep -c ',0,,$' "$T/out")" -eq 15 ]; echo $?)
# a week 53 is stepped over into the next year: 2020 has 53 ISO weeks
printf 'region,d\nA,2020-12-21\nA,2021-01-11\n' >"$T/w53.csv"
$agg -r region -t d -m n=count --by week "$T/w53.csv" 2>/dev/null | tail -n +2 | cut -d, -f3 | tr '\n' ' ' >"$T/out"
check "weeks over New Year: 2020-W52 2020-W53 2021-W01 2021-W02" $([ "$(cat "$T/out")" = "2020-W52 2020-W53 2021-W01 2021-W02 " ]; echo $?)

# ---- period columns as dates
printf 'Vuosi,alue\n2021,A\n2021,A\n2023,A\n' >"$T/y.csv"
$agg -r alue -t Vuosi --by year -m n=count "$T/y.csv" >"$T/out" 2>"$T/err"
check "a year column with --by year: 2021 2, 2022 0, 2023 1" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f3,4 | tr '\n' ' ')" = "2021,2 2022,0 2023,1 " ]; echo $?)
$agg -r alue -t Vuosi -m n=count "$T/y.csv" >"$T/out" 2>"$T/err"
check "a year column with --by month: usage error, exit 2, naming the column" \
	$([ $? -eq 2 ] && grep -qx "ind-agg: --by month is finer than the date column 'Vuosi' ('2021' is a year); use --by year or coarser" "$T/err" &&
	  [ ! -s "$T/out" ]; echo $?)
printf 'kk,alue\n2021-03,A\n2021M05,A\n2021-06,A\n2021K3,A\n2021-07-15,A\n' >"$T/m.csv"
$agg -r alue -t kk -m n=count "$T/m.csv" >"$T/out" 2>"$T/err"
# 2021K3 is a quarter: coarser than --by month, a reject with its line
check "a month column: 2021-03 1, 04 0, 05 1, 06 1, 07 1; the quarter rejected at line 5" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f3,4 | tr '\n' ' ')" = "2021-03,1 2021-04,0 2021-05,1 2021-06,1 2021-07,1 " ] &&
	  grep -qx "ind-agg: $T/m.csv:5: kk: '2021K3' is a quarter, coarser than --by month" "$T/err"; echo $?)
$agg -r alue -t kk --by quarter -m n=count "$T/m.csv" >"$T/out" 2>"$T/err"
check "a month column by quarter: Q1 1 (March), Q2 2, Q3 2" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f3,4 | tr '\n' ' ')" = "2021-Q1,1 2021-Q2,2 2021-Q3,2 " ]; echo $?)
printf 'vk,alue\n2021-W05,A\n' >"$T/wk.csv"
$agg -r alue -t vk --by year -m n=count "$T/wk.csv" >/dev/null 2>"$T/err"
check "a week column by year: usage error (a week straddles years)" \
	$([ $? -eq 2 ] && grep -q "a week does not fall in one year; use --by week" "$T/err"; echo $?)

# ---- percentiles against R
# x <- c(0,1,1,2,3,5,8,13,21,34,55,89,144,233,377,610,987,1597,2584,4000,7,50)
# print(quantile(x, c(.25,.5,.75,.9,.95,.975), type = 7), digits = 17)
#   5.5  42  341  1536.0000000000014  2534.6499999999996  3256.5999999999967
# (R rounds (1-h) x_j + h x_j+1 in doubles; ind-agg's integer weights are exact: compared to 1e-9)
echo region,contact,visit >"$T/w.csv"
# contact = 2021-03-15 minus x days, by the epoch-day arithmetic of awk (no date tool needed)
awk 'function civil(z,   era, doe, yoe, y, doy, mp, d, m) {	# days since 1970-01-01 to Y-M-D (H. Hinnant)
		z += 719468; era = int(z / 146097); doe = z - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
		y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
		d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9
		return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d) }
	BEGIN { split("0 1 1 2 3 5 8 13 21 34 55 89 144 233 377 610 987 1597 2584 4000 7 50", x, " ")
		for (i = 1; i in x; i++) print "A," civil(18701 - x[i]) ",2021-03-15" }' >>"$T/w.csv"
$agg -r region -t visit -m w=wait:contact,visit --percentiles 25,50,75,90,95,97.5 "$T/w.csv" >"$T/out" 2>"$T/err"
check "22 waits: names w_p25 w_median w_p75 w_p90 w_p95 w_p97.5 in order" \
	$([ "$(grep -o 'w_[a-z0-9.]*' "$T/out" | sed -n 2,7p | tr '\n' ' ')" = "w_p25 w_median w_p75 w_p90 w_p95 w_p97.5 " ]; echo $?)
check "22 waits: the percentiles equal R's quantile(type = 7) to 1e-9" \
	$(awk -F, 'BEGIN { r["w_p25"] = 5.5; r["w_median"] = 42; r["w_p75"] = 341; r["w_p90"] = 1536.0000000000014
		r["w_p95"] = 2534.6499999999996; r["w_p97.5"] = 3256.5999999999967 }
		$2 in r { d = $4 - r[$2]; if (d < 0) d = -d; if (d > 1e-9 * (1 + r[$2])) bad++; seen++ }
		END { exit !(seen == 6 && bad == 0) }' "$T/out"; echo $?)
# quantile:COL, any numeric column, the same percentiles; empty cells skipped
# print(quantile(c(3.5, 1, -2.25, 1, 10, 0.001), c(.1, .25, .5, .75, .975), type = 7), digits = 17)
#   -1.12450000000000006  0.25074999999999997  1.0  2.875  9.1875
printf 'region,d,x\nA,2021-01-01,3.5\nA,2021-01-02,1\nA,2021-01-03,-2.25\nA,2021-01-04,1\nA,2021-01-05,10\nA,2021-01-06,\nA,2021-01-07,0.001\n' >"$T/q.csv"
$agg -r region -t d -m q=quantile:x --percentiles 10,25,50,75,97.5 "$T/q.csv" >"$T/out" 2>"$T/err"
check "quantile:x of 6 values (one cell empty): R's type 7 to 1e-9" \
	$(awk -F, 'BEGIN { r["q_p10"] = -1.1245; r["q_p25"] = 0.25075; r["q_median"] = 1; r["q_p75"] = 2.875; r["q_p97.5"] = 9.1875 }
		$2 in r { d = $4 - r[$2]; if (d < 0) d = -d; if (d > 1e-9 * (1 + (r[$2] < 0 ? -r[$2] : r[$2]))) bad++; seen++ }
		END { exit !(seen == 5 && bad == 0) }' "$T/out"; echo $?)
$agg -r region -t d -m q=quantile:x --partial "$T/q.csv" >"$T/q.part" 2>/dev/null
$agg --merge "$T/q.part" >"$T/back" 2>/dev/null
check "quantile: a partial file keeps every value (value:rows) and merges to the same" \
	$(grep -q '^A,2021-01,q,quantile:x,6,0,13.251,-2.25:1;0.001:1;1:2;3.5:1;10:1$' "$T/q.part" &&
	  $agg -r region -t d -m q=quantile:x "$T/q.csv" 2>/dev/null | cmp -s - "$T/back"; echo $?)
# the default stays the two of before
$agg -r region -t visit -m w=wait:contact,visit "$T/w.csv" 2>/dev/null | cut -d, -f2 | grep -E '_(median|p[0-9])' | tr '\n' ' ' >"$T/out"
check "default percentiles: w_median w_p90" $([ "$(cat "$T/out")" = "w_median w_p90 " ]; echo $?)
for bad in 0 100 50,50 abc 25, 12.34; do
	$agg -r region -t visit -m w=wait:contact,visit --percentiles "$bad" "$T/w.csv" >/dev/null 2>"$T/err"
	check "--percentiles '$bad': usage error" $([ $? -eq 2 ] && grep -q "invalid --percentiles '$bad'" "$T/err"; echo $?)
done
$agg -r region -t visit -m n=count --from 2021-05 --to 2021-02 "$T/w.csv" >/dev/null 2>"$T/err"
check "--from after --to: usage error" $([ $? -eq 2 ] && grep -qx "ind-agg: --from 2021-05 is after --to 2021-02" "$T/err"; echo $?)
$agg -r region -t visit -m n=count --from 2021 "$T/w.csv" >/dev/null 2>"$T/err"
check "--from coarser than --by: usage error" $([ $? -eq 2 ] && grep -q "invalid --from '2021': expected a month (as --by)" "$T/err"; echo $?)

done_testing
