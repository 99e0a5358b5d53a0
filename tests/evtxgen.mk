# The test .evtx writer (tests/fixtures/README-evd.md) and the libevtx
# reader its round-trip tests compare against. Other tests run
# $VS_BUILDDIR/tests/evtxgen, so it is a check program; `make bench`
# builds it too for the synthetic logs.
check_PROGRAMS += tests/evtxgen tests/evtxgen-check
tests_evtxgen_SOURCES = tests/evtxgen.c tests/evtxgen-write.c \
	tests/evtxgen-synth.c tests/evtxgen.h
tests_evtxgen_LDADD = src/libvsscore.a
tests_evtxgen_check_SOURCES = tests/evtxgen-check.c
tests_evtxgen_check_LDADD = $(LIBEVTX_LIBS)
TESTS += tests/evtxgen.sh
EXTRA_DIST += tests/evtxgen.sh tests/fixtures/README-evd.md \
	tests/fixtures/roundtrip-basic.evd tests/fixtures/roundtrip-text.evd \
	tests/fixtures/roundtrip-defaults.evd
BENCH_TARGETS += tests/evtxgen
