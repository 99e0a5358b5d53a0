#!/bin/sh
# Text outside ASCII from a log (Japanese vssadmin output): shown as it
# is in a UTF-8 locale, wide characters taking two columns; shown as ?
# in a locale that is not UTF-8, with no byte outside ASCII sent.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

fix="$T_FIX/vssadmin-writers-ja.txt"
"$VSSTRIAGE" --dump "$fix" >/dev/null 2>&1 ||
	skip_all "this build cannot read vssadmin text yet"

start -- "$fix"
wait_loaded "rec"
send e
wait_for "vsstriage | Events"
send Enter
wait_for "vsstriage | Record"; ok $? "UTF-8: the record opens"
capture | grep -q "state_label  安定"; ok $? "UTF-8: Japanese shown as it is"
capture | grep -q "^     状態: \[1\] 安定$"; ok $? "UTF-8: wide characters keep the line in place"
stop

T_LC=C start -- "$fix"
wait_loaded "rec"
send e
wait_for "vsstriage | Events"
send Enter
wait_for "vsstriage | Record"; ok $? "C locale: the record opens"
capture | grep -q "state_label  ??$"; ok $? "C locale: each character outside ASCII is one ?"
! t capture-pane -p | LC_ALL=C grep -q "$(printf '[\200-\377]')"; ok $? "C locale: nothing outside ASCII reaches the terminal"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
