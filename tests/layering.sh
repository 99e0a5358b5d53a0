#!/bin/sh
# The core never draws and never reaches into the UI; only evtx.c may
# include libevtx.h and only pattern.c pcre2.h.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
cd "$VS_SRCDIR" || exit 1
! grep -lE '#include *[<"](n?curses|ncursesw/)' src/*.c src/*.h >/dev/null
ok $? "src/ includes no curses header"
! grep -lE '#include *"(\.\./)?ui/' src/*.c src/*.h >/dev/null
ok $? "src/ includes nothing from ui/"
test "$(grep -lE '#include *<libevtx' src/*.c src/*.h ui/*.c 2>/dev/null)" = "src/evtx.c"
ok $? "only src/evtx.c includes libevtx.h"
test "$(grep -lE '#include *<pcre2' src/*.c src/*.h ui/*.c 2>/dev/null)" = "src/pattern.c"
ok $? "only src/pattern.c includes pcre2.h"
finish
