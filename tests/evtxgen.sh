#!/bin/sh
# Round trips through the test .evtx writer: describe events, write the
# file, read it back with libevtx (tests/evtxgen-check) and evtxexport,
# and compare every field with what the description says.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

GEN=$VS_BUILDDIR/tests/evtxgen
CHECK=$VS_BUILDDIR/tests/evtxgen-check
FIX=$VS_SRCDIR/tests/fixtures
[ -x "$GEN" ] && [ -x "$CHECK" ] || skip_all "tests/evtxgen not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/evtxgen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# roundtrip NAME EVD: libevtx must read back exactly what the
# description says.
roundtrip() {
	name=$1
	evd=$2
	"$GEN" "$evd" "$tmp/$name.evtx" 2>"$tmp/$name.err" &&
	    "$GEN" --expect "$evd" >"$tmp/$name.exp" &&
	    "$CHECK" "$tmp/$name.evtx" >"$tmp/$name.got" &&
	    diff "$tmp/$name.exp" "$tmp/$name.got" >"$tmp/$name.diff"
	r=$?
	ok $r "libevtx reads back every field: $name"
	[ $r -eq 0 ] || diag "$(cat "$tmp/$name.err"; head -20 "$tmp/$name.diff")"
}

# u16 FILE OFFSET / u64: little-endian fields of a header.
u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '; }
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }

# The evtxexport view (number, id, source, written time) and the same
# view made from the description, for comparison.
export_view() {
	"$EVTXEXPORT" -m all "$1" 2>"$tmp/export.err" | awk -F '\t+: ' '
	    BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
		m, " "); for (i = 1; i <= 12; i++) mon[m[i]] = i }
	    /^Event number/ { n = $2 }
	    /^Source name/ { src = $2 }
	    /^Event identifier/ { sub(/.*\(/, "", $2); sub(/\)/, "", $2);
		id = $2 }
	    /^Written time/ { split($2, t, /[ ,.]+/)
		tm = sprintf("%s-%02d-%02dT%s.%sZ", t[3], mon[t[1]], t[2],
		    t[4], substr(t[5], 1, 7)) }
	    /^$/ && n != "" { print n "|" id "|" src "|" tm; n = "" }
	    END { if (n != "") print n "|" id "|" src "|" tm }'
}
expect_view() {
	"$GEN" --expect "$1" | awk '
	    /^record / { n = $2 } /^id / { id = $2 }
	    /^provider / { src = substr($0, 10) } /^written / { tm = $2 }
	    /^$/ && n != "" { print n "|" id "|" src "|" tm; n = "" }'
}
export_compare() {
	name=$1
	if [ -z "$EVTXEXPORT" ] || [ ! -x "$EVTXEXPORT" ]; then
		skip "evtxexport agrees: $name" "evtxexport not found"
		return
	fi
	export_view "$tmp/$name.evtx" >"$tmp/$name.xv" &&
	    expect_view "$2" >"$tmp/$name.ev" &&
	    [ -s "$tmp/$name.ev" ] && [ ! -s "$tmp/export.err" ] &&
	    cmp -s "$tmp/$name.xv" "$tmp/$name.ev"
	r=$?
	ok $r "evtxexport agrees (count, ids, providers, times): $name"
	[ $r -eq 0 ] && return
	diag "$(cat "$tmp/export.err")"
	diag "$(diff "$tmp/$name.ev" "$tmp/$name.xv" | head -10)"
}

for evd in "$FIX"/roundtrip*.evd; do
	name=$(basename "$evd" .evd)
	roundtrip "$name" "$evd"
	export_compare "$name" "$evd"
done

# The example in the format's description works as printed.
sed -n '/^## Example/,/^## /s/^    //p' "$FIX/README-evd.md" >"$tmp/example.evd"
[ -s "$tmp/example.evd" ]
ok $? "README-evd.md has an example"
roundtrip example "$tmp/example.evd"

# Many strings in one event, and the maximum count of Data a record of
# this size can take.
awk 'BEGIN { print "event"; print "  provider Many";
    for (i = 1; i <= 300; i++) printf "  data s%03d \\x1b%d\n", i, i }' \
    >"$tmp/many.evd"
roundtrip many "$tmp/many.evd"

# Enough events for several chunks; each chunk has its own templates
# and names, and the header must count them.
awk 'BEGIN { for (i = 1; i <= 3000; i++) {
	print "event"; print "  provider Source" (i % 5)
	print "  id " (1000 + i % 17); if (i % 3 == 0) print "  named Count " i
	print "  data event " i " of 3000, caf\\xc3\\xa9 \\xe6\\x97\\xa5\\xe6\\x9c\\xac"
	if (i % 4 == 0) print "  sid S-1-5-" (18 + i % 3) } }' >"$tmp/multi.evd"
