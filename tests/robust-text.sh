#!/bin/sh
# robust-text.sh -- hostile text: escape sequences and control
# characters inside messages, invalid UTF-8 and UTF-16, NUL bytes, a
# 10 MB line, a million tiny events. vsstriage must end with 0 or 2,
# with no sanitizer report, and its text output (--dump, and --report
# once it is built) must hold no raw C0 or C1 control character but
# newline, and be valid UTF-8.
#
# Peak memory is measured (/usr/bin/time) and shown, not asserted as a
# figure: the million events must only not need much more memory than
# a tenth of them do, since nothing is kept per record by --dump.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

clean_stderr() {
	! grep -q -e 'Sanitizer' -e 'runtime error' "$1"
}

# Bytes that must not reach a terminal: C0 but newline, DEL; C1 both
# as UTF-8 (U+0080..U+009F) and as raw bytes, which are not UTF-8.
c1=$(printf '\302[\200-\237]')
terminal_safe() {	# terminal_safe FILE
	[ "$(LC_ALL=C tr -d '\n\040-\176\200-\377' <"$1" | wc -c)" -eq 0 ] &&
	    ! LC_ALL=C grep -q "$c1" "$1" &&
	    iconv -f UTF-8 -t UTF-8 <"$1" >/dev/null 2>&1
}

# run NAME FILE [PATTERN]: --dump and --report on FILE; PATTERN, when
# given, must be found in the --dump output.
run() {
	for mode in dump report; do
		"$VSSTRIAGE" --$mode "$2" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		ok $([ $rc -eq 0 ] || [ $rc -eq 2 ]; echo $?) \
		    "$1 --$mode: exit 0 or 2 (got $rc)"
		clean_stderr "$tmp/err"
		ok $? "$1 --$mode: no sanitizer report"
		[ $rc -le 2 ] || diag "$(head -n 20 "$tmp/err")"
		terminal_safe "$tmp/out"
		ok $? "$1 --$mode: output has no control characters, is UTF-8"
		terminal_safe "$tmp/err"
		ok $? "$1 --$mode: stderr has no control characters, is UTF-8"
		if [ $mode = dump ] && [ -n "${3:-}" ]; then
			grep -q -e "$3" "$tmp/out"
			ok $? "$1 --dump: finds \"$3\""
		fi
	done
	"$VSSTRIAGE" --dump --format=jsonl "$2" >"$tmp/out" 2>/dev/null
	[ "$(LC_ALL=C tr -d '\n\040-\176\200-\377' <"$tmp/out" | wc -c)" -eq 0 ] &&
	    iconv -f UTF-8 -t UTF-8 <"$tmp/out" >/dev/null 2>&1
	ok $? "$1 --dump --format=jsonl: no raw control characters, is UTF-8"
}

# An event whose every field carries escapes: clear screen, OSC title,
# CSI as a C1 byte (UTF-8 and raw), bell, backspace, DEL, CR.
{
	printf 'Log Name:      Application\r\n'
	printf 'Source:        VSS\033]0;owned\007\r\n'
	printf 'Date:          2024-03-14T23:02:17.000\r\n'
	printf 'Event ID:      8193\r\n'
	printf 'Level:         Error\r\n'
	printf 'Computer:      SRV01\033[2J\033[H\r\n'
	printf 'Description:\r\n'
	printf 'Unexpected error \033[31mcalling\033[0m routine \302\2332J '
	printf '\2332J \007\010\177 hr = 0x80070005.\r\n\r\n'
	printf 'Writer name: '\''Sql\033[5mWriter'\''\n'
	printf '   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n'
	printf '   State: [8] Failed\033[8m\n'
	printf '   Last error: Non-retryable \033P1;2|x\033\\ error\n\n'
	printf '<Event><System><Provider Name="VSS"/><EventID>12</EventID>'
	printf '</System><EventData><Data>&#27;[2J&#x9b;&#7;</Data>'
	printf '</EventData></Event>\n'
} >"$tmp/escapes.txt"
run "escape sequences" "$tmp/escapes.txt" "8193"

# Invalid UTF-8: stray continuation bytes, overlong forms, surrogates,
# code points past U+10FFFF, a sequence cut by the end of the line.
{
	printf 'Source: VSS\nEvent ID: 8194\nDescription:\n'
	printf 'a\200b\300\257c\355\240\200d\364\220\200\200e\377\376f\342\202\n'
} >"$tmp/bad-utf8.txt"
run "invalid UTF-8" "$tmp/bad-utf8.txt" "8194"

# UTF-16: little-endian with and without a byte order mark, big-endian,
# unpaired surrogates, an odd number of bytes.
text16='Log Name: Application\r\nSource: VSS\r\nEvent ID: 8193\r\nDescription:\r\nx\033[2Jy\r\n'
printf "$text16" | iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } \
    >"$tmp/utf16le.txt"
