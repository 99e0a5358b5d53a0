# KB loader, rules (analysis) and walk
src_libvsscore_a_SOURCES += src/kb.c src/kb.h src/kbint.h src/analysis.c \
	src/analysis.h src/walk.c src/walk.h src/template.c src/kbcheck.c

dist_pkgdata_DATA += kb/common.kb kb/sql-writer.kb kb/writer-errors.kb \
	kb/writer-session-state.kb kb/hw-provider-autorecovery.kb \
	kb/exchange-backup-in-progress.kb kb/triage.kb kb/templates.kb \
	kb/writers.tsv

check_PROGRAMS += tests/unit/analysis.t
tests_unit_analysis_t_SOURCES = tests/unit/analysis.c tests/unit/evb.h tests/tap.h
tests_unit_analysis_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/analysis.t

check_PROGRAMS += tests/unit/trees.t
tests_unit_trees_t_SOURCES = tests/unit/trees.c tests/unit/evb.h tests/tap.h
tests_unit_trees_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/trees.t

check_PROGRAMS += tests/unit/kb.t
tests_unit_kb_t_SOURCES = tests/unit/kb.c tests/tap.h
tests_unit_kb_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/kb.t tests/kb-check.sh
EXTRA_DIST += tests/kb-check.sh tests/fixtures/kb/broken/good.kb \
	tests/fixtures/kb/broken/syntax.kb tests/fixtures/kb/broken/pcre.kb \
	tests/fixtures/kb/broken/dangling.kb tests/fixtures/kb/broken/cycle.kb \
	tests/fixtures/kb/broken/unreachable.kb tests/fixtures/kb/broken/samples.kb \
	tests/fixtures/kb/broken/binary.kb

dist_man_MANS += man/vsstriage-kb.5
TESTS += tests/kb-man.sh
EXTRA_DIST += tests/kb-man.sh
