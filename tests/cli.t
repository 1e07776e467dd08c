#!/bin/sh
# tests/cli.t - golden tests: tests/cli/TOOL/CASE.{args,in,out,err,rc,rejects}.
# CASE.args holds the arguments as shell words ($REJECTS and $TMP may appear);
# CASE.in is standard input (else /dev/null); .out, .err and .rc are what
# must come out (a missing .rc means 0); .rejects, if present, is compared
# with the file the case wrote to $REJECTS.
# Run with --regen to (re)write the expected files from the current tools.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IND_BIN:-$top/bin}
regen=0
[ "${1:-}" = --regen ] && regen=1
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
export TMP LC_ALL=C

n=0
# what a case may not leave behind: files in its directory or in the repository's root
root_before=$(ls -A "$top")
for args in "$top"/tests/cli/*/*.args; do
	dir=$(dirname "$args")
	tool=$(basename "$dir")
	case_=$(basename "$args" .args)
	base=$dir/$case_
	n=$((n + 1))
	REJECTS=$TMP/rejects.csv
	export REJECTS
	rm -f "$REJECTS"
	in=/dev/null
	[ -f "$base.in" ] && in=$base.in
	dir_before=$(ls -A "$dir")
	(cd "$dir" && eval "set -- $(cat "$args")" && exec ${IND_VALGRIND:-} "$bin/$tool" "$@") \
		<"$in" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/rc"
	left=$(ls -A "$dir" | grep -vxF "$dir_before")
	if [ $regen = 1 ]; then
		cp "$TMP/out" "$base.out"
		cp "$TMP/err" "$base.err"
		if [ "$(cat "$TMP/rc")" = 0 ]; then rm -f "$base.rc"; else cp "$TMP/rc" "$base.rc"; fi
		if [ -f "$REJECTS" ]; then cp "$REJECTS" "$base.rejects"; else rm -f "$base.rejects"; fi
	fi
	[ -f "$base.rc" ] && want_rc=$(cat "$base.rc") || want_rc=0
	what=
	cmp -s "$TMP/out" "$base.out" || what="$what stdout"
	cmp -s "$TMP/err" "$base.err" || what="$what stderr"
	[ "$(cat "$TMP/rc")" = "$want_rc" ] || what="$what exit($(cat "$TMP/rc")!=$want_rc)"
	if [ -f "$base.rejects" ]; then
		cmp -s "$REJECTS" "$base.rejects" 2>/dev/null || what="$what rejects"
	fi
	[ -z "$left" ] || what="$what files left in tests/cli/$tool: $(echo $left)"
	if [ -z "$what" ]; then
		echo "ok $n - $tool $case_"
	else
		echo "not ok $n - $tool $case_: differs in$what"
		for f in out err; do
			cmp -s "$TMP/$f" "$base.$f" || diff -u "$base.$f" "$TMP/$f" | head -20 | sed 's/^/#   /'
		done
	fi
done
n=$((n + 1))
left=$(ls -A "$top" | grep -vxF "$root_before")
if [ -z "$left" ]; then
	echo "ok $n - no case left a file in the repository's root"
else
	echo "not ok $n - cases left files in the repository's root: $(echo $left)"
fi
echo "1..$n"
