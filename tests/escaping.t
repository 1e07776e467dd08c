#!/bin/sh
# tests/escaping.t - what the tools write into other programs: control characters from the data are
# shown as \x1b in messages (terminals); names and labels are escaped in report.md (Markdown) and
# guarded against formulas in statistics.csv (spreadsheets); the canonical stream stays raw.
# The ind-table renderers have golden cases in tests/cli/ind-table (*-control, *-hostile).
set -u
. "$(dirname "$0")/lib.sh"

# messages: ESC, DEL, BEL and a line break from the data or a file name arrive as \xNN
f="$T/in$(printf '\033[1m').csv"
printf 'region,indicator,period,value\nA,x,2021,x\033[31mred\nA,x,2022,\nA,x,2023,"a\177\nb"\nA,x,2024,1\n' >"$f"
"$bin/ind-load" "$f" >"$T/out" 2>"$T/err"
cat >"$T/want" <<WANT
ind-load: $T/in\\x1b[1m.csv:2: column 'value': not a number: 'x\\x1b[31mred'
ind-load: $T/in\\x1b[1m.csv:4: column 'value': not a number: 'a\\x7f\\x0ab'
ind-load: $T/in\\x1b[1m.csv: delimiter ',', decimal '.', encoding UTF-8, layout long, periods years
ind-load: $T/in\\x1b[1m.csv: missing values: 1 empty
ind-load: 4 rows read, 2 written, 2 rejected
WANT
check "ind-load messages show ESC, DEL and LF as \\x1b, \\x7f, \\x0a" $(cmp -s "$T/want" "$T/err"; echo $?)
check "and no raw control character reaches stderr" $(! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$T/err"; echo $?)
# the canonical stream keeps the bytes as they were
printf 'region,indicator,period,value\nA\033[2J,x,2021,1\n' >"$T/esc.csv"
"$bin/ind-load" "$T/esc.csv" 2>/dev/null | "$bin/ind-trend" 2>"$T/err" >"$T/trend.csv"
check "the canonical stream keeps an ESC in a region as it is" \
	$(grep -q "^A$(printf '\033')\[2J,x,2021,1" "$T/trend.csv"; echo $?)
printf 'region,indicator,period,value\n=1+2,@x,2021,-1.5\n' >"$T/formula.csv"
"$bin/ind-load" "$T/formula.csv" 2>/dev/null >"$T/canon.csv"
check "the canonical stream keeps a region that starts with '=' as it is (no ' added)" \
	$(grep -qx '=1+2,@x,2021,-1.5' "$T/canon.csv"; echo $?)
# ind-report with hostile names: a region, a title, an indicator name and an event label full of
# Markdown, HTML and a line break; a region that starts like a spreadsheet formula
if command -v gnuplot >/dev/null 2>&1; then
	R='=HYPERLINK("http://x") <b>La|*p*</b> [pi](u) _x_ `c`'
	Rq=$(printf '%s' "$R" | sed 's/"/""/g')
	mkdir "$T/hr"
	perl -pe 'BEGIN { $r = shift } s/^Lappi,/"$r",/' "$Rq" "$s/indicators.csv" >"$T/hr/indicators.csv"
	{
		grep -v '^Lappi,' "$s/interventions.csv"
		printf '"%s",t3_days,2021-09,"etä\nvastaanotto <img src=x onerror=alert(1)>"\n' "$Rq"
	} >"$T/hr/interventions.csv"
	sed -e '/^population = /d' -e 's/^title_fi = .*/title = Raportti <script>alert(1)<\/script> | *x*/' \
		-e "s/^regions = .*/regions = Keski-Pohjanmaa, $(printf '%s' "$R" | sed 's/[&/\]/\\&/g')/" \
		-e 's/^name_fi = T3.*/name_fi = T3 <img src=x onerror=alert(1)> | *kolmas* [vapaa](javascript:x) aika/' \
		"$s/report.conf" >"$T/hr/report.conf"
	"$bin/ind-report" --quiet --config "$T/hr/report.conf" -o "$T/hr/out" 2>"$T/err"
	check "the report with hostile names renders" $?
	md=$T/hr/out/report.md
	check "report.md: the title escaped" \
		$(grep -qxF '# Raportti &lt;script&gt;alert(1)&lt;/script&gt; \| \*x\*' "$md"; echo $?)
	check "report.md: the region heading escaped" \
		$(grep -qxF '# =HYPERLINK("http://x") &lt;b&gt;La\|\*p\*&lt;/b&gt; \[pi\](u) \_x\_ \`c\`' "$md"; echo $?)
	check "report.md: the indicator heading escaped (2 regions)" \
		$([ "$(grep -cxF '### T3 &lt;img src=x onerror=alert(1)&gt; \| \*kolmas\* \[vapaa\](javascript:x) aika' "$md")" -eq 2 ]; echo $?)
	check "report.md: the event label on one line, escaped, in its finding" \
		$(grep -q '^T3 &lt;img src=x onerror=alert(1)&gt; \\| \\\*kolmas\\\* \\\[vapaa\\\](javascript:x) aika laski .*, p..<..0,001) muutoksen ”etä vastaanotto &lt;img src=x onerror=alert(1)&gt;” (syyskuu 2021) jälkeen' "$md"; echo $?)
	check "report.md: the chart's alt text escaped" \
		$(grep -qF '![=HYPERLINK("http://x") &lt;b&gt;La\|\*p\*&lt;/b&gt; \[pi\](u) \_x\_ \`c\` — T3 &lt;img src=x onerror=alert(1)&gt; \| \*kolmas\* \[vapaa\](javascript:x) aika](chart-07.png)' "$md"; echo $?)
	check "report.md: no raw HTML tag at all" $(! grep -q '<[A-Za-z/!?]' "$md"; echo $?)
	check "report.md: p-values keep their '<' (p < 0,001, no-break spaces)" $(grep -q "p$(printf '\302\240')<$(printf '\302\240')0,001)" "$md"; echo $?)
	# rendered as GitHub and pandoc render it: no tag, link or emphasis from the data
	for r in "cmark-gfm -e table" "pandoc -f markdown -t html" "pandoc -f gfm -t html"; do
		set -- $r
		if ! command -v "$1" >/dev/null 2>&1; then
			skip "report.md rendered by $r" "no $1"
			continue
		fi
		$r "$md" >"$T/hr/md.html" 2>"$T/err"
		check "report.md rendered by $r: 10 charts, 10 indicator headings, no tag, link or emphasis from the data" \
			$([ "$(grep -o '<img src="chart-[0-9]*\.png"' "$T/hr/md.html" | wc -l)" -eq 10 ] &&
			[ "$(grep -c '<h3' "$T/hr/md.html")" -eq 10 ] &&
			[ "$(grep -o '<em>[^<]*</em>' "$T/hr/md.html" | sort -u)" = '<em>Huomioitavaa:</em>' ] &&
			! grep -Eq '<(script|b|a|strong|code)[ >]|<img src="?x' "$T/hr/md.html"; echo $?)
	done
	# statistics.csv is for a spreadsheet: the formula-like region gets a leading ', numbers do not
	st=$T/hr/out/statistics.csv
	check "statistics.csv: a region that starts with '=' gets a leading '" \
		$(grep -q "^\"'=HYPERLINK(\"\"http://x\"\") <b>La|\*p\*</b> \[pi\](u) _x_ \`c\`\",Saatavuus,t3_days,level_abs," "$st"; echo $?)
	cat >"$T/cells.pl" <<'PERL'
# every text field (region, goal, indicator, statistic, shown) that starts with = + - @ TAB CR is a number or guarded
my $bad = 0;
while (my $l = <STDIN>) {
	chomp $l;
	my @f;
	while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) { push @f, defined $1 ? $1 =~ s/""/"/gr : $2; last if $3 eq '' }
	for my $i (0 .. 3, 5) {
		my $v = $f[$i] // '';
		next unless $v =~ /^[=+\-\@\t\r]/;
		next if $i == 5 && $v =~ /^[-+]?[\d.,]+$/;
		print "line $.: field $i '$v'\n";
		$bad++;
	}
}
exit($bad != 0);
PERL
	perl "$T/cells.pl" <"$st" >"$T/err"
	check "statistics.csv: no text cell that a spreadsheet would run as a formula" $?
	"$bin/ind-report" --quiet --lang en --config "$T/hr/report.conf" -o "$T/hr/en" 2>"$T/err"
	check "statistics.csv in English: a negative number stays a number (-0.83)" \
		$(grep -q "^\"'=HYPERLINK.*,t3_days,slope_change,-0\.83[0-9]*,-0\.83\$" "$T/hr/en/statistics.csv"; echo $?)
	perl "$T/cells.pl" <"$T/hr/en/statistics.csv" >"$T/err"
	check "statistics.csv in English: no text cell that a spreadsheet would run as a formula" $?
	h=$T/hr/out/index.html
	check "index.html: the names escaped, no tag from the data" \
		$(! grep -Eq '<script>alert|<img src=x|<b>La' "$h" && grep -qF '<h1>Raportti &lt;script&gt;alert(1)&lt;/script&gt; | *x*</h1>' "$h"; echo $?)
else
	skip "ind-report with hostile names" "no gnuplot"
fi
done_testing
