#!/bin/sh
# tests/install.t - make install PREFIX=... DESTDIR=...: the tools, the man pages and the documents
# the man pages name, where they name them; make uninstall removes them again.
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v make >/dev/null 2>&1; then
	echo "1..0 # SKIP no make"
	exit 0
fi
# the build under test (IND_BIN), installed as it is: nothing is rebuilt
out=$(dirname "$bin")
unset MAKEFLAGS MFLAGS MAKELEVEL
prefix=/opt/ind-test
d=$T/dest
doc=$d$prefix/share/doc/ind-tools
make -s -C "$top" install OUT="$out" PREFIX="$prefix" DESTDIR="$d" >"$T/out" 2>"$T/err"
check "make install into a DESTDIR" $?
check "the tools in PREFIX/bin" $([ -x "$d$prefix/bin/ind-report" ] && [ -x "$d$prefix/bin/ind-load" ] &&
	cmp -s "$bin/ind-report" "$d$prefix/bin/ind-report"; echo $?)
for f in format.md design.md report.conf cron-example.sh inputs.conf; do
	check "PREFIX/share/doc/ind-tools/$f" $([ -s "$doc/$f" ]; echo $?)
done
check "cron-example.sh is executable and finds the installed tools" \
	$([ -x "$doc/cron-example.sh" ] && grep -q "BINDIR:-$prefix/bin}" "$doc/cron-example.sh"; echo $?)
check "format.md as in the source" $(cmp -s "$top/docs/format.md" "$doc/format.md"; echo $?)
check "ind-report.1 names the installed files (FILES)" \
	$(grep -q "^\.I $prefix/share/doc/ind-tools/report.conf" "$d$prefix/share/man/man1/ind-report.1" &&
	  ! grep -q '/usr/local/share/doc' "$d$prefix/share/man/man1/ind-report.1"; echo $?)
check "ind-fetch and its man page installed" \
	$(cmp -s "$bin/ind-fetch" "$d$prefix/bin/ind-fetch" && [ -s "$d$prefix/share/man/man1/ind-fetch.1" ] &&
	  grep -q "$prefix/share/doc/ind-tools/format.md" "$d$prefix/share/man/man1/ind-fetch.1"; echo $?)
check "ind-load.1 names the installed format.md" \
	$(grep -q "$prefix/share/doc/ind-tools/format.md" "$d$prefix/share/man/man1/ind-load.1"; echo $?)
for f in "$d$prefix"/share/man/man1/*.1; do
	if command -v groff >/dev/null 2>&1; then
		w=$(groff -man -ww -z "$f" 2>&1)
		check "installed $(basename "$f") lints clean" $([ -z "$w" ]; echo $?)
	else
		skip "installed $(basename "$f") lints clean" "no groff"
	fi
done
make -s -C "$top" uninstall OUT="$out" PREFIX="$prefix" DESTDIR="$d" >"$T/out" 2>"$T/err"
check "make uninstall removes every file" $([ $? -eq 0 ] && [ -z "$(find "$d" -type f)" ]; echo $?)
done_testing
