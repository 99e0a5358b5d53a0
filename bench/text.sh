#!/bin/sh
# Text ingest speed and memory on a large export made from the test
# fixtures: Event Viewer text blocks, XML events, vssadmin and CSV.
# Measured, never asserted. SIZE_MB=1024 by default.
set -e
: "${VS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VS_BUILDDIR:=$(pwd)}"
: "${SIZE_MB:=1024}"
fx=$VS_SRCDIR/tests/fixtures/text
bin=$VS_BUILDDIR/tests/unit/text.t
[ -x "$bin" ] || { echo "bench/text.sh: build tests/unit/text.t first (make check)"; exit 1; }
dir=${TMPDIR:-/tmp}/vsstriage-bench-text.$$
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

# A 1 MB seed of each kind, then doubled up to the size.
grow() {	# grow OUT SEEDFILE...
	out=$1
	shift
	cat "$@" >"$dir/seed"
	while [ "$(wc -c <"$dir/seed")" -lt 1048576 ]; do
		cat "$dir/seed" "$dir/seed" >"$dir/seed2"
		mv "$dir/seed2" "$dir/seed"
	done
	: >"$out.tmp"
	n=0
	while [ "$n" -lt "$SIZE_MB" ]; do
		cat "$dir/seed" >>"$out.tmp"
		n=$((n + 1))
	done
	mv "$out.tmp" "$out"
}

echo "generating ${SIZE_MB} MB inputs in $dir"
grow "$dir/events.txt" "$fx/event-text.txt" "$fx/wevtutil-text.txt"
"$bin" --bench "$dir/events.txt"
rm -f "$dir/events.txt"
grow "$dir/events.xml" "$fx/event-xml-oneline.xml"
"$bin" --bench "$dir/events.xml"
rm -f "$dir/events.xml"
grow "$dir/mixed.txt" "$fx/mixed-paste.txt" "$fx/vssadmin-writers-en.txt" "$fx/event-csv.csv"
"$bin" --bench "$dir/mixed.txt"
rm -f "$dir/mixed.txt"
# Event Viewer's "Save as XML": the whole export on one line.
tr -d '\n' <"$fx/event-xml-oneline.xml" >"$dir/one"
grow "$dir/oneline.xml" "$dir/one"
"$bin" --bench "$dir/oneline.xml"
rm -f "$dir/oneline.xml"
# What Windows writes when output is redirected: UTF-16LE.
if command -v iconv >/dev/null 2>&1; then
	SIZE_MB=$((SIZE_MB / 2))
	iconv -f UTF-8 -t UTF-16LE <"$fx/vssadmin-writers-en.txt" >"$dir/w16"
	grow "$dir/writers-utf16.txt" "$dir/w16"
	"$bin" --bench "$dir/writers-utf16.txt"
fi
