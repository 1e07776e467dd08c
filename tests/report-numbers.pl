#!/usr/bin/perl
# tests/report-numbers.pl LANG CONF STATISTICS.CSV REPORT.md - every number of the report's sentences,
# caveats and tables is in statistics.csv. In each section "# REGION" / "### NAME" (the lines before
# the first region are the title and the settings; with one region, whose part has no heading,
# the sections start after the title), drop the chart links, the indicator's name (it
# may hold digits: "7 vuorokauden"), the periods ("helmikuu 2020", "maalis–joulukuu 2020", "February
# 2020", "March–December 2020", a year alone: a number shown from 1000 up has its groups, so a bare
# 2020 is a year) and the fixed names that hold digits ("95 %:n lv", "95% CI" of an interval, COVID-19, AR(1));
# then every number left, with its sign (U+2212 or -), must be one of the numbers of the shown texts
# of the section's region and indicator. Prints "N numbers, M not in statistics.csv"; exit 0 when
# N > 0 and M = 0.
use strict;
use warnings;
binmode STDERR, ':encoding(UTF-8)';
my ($lang, $conf, $stats, $doc) = @ARGV;
my $fi = $lang eq 'fi';
sub slurp { open my $fh, '<:encoding(UTF-8)', $_[0] or die "$_[0]: $!\n"; local $/; my $t = <$fh>; return $t }
my $numre = $fi ? qr/(?<![\w,])(?<!\d\x{a0})[\x{2212}-]?\d{1,3}(?:\x{a0}\d{3})*(?:,\d+)?(?![\w])/
		: qr/(?<![\w.,])-?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])/;
sub numbers { my ($t) = @_; my @n = $t =~ /$numre/g; return @n }
my (%name, $sect);
for (split /\n/, slurp($conf)) {
	next if /^\s*(#|;|$)/;
	if (/^\s*\[\s*(.*?)\s*\]\s*$/) { $sect = $1; next }
	next unless defined $sect && $sect =~ /^indicator\s+(.+)$/;
	my $id = $1;
	$name{$id} = $1 if /^\s*name_$lang\s*=\s*(.*?)\s*$/ && $1 ne '';
}
my (%known, %id_of, %regions);
open my $fh, '<:encoding(UTF-8)', $stats or die;
<$fh>;
while (my $l = <$fh>) {
	chomp $l;
	my @f;
	while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) { push @f, defined $1 ? $1 =~ s/""/"/gr : $2; last if $3 eq '' }
	my ($r, $id, $shown) = @f[0, 2, 5];
	$regions{$r} = 1;
	my $n = $name{$id} // $id;
	$id_of{$n} = $id;
	$known{"$r\t$n"}{$_} = 1 for numbers($shown);
}
my $months = $fi ? qr/(?:tammi|helmi|maalis|huhti|touko|kes\x{e4}|hein\x{e4}|elo|syys|loka|marras|joulu)/
		 : qr/(?:January|February|March|April|May|June|July|August|September|October|November|December)/;
my ($region, $ind, $seen, $bad) = (undef, undef, 0, 0);
for my $line (split /\n/, slurp($doc)) {
	# a report of one region has no heading of its region: the title's heading starts it
	if ($line =~ /^# (.*)$/) { $region = $regions{$1} || keys %regions != 1 ? $1 : (keys %regions)[0]; undef $ind; next }
	if ($line =~ /^## /) { undef $ind; next }
	if ($line =~ /^### (.*)$/) { $ind = $1; next }
	next unless defined $region && defined $ind && $line ne '' && $line !~ /^!\[/ && $line !~ /^\| ---/;
	my $t = $line;
	$t =~ s/\Q$ind\E//g;
	$t =~ s/$months(?:kuu)?\x{2013}//g if $fi;
	$t =~ s/$months\x{2013}//g unless $fi;
	$t =~ s/${months}(?:kuu)? \d{4}//g;
	$t =~ s/(?<![\d,.\x{a0}])95 ?%(?=:n| CI| KI)//g;	# the name of an interval, not a number shown (0,95 %-yksikköä is one)
	$t =~ s/COVID-19|AR\(1\)//g;
	$t =~ s/(?<![\d,.\x{a0}])(?:19|20)\d\d(?![\d,.])//g;	# a year: a number from 1000 up is grouped
	for my $x (numbers($t)) {
		$seen++;
		next if $known{"$region\t$ind"}{$x};
		$bad++;
		print STDERR "$region / $ind: $x is shown but not in statistics.csv: $line\n";
	}
}
print "$seen numbers, $bad not in statistics.csv\n";
exit !($seen > 0 && $bad == 0);
