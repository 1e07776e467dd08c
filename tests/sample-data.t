#!/bin/sh
# tests/sample-data.t - the committed sample data is what the seeded generator writes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
gen=${IND_TESTBIN:-$top/build}/scripts/gen-sample
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT INT TERM
if [ ! -x "$gen" ]; then
	echo "1..0 # SKIP gen-sample not built"
	exit 0
fi
"$gen" "$T" || { echo "not ok 1 - gen-sample runs"; echo "1..1"; exit 0; }
n=0
for f in "$T"/*; do
	b=$(basename "$f")
	n=$((n + 1))
	case $b in
	*.gz) gzip -dc "$f" >"$T/a"; gzip -dc "$top/sample-data/$b" >"$T/b"; cmp -s "$T/a" "$T/b" ;;
	*) cmp -s "$f" "$top/sample-data/$b" ;;
	esac
	if [ $? -eq 0 ]; then echo "ok $n - sample-data/$b regenerates identically"; else echo "not ok $n - sample-data/$b differs from the generator's output"; fi
	rm -f "$T/a" "$T/b"
done
echo "1..$n"
