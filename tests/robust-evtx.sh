#!/bin/sh
# robust-evtx.sh -- damaged .evtx files: truncated, bytes flipped,
# chunks zeroed, a header promising more chunks than the file has,
# records with sizes out of bounds, broken records and chunk CRCs.
# vsstriage --dump (and --report --format=json once it is built) must
# end with 0 or 2 within a time limit, with no sanitizer report, and
# when it ends with 2 say on stderr which file lost what.
#
# Damage comes from a fixed seed (ROBUST_SEED), so every run tries the
# same files. The shared corpus, when present, is sampled: a few of its
# smaller files, chosen by name order, keep the test within a minute
# under ASan on two cores.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

[ -x "$VSSTRIAGE" ] || skip_all "no vsstriage binary"
gen=$VS_BUILDDIR/tests/evtxgen
[ -x "$gen" ] || skip_all "no tests/evtxgen (make check builds it)"
limit=${ROBUST_TIMEOUT:-20}
command -v timeout >/dev/null 2>&1 || skip_all "no timeout(1)"

# libevtx leaks on some of its own error paths: see the file.
LSAN_OPTIONS="suppressions=$VS_SRCDIR/fuzz/libevtx.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

seed=${ROBUST_SEED:-20240314}
rnd() {	# rnd N: r = a number in 0..N-1 from the seed (no subshell)
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( (seed / 65536) % $1 ))
}

size_of() {
	wc -c <"$1" | tr -d ' '
}

