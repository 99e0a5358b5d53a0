#!/bin/sh
# robust-crashers.sh -- replays tests/fixtures/crashers: inputs that
# once crashed vsstriage or made a sanitizer report (see the README
# there). Each must now end with its normal exit and no report.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
dir=$VS_SRCDIR/tests/fixtures/crashers
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
LSAN_OPTIONS="suppressions=$VS_SRCDIR/fuzz/libevtx.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

clean_stderr() {
	! grep -q -e 'Sanitizer' -e 'runtime error' -e '==[0-9]*==' "$1"
}

# check NAME RC ALLOWED...: the exit is one of ALLOWED, stderr is clean.
check() {
	_name=$1 _rc=$2
	shift 2
	_good=1
	for _a in "$@"; do
		[ "$_rc" -eq "$_a" ] && _good=0
	done
	ok $_good "$_name: exit $_rc (one of $*)"
	clean_stderr "$tmp/err"
	ok $? "$_name: no sanitizer or memcheck report"
	[ $_good -eq 0 ] && clean_stderr "$tmp/err" ||
	    diag "$(head -n 20 "$tmp/err")"
}

for f in "$dir"/*; do
	name=$(basename "$f")
	case $name in
	README)
		continue ;;
	*.evtx.gz)
		gzip -dc "$f" >"$tmp/in.evtx"
		for fmt in text jsonl; do
			"$VSSTRIAGE" --dump --format=$fmt "$tmp/in.evtx" \
			    >/dev/null 2>"$tmp/err"
			check "$name --dump --format=$fmt" $? 0 2
		done ;;
	*.kb)
		rm -rf "$tmp/kb"
		mkdir "$tmp/kb"
		cp "$f" "$tmp/kb/x.kb"
		"$VSSTRIAGE" --check-kb "$tmp/kb" >/dev/null 2>"$tmp/err"
		check "$name --check-kb" $? 0 1 ;;
	*)
		for fmt in text jsonl; do
			"$VSSTRIAGE" --dump --format=$fmt "$f" >/dev/null \
			    2>"$tmp/err"
			check "$name --dump --format=$fmt" $? 0 2
		done ;;
	esac
done
finish
