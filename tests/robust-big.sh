#!/bin/sh
# robust-big.sh -- make check-slow: ROBUST_BIG_MB (default 1024) MB of
# pasted event text, made by a generator and piped to --dump on stdin.
# It must end with 0 or 2 and no sanitizer report; the records are
# counted, and the peak memory and time shown (measured, not asserted).
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
mb=${ROBUST_BIG_MB:-1024}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Events of a few shapes, numbered, with escapes and long lines now and
# then; stops after $mb MB.
generate() {
	awk -v limit="$(( mb * 1048576 ))" 'BEGIN {
		long = "x"
		while (length(long) < 70000)
			long = long long
		n = 0; bytes = 0
		while (bytes < limit) {
			n++
			if (n % 1000 == 0)
				s = "Description: " long "\n"
			else if (n % 3 == 0)
				s = sprintf("Log Name: Application\nSource: VSS\nEvent ID: 8193\nLevel: Error\nDescription:\nerror %d \033[2J hr = 0x80070005\n\n", n)
			else if (n % 3 == 1)
				s = sprintf("Writer name: '\''Writer %d'\''\n   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n   State: [8] Failed\n   Last error: Non-retryable error\n\n", n)
			else
				s = sprintf("Event ID: %d\n", n % 65536)
			printf "%s", s
			bytes += length(s)
		}
	}'
}

timer=""
[ -x /usr/bin/time ] && timer="/usr/bin/time -f %MKB_peak,_%es -o $tmp/time"
generate | { $timer "$VSSTRIAGE" --dump - 2>"$tmp/err"; echo $? >"$tmp/rc"; } |
    wc -l >"$tmp/n"
rc=$(cat "$tmp/rc")
ok $([ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; echo $?) "$mb MB on stdin: exit 0 or 2 (got $rc)"
! grep -q 'Sanitizer\|runtime error' "$tmp/err"
ok $? "$mb MB on stdin: no sanitizer report"
n=$(tr -d ' ' <"$tmp/n")
ok $([ "$n" -gt 0 ]; echo $?) "$mb MB on stdin: $n records"
grep -q '^vsstriage: -: line [0-9]*: .* only the first' "$tmp/err"
ok $? "$mb MB on stdin: the long lines are noted for stdin"
[ -f "$tmp/time" ] && diag "$mb MB on stdin: $(tail -n 1 "$tmp/time" | tr _ ' ')"
diag "$(head -n 5 "$tmp/err")"
finish
