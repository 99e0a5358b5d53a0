#!/bin/sh
# .evtx records on the timeline: sorted by time across channels and
# computers; escape sequences in insertion strings shown as text; a long
# read shows its progress and is cancelled with c, keeping what was read.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

gen="$VS_BUILDDIR/tests/evtxgen"
[ -x "$gen" ] || skip_all "tests/evtxgen is not built"
"$gen" "$T_FIX/timeline.evd" "$T_DIR/timeline.evtx" || skip_all "evtxgen failed"
"$VSSTRIAGE" --dump "$T_DIR/timeline.evtx" >/dev/null 2>&1 ||
	skip_all "this build cannot read .evtx files"

start -- "$T_DIR/timeline.evtx"
wait_loaded "4 rec"; ok $? "the .evtx is read: 4 records"
capture | grep -q "timeline.evtx *evtx"; ok $? "named with its format"
send e
wait_for "vsstriage | Events"; ok $? "e opens the events"
capture | sed -n 3p | grep -q "22:50:00Z.*volsnap"; ok $? "the earliest first, though written second"
capture | sed -n 6p | grep -q "23:05:00Z.*Evil"; ok $? "the latest last"
esc=$(printf '\033')
! t capture-pane -p -e | grep -qF "${esc}[2J"; ok $? "no raw escape from the log on the screen"
send End Enter
wait_for "vsstriage | Record"; ok $? "Enter opens the record"
capture | grep -qF 'Injected ^[[2J^[[31mRED^[[0m and ^[]0;pwned^G title'; ok $? "its insertion string shows the escapes as text"
capture | grep -q "Computer *WS07.contoso.local"; ok $? "with its computer"
capture | grep -q "(UTC)"; ok $? "and its time, said to be UTC"
! t capture-pane -p -e | grep -qF "${esc}]0;"; ok $? "no OSC reached the terminal"
test "$(t display -p '#{pane_title}')" != "pwned"; ok $? "the title is unchanged"
send Escape
send f; type_text "provider=volsnap"; send Enter
wait_for "/1"; ok $? "a provider filter on .evtx records"
send x Escape
wait_for "vsstriage | Start"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"

# A long read: the progress box, then c cancels and keeps what was read.
"$gen" --synth 12 "$T_DIR/big.evtx" >/dev/null 2>&1 || skip_all "evtxgen --synth failed"
start --
wait_for "vsstriage | Start"
send o
wait_for "Open a file"
type_text "$T_DIR/big.evtx"; send Enter
wait_for "Esc or c cancels"; ok $? "a long read shows the progress box"
capture | grep -q "big.evtx"; ok $? "naming the file"
send c
wait_for "was cancelled" 60; ok $? "c cancels it (at the next progress step)"
capture | grep -q "big.evtx"; ok $? "the input stays listed with what was read"
send e
wait_for "vsstriage | Events"; ok $? "the wizard goes on"
send Escape
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
