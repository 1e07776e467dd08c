#!/bin/sh
# tests/blocks.t - the block cutter: for random nasty inputs (stray quotes, quotes at odd places,
# multi-line quoted fields, LF, CRLF and CR line ends mixed, Latin-1 bytes, blank lines), ind-load
# writes the same bytes, messages, rejects and reject log for every --threads and --block-size as
# in one sequential pass (--threads 1). Seeded: the same files every run; IND_BLOCKS_FILES and
# IND_BLOCKS_SEED make longer runs (make fuzz runs more).
set -u
. "$(dirname "$0")/lib.sh"

files=${IND_BLOCKS_FILES:-6}
seed=${IND_BLOCKS_SEED:-20261201}

# one random file of about 60 records on stdout
gen() {
	awk -v seed="$1" 'BEGIN {
		srand(seed)
		eol[0] = "\n"; eol[1] = "\r\n"; eol[2] = "\r"
		if (seed % 2) {	# codes shown: the first data row tells the code from the label
			printf "alue,alue,indicator,period,value\n974,Lappi,t3,202301,5\n"
		} else {
			printf "region,indicator,period,value\n"
		}
		for (r = 0; r < 60; r++) {
			nf = 3 + int(rand() * 3)
			line = ""
			for (f = 0; f < nf; f++) {
				k = int(rand() * 14)
				if (k < 3) v = (f == 2 ? 2000 + int(rand() * 30) : sprintf("%d", int(rand() * 100)))
				else if (k == 3) v = sprintf("2023%02d", int(rand() * 14))	# YYYYMM, or six digits that are not
				else if (k < 6) v = "Lappi"
				else if (k == 6) v = "\"Kai" eol[int(rand() * 3)] "nuu\""	# a quoted line break
				else if (k == 7) v = "12\" screen"			# a stray quote
				else if (k == 8) v = "\"1\"2"				# text after a closing quote
				else if (k == 9) v = "\"a,\"\"b\"\"\""			# delimiter and escaped quotes
				else if (k == 10) v = "\"open" eol[int(rand() * 3)]	# a quote left open
				else if (k == 11) v = sprintf("%c%c", 228, 246)		# Latin-1 bytes
				else if (k == 12) v = ""
				else v = " \"x\" "
				line = line (f ? "," : "") v
			}
			printf "%s%s", line, eol[int(rand() * 3)]
			if (rand() < 0.05) printf "%s", eol[int(rand() * 3)]	# a blank line
		}
	}'
}

run() {	# run NAME ARGS...: ind-load on $T/in with ARGS, outputs in $T/NAME.*
	name=$1
	shift
	"$bin/ind-load" --delimiter , "$@" --rejects "$T/$name.rej" --reject-log "$T/$name.log" "$T/in" \
		>"$T/$name.out" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
}

same() { cmp -s "$T/a.out" "$T/b.out" && cmp -s "$T/a.err" "$T/b.err" && cmp -s "$T/a.rej" "$T/b.rej" &&
	cmp -s "$T/a.log" "$T/b.log" && cmp -s "$T/a.rc" "$T/b.rc"; }

f=0
while [ $f -lt "$files" ]; do
	gen $((seed + f)) >"$T/in"
	run a --threads 1
	bad=
	for bs in $(seq 1 64) 4096 1048576; do
		for th in 1 2 7; do
			# all 64 small sizes on a rotating thread count, the large ones on every count
			[ "$bs" -le 64 ] && [ $(((bs + f) % 3)) -ne $((th == 7 ? 2 : th - 1)) ] && continue
			run b --threads $th --block-size $bs
			same || bad="$bad $th/$bs"
		done
	done
	check "random file $((seed + f)): one pass = any threads and block size${bad:+ (differs:$bad)}" \
		$([ -z "$bad" ]; echo $?)
	f=$((f + 1))
done

# what the symptoms were, exactly
printf 'region,indicator,period,value\n12" screen,t3,2021,1\n' >"$T/in"
i=0
while [ $i -lt 2000 ]; do printf 'Lappi,t3,%d,%d\n' $((1000 + i)) $i; i=$((i + 1)); done >>"$T/in"
run a --threads 1
run b --threads 2 --block-size 64
check "a stray quote in an unquoted field: that row rejected, the rest read, in blocks too" \
	$(same && grep -q '2001 rows read, 2000 written, 1 rejected' "$T/a.err" &&
	  [ "$(sed -n 2p "$T/a.rej")" = '12" screen,t3,2021,1' ]; echo $?)
printf 'region,indicator,period,value\n"Kai\nnuu",t3,2021,1\nx"y,t3,2021,2\n"Kai\r\nnuu",t3,2022,3\n' >"$T/in"
run a --threads 1
check "quoted line breaks beside stray quotes: both Kainuu rows read, the stray one rejected" \
	$(grep -q '3 rows read, 2 written, 1 rejected' "$T/a.err"; echo $?)
for bs in 1 5 9 17 33; do
	run b --threads 2 --block-size $bs
	same || break
done
check "... and the same in blocks of 1 to 33 bytes" $(same; echo $?)
check "a CRLF inside a quoted field stays in the value" \
	$(od -An -c "$T/a.out" | tr -d ' \n' | grep -q 'Kai\\r\\nnuu'; echo $?)
done_testing
