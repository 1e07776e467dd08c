#!/bin/sh
# tests/report-findings.t - what ind-report says about a series, sentence by sentence: trends on the
# periods the text names (exclude), the error model (se auto, none of Newey-West under Poisson,
# short series said), Poisson changes as rate ratios and percentages with a labelled p, caveats in
# the report's language only, a region's own change and its comparison that disagree, sentence
# case, units, p and periods as a reader writes them. The expected numbers were computed once in R;
# the test itself needs no R.
set -u
. "$(dirname "$0")/lib.sh"

rep="${IND_VALGRIND:-} $bin/ind-report"
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "1..0 # SKIP no gnuplot"
	exit 0
fi
nb=$(printf '\302\240')	# the no-break space inside "p = 0,029" and "p < 0,001"
has() { grep -qF -- "$1" "$2"; }
# a row of a Markdown table, whatever its padding: row LABEL CELL FILE
row() { perl -CSDA -ne 'BEGIN { ($l, $c) = splice @ARGV, 0, 2 } $f = 1 if /^\|\s*\Q$l\E\s*\|\s*\Q$c\E\s*\|$/; END { exit !$f }' "$1" "$2" "$3"; }

# visits: region A and its comparison region C, monthly 2018-01..2019-12, the change "tiimimalli" at
# 2019-01; A falls, C falls more. gross: A only, yearly 2015-2020, six values, no [indicator]
# section. own: A only, the change at 2019-01, no values in C. covid: A, monthly 2019-2022, rising.
pa="200 205 198 210 207 199 212 208 203 215 209 206 165 170 162 168 172 166 160 171 169 163 167 174"
pc="300 310 295 305 312 298 303 308 301 299 311 306 250 262 248 255 260 251 258 249 263 254 257 252"
# small: counts with denominators, A 18..36 of 1 000, C some 400 of 20 000 (model = ols)
sa="18 20 19 21 18 20 22 19 21 20 19 22 30 33 31 35 32 34 36 31 33 35 32 34"
sc="400 410 395 405 412 398 403 408 401 399 411 406 420 432 418 425 430 421 428 419 433 424 427 422"
{
	echo region,indicator,period,value,numerator,denominator
	i=0; for v in $pa; do printf 'A,visits,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	i=0; for v in $pc; do printf 'C,visits,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	y=2015; for v in 9100 8400 7900 7300 6600 6100; do printf 'A,gross,%d,%s,,\n' $y $v; y=$((y + 1)); done
	i=0; for v in $pa; do printf 'A,own,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	i=0; for v in $sa; do printf 'A,small,%d-%02d,%s,%s,1000\n' $((2018 + i / 12)) $((i % 12 + 1)) $v $v; i=$((i + 1)); done
	i=0; for v in $sc; do printf 'C,small,%d-%02d,%s,%s,20000\n' $((2018 + i / 12)) $((i % 12 + 1)) $v $v; i=$((i + 1)); done
	i=0; for v in $sa; do printf 'A,people,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	i=0; for v in $sc; do printf 'C,people,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	i=0; for v in $pa; do [ $i -lt 14 ] && printf 'A,few,%d-%02d,%s,,\n' $((2018 + i / 12)) $((i % 12 + 1)) $v; i=$((i + 1)); done
	i=0; while [ $i -lt 48 ]; do
		printf 'A,covid,%d-%02d,%d,,\n' $((2019 + i / 12)) $((i % 12 + 1)) $((50 + i + (i * 7) % 5)); i=$((i + 1))
	done
} >"$T/data.csv"
printf 'region,indicator,period,label\nA,visits,2019-01,tiimimalli\nA,own,2019-01,tiimimalli\nA,small,2019-01,tiimimalli\nA,few,2019-01,tiimimalli\nA,people,2019-01,tiimimalli\n' >"$T/events.csv"
printf 'region,period,population\nA,2018,1000\nA,2019,1000\nC,2018,20000\nC,2019,20000\n' >"$T/population.csv"
conf() {
	cat <<CONF
[report]
input = data.csv
events = events.csv
regions = A
controls = C
model = poisson
season = none
population = population.csv
$1

[goal Saatavuus]
indicators = visits, gross, own, covid, small, few, people

[indicator visits]
name_fi = Käynnit
name_en = Visits
unit_fi = käyntiä kuukaudessa
unit_en = visits a month
better = lower
plural = yes

[indicator small]
name_fi = Asiakkaat
name_en = Clients
unit_fi = henkilöä
unit_en = persons
plural = yes
model = ols

[indicator people]
count = yes
model = ols
CONF
}
conf "" >"$T/r.conf"
conf "se = hac" >"$T/hac.conf"
$rep --quiet --config "$T/r.conf" -o "$T/fi" 2>"$T/err"
check "the report renders" $?
$rep --quiet --lang en --config "$T/r.conf" -o "$T/en" 2>"$T/err"
check "and in English" $?
$rep --quiet --config "$T/hac.conf" -o "$T/hac" 2>"$T/err"
check "and with se = hac" $?

