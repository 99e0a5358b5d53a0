#!/bin/sh
# Pasted text: a bracketed paste of 10,000 lines arrives whole; without
# bracketed paste the lines end at "." or Ctrl-D; pastes are kept for
# --resume, which also survives kill -9.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

big="$T_DIR/big.txt"
i=0
while [ $i -lt 10000 ]; do
	echo "Line $i of a long paste: Source: VSS Event ID: 8193 Level: Error"
	i=$((i + 1))
done >"$big"

start --
wait_for "vsstriage | Start"
paste_file "$big"
wait_loaded "paste 1 (10000 lines)"; ok $? "a bracketed paste on the start screen arrives whole: 10000 lines"
saved=$(ls "$XDG_STATE_HOME"/vsstriage/paste-* 2>/dev/null | head -1)
test -n "$saved" && cmp -s "$saved" "$big"; ok $? "the paste is kept byte for byte in the state directory"
grep -q "^paste $saved\$" "$XDG_STATE_HOME/vsstriage/session"; ok $? "the session file names it"

send p
wait_for "Paste text"; ok $? "p opens the paste screen"
type_text "first line"; send Enter
type_text "second line"; send Enter
wait_for "2 lines"; ok $? "lines typed one by one are counted"
capture | grep -q "second line"; ok $? "and shown"
type_text "."; send Enter
wait_loaded "paste 2 (2 lines)"; ok $? "a line holding only . ends the text"

send p
wait_for "Paste text"
type_text "one more"; send Enter
send C-d
wait_loaded "paste 3 (1 line)"; ok $? "Ctrl-D ends the text too"

send p
wait_for "Paste text"
printf 'block one\nblock two\nblock three\n' >"$T_DIR/small.txt"
paste_file "$T_DIR/small.txt"
wait_loaded "paste 4 (3 lines)"; ok $? "a bracketed paste on the paste screen is taken at once"

# A dropped session: kill -9, then --resume.
pid=$(t list-panes -F '#{pane_pid}')
vpid=$(pgrep -P "$pid" -f vsstriage | head -1)
test -n "$vpid" && kill -9 "$vpid"
wait_for "[exited"; ok $? "kill -9 ends it"
start -- --resume
wait_for "Session resumed"; ok $? "--resume brings the session back"
capture | grep -q "paste 1 (10000 lines)"; ok $? "with the big paste"
capture | grep -q "paste 4 (3 lines)"; ok $? "and the last one"
stop
no_sanitizer_errors; ok $? "no sanitizer reports"

# Logs piped in: read first, then the keys come from the terminal.
printf 'piped one\npiped two\n' >"$T_DIR/piped.txt"
t kill-server 2>/dev/null
T_N=$((T_N + 1)); T_SOCK="$T_BASE-$T_N"
t new-session -d -x 80 -y 24 "env TERM=screen LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' '$VSSTRIAGE' - <'$T_DIR/piped.txt' 2>>'$T_DIR/stderr'; echo \"[exited \$?]\"; sleep 600"
wait_for "paste 1 (2 lines)"; ok $? "text piped to - is read as a paste"
stop; ok $? "and the keys still come from the terminal"

# Nothing to resume: a clear message, not a failure.
XDG_STATE_HOME="$T_DIR/empty"
export XDG_STATE_HOME
start -- --resume
wait_for "No saved session to resume"; ok $? "--resume with nothing saved says so"
stop
finish
