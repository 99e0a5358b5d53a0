#!/bin/sh
# Golden reports: vsstriage --report on the fixtures in
# tests/fixtures/report, compared byte for byte with tests/golden/.
# REGEN=1 rewrites the goldens instead (read the diff before committing).
. "${VS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

fx=$VS_SRCDIR/tests/fixtures/report
golden=$VS_SRCDIR/tests/golden
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vs-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# golden NAME EXPECTED-EXIT ARGS...: runs from the fixture folder so the
# report shows the input names as given, relative and the same anywhere.
golden() {
	name=$1
	want=$2
	shift 2
	rc=0
	(cd "${dir:-$fx}" && TZ=UTC "$VSSTRIAGE" --report "$@") \
	    >"$tmp/$name" 2>"$tmp/$name.err" || rc=$?
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$tmp/$name" "$golden/$name"
		ok 0 "$name: rewritten"
		return
	fi
	if [ "$rc" -ne "$want" ]; then
		diag "$name: exit $rc, expected $want" "$(cat "$tmp/$name.err")"
		ok 1 "$name: exit code"
		return
	fi
	if [ ! -f "$golden/$name" ]; then
		ok 1 "$name: no golden file (run with REGEN=1)"
		return
	fi
	if cmp -s "$golden/$name" "$tmp/$name"; then
		ok 0 "$name: matches the golden report"
	else
		diag "$(diff -u "$golden/$name" "$tmp/$name" | head -40)"
		diag "If the KB changed on purpose: REGEN=1 make check" \
		    "TESTS=tests/report-golden.sh, then read git diff tests/golden."
		ok 1 "$name: matches the golden report"
	fi
}

# The SQL writer case: the walk stops at the question only the operator
# can answer; then with the answer, a verdict.
golden sql-open.txt 0 Application.txt writers.txt
golden sql-open.md 0 --format=markdown Application.txt writers.txt
golden sql-open.json 0 --format=json Application.txt writers.txt
golden sql-verdict.txt 0 --answers answers-yes.txt Application.txt writers.txt
golden sql-verdict.md 0 --format=markdown --answers answers-yes.txt \
    Application.txt writers.txt
golden sql-verdict.json 0 --format=json --answers answers-yes.txt \
    Application.txt writers.txt
# Names, addresses and SIDs replaced.
golden sql-redact.txt 0 --redact --answers answers-yes.txt \
    Application.txt writers.txt
golden sql-redact.json 0 --format=json --redact Application.txt writers.txt
# A paste with escape sequences, and an input that is not there.
golden storage-missing.txt 2 storage.txt no-such-file.evtx
golden storage-missing.json 2 --format=json storage.txt no-such-file.evtx

# An .evtx made by the test writer: UTC times, record numbers, messages
# rendered from insertion strings.
if "$VS_BUILDDIR/tests/evtxgen" "$fx/access.evd" \
    "$tmp/access.evtx" 2>"$tmp/evtxgen.err"; then
	dir=$tmp golden access.txt 0 access.evtx
	dir=$tmp golden access-redact.md 0 --format=markdown --redact \
	    access.evtx
	dir=$tmp golden access.json 0 --format=json access.evtx
else
	diag "$(cat "$tmp/evtxgen.err")"
	ok 1 "evtxgen writes access.evtx"
fi

finish
