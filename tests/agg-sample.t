#!/bin/sh
# tests/agg-sample.t - ind-agg reproduces the sample indicators from the event file they were
# generated with, and shards merged give exactly the output of one run.
set -u
. "$(dirname "$0")/lib.sh"

agg="${IND_VALGRIND:-} $bin/ind-agg"

# access_7d: non-urgent visits, share within 7 days of the assessment, by the visit's month
$agg -r region -t visit_date --where urgency=non-urgent -m access=wait:contact_date,visit_date --within 7 \
	"$s/events.csv.gz" 2>/dev/null | awk -F, '$2 == "access_within_7d"' | cut -d, -f1,3,5,6 | sort >"$T/a1"
awk -F, '$2 == "access_7d"' "$s/indicators.csv" | cut -d, -f1,3,5,6 | sort >"$T/a2"
cmp -s "$T/a1" "$T/a2"; check "access within 7 days: numerators and denominators equal the sample's ($(wc -l <"$T/a2") months)" $?
# the sample rounds to one decimal: |ind-agg - sample| <= 0.05
$agg -r region -t visit_date --where urgency=non-urgent -m access=wait:contact_date,visit_date --within 7 \
	"$s/events.csv.gz" 2>/dev/null | awk -F, '$2 == "access_within_7d" { print $1 "," $3 "," $4 }' | sort >"$T/v1"