roundtrip multi "$tmp/multi.evd"
export_compare multi "$tmp/multi.evd"
f=$tmp/multi.evtx
size=$(wc -c <"$f")
chunks=$(( (size - 4096) / 65536 ))
[ "$chunks" -ge 3 ] && [ $(( (size - 4096) % 65536 )) -eq 0 ] &&
    [ "$(u16 "$f" 42)" -eq "$chunks" ] &&
    [ "$(u64 "$f" 16)" -eq $((chunks - 1)) ] &&
    [ "$(u64 "$f" 24)" -eq 3001 ] &&
    [ "$(u16 "$f" 38)" -eq 3 ] && [ "$(u16 "$f" 40)" -eq 4096 ]
ok $? "header: $chunks chunks, last chunk $((chunks - 1)), next record 3001"
"$CHECK" --crc "$f" >"$tmp/crc.out"
ok $? "every CRC32 checks (file header, chunk headers, records)"

# Chunks stand alone: the third chunk behind the file header still
# reads completely (its templates and names are its own).
{ head -c 4096 "$f"; tail -c +$((4096 + 2 * 65536 + 1)) "$f" | head -c 65536; } \
    >"$tmp/alone.evtx"
"$CHECK" "$tmp/alone.evtx" >"$tmp/alone.got"
r=$?
first=$(u64 "$f" $((4096 + 2 * 65536 + 24)))
last=$(u64 "$f" $((4096 + 2 * 65536 + 32)))
n=$(grep -c '^record ' "$tmp/alone.got")
[ $r -eq 0 ] && [ "$n" -gt 0 ] && [ "$n" -eq $((last - first + 1)) ] &&
    grep -q "^record $first\$" "$tmp/alone.got" &&
    grep -q "^string event $last of 3000" "$tmp/alone.got"
ok $? "a chunk read alone gives its $n records ($first-$last) whole"

# Characters outside the BMP become a UTF-16 surrogate pair: U+1F4BE is
# D83D DCBE (libevtx itself decodes such pairs wrongly, so look at the
# bytes).
printf 'event\n  data \\xf0\\x9f\\x92\\xbe\n' >"$tmp/smp.evd"
"$GEN" "$tmp/smp.evd" "$tmp/smp.evtx" &&
    od -An -tx1 -v "$tmp/smp.evtx" | tr -d ' \n' | grep -q 3dd8bedc
ok $? "a non-BMP character is stored as a surrogate pair"

# The largest record number and times at both ends of FILETIME's range.
printf 'event\n  record 18446744073709551614\n  time 9999-12-31T23:59:59.9999999Z\nevent\n  time 1601-01-01T00:00:00Z\n' \
    >"$tmp/edge.evd"
roundtrip edge "$tmp/edge.evd"
[ "$(u64 "$tmp/edge.evtx" 24)" = 0 ]
ok $? "header next record wraps after the largest record number"

# An empty description still makes a valid, empty file.
: >"$tmp/empty.evd"
"$GEN" "$tmp/empty.evd" "$tmp/empty.evtx" &&
    [ "$(wc -c <"$tmp/empty.evtx")" -eq 4096 ] &&
    "$CHECK" "$tmp/empty.evtx" >"$tmp/empty.got" &&
    [ "$(grep -c '^record' "$tmp/empty.got")" -eq 0 ]
ok $? "no events: a 4 KiB file libevtx opens with no records"

# Header flags.
printf 'file dirty full\nevent\n' >"$tmp/flags.evd"
roundtrip flags "$tmp/flags.evd"
grep -q '^file-flags 0x3$' "$tmp/flags.got"
ok $? "dirty and full flags read back"

# Damage: one record unreadable, the others fine.
awk 'BEGIN { for (i = 1; i <= 40; i++) { print "event"; print "  id " i } }' \
    >"$tmp/forty.evd"
"$GEN" --corrupt-record 7 "$tmp/forty.evd" "$tmp/bad.evtx"
"$CHECK" "$tmp/bad.evtx" >"$tmp/bad.got"
r=$?
[ $r -eq 1 ] && [ "$(grep -c '^unreadable 6$' "$tmp/bad.got")" -eq 1 ] &&
    [ "$(grep -c '^record ' "$tmp/bad.got")" -eq 39 ] &&
    ! grep -q '^record 7$' "$tmp/bad.got"
ok $? "--corrupt-record: libevtx fails on that record and reads the rest"

"$GEN" --bad-size 7 "$tmp/forty.evd" "$tmp/size.evtx"
"$CHECK" "$tmp/size.evtx" >"$tmp/size.got"
[ "$(grep -c '^record ' "$tmp/size.got")" -eq 6 ] &&
    grep -q '^recovered' "$tmp/size.got"
ok $? "--bad-size: libevtx stops the chunk there and recovers the rest"

"$GEN" --bad-chunk-crc 0 "$tmp/forty.evd" "$tmp/crc.evtx"
"$CHECK" "$tmp/crc.evtx" >"$tmp/crc.got"
[ "$(grep -c '^record ' "$tmp/crc.got")" -eq 40 ] &&
    grep -q '^corrupted$' "$tmp/crc.got" &&
    ! "$CHECK" --crc "$tmp/crc.evtx" >/dev/null 2>&1
