# lib.sh -- shared by the benchmarks (sourced after VS_SRCDIR,
# VS_BUILDDIR, out and die are set).

# plain_vsstriage: sets bin to a vsstriage worth timing. Timing a
# sanitizer build says nothing, so when the build directory's has ASan,
# a plain build is made in $out/build and that one is used.
plain_vsstriage() {
	bin=$VS_BUILDDIR/vsstriage
	ldd "$bin" 2>/dev/null | grep -q libasan || return 0
	echo "# $bin has ASan: timing a plain build in $out/build"
	mkdir -p "$out/build" &&
	    (cd "$out/build" &&
	    { [ -f Makefile ] || "$VS_SRCDIR/configure" >configure.log 2>&1; } &&
	    make -j2 vsstriage >make.log 2>&1) ||
	    die "the plain build failed: see $out/build/*.log"
	bin=$out/build/vsstriage
}
