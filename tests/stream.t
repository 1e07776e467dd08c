#!/bin/sh
# tests/stream.t - ind-trend and ind-compare work out each series as soon as the next one starts
# when the rows of each series come together, and read everything first when they do not: both
# give the same rows. Random grouped inputs (short, constant, non-positive and missing values,
# monthly and annual series) against the same rows shuffled, for the summaries and for the input
# rows with their fits; messages in the order they always had; --sorted.
set -u
. "$(dirname "$0")/lib.sh"

files=${IND_STREAM_FILES:-5}
seed=${IND_STREAM_SEED:-20261202}

# a grouped canonical stream of about 40 series on stdout
gen() {
	awk -v seed="$1" 'BEGIN {
		srand(seed)
		print "region,indicator,period,value,numerator,denominator"
		ns = 30 + int(rand() * 20)
		for (s = 0; s < ns; s++) {
			kind = int(rand() * 10)
			np = kind == 0 ? 1 + int(rand() * 2) : 3 + int(rand() * 40)
			monthly = rand() < 0.5
			for (i = 0; i < np; i++) {
				if (kind == 1) v = 5
				else if (kind == 2) v = sprintf("%.2f", -1 + rand() * 3)
				else v = sprintf("%.3f", 20 + 0.1 * i + 3 * rand())
				if (rand() < 0.05) v = ""
				per = monthly ? sprintf("%d-%02d", 2001 + int(i / 12), i % 12 + 1) : 1980 + i
				printf "\"R %d, alue\",ind-%d,%s,%s,%d,%d\n", s % 7, s, per, v, 10 + i, 100
			}
		}
	}'
}

i=0
while [ "$i" -lt "$files" ]; do
	gen $((seed + i)) >"$T/g.csv"
	# the same rows in another order: every series comes back
	{ head -1 "$T/g.csv"; tail -n +2 "$T/g.csv" | awk -v seed=$((seed + i)) 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
		sort -k1,1 | cut -f2-; } >"$T/shuffled.csv"
	mkdir -p "$T/a" "$T/b"
	cp "$T/g.csv" "$T/a/in.csv"
	cp "$T/shuffled.csv" "$T/b/in.csv"
	for opts in "ind-trend --summary" "ind-trend --summary --se hac --seasonal" "ind-trend" \
		"ind-trend --joinpoints 1 --select bic" "ind-compare --at 2003-01 --at 1995" \
		"ind-compare --at 2003-01 --summary" "ind-compare --at 1995 --placebo --placebo-min 3" \
		"ind-compare --at 2002-06 --model poisson --summary --placebo --placebo-min 3"; do
		(cd "$T/a" && "$bin/"$opts in.csv >"$T/a.out" 2>"$T/a.err")
		rc_a=$?
		(cd "$T/b" && "$bin/"$opts in.csv >"$T/b.out" 2>"$T/b.err")
		rc_b=$?
		check "file $i, $opts: exit status grouped ($rc_a) as shuffled ($rc_b)" $([ $rc_a = $rc_b ]; echo $?)
		check "file $i, $opts: the same rows grouped and shuffled" \
			$(sort "$T/a.out" >"$T/a.sorted"; sort "$T/b.out" | cmp -s - "$T/a.sorted"; echo $?)
		check "file $i, $opts: the same messages, but for line numbers" \
			$(sed 's/:[0-9][0-9]*:/:N:/' "$T/a.err" | sort >"$T/a.msgs"
			  sed 's/:[0-9][0-9]*:/:N:/' "$T/b.err" | sort | cmp -s - "$T/a.msgs"; echo $?)
		# piped: the rows of a pipe are read once, grouped or not
		"$bin/"$opts <"$T/g.csv" >"$T/c.out" 2>/dev/null
		check "file $i, $opts: standard input as the file" $(cmp -s "$T/a.out" "$T/c.out"; echo $?)
		cat "$T/shuffled.csv" | "$bin/"$opts >"$T/c.out" 2>/dev/null
		check "file $i, $opts: shuffled through a pipe as from the file" $(cmp -s "$T/b.out" "$T/c.out"; echo $?)
		(cd "$T/a" && "$bin/"$opts --sorted in.csv >"$T/c.out" 2>/dev/null)
		check "file $i, $opts: --sorted on grouped rows changes nothing" $(cmp -s "$T/a.out" "$T/c.out"; echo $?)
		(cd "$T/b" && "$bin/"$opts --sorted in.csv >"$T/c.out" 2>"$T/c.err")
		check "file $i, $opts: --sorted on shuffled rows: exit 1, FILE:LINE, nothing written" \
			$([ $? = 1 ] && [ ! -s "$T/c.out" ] &&
			  grep -q "^ind-[a-z]*: in.csv:[0-9]*: --sorted: a row of series '.*' after those of another series$" "$T/c.err"
			  echo $?)
	done
	i=$((i + 1))
