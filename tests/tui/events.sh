#!/bin/sh
# The events timeline: sorted across inputs and computers, filtered,
# searched, one record opened; a log line full of escape sequences is
# shown as ^[ text and never reaches the terminal.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

fix="$T_FIX/events.txt"
"$VSSTRIAGE" --dump "$fix" >/dev/null 2>&1 ||
	skip_all "this build cannot read event text exports yet"

start -- "$fix"
wait_for "vsstriage | Start"
wait_for "5 rec"; ok $? "the export is read: 5 records"
send e
wait_for "vsstriage | Events"; ok $? "e opens the events"
wait_for "/5"; ok $? "all five on the timeline"
capture | sed -n 3p | grep -q "22:59:59.*8224"; ok $? "the earliest comes first, whatever the file order"
capture | sed -n 7p | grep -q "Evil"; ok $? "the latest comes last"

esc=$(printf '\033')
! t capture-pane -p -e | grep -qF "${esc}[2J"; ok $? "no raw escape from the log on the list"
capture | grep -qF 'Injected ^[[2J^[[31mRED'; ok $? "the escapes show as ^[ text"
send End Enter
wait_for "vsstriage | Record"; ok $? "Enter opens the record"
capture | grep -qF '^[]0;pwned^G title'; ok $? "an OSC in the message shows as text"
! t capture-pane -p -e | grep -qF "${esc}]0;"; ok $? "and never reaches the terminal"
test "$(t display -p '#{pane_title}')" != "pwned"; ok $? "the terminal title is unchanged"
capture | grep -qF 'title and ?31m C1'; ok $? "a C1 control shows as ?"
send Escape
wait_for "vsstriage | Events"

send f
wait_for "Filter"
type_text "level=error"; send Enter
wait_for "/3"; ok $? "level=error leaves the three errors"
send x
wait_for "/5"; ok $? "x clears the filter"
send f; type_text "provider=vss"; send Enter
wait_for "/3"; ok $? "provider=vss (any case) leaves the three VSS events"
send x
send f; type_text "id=8193"; send Enter
wait_for "/1"; ok $? "id=8193 leaves one"
send x
send f; type_text "access is (denied|granted)"; send Enter
wait_for "/1"; ok $? "a PCRE2 pattern filters the text"
send x
send v
wait_for "errors+warnings"; ok $? "v shows errors and warnings only"
capture | grep -q "/4"; ok $? "four of them"
send x

send g /
type_text "12289"; send Enter
wait_for "3/5"; ok $? "/ finds the record"
send n
wait_for "went round"; ok $? "n goes round the end to it again"
send /
type_text "("; send Enter
wait_for "Pattern"; ok $? "a broken pattern is refused with a message"
send Escape Escape
wait_for "vsstriage | Start"; ok $? "Esc goes back"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
