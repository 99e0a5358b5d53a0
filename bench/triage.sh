#!/bin/sh
# triage.sh -- time to findings: `vsstriage --report --format=json` on a
# large Application log with few events the knowledge base looks for,
# with the chunk prefilter (--prefilter), against a full
# `evtxexport -f text` of the same file and against the report that reads
# every record (the default). Prints medians,
# ratios and peak resident memory. Measured, never asserted.
#
#   make bench                     (from a build directory)
#   sh bench/triage.sh [SIZE_MB] [KB_PERCENT] [RUNS]
#
# The file is made by tests/evtxgen --synth SIZE_MB (default 1024) with
# --kb-percent KB_PERCENT (default 1) and kept in bench/out/ of the build
# directory; BENCH_EVTX=FILE times any other file instead. The report
# runs RUNS times (default 5); evtxexport and the full read run once
# each unless BENCH_SLOW_RUNS says more (they take minutes on 1 GB).
# A sanitizer build is not timed: as bench/evtx-dump.sh does, a plain
# build is made in bench/out/build and that one is timed.
set -u
size=${1:-1024}
pct=${2:-1}
runs=${3:-5}
slow_runs=${BENCH_SLOW_RUNS:-1}
: "${VS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VS_BUILDDIR:=$VS_SRCDIR}"
: "${EVTXEXPORT:=$(command -v evtxexport)}"
: "${VSSTRIAGE_KB:=$VS_SRCDIR/kb}"
export VSSTRIAGE_KB
out=$VS_BUILDDIR/bench/out
mkdir -p "$out" || exit 1

die() {
	echo "triage: $*" >&2
	exit 1
}
[ -n "$EVTXEXPORT" ] && [ -x "$EVTXEXPORT" ] || die "evtxexport not found"

. "$VS_SRCDIR/bench/lib.sh"
plain_vsstriage
gen=$VS_BUILDDIR/tests/evtxgen

file=${BENCH_EVTX:-$out/triage-$size-$pct.evtx}
if [ ! -f "$file" ]; then
	[ -x "$gen" ] || make -C "$VS_BUILDDIR" tests/evtxgen >/dev/null 2>&1
	[ -x "$gen" ] || die "tests/evtxgen is not built; set BENCH_EVTX=FILE"
	echo "# making $file ($size MB, $pct% KB events) with tests/evtxgen"
	"$gen" --synth "$size" --kb-percent "$pct" "$file.tmp" &&
	    mv "$file.tmp" "$file" || die "evtxgen --synth failed"
fi
bytes=$(wc -c <"$file")
echo "# $file: $bytes bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# timed FILE OUT COMMAND...: one run, its output to OUT; appends
# "seconds peakKiB cpu-seconds" to FILE.
# GNU time when present; else the shell's clock and the largest VmHWM
# seen while polling /proc (coarse: a tenth of a second).
timed() {
	tf=$1
	to=$2
	te=$to.err
	[ "$to" = /dev/null ] && te=/dev/null
	shift 2
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -o "$out/time1" -f "%e %M %U %S" "$@" \
		    >"$to" 2>"$te"
		tail -1 "$out/time1" | awk '{ print $1, $2, $3 + $4 }' >>"$tf"
		return
	fi
	t0=$(date +%s.%N)
	"$@" >"$to" 2>"$te" &
	pid=$!
	peak=0
	while kill -0 "$pid" 2>/dev/null; do
		m=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$m" ] && [ "$m" -gt "$peak" ] && peak=$m
		sleep 0.1
	done
	wait "$pid"
	t1=$(date +%s.%N)
	echo "$t0 $t1 $peak" | awk '{ print $2 - $1, $3, "-" }' >>"$tf"
}

# run LABEL N COMMAND...: N runs; prints LABEL, the median seconds, the
# largest peak RSS in KiB and the median CPU seconds.
run() {
	label=$1
	n=$2
	shift 2
	o=$out/$label.out
	[ "$label" = evtxexport ] && o=/dev/null
	: >"$out/times"
	i=0
	while [ $i -lt "$n" ]; do
		timed "$out/times" "$o" "$@"
		i=$((i + 1))
	done
	median='{ v[NR] = $1 }
	    END { h = int(NR / 2); x = NR % 2 ? v[h + 1] : (v[h] + v[h + 1]) / 2
	    printf "%.2f", x }'
	wall=$(awk '{ print $1 }' "$out/times" | sort -n | awk "$median")
	cpu=$(awk '{ print $3 }' "$out/times" | sort -n | awk "$median")
	rss=$(awk '$2 > m { m = $2 } END { print m }' "$out/times")
	all=$(awk '{ printf "%s%s", (NR > 1 ? "," : ""), $1 }' "$out/times")
	echo "$label $wall $rss $cpu $all"
}

{
	run report "$runs" "$bin" --report --format=json --prefilter "$file"
	[ -n "${BENCH_ONE_PROCESS:-}" ] &&
	    run report-1 "$runs" env VSSTRIAGE_EVTX_WORKERS=1 "$bin" \
	    --report --format=json --prefilter "$file"
	run nopf "$slow_runs" "$bin" --report --format=json "$file"
	run evtxexport "$slow_runs" "$EVTXEXPORT" -f text "$file"
} >"$out/triage-results"
awk -v bytes="$bytes" -v runs="$runs" -v slow="$slow_runs" '
function row(what, k) {
	printf "%-40s %8.2f %8.2f %9.1f MiB  (%s)\n", what, t[k], c[k],
	    m[k] / 1024, all[k]
}
{ t[$1] = $2; m[$1] = $3; c[$1] = $4; all[$1] = $5 }
END {
	printf "%-40s %8s %8s %13s\n", "median (report " runs " runs, others " \
	    slow ")", "seconds", "CPU s", "peak RSS"
	row("vsstriage --report --prefilter", "report")
	if ("report-1" in t)
		row("  the same in one process", "report-1")
	row("  the same reading every record", "nopf")
	row("evtxexport -f text", "evtxexport")
	printf "evtxexport / report: %.1fx faster (target >= 10x)\n",
	    t["evtxexport"] / t["report"]
	printf "every record / prefilter: %.2fx\n", t["nopf"] / t["report"]
	if (c["report"] > 0)
		printf "in CPU time: evtxexport / report %.1fx, every record / " \
		    "prefilter %.2fx\n", c["evtxexport"] / c["report"], \
		    c["nopf"] / c["report"]
	printf "time to findings: %.2f s (target < 2 s)\n", t["report"]
	printf "peak RSS of the report: %.1f MiB (target < 128)\n",
	    m["report"] / 1024
}' "$out/triage-results"

# The times say nothing unless both reports were written and agree.
for l in report nopf; do
	[ -s "$out/$l.out" ] || die "vsstriage --report wrote nothing ($l):" \
	    "$(head -3 "$out/$l.out.err")"
	sed '/^  "inputs"/,/^  \],*$/d' "$out/$l.out" >"$out/$l.rest"
done
if cmp -s "$out/report.rest" "$out/nopf.rest"; then
	echo "the reports with and without the prefilter agree"
else
	echo "WARNING: the reports with and without the prefilter differ"
fi
echo "$(grep -c '"tree":' "$out/report.out") findings;" \
    "records read: $(sed -n 's/^ *"records": \([0-9]*\),*$/\1/p' \
    "$out/report.out") (every record: $(sed -n \
    's/^ *"records": \([0-9]*\),*$/\1/p' "$out/nopf.out"));" \
    "$(grep -o '[0-9]* chunks skipped' "$out/report.out" ||
    echo 'no chunk skipped')"
