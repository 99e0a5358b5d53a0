#!/bin/sh
# valgrind.sh -- runs a program under valgrind's memcheck for make
# check-valgrind: any error or leak makes it exit 1.
#   valgrind.sh --run PROGRAM ARGS...	(a unit test)
#   valgrind.sh ARGS...			(vsstriage: $VS_VALGRIND_BIN)
# VALGRIND_OPTS adds options. fuzz/valgrind.supp lists the leaks of
# libevtx's own error paths (see fuzz/libevtx.supp).
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --run ]; then
	shift
else
	set -- "${VS_VALGRIND_BIN:?VS_VALGRIND_BIN names vsstriage}" "$@"
fi
exec valgrind -q --tool=memcheck --error-exitcode=1 --leak-check=full \
    --show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible \
    --track-origins=yes --suppressions="$here/fuzz/valgrind.supp" \
    --soname-synonyms=somalloc='*mimalloc*' \
    ${VALGRIND_OPTS:-} "$@"