put_byte() {	# put_byte FILE OFFSET VALUE
	printf "\\$(printf %03o "$3")" |
	    dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

get_byte() {	# get_byte FILE OFFSET
	od -An -tu1 -j"$2" -N1 "$1" | tr -d ' '
}

put_le() {	# put_le FILE OFFSET NBYTES VALUE
	_i=0
	while [ $_i -lt "$3" ]; do
		put_byte "$1" $(($2 + _i)) $(( ($4 >> (8 * _i)) & 255 ))
		_i=$((_i + 1))
	done
}

# CRC32 of the first 120 bytes: the header checksum libevtx checks.
header_crc() {
	_crc=4294967295
	for _b in $(od -An -tu1 -N120 -v "$1"); do
		_crc=$((_crc ^ _b))
		_k=0
		while [ $_k -lt 8 ]; do
			if [ $((_crc & 1)) -eq 1 ]; then
				_crc=$(( (_crc >> 1) ^ 3988292384 ))
			else
				_crc=$((_crc >> 1))
			fi
			_k=$((_k + 1))
		done
	done
	echo $((_crc ^ 4294967295))
}

# The damages. Each writes OUT from IN.
truncate_at() {	# IN OUT: cut at an offset past the header
	_n=$(size_of "$1")
	rnd $((_n - 4096))
	head -c $((4096 + r)) "$1" >"$2"
	what="truncated at $((4096 + r)) of $_n"
}

flip_bytes() {	# IN OUT COUNT: COUNT bytes of the chunks inverted
	cp "$1" "$2"
	_n=$(size_of "$1")
	_j=0
	while [ $_j -lt "$3" ]; do
		rnd $((_n - 4096))
		_o=$((4096 + r))
		put_byte "$2" $_o $(( $(get_byte "$2" $_o) ^ 255 ))
		_j=$((_j + 1))
	done
	what="$3 bytes flipped"
}

zero_chunk() {	# IN OUT: one chunk that holds records, all zeroes
	_out=$2
	cp "$1" "$2"
	_c=$(( ($(size_of "$1") - 4096) / 65536 ))
	_used=""
	_nused=0
	_j=0
	while [ $_j -lt $_c ]; do
		if [ "$(dd if="$1" bs=4096 skip=$((1 + 16 * _j)) count=1 \
		    2>/dev/null | head -c 7)" = ElfChnk ]; then
			_used="$_used $_j"
			_nused=$((_nused + 1))
		fi
		_j=$((_j + 1))
	done
	[ $_nused -gt 0 ] || { what="no chunk to zero"; return; }
	rnd $_nused
	set -- "$1" "$2" $_used
	shift $((2 + r))
	head -c 65536 /dev/zero |
	    dd of="$_out" bs=4096 seek=$((1 + 16 * $1)) conv=notrunc 2>/dev/null
	what="chunk $1 of $_c zeroed"
}

many_chunks() {	# IN OUT: the header claims 0xffff chunks (CRC right)
	cp "$1" "$2"
	put_le "$2" 16 8 65534		# last chunk number
	put_le "$2" 42 2 65535		# number of chunks
	put_le "$2" 124 4 "$(header_crc "$2")"
	what="header claims 65535 chunks"
}

bad_header_crc() {	# IN OUT: chunk count changed, CRC left wrong
	cp "$1" "$2"
	put_le "$2" 42 2 $(( ($(get_byte "$2" 42) + 7) & 255 ))
	what="header chunk count changed, CRC not"
}

clean_stderr() {
	! grep -q -e 'Sanitizer' -e 'runtime error' -e 'AddressSanitizer' "$1"
}

ntried=0
# try FILE DESCRIPTION: the checks, for --dump and --report
try() {
	ntried=$((ntried + 1))
	_base=$(basename "$1")
	for _mode in dump report; do
		if [ $_mode = report ]; then
			set -- "$1" "$2" --report --format=json
		else
			set -- "$1" "$2" --dump
		fi
		_f=$1 _d=$2
		shift 2
		timeout "$limit" "$VSSTRIAGE" "$@" "$_f" >"$tmp/out" 2>"$tmp/err"
		_rc=$?
		set -- "$_f" "$_d"
		if [ $_mode = dump ]; then
			dump_rc=$_rc
			cp "$tmp/err" "$tmp/dump.err"
		fi
		_how=$_rc
		[ $_rc -eq 124 ] && _how="$_rc: timed out after ${limit}s"
		ok $([ $_rc -eq 0 ] || [ $_rc -eq 2 ]; echo $?) \
		    "$_base ($_d) --$_mode: exit 0 or 2 (got $_how)"
		clean_stderr "$tmp/err"
		ok $? "$_base ($_d) --$_mode: no sanitizer report"
		if [ $_rc -eq 2 ]; then
			grep -q "^vsstriage: .*$_base" "$tmp/err"
			ok $? "$_base ($_d) --$_mode: stderr names the file"
		fi
		if [ $_rc -ne 0 ] && [ $_rc -ne 2 ] || ! clean_stderr "$tmp/err"; then
			diag "$(head -n 20 "$tmp/err")"
			# Kept outside the tree, so it cannot be committed.
			[ -n "${kept:-}" ] ||
			    kept=$(mktemp -d "${TMPDIR:-/tmp}/robust-evtx-XXXXXX")
			cp "$_f" "$kept/" && diag "input kept in $kept"
		fi
	done
}

# try_lost FILE DESCRIPTION: as try, and the file is known to be
# damaged where records are, so --dump must say something was lost
# (exit 2 and a line naming the file).
try_lost() {
	try "$1" "$2"
	ok $([ $dump_rc -eq 2 ] && grep -q "^vsstriage: .*$(basename "$1")" \
	    "$tmp/dump.err"; echo $?) \
	    "$(basename "$1") ($2): loss reported (exit $dump_rc)"
}

# try_corrupt FILE DESCRIPTION: as try; the records can be read but the
# file is damaged, so --dump must say so, whatever its exit.
try_corrupt() {
	try "$1" "$2"
	grep -q "^vsstriage: .*$(basename "$1").*corrupt" "$tmp/dump.err"
	ok $? "$(basename "$1") ($2): corruption reported"
}

# Generated files: the .evd fixtures and a small synthetic log of many
# chunks, with evtxgen's own damage.
fx=$VS_SRCDIR/tests/fixtures
for evd in "$fx"/kb/sql-writer.evd "$fx"/roundtrip-text.evd \
    "$VS_SRCDIR"/fuzz/corpus-seeds/evtx/hostile.evd; do
	b=$(basename "$evd" .evd)
	"$gen" "$evd" "$tmp/$b.evtx" || { ok 1 "evtxgen $b"; continue; }
	try "$tmp/$b.evtx" "whole"
	for opt in --bad-size --corrupt-record --bad-chunk-crc; do
		n=1
		[ $opt = --bad-chunk-crc ] && n=0	# chunks count from 0
		if "$gen" $opt $n "$evd" "$tmp/$b$opt.evtx" 2>"$tmp/generr"; then
			if [ $opt = --bad-chunk-crc ]; then
				try_corrupt "$tmp/$b$opt.evtx" "evtxgen $opt $n"
			else
				try_lost "$tmp/$b$opt.evtx" "evtxgen $opt $n"
			fi
		else
			ok 1 "evtxgen $opt $n $b: $(cat "$tmp/generr")"
		fi
	done
done
"$gen" --synth 1 --seed 11 "$tmp/synth.evtx" || ok 1 "evtxgen --synth"
"$gen" --bad-size 40 "$fx"/kb/sql-writer.evd "$tmp/size40.evtx" 2>/dev/null &&
    try "$tmp/size40.evtx" "evtxgen --bad-size past the last record"

damage_all() {	# damage_all FILE NAME: every damage of one file
	truncate_at "$1" "$tmp/$2-cut.evtx"
	try_lost "$tmp/$2-cut.evtx" "$what"
	flip_bytes "$1" "$tmp/$2-flip.evtx" 16
	try "$tmp/$2-flip.evtx" "$what"
	zero_chunk "$1" "$tmp/$2-zero.evtx"
	try_lost "$tmp/$2-zero.evtx" "$what"
	many_chunks "$1" "$tmp/$2-many.evtx"
	try "$tmp/$2-many.evtx" "$what"
	bad_header_crc "$1" "$tmp/$2-hcrc.evtx"
	try "$tmp/$2-hcrc.evtx" "$what"
}
damage_all "$tmp/synth.evtx" synth
damage_all "$tmp/sql-writer.evtx" sql-writer

# The shared corpus: files under 700 KB, every k-th in name order.
corpus=$VS_SHARED/corpus/evtx
if [ -d "$corpus" ]; then
	want=${ROBUST_CORPUS_FILES:-4}
	find "$corpus" -maxdepth 1 -name '*.evtx' -size -700k | LC_ALL=C sort \
	    >"$tmp/list"
	n=$(wc -l <"$tmp/list")
	if [ "$n" -gt 0 ]; then
		step=$(( n / want ))
		[ $step -ge 1 ] || step=1
		i=0
		while read -r f; do
			if [ $((i % step)) -eq 0 ] && [ $((i / step)) -lt "$want" ]; then
				cp "$f" "$tmp/c$i.evtx"
				damage_all "$tmp/c$i.evtx" "c$i"
				rm -f "$tmp/c$i"*.evtx
			fi
			i=$((i + 1))
		done <"$tmp/list"
	fi
else
	skip "corpus files" "no corpus at $corpus"
fi
diag "$ntried damaged or generated files tried"
finish
