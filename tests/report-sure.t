#!/bin/sh
# tests/report-sure.t - the report's "how sure" sentence: without a significant change, the smallest
# detectable level change and the follow-up it needs; with one, whether placebo dates before the
# change give as large a change; in fi, en and sv, every number in statistics.csv. And a trend as a
# joinpoint regression (joinpoints = K): its joinpoints, segment APCs and AAPC. The expected
# numbers were computed once in R (tests/power/report-sure.R: the closed form of ind-compare(1),
# OLS residuals, AR(1) rho, sandwich variance, power 0.8 at alpha 0.05); the test needs no R.
set -u
. "$(dirname "$0")/lib.sh"

rep="${IND_VALGRIND:-} $bin/ind-report"
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "1..0 # SKIP no gnuplot"
	exit 0
fi
nb=$(printf '\302\240')
has() { grep -qF -- "$1" "$2"; }

# monthly 2016-01..2021-12, y = 100 + 0.1 i + e_i, e_i = (37 i mod 11) - 5, the change at 2020-01:
# weak: 2.2 added from the change on (R: level 2.644680851, OLS p 0.1047, rho -0.3860827321,
#   MDE 3.183960114, power 0.643, 21 more months to 80 % power)
# none: nothing added (R: level 0.4446808511, MDE 3.18396, not detectable within ten years)
# strong: 20 added (R: p 1.2e-19; 33 placebo dates 2016-09..2019-05, none as large: p 1/34 = 0.0294)
awk 'BEGIN {
	print "region,indicator,period,value"
	for (i = 0; i < 72; i++) {
		y = 100 + 0.1 * i + (i * 37) % 11 - 5; post = i >= 48
		printf "A,weak,%d-%02d,%.10g\n", 2016 + int(i / 12), i % 12 + 1, y + 2.2 * post
		printf "A,none,%d-%02d,%.10g\n", 2016 + int(i / 12), i % 12 + 1, y
		printf "A,strong,%d-%02d,%.10g\n", 2016 + int(i / 12), i % 12 + 1, y + 20 * post
	}
}' >"$T/data.csv"
printf 'region,indicator,period,label\nA,weak,2020-01,malli\nA,none,2020-01,malli\nA,strong,2020-01,malli\n' >"$T/events.csv"
cat >"$T/r.conf" <<'CONF'
[report]
input = data.csv
events = events.csv
regions = A
model = ols
se = ols
season = none

[goal Saatavuus]
indicators = weak, none, strong

[indicator weak]
name_fi = Käynnit
name_en = Visits
name_sv = Besök
unit_fi = käyntiä
unit_en = visits
unit_sv = besök
plural = yes
CONF
for l in fi en sv; do
	$rep --quiet --lang $l --config "$T/r.conf" -o "$T/$l" 2>"$T/err"
	check "the report renders ($l)" $?
done
st=$T/fi/statistics.csv
near() {	# near STAT WANT: the statistic of indicator weak/none/strong agrees with R to 1e-6
	awk -F, -v ind="$1" -v st="$2" -v want="$3" '$3 == ind && $4 == st { x = $5; f = 1 }
		END { d = x - want; if (d < 0) d = -d; exit !(f && d <= 1e-6 * (want < 0 ? -want : want)) }' "$st"
}
check "weak: the detectable change agrees with R" $(near weak mde_level 3.183960114; echo $?)
check "weak: and the follow-up needed" $(grep -q '^A,Saatavuus,weak,followup_needed,21,21$' "$st"; echo $?)
check "weak: the sentence (fi)" \
	$(has "Muutosta ei voida vielä todeta: nykyisellä aineistolla pienin havaittava tason muutos on 3,18 käyntiä; arvioidun muutoksen (2,64) toteaminen vaatisi noin 21 kuukauden lisäseurannan." "$T/fi/report.md"; echo $?)
check "weak: the sentence (en)" \
	$(has "The change cannot be confirmed yet: with the data at hand the smallest detectable level change is 3.18 visits; detecting the estimated change (2.64) would take about 21 more months of follow-up." "$T/en/report.md"; echo $?)
check "weak: the sentence (sv)" \
	$(has "Förändringen kan ännu inte påvisas: med nuvarande data är den minsta påvisbara nivåförändringen 3,18 besök; att påvisa den uppskattade förändringen (2,64) skulle kräva ytterligare uppföljning i ungefär 21 månader." "$T/sv/report.md"; echo $?)
check "none: not detectable within ten years, said" \
	$(has "Muutosta ei voida todeta: pienin havaittava tason muutos on 3,18, eikä arvioitua muutosta (0,44) todettaisi kymmenenkään vuoden lisäseurannalla." "$T/fi/report.md"; echo $?)
check "none: no follow-up number" $(! grep -q '^A,Saatavuus,none,followup_needed,' "$st"; echo $?)
check "strong: 33 placebo dates, none as large (R)" \
	$(grep -q '^A,Saatavuus,strong,placebo_n,33,33$' "$st" && near strong placebo_p 0.02941176471; echo $?)
