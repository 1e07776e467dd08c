#!/bin/sh
# tests/sumto.t - ind-load --sum-to: municipality rows summed into the county or maakunta of their
# year, checked against sums that awk computes from lib/data/municipalities.csv; refusals; the same
# bytes for any --threads and --block-size.
set -u
. "$(dirname "$0")/lib.sh"

load="${IND_VALGRIND:-} $bin/ind-load"
csv=$top/lib/data/municipalities.csv

# Joroinen (171) moved from Etelä-Savo to Pohjois-Savo in 2021; Nilsiä (534) merged into Kuopio in 2013
cat >"$T/rates.csv" <<'ROWS'
alue,vuosi,indikaattori,arvo,osoittaja,nimittäjä
171 Joroinen,2020,visits,50.0,5,10
171 Joroinen,2021,visits,50.0,5,10
297 Kuopio,2020,visits,25.0,25,100
297 Kuopio,2021,visits,25.0,25,100
KU534,2014,visits,10.0,1,10
297 Kuopio,2014,visits,20.0,20,100
ROWS
$load --sum-to maakunta "$T/rates.csv" >"$T/out" 2>"$T/err"
cat >"$T/want" <<'ROWS'
region,indicator,period,value,numerator,denominator
Etelä-Savo,visits,2020,50,5,10
Pohjois-Savo,visits,2021,27.272727272727273,30,110
Pohjois-Savo,visits,2020,25,25,100
Pohjois-Savo,visits,2014,19.09090909090909,21,110
ROWS
check "maakunta: Joroinen 2020 alone in Etelä-Savo, 2021 summed with Kuopio; Nilsiä 2014 through Kuopio; value 100 * sum / sum" \
	$(cmp -s "$T/want" "$T/out" && grep -q '6 records summed into 4 rows' "$T/err"; echo $?)
$load --sum-to county --region-names code "$T/rates.csv" 2>/dev/null | cut -d, -f1,3,5,6 | tail -n +2 | tr '\n' ' ' >"$T/out"
check "county: Joroinen is in county 13 (notional) in both years" \
	$([ "$(cat "$T/out")" = "13,2020,30,110 13,2021,30,110 13,2014,21,110 " ]; echo $?)

# per 1000 and per 100000 scales; a value of 0 with numerator 0 shows no scale
cat >"$T/per.csv" <<'ROWS'
alue,vuosi,indikaattori,arvo,osoittaja,nimittäjä
091,2021,deaths,2.5,5,2000
049,2021,deaths,0,0,3000
092,2021,deaths,1.3,4,3000
091,2021,cases,12.3,123,1000000
092,2021,cases,10.0,100,1000000
ROWS
$load --sum-to county --region-names code "$T/per.csv" >"$T/out" 2>"$T/err"
check "the scale each row shows: per 1000 (5/2000 is 2.5) and per 100000; 0 of 0 counts in the sums" \
	$([ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "90,deaths,2021,2.5,5,2000 03,deaths,2021,0,0,3000 04,deaths,2021,1.3333333333333333,4,3000 90,cases,2021,12.3,123,1000000 04,cases,2021,10,100,1000000 " ]; echo $?)

# counts: a count unit is summed as it is; values without one need --sum-values
cat >"$T/counts.csv" <<'ROWS'
alue;vuosi;indikaattori;arvo;yksikkö
171 Joroinen;2021;births;40;lkm
297 Kuopio;2021;births;1 120;lkm
171 Joroinen;2020;births;38;lkm
ROWS
$load --sum-to maakunta "$T/counts.csv" >"$T/out" 2>"$T/err"
check "a count unit (lkm): values summed, the unit kept" \
	$([ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "Pohjois-Savo,births,2021,1160,lkm Etelä-Savo,births,2020,38,lkm " ]; echo $?)
printf 'alue,vuosi,arvo\n171 Joroinen,2021,40\n297 Kuopio,2021,1120\n' >"$T/plain.csv"
$load --sum-to county -o "$T/o.csv" "$T/plain.csv" >/dev/null 2>"$T/err"
rc=$?
check "values with no numerator, denominator or unit: refused at the first row, exit 1, no output file" \
	$([ $rc -eq 1 ] && [ ! -e "$T/o.csv" ] &&
	  grep -qx "ind-load: $T/plain.csv:2: 'plain' has no numerator and denominator: a rate or share cannot be summed (--sum-values if its values are counts)" "$T/err"; echo $?)
