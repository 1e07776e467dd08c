# tests/lib.sh - what every scripted test starts with; sourced, not run.
# Sets top (the project), bin (the tools, IND_BIN to test other builds), s (sample-data),
# T (a scratch directory removed at exit), and the TAP helpers check, skip and done_testing.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IND_BIN:-$top/bin}
s=$top/sample-data
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT INT TERM
LC_ALL=C
export LC_ALL
n=0

# check DESCRIPTION STATUS: ok when STATUS is 0; on failure $T/err, where the checks send stderr, is shown
check() {
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		[ -f "$T/err" ] && sed 's/^/#   /' "$T/err" | head -3
	fi
	return 0
}

skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

done_testing() { echo "1..$n"; }
