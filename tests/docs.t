#!/bin/sh
# tests/docs.t - man pages lint clean and document every option the tools' --help shows.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IND_BIN:-$top/bin}
n=0
for tool in "$bin"/ind-*; do
	t=$(basename "$tool")
	page=$top/docs/$t.1
	n=$((n + 1))
	if [ ! -f "$page" ]; then echo "not ok $n - $t has a man page"; continue; fi
	echo "ok $n - $t has a man page"
	n=$((n + 1))
	if ! command -v groff >/dev/null 2>&1; then
		echo "ok $n - $t.1 lints clean # SKIP no groff"
	elif w=$(groff -man -ww -z "$page" 2>&1) && [ -z "$w" ]; then
		echo "ok $n - $t.1 lints clean"
	else
		echo "not ok $n - $t.1 lints clean"
		echo "$w" | sed 's/^/#   /'
	fi
	for opt in $("$tool" --help | grep -E '^ +-' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		n=$((n + 1))
		esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		if grep -q -- "$esc" "$page"; then
			echo "ok $n - $t.1 documents $opt"
		else
			echo "not ok $n - $t.1 documents $opt"
		fi
	done
	n=$((n + 1))
	if "$tool" --version | head -1 | grep -qx "$t (ind-tools) [0-9.]*"; then
		echo "ok $n - $t --version"
	else
		echo "not ok $n - $t --version"
	fi
done
echo "1..$n"
