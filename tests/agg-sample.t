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
# weekly and yearly periods
$agg $opts --by week "$T/events.csv" 2>/dev/null | awk -F, 'NR > 1 && $3 !~ /^[0-9][0-9][0-9][0-9]-W[0-5][0-9]$/' >"$T/bad"
check "--by week gives ISO weeks" $([ ! -s "$T/bad" ]; echo $?)
# rates per 1000 inhabitants
$agg -r region -t visit_date --by year -m visits=count --population "$s/population.csv" --per 1000 \
	"$T/events.csv" 2>/dev/null | awk -F, '$1 == "Lappi" && $3 == "2019"' >"$T/rate"
check "rate per 1000: value = count / population * 1000" \
	$(awk -F, '{ d = $4 - $5 / $6 * 1000; exit !(NF == 6 && d < 1e-9 && d > -1e-9 && $6 > 100000) }' "$T/rate"; echo $?)
done_testing
