#!/bin/sh
# tests/progress.t - the progress line of ind-load, ind-agg, ind-trend and ind-compare: on a terminal
# (a pseudo-terminal through script(1)) rewritten in place and cleared; with --progress into a file plain
# lines up to 100% with the rows counted; never in a captured stderr without --progress, nor with
# --no-progress or --quiet.
set -u
. "$(dirname "$0")/lib.sh"

# 60000 rows (50 series of 1200 months) in several blocks (--block-size), as a file, gzip and a pipe
awk 'BEGIN { print "region,indicator,period,value"
	for (i = 0; i < 60000; i++) { k = i % 1200; printf "Lappi,t%d,%d-%02d,%d.5\n", int(i / 1200), 1950 + int(k / 12), k % 12 + 1, i + k * k % 97 } }' >"$T/in.csv"
gzip -c "$T/in.csv" >"$T/in.csv.gz"
esc=$(printf '\033')

# a progress line: [bytes[ of total (N%)], ][N[ of M] series, ]N rows[, N rows/s][, M:SS left][; detail]
# (the rate only once a tenth of a second has passed)
line_re='^ind-[a-z]*: ([0-9.]+ (B|KiB|MiB|GiB)( of [0-9.]+ (B|KiB|MiB|GiB) \([0-9]+%\))?, )?([0-9]+ (of [0-9]+ )?series, )?[0-9]+ rows(, [0-9]+ rows/s)?(, [0-9:]+ left)?(; .*)?$'
rate='(, [0-9]+ rows/s)?$'
lines() { grep -E "$line_re" "$1"; }
others() { grep -Ev "$line_re" "$1"; }
# no_progress FILE: no progress line and no control code in FILE
no_progress() { ! lines "$1" >/dev/null && ! grep -q "$esc" "$1" && ! grep -q "$(printf '\r')" "$1"; }

"$bin/ind-load" --no-progress "$T/in.csv" >"$T/plain.out" 2>"$T/plain.err"
for how in "" --no-progress --quiet; do
	"$bin/ind-load" $how --block-size 65536 "$T/in.csv" >"$T/out" 2>"$T/err"
	check "ind-load ${how:-by default}, stderr captured: not a byte of progress" \
		$(cmp -s "$T/err" "$T/plain.err" && cmp -s "$T/out" "$T/plain.out" && no_progress "$T/err"; echo $?)
done

"$bin/ind-load" --progress --block-size 65536 --threads 2 "$T/in.csv" >"$T/out" 2>"$T/err"
last=$(lines "$T/err" | tail -1)
check "--progress into a file: the same output" $(cmp -s "$T/out" "$T/plain.out"; echo $?)
check "--progress into a file: plain lines, no control codes" $(! grep -q "$esc" "$T/err" && ! grep -q "$(printf '\r')" "$T/err"; echo $?)
check "--progress into a file: the last line at 100% with every row ($last)" \
	$(echo "$last" | grep -Eq "^ind-load: 1\.[0-9] MiB of 1\.[0-9] MiB \(100%\), 60000 rows$rate"; echo $?)
check "--progress: the messages are those without it" \
	$(others "$T/err" | cmp -s - "$T/plain.err"; echo $?)

"$bin/ind-load" --progress "$T/in.csv.gz" >"$T/out" 2>"$T/err"
size=$(wc -c <"$T/in.csv.gz")
check "gzip: the compressed bytes of the compressed size, to 100%" \
	$(lines "$T/err" | tail -1 | grep -Eq "^ind-load: [0-9.]+ KiB of [0-9.]+ KiB \(100%\), 60000 rows$rate" &&
	  [ "$size" -lt 1048576 ] && cmp -s "$T/out" "$T/plain.out"; echo $?)

cat "$T/in.csv" | "$bin/ind-load" --progress >"$T/out" 2>"$T/err"
check "a pipe: bytes and rate, no total, no percent" \
	$(lines "$T/err" | tail -1 | grep -Eq "^ind-load: 1\.[0-9] MiB, 60000 rows$rate" &&
	  ! grep -q '%' "$T/err"; echo $?)

"$bin/ind-load" --progress "$T/in.csv" "$T/in.csv.gz" >"$T/out" 2>"$T/err"
check "two inputs: one total, 100% after both, every row" \
	$(lines "$T/err" | tail -1 | grep -Eq "\(100%\), 120000 rows$rate"; echo $?)

