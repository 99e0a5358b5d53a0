#!/bin/sh
# Opening files: a path typed with Tab completion; inputs that cannot be
# read are named with the reason; a name full of escape sequences is
# shown as text, never sent to the terminal.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

mkdir -p "$T_DIR/case/logs"
cp "$T_FIX/vssadmin-writers.txt" "$T_DIR/case/logs/writers-list.txt"
printf 'not an event log\n' >"$T_DIR/case/logs/other.txt"

start --
wait_for "vsstriage | Start"
send o
wait_for "Open a file or a folder"; ok $? "o opens the path entry"
type_text "$T_DIR/ca"; send Tab
wait_for "$T_DIR/case/"; ok $? "Tab completes a folder, with its slash"
type_text "logs/"; send Tab
wait_for "2 names match"; ok $? "Tab lists the names when several match"
capture | grep -q "writers-list.txt"; ok $? "the list shows them"
type_text "w"; send Tab
wait_for "$T_DIR/case/logs/writers-list.txt"; ok $? "Tab completes the one that matches"
send Enter
wait_for "vsstriage | Start"; ok $? "Enter reads it and goes back to the start screen"
capture | grep -q "writers-list.txt"; ok $? "the input is listed"

send o
wait_for "Open a file or a folder"
type_text "$T_DIR/case/nothing-here.evtx"; send Enter
wait_for "No such file or directory"; ok $? "a missing file is named with the reason"
send Escape
wait_for "vsstriage | Start"
stop

# A file name full of escape sequences, given on the command line.
esc=$(printf '\033')
bel=$(printf '\007')
bad="$T_DIR/case/x${esc}[2J${esc}]0;pwned${bel}${esc}[31mred.evtx"
printf 'not evtx at all\n' >"$bad"
start -- "$bad"
wait_for "vsstriage | Start"
wait_for "not an .evtx file"; ok $? "a broken .evtx is refused with a reason"
capture | grep -qF '^[[2J^[]0;pwned^G^[[31mred.evtx'; ok $? "the escape sequences in its name show as ^[ text"
! t capture-pane -p -e | grep -qF "${esc}]0;"; ok $? "no raw OSC from the name reached the terminal"
test "$(t display -p '#{pane_title}')" != "pwned"; ok $? "the terminal title was not changed"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