# Poisson: the level change as a rate ratio and a percentage, with its interval and a labelled p.
# R (glm, as lib/compare.c: a GLM's intervals use the normal quantile):
#   y <- c(200,205,198,210,207,199,212,208,203,215,209,206,165,170,162,168,172,166,160,171,169,163,167,174)
#   t <- 2018 + (0:23) / 12; tt <- t - 2019; post <- as.numeric(t >= 2019); tpost <- tt * post
#   f <- glm(y ~ tt + post + tpost, family = poisson); b <- coef(f); se <- sqrt(diag(vcov(f)))
#   exp(b["post"] + c(0, -1, 1) * qnorm(0.975) * se["post"])    0.7872248337 0.6999694961 0.8853570652
#   100 * (that - 1)                                             -21.27751663 -30.00305039 -11.46429348
#   summary(f)$coefficients["post", 4]                           6.566961273e-05
#   exp(b["tpost"] + c(0, -1, 1) * qnorm(0.975) * se["tpost"])  0.9779183351 0.7968836331 1.2000802
#   summary(f)$coefficients["tpost", 4]                          0.830719566
check "Poisson: the change in percent and as a rate ratio, with p (R glm)" \
	$(has "Käynnit laskivat 21,3 % (95 %:n lv 11,5${nb}…${nb}30,0 %, p${nb}<${nb}0,001) muutoksen ”tiimimalli” (tammikuu 2019) jälkeen (tasosuhde 0,787)." "$T/fi/report.md"; echo $?)
check "Poisson: the table shows the rate ratio, not the log scale" \
	$(row "Tasosuhde (95 %:n lv)" "0,787 (0,700${nb}…${nb}0,885)" "$T/fi/report.md"; echo $?)
check "Poisson: and the percent change with its interval" \
	$(row "Muutos % (95 %:n lv)" "−21,3 (−30,0${nb}…${nb}−11,5)" "$T/fi/report.md"; echo $?)
check "Poisson: p has its label" $(row "p" "p${nb}<${nb}0,001" "$T/fi/report.md"; echo $?)
check "Poisson: no unlabelled p after an interval" $(! grep -q ') ([0-9]' "$T/fi/report.md"; echo $?)
check "Poisson: the change of the trend as a ratio (R glm)" \
	$(has "Muutoksen jälkeen trendin vuotuinen suhde kertautui luvulla 0,978 (95 %:n lv 0,797${nb}…${nb}1,200, p${nb}=${nb}0,831)." "$T/fi/report.md"; echo $?)