"$bin/ind-load" "$T/in.csv" >"$T/canon.csv" 2>/dev/null
for cmd in "ind-agg -r region -t visit_date -m n=count $s/events.csv.gz" "ind-trend --summary $T/canon.csv" \
	"ind-trend $T/canon.csv" "ind-compare --at 2000-01 --summary $T/canon.csv"; do
	set -- $cmd
	tool=$1
	shift
	"$bin/$tool" --no-progress "$@" >"$T/plain.out" 2>"$T/plain.err"
	"$bin/$tool" "$@" >"$T/out" 2>"$T/err"
	check "$tool $1, stderr captured: no progress" \
		$(cmp -s "$T/err" "$T/plain.err" && cmp -s "$T/out" "$T/plain.out" && no_progress "$T/err"; echo $?)
	"$bin/$tool" --quiet "$@" >"$T/out" 2>"$T/err"
	check "$tool $1 --quiet: no progress" $(cmp -s "$T/err" "$T/plain.err"; echo $?)
	"$bin/$tool" --progress "$@" >"$T/out" 2>"$T/err"
	case $tool in
	ind-agg) want="^ind-agg: [0-9.]+ KiB of [0-9.]+ KiB \\(100%\\), 127078 rows$rate" ;;
	# series by series as they come (grouped rows): how many there will be is not known
	ind-compare) want="^ind-compare: 50 series, 60000 rows$rate" ;;
	*) want="^ind-trend: 50 series, 60000 rows$rate" ;;
	esac
	check "$tool $1 --progress: the last line ($(lines "$T/err" | tail -1))" \
		$(lines "$T/err" | tail -1 | grep -Eq "$want" && cmp -s "$T/out" "$T/plain.out" &&
		  others "$T/err" | cmp -s - "$T/plain.err"; echo $?)
done

# A terminal: script(1) runs the tool on a pseudo-terminal and keeps what it wrote there.
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	script -qec "'$bin/ind-load' --block-size 65536 -o '$T/tty.out' '$T/in.csv'" /dev/null </dev/null >"$T/tty" 2>&1
	check "a terminal: the same output" $(cmp -s "$T/tty.out" "$T/plain.out" 2>/dev/null ||
		{ "$bin/ind-load" "$T/in.csv" 2>/dev/null | cmp -s - "$T/tty.out"; }; echo $?)
	check "a terminal: the line by default, in place (CR, the line, clear to its end)" \
		$(grep -q "$(printf '\r')ind-load: [0-9.]* [KM]iB of 1\.[0-9] MiB ([0-9]*%), [0-9]* rows.*$esc\[K" "$T/tty"; echo $?)
	# each line written is followed by the next in its place or by its clearing, never by other text
	check "a terminal: cleared before each message and at the end" \
		$(perl -0777 -ne 'my $ok = /\r\e\[K/; $ok = 0 while /\rind-load: [^\r\n]* rows[^\r\n]*\e\[K(?!\r)/g; exit !$ok' \
			"$T/tty"; echo $?)
	check "a terminal: nothing of the line at the end of the screen" \
		$(tail -c 200 "$T/tty" | tr -d '\r' | tail -1 | grep -q '^ind-load: 60000 rows read, 60000 written, 0 rejected$'; echo $?)
	script -qec "'$bin/ind-load' --no-progress -o '$T/tty.out' '$T/in.csv'" /dev/null </dev/null >"$T/tty" 2>&1
	check "a terminal with --no-progress: no control code" $(! grep -q "$esc" "$T/tty"; echo $?)
	script -qec "'$bin/ind-load' --quiet -o '$T/tty.out' '$T/in.csv'" /dev/null </dev/null >"$T/tty" 2>&1
	check "a terminal with --quiet: no control code" $(! grep -q "$esc" "$T/tty"; echo $?)
	script -qec "'$bin/ind-load' '$T/in.csv' | cat >/dev/null" /dev/null </dev/null >"$T/tty" 2>&1
	check "a terminal, the output a pipe: the line" $(grep -q "$esc\[K" "$T/tty"; echo $?)
	script -qec "'$bin/ind-load' '$T/in.csv'" /dev/null </dev/null >"$T/tty" 2>&1
	check "the output on the same terminal: no line to break it" $(! grep -q "$esc" "$T/tty"; echo $?)
	script -qec "'$bin/ind-trend' -o '$T/tty.out' '$T/canon.csv'" /dev/null </dev/null >"$T/tty" 2>&1
	check "ind-trend on a terminal: series done, cleared" \
		$(grep -q "ind-trend: [0-9]* series" "$T/tty" && grep -q "$esc\[K" "$T/tty"; echo $?)
else
	skip "a terminal" "script(1) cannot run here"
fi
done_testing