awk -F, '$2 == "access_7d" { print $1 "," $3 "," $4 }' "$s/indicators.csv" | sort >"$T/v2"
check "access within 7 days: values agree to the sample's rounding" \
	$(paste -d, "$T/v1" "$T/v2" | awk -F, '{ d = $3 - $6; if (d < 0) d = -d; if (d > 0.05 + 1e-9 || $1 != $4 || $2 != $5) bad++ }
		END { exit bad > 0 }'; echo $?)
# digital share: all contacts
$agg -r region -t visit_date -m digital_share=share:channel=digital "$s/events.csv.gz" 2>/dev/null |
	tail -n +2 | cut -d, -f1,3,5,6 | sort >"$T/d1"
awk -F, '$2 == "digital_share"' "$s/indicators.csv" | cut -d, -f1,3,5,6 | sort >"$T/d2"
cmp -s "$T/d1" "$T/d2"; check "digital share: numerators and denominators equal the sample's" $?
# municipality codes mapped to counties give the same
$agg --municipality municipality --map "$s/regions.csv" -t visit_date -m digital_share=share:channel=digital \
	"$s/events.csv.gz" 2>/dev/null | tail -n +2 | cut -d, -f1,3,5,6 | sort >"$T/d3"
cmp -s "$T/d1" "$T/d3"; check "--municipality with --map: the same groups" $?

# shards: split the events in three, aggregate each to a partial file, merge
gzip -dc "$s/events.csv.gz" >"$T/events.csv"
head -1 "$T/events.csv" >"$T/h"
tail -n +2 "$T/events.csv" >"$T/body"
split -n l/3 "$T/body" "$T/shard."
for f in "$T"/shard.*; do cat "$T/h" "$f" >"$f.csv"; done
opts="-r region -t visit_date -m visits=count -m digital=share:channel=digital -m wait=wait:contact_date,visit_date"
$agg $opts "$T/events.csv" >"$T/one" 2>/dev/null
for f in "$T"/shard.*.csv; do $agg --partial $opts -o "$f.part" "$f" 2>/dev/null; done
check "three partial files were made" $([ "$(ls "$T"/shard.*.part | wc -l)" -eq 3 ]; echo $?)
$agg --merge "$T"/shard.*.part >"$T/merged" 2>/dev/null
cmp -s "$T/one" "$T/merged"; check "three shards merged = one run ($(wc -l <"$T/one") rows)" $?
$agg --threads 1 $opts "$T/events.csv" >"$T/t1" 2>/dev/null
$agg --threads 3 --block-size 4096 $opts "$T/events.csv" >"$T/t3" 2>/dev/null
cmp -s "$T/one" "$T/t1" && cmp -s "$T/one" "$T/t3"; check "any thread count and block size: the same output" $?
# weekly periods, recounted without ind-agg: visits and the digital share per region and ISO week of
# visit_date. The ISO week of a day is that of its Thursday: n = days since 1970-01-01 (a Thursday)
# by the civil calendar, the week's Thursday is n - (n + 3) % 7 + 3, its calendar year is the ISO
# year, and the week is 1 + (Thursday - 1 January of that year) / 7 (this matches date +%G-W%V).
cat >"$T/week.awk" <<'AWK'
function days(y, m, d,   era, yoe) {
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1 - 719468
}
function isoweek(s,   y, n, thu) {
	y = substr(s, 1, 4) + 0
	n = days(y, substr(s, 6, 2) + 0, substr(s, 9, 2) + 0)
	thu = n - (n + 3) % 7 + 3
	if (thu < days(y, 1, 1)) y--
	else if (thu >= days(y + 1, 1, 1)) y++
	return sprintf("%04d-W%02d", y, int((thu - days(y, 1, 1)) / 7) + 1)
}
NR > 1 { k = $1 "," isoweek($4); n[k]++; if ($5 == "digital") dg[k]++ }
END {
	for (k in n) {
		split(k, a, ",")
		print a[1] ",visits," a[2] "," n[k]
		print a[1] ",digital," a[2] "," dg[k] + 0 "," n[k]
	}
}
AWK
awk -F, -f "$T/week.awk" "$T/events.csv" | sort >"$T/week.want"
$agg $opts --by week "$T/events.csv" >"$T/week" 2>"$T/err"
awk -F, 'NR > 1 && $2 == "visits" { print $1 "," $2 "," $3 "," $4 } NR > 1 && $2 == "digital" { print $1 "," $2 "," $3 "," $5 "," $6 }' \
	"$T/week" | sort >"$T/week.got"
awk -F, 'NR > 1 && $3 !~ /^[0-9][0-9][0-9][0-9]-W[0-5][0-9]$/' "$T/week" >"$T/bad"
check "--by week gives ISO weeks ($(awk -F, 'NR > 1' "$T/week" | wc -l) rows)" $([ -s "$T/week.got" ] && [ ! -s "$T/bad" ]; echo $?)
check "--by week: visits and digital contacts per region and week equal a recount of the events ($(grep -c ",visits," "$T/week.want") region-weeks, $(cut -d, -f3 "$T/week.want" | sort -u | wc -l) weeks)" \
	$([ -s "$T/week.want" ] && cmp -s "$T/week.want" "$T/week.got"; echo $?)
# rates per 1000 inhabitants, recomputed without ind-agg: visits per region and year of visit_date
# counted from the events, over that region's population of that year in population.csv, times 1000.
# Every region-year must be there once, with numerator = the count, denominator = the population and
# the value equal to within 1e-12 (relative); a missing, doubled or extra row fails.
awk -F, 'FNR == 1 { next } NR == FNR { n[$1 "," substr($4, 1, 4)]++; next }
	($1 "," $2) in n { k = $1 "," $2; printf "%s,%s,%.17g,%d,%d\n", $1, $2, n[k] / $3 * 1000, n[k], $3 }' \
	"$T/events.csv" "$s/population.csv" >"$T/rate.want"
$agg -r region -t visit_date --by year -m visits=count --population "$s/population.csv" --per 1000 \
	"$T/events.csv" >"$T/rate" 2>"$T/err"
check "rate per 1000: every region-year = visits counted from the events / population.csv * 1000 ($(wc -l <"$T/rate.want") region-years)" \
	$(awk -F, 'NR == FNR { want[$1 "," $2] = $0; w++; next }
		FNR == 1 { next }
		{	k = $1 "," $3
			if ($2 != "visits" || !(k in want) || (k in seen)) { bad++; next }
			seen[k] = 1; split(want[k], e, ","); d = $4 - e[3]
			if (d < 0) d = -d
			if ($5 != e[4] || $6 != e[5] || d > 1e-12 * e[3]) bad++ }
		END { for (k in seen) m++; exit !(w > 0 && m == w && !bad) }' "$T/rate.want" "$T/rate"; echo $?)
# --population values are numbers, one per region and period: a doubled row (the last one won),
# a value that is no positive number (passed on as the denominator's text, the rate left empty) or
# "1 000" (read as 1) gave silent wrong rates. Each is now refused with FILE:LINE.
bad_pop() { # name, the line that replaces Pohjois-Savo 2017 (line 2), expected message after FILE:LINE:
	{ head -1 "$s/population.csv"; printf '%s\n' "$2"; tail -n +3 "$s/population.csv"; } >"$T/pop-$1.csv"
	$agg -r region -t visit_date --by year -m visits=count --population "$T/pop-$1.csv" --per 1000 \
		"$T/events.csv" >"$T/out" 2>"$T/err"
	check "--population $1: refused, exit 1, '$T/pop-$1.csv:$3'" \
		$([ $? -eq 1 ] && [ ! -s "$T/out" ] && grep -qF "ind-agg: $T/pop-$1.csv:$3" "$T/err"; echo $?)
}
bad_pop doubled "Pohjois-Savo,2017,250976
Pohjois-Savo,2017,1" "3: the population of 'Pohjois-Savo' in 2017 is given twice"
bad_pop text "Pohjois-Savo,2017,abc" "2: population 'abc': not a positive number"
bad_pop zero "Pohjois-Savo,2017,0" "2: population '0': not a positive number"
bad_pop negative "Pohjois-Savo,2017,-5" "2: population '-5': not a positive number"
{ head -1 "$s/population.csv"; echo 'Pohjois-Savo,2017,"250 976"'; tail -n +3 "$s/population.csv"; } >"$T/pop-grouped.csv"
$agg -r region -t visit_date --by year -m visits=count --population "$T/pop-grouped.csv" --per 1000 \
	"$T/events.csv" >"$T/grouped" 2>"$T/err"
check "--population \"250 976\" (digit groups) is 250976: the same rates as population.csv" \
	$(cmp -s "$T/grouped" "$T/rate"; echo $?)
done_testing
