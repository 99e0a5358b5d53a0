# text ingest and the code table
src_libvsscore_a_SOURCES += src/text.c src/text-int.h src/text-time.c \
	src/text-event.c src/text-xml.c src/text-vss.c src/text-misc.c \
	src/codes.c src/codes.h
dist_pkgdata_DATA += kb/codes.tsv

check_PROGRAMS += tests/unit/text.t tests/unit/codes.t
tests_unit_text_t_SOURCES = tests/unit/text.c tests/tap.h
tests_unit_text_t_LDADD = $(CORE_LIBS)
tests_unit_codes_t_SOURCES = tests/unit/codes.c tests/tap.h
tests_unit_codes_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/text.t tests/unit/codes.t tests/text-lookup.sh \
	tests/text-stdin.sh
EXTRA_DIST += tests/text-lookup.sh tests/text-stdin.sh tests/fixtures/text \
	bench/text.sh
# Reads a 1 GB export made from the fixtures: speed and peak memory.
BENCH_TARGETS += bench-text
bench-text: all tests/unit/text.t
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/bench/text.sh
.PHONY: bench-text
