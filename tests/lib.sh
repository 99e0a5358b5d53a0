# lib.sh -- TAP helpers for shell tests. Source it; call plan or use
# ok/not_ok with a running count, then finish.
t_n=0
t_failed=0
ok() {	# ok CONDITION_EXIT_CODE DESCRIPTION
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
	fi
}
skip() {	# skip DESCRIPTION REASON
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}
diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}
finish() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
}
: "${VS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VS_BUILDDIR:=$VS_SRCDIR}"
: "${VSSTRIAGE:=$VS_BUILDDIR/vsstriage}"
: "${VS_SHARED:=$VS_SRCDIR/../shared}"
VSSTRIAGE_KB=${VSSTRIAGE_KB:-$VS_SRCDIR/kb}
export VSSTRIAGE_KB
