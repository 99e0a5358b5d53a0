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

. "$VS_SRCDIR/bench/lib.sh"
plain_vsstriage
gen=$VS_BUILDDIR/tests/evtxgen
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

# run LABEL COMMAND...: RUNS runs; prints the median seconds, the
# largest peak RSS in KiB and the median CPU seconds (user + system, a
# worker included): on a busy machine the CPU time compares better.
run() {
	label=$1
	shift
	: >"$out/times"
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -o "$out/time1" -f "%e %M %U %S" "$@" \
		    >/dev/null 2>&1
		tail -1 "$out/time1" >>"$out/times"
		i=$((i + 1))
	done
	median='{ v[NR] = $1 }
	    END { h = int(NR / 2); x = NR % 2 ? v[h + 1] : (v[h] + v[h + 1]) / 2
	    printf "%.2f", x }'
	wall=$(awk '{ print $1 }' "$out/times" | sort -n | awk "$median")
	cpu=$(awk '{ print $3 + $4 }' "$out/times" | sort -n | awk "$median")
	rss=$(awk '$2 > m { m = $2 } END { print m }' "$out/times")
	echo "$label $wall $rss $cpu"
}

{
	run evtxexport "$EVTXEXPORT" -f text "$file"
	run vsstriage "$bin" --dump --format=jsonl "$file"
	run vsstriage-1 env VSSTRIAGE_EVTX_WORKERS=1 "$bin" --dump \
	    --format=jsonl "$file"
} >"$out/results"
awk -v bytes="$bytes" -v runs="$runs" '
function row(what, k) {
	printf "%-32s %8.2f %8.1f %8.2f %7.1f MiB\n", what, t[k],
	    bytes / 1048576 / t[k], c[k], m[k] / 1024
}
{ t[$1] = $2; m[$1] = $3; c[$1] = $4 }
END {
	printf "%-32s %8s %8s %8s %11s\n", "median of " runs " runs",
	    "seconds", "MB/s", "CPU s", "peak RSS"
	row("evtxexport -f text", "evtxexport")
	row("vsstriage --dump --format=jsonl", "vsstriage")
	row("  the same in one process", "vsstriage-1")
	printf "ratio vsstriage / evtxexport: %.2f (target <= 1.00)\n",
	    t["vsstriage"] / t["evtxexport"]
	printf "ratio in CPU time, one process: %.2f\n",
	    c["vsstriage-1"] / c["evtxexport"]
	printf "peak RSS of vsstriage: %.1f MiB (target < 64)\n",
	    m["vsstriage"] / 1024
}' "$out/results"
