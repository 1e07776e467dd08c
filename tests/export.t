#!/bin/sh
# tests/export.t - ind-report --format / format =: report.docx and report.odt (pandoc) and report.pdf
# (Chromium or pandoc) open and hold the report; a missing or failing program is an error that names
# it and leaves the published report as it was; quoted list items in the configuration.
set -u
. "$(dirname "$0")/lib.sh"

rep="${IND_VALGRIND:-} $bin/ind-report"
conf=$s/report.conf
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "1..0 # SKIP no gnuplot"
	exit 0
fi
gnuplot=$(command -v gnuplot)
has() { command -v "$1" >/dev/null 2>&1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
# beside DIR only the version it links to: no other version directory, no lock
clean() {
	[ -d "$1" ] && [ -L "$1" ] &&
		[ "$(find "$(dirname "$1")" -maxdepth 1 -name "$(basename "$1").*" -exec printf x \; | wc -c)" -eq 1 ]
}

# a name with a blank, a comma, a newline and a leading '-' reaches the programs as it is
nl=$(printf '\nx')
odd="$T/-out put,${nl%x}ä"

# docx and odt with pandoc
if has pandoc && has unzip; then
	$rep --quiet --format docx,odt --config "$conf" -o "$odd" 2>"$T/err"
	check "--format docx,odt writes the report" $?
	check "report.docx is a Word document (word/document.xml)" \
		$(unzip -l "$odd/report.docx" 2>/dev/null | grep -q 'word/document.xml'; echo $?)
	check "report.odt is an OpenDocument text (content.xml)" \
		$(unzip -l "$odd/report.odt" 2>/dev/null | grep -q 'content.xml'; echo $?)
	check "report.docx holds the headings and charts" \
		$(unzip -p "$odd/report.docx" word/document.xml | grep -q 'Kustannusten nousun hillint' &&
		  [ "$(unzip -l "$odd/report.docx" | grep -c 'word/media/')" -ge 15 ]; echo $?)
	check "no copy of the print page left in the report" $([ ! -e "$odd/.print.html" ]; echo $?)
	check "the new files are published with the report" $(clean "$odd"; echo $?)
	# the sample's configuration with a format line, beside copies of its data
	cp "$s/indicators.csv" "$s/interventions.csv" "$s/population.csv" "$T/"
	{ cat "$conf"; printf '[report]\nformat = odt\n'; } >"$T/fmt.conf"
	$rep --quiet --config "$T/fmt.conf" -o "$T/key" 2>"$T/err"
	check "format = odt in [report]" $([ -s "$T/key/report.odt" ] && [ ! -e "$T/key/report.docx" ]; echo $?)
	$rep --quiet --format docx --config "$T/fmt.conf" -o "$T/over" 2>"$T/err"
	check "--format wins over format =" $([ -s "$T/over/report.docx" ] && [ ! -e "$T/over/report.odt" ]; echo $?)
else
	for d in "writes docx and odt" "report.docx" "report.odt" "headings and charts" "no print copy" "published" \
		"format = odt" "--format wins"; do skip "$d" "no pandoc or unzip"; done
fi

# pdf with Chromium (pandoc with a PDF engine otherwise)
if [ -n "$browser" ] && has pdftotext; then
	$rep --quiet --format pdf --config "$conf" -o "$odd" 2>"$T/err"
	check "--format pdf writes report.pdf" $([ $? -eq 0 ] && [ -s "$odd/report.pdf" ]; echo $?)
	pdftotext "$odd/report.pdf" "$T/pdf.txt" 2>/dev/null
	check "the PDF holds the goal areas' headings" \
		$(grep -q '^.\{0,1\}Saatavuus$' "$T/pdf.txt" && grep -q '^.\{0,1\}Kustannusten nousun hillintä$' "$T/pdf.txt"; echo $?)
	check "the PDF holds the sentences' numbers" $(grep -q 'lv' "$T/pdf.txt" && grep -q '[0-9],[0-9]' "$T/pdf.txt"; echo $?)
	check "the PDF has A4 pages" $(! has pdfinfo || pdfinfo "$odd/report.pdf" | grep -q 'A4'; echo $?)
	check "a rerun without --format drops the old formats" \
		$($rep --quiet --config "$conf" -o "$odd" 2>"$T/err" && [ ! -e "$odd/report.pdf" ] && clean "$odd"; echo $?)
else
	for d in "writes report.pdf" "headings" "numbers" "A4" "rerun"; do skip "$d" "no Chromium or pdftotext"; done
fi

# a missing program fails before the work and leaves the published report alone
mkdir -p "$T/path"
ln -s "$gnuplot" "$T/path/gnuplot"
$rep --quiet --config "$conf" -o "$T/kept" 2>"$T/err"
old=$(readlink "$T/kept")
PATH=$T/path $rep --quiet --format docx --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "no pandoc: exit 1" $([ $? -eq 1 ]; echo $?)
check "no pandoc: the message says what to install" \
	$([ "$(cat "$T/err")" = "ind-report: pandoc not found: install pandoc for format docx" ]; echo $?)
check "no pandoc: the report is kept, nothing left beside it" $([ "$(readlink "$T/kept")" = "$old" ] && clean "$T/kept"; echo $?)
PATH=$T/path $rep --quiet --format pdf --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "no Chromium, no pandoc: format pdf is an error naming chromium" \
	$([ $? -eq 1 ] && grep -q '^ind-report: chromium not found: install chromium' "$T/err"; echo $?)
$rep --quiet --format odt --pandoc "$T/none/pandoc" --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "--pandoc=PATH that is not there" \
	$([ $? -eq 1 ] && [ "$(cat "$T/err")" = "ind-report: pandoc not found ('$T/none/pandoc'): install pandoc for format odt" ]; echo $?)

# a failing program: its name, its status and the end of its messages; the report is kept
cat >"$T/path/pandoc" <<'SH'
#!/bin/sh
echo "pandoc: cannot convert" >&2
exit 3
SH
cat >"$T/path/silent" <<'SH'
#!/bin/sh
exit 0
SH
cat >"$T/path/chromium" <<'SH'
#!/bin/sh
kill -9 $$
SH
chmod +x "$T/path/pandoc" "$T/path/silent" "$T/path/chromium"
PATH=$T/path $rep --quiet --format docx --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "a failing pandoc: exit 1" $([ $? -eq 1 ]; echo $?)
check "a failing pandoc: named, with its status and message" \
	$([ "$(cat "$T/err")" = "ind-report: pandoc failed (exit 3): pandoc: cannot convert" ]; echo $?)
check "a failing pandoc: the report is kept, nothing left beside it" \
	$([ "$(readlink "$T/kept")" = "$old" ] && clean "$T/kept"; echo $?)
$rep --quiet --format docx --pandoc "$T/path/silent" --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "a pandoc that writes nothing is an error" \
	$([ $? -eq 1 ] && [ "$(cat "$T/err")" = "ind-report: pandoc exited 0 but wrote no report.docx" ]; echo $?)
$rep --quiet --format pdf --browser "$T/path/chromium" --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err"
check "a browser killed by a signal is an error" \
	$([ $? -eq 1 ] && [ "$(cat "$T/err")" = "ind-report: chromium was killed by signal 9" ]; echo $?)
check "after the failures the report is the first one" $([ "$(readlink "$T/kept")" = "$old" ] && clean "$T/kept"; echo $?)

# no Chromium: pandoc with the first PDF engine on PATH
mkdir -p "$T/path2"
ln -s "$gnuplot" "$T/path2/gnuplot"
cat >"$T/path2/pandoc" <<SH
#!/bin/sh
printf '%s\n' "\$@" >"$T/pandoc-args"
for a; do case \$a in --output=*) echo '%PDF-1.4' >"\${a#--output=}" ;; esac; done
SH
printf '#!/bin/sh\nexit 0\n' >"$T/path2/xelatex"
chmod +x "$T/path2/pandoc" "$T/path2/xelatex"
PATH=$T/path2 $rep --quiet --format pdf --config "$conf" -o "$T/viapandoc" >"$T/out" 2>"$T/err"
check "no Chromium: pandoc makes report.pdf with the engine found (xelatex)" \
	$([ $? -eq 0 ] && [ -s "$T/viapandoc/report.pdf" ] && grep -qx -- '--pdf-engine=xelatex' "$T/pandoc-args" &&
	  grep -qx -- '--output=report.pdf' "$T/pandoc-args" && grep -qx 'report.md' "$T/pandoc-args"; echo $?)

