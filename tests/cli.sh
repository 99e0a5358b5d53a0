#!/bin/sh
# The command line: usage errors exit 1 with a message, help and version 0.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT

"$VSSTRIAGE" --help >"$out/help" 2>&1
ok $? "--help exits 0"
grep -q -- '--report' "$out/help"
ok $? "--help lists --report"
"$VSSTRIAGE" --version | grep -q '^vsstriage [0-9]'
ok $? "--version names the program and version"

"$VSSTRIAGE" --no-such-option >/dev/null 2>"$out/err"
ok $(( $? != 1 )) "an unknown option exits 1"
"$VSSTRIAGE" --report >/dev/null 2>"$out/err"
ok $(( $? != 1 )) "--report without FILE exits 1"
grep -q 'needs at least one FILE' "$out/err"
ok $? "and says a FILE is needed"
"$VSSTRIAGE" --format=pdf --report x >/dev/null 2>"$out/err"
ok $(( $? != 1 )) "an unknown --format exits 1"
"$VSSTRIAGE" --tz Nowhere/Bogus --report "$VS_SRCDIR/samples/sql-writer" >/dev/null 2>"$out/err"
ok $(( $? != 1 )) "an unknown --tz zone exits 1"
grep -q 'unknown time zone "Nowhere/Bogus"' "$out/err"
ok $? "and names the zone"
"$VSSTRIAGE" --tz +02:00 --report --format=json "$VS_SRCDIR/samples/sql-writer" >"$out/json" 2>/dev/null
ok $? "--tz +02:00 is accepted"
grep -q '"time": "2024-03-14T21:02:17.000000Z"' "$out/json"
ok $? "and places local text times in UTC"
"$VSSTRIAGE" --color=sometimes >/dev/null 2>&1
ok $(( $? != 1 )) "an unknown --color exits 1"
"$VSSTRIAGE" --report "$out/missing.evtx" >/dev/null 2>"$out/err"
ok $(( $? != 2 )) "a missing input exits 2"
grep -q "missing.evtx: No such file or directory" "$out/err"
ok $? "with a message naming the file"
mkdir "$out/dir"
cp "$VS_SRCDIR"/samples/sql-writer/*.txt "$out/dir/"
printf 'xx' >"$out/dir/broken.evtx"
"$VSSTRIAGE" --report "$out/dir" >"$out/rep" 2>"$out/err"
ok $(( $? != 2 )) "a folder with an unreadable file exits 2"
grep -q 'broken.evtx: not an .evtx file' "$out/err"
ok $? "with a message naming that file"
grep -q 'broken.evtx: could not be read' "$out/rep"
ok $? "the report lists it as unreadable"
grep -q 'sql-writer: match' "$out/rep"
ok $? "and still reports on the files that could be read"
finish