run "UTF-16LE with BOM" "$tmp/utf16le.txt" "VSS 8193"
printf "$text16" | iconv -f UTF-8 -t UTF-16LE >"$tmp/utf16le-nobom.txt"
run "UTF-16LE without BOM" "$tmp/utf16le-nobom.txt" "VSS 8193"
printf "$text16" | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } \
    >"$tmp/utf16be.txt"
run "UTF-16BE with BOM" "$tmp/utf16be.txt" "VSS 8193"
{
	printf '\377\376'
	printf "$text16" | iconv -f UTF-8 -t UTF-16LE
	printf '\000\330x\000\000\334\000\334\n\000\033\000'
	printf 'z'
} >"$tmp/utf16-bad.txt"
run "UTF-16 with lone surrogates, odd length" "$tmp/utf16-bad.txt" "VSS 8193"

# NUL bytes inside lines and between them.
{
	printf 'Source: VSS\000\000\nEvent ID: 8195\000\n'
	printf 'Description:\nbefore\000after\n\000\000\000\n'
	head -c 5000 /dev/zero
	printf '\nEvent ID: 12\n'
} >"$tmp/nul.txt"
run "NUL bytes" "$tmp/nul.txt"

# peak FILE ARGS...: runs vsstriage, sets rc and kb (peak RSS, or "").
peak() {
	_f=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$tmp/rss" "$VSSTRIAGE" "$@" "$_f" \
		    >/dev/null 2>"$tmp/err"
		rc=$?
		kb=$(tail -n 1 "$tmp/rss")
	else
		"$VSSTRIAGE" "$@" "$_f" >/dev/null 2>"$tmp/err"
		rc=$?
		kb=
	fi
}

# One line of 10 MB: cut, counted, said.
awk 'BEGIN { s = "Event ID: 8193 \033[2J"; while (length(s) < 10485760) s = s s;
    printf "%s", substr(s, 1, 10485760) }' >"$tmp/long.txt"
peak "$tmp/long.txt" --dump
ok $([ $rc -eq 0 ] || [ $rc -eq 2 ]; echo $?) "10 MB line: exit 0 or 2 (got $rc)"
clean_stderr "$tmp/err"
ok $? "10 MB line: no sanitizer report"
grep -q "long.txt" "$tmp/err"
ok $? "10 MB line: stderr says what was cut"
diag "10 MB line: peak RSS ${kb:-unknown} KB"
run "10 MB line" "$tmp/long.txt"

# A million "Event ID: 1" events, and a tenth of them.
awk 'BEGIN { for (i = 0; i < 100000; i++) print "Event ID: 1" }' >"$tmp/tenth.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "Event ID: 1" }' >"$tmp/million.txt"
peak "$tmp/tenth.txt" --dump
kb_tenth=$kb
peak "$tmp/million.txt" --dump
ok $([ $rc -eq 0 ] || [ $rc -eq 2 ]; echo $?) "a million events: exit 0 or 2 (got $rc)"
clean_stderr "$tmp/err"
ok $? "a million events: no sanitizer report"
n=$("$VSSTRIAGE" --dump "$tmp/tenth.txt" 2>/dev/null | wc -l)
ok $([ "$n" -eq 100000 ]; echo $?) "100000 events: one line each (got $n)"
if [ -n "$kb" ] && [ -n "$kb_tenth" ]; then
	diag "a million events --dump: peak RSS $kb KB (100000: $kb_tenth KB)"
	ok $([ "$kb" -lt $((kb_tenth * 2 + 16384)) ]; echo $?) \
	    "a million events: memory does not grow with the records"
else
	skip "a million events: memory" "no /usr/bin/time"
fi
peak "$tmp/million.txt" --report
ok $([ $rc -eq 0 ] || [ $rc -eq 2 ]; echo $?) \
    "a million events --report: exit 0 or 2 (got $rc)"
diag "a million events --report: peak RSS ${kb:-unknown} KB"
finish
