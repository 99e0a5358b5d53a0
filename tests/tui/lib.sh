# lib.sh -- drive vsstriage in a real terminal: tmux on its own socket,
# 80x24, keys sent with send-keys, screens read with capture-pane.
# Source it after tests/lib.sh.
[ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] || TMUX_BIN=$(command -v tmux 2>/dev/null)
[ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] || skip_all "tmux not found"
[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary at $VSSTRIAGE"

T_BASE="vst-$$-$(basename "$0" .sh)"
T_N=0
T_SOCK="$T_BASE-0"
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vst-tui.XXXXXX") || exit 1
T_WAIT=${T_WAIT:-20}	# seconds: generous for sanitizer builds on a busy machine
XDG_STATE_HOME="$T_DIR/state"
export XDG_STATE_HOME
T_FIX="$VS_SRCDIR/tests/fixtures/tui"

tui_cleanup() {
	_i=0
	while [ "$_i" -le "$T_N" ]; do
		"$TMUX_BIN" -L "$T_BASE-$_i" kill-server 2>/dev/null
		_i=$((_i + 1))
	done
	rm -rf "$T_DIR"
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM

t() {	# tmux on the test's own server
	"$TMUX_BIN" -L "$T_SOCK" -f /dev/null "$@"
}

# start [ENV=VALUE...] -- [ARG...]: runs vsstriage in a fresh 80x24
# terminal. Its exit status shows as "[exited N]" at the start of a line
# of its own when it ends (the shell's "Killed" note, naming the long
# command, may be before it); stderr goes to $T_DIR/stderr.
start() {
	# A fresh server each time: no race with the last one ending.
	t kill-server 2>/dev/null
	T_N=$((T_N + 1))
	T_SOCK="$T_BASE-$T_N"
	envs="TERM=screen LC_ALL=${T_LC:-C.UTF-8}"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	[ "$1" = "--" ] && shift
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	: >"$T_DIR/stderr"
	t new-session -d -x "${T_COLS:-80}" -y "${T_LINES:-24}" \
	    "env $envs XDG_STATE_HOME='$XDG_STATE_HOME' '$VSSTRIAGE' $args 2>>'$T_DIR/stderr'; s=\$?; printf '\\r\\n[exited %s]\\n' \$s; sleep 600"
}

send() {	# send KEY... (tmux key names: Enter, Escape, C-c, Up, ...)
	t send-keys "$@"
}

type_text() {	# type_text TEXT: literally
	t send-keys -l -- "$1"
}

capture() {
	t capture-pane -p
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	_end=$(($(date +%s) + ${2:-$T_WAIT}))
	while :; do
		if capture | grep -qF -- "$1"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$_end" ]; then
			diag "timed out waiting for: $1" "screen:"
			capture | sed 's/^/| /' | while IFS= read -r l; do diag "$l"; done
			return 1
		fi
		sleep 0.05
	done
}

# wait_gone TEXT: until the screen no longer shows TEXT.
wait_gone() {
	_end=$(($(date +%s) + ${2:-$T_WAIT}))
	while capture | grep -qF -- "$1"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			diag "timed out waiting for this to go: $1"
			return 1
		fi
		sleep 0.05
	done
	return 0
}

# wait_loaded NAME: until the input NAME is listed and reading is over.
wait_loaded() {
	wait_for "$1" && wait_gone "Esc or c cancels"
}

# paste FILE: as a bracketed paste, the way a terminal pastes.
paste_file() {
	t load-buffer "$1" && t paste-buffer -p -d
}

# stop: quit through Ctrl-C and y, and wait for the exit.
stop() {
	send C-c
	wait_for "(y/n)" || return 1
	send y
	wait_for "[exited" || return 1
}

# The exit status shown once vsstriage ended.
exit_status() {
	capture | sed -n 's/^\[exited \([0-9]*\)\].*/\1/p' | head -1
}

# no_sanitizer_errors: nothing from ASan, LSan or UBSan on stderr.
no_sanitizer_errors() {
	if grep -qE 'Sanitizer|runtime error' "$T_DIR/stderr"; then
		diag "stderr:"
		sed 's/^/| /' "$T_DIR/stderr" | head -40 | while IFS= read -r l; do diag "$l"; done
		return 1
	fi
	return 0
}
