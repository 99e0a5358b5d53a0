#!/bin/sh
# build.sh -- builds the libFuzzer harnesses of fuzz/ with clang, apart
# from the normal build: the core sources are compiled again into
# OUTDIR/obj with -fsanitize=fuzzer-no-link,address,undefined.
#
#   fuzz/build.sh SRCDIR BUILDDIR OUTDIR "CORE SOURCES" "CFLAGS" "LIBS"
#
# BUILDDIR holds config.h. FUZZ_CC names the compiler (default clang).
set -eu
srcdir=$1 builddir=$2 out=$3 sources=$4 pkgcflags=$5 libs=$6
cc=${FUZZ_CC:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz/build.sh: $cc not found: install clang (and libclang-rt-dev)" >&2
	exit 1
fi
mkdir -p "$out/obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
common="-std=c11 -g -O1 -fno-omit-frame-pointer $san \
    -I$builddir -I$srcdir/src -I$srcdir/fuzz $pkgcflags \
    -DVS_KB_DIR=\"$srcdir/kb\" -DFUZZ_KB_DIR=\"$srcdir/kb\""
warn="-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
    -Wformat=2 -Wno-unused-parameter"

# The core: rebuilt when its source or any header is newer.
newest_h=$(ls -t "$srcdir"/src/*.h | head -n 1)
objs=""
todo=""
for s in $sources; do
	case $s in *.c) ;; *) continue ;; esac
	o=$out/obj/$(basename "$s" .c).o
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$srcdir/$s" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		todo="$todo $s"
	fi
done
if [ -n "$todo" ]; then
	echo "fuzz: compiling the core with $cc"
	n=0
	for s in $todo; do
		rm -f "$out/obj/$(basename "$s" .c).o"
		# shellcheck disable=SC2086
		$cc $common $warn -fsanitize=fuzzer-no-link -c "$srcdir/$s" \
		    -o "$out/obj/$(basename "$s" .c).o" &
		n=$((n + 1))
		# Two at a time: the machine has two cores.
		[ $((n % 2)) -eq 0 ] && wait
	done
	wait
	for o in $objs; do
		[ -f "$o" ] || { echo "fuzz: $o was not built" >&2; exit 1; }
	done
fi

# Libraries as the normal build links them, less the core archive.
links=""
for l in $libs; do
	case $l in *libvsscore.a) ;; *) links="$links $l" ;; esac
done

for h in text kb evtx; do
	echo "fuzz: linking fuzz-$h"
	# shellcheck disable=SC2086
	$cc $common $warn -Werror -fsanitize=fuzzer \
	    "$srcdir/fuzz/$h.c" "$srcdir/fuzz/common.c" $objs $links \
	    -o "$out/fuzz-$h"
done
