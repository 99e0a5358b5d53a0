#!/bin/sh
# The cases of tests/fixtures/kb: pasted text, vssadmin output, errlogs
# and .evtx made from .evd descriptions, read as the program reads them,
# each checked for its findings, facts and walk.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

cases="$VS_SRCDIR/tests/fixtures/kb"
gen="$VS_BUILDDIR/tests/fixtures/gen/kb"
mkdir -p "$gen" || exit 1
if [ -x "$VS_BUILDDIR/tests/evtxgen" ]; then
	for evd in "$cases"/*.evd; do
		base=$(basename "$evd" .evd)
		"$VS_BUILDDIR/tests/evtxgen" "$evd" "$gen/$base.evtx" ||
		    echo "# evtxgen failed on $evd"
	done
fi
exec "$VS_BUILDDIR/tests/unit/kbcases.t" "$VS_SRCDIR/kb" "$cases" "$gen"
