#!/bin/sh
# --check-kb over the shipped KB (must be clean) and over deliberately
# broken KB files (each problem reported as file:line, the rest loads).
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$VSSTRIAGE" --check-kb "$VS_SRCDIR/kb" >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $rc "the shipped KB is clean (exit $rc)"
[ $rc -eq 0 ] || diag "$(cat "$tmp/err")"
[ ! -s "$tmp/err" ]
ok $? "no problem printed for the shipped KB"
grep -q ' 0 problems' "$tmp/out"
ok $? "the summary says 0 problems"

b="$VS_SRCDIR/tests/fixtures/kb/broken"
"$VSSTRIAGE" --check-kb "$b" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ]
ok $? "a broken KB exits 1 (got $rc)"
expect() {	# expect PATTERN DESCRIPTION
	grep -q -- "$1" "$tmp/err"
	ok $? "$2"
	[ $? -eq 0 ] || diag "missing: $1" "$(cat "$tmp/err")"
}
expect "^$b/syntax.kb:3: unknown line \"colour\" in a tree" "unknown keyword at its line"
expect "^$b/syntax.kb:6: select: event id 70000 is above 65535" "bad event id"
expect "^$b/pcre.kb:6: pattern error at offset 28: missing closing parenthesis" "PCRE2 error with its offset"
expect "^$b/dangling.kb:3: unknown fact \"no-such-fact\"" "dangling fact reference"
expect "^$b/dangling.kb:7: .*leads to \"nowhere\", which is no node or tree" "dangling node reference"
expect "^$b/cycle.kb:[0-9]*: node cycle-[ab] is part of a cycle" "cycle"
expect "^$b/unreachable.kb:8: node unreachable-orphan cannot be reached" "unreachable node"
expect "^$b/samples.kb:8: fact samples-fact: the sample does not match" "sample that does not match"
expect "^$b/samples.kb:9: .*gives hr=\"0x800423f4\", expected \"0x800423f3\"" "sample that captures wrongly"
expect "^$b/samples.kb:11: .*the nomatch sample matches" "nomatch sample that matches"
expect "^$b/binary.kb:2: not UTF-8 text" "binary content"
expect "^$b/cascade.kb:2: tree cascade is left out: it uses a fact or a tree that did not load" "a tree leading into a broken one is left out"
grep -q '3 trees loaded' "$tmp/out"
ok $? "the good trees still load beside the broken ones"

"$VSSTRIAGE" --check-kb "$tmp/none" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "$tmp/none" "$tmp/err"
ok $? "a missing folder is named, exit 2 (got $rc)"

mkdir "$tmp/empty"
"$VSSTRIAGE" --check-kb "$tmp/empty" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'no .kb file' "$tmp/err"
ok $? "an empty folder is a problem (got $rc)"

# A condition nested 100000 deep is refused, not a stack overflow.
rm -f "$tmp/empty/"*
awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "("; t = s; gsub(/\(/, ")", t);
    printf "tree deep\n\ttitle Deep\n\tentry %sx%s\n", s, t }' >"$tmp/empty/deep.kb"
"$VSSTRIAGE" --check-kb "$tmp/empty" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'deep.kb:3: entry: condition nested too deeply' "$tmp/err"
ok $? "a condition nested too deeply is reported (got $rc)"

# Escape sequences in a KB file never reach the terminal raw.
printf 'tree \033[2Jevil\n' >"$tmp/empty/evil.kb"
"$VSSTRIAGE" --check-kb "$tmp/empty" >/dev/null 2>"$tmp/err"
! grep -q "$(printf '\033')" "$tmp/err"
ok $? "control characters are made safe in messages"
finish
