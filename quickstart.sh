#!/bin/sh
# Installs what vsstriage needs (Debian), builds it, and starts the wizard
# on the bundled sample. Run it from the top of the source tree.
set -e
cd "$(dirname "$0")"

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! pkg-config --exists ncursesw libpcre2-8 libevtx libbfio 2>/dev/null ||
    ! command -v autoreconf >/dev/null 2>&1; then
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends \
		build-essential autoconf automake pkg-config \
		libevtx-dev libevtx-utils libbfio-dev libpcre2-dev libncurses-dev \
		libmimalloc-dev tmux
fi
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure -q
make -s -j"$(nproc)"
exec ./vsstriage "${@:-samples/sql-writer}"