# SIGTERM while the browser runs: it and its helpers are stopped, its profile and the new version
# are removed, the report is kept, and ind-report dies of the signal
cat >"$T/path/slow" <<SH
#!/bin/sh
for a; do case \$a in --user-data-dir=*) echo "\${a#--user-data-dir=}" >"$T/profile" ;; esac; done
sleep 60 &
echo \$! >"$T/helper"
wait
SH
chmod +x "$T/path/slow"
rm -f "$T/helper" "$T/profile"
$bin/ind-report --quiet --format pdf --browser "$T/path/slow" --config "$conf" -o "$T/kept" >"$T/out" 2>"$T/err" &
pid=$!
# gone, or a zombie no one has reaped yet (PID 1 of a container may not)
gone() { ! kill -0 "$1" 2>/dev/null || [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]; }
i=0
while [ ! -s "$T/helper" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.2
kill -TERM $pid
wait $pid 2>/dev/null
check "SIGTERM during the browser: ind-report dies of it" $([ $? -eq 143 ]; echo $?)
sleep 0.2
check "SIGTERM during the browser: the browser's helpers are stopped" \
	$([ -s "$T/helper" ] && gone "$(cat "$T/helper")"; echo $?)
check "SIGTERM during the browser: its profile is removed" $([ -s "$T/profile" ] && [ ! -e "$(cat "$T/profile")" ]; echo $?)
check "SIGTERM during the browser: the report is kept, nothing left beside it" \
	$([ "$(readlink "$T/kept")" = "$old" ] && clean "$T/kept"; echo $?)

# quoted list items: a PxWeb name with a comma
awk -F, 'NR == 1 || ($1 == "Lappi" && $2 == "access_7d") { if (NR > 1) $2 = "\"6. GROSS INCOME, mean\""; print }' OFS=, \
	"$s/indicators.csv" >"$T/gross.csv"
cat >"$T/gross.conf" <<'CONF'
[report]
input = gross.csv
regions = "Lappi"
[goal Saatavuus]
indicators = "6. GROSS INCOME, mean"
[indicator 6. GROSS INCOME, mean]
name_fi = Bruttotulot, keskiarvo
CONF
$rep --quiet --config "$T/gross.conf" -o "$T/gross" 2>"$T/err"
check "a quoted indicator name with a comma is one indicator" \
	$([ $? -eq 0 ] && grep -q '### Bruttotulot, keskiarvo' "$T/gross/report.md" &&
	  grep -q '"6. GROSS INCOME, mean"' "$T/gross/statistics.csv"; echo $?)
# pandoc reads report.md as text: no curly quotes, dashes, math, citations or superscripts from names
if has pandoc && has unzip; then
	sed 's/^name_fi = .*/name_fi = Tulot $5$ x^2^ H~2~O a--b @koti "q"/' "$T/gross.conf" >"$T/odd.conf"
	$rep --quiet --format docx --config "$T/odd.conf" -o "$T/odd" 2>"$T/err"
	unzip -p "$T/odd/report.docx" word/document.xml >"$T/doc.xml" 2>/dev/null
	check "report.docx keeps a name's \$, ^, ~, --, @ and straight quotes as they are" \
		$(grep -qF 'Tulot $5$ x^2^ H~2~O a--b @koti &quot;q&quot;' "$T/doc.xml" ||
		  grep -qF 'Tulot $5$ x^2^ H~2~O a--b @koti "q"' "$T/doc.xml"; echo $?)
else
	skip "report.docx keeps a name's characters" "no pandoc or unzip"
fi
done_testing