$load --sum-to county --sum-values "$T/plain.csv" 2>/dev/null | tail -n +2 >"$T/out"
check "--sum-values: the values summed" $([ "$(cat "$T/out")" = "Pohjois-Savon hyvinvointialue,plain,2021,1160" ]; echo $?)
printf 'alue,vuosi,arvo,yksikkö\n171 Joroinen,2021,4.5,%%\n297 Kuopio,2021,7.5,%%\n' >"$T/pct.csv"
$load --sum-to county --sum-values "$T/pct.csv" >/dev/null 2>"$T/err"
rc=$?
check "a share ('%') without numerator and denominator: refused even with --sum-values" \
	$([ $rc -eq 1 ] && grep -qx "ind-load: $T/pct.csv:2: 'pct' in '%' is a rate or share: it cannot be summed without numerator and denominator" "$T/err"; echo $?)
printf 'alue,vuosi,arvo,yksikkö\n171 Joroinen,2021,4.5,Percent\n' >"$T/percent.csv"
printf 'alue,vuosi,arvo,yksikkö\n171 Joroinen,2021,4.5,prosenttia\n' >"$T/prosenttia.csv"
$load --sum-to county --sum-values "$T/percent.csv" >/dev/null 2>&1
rc1=$?
$load --sum-to county --sum-values "$T/prosenttia.csv" >/dev/null 2>&1
rc2=$?
check "units 'Percent' and 'prosenttia': shares, refused even with --sum-values" $([ $rc1 -eq 1 ] && [ $rc2 -eq 1 ]; echo $?)
printf 'alue,vuosi,arvo,osoittaja,nimittäjä\n171,2021,50,5,10\n297,2021,31,25,100\n' >"$T/odd.csv"
$load --sum-to county "$T/odd.csv" >/dev/null 2>"$T/err"
rc=$?
check "a value that is no numerator / denominator at any scale: refused with its line" \
	$([ $rc -eq 1 ] && grep -qx "ind-load: $T/odd.csv:3: value 31 is not numerator / denominator (25 / 100) times 1, 10, 100, 1000, 10000 or 100000: cannot be summed" "$T/err"; echo $?)
printf 'alue,vuosi,arvo,osoittaja,nimittäjä\n171,2021,50,5,10\n297,2021,25,25,1000\n' >"$T/mixed.csv"
$load --sum-to county "$T/mixed.csv" >/dev/null 2>"$T/err"
rc=$?
check "rows of one cell at different scales (per 100, per 1000): refused at the row that leaves no scale" \
	$([ $rc -eq 1 ] && grep -q "^ind-load: $T/mixed.csv:3: Pohjois-Savon hyvinvointialue, mixed, 2021: no one scale" "$T/err"; echo $?)
printf 'alue,vuosi,indikaattori,arvo\n297,2021,visits,7\n' >"$T/two.csv"
printf 'alue,vuosi,indikaattori,arvo,osoittaja,nimittäjä\n171,2021,visits,50,5,10\n' >"$T/one.csv"
$load --sum-to county --sum-values "$T/one.csv" "$T/two.csv" >/dev/null 2>"$T/err"
rc=$?
check "one cell from a file with numerator and denominator and one without: refused, naming both rows" \
	$([ $rc -eq 1 ] && grep -qx "ind-load: $T/two.csv:2: Pohjois-Savon hyvinvointialue, visits, 2021: no numerator and denominator, where $T/one.csv:2 has them: cannot be summed" "$T/err"; echo $?)
printf 'alue,vuosi,arvo,osoittaja,nimittäjä\n171,2021,50,5,10\n297,2021,..,..,100\n091,2021,10,1,10\n' >"$T/miss.csv"
$load --sum-to county "$T/miss.csv" >"$T/out" 2>"$T/err"
check "a missing numerator: the cell's value and numerator empty, counted; other cells summed" \
	$([ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "Pohjois-Savon hyvinvointialue,miss,2021,,,110 Helsingin kaupunki,miss,2021,10,1,10 " ] &&
	  grep -q '1 summed rows with an empty value' "$T/err"; echo $?)
# a municipality twice in one cell: a repeated row, or a file given twice, is no sum
printf 'alue,vuosi,arvo,osoittaja,nimittäjä\n091,2020,10,1,10\n171,2021,50,5,10\n297,2021,25,25,100\n171 Joroinen,2021,50,5,10\n' >"$T/dup.csv"
$load --sum-to county "$T/dup.csv" >/dev/null 2>"$T/err"
rc=$?
check "a municipality twice in a cell ('171' and '171 Joroinen'): refused at the cell's first row, naming the code" \
	$([ $rc -eq 1 ] && grep -qx "ind-load: $T/dup.csv:3: the cell Pohjois-Savon hyvinvointialue, dup, 2021, which this row starts, has municipality 171 twice (a row repeated, or a file given twice?): cannot be summed" "$T/err"; echo $?)
