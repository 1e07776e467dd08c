#!/bin/sh
# tests/regions.t - ind-load --region-level maps municipality labels to the regions of their year by
# the built-in classification, checked against lib/data/municipalities.csv joined by awk.
set -u
. "$(dirname "$0")/lib.sh"

load="${IND_VALGRIND:-} $bin/ind-load"
csv=$top/lib/data/municipalities.csv

# labels of several kinds, years before and after a move and a merger
cat >"$T/in.csv" <<'ROWS'
alue,vuosi,arvo
171 Joroinen,2020,1
171 Joroinen,2021,2
KU534,2012,3
KU534,2014,4
091 Helsinki,2021,5
SSS,2021,6
999 Nowhere,2021,7
MK11,2021,8
ROWS
$load --region-level maakunta "$T/in.csv" >"$T/out" 2>"$T/err"
check "maakunta: Joroinen 2020 Etelä-Savo, 2021 Pohjois-Savo; Nilsiä 2012 and 2014 Pohjois-Savo; Helsinki Uusimaa; SSS the whole country; MK11 itself" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f1,4 | tr '\n' ' ')" = "Etelä-Savo,1 Pohjois-Savo,2 Pohjois-Savo,3 Pohjois-Savo,4 Uusimaa,5 Koko maa,6 Pohjois-Savo,8 " ]; echo $?)
check "an unknown code: a reject with its line" \
	$(grep -qx "ind-load: $T/in.csv:8: region '999 Nowhere': unknown municipality code 999 in 2021" "$T/err" &&
	  grep -q '8 rows read, 7 written, 1 rejected' "$T/err"; echo $?)
$load --region-level municipality "$T/in.csv" >"$T/out" 2>"$T/err"
check "municipality: Nilsiä (534) in 2012, Kuopio (its successor from 2013) in 2014; MK11 refused" \
	$([ "$(sed -n 4,5p "$T/out" | cut -d, -f1 | tr '\n' ' ')" = "Nilsiä Kuopio " ] &&
	  grep -q "region 'MK11': a maakunta, coarser than --region-level municipality" "$T/err"; echo $?)
$load --region-level county --region-names en "$T/in.csv" >"$T/out" 2>/dev/null
check "county in English: Joroinen North Savo in both years, '091 Helsinki' City of Helsinki, SSS Whole country" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f1 | sort -u | tr '\n' '|')" = "City of Helsinki|North Savo wellbeing services county|Whole country|" ]; echo $?)
$load --region-level county --region-names code "$T/in.csv" 2>/dev/null | tail -n +2 | cut -d, -f1 | tr '\n' ' ' >"$T/out"
check "county codes: 13 13 13 13 90 SSS 13" $([ "$(cat "$T/out")" = "13 13 13 13 90 SSS 13 " ]; echo $?)
$load --region-level maakunta --regions Pohjois-Savo "$T/in.csv" >"$T/out" 2>"$T/err"
check "--regions after --region-level: the 4 rows of Pohjois-Savo" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f4 | tr '\n' ' ')" = "2 3 4 8 " ]; echo $?)
$load --region-level county --region-map "$T/in.csv" "$T/in.csv" >/dev/null 2>"$T/err"
check "--region-level with --region-map: usage error" $([ $? -eq 2 ]; echo $?)
$load --region-level county --classification "$csv" "$T/in.csv" >"$T/a" 2>/dev/null
$load --region-level county "$T/in.csv" >"$T/b" 2>/dev/null
check "--classification lib/data/municipalities.csv: the same as the built-in table" $(cmp -s "$T/a" "$T/b"; echo $?)

# the real PxWeb export: 293 municipalities of 2021 ('091 Helsinki' ...) to the 21 counties and Helsinki
# (Ahvenanmaa's municipalities are not in it); every row's county as awk finds it in the CSV
d=${IND_REAL_EXPORTS:-$top/../shared/real-exports}
f=$d/statfin_vaalit_latin1.csv
if [ -f "$f" ]; then
	$load --region-level county "$f" >"$T/out" 2>"$T/err"
	check "statfin_vaalit_latin1.csv: 293 rows, none rejected, 22 regions (21 counties + Helsinki)" \
		$([ "$(tail -n +2 "$T/out" | wc -l)" -eq 293 ] && grep -q '293 rows read, 293 written, 0 rejected' "$T/err" &&
		  [ "$(tail -n +2 "$T/out" | cut -d, -f1 | sort -u | wc -l)" -eq 22 ]; echo $?)
	# "099 Honkajoki -21" is in it: merged into Kankaanpää (214) on 2021-01-01, so through its successor
	awk -F, 'FILENAME ~ /mergers/ { if (substr($1, 1, 4) <= 2021) succ[$2] = $4; next }
		FILENAME ~ /municipalities/ { if ($1 == 2021) county[$2] = $8; next }
		FNR > 1 { gsub(/"/, ""); split($0, f, ";"); c = substr(f[2], 1, 3); if (!(c in county)) c = succ[c]
			print county[c] "," f[3] }' "$top/lib/data/municipality_mergers.csv" "$csv" "$f" | sort >"$T/want"
	tail -n +2 "$T/out" | cut -d, -f1,4 | sort >"$T/got"
	check "statfin_vaalit_latin1.csv: every municipality's county and value as the CSV joined by awk (Honkajoki through Kankaanpää)" $(cmp -s "$T/want" "$T/got"; echo $?)
else
	skip "statfin_vaalit_latin1.csv to 21 counties + Helsinki" "no ../shared/real-exports"
	skip "statfin_vaalit_latin1.csv: counties as the CSV joined by awk" "no ../shared/real-exports"
fi

done_testing
