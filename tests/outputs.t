#!/bin/sh
# tests/outputs.t - where the tools put what they write: counts that say "written" only for what
# reached the output, errors that name it, -o through symbolic links and keeping the mode, any byte
# and any length in a path, no temporary file or directory left by an error or a signal, and
# ind-report publishing its directory atomically for readers, for new, nested, linked and old
# directories and for runs at the same time.
set -u
. "$(dirname "$0")/lib.sh"

# how many entries of directory $1 match the shell pattern $2
count() { (cd "$1" && IFS= && set -- $2 && if [ -e "$1" ] || [ -L "$1" ]; then echo $#; else echo 0; fi); }
# $T/dfl COMMAND...: run it with SIGINT, SIGTERM and SIGHUP at their defaults (a background job of sh
# ignores SIGINT); as a command of its own, so that $! of "$T/dfl ... &" is the tool's process
printf '#!/usr/bin/perl\n$SIG{$_} = "DEFAULT" for qw(INT TERM HUP);\nexec @ARGV or exit 127;\n' >"$T/dfl"
chmod +x "$T/dfl"

# ---- streams: what the count line says, and which file an error names ----
"$bin/ind-load" "$s/indicators.csv" >/dev/full 2>"$T/err"
rc=$?
check "ind-load > /dev/full: exit 1, 'standard output: write error: No space left on device'" \
	$([ $rc -eq 1 ] && grep -q '^ind-load: standard output: write error: No space left on device$' "$T/err"; echo $?)
check "ind-load > /dev/full: the count says 0 written, not 2880" \
	$(grep -q '^ind-load: 2880 rows read, 0 written, 0 rejected$' "$T/err"; echo $?)
check "ind-load > /dev/full: one write error, not two" $([ "$(grep -c 'write error' "$T/err")" -eq 1 ]; echo $?)
"$bin/ind-load" "$s/indicators.csv" -o /dev/full 2>"$T/err"
rc=$?
check "ind-load -o /dev/full: exit 1, '/dev/full: write error', 0 written" \
	$([ $rc -eq 1 ] && grep -q '^ind-load: /dev/full: write error: No space left on device$' "$T/err" &&
	  grep -q ' 0 written' "$T/err"; echo $?)
"$bin/ind-load" --rejects /dev/full "$top/tests/cli/ind-load/bad-rows.in" >/dev/null 2>"$T/err"
rc=$?
check "ind-load --rejects /dev/full: exit 1 and the error names /dev/full" \
	$([ $rc -eq 1 ] && grep -q '^ind-load: /dev/full: write error: No space left on device$' "$T/err"; echo $?)
"$bin/ind-load" --rejects /dev/full -o "$T/good.csv" "$top/tests/cli/ind-load/bad-rows.in" 2>"$T/err"
rc=$?
check "a failed rejects file keeps -o FILE from being written, and the count says so (0 written)" \
	$([ $rc -eq 1 ] && [ ! -e "$T/good.csv" ] && grep -q ' 0 written, 16 rejected$' "$T/err"; echo $?)
# A disk that fills while the tools write, past their 64 KiB buffer: the error names the output
# (it used to say only "write error"), exit 1, and no temporary file is left beside -o.
awk 'BEGIN { print "region,indicator,period,value"
	for (r = 0; r < 400; r++) for (m = 1; m <= 24; m++)
		printf "R%d,t3,%d-%02d,%d\n", r, 2020 + int((m - 1) / 12), (m - 1) % 12 + 1, 10 + (r * 7 + m * 13) % 97 }' >"$T/many.csv"
sed 's/,t3,\([0-9-]*\),/,\1-15,/; 1s/.*/region,date,value/' "$T/many.csv" >"$T/many-events.csv"
for t in "ind-trend --summary" "ind-compare --summary --at 2021-01" "ind-agg -r region -t date -m v=mean:value"; do
	in=$T/many.csv
	case $t in ind-agg*) in=$T/many-events.csv ;; esac
	$bin/$t "$in" >/dev/full 2>"$T/err"
	rc=$?
	check "$t > /dev/full mid-stream: exit 1, 'standard output: write error: No space left on device'" \
		$([ $rc -eq 1 ] && grep -q ': standard output: write error: No space left on device$' "$T/err"; echo $?)
	$bin/$t -o /dev/full "$in" 2>"$T/err"
	rc=$?
	check "$t -o /dev/full mid-stream: exit 1, '/dev/full: write error'" \
		$([ $rc -eq 1 ] && grep -q ': /dev/full: write error: No space left on device$' "$T/err"; echo $?)
