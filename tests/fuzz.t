#!/bin/sh
# tests/fuzz.t - a short smoke run of every libFuzzer harness (make fuzz runs them long).
# Skips when the fuzzers were not built (no clang with libFuzzer).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=0
for t in reader number period config agg_dates table partial events px json pxweb; do
	f=$top/build/fuzz/fuzz_$t
	n=$((n + 1))
	if [ ! -x "$f" ]; then
		echo "ok $n - fuzz_$t # SKIP not built (clang and libclang-rt-14-dev)"
		continue
	fi
	T=$(mktemp -d)
	# artifacts (crash-*, leak-*) go to build/fuzz/, not to the current directory
	if "$f" -max_total_time=2 -print_final_stats=1 -artifact_prefix="$top/build/fuzz/smoke-$t-" \
		"$T" "$top/tests/fuzz/seeds/$t" >"$T/log" 2>&1; then
		echo "ok $n - fuzz_$t: $(grep -o 'number_of_executed_units: *[0-9]*' "$T/log" | grep -o '[0-9]*$') runs, no crash"
	else
		echo "not ok $n - fuzz_$t crashed (artifact in build/fuzz/smoke-$t-*)"
		grep -E 'ERROR|SUMMARY|abort|==' "$T/log" | head -5 | sed 's/^/#   /'
	fi
	rm -rf "$T"
done
echo "1..$n"