$load --sum-to county --threads 2 --block-size 1 "$T/rates.csv" "$T/rates.csv" >/dev/null 2>"$T/err"
rc=$?
check "one file given twice: refused at its first row's cell, on any number of threads" \
	$([ $rc -eq 1 ] && grep -q "^ind-load: $T/rates.csv:2: the cell Pohjois-Savon hyvinvointialue, visits, 2020, which this row starts, has municipality 171 twice" "$T/err"; echo $?)
$load --sum-to county --region-level maakunta "$T/miss.csv" >/dev/null 2>&1
check "--sum-to county with --region-level maakunta: usage error" $([ $? -eq 2 ]; echo $?)
$load --sum-to municipality "$T/miss.csv" >/dev/null 2>&1
check "--sum-to municipality: usage error" $([ $? -eq 2 ]; echo $?)
$load --sum-values "$T/miss.csv" >/dev/null 2>&1
check "--sum-values without --sum-to: usage error" $([ $? -eq 2 ]; echo $?)

# many rows: every municipality of 2021 in 2019-2021, two indicators, per 100 rounded to one decimal;
# the sums as awk computes them from the classification, and the same bytes for any threads and blocks
awk -F, 'NR > 1 && $1 == 2021 && $7 != 91 { code[++n] = $2 }
	END { print "alue,vuosi,indikaattori,arvo,osoittaja,nimittäjä"
		for (y = 2019; y <= 2021; y++) for (i = 1; i <= n; i++) for (k = 1; k <= 2; k++) {
			num = (i * 7 + y * 3 + k) % 97; den = 100 + (i * 13 + k * y) % 900
			printf "%s,%d,ind%d,%.1f,%d,%d\n", code[i], y, k, 100 * num / den, num, den } }' "$csv" >"$T/big.csv"
awk -F, 'FILENAME !~ /big/ { if ($1 == 2021) county[$2] = $8; next }
	FNR > 1 { key = county[$1] "," $3 "," $2; num[key] += $5; den[key] += $6 }
	END { for (k in num) printf "%s,%d,%d,%.12g\n", k, num[k], den[k], 100 * num[k] / den[k] }' "$csv" "$T/big.csv" | sort >"$T/want"
$load --sum-to county --threads 1 "$T/big.csv" >"$T/one" 2>"$T/err"
awk -F, 'NR > 1 { printf "%s,%s,%s,%s,%s,%.12g\n", $1, $2, $3, $5, $6, $4 }' "$T/one" | sort >"$T/got"
check "$(($(wc -l <"$T/big.csv") - 1)) rows into $(wc -l <"$T/want") cells: numerators, denominators and values as awk sums them" \
	$([ "$(wc -l <"$T/want")" -eq 132 ] && cmp -s "$T/want" "$T/got"; echo $?)
same=0
for opts in "--threads 2 --block-size 1" "--threads 2 --block-size 4096" "--threads 3 --block-size 777"; do
	$load --sum-to county $opts "$T/big.csv" 2>/dev/null | cmp -s - "$T/one" || same=1
done
check "--threads 2 and 3, blocks of 1, 777 and 4096 bytes: the same bytes as one thread" $same

# the real PxWeb export: the eligible voters of 293 municipalities (2021) summed into 21 counties and
# Helsinki, as awk sums them through the classification (Honkajoki through its successor Kankaanpää)
d=${IND_REAL_EXPORTS:-$top/../shared/real-exports}
f=$d/statfin_vaalit_latin1.csv
if [ -f "$f" ]; then
	$load --sum-to county --sum-values "$f" >"$T/out" 2>"$T/err"
	awk -F, 'FILENAME ~ /mergers/ { if (substr($1, 1, 4) <= 2021) succ[$2] = $4; next }
		FILENAME ~ /municipalities/ { if ($1 == 2021) county[$2] = $8; next }
		FNR > 1 { gsub(/"/, ""); split($0, f, ";"); c = substr(f[2], 1, 3); if (!(c in county)) c = succ[c]
			sum[county[c]] += f[3] }
		END { for (k in sum) print k "," sum[k] }' "$top/lib/data/municipality_mergers.csv" "$csv" "$f" | sort >"$T/want"
	tail -n +2 "$T/out" | cut -d, -f1,4 | sort >"$T/got"
	check "statfin_vaalit_latin1.csv --sum-to county: 22 rows (21 counties + Helsinki), the sums awk makes" \
		$([ "$(wc -l <"$T/got")" -eq 22 ] && cmp -s "$T/want" "$T/got" && grep -q '293 records summed into 22 rows' "$T/err"; echo $?)
else
	skip "statfin_vaalit_latin1.csv --sum-to county: 22 rows, the sums awk makes" "no ../shared/real-exports"
fi

done_testing