done
"$bin/ind-load" -o "$T/ok.csv" "$s/indicators.csv" 2>"$T/err"
check "a good run still counts what it wrote (2880 written)" \
	$([ $? -eq 0 ] && grep -q '2880 rows read, 2880 written' "$T/err"; echo $?)

# ---- -o FILE: the target's mode, symbolic links, any byte and any length ----
mode() { perl -e 'printf "%o\n", (lstat $ARGV[0])[2] & 07777' "$1"; }
echo old >"$T/private.csv"
chmod 600 "$T/private.csv"
"$bin/ind-load" -o "$T/private.csv" "$s/indicators.csv" 2>/dev/null
check "-o keeps a 0600 file 0600 ($(mode "$T/private.csv"))" $([ "$(mode "$T/private.csv")" = 600 ]; echo $?)
(umask 022 && "$bin/ind-load" -o "$T/fresh.csv" "$s/indicators.csv" 2>/dev/null)
check "a new -o file is 0666 less the umask ($(mode "$T/fresh.csv"))" $([ "$(mode "$T/fresh.csv")" = 644 ]; echo $?)
mkdir "$T/real"
echo old >"$T/real/target.csv"
ln -s real/target.csv "$T/link.csv"
"$bin/ind-load" -o "$T/link.csv" "$s/indicators.csv" 2>/dev/null
check "-o through a symbolic link writes its target and keeps the link" \
	$([ -L "$T/link.csv" ] && [ "$(wc -l <"$T/real/target.csv")" -eq 2881 ] && [ "$(count "$T/real" '*')" -eq 1 ]; echo $?)
ln -s real/new-target.csv "$T/dangling.csv"
"$bin/ind-load" -o "$T/dangling.csv" "$s/indicators.csv" 2>/dev/null
check "-o through a dangling link creates its target" $([ -L "$T/dangling.csv" ] && [ -s "$T/real/new-target.csv" ]; echo $?)
nl='
'
"$bin/ind-load" -o "$T/new${nl}line.csv" "$s/indicators.csv" 2>/dev/null
check "-o with a line break in the name" \
	$([ $? -eq 0 ] && [ "$(wc -l <"$T/new${nl}line.csv")" -eq 2881 ] && [ "$(count "$T" '*.tmp*')" -eq 0 ]; echo $?)