check "strong: the sentence names the dates and the placebo p (fi)" \
	$(has "Muutos tuskin on sattumaa: yksikään 33 lumeajankohdasta aikavälillä syyskuu 2016${nb}– toukokuu 2019 ei antanut yhtä suurta muutosta (lumetestin p${nb}=${nb}0,029)." "$T/fi/report.md"; echo $?)
check "strong: and in English" \
	$(has "The change is unlikely to be chance: none of 33 placebo dates in September 2016${nb}– May 2019 gave as large a change (placebo p${nb}=${nb}0.029)." "$T/en/report.md"; echo $?)
check "every number of the sentences is in statistics.csv" \
	$(perl "$top/tests/report-numbers.pl" fi "$T/r.conf" "$st" "$T/fi/report.md" >/dev/null 2>"$T/err"; echo $?)
check "the Swedish report is in Swedish" \
	$(grep -q '^# Effekter och verkningsfullhet$' "$T/sv/report.md" && grep -q '^## Tillgänglighet$' "$T/sv/report.md" &&
	  grep -q '<html lang="sv">' "$T/sv/index.html" && ! grep -qi 'muutos\|the change\|tason' "$T/sv/report.md"; echo $?)

# quasi-Poisson, a drop of 7 % (tests/power/poisson.R, V): level -0.06270244349 (p 0.40), MDE on the
# log scale 0.2047467313, a fall of 18.51463328 %; the estimate -6.077709599 %; not within ten years
y4="200 218 176 214 205 179 223 191 190 223 180 204 200 164 202 187 169 208 174 180 206 165 193 197 164 204"
{ echo region,indicator,period,value; i=0; for v in $y4; do
	printf 'V,visits,%d-%02d,%s\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done; } >"$T/pq.csv"
printf 'region,indicator,period,label\nV,visits,2019-01,malli\n' >"$T/pq-events.csv"
printf '[report]\ninput = pq.csv\nevents = pq-events.csv\nregions = V\nmodel = quasipoisson\nseason = none\n\n[goal Saatavuus]\nindicators = visits\n' >"$T/pq.conf"
$rep --quiet --config "$T/pq.conf" -o "$T/pq" 2>"$T/err"
check "quasi-Poisson: the report renders" $?
st=$T/pq/statistics.csv
check "quasi-Poisson: the detectable fall in percent agrees with R" $(near visits mde_level_pct -18.51463328; echo $?)
check "quasi-Poisson: the sentence, in percent" \
	$(has "Muutosta ei voida todeta: pienin havaittava tason muutos on −18,5 %, eikä arvioitua muutosta (−6,1 %) todettaisi kymmenenkään vuoden lisäseurannalla." "$T/pq/report.md"; echo $?)

# two changes for one series: both analysed, each with its own sentence, none left out quietly
# (Lappi T3: COVID-19 2020-03 and remote reception 2021-09, as ind-compare --at 2020-03 --at 2021-09)
printf 'region,indicator,period,label\nLappi,t3_days,2020-03,covid\nLappi,t3_days,2021-09,etävastaanotto\n' >"$T/two.csv"
printf '[report]\ninput = %s\nevents = %s\nregions = Lappi\nmodel = ols\nse = ols\nseason = none\n\n[goal Saatavuus]\nindicators = t3_days\n' \
	"$s/indicators.csv" "$T/two.csv" >"$T/two.conf"
$rep --quiet --config "$T/two.conf" -o "$T/two" 2>"$T/err"
check "two changes: the report renders" $?
"$bin/ind-compare" --at 2020-03 --at 2021-09 --se ols --season none --summary "$s/indicators.csv" 2>/dev/null |
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } $1 == "Lappi" && $2 == "t3_days" { print $c["at"], $c["level"] }' >"$T/two.want"
check "two changes: ind-compare gives two level changes" $([ "$(wc -l <"$T/two.want")" -eq 2 ]; echo $?)
check "two changes: statistics.csv has both, as ind-compare (level, level_2; |x| when called level_abs)" \
	$(awk -F, 'FNR == NR { want[$1] = $2 < 0 ? -$2 : $2; next }
		$4 ~ /^level(_abs)?$/ { got["2020-03"] = $5 < 0 ? -$5 : $5 } $4 ~ /^level(_abs)?_2$/ { got["2021-09"] = $5 < 0 ? -$5 : $5 }
		END { for (k in want) { d = got[k] - want[k]; if (!(k in got) || d > 1e-12 || d < -1e-12) exit 1 } }' \
		FS=' ' "$T/two.want" FS=, "$T/two/statistics.csv"; echo $?)
check "two changes: a sentence for each" \
	$(grep -q "muutoksen ”covid” (maaliskuu 2020)" "$T/two/report.md" && grep -q "muutoksen ”etävastaanotto” (syyskuu 2021)" "$T/two/report.md"; echo $?)
check "two changes: 3 placebo dates before the second, none as large, cannot give a small p: said so, not 'unlikely to be chance'" \
	$(has "Sattuman osuutta ei voida arvioida luotettavasti: yksikään 3 lumeajankohdasta aikavälillä marraskuu 2020${nb}– tammikuu 2021 ei antanut yhtä suurta muutosta, mutta näin harvat ajankohdat eivät voi antaa pientä p-arvoa (lumetestin p${nb}=${nb}0,250)." "$T/two/report.md" &&
	  ! grep -q "tuskin on sattumaa" "$T/two/report.md"; echo $?)
check "two changes: the chart marks both" \
	$(grep -q 'muutos maaliskuu 2020' "$T/two/index.html" && grep -q 'muutos syyskuu 2021' "$T/two/index.html"; echo $?)
check "two changes: every number of the sentences is in statistics.csv" \
	$(perl "$top/tests/report-numbers.pl" fi "$T/two.conf" "$T/two/statistics.csv" "$T/two/report.md" >/dev/null 2>"$T/err"; echo $?)
printf 'region,indicator,period,label\nLappi,t3_days,2020-13,x\n' >"$T/bad-events.csv"
sed "s|^events = .*|events = $T/bad-events.csv|" "$T/two.conf" >"$T/bad.conf"
$rep --quiet --config "$T/bad.conf" -o "$T/bad" 2>"$T/err"
check "an events row whose period does not parse: an error with its line, not a row left out" \
	$([ $? -eq 1 ] && grep -q "bad-events.csv:2:" "$T/err"; echo $?)

# joinpoints = 2: a log-linear trend that turns at 2019-07 (tests/power/report-joinpoints.R: the
# continuous fit with that joinpoint, intervals on n - 2k - 2 degrees of freedom as NCI Joinpoint):
#   segment 1 APC 8.41685123708 (8.06975520477 ... 8.76506206470), segment 2 -5.89280076512
#   (-6.20636352986 ... -5.57818972449)
awk 'BEGIN {
	print "region,indicator,period,value"
	for (i = 0; i < 60; i++) {
		t = i / 12; y = (t < 2.5 ? 100 * exp(0.08 * t) : 100 * exp(0.08 * 2.5 - 0.06 * (t - 2.5))) * (1 + ((i * 37) % 11 - 5) / 400)
		printf "A,jp,%d-%02d,%.6f\n", 2017 + int(i / 12), i % 12 + 1, y
	}
}' >"$T/jp.csv"
printf '[report]\ninput = jp.csv\nregions = A\nseason = none\n\n[goal Saatavuus]\nindicators = jp\n\n[indicator jp]\njoinpoints = 2\n' >"$T/jp.conf"
for l in fi en; do
	$rep --quiet --lang $l --config "$T/jp.conf" -o "$T/jp-$l" 2>"$T/err"
	check "joinpoints: the report renders ($l)" $?
