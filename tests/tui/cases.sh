#!/bin/sh
# Every fixture case of the knowledge base (tests/fixtures/kb/*.case),
# walked in the terminal as a technician would: the expected finding is
# listed and chosen, the logs' answers are accepted with Enter, the walk
# stops at the first question the logs cannot answer, the case's answers
# are given there, and the verdict is the case's.
. "${VS_SRCDIR:-$(dirname "$0")/../..}/tests/lib.sh"
. "$VS_SRCDIR/tests/tui/lib.sh"

kbfix="$VS_SRCDIR/tests/fixtures/kb"
gen="$VS_BUILDDIR/tests/evtxgen"
ls "$kbfix"/*.case >/dev/null 2>&1 || skip_all "no knowledge-base cases"
"$VSSTRIAGE" --check-kb >/dev/null 2>&1 ||
	skip_all "the knowledge base does not load in this build"

title() {	# the screen's name and the node id, from the title bar
	capture | head -1
}

for case in "$kbfix"/*.case; do
	name=$(basename "$case" .case)
	set --
	tree=""; stop=""; verdict=""; answers=""; missing=""
	while read -r kw a b; do
		case "$kw" in
		input)
			f="$kbfix/$a"
			case "$a" in
			*.evd)
				if [ -x "$gen" ]; then
					"$gen" "$f" "$T_DIR/$a.evtx" || missing=1
				else
					missing=1
				fi
				f="$T_DIR/$a.evtx" ;;
			esac
			set -- "$@" "$f" ;;
		finding)
			[ -z "$tree" ] && tree=$a ;;
		stop)
			stop=$a ;;
		answer)
			answers="$answers $a" ;;
		verdict)
			verdict=$a ;;
		esac
	done <"$case"
	if [ -n "$missing" ]; then
		skip "$name" "tests/evtxgen is not built"
		continue
	fi
	start -- "$@"
	wait_for "vsstriage | Start" && wait_gone "Esc or c cancels"
	if [ -n "$tree" ]; then
		row=$(capture | grep -E '^(> |  )[0-9]+\. (match|partial) ' |
		    grep -n " $tree " | head -1 | cut -d: -f1)
		test -n "$row"; ok $? "$name: the finding $tree is listed"
		i=1
		while [ -n "$row" ] && [ "$i" -lt "$row" ]; do
			send Down
			i=$((i + 1))
		done
		send Enter
	else
		send w
	fi
	seen_stop=""
	n=0
	while [ $n -lt 20 ]; do
		n=$((n + 1))
		wait_for "vsstriage | Question" 2 >/dev/null 2>&1 ||
		    wait_for "vsstriage | Verdict" 2 >/dev/null 2>&1
		node=$(title | awk '{print $NF}')
		if title | grep -q "| Verdict"; then
			[ "$node" = "$stop" ] && seen_stop=1
			break
		fi
		if [ -z "$seen_stop" ] && [ "$node" = "$stop" ]; then
			seen_stop=1
			! capture | grep -q "<- the logs' answer"
			ok $? "$name: the logs cannot answer $stop"
		fi
		key=""
		for a in $answers; do
			[ "${a%%=*}" = "$node" ] && key=${a#*=}
		done
		if [ -n "$key" ]; then
			line=$(capture | grep -E "^ (> |  )[0-9]+\. .*\[$key\]" | head -1)
			[ -z "$line" ] && line=$(capture | grep -E "^ (> |  )[0-9]+\. $key( |\$)" | head -1)
			digit=$(printf '%s\n' "$line" | sed -E 's/^ (> |  )([0-9]+)\..*/\2/')
			[ -z "$digit" ] && break
			send "$digit"
		elif capture | grep -q "<- the logs' answer"; then
			send Enter
		else
			break	# a question the case does not answer
		fi
		wait_gone "$(title)" 3 >/dev/null 2>&1
	done
	if [ -n "$stop" ]; then
		test -n "$seen_stop"; ok $? "$name: the walk stops at $stop"
	fi
	if [ -n "$verdict" ]; then
		title | grep -q "Verdict.* $verdict\$"; ok $? "$name: the verdict is $verdict"
	fi
	send C-c
	wait_for "(y/n)" >/dev/null && send y
	wait_for "[exited" >/dev/null
done
no_sanitizer_errors; ok $? "no sanitizer reports"
finish