# a 1020-byte path: directories of 200 bytes and a file name of 200
seg=$(printf '%0200d' 0 | tr 0 d)
long=$T/$seg/$seg/$seg/$seg
mkdir -p "$long"
long=$long/$(printf '%0*d' $((1020 - ${#long} - 5)) 0 | tr 0 f).csv
"$bin/ind-load" -o "$long" "$s/indicators.csv" 2>"$T/err"
check "-o with a ${#long}-byte path" $([ $? -eq 0 ] && [ "$(wc -l <"$long")" -eq 2881 ]; echo $?)

# ---- ind-plot ----
if ! command -v gnuplot >/dev/null 2>&1; then
	skip "ind-plot and ind-report outputs" "no gnuplot"
	done_testing
	exit 0
fi
"$bin/ind-load" --indicators access_7d "$s/indicators.csv" 2>/dev/null | "$bin/ind-trend" 2>/dev/null >"$T/trend.csv"
png() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '211PNG' ]; }
mkdir "$T/p"
"$bin/ind-plot" -o "$T/p/new${nl}line.png" "$T/trend.csv" 2>"$T/err"
rc=$?
check "ind-plot -o with a line break in the name: exit 0, the chart under that name" \
	$([ $rc -eq 0 ] && png "$T/p/new${nl}line.png"; echo $?)
check "and nothing else in the directory (no newline.png.tmp*)" $([ "$(count "$T/p" '*')" -eq 1 ]; echo $?)
plong=${long%.csv}.png
"$bin/ind-plot" -o "$plong" "$T/trend.csv" 2>"$T/err"
check "ind-plot -o with a ${#plong}-byte path" $([ $? -eq 0 ] && png "$plong"; echo $?)
for name in "it's.png" 'a"b.png' 'back\slash.png' ' lead.png' '-dash.png' 'ö.png'; do
	"$bin/ind-plot" -o "$T/p/$name" "$T/trend.csv" 2>"$T/err"
	check "ind-plot -o '$name'" $([ $? -eq 0 ] && png "$T/p/$name"; echo $?)
done
check "no temporary files left by these" $([ "$(count "$T/p" '*tmp*')" -eq 0 ]; echo $?)
echo old >"$T/p/private.png"
chmod 600 "$T/p/private.png"
"$bin/ind-plot" -o "$T/p/private.png" "$T/trend.csv" 2>/dev/null
check "ind-plot -o keeps a 0600 chart 0600 ($(mode "$T/p/private.png"))" \
	$([ "$(mode "$T/p/private.png")" = 600 ] && png "$T/p/private.png"; echo $?)
mkdir "$T/p/charts"
ln -s charts/c.svg "$T/p/c.svg"
"$bin/ind-plot" -o "$T/p/c.svg" "$T/trend.csv" 2>/dev/null
check "ind-plot -o through a symbolic link writes its target" \
	$([ -L "$T/p/c.svg" ] && grep -q '<svg' "$T/p/charts/c.svg"; echo $?)
(cd "$T/p" && "$bin/ind-plot" --script - "$T/trend.csv" >"$T/script.gp" 2>"$T/err")
check "ind-plot --script - writes the script to standard output, not to a file '-'" \
	$([ $? -eq 0 ] && grep -q '^plot ' "$T/script.gp" && [ ! -e "$T/p/-" ]; echo $?)
"$bin/ind-plot" --script "$T/nl.gp" -o "new${nl}line.png" "$T/trend.csv" 2>/dev/null
check "--script keeps a line break of -o in its set output, double-quoted and escaped" \
	$(grep -qx 'set output "new\\nline.png"' "$T/nl.gp"; echo $?)
rm -f "$T/p/new${nl}line.png"
(cd "$T/p" && gnuplot "$T/nl.gp" 2>/dev/null)
check "and gnuplot, running that script, writes exactly that name" $(png "$T/p/new${nl}line.png"; echo $?)
# gnuplot is given a name of ours, never the user's string
cat >"$T/spy" <<'EOF'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'\$/\1/p")
printf '%s\n' "$out" >>"$SPY_LOG"
printf '%s\n' "$(pwd)" >>"$SPY_LOG.dir"
printf 'fake' >"$out"
EOF
chmod +x "$T/spy"
SPY_LOG=$T/spy.log
export SPY_LOG
"$bin/ind-plot" --gnuplot "$T/spy" -o "$T/p/it's${nl}odd \$(x).png" "$T/trend.csv" 2>"$T/err"
check "gnuplot gets a temporary name of [A-Za-z0-9._-] only, in the chart's directory" \
	$([ $? -eq 0 ] && grep -Eqx '[A-Za-z0-9._-]+' "$T/spy.log" && [ "$(cat "$T/spy.log.dir")" = "$T/p" ] &&
	  [ "$(cat "$T/p/it's${nl}odd \$(x).png")" = fake ]; echo $?)
# signals: a gnuplot that waits; the signal removes the temporary chart and ends ind-plot by that signal
cat >"$T/slow" <<'EOF'
#!/bin/sh
cat >/dev/null
: >"$SLOW_READY"
exec sleep 30
EOF
chmod +x "$T/slow"
for sig in INT TERM HUP; do
	mkdir "$T/sig$sig"
	SLOW_READY=$T/ready
	export SLOW_READY
	rm -f "$T/ready"
	"$T/dfl" "$bin/ind-plot" --gnuplot "$T/slow" -o "$T/sig$sig/out.png" "$T/trend.csv" 2>/dev/null &
	pid=$!
	i=0
	while [ ! -e "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -$sig $pid
	{ wait $pid; } 2>/dev/null
	rc=$?
	check "ind-plot, SIG$sig while gnuplot runs: ended by the signal ($rc), no out.png.tmp* left" \
		$([ $rc -gt 128 ] && [ "$(count "$T/sig$sig" '*')" -eq 0 ]; echo $?)
done

# ---- ind-report: publishing the directory ----
# a fast gnuplot that writes a fixed chart where it is told
cat >"$T/fake" <<'EOF'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'\$/\1/p")
[ -n "${SPY_LOG:-}" ] && printf '%s\n' "$out" >>"$SPY_LOG"
case $out in
*.svg) printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><title>chart</title></svg>\n' >"$out" ;;
*) printf '\211PNG fake' >"$out" ;;
esac
EOF
chmod +x "$T/fake"
report() { "$bin/ind-report" --quiet --gnuplot "$T/fake" --regions Lappi --config "$s/report.conf" "$@"; }
# what a published DIR looks like: a link to DIR.v-XXXXXX beside it, the report in there, nothing else
published() {
	d=$(dirname "$1") b=$(basename "$1")
	[ -L "$1" ] && [ -s "$1/index.html" ] && [ -s "$1/report.md" ] && [ -s "$1/statistics.csv" ] &&
		case $(readlink "$1") in "$b".v-??????) true ;; *) false ;; esac &&
		[ "$(count "$d" "$b.*")" -eq 1 ] &&
		[ -z "$(cd "$1/" && ls -A | grep -Ev '^(index\.html|report\.md|statistics\.csv|chart-[0-9]+\.png)$')" ]
}
mkdir "$T/r"
report -o "$T/r/rep/" 2>"$T/err"
check "ind-report -o rep/ (a trailing slash), new: exit 0, published" $([ $? -eq 0 ] && published "$T/r/rep"; echo $?)
report -o "$T/r/rep/" 2>"$T/err"
check "and again over it: exit 0, no rep/.old* inside, nothing else beside it" \
	$([ $? -eq 0 ] && published "$T/r/rep" && [ "$(count "$T/r/rep/" '.*')" -eq 2 ]; echo $?)
report -o "$T/r/rep//" 2>"$T/err"
check "-o rep// too" $([ $? -eq 0 ] && published "$T/r/rep"; echo $?)
report -o "$T/r/new/nested/rep" 2>"$T/err"
check "a new nested path: its parents made, published" $([ $? -eq 0 ] && published "$T/r/new/nested/rep"; echo $?)
report --gnuplot "$T/gnuplot-fails" -o "$T/r/gone/deeper/rep" 2>"$T/err"
check "a failed run on a new nested path leaves not even the parents it made" \
	$([ $? -eq 1 ] && [ ! -e "$T/r/gone" ]; echo $?)
# a link of the user's to a directory elsewhere: the report goes where it points, the link stays
mkdir -p "$T/r/www"
ln -s www/site "$T/r/link"
report -o "$T/r/link" 2>"$T/err"
check "-o a symbolic link (dangling): exit 0, the link kept, the report at its target" \
	$([ $? -eq 0 ] && [ "$(readlink "$T/r/link")" = www/site ] && published "$T/r/www/site" &&
	  [ "$(count "$T/r" 'link*')" -eq 1 ]; echo $?)
report -o "$T/r/link" 2>"$T/err"
check "and again: no link.old* left" \
	$([ $? -eq 0 ] && published "$T/r/www/site" && [ "$(count "$T/r" 'link*')" -eq 1 ] &&
	  [ -s "$T/r/link/index.html" ]; echo $?)
# a real directory from older runs: migrated, once
mkdir "$T/r/old"
report -o "$T/r/tmpl" 2>/dev/null
cp "$T/r/tmpl/"* "$T/r/old/"
echo stale >"$T/r/old/chart-99.png"
report -o "$T/r/old" 2>"$T/err"
check "a real report directory of an older run becomes the link, its files gone" \
	$([ $? -eq 0 ] && published "$T/r/old" && [ ! -e "$T/r/old/chart-99.png" ]; echo $?)
mkdir "$T/r/mine"
echo keep >"$T/r/mine/notes.txt"
report -o "$T/r/mine" 2>"$T/err"
rc=$?
check "a directory with other files is not replaced: exit 1, the file named" \
	$([ $rc -eq 1 ] && grep -q "mine: not a report directory (it holds 'notes.txt'); remove it or give another -o" "$T/err" &&
	  [ "$(cat "$T/r/mine/notes.txt")" = keep ] && [ "$(count "$T/r" 'mine*')" -eq 1 ]; echo $?)
echo file >"$T/r/afile"
report -o "$T/r/afile" 2>"$T/err"
check "a file in the way: exit 1, 'exists and is not a directory'" \
	$([ $? -eq 1 ] && grep -q 'afile: exists and is not a directory' "$T/err" && [ "$(count "$T/r" 'afile*')" -eq 1 ]; echo $?)
report -o . 2>"$T/err"
check "-o . is refused: exit 1" $([ $? -eq 1 ] && grep -q "give the report directory by name" "$T/err"; echo $?)
# gnuplot gets names of ours, run in the report's directory
: >"$SPY_LOG"
report -o "$T/r/it's${nl}odd" 2>"$T/err"
check "ind-report with a line break and a quote in -o: exit 0; gnuplot saw only chart-NN.svg/png" \
	$([ $? -eq 0 ] && published "$T/r/it's${nl}odd" && ! grep -Evq '^chart-[0-9]+\.(svg|png)$' "$SPY_LOG"; echo $?)
# a 1020-byte -o, with the real gnuplot: SVG inline in index.html, no PNG bytes in it
rdir=${long%/*}
rlong=$rdir/$(printf '%0*d' $((1020 - ${#rdir} - 1)) 0 | tr 0 r)
"$bin/ind-report" --quiet --regions Lappi --config "$s/report.conf" -o "$rlong" 2>"$T/err"
check "ind-report -o a ${#rlong}-byte path: exit 0, published" $([ $? -eq 0 ] && published "$rlong"; echo $?)
check "and index.html inlines SVG, no PNG bytes" \
	$([ "$(grep -c '<figure><svg' "$rlong/index.html")" -eq 5 ] && ! grep -q 'PNG' "$rlong/index.html"; echo $?)

# readers: a poller reads index.html while it is rewritten 50 times, two contents in turn
report --title "Report A" -o "$T/r/a" 2>/dev/null
report --title "Report B" -o "$T/r/b" 2>/dev/null
cp "$T/r/a/index.html" "$T/A.html"
cp "$T/r/b/index.html" "$T/B.html"
report --title "Report A" -o "$T/r/live" 2>/dev/null
(
	i=0
	while [ $i -lt 50 ]; do
		if [ $((i % 2)) -eq 0 ]; then t="Report B"; else t="Report A"; fi
		report --title "$t" -o "$T/r/live" 2>>"$T/writer.err" || echo "run $i failed" >>"$T/writer.err"
		i=$((i + 1))
	done
	: >"$T/writer.done"
) &
writer=$!
reads=0 missing=0 mixed=0
while [ ! -e "$T/writer.done" ]; do
	if ! cat "$T/r/live/index.html" >"$T/snap" 2>/dev/null; then
		missing=$((missing + 1))
	elif ! cmp -s "$T/snap" "$T/A.html" && ! cmp -s "$T/snap" "$T/B.html"; then
		mixed=$((mixed + 1))
		cp "$T/snap" "$T/mixed.html"
	fi
	reads=$((reads + 1))
done
wait $writer
check "50 rewrites while a reader polls: $reads reads, index.html missing $missing times, neither A nor B $mixed times" \
	$([ $reads -ge 50 ] && [ $missing -eq 0 ] && [ $mixed -eq 0 ] && [ ! -s "$T/writer.err" ]; echo $?)
check "and after them: one version beside it, nothing else" $(published "$T/r/live"; echo $?)
# runs at the same time: a lock beside DIR makes the second wait; no failures, nothing left
fails=0
i=0
while [ $i -lt 20 ]; do
	report -o "$T/r/par" 2>>"$T/par.err" &
	p1=$!
	report -o "$T/r/par" 2>>"$T/par.err" &
	p2=$!
	wait $p1 || fails=$((fails + 1))
	wait $p2 || fails=$((fails + 1))
	i=$((i + 1))
done
check "20 pairs of runs at the same time: $fails failures, one version left, no lock, no copy" \
	$([ $fails -eq 0 ] && published "$T/r/par" && [ ! -s "$T/par.err" ]; echo $?)
# signals: gnuplot waits at the third chart; the signal leaves the old report and nothing else
cat >"$T/slow3" <<'EOF'
#!/bin/sh
n=$(cat "$SLOW_COUNT" 2>/dev/null || echo 0)
n=$((n + 1))
echo $n >"$SLOW_COUNT"
if [ $n -ge 3 ]; then cat >/dev/null; : >"$SLOW_READY"; exec sleep 30; fi
exec "$FAKE" "$@"
EOF
chmod +x "$T/slow3"
FAKE=$T/fake SLOW_COUNT=$T/slow.count
export FAKE SLOW_COUNT
for sig in INT TERM HUP; do
	cp "$T/r/live/index.html" "$T/before.html"
	for target in live "sig/new$sig/rep"; do
		rm -f "$T/ready" "$T/slow.count"
		"$T/dfl" "$bin/ind-report" --quiet --gnuplot "$T/slow3" --config "$s/report.conf" -o "$T/r/$target" 2>/dev/null &
		pid=$!
		i=0
		while [ ! -e "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -$sig $pid
		{ wait $pid; } 2>/dev/null
		rc=$?
		if [ "$target" = live ]; then
			check "ind-report, SIG$sig at the third chart: ended by it ($rc), the old report as it was, nothing left" \
				$([ $rc -gt 128 ] && published "$T/r/live" && cmp -s "$T/before.html" "$T/r/live/index.html" &&
				  [ "$(count "$T/r" 'live.*')" -eq 1 ]; echo $?)
		else
			check "ind-report, SIG$sig on a new nested path: nothing left, not the parents" \
				$([ $rc -gt 128 ] && [ ! -e "$T/r/sig/new$sig" ]; echo $?)
		fi
	done
done
rmdir "$T/r/sig" 2>/dev/null

# an output that is a pipe is widened to 1 MiB, or to pipe-max-size when that is less (Linux;
# F_GETPIPE_SZ is 1032), and written in chunks of 256 KiB; the bytes are those of a file
max=$(cat /proc/sys/fs/pipe-max-size 2>/dev/null || echo 0)
want=$((max < 1048576 ? max : 1048576))
"$bin/ind-load" "$s/indicators.csv" -o "$T/canon.csv" 2>/dev/null
got=$("$bin/ind-load" "$s/indicators.csv" 2>/dev/null |
	perl -e 'local $/; my $all = <STDIN>; my $size = fcntl(STDIN, 1032, 0); print length($all), " ", $size // 0')
if [ "$max" -lt 4096 ] || [ "${got#* }" = 0 ] || [ "${got#* }" -lt 65536 ]; then
	skip "ind-load into a pipe widens it" "no F_GETPIPE_SZ or pipe-max-size here"
else
	check "ind-load into a pipe widens it to $want bytes (${got#* })" $([ "${got#* }" = "$want" ]; echo $?)
fi
check "ind-load into a pipe: the bytes of the file" $([ "${got% *}" = "$(wc -c <"$T/canon.csv")" ]; echo $?)
"$bin/ind-load" "$s/indicators.csv" 2>/dev/null | cmp -s - "$T/canon.csv"
check "ind-load into a pipe: the same bytes as into a file" $?
done_testing
