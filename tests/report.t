#!/bin/sh
# tests/report.t - ind-report renders the sample report: a section per goal area, a chart and a
# table per indicator, every number of the sentences in statistics.csv, byte-identical reruns,
# atomic replacement, line-numbered configuration errors.
set -u
. "$(dirname "$0")/lib.sh"

rep="${IND_VALGRIND:-} $bin/ind-report"
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "1..0 # SKIP no gnuplot"
	exit 0
fi
$rep --quiet --config "$top/sample-data/report.conf" -o "$T/r1" 2>"$T/err"
check "the sample report renders" $?
check "index.html, report.md, statistics.csv" \
	$([ -s "$T/r1/index.html" ] && [ -s "$T/r1/report.md" ] && [ -s "$T/r1/statistics.csv" ]; echo $?)
# 3 regions x 3 goal areas, 5 indicators each region
check "a section per goal area and region (9)" $([ "$(grep -c '<section class="goal">' "$T/r1/index.html")" -eq 9 ]; echo $?)
for g in Saatavuus "Monialaisuus ja yhteentoimivuus" "Kustannusten nousun hillintä"; do
	check "goal area '$g' has its heading" $(grep -q "<h2>$g</h2>" "$T/r1/index.html"; echo $?)
done
check "one inline SVG chart per indicator (15)" $([ "$(grep -o '<figure><svg' "$T/r1/index.html" | wc -l)" -eq 15 ]; echo $?)
check "one table per indicator (15)" $([ "$(grep -c '<table class="stats">' "$T/r1/index.html")" -eq 15 ]; echo $?)
check "one PNG per indicator beside report.md (15)" $([ "$(ls "$T/r1"/chart-*.png | wc -l)" -eq 15 ]; echo $?)
check "report.md links its charts" $([ "$(grep -c '](chart-[0-9]*.png)' "$T/r1/report.md")" -eq 15 ]; echo $?)
check "self-contained: no external references" $(! grep -Eq '(src|href)="(http|/|\.\.)' "$T/r1/index.html"; echo $?)
# every number shown is in statistics.csv, and every recorded number is shown
missing=0
tail -n +2 "$T/r1/statistics.csv" | awk -F, '{ print $NF }' | sed 's/^"//; s/"$//' | sort -u >"$T/shown"
while IFS= read -r s; do
	grep -qF -- "$s" "$T/r1/report.md" || missing=$((missing + 1))
done <"$T/shown"
check "every number of statistics.csv appears in the report ($(wc -l <"$T/shown") numbers, $missing missing)" $([ $missing -eq 0 ]; echo $?)
check "the Keski-Pohjanmaa finding, with CI and p" \
	$(grep -q 'Yhteispäivystyksen käynnit laskivat 329 käyntiä kuukaudessa (95 % lv 292–367) muutoksen ”tiimimalli” (helmikuu 2020) jälkeen (p <0,001), mikä on parannus.' "$T/r1/report.md"; echo $?)
check "statistics.csv has the level change of that finding" \
	$(grep -q '^Keski-Pohjanmaa,Kustannusten nousun hillintä,emergency_visits,level_abs,.*,329$' "$T/r1/statistics.csv"; echo $?)
check "caveats are given where they apply" $(grep -q 'Huomioitavaa:' "$T/r1/report.md"; echo $?)
# deterministic, and replaced atomically
$rep --quiet --config "$top/sample-data/report.conf" -o "$T/r2" 2>/dev/null
diff -r "$T/r1" "$T/r2" >/dev/null; check "the same input gives byte-identical files" $?
$rep --quiet --stamp --config "$top/sample-data/report.conf" -o "$T/stamped" 2>/dev/null
check "--stamp prints the time of making" $(grep -q 'Laadittu 20[0-9][0-9]-' "$T/stamped/index.html"; echo $?)
printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$T/badgnuplot"
chmod +x "$T/badgnuplot"
$rep --quiet --gnuplot "$T/badgnuplot" --config "$top/sample-data/report.conf" -o "$T/r2" 2>/dev/null
rc=$?
diff -r "$T/r1" "$T/r2" >/dev/null
check "a failed run (exit $rc) leaves the previous report untouched" $([ $rc -eq 1 ] && diff -r "$T/r1" "$T/r2" >/dev/null; echo $?)
check "and no temporary directory behind" $([ -z "$(ls "$T" | grep tmp)" ]; echo $?)
$rep --quiet --lang en --config "$top/sample-data/report.conf" -o "$T/en" 2>/dev/null
check "--lang en" $(grep -q 'Emergency department visits decreased by 329 visits a month (95% CI 292–367)' "$T/en/report.md"; echo $?)
# configuration errors
printf '[report]\ninput = x.csv\nfoo = bar\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "unknown key: exit 1 and its line" $([ $? -eq 1 ] && grep -q "bad.conf:3: unknown key 'foo' in \[report\]" "$T/err"; echo $?)
printf '[report]\ninput = x.csv\nregions = A\n[goal Terveys]\nindicators = x\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "unknown goal area: line-numbered" $(grep -q "bad.conf:5: unknown goal area 'Terveys'" "$T/err"; echo $?)
printf '[report]\nse = robust\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "bad value: line-numbered" $(grep -q "bad.conf:2: se: 'robust' (use ols, hac or ar1)" "$T/err"; echo $?)
printf '[report\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "broken section header: line-numbered" $(grep -q "bad.conf:1: expected \[section\]" "$T/err"; echo $?)
$rep -o "$T/x" 2>/dev/null
check "no --config: usage error" $([ $? -eq 2 ]; echo $?)
done_testing
