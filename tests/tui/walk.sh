#!/bin/sh
# Whole walkthroughs from logs: the pre-answer with its evidence, accept,
# override, back, the verdict, the report saved, and the walk brought
# back by --resume after kill -9.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

sql="$VS_SRCDIR/samples/sql-writer"
"$VSSTRIAGE" --check-kb >/dev/null 2>&1 ||
	skip_all "the knowledge base does not load in this build"
"$VSSTRIAGE" --dump "$sql" >/dev/null 2>&1 ||
	skip_all "this build cannot read the sample logs"
session="$XDG_STATE_HOME/vsstriage/session"

# --- sql-writer, from the triage question ---
start -- "$sql"
wait_for "Findings (best first)"; ok $? "the findings are listed"
capture | grep -q "1\. match.*sql-writer"; ok $? "sql-writer comes first"
send w
wait_for "Which problem should the walk follow"; ok $? "w starts at the triage question"
capture | grep -q "<- the logs' answer"; ok $? "the logs' answer is marked"
capture | grep -q "Why the logs say"; ok $? "its evidence is shown under it"
capture | grep -q "Application-events.txt, lines"; ok $? "naming the input and the lines"
t capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*[47]m[^ ]*Instance= SBSMONITORING\|$(printf '\033')\[[0-9;]*4[0-7]m.*Instance= SBSMONITORING"
ok $? "the matched part is highlighted"

send e
wait_for "vsstriage | Events"; ok $? "e opens the records behind the answer"
capture | grep -q '^\* '; ok $? "they are marked on the timeline"
send Escape
wait_for "Which problem should the walk follow"; ok $? "Esc comes back to the question"

send Down Enter
wait_for "(overridden)"; ok $? "choosing other than the logs is recorded as an override"
grep -q "^answer triage=.* override$" "$session"; ok $? "and saved as an override"
send b
wait_for "Which problem should the walk follow"; ok $? "b takes it back"
! grep -q "override" "$session"; ok $? "the saved session forgets it"
send Enter
wait_for "sql-stop-instance"; ok $? "Enter accepts the logs' answer: on to the SQL questions"
capture | grep -q "SBSMONITORING"; ok $? "the question names the instance from the logs"
capture | grep -q "e shows the record"; ok $? "and says the records behind that name are a key away"
send e
wait_for "vsstriage | Events"
capture | grep -q '^\* .*SQLVDI .*Loc=SignalAbort'; ok $? "e marks the first SQLVDI error, which named the instance"
send Escape
wait_for "sql-stop-instance"
capture | grep -q "Path: triage > triage=sql-writer"; ok $? "the breadcrumb shows the path"
grep -q "^answer triage=sql-writer evidence$" "$session"; ok $? "saved: the answer and who gave it"
t resize-window -x 70 -y 20
wait_for "Terminal too small"; ok $? "a resize in the middle of a question"
t resize-window -x 80 -y 24
wait_for "sql-stop-instance"; ok $? "and the question is back as it was"
send Enter
wait_for "Choose an answer first"; ok $? "Enter alone does not answer a question the logs leave open"
! grep -q "^answer sql-stop-instance" "$session"; ok $? "and nothing is saved for it"
send 2
wait_for "sql-stop-instance=no (you)"; ok $? "an answer of the operator's own shows in the path"
send b
wait_for "Path: triage > triage=sql-writer > sql-instance-known=yes > here"; ok $? "b goes back past the step the walk took itself"
send 1
wait_for "vsstriage | Verdict"; ok $? "the other answer leads to the verdict"
capture | grep -q "What to do"; ok $? "the verdict gives the steps"
grep -q "^answer sql-stop-instance=yes operator$" "$session"; ok $? "the operator's answer is saved"

send r
wait_for "vsstriage | Report"; ok $? "r opens the report"
send s
wait_for "Save as:"
send C-u; type_text "$T_DIR/ticket.txt"; send Enter
wait_for "Saved the text report"; ok $? "the report is saved"
grep -q "SBSMONITORING" "$T_DIR/ticket.txt"; ok $? "as text"
grep -q "sql-stop-instance" "$T_DIR/ticket.txt"; ok $? "with the walk"
send j
wait_for "json"
send x s C-u; type_text "$T_DIR/ticket.json"; send Enter
wait_for "Saved the json report (redacted)"; ok $? "as redacted JSON"
grep -q '"walk"' "$T_DIR/ticket.json"; ok $? "with the walk in JSON"
! grep -q "SBS01" "$T_DIR/ticket.json"; ok $? "and no computer name"
send Escape
wait_for "vsstriage | Verdict"; ok $? "Esc goes back to the verdict"

# A dropped session in the middle: kill -9, then --resume.
pid=$(t list-panes -F '#{pane_pid}')
vpid=$(pgrep -P "$pid" -f vsstriage | head -1)
test -n "$vpid" && kill -9 "$vpid"
wait_for "[exited"
start -- --resume
wait_for "vsstriage | Verdict"; ok $? "--resume comes back to the verdict"
capture | grep -q "sql-stop-instance=yes (you)"; ok $? "with the operator's answer"
send b
wait_for "sql-stop-instance"; ok $? "and back still works after resuming"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"

# --- writer-errors, from vssadmin list writers alone ---
start -- "$T_FIX/vssadmin-writers.txt"
wait_for "writer-errors"; ok $? "a failed writer is found from vssadmin output alone"
send Enter
wait_for "vsstriage | Question"; ok $? "its walk starts"
capture | grep -q "SqlServerWriter\|SQL Server"; ok $? "the question names the writer"
n=0
# Accept the logs' answers, or give the first choice, up to a verdict.
while [ $n -lt 12 ] && ! capture | grep -q "vsstriage | Verdict"; do
	if capture | grep -q "the logs' answer"; then send Enter; else send 1; fi
	sleep 0.2
	n=$((n + 1))
done
wait_for "vsstriage | Verdict"; ok $? "the walk reaches a verdict"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
# --- the same from pasted text, then resumed after kill -9 ---
kbfix="$VS_SRCDIR/tests/fixtures/kb"
rm -rf "$XDG_STATE_HOME"
start --
wait_for "vsstriage | Start"
paste_file "$kbfix/sql-writer.txt"
wait_loaded "paste 1 ("
wait_for "sql-writer"; ok $? "pasted event text gives the sql-writer finding"
send Enter
wait_for "sql-stop-instance"; ok $? "its walk starts from the paste"
capture | grep -q "FINANCE"; ok $? "with the instance from the pasted lines"
send 2
wait_for "sql-stop-instance=no (you)"
pid=$(t list-panes -F '#{pane_pid}')
vpid=$(pgrep -P "$pid" -f vsstriage | head -1)
test -n "$vpid" && kill -9 "$vpid"
wait_for "[exited"
start -- --resume
wait_for "Session resumed"; ok $? "--resume after kill -9"
capture | grep -q "sql-stop-instance=no (you)"; ok $? "the paste is read again and the answer given again"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