# statistics.csv: the numbers to full precision agree with R's to 1e-6
check "Poisson: statistics.csv agrees with R to 1e-6" $(awk -F, '
	function near(x, y) { return (x - y) < 1e-6 * (y < 0 ? -y : y) && (y - x) < 1e-6 * (y < 0 ? -y : y) }
	$3 == "visits" { v[$4] = $5 }
	END { exit !(near(v["rr_level"], 0.7872248337) && near(v["rr_level_lo"], 0.6999694961) && near(v["rr_level_hi"], 0.8853570652) &&
		     near(v["level_pct"], -21.27751663) && near(v["level_pct_lo"], -30.00305039) && near(v["level_pct_hi"], -11.46429348) &&
		     near(v["level_p"], 6.566961273e-05) && near(v["rr_slope"], 0.9779183351) && near(v["rr_slope_lo"], 0.7968836331) &&
		     near(v["rr_slope_hi"], 1.2000802) && near(v["slope_change_p"], 0.830719566)) }' "$T/fi/statistics.csv"; echo $?)
check "Poisson: se = hac leaves the model-based errors as they are (no Newey-West under Poisson)" \
	$(has "Käynnit laskivat 21,3 % (95 %:n lv 11,5${nb}…${nb}30,0 %, p${nb}<${nb}0,001)" "$T/hac/report.md"; echo $?)
check "English: rate ratio and percent" \
	$(has "Visits decreased by 21.3% (95% CI 11.5${nb}…${nb}30.0%, p${nb}<${nb}0.001) after the change “tiimimalli” in January 2019 (rate ratio 0.787)." "$T/en/report.md"; echo $?)

# against the comparison region, under Poisson: the ratio of the rate ratios of A and C. R:
#   yc <- c(300,310,295,305,312,298,303,308,301,299,311,306,250,262,248,255,260,251,258,249,263,254,257,252)
#   t <- rep(2018 + (0:23) / 12, 2); G <- rep(c(1, 0), each = 24); y <- c(ya, yc)   (ya: y above)
#   tt <- t - 2019; post <- as.numeric(t >= 2019); tpost <- tt * post
#   f <- glm(y ~ G * (tt + post + tpost), family = poisson); b <- coef(f)["G:post"]
#   exp(b + c(0, -1, 1) * qnorm(0.975) * sqrt(vcov(f)["G:post", "G:post"]))  0.9465018246 0.8132447431 1.101594215
#   summary(f)$coefficients["G:post", 4]                                        0.4775916783
check "Poisson against the comparison regions: a ratio of rate ratios (R glm)" \
	$(has "Vertailualueisiin (C) nähden tasosuhteiden suhde oli 0,947 (95 %:n lv 0,813${nb}…${nb}1,102, p${nb}=${nb}0,478)." "$T/fi/report.md"; echo $?)
check "and statistics.csv agrees with R to 1e-6" $(awk -F, '
	function near(x, y) { return (x - y) < 1e-6 * (y < 0 ? -y : y) && (y - x) < 1e-6 * (y < 0 ? -y : y) }
	$3 == "visits" { v[$4] = $5 }
	END { exit !(near(v["did_rr"], 0.9465018246) && near(v["did_rr_lo"], 0.8132447431) && near(v["did_rr_hi"], 1.101594215) &&
		     near(v["did_rr_p"], 0.4775916783)) }' "$T/fi/statistics.csv"; echo $?)
# counts with denominators under OLS: compared as rates per 1 000, not in persons (A has some 20
# clients, C some 400). R, with sa, sc the values of A and C above:
#   d <- 1000 * sa / 1000 - 1000 * sc / 20000; f <- lm(d ~ tt + post + tpost)   (tt, post, tpost above)
#   lmtest::bgtest(f, order = 6, type = "Chisq", fill = 0)$p.value  0.05159696: se auto keeps OLS errors
#   coef(f)["post"], confint(f)["post", ]  10.08741259 7.369975797 12.80484938; p 1.922033922e-07
check "counts against the comparison regions: rates per 1 000 (R lm)" \
	$(has "Vertailualueisiin (C) nähden tason muutos oli 10,1 henkilöä / 1${nb}000 asukasta (95 %:n lv 7,4${nb}…${nb}12,8, p${nb}<${nb}0,001)." "$T/fi/report.md"; echo $?)
check "and statistics.csv agrees with R to 1e-6" $(awk -F, '
	function near(x, y) { return (x - y) < 1e-6 * (y < 0 ? -y : y) && (y - x) < 1e-6 * (y < 0 ? -y : y) }
	$3 == "small" { v[$4] = $5 }
	END { exit !(near(v["did_rate"], 10.08741259) && near(v["did_rate_lo"], 7.369975797) && near(v["did_rate_hi"], 12.80484938) &&
		     near(v["did_rate_p"], 1.922033922e-07) && v["rate_per"] == 1000) }' "$T/fi/statistics.csv"; echo $?)
check "English: per 1,000 inhabitants" \
	$(has "Against the comparison regions (C) the level change was 10.1 persons per 1,000 inhabitants (95% CI 7.4${nb}…${nb}12.8, p${nb}<${nb}0.001)." "$T/en/report.md"; echo $?)
# the same counts without denominators, count = yes and population = FILE: the same rates per 1 000
check "counts with a population: compared per 1 000 inhabitants, as with their denominators" \
	$(sed -n '/^### people/,/^###/p' "$T/fi/report.md" | grep -qF "Vertailualueisiin (C) nähden tason muutos oli 10,1 / 1${nb}000 asukasta (95 %:n lv 7,4${nb}…${nb}12,8, p${nb}<${nb}0,001)."; echo $?)
sed '/^population = /d' "$T/r.conf" >"$T/nopop.conf"
$rep --quiet --config "$T/nopop.conf" -o "$T/nopop" 2>"$T/err"
check "counts without a population: compared in counts, and the caveat says so" \
	$(sed -n '/^### people/,/^###/p' "$T/nopop/report.md" | grep -qF "vertailu on lukumäärinä eikä suhteutettuna väestöön, joten erikokoiset alueet eivät ole vertailukelpoisia"; echo $?)
printf 'region,period,population\nA,2018,1000\nC,2018,20000\nC,2019,20000\n' >"$T/population.csv"
$rep --quiet --config "$T/r.conf" -o "$T/nopop" 2>"$T/err"
check "a count without the population of its year: an error that says which" \
	$([ $? -eq 1 ] && grep -qx "ind-report: $T/population.csv: no population of 'A' in 2019 (for the counts of 'people')" "$T/err"; echo $?)
printf 'region,period,population\nA,2018,1000\nA,2019,x\nC,2018,20000\nC,2019,20000\n' >"$T/population.csv"
$rep --quiet --config "$T/r.conf" -o "$T/nopop" 2>"$T/err"
check "a population that is not a number: an error with its line" \
	$([ $? -eq 1 ] && grep -qx "ind-report: $T/population.csv:3: population 'x': not a positive number" "$T/err"; echo $?)
# the region's own change is significant, the comparison is not: they disagree
check "disagreement: said, and the effect cannot be concluded" \
	$(has "Alueen oma muutos ja vertailu vertailualueisiin eivät ole molemmat tilastollisesti merkitseviä, joten muutoksen vaikutuksesta ei voida päätellä." "$T/fi/report.md"; echo $?)
check "disagreement: no 'parannus'" $(! grep -q parannus "$T/fi/report.md"; echo $?)
check "disagreement, English: cannot be concluded" \
	$(has "The region's own change and the comparison with the comparison regions are not both statistically significant, so an effect of the change cannot be concluded." "$T/en/report.md"; echo $?)

# se auto on six yearly values: Breusch-Godfrey finds no autocorrelation, OLS errors, and the short
# series is said. R: v <- c(9100,8400,7900,7300,6600,6100); t <- 2015:2020; f <- lm(v ~ t)
#   coef(f)[2], confint(f)[2, ]: -600 -638.3185829 -561.6814171; p 1.673775823e-06
#   lmtest::bgtest(f, order = 1, type = "Chisq", fill = 0)$p.value: 0.1199661
check "no [indicator] section: sentence case, no double space, no unit (R lm)" \
	$(has "Gross laski keskimäärin 600 vuodessa (95 %:n lv 562${nb}…${nb}638, p${nb}<${nb}0,001) aikavälillä 2015–2020." "$T/fi/report.md"; echo $?)
check "a short series is said" \
	$(has "lyhyt aikasarja (6 havaintoa): luottamusväli ja p-arvo ovat epävarmoja" "$T/fi/report.md"; echo $?)
check "index.html: the '<' of p is an entity in sentences and tables" \
	$(! grep -q "<${nb}" "$T/fi/index.html" && grep -q "<td class=\"num\">p${nb}&lt;${nb}0,001</td>" "$T/fi/index.html"; echo $?)
check "no double spaces anywhere (but the padding of tables)" $(! grep -v '^|' "$T/fi/report.md" "$T/en/report.md" | grep -q '[^ ]  [^ ]'; echo $?)

# the controls have no values of 'own': said so, in Finnish only
check "no comparison data: the caveat says the controls have no data" \
	$(has "vertailualueilla ei ole tietoja tästä indikaattorista, joten vertailua ei ole" "$T/fi/report.md"; echo $?)
check "no English in the Finnish report" \
	$(! grep -Eiq 'comparison|too few|difference-in|interruption|values before' "$T/fi/report.md" "$T/fi/index.html"; echo $?)
check "and in English" \
	$(has "the comparison regions have no data for this indicator, so there is no comparison" "$T/en/report.md"; echo $?)

# two values after the change: no estimate, said with the counts, in Finnish
check "too few values after the change: said, with the counts" \
	$(has "Few: muutoksen vaikutusta ei voitu arvioida: havaintoja on liian vähän (ennen muutosta 12, sen jälkeen 2)." "$T/fi/report.md"; echo $?)
# a trend through 2020-03..2021-12 says so
check "a trend across COVID-19 says so" \
	$(has "COVID-19-jakson (maaliskuu 2020–joulukuu 2021) havaintoja trendissä rajaamatta: 22" "$T/fi/report.md"; echo $?)
check "the title follows the language" $(head -1 "$T/en/report.md" | grep -qx '# Effects and effectiveness'; echo $?)

# the sample report: exclude = 2020-03..2020-12 applies to the trends too (96 months, 86 outside the
# window, counted here from the data)
$rep --quiet --config "$s/report.conf" -o "$T/s" 2>"$T/err"
check "the sample report renders" $?
$rep --quiet --lang en --config "$s/report.conf" -o "$T/sen" 2>"$T/err"
want=$(awk -F, '$1 == "Keski-Pohjanmaa" && $2 == "access_7d" && $4 != "" && !($3 >= "2020-03" && $3 <= "2020-12")' "$s/indicators.csv" | wc -l)
check "a trend uses the periods outside exclude ($want)" \
	$(grep -q "^Keski-Pohjanmaa,Saatavuus,access_7d,n,$want,$want\$" "$T/s/statistics.csv"; echo $?)
check "and its sentence says which periods it leaves out" \
	$(has "Kiireettömän hoidon toteutuminen 7 vuorokauden sisällä laski keskimäärin 1,16 %-yksikköä vuodessa (95 %:n lv 0,73${nb}…${nb}1,59, p${nb}<${nb}0,001) aikavälillä tammikuu 2017${nb}– joulukuu 2024 ilman jaksoa maalis–joulukuu 2020." "$T/s/report.md"; echo $?)
check "and that COVID-19 months remain in it" \
	$(has "COVID-19-jakson (maaliskuu 2020–joulukuu 2021) havaintoja trendissä rajaamatta: 12" "$T/s/report.md"; echo $?)
check "the excluded periods written out" \
	$(has "Pois rajatut jaksot: maalis–joulukuu 2020." "$T/s/report.md"; echo $?)
check "and in English" $(has "Periods left out: March–December 2020." "$T/sen/report.md"; echo $?)
check "no unit per a time per a year" $(! grep -q 'kuukaudessa vuodessa' "$T/s/report.md"; echo $?)
check "a percentage with one decimal" \
	$(row "Vuosimuutos % (95 %:n lv)" "−0,2 (−1,2${nb}…${nb}0,8)" "$T/s/report.md"; echo $?)
check "statistics.csv has n and the annual percent change" \
	$(grep -q '^Keski-Pohjanmaa,Kustannusten nousun hillintä,gp_visits,apc,' "$T/s/statistics.csv" &&
	  grep -q '^Keski-Pohjanmaa,Kustannusten nousun hillintä,emergency_visits,n_pre,37,37$' "$T/s/statistics.csv"; echo $?)
check "the sample's visits (count = yes, population.csv) are compared per 1 000 inhabitants" \
	$(has "Vertailualueisiin (Etelä-Savo, Kainuu, Pohjois-Pohjanmaa) nähden tason muutos oli −4,28 käyntiä kuukaudessa / 1${nb}000 asukasta (95 %:n lv −4,89${nb}…${nb}−3,68, p${nb}<${nb}0,001)." "$T/s/report.md"; echo $?)
# the same numbers as ind-compare's (tests/did.t checks it against R) on the visits with their population
# as denominators: the comparison regions' rates weighted by their population
awk -F, 'FNR == NR { if (FNR > 1) pop[$1 "," $2] = $3; next } FNR == 1 { print; next }
	$2 == "emergency_visits" { $5 = $4; $6 = pop[$1 "," substr($3, 1, 4)]; print }' OFS=, "$s/population.csv" "$s/indicators.csv" >"$T/ev-rates.csv"
"$bin/ind-compare" --at 2020-02 --exclude 2020-03..2020-12 --season month --control Etelä-Savo,Kainuu,Pohjois-Pohjanmaa \
	--summary "$T/ev-rates.csv" 2>/dev/null | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	$1 == "Keski-Pohjanmaa" { print $c["did"]; print $c["did_lo"]; print $c["did_hi"] }' >"$T/ev-want"
check "and they are ind-compare's, to the last digit" \
	$(grep '^Keski-Pohjanmaa,Kustannusten nousun hillintä,emergency_visits,did_rate\(_lo\|_hi\)\?,' "$T/s/statistics.csv" |
	  cut -d, -f5 | diff - "$T/ev-want" >/dev/null; echo $?)
check "English: p inside the interval's parenthesis, no second one" \
	$(has "(95% CI 286${nb}…${nb}373, p${nb}<${nb}0.001) after the change “tiimimalli” in February 2020, an improvement." "$T/sen/report.md"; echo $?)
check "no Finnish in the English report" \
	$(! grep -Eq "ilman|vuodessa|muutos|Huomioitavaa|Tunnusluku|kuukaudessa| lv " "$T/sen/report.md"; echo $?)
check "English: the title from title_en" \
	$(head -1 "$T/sen/report.md" | grep -q '^# Effects and effectiveness – '; echo $?)
for l in fi en; do
	r=$(perl "$top/tests/report-numbers.pl" $l "$T/r.conf" "$T/$l/statistics.csv" "$T/$l/report.md" 2>"$T/err")
	check "$l: every number of these reports' sentences and tables is in statistics.csv ($r)" $?
done
done_testing
