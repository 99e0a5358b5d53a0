#!/bin/sh
# run.sh -- runs the harnesses fuzz/build.sh made, each for
# FUZZ_SECONDS (default 60), and prints what they did.
#
#   fuzz/run.sh SRCDIR OUTDIR EVTXGEN [RUN...]
#
# A run is a harness and the seeds it starts from: text (every text
# fixture), vss (vssadmin and diskshadow), xml, csv (CSV and tables),
# kb, evtx (files tests/evtxgen writes from the .evd fixtures, whole and
# damaged). Corpora grow in OUTDIR/corpus/RUN between runs; whatever
# crashes is left in OUTDIR/crashes. Exit 1 if anything crashed.
set -u
srcdir=$1 out=$2 evtxgen=$3
shift 3
runs=${*:-text vss xml csv kb evtx}
secs=${FUZZ_SECONDS:-60}
fx=$srcdir/tests/fixtures
supp=$srcdir/fuzz/libevtx.supp
mkdir -p "$out/crashes" "$out/seeds" "$out/logs"

seeds() {	# seeds RUN FILE... -- a seed folder of the given files
	d=$out/seeds/$1
	shift
	rm -rf "$d"
	mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$d/"
	done
	if [ -d "$srcdir/fuzz/corpus-seeds/$(basename "$d")" ]; then
		cp "$srcdir/fuzz/corpus-seeds/$(basename "$d")"/* "$d/"
	fi
	echo "$d"
}

evtx_seeds() {
	d=$out/seeds/evtx
	rm -rf "$d"
	mkdir -p "$d"
	for e in "$fx"/*.evd "$fx"/kb/*.evd "$srcdir"/fuzz/corpus-seeds/evtx/*.evd; do
		[ -f "$e" ] || continue
		b=$(basename "$e" .evd)
		"$evtxgen" "$e" "$d/$b.evtx" || return 1
		"$evtxgen" --bad-size 2 "$e" "$d/$b-size.evtx" 2>/dev/null
		"$evtxgen" --corrupt-record 1 "$e" "$d/$b-corrupt.evtx" 2>/dev/null
	done
	echo "$d"
}

status=0
printf '%-6s %8s %10s %8s %6s %8s\n' run seconds execs exec/s new crashes \
    > "$out/summary.txt"
for r in $runs; do
	harness=text maxlen=32768
	case $r in
	text)	s=$(seeds text "$fx"/text/* "$fx"/kb/*.txt "$fx"/tui/*.txt) ;;
	vss)	s=$(seeds vss "$fx"/text/vssadmin-* "$fx"/text/diskshadow-* \
		    "$fx"/kb/*-writers.txt "$fx"/kb/*-providers.txt) ;;
	xml)	s=$(seeds xml "$fx"/text/*.xml) ;;
	csv)	s=$(seeds csv "$fx"/text/*.csv "$fx"/text/event-tab.txt \
		    "$fx"/text/ps-*.txt) ;;
	kb)	harness=kb maxlen=16384
		s=$(seeds kb "$srcdir"/kb/*.kb "$fx"/kb/broken/*.kb) ;;
	evtx)	harness=evtx maxlen=140000
		s=$(evtx_seeds) || { echo "fuzz: no evtx seeds" >&2; exit 1; } ;;
	*)	echo "fuzz/run.sh: unknown run $r" >&2
		exit 2 ;;
	esac
	mkdir -p "$out/corpus/$r"
	before=$(ls "$out/crashes" | wc -l)
	echo "fuzz: $r for ${secs}s"
	LSAN_OPTIONS=suppressions=$supp \
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	VSSTRIAGE_KB=$srcdir/kb \
	    "$out/fuzz-$harness" -max_total_time="$secs" -timeout=25 \
	    -rss_limit_mb=2560 -max_len="$maxlen" -print_final_stats=1 \
	    -artifact_prefix="$out/crashes/$r-" \
	    "$out/corpus/$r" "$s" > "$out/logs/$r.log" 2>&1
	after=$(ls "$out/crashes" | wc -l)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/logs/$r.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/logs/$r.log")
	new=$(sed -n 's/^stat::new_units_added: *//p' "$out/logs/$r.log")
	printf '%-6s %8s %10s %8s %6s %8s\n' "$r" "$secs" "${execs:-?}" \
	    "${rate:-?}" "${new:-?}" $((after - before)) >> "$out/summary.txt"
	if [ "$after" -ne "$before" ]; then
		echo "fuzz: $r crashed: see $out/logs/$r.log and $out/crashes" >&2
		status=1
	fi
done
cat "$out/summary.txt"
exit $status
