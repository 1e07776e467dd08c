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

# wellbeing services county codes: HV13, HVA91, HYV01 (Statistics Finland, THL); one or two digits
# alone only in a column that says what they are (hyvinvointialue: 1, 01, 13, 90 as Sotkanet writes them)
cat >"$T/hv.csv" <<'ROWS'
alue,vuosi,arvo
HV13 Pohjois-Savon hyvinvointialue,2023,1
hva91,2023,2
HYV01,2023,3
HV90,2023,4
11,2023,5
HV99,2023,6
ROWS
$load --region-level county --region-names code "$T/hv.csv" >"$T/out" 2>"$T/err"
check "HV13, hva91, HYV01, HV90: counties 13, 91, 01, 90; two digits alone in column 'alue' and HV99 rejected with their lines" \
	$([ "$(tail -n +2 "$T/out" | cut -d, -f1 | tr '\n' ' ')" = "13 91 01 90 " ] &&
	  grep -qx "ind-load: $T/hv.csv:6: region '11': one or two digits are a maakunta or a wellbeing services county, not a municipality: write MK11 or HV11, or name the column maakunta or hyvinvointialue" "$T/err" &&
	  grep -qx "ind-load: $T/hv.csv:7: region 'HV99': unknown wellbeing services county code 99" "$T/err"; echo $?)
$load --region-level maakunta "$T/hv.csv" 2>"$T/err" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' >"$T/out"
check "--region-level maakunta: a county to the maakunta of all its municipalities (Helsinki and Itä-Uusimaa to Uusimaa)" \
	$([ "$(cat "$T/out")" = "Pohjois-Savo Ahvenanmaa Uusimaa Uusimaa " ]; echo $?)
$load --region-level municipality "$T/hv.csv" >/dev/null 2>"$T/err"
check "--region-level municipality: a county is coarser, a reject" \
	$(grep -q "hv.csv:2: region 'HV13 Pohjois-Savon hyvinvointialue': a wellbeing services county, coarser than --region-level municipality" "$T/err"; echo $?)
printf 'hyvinvointialue;vuosi;arvo\n1;2023;1\n13;2023;2\n90;2023;3\n' >"$T/hva.csv"
printf 'maakunta;vuosi;arvo\n11;2021;1\n1;2021;2\n' >"$T/mk.csv"
$load --region-level county --region-names code "$T/hva.csv" "$T/mk.csv" 2>"$T/err" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' >"$T/out"
check "a column named hyvinvointialue: 1, 13, 90 are counties 01, 13, 90; one named maakunta: 11 is Pohjois-Savo (county 13), 1 Uusimaa (several counties: a reject)" \
	$([ "$(cat "$T/out")" = "01 13 90 13 " ] && grep -q "mk.csv:3: region '1': a maakunta of several wellbeing services counties" "$T/err"; echo $?)
printf 'kunta,hyvinvointialue,pvm\n171,13,2021-03-01\n297,13,2021-04-01\n091,90,2021-03-02\n' >"$T/ev.csv"
"$bin/ind-agg" --municipality hyvinvointialue --region-level county -t pvm --by year -m n=count "$T/ev.csv" 2>/dev/null |
	tail -n +2 | cut -d, -f1,4 | tr '\n' ' ' >"$T/out"
check "ind-agg --municipality hyvinvointialue: county codes alone, counted by county" \
	$([ "$(cat "$T/out")" = "Helsingin kaupunki,1 Pohjois-Savon hyvinvointialue,2 " ]; echo $?)

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
