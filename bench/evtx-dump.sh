#!/bin/sh
# evtx-dump.sh -- how fast `vsstriage --dump --format=jsonl` reads a large
# .evtx, against `evtxexport -f text` on the same file: the median of
# several runs each, their ratio, and the peak resident memory.
#
#   make bench                     (from a build directory)
#   sh bench/evtx-dump.sh [SIZE_MB] [RUNS]
#
# The file is made by tests/evtxgen --synth (SIZE_MB, default 256) and
# kept in bench/out/ of the build directory; BENCH_EVTX=FILE times any
# other file instead. Timing a sanitizer build says nothing, so when
# the vsstriage of the build directory has ASan, a plain build is made
# first in bench/out/build (configure with defaults: mimalloc is linked
# when installed) and that one is timed. To time a plain build of your
# own: mkdir ../plain && cd ../plain && ../vsstriage/configure && make
# && make bench.
set -u
size=${1:-256}
runs=${2:-5}
: "${VS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VS_BUILDDIR:=$VS_SRCDIR}"
: "${EVTXEXPORT:=$(command -v evtxexport)}"
out=$VS_BUILDDIR/bench/out
mkdir -p "$out" || exit 1

die() {
	echo "evtx-dump: $*" >&2
	exit 1
}
[ -n "$EVTXEXPORT" ] && [ -x "$EVTXEXPORT" ] || die "evtxexport not found"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak memory"

bin=$VS_BUILDDIR/vsstriage
gen=$VS_BUILDDIR/tests/evtxgen
if ldd "$bin" 2>/dev/null | grep -q libasan; then
	echo "# $bin has ASan: timing a plain build in $out/build"
	mkdir -p "$out/build" &&
	    (cd "$out/build" &&
	    { [ -f Makefile ] || "$VS_SRCDIR/configure" >configure.log 2>&1; } &&
	    make -j2 vsstriage >make.log 2>&1) ||
	    die "the plain build failed: see $out/build/*.log"
	bin=$out/build/vsstriage
fi
if ldd "$bin" 2>/dev/null | grep -q mimalloc; then
	echo "# vsstriage links mimalloc"
else
	echo "# vsstriage does not link mimalloc (libmimalloc-dev makes it faster)"
fi

file=${BENCH_EVTX:-$out/synth-$size.evtx}
if [ ! -f "$file" ]; then
	[ -x "$gen" ] || make -C "$VS_BUILDDIR" tests/evtxgen >/dev/null 2>&1
	[ -x "$gen" ] || die "tests/evtxgen is not built; set BENCH_EVTX=FILE"
	echo "# making $file ($size MB) with tests/evtxgen --synth"
	"$gen" --synth "$size" "$file.tmp" && mv "$file.tmp" "$file" ||
	    die "evtxgen --synth failed"
fi
bytes=$(wc -c <"$file")

# Both must read the same file through: else the times say nothing.
ours=$(VSSTRIAGE_EVTX_WORKERS=1 "$bin" --dump --format=jsonl "$file" 2>/dev/null | wc -l)
theirs=$("$EVTXEXPORT" -f text "$file" 2>/dev/null | grep -c '^Event number')
echo "# $file: $bytes bytes, vsstriage $ours records, evtxexport $theirs"
[ "$ours" -ge "$theirs" ] || die "vsstriage reads fewer records than evtxexport"

# run LABEL COMMAND...: RUNS runs; prints the median seconds and the
# largest peak RSS in KiB.
run() {
	label=$1
	shift
	: >"$out/times"
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -o "$out/time1" -f "%e %M" "$@" >/dev/null 2>&1
		tail -1 "$out/time1" >>"$out/times"
		i=$((i + 1))
	done
	sort -n "$out/times" | awk -v label="$label" '
	{ t[NR] = $1; if ($2 > m) m = $2 }
	END {
		med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		printf "%s %.2f %d\n", label, med, m
	}'
}

{
	run evtxexport "$EVTXEXPORT" -f text "$file"
	run vsstriage "$bin" --dump --format=jsonl "$file"
	run vsstriage-1 env VSSTRIAGE_EVTX_WORKERS=1 "$bin" --dump \
	    --format=jsonl "$file"
} >"$out/results"
awk -v bytes="$bytes" -v runs="$runs" '
{ t[$1] = $2; m[$1] = $3 }
END {
	mb = bytes / 1048576
	printf "%-34s %8s %9s %10s\n", "median of " runs " runs", "seconds", "MB/s", "peak RSS"
	printf "%-34s %8.2f %9.1f %7.1f MiB\n", "evtxexport -f text",
	    t["evtxexport"], mb / t["evtxexport"], m["evtxexport"] / 1024
	printf "%-34s %8.2f %9.1f %7.1f MiB\n", "vsstriage --dump --format=jsonl",
	    t["vsstriage"], mb / t["vsstriage"], m["vsstriage"] / 1024
	printf "%-34s %8.2f %9.1f %7.1f MiB\n", "  the same in one process",
	    t["vsstriage-1"], mb / t["vsstriage-1"], m["vsstriage-1"] / 1024
	printf "ratio vsstriage / evtxexport: %.2f (target <= 1.00)\n",
	    t["vsstriage"] / t["evtxexport"]
	printf "peak RSS of vsstriage: %.1f MiB (target < 64)\n",
	    m["vsstriage"] / 1024
}' "$out/results"