ok $? "--bad-chunk-crc: records read, file reported corrupted"

# A truncated file: libevtx reads the whole chunks left.
head -c $((4096 + 65536 + 1000)) "$tmp/multi.evtx" >"$tmp/trunc.evtx"
"$CHECK" "$tmp/trunc.evtx" >"$tmp/trunc.got" 2>/dev/null
n=$(grep -c '^record ' "$tmp/trunc.got")
[ "$n" -gt 0 ] && [ "$n" -lt 3000 ]
ok $? "truncated file: libevtx reads the $n records of the whole chunks"

# Bad descriptions: a message naming file and line, no output file.
bad_input() {
	printf "$1" >"$tmp/in.evd"
	rm -f "$tmp/out.evtx"
	"$GEN" "$tmp/in.evd" "$tmp/out.evtx" 2>"$tmp/msg"
	r=$?
	[ $r -eq 1 ] && grep -q "in.evd:$2: .*$3" "$tmp/msg" &&
	    [ ! -e "$tmp/out.evtx" ]
	r=$?
	ok $r "rejected: $4"
	[ $r -eq 0 ] || diag "$(cat "$tmp/msg")"
}
bad_input 'event\n  id 70000\n' 2 'id: bad number' "event id out of range"
bad_input 'event\n  data \\q\n' 2 'unknown escape' "unknown escape"
bad_input 'event\n  data \\xc3\\x28\n' 2 'not valid UTF-8' "invalid UTF-8"
bad_input 'event\n  data \\x00\n' 2 'x00 is not allowed' "NUL byte"
bad_input 'event\n  time 2024-02-30T00:00:00Z\n' 2 'bad time' "bad date"
bad_input 'event\n  guid {1234}\n' 2 'bad GUID' "bad GUID"
bad_input 'event\n  sid S-1-x\n' 2 'bad SID' "bad SID"
bad_input 'event\n  id 1\n  id 2\n' 3 'id given twice' "field twice"
bad_input 'id 1\n' 1 'before any' "field outside an event"
bad_input 'event\n  frobnicate 1\n' 2 'unknown keyword' "unknown keyword"
bad_input 'event\n  data x\n  userdata A b\n' 3 'not both' \
    "EventData and UserData mixed"
bad_input 'event\n  named 1x y\n' 2 'bad name' "bad Data name"
bad_input 'defaults\n  data x\n' 2 'cannot be a default' "data as a default"
bad_input 'event\n  level loud\n' 2 'unknown level' "unknown level name"
bad_input 'event\nfile dirty\n' 2 'must come first' "file after an event"
awk 'BEGIN { print "event"; printf "  data ";
    for (i = 0; i < 4000; i++) printf "aaaaaaaaaa"; print "" }' >"$tmp/huge.evd"
"$GEN" "$tmp/huge.evd" "$tmp/out.evtx" 2>"$tmp/msg"
[ $? -eq 1 ] && grep -q 'huge.evd:1: event: record 1 does not fit' "$tmp/msg"
ok $? "rejected: an event bigger than a chunk"

# Standard input works as a description.
"$GEN" - "$tmp/stdin.evtx" <"$FIX/roundtrip-basic.evd" &&
    cmp -s "$tmp/stdin.evtx" "$tmp/roundtrip-basic.evtx"
ok $? "description from standard input"

# The synthetic log: readable, seeded, the requested share of KB events.
"$GEN" --synth 2 --kb-percent 20 --seed 7 "$tmp/s1.evtx" &&
    "$GEN" --synth 2 --kb-percent 20 --seed 7 "$tmp/s2.evtx" &&
    cmp -s "$tmp/s1.evtx" "$tmp/s2.evtx"
ok $? "--synth is deterministic for a seed"
[ "$(wc -c <"$tmp/s1.evtx")" -eq $((4096 + 32 * 65536)) ]
ok $? "--synth 2 writes 2 MB of chunks"
"$CHECK" "$tmp/s1.evtx" >"$tmp/s1.got"
ok $? "libevtx reads every synthetic record"
"$CHECK" --crc "$tmp/s1.evtx" >/dev/null
ok $? "synthetic CRC32s check"
awk '/^record /{ n++ } /^provider (VSS|SQLVDI|SQLWRITER|MSExchangeIS|DPM|Microsoft-Windows-Backup|Microsoft-Windows-Hyper-V-VMMS)$/ { k++ }
    /^id 8224$/ { k-- }
    END { p = 100 * k / n; printf "%d records, %.1f%% KB\n", n, p;
	exit !(n > 1000 && p > 15 && p < 25) }' "$tmp/s1.got" >"$tmp/share"
ok $? "--kb-percent 20: $(cat "$tmp/share")"
"$GEN" --synth 1 --seed 8 "$tmp/s3.evtx" && ! cmp -s "$tmp/s1.evtx" "$tmp/s3.evtx"
ok $? "another seed gives another log"

finish