done
st=$T/jp-fi/statistics.csv
check "joinpoints: one found, at July 2019 (permutation test)" \
	$(has "Joinpoint-analyysi löysi trendistä 1 muutoskohdan (permutaatiotesti): heinäkuu 2019." "$T/jp-fi/report.md"; echo $?)
check "joinpoints: the segments' APCs agree with R" \
	$(near jp seg_1_apc 8.41685123708 && near jp seg_1_apc_lo 8.06975520477 && near jp seg_1_apc_hi 8.76506206470 &&
	  near jp seg_2_apc -5.89280076512 && near jp seg_2_apc_lo -6.20636352986 && near jp seg_2_apc_hi -5.57818972449; echo $?)
check "joinpoints: the segments in the sentence" \
	$(has "Muutos jaksoittain: tammikuu 2017${nb}– heinäkuu 2019: 8,4 % vuodessa (95 %:n lv 8,1${nb}…${nb}8,8, p${nb}<${nb}0,001); heinäkuu 2019${nb}– joulukuu 2021: −5,9 % vuodessa (95 %:n lv −6,2${nb}…${nb}−5,6, p${nb}<${nb}0,001)." "$T/jp-fi/report.md"; echo $?)
check "joinpoints: the chart is a joinpoint chart, its APCs those of the text" \
	$(grep -q 'APC +8,4' "$T/jp-fi/index.html" && grep -q 'APC −5,9' "$T/jp-fi/index.html"; echo $?)
check "joinpoints: and in English" \
	$(has "The joinpoint analysis found 1 joinpoint in the trend (permutation test): July 2019." "$T/jp-en/report.md"; echo $?)
"$bin/ind-trend" --summary --joinpoints 2 "$T/jp.csv" >"$T/jp.sum" 2>/dev/null
check "joinpoints: the AAPC is ind-trend's" \
	$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["aapc"] }' "$T/jp.sum" |
	  { read a; grep -q "^A,Saatavuus,jp,aapc,$a," "$st"; }; echo $?)
check "joinpoints: every number of the sentences is in statistics.csv" \
	$(perl "$top/tests/report-numbers.pl" fi "$T/jp.conf" "$st" "$T/jp-fi/report.md" >/dev/null 2>"$T/err"; echo $?)
done_testing
