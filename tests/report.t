#!/bin/sh
# tests/report.t - ind-report renders the sample report: a section per goal area, a chart and a
# table per indicator, every number of the sentences in statistics.csv, byte-identical reruns,
# atomic replacement, line-numbered configuration errors.
set -u
. "$(dirname "$0")/lib.sh"

rep="${IND_VALGRIND:-} $bin/ind-report"
nb=$(printf '\302\240')	# the no-break space of "p < 0,001"
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
check "one table per indicator, and one of the model for each interrupted series (15 + 5)" $([ "$(grep -c "<table class=\"ind-table\">" "$T/r1/index.html")" -eq 20 ]; echo $?)
check "one PNG per indicator beside report.md (15)" $([ "$(ls "$T/r1"/chart-*.png | wc -l)" -eq 15 ]; echo $?)
check "report.md links its charts" $([ "$(grep -c '](chart-[0-9]*.png)' "$T/r1/report.md")" -eq 15 ]; echo $?)
check "self-contained: no external references" $(! grep -Eq '(src|href)="(http|/|\.\.)' "$T/r1/index.html"; echo $?)
# every number of statistics.csv is shown, in the report's own format, in its indicator's section.
# shown.pl LANG CONF STATISTICS.CSV REPORT (report.md or index.html) re-formats each row's value
# (read with C strtod) as lib/report.c does: p-values (statistic p or *_p) as "p = 0,029" or
# "p < 0,001" (no-break spaces, three decimals), percentages (apc*, *_pct*) with one decimal, counts
# (n, n_*) as integers, every other statistic with ind_fmt_number(x, 3): decimals = 3 - digits before the point, clamped to 0..15, so
# the integer part is never rounded; "%.*f" in C; no "-0"; then in Finnish U+2212 for the minus, a
# decimal comma and no-break spaces between groups of three from 1000 up (English: "-", ".", ",").
# That text must equal the row's "shown" column, and must occur as a whole number (not inside a
# longer one, nor after a sign) in the section "# REGION" / "### NAME" of the report, NAME being
# name_fi or name_en of [indicator ID] in CONF, or the id. SVG charts are left out of index.html.
cat >"$T/shown.pl" <<'PERL'
use strict;
use warnings;
use POSIX qw(floor log10 strtod);
binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';
my ($lang, $conf, $stats, $doc) = @ARGV;
my $fi = $lang eq 'fi';
sub slurp { open my $fh, '<:encoding(UTF-8)', $_[0] or die "$_[0]: $!\n"; local $/; my $t = <$fh>; return $t }
sub localise {
	my ($plain) = @_;
	my $neg = $plain =~ s/^-//;
	my ($int, $frac) = split /\./, $plain, 2;
	my $sep = $fi ? "\x{a0}" : ',';
	1 while $int =~ s/^(\d+)(\d{3})/$1$sep$2/;
	return ($neg ? ($fi ? "\x{2212}" : '-') : '') . $int . (defined $frac ? ($fi ? ',' : '.') . $frac : '');
}
sub number {
	my ($x, $digits) = @_;
	my $dec = 0;
	if ($x != 0) {
		$dec = $digits - (floor(log10(abs $x)) + 1);
		$dec = 0 if $dec < 0;
		$dec = 15 if $dec > 15;
	}
	my $plain = sprintf '%.*f', $dec, $x;
	$plain = sprintf '%.*f', $dec, 0 if $plain =~ /^[-0.]*$/;
	return localise($plain);
}
sub fixed {
	my ($x, $dec) = @_;
	my $plain = sprintf '%.*f', $dec, $x;
	$plain = sprintf '%.*f', $dec, 0 if $plain =~ /^[-0.]*$/;
	return localise($plain);
}
sub pvalue { my ($p) = @_; return "p\x{a0}" . ($p < 0.001 ? "<\x{a0}" . ($fi ? '0,001' : '0.001') : "=\x{a0}" . localise(sprintf '%.3f', $p)) }
sub percent { my $plain = sprintf '%.1f', $_[0]; $plain = '0.0' if $plain eq '-0.0'; return localise($plain) }
sub fields {	# one CSV line, with "quoted" fields
	my ($l) = @_;
	my @f;
	while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
		my $v = defined $1 ? $1 =~ s/""/"/gr : $2;
		push @f, $v;
		last if $3 eq '';
	}
	return @f;
}
# indicator names, as the report picks them
my (%name, $sect);
for (split /\n/, slurp($conf)) {
	next if /^\s*(#|;|$)/;
	if (/^\s*\[\s*(.*?)\s*\]\s*$/) { $sect = $1; next }
	next unless defined $sect && $sect =~ /^indicator\s+(.+)$/;
	my $id = $1;
	$name{$id} = $1 if /^\s*name_$lang\s*=\s*(.*?)\s*$/ && $1 ne '';
}
# the report's text, by section
my $text = slurp($doc);
if ($doc =~ /\.html$/) {
	$text =~ s{<(svg|style|title)\b.*?</\1>}{}gs;
	$text =~ s{<h([123])>(.*?)</h\1>}{"\n" . ('#' x $1) . " $2\n"}ge;
	$text =~ s{</?[A-Za-z][^>]*>}{ }g;	# a tag parts words; "<0,001" is no tag
	$text =~ s/&lt;/</g;
	$text =~ s/&gt;/>/g;
	$text =~ s/&amp;/&/g;
}
my (%section, $region, $ind);
for (split /\n/, $text) {
	if (/^# (.*)$/) { $region = $1; undef $ind; next }
	if (/^## /) { undef $ind; next }
	if (/^### (.*)$/) { $ind = $1; next }
	$section{"$region\t$ind"} .= "$_\n" if defined $region && defined $ind;
}
# each statistic
open my $fh, '<:encoding(UTF-8)', $stats or die "$stats: $!\n";
chomp(my $head = <$fh> // '');
my %col;
my @h = fields($head);
@col{@h} = 0 .. $#h;
exists $col{$_} or die "$stats: no column $_\n" for qw(region indicator statistic value shown);
my ($rows, $missing, $differ) = (0, 0, 0);
my (@all, %val);
while (my $l = <$fh>) {
	chomp $l;
	my @f = fields($l);
	push @all, [@f];
	$val{"$f[$col{region}]\t$f[$col{indicator}]\t$f[$col{statistic}]"} = $f[$col{value}];
}
# X with X_lo and X_hi: the three with the decimals of 3 significant digits of the larger of |X| and hi - lo
sub group_decimals {
	my ($r, $id, $st) = @_;
	(my $base = $st) =~ s/_(lo|hi)$//;
	my ($e, $lo, $hi) = map { $val{"$r\t$id\t$_"} } $base, "${base}_lo", "${base}_hi";
	return undef unless defined $e && defined $lo && defined $hi && $e ne '' && $lo ne '' && $hi ne '';
	my $m = abs $e;
	$m = abs($hi - $lo) if abs($hi - $lo) > $m;
	return 0 if $m == 0;
	my $dec = 3 - (floor(log10($m)) + 1);
	return $dec < 0 ? 0 : $dec > 15 ? 15 : $dec;
}
for my $row (@all) {
	my @f = @$row;
	my ($r, $id, $st, $v, $shown) = @f[@col{qw(region indicator statistic value shown)}];
	$rows++;
	my ($x, $unparsed) = strtod($v);
	my $gd = group_decimals($r, $id, $st);
	my $want = $v eq '' || $unparsed ? ''
		 : $st eq 'p' || $st =~ /._p$/ ? pvalue($x)
		 : $st =~ /^apc|_pct/ ? percent($x)
		 : $st =~ /^n(_|$)|^placebo_n$|_as_large$|^followup_needed$/ ? sprintf('%d', $x)
		 : defined $gd ? fixed($x, $gd)
		 : number($x, 3);
	if ($want ne $shown) {
		$differ++;
		print STDERR "$r $id $st: value $v is '$want' in the report's format, statistics.csv shows '$shown'\n";
	}
	my $n = $name{$id} // $id;
	my $s = $section{"$r\t$n"};
	if ($want eq '' || !defined $s || $s !~ /(?<![\w\x{2212}<-])(?<!\d[.,\x{a0}])\Q$want\E(?!\w)(?![.,\x{a0}]\d)/) {
		$missing++;
		print STDERR "$r $id $st: '$want' is not in the section '$r' / '$n' of $doc\n";
	}
}
print "$rows numbers, $missing missing, $differ shown otherwise\n";
exit !($rows > 0 && $missing == 0 && $differ == 0);
PERL
shown() { perl "$T/shown.pl" "$@" 2>"$T/err"; }
r=$(shown fi "$top/sample-data/report.conf" "$T/r1/statistics.csv" "$T/r1/report.md")
check "every number of statistics.csv is in its section of report.md, as the report formats it ($r)" $?
r=$(shown fi "$top/sample-data/report.conf" "$T/r1/statistics.csv" "$T/r1/index.html")
check "and in its section of index.html ($r)" $?
# the other way round: every number of report.md's sentences, caveats and tables is in statistics.csv,
# among the "shown" texts of its region and indicator (tests/report-numbers.pl says how)
everynum() { perl "$top/tests/report-numbers.pl" "$@" 2>"$T/err"; }
r=$(everynum fi "$top/sample-data/report.conf" "$T/r1/statistics.csv" "$T/r1/report.md")
check "every number of report.md's sentences and tables is in statistics.csv ($r)" $?
perl -CSD -pe 's/laskivat 329 /laskivat 328 /; s/^(\| n +\| +)37 \|/${1}38 |/' "$T/r1/report.md" >"$T/bad.md"
perl "$top/tests/report-numbers.pl" fi "$top/sample-data/report.conf" "$T/r1/statistics.csv" "$T/bad.md" >/dev/null 2>"$T/bad.err"
check "and that check fails on a number of a sentence or a table that statistics.csv does not hold" \
	$([ $? -ne 0 ] && [ "$(grep -c 'is shown but not' "$T/bad.err")" -eq 2 ]; echo $?)
# the check itself notices a wrong number: the integer part of every decimal number made 9 ("1,58" ->
# "9,58", which the old substring search for "58" let pass); every integer part made 9 ("2 256" ->
# "9 9"); one digit of one number (the 329 of the Keski-Pohjanmaa finding made 328); one decimal
# comma made a point ("0,73" -> "0.73")
mutant() {
	perl -CSD -pe "$1" "$T/r1/report.md" >"$T/bad.md"
	if cmp -s "$T/r1/report.md" "$T/bad.md"; then echo 0; return; fi	# the mutation must change something
	perl "$T/shown.pl" fi "$top/sample-data/report.conf" "$T/r1/statistics.csv" "$T/bad.md" >/dev/null 2>&1
	echo $?
}
check "the check fails when the integer part of every decimal number is 9" $([ "$(mutant 's/\d+(?=,\d)/9/g')" -ne 0 ]; echo $?)
check "the check fails when every integer part is 9" $([ "$(mutant 's/(?<![\d,])\d+/9/g')" -ne 0 ]; echo $?)
check "the check fails when one digit of one number changes" $([ "$(mutant 's/laskivat 329 /laskivat 328 /')" -ne 0 ]; echo $?)
check "the check fails on a decimal point in place of the comma" $([ "$(mutant 's/\b0,73\b/0.73/')" -ne 0 ]; echo $?)
check "the Keski-Pohjanmaa finding, with CI and p" \
	$(grep -q "Yhteispäivystyksen käynnit laskivat 329 käyntiä kuukaudessa (95 %:n lv 286${nb}…${nb}373, p${nb}<${nb}0,001) muutoksen ”tiimimalli” (helmikuu 2020) jälkeen, mikä on parannus." "$T/r1/report.md"; echo $?)
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
check "--lang en" $(grep -q "Emergency department visits decreased by 329 visits a month (95% CI 286${nb}…${nb}373, p${nb}<${nb}0.001) after the change “tiimimalli” in February 2020, an improvement." "$T/en/report.md"; echo $?)
r=$(shown en "$top/sample-data/report.conf" "$T/en/statistics.csv" "$T/en/report.md")
check "--lang en: every number of statistics.csv is in its section, in the English format ($r)" $?
r=$(everynum en "$top/sample-data/report.conf" "$T/en/statistics.csv" "$T/en/report.md")
check "--lang en: every number of report.md is in statistics.csv ($r)" $?
# configuration errors
printf '[report]\ninput = x.csv\nfoo = bar\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "unknown key: exit 1 and its line" $([ $? -eq 1 ] && grep -q "bad.conf:3: unknown key 'foo' in \[report\]" "$T/err"; echo $?)
printf '[report]\ninput = x.csv\nregions = A\n[goal Terveys]\nindicators = x\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "unknown goal area: line-numbered" $(grep -q "bad.conf:5: unknown goal area 'Terveys'" "$T/err"; echo $?)
printf '[report]\nse = robust\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "bad value: line-numbered" $(grep -q "bad.conf:2: se: 'robust' (use auto, ols, hac or ar1)" "$T/err"; echo $?)
printf '[report]\ninput = x.csv\n[indicator v]\ncount = maybe\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "count: yes or no, line-numbered" $(grep -q "bad.conf:4: count: 'maybe' (use yes or no)" "$T/err"; echo $?)
printf '[report\n' >"$T/bad.conf"
$rep --config "$T/bad.conf" -o "$T/x" 2>"$T/err"
check "broken section header: line-numbered" $(grep -q "bad.conf:1: expected \[section\]" "$T/err"; echo $?)
$rep -o "$T/x" 2>/dev/null
check "no --config: usage error" $([ $? -eq 2 ]; echo $?)
done_testing