done

# messages keep their order: every duplicate first, then the closing word; nothing written
printf 'region,indicator,period,value\nA,x,2021,1\nA,x,2021,2\nA,x,2022,3\nB,x,2020,1\nB,x,2020,1\nB,x,2021,2\n' >"$T/dup.csv"
"$bin/ind-trend" --summary "$T/dup.csv" >"$T/out" 2>"$T/err"
rc=$?
cat >"$T/want" <<EOF
ind-trend: $T/dup.csv:3: duplicate period 2021 for A / x (first at $T/dup.csv:2)
ind-trend: $T/dup.csv:6: duplicate period 2020 for B / x (first at $T/dup.csv:5)
ind-trend: 2 duplicate periods: combine them with --duplicates mean|sum|first|last
EOF
check "duplicates in two series: exit 1 ($rc), nothing written" $([ $rc = 1 ] && [ ! -s "$T/out" ]; echo $?)
check "duplicates in two series: both named, then the count" $(cmp -s "$T/want" "$T/err"; echo $?)
"$bin/ind-trend" --summary --duplicates mean "$T/dup.csv" >"$T/out" 2>"$T/err"
check "--duplicates mean: the count before the series' own messages" \
	$(sed -n 1p "$T/err" | grep -q '2 rows combined by --duplicates' &&
	  grep -c 'no trend statistics' "$T/err" | grep -qx 2 && [ "$(wc -l <"$T/out")" = 3 ]; echo $?)

# a series folded by --duplicates, then coming back: folded once, with all its rows
printf 'region,indicator,period,value\nA,x,2020,1\nA,x,2020,3\nA,x,2021,2\nB,x,2020,1\nB,x,2021,2\nB,x,2022,4\nA,x,2022,5\n' >"$T/back-dup.csv"
printf 'region,indicator,period,value\nA,x,2020,1\nA,x,2020,3\nA,x,2021,2\nA,x,2022,5\nB,x,2020,1\nB,x,2021,2\nB,x,2022,4\n' >"$T/dup-grouped.csv"
"$bin/ind-trend" --summary --duplicates mean "$T/back-dup.csv" >"$T/a.out" 2>/dev/null
"$bin/ind-trend" --summary --duplicates mean "$T/dup-grouped.csv" >"$T/b.out" 2>/dev/null
check "--duplicates mean, a folded series coming back: as when grouped" $(cmp -s "$T/a.out" "$T/b.out"; echo $?)
check "--duplicates mean, a folded series coming back: 3 values, duplicates_combined" \
	$(grep -q '^A,x,3,0,2020,2022,.*[,;]duplicates_combined$' "$T/a.out"; echo $?)

# --sorted: a row that comes back to a series is an error naming its file and line
printf 'region,indicator,period,value\nA,x,2021,1\nA,x,2022,2\nB,x,2021,3\nA,x,2023,4\n' >"$T/back.csv"
"$bin/ind-trend" --summary --sorted "$T/back.csv" >"$T/out" 2>"$T/err"
rc=$?
check "--sorted, a series coming back: exit 1 ($rc), nothing written" $([ $rc = 1 ] && [ ! -s "$T/out" ]; echo $?)
check "--sorted, a series coming back: FILE:LINE of the row" \
	$(grep -q "^ind-trend: $T/back.csv:5: --sorted: a row of series 'A, x' after those of another series$" "$T/err"; echo $?)
"$bin/ind-trend" --summary "$T/back.csv" >"$T/out" 2>"$T/err"
check "without --sorted the same rows are one series of 3 values" \
	$(grep -q '^A,x,3,0,2021,2023,' "$T/out" && grep -q '^B,x,1,0,' "$T/out"; echo $?)
for args in "--at 2022" "--at 2022 --summary" "--at 2022 --control B --summary"; do
	"$bin/ind-compare" $args --sorted "$T/back.csv" >"$T/out" 2>"$T/err"
	rc=$?
	check "ind-compare $args --sorted, a series coming back: exit 1 ($rc), FILE:LINE of the row, nothing written" \
		$([ $rc = 1 ] && [ ! -s "$T/out" ] &&
		  grep -q "^ind-compare: $T/back.csv:5: --sorted: a row of series 'A, x' after those of another series$" "$T/err"
		  echo $?)
done
"$bin/ind-compare" --at 2022 --control B --summary --sorted "$T/dup-grouped.csv" >"$T/out" 2>"$T/err"
"$bin/ind-compare" --at 2022 --control B --summary "$T/dup-grouped.csv" >"$T/b.out" 2>"$T/b.err"
check "ind-compare --control (read whole) --sorted on grouped rows changes nothing" \
	$(cmp -s "$T/out" "$T/b.out" && cmp -s "$T/err" "$T/b.err"; echo $?)
done_testing
