#!/bin/sh
# Text through the program: a mixed paste on standard input, and a
# UTF-16 file as Windows writes one, reach the records.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
fx=$VS_SRCDIR/tests/fixtures/text
out=$(mktemp)
tmp=$(mktemp)
trap 'rm -f "$out" "$tmp"' EXIT

"$VSSTRIAGE" --dump - <"$fx/mixed-paste.txt" >"$out" 2>&1
ok $? "a mixed paste on stdin is read"
grep -q 'SqlServerWriter' "$out" && grep -q 'Task Scheduler Writer' "$out"
ok $? "stdin: the vssadmin writers are records"
grep -q '2F900F90-00E9-440E-873A-96CA5EB079E5' "$out"
ok $? "stdin: the DPM log line is a record"

if command -v iconv >/dev/null 2>&1; then
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE <"$fx/vssadmin-writers-fr.txt"; } >"$tmp"
	"$VSSTRIAGE" --dump "$tmp" >"$out" 2>&1
	ok $? "a UTF-16LE file with a BOM is read"
	grep -q 'SqlServerWriter' "$out" && grep -q 'Échec' "$out"
	ok $? "UTF-16LE: names and accents come through"
else
	skip "UTF-16LE file" "no iconv to make one"
	skip "UTF-16LE names" "no iconv to make one"
fi

head -c 300000 /dev/urandom >"$tmp"
"$VSSTRIAGE" --dump "$tmp" >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]
ok $? "random bytes: no crash (exit $rc)"
! grep -q "$(printf '\033')" "$out"
ok $? "random bytes: no raw escape reaches the output"

finish
