#!/bin/sh
# vsstriage --lookup: every form of a code, unknown codes, and non-codes.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for code in 0x800423F4 0x800423f4 800423F4 2147754996 -2147212300; do
	"$VSSTRIAGE" --lookup "$code" >"$out" 2>&1
	rc=$?
	grep -q 'VSS_E_WRITERERROR_NONRETRYABLE' "$out" &&
	    grep -q '^0x800423F4  unsigned 2147754996  signed -2147212300' "$out" &&
	    grep -q '^meaning: ' "$out"
	ok $? "lookup $code: name, meaning and all three forms"
	[ "$rc" -eq 0 ]
	ok $? "lookup $code: exit 0"
done

"$VSSTRIAGE" --lookup 2155348129 >"$out" 2>&1
grep -q '0x807800A1' "$out" && grep -q 'Windows Backup' "$out"
ok $? "lookup the Windows Server Backup code in event 521"

"$VSSTRIAGE" --lookup vss_e_writererror_timeout >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q '^0x800423F2' "$out"
ok $? "lookup by name, any case"

"$VSSTRIAGE" --lookup 0x80070571 >"$out" 2>&1
rc=$?
grep -q 'not in the code table' "$out" &&
    grep -q 'facility 7 (Win32)' "$out" &&
    grep -q 'Windows system error 1393' "$out"
ok $? "unknown Win32 code: decoded generically"
[ "$rc" -eq 0 ]
ok $? "unknown code: exit 0"

"$VSSTRIAGE" --lookup 0x8004FFFF >"$out" 2>&1
grep -q 'not in the code table' "$out" && grep -q 'failure, facility 4' "$out"
ok $? "unknown VSS-facility code: severity and facility"

for bad in hello 0xZZ 12.5 4294967296 ''; do
	"$VSSTRIAGE" --lookup "$bad" >"$out" 2>&1
	rc=$?
	[ "$rc" -eq 1 ] && grep -q 'is not a code' "$out"
	ok $? "not a code: '$bad' is a usage error"
done

"$VSSTRIAGE" --lookup "$(printf '\033[2Jx')" >"$out" 2>&1
! grep -q "$(printf '\033')" "$out"
ok $? "escape sequences in the argument are not echoed raw"

"$VSSTRIAGE" --lookup --format=json 0x80042409 >"$out" 2>&1 ||
    "$VSSTRIAGE" --format=json --lookup 0x80042409 >"$out" 2>&1
grep -q '"name": "VSS_E_WRITER_STATUS_NOT_AVAILABLE"' "$out" ||
    grep -q 'VSS_E_WRITER_STATUS_NOT_AVAILABLE' "$out"
ok $? "lookup 0x80042409"

VSSTRIAGE_KB=/nonexistent "$VSSTRIAGE" --lookup 0x800423F4 >"$out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -q 'cannot read the code table' "$out" &&
    grep -q 'facility 4' "$out"
ok $? "no table: says so and still decodes"

finish
