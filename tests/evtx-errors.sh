#!/bin/sh
# evtx-errors.sh -- inputs that are not, or not wholly, readable .evtx:
# one clear line naming the file, exit 2, no crash or sanitizer report,
# and whatever can be read is still printed.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

clean_stderr() {	# no sanitizer said anything
	! grep -q -e 'Sanitizer' -e 'runtime error' "$1"
}

# expect_fail NAME FILE PATTERN: exit 2, one line on stderr that names
# the file and matches PATTERN, nothing on stdout.
expect_fail() {
	"$VSSTRIAGE" --dump --format=jsonl "$2" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ok $([ $rc -eq 2 ]; echo $?) "$1: exit 2 (got $rc)"
	lines=$(wc -l <"$tmp/err")
	ok $([ "$lines" -eq 1 ]; echo $?) "$1: one line on stderr (got $lines)"
	grep -q "^vsstriage: $2: .*$3" "$tmp/err"
	ok $? "$1: message names the file and says \"$3\""
	[ "$rc" -eq 2 ] || diag "$(head -5 "$tmp/err")"
	ok $([ ! -s "$tmp/out" ]; echo $?) "$1: no records"
	clean_stderr "$tmp/err"
	ok $? "$1: no sanitizer report"
}

printf 'This is a pasted note, not an event log.\n' >"$tmp/note.evtx"
expect_fail "text named .evtx" "$tmp/note.evtx" "not an .evtx file"

: >"$tmp/empty.evtx"
expect_fail "empty file" "$tmp/empty.evtx" "empty"

{ printf 'ElfFile\0'; head -c 2000 /dev/zero; } >"$tmp/short.evtx"
expect_fail "shorter than the header" "$tmp/short.evtx" "truncated"

{ printf 'ElfFile\0'; head -c 200000 /dev/urandom; } >"$tmp/garbage.evtx"
expect_fail "garbage after the signature" "$tmp/garbage.evtx" \
    "damaged or unsupported"

"$VSSTRIAGE" --dump --format=markdown "$tmp/note.evtx" >/dev/null 2>&1
ok $([ $? -eq 1 ]; echo $?) "--dump rejects --format=markdown with exit 1"

# From here on a real file is needed.
corpus=$VS_SHARED/corpus/evtx
src=$corpus/anotherc0ne-EventLog__System.evtx
if [ ! -f "$src" ]; then
	skip "corpus-based cases" "no corpus at $corpus"
	finish
	exit $?
fi

# A good header and chunks of noise: nothing readable.
{ head -c 4096 "$src"; head -c 131072 /dev/urandom; } >"$tmp/noise.evtx"
expect_fail "good header, noise chunks" "$tmp/noise.evtx" \
    "no chunk could be read"

# Header and a piece of the first chunk: nothing whole to read.
head -c 30000 "$src" >"$tmp/cut1.evtx"
expect_fail "cut inside the first chunk" "$tmp/cut1.evtx" "truncated"

# Cut inside the third chunk: the first two are read, the loss said.
head -c $((4096 + 2 * 65536 + 1000)) "$src" >"$tmp/cut3.evtx"
"$VSSTRIAGE" --dump --format=jsonl "$tmp/cut3.evtx" >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 2 ]; echo $?) "cut in chunk 2: exit 2 (got $rc)"
n=$(wc -l <"$tmp/out")
ok $([ "$n" -gt 0 ]; echo $?) "cut in chunk 2: records of whole chunks printed ($n)"
grep -q "truncated: the file ends 1000 bytes into chunk 2" "$tmp/err"
ok $? "cut in chunk 2: the loss is noted"
clean_stderr "$tmp/err"
ok $? "cut in chunk 2: no sanitizer report"

# A bad input among good ones: the good are printed, the exit says 2.
"$VSSTRIAGE" --dump --format=jsonl "$src" "$tmp/empty.evtx" "$src" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
one=$("$VSSTRIAGE" --dump --format=jsonl "$src" 2>/dev/null | wc -l)
n=$(wc -l <"$tmp/out")
ok $([ $rc -eq 2 ] && [ "$n" -eq $((2 * one)) ]; echo $?) \
    "bad input among good: both good ones printed, exit 2 (got $rc, $n lines)"

# Standard input reads the same records, named "-".
"$VSSTRIAGE" --dump --format=jsonl - <"$src" 2>/dev/null |
    sed 's/^{"input":"-",/{"input":"X",/' >"$tmp/stdin"
"$VSSTRIAGE" --dump --format=jsonl "$src" 2>/dev/null |
    sed 's/^{"input":"[^"]*",/{"input":"X",/' >"$tmp/file"
cmp -s "$tmp/stdin" "$tmp/file"
ok $? "stdin gives the same records as the file"

# Two processes and one give the same records in the same order.
VSSTRIAGE_EVTX_WORKERS=1 "$VSSTRIAGE" --dump --format=jsonl "$src" \
    >"$tmp/w1" 2>"$tmp/e1"
VSSTRIAGE_EVTX_WORKERS=2 "$VSSTRIAGE" --dump --format=jsonl "$src" \
    >"$tmp/w2" 2>"$tmp/e2"
cmp -s "$tmp/w1" "$tmp/w2" && [ -s "$tmp/w1" ]
ok $? "worker split keeps every record and the order"
cmp -s "$tmp/e1" "$tmp/e2"
ok $? "worker split keeps the notes"
clean_stderr "$tmp/e2"
ok $? "worker split: no sanitizer report"

# Text output is one line a record.
"$VSSTRIAGE" --dump "$src" >"$tmp/text" 2>/dev/null
ok $([ "$(wc -l <"$tmp/text")" -eq "$one" ]; echo $?) "text: one line a record"
finish
