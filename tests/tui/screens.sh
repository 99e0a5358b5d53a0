#!/bin/sh
# The screens a technician sees without any logs: start, help, code
# lookup, paste, a terminal too small and resized back, no colour,
# ASCII line drawing, Ctrl-C, SIGTERM.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

start --
wait_for "vsstriage | Start"; ok $? "the start screen comes up"
capture | grep -q "Nothing yet. Add evidence"; ok $? "it says how to add evidence"

send '?'
wait_for "Keys on the Start screen"; ok $? "? opens the help of the start screen"
capture | grep -q "open a file or a folder"; ok $? "the help lists the start screen's keys"
send Escape
wait_for "vsstriage | Start"; ok $? "a key leaves the help"
send F1
wait_for "Keys on the Start screen"; ok $? "F1 opens the help too"
send q
wait_for "vsstriage | Start"

send l
wait_for "Code lookup"; ok $? "l opens the code lookup"
type_text "0x80042409"; send Enter
wait_for "0x80042409"; ok $? "the code shows in hex"
capture | grep -q "signed -2147212279"; ok $? "and as a signed decimal"
send C-u; type_text "-2147024891"; send Enter
wait_for "0x80070005"; ok $? "a signed decimal is read as its HRESULT"
send C-u; type_text "800423F4"; send Enter
wait_for "0x800423F4"; ok $? "hex digits without 0x are read as hex"
wait_for "VSS_E_WRITERERROR_NONRETRYABLE"; ok $? "the code's name comes from the code table"
send C-u; type_text "zz"; send Enter
wait_for "is not a code"; ok $? "a non-code is refused with a message"
send Escape
wait_for "Nothing yet"; ok $? "Esc goes back to the start screen"

# Too small, then large enough again, at any moment.
t resize-window -x 60 -y 20
wait_for "Terminal too small"; ok $? "60x20 shows the too-small screen"
capture | grep -q "needs 80x24"; ok $? "it says the size needed"
t resize-window -x 80 -y 24
wait_for "vsstriage | Start"; ok $? "back to 80x24, the screen is back"
t resize-window -x 100 -y 30
wait_for "vsstriage | Start"
test "$(capture | wc -l)" -ge 30; ok $? "a larger terminal is used whole"
t resize-window -x 80 -y 24

# Ctrl-C asks; n keeps going.
send C-c
wait_for "Quit?"; ok $? "Ctrl-C asks before quitting"
t resize-window -x 90 -y 26
wait_for "vsstriage | Start" && sleep 0.3
capture | grep -q "Quit?"; ok $? "the question stays through a resize"
t resize-window -x 80 -y 24
send n
wait_gone "Quit?"; ok $? "n keeps the wizard running"
stop
test "$(exit_status)" = 0; ok $? "quitting exits 0"
no_sanitizer_errors; ok $? "no sanitizer reports"

# A colour escape: ESC [ ... 3x or 4x (foreground or background).
COLOUR="$(printf '\033')\\[\\([0-9]*;\\)*[34][0-7]m"
# No colour: NO_COLOR and --color=never draw no colour at all.
start NO_COLOR=1 --
wait_for "vsstriage | Start"
! t capture-pane -p -e | grep -q "$COLOUR"
ok $? "NO_COLOR: no colour escapes on the screen"
stop
start -- --color=always
wait_for "vsstriage | Start"
t capture-pane -p -e | grep -q "$COLOUR"
ok $? "--color=always draws in colour"
stop
start NO_COLOR=1 -- --color=never
wait_for "vsstriage | Start"
! t capture-pane -p -e | grep -q "$COLOUR"
ok $? "--color=never: no colour"
stop

# A locale that is not UTF-8: ASCII line drawing.
T_LC=C start --
wait_for "vsstriage | Start"
send p
wait_for "Paste text"
capture | grep -q -- "-----------"; ok $? "C locale: lines drawn with -"
! capture | LC_ALL=C grep -q "$(printf '\342\224\200')"; ok $? "C locale: no box-drawing characters"
send Escape
stop

# SIGTERM: the terminal is given back and the session saved.
start --
wait_for "vsstriage | Start"
pid=$(t list-panes -F '#{pane_pid}')
vpid=$(pgrep -P "$pid" -f vsstriage | head -1)
[ -n "$vpid" ] && kill -TERM "$vpid"
wait_for "[exited"; ok $? "SIGTERM ends the wizard"
test "$(exit_status)" = 143; ok $? "with the status of SIGTERM"
capture | grep -q "exited"; ok $? "the shell prints again: the terminal was given back"
no_sanitizer_errors; ok $? "no sanitizer reports"

# SIGHUP (a dropped SSH connection): the same.
start --
wait_for "vsstriage | Start"
pid=$(t list-panes -F '#{pane_pid}')
vpid=$(pgrep -P "$pid" -f vsstriage | head -1)
[ -n "$vpid" ] && kill -HUP "$vpid"
wait_for "[exited"; ok $? "SIGHUP ends the wizard"
test "$(exit_status)" = 129; ok $? "with the status of SIGHUP"
finish
