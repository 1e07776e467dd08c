#!/bin/sh
# tests/escaping.t - what the tools write into other programs: control characters from the data are
# shown as \x1b in messages (terminals); names and labels are escaped in report.md (Markdown) and
# guarded against formulas in statistics.csv (spreadsheets); the canonical stream stays raw.
# The ind-table renderers have golden cases in tests/cli/ind-table (*-control, *-hostile).
set -u
. "$(dirname "$0")/lib.sh"

# messages: ESC, DEL, BEL and a line break from the data or a file name arrive as \xNN
f="$T/in$(printf '\033[1m').csv"
printf 'region,indicator,period,value\nA,x,2021,x\033[31mred\nA,x,2022,\nA,x,2023,"a\177\nb"\nA,x,2024,1\n' >"$f"
"$bin/ind-load" "$f" >"$T/out" 2>"$T/err"
cat >"$T/want" <<WANT
ind-load: $T/in\\x1b[1m.csv:2: column 'value': not a number: 'x\\x1b[31mred'
ind-load: $T/in\\x1b[1m.csv:4: column 'value': not a number: 'a\\x7f\\x0ab'
ind-load: $T/in\\x1b[1m.csv: missing values: 1 empty
ind-load: 4 rows read, 2 written, 2 rejected
WANT
check "ind-load messages show ESC, DEL and LF as \\x1b, \\x7f, \\x0a" $(cmp -s "$T/want" "$T/err"; echo $?)
check "and no raw control character reaches stderr" $(! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$T/err"; echo $?)
# the canonical stream keeps the bytes as they were
printf 'region,indicator,period,value\nA\033[2J,x,2021,1\n' >"$T/esc.csv"
"$bin/ind-load" "$T/esc.csv" 2>/dev/null | "$bin/ind-trend" 2>"$T/err" >"$T/trend.csv"
check "the canonical stream keeps an ESC in a region as it is" \
	$(grep -q "^A$(printf '\033')\[2J,x,2021,1" "$T/trend.csv"; echo $?)
done_testing
