#!/bin/sh
# bench-paste.sh -- how long a bracketed paste of 10,000 lines takes to
# arrive whole in the wizard, and to be read and analysed. Measured, not
# asserted: run by make bench.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

ms() {
	date +%s%N | sed 's/......$//'
}
big="$T_DIR/big.txt"
awk 'BEGIN { for (i = 0; i < 10000; i++)
	printf "Log Name: Application Source: VSS Event ID: 8193 Level: Error line %05d of a long paste\n", i }' >"$big"
for run in 1 2 3; do
	rm -rf "$XDG_STATE_HOME"
	start --
	wait_for "vsstriage | Start" >/dev/null || exit 1
	t load-buffer "$big"
	s=$(ms)
	t paste-buffer -p -d
	# The progress box names the paste once the whole block is in.
	while ! capture | grep -q "paste 1 (10000 lines)"; do :; done
	a=$(ms)
	while ! capture | grep -q "Read paste 1"; do sleep 0.01; done
	e=$(ms)
	echo "paste of 10000 lines ($(wc -c <"$big") bytes): whole after $((a - s)) ms, read and analysed after $((e - s)) ms"
	stop >/dev/null
done
