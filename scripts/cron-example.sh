#!/bin/sh
# cron-example.sh - refresh the effects report every night from the latest exports.
#
# crontab -e, as the user who owns the report directory:
#   15 3 * * *  /usr/local/share/doc/ind-tools/cron-example.sh >>/var/log/ind-report.log 2>&1
#
# INPUTS (default $WORK/inputs.conf; inputs.conf beside this script is an example) lists the
# exports: one path or glob per line, relative to EXPORTS unless it starts with '/', then the
# ind-load options for those files, split at blanks (no quoting); '#' at the start of a word
# begins a comment. Without the file, EXPORTS/*.csv and EXPORTS/*.csv.gz are read with no options.
# A pattern that matches nothing is skipped (logged), never passed on as a name.
#
# FETCH (default $WORK/fetch.conf; optional) lists API requests: one ind-fetch command line per line
# without the program name, split at blanks (no quoting), '#' comments as above, e.g.
#   sotkanet --indicator 683,3118 --years 2015..2024 --gender total
#   pxweb https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px --select Alue=SSS,KU091 --select Tiedot=vaesto --select Vuosi=*
# Each is run with --cache $CACHE (the raw answers, kept between runs) first, and its stream joins the
# exports'. A request that fails (its URL and HTTP status are logged) fails the run like a load.
#
# Each line is loaded into a stream of its own; together they replace $WORK/indicators.csv, and
# their rejected rows $WORK/rejects.csv, only when every line loaded. Then ind-report rebuilds
# OUT from $WORK/report.conf (with no exports tonight, from the stream already there). Each step
# is atomic (ind-load -o and ind-report -o replace their output only on success), so a web server
# always serves a complete report, the old one if tonight's run failed.
#
# Every line of output starts with a timestamp. Exit status: 0 when the report was refreshed or
# there is nothing to report yet (no exports, no stream); 1 when a load or the report failed.
set -u
EXPORTS=${EXPORTS:-/srv/exports}          # PxWeb, Sotkanet and own CSV exports land here
WORK=${WORK:-/var/lib/ind-report}         # canonical stream, configuration, inputs.conf
OUT=${OUT:-/srv/www/vaikutukset}          # what the web server shows
INPUTS=${INPUTS:-$WORK/inputs.conf}
FETCH=${FETCH:-$WORK/fetch.conf}          # API requests for ind-fetch (optional)
CACHE=${CACHE:-$WORK/cache}               # ind-fetch's answers
BINDIR=${BINDIR:-/usr/local/bin}          # where ind-load, ind-fetch and ind-report are installed
REPORT_OPTIONS=${REPORT_OPTIONS:-}        # e.g. "--format docx,pdf" (split at blanks)
PATH=$BINDIR:/usr/local/bin:/usr/bin:/bin
export PATH

log() { printf '%s %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ind-cron.XXXXXX") || { log "error: cannot make a temporary directory"; exit 1; }
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# run COMMAND...: its messages become log lines; returns its exit status
run() {
	"$@" >"$tmp/msg" 2>&1
	rc_=$?
	while IFS= read -r l_ || [ -n "$l_" ]; do log "  $l_"; done <"$tmp/msg"
	return $rc_
}

# load N PATTERN [OPTION]...: ind-load the files PATTERN matches into $tmp/part-N.csv.
# 0 loaded, 1 failed, 3 nothing matched.
load() {
	n_=$1 pattern_=$2
	shift 2
	(
		case $pattern_ in
		/*) ;;
		*) cd "$EXPORTS" 2>/dev/null || { log "error: cannot enter EXPORTS '$EXPORTS'"; exit 1; } ;;
		esac
		set +f
		found_=
		for f_ in $pattern_; do
			if [ -e "$f_" ] || [ -L "$f_" ]; then found_=1; break; fi
		done
		[ -n "$found_" ] || exit 3
		# the pattern matched, so its expansion is only the matches; -- : a name may start with '-'
		# shellcheck disable=SC2086
		run ind-load "$@" --rejects "$tmp/rejects-$n_.csv" -o "$tmp/part-$n_.csv" -- $pattern_
	)
}

# words LINE: the words of LINE up to the first that starts with '#', in $words (set -f is on)
words() {
	words=
	for w in $1; do
		case $w in \#*) break ;; esac
		words="$words $w"
	done
}

log "start: exports $EXPORTS, report $OUT"
if [ -f "$INPUTS" ]; then
	list=$INPUTS name=$INPUTS
else
	printf '*.csv\n*.csv.gz\n' >"$tmp/inputs"
	list=$tmp/inputs name="the default inputs"
	log "no $INPUTS: reading *.csv and *.csv.gz with no options"
fi

lineno=0 loaded=0 failed=0
set -f	# the words of a line are split, not globbed (load globs the pattern itself)
if [ -f "$FETCH" ]; then
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		words "$line"
		# shellcheck disable=SC2086
		set -- $words
		[ $# -eq 0 ] && continue
		# the part is named so that the glob below takes it with the loaded ones
		if run ind-fetch --cache "$CACHE" -o "$tmp/part-fetch-$lineno.csv" "$@"; then
			loaded=$((loaded + 1))
		else
			log "error: $FETCH:$lineno: ind-fetch failed for '$*'"
			failed=$((failed + 1))
		fi
	done <"$FETCH"
fi
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	words "$line"
	# shellcheck disable=SC2086
	set -- $words
	[ $# -eq 0 ] && continue
	load "$lineno" "$@"
	case $? in
	0) loaded=$((loaded + 1)) ;;
	3) log "$name:$lineno: nothing matches '$1': skipped" ;;
	*) log "error: $name:$lineno: ind-load failed for '$1'"; failed=$((failed + 1)) ;;
	esac
done <"$list"
set +f

if [ "$failed" -gt 0 ]; then
	log "error: $failed input or fetch line(s) failed: $WORK/indicators.csv and the report are kept as they were"
	exit 1
fi
if [ "$loaded" -gt 0 ]; then
	# one stream from the parts (ind-load reads its own output as it is)
	if ! run ind-load -o "$WORK/indicators.csv" "$tmp"/part-*.csv; then
		log "error: cannot write $WORK/indicators.csv: the report is kept as it was"
		exit 1
	fi
	awk 'FNR == 1 && NR != 1 { next } { print }' "$tmp"/rejects-*.csv >"$tmp/rejects.csv" 2>/dev/null &&
		mv "$tmp/rejects.csv" "$WORK/rejects.csv"
	log "loaded $loaded input line(s) into $WORK/indicators.csv"
elif [ -f "$WORK/indicators.csv" ]; then
	log "no exports matched: the report is made from the stream already in $WORK"
else
	log "no exports and no stream yet: nothing to report"
	exit 0
fi

# shellcheck disable=SC2086
if ! run ind-report --quiet $REPORT_OPTIONS --config "$WORK/report.conf" -o "$OUT"; then
	log "error: ind-report failed: the previous report stays"
	exit 1
fi
log "done: $OUT"
