# .evtx ingest and --dump
src_libvsscore_a_SOURCES += src/evtx.c src/evtx.h src/dump.c
# evtx.c hands libevtx windows of the file through a libbfio memory
# range; libevtx.pc does not name libbfio, so it is added here.
CORE_LIBS += $(LIBBFIO_LIBS)

TESTS += tests/evtx-corpus.sh tests/evtx-errors.sh tests/evtx-roundtrip.sh
EXTRA_DIST += tests/evtx-corpus.sh tests/evtx-errors.sh tests/evtx-roundtrip.sh

check_PROGRAMS += tests/unit/evtx.t
tests_unit_evtx_t_SOURCES = tests/unit/evtx.c tests/tap.h
tests_unit_evtx_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/evtx.t

# make bench: --dump against evtxexport on a large synthetic .evtx.
BENCH_TARGETS += bench-evtx-dump
EXTRA_DIST += bench/evtx-dump.sh bench/lib.sh
bench-evtx-dump: vsstriage
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    EVTXEXPORT='$(EVTXEXPORT)' $(SHELL) $(srcdir)/bench/evtx-dump.sh
.PHONY: bench-evtx-dump

check_PROGRAMS += tests/unit/evtx-prefilter.t
tests_unit_evtx_prefilter_t_SOURCES = tests/unit/evtx-prefilter.c tests/tap.h
tests_unit_evtx_prefilter_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/evtx-prefilter.t
