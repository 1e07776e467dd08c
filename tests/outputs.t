#!/bin/sh
# tests/outputs.t - where the tools put what they write: counts that say "written" only for what
# reached the output, errors that name it, -o through symbolic links and keeping the mode, any byte
# and any length in a path, no temporary file left by an error or a signal.
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

done_testing
