#!/bin/sh
# vsstriage-kb(5) formats without warnings, and its example tree loads.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

page="$VS_SRCDIR/man/vsstriage-kb.5"
if command -v man >/dev/null 2>&1; then
	out=$(man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
	[ -z "$out" ]
	ok $? "man --warnings is quiet"
	[ -z "$out" ] || diag "$out"
else
	skip "man --warnings" "man not installed"
fi

# The EXAMPLES section, with the writer-errors tree it leads to, is a
# knowledge base --check-kb accepts.
[ -x "$VSSTRIAGE" ] || { skip "example loads" "no binary"; finish; exit; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sed -n '/^\.Sh EXAMPLES/,/^\.Ed/p' "$page" | sed '1,/^\.Bd/d; /^\.Ed/d; s/\\e/\\/g' \
    >"$tmp/example.kb"
cat >>"$tmp/example.kb" <<'KB'

tree writer-errors
	title   Stand-in for the real tree

verdict we-stand-in
	title   Stand-in
	step    None.
KB
"$VSSTRIAGE" --check-kb "$tmp" >/dev/null 2>"$tmp/err"
ok $? "the example tree passes --check-kb"
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
finish
