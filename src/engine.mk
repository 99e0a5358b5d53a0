# KB loader, rules (analysis) and walk
src_libvsscore_a_SOURCES += src/kb.c src/kb.h src/kbint.h src/analysis.c \
	src/analysis.h src/walk.c src/walk.h src/template.c src/kbcheck.c

dist_pkgdata_DATA += kb/common.kb kb/sql-writer.kb kb/writer-errors.kb \
	kb/writer-session-state.kb kb/hw-provider-autorecovery.kb \
	kb/exchange-backup-in-progress.kb kb/access-denied.kb \
	kb/shadow-storage.kb kb/snapshot-in-progress.kb kb/provider-veto.kb \
	kb/triage.kb kb/templates.kb kb/writers.tsv

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
	tests/fixtures/kb/broken/binary.kb tests/fixtures/kb/broken/cascade.kb

dist_man_MANS += man/vsstriage-kb.5
TESTS += tests/kb-man.sh
EXTRA_DIST += tests/kb-man.sh

# The fixture cases: a runner, driven by tests/kb-cases.sh.
check_PROGRAMS += tests/unit/kbcases.t
tests_unit_kbcases_t_SOURCES = tests/unit/kbcases.c tests/tap.h
tests_unit_kbcases_t_LDADD = $(CORE_LIBS)
TESTS += tests/kb-cases.sh
EXTRA_DIST += tests/kb-cases.sh $(KB_FIXTURES)
KB_FIXTURES = tests/fixtures/kb/README.md \
	tests/fixtures/kb/access-denied-8194.case \
	tests/fixtures/kb/access-denied-8194.txt \
	tests/fixtures/kb/exchange-backup-in-progress-evtx.case \
	tests/fixtures/kb/exchange-backup-in-progress.case \
	tests/fixtures/kb/exchange-backup-in-progress.evd \
	tests/fixtures/kb/exchange-backup-in-progress.txt \
	tests/fixtures/kb/hw-provider-DPMRACurr.errlog \
	tests/fixtures/kb/hw-provider-autorecovery.case \
	tests/fixtures/kb/hw-provider-dpm-alert.txt \
	tests/fixtures/kb/hw-provider-lookalike-providers.txt \
	tests/fixtures/kb/hw-provider-lookalike.case \
	tests/fixtures/kb/hw-provider-lookalike.txt \
	tests/fixtures/kb/hw-provider-providers.txt \
	tests/fixtures/kb/hw-provider.txt \
	tests/fixtures/kb/sql-writer-evtx.case \
	tests/fixtures/kb/sql-writer-lookalike.case \
	tests/fixtures/kb/sql-writer-lookalike.txt \
	tests/fixtures/kb/sql-writer-writers.txt \
	tests/fixtures/kb/sql-writer.case \
	tests/fixtures/kb/sql-writer.evd \
	tests/fixtures/kb/sql-writer.txt \
	tests/fixtures/kb/writer-errors-guest.case \
	tests/fixtures/kb/writer-errors-guest.txt \
	tests/fixtures/kb/writer-errors.case \
	tests/fixtures/kb/writer-errors.txt \
	tests/fixtures/kb/writer-session-state-evtx.case \
	tests/fixtures/kb/writer-session-state.case \
	tests/fixtures/kb/writer-session-state.evd \
	tests/fixtures/kb/writer-session-state.txt

# make bench: the engine alone over records built in memory, then over
# a synthetic 64 MB .evtx through ingest.
check_PROGRAMS += tests/unit/kbbench.t
tests_unit_kbbench_t_SOURCES = tests/unit/kbbench.c
tests_unit_kbbench_t_LDADD = $(CORE_LIBS) $(MIMALLOC_LIBS)
BENCH_TARGETS += bench-engine
bench-engine: tests/unit/kbbench.t tests/evtxgen
	@echo "engine, 1,000,000 records built in memory:"
	@tests/unit/kbbench.t $(srcdir)/kb
	@mkdir -p bench/out
	@test -f bench/out/synth-64.evtx || tests/evtxgen --synth 64 --kb-percent 1 bench/out/synth-64.evtx
	@echo "engine behind the .evtx reader, synthetic 64 MB log:"
	@tests/unit/kbbench.t $(srcdir)/kb bench/out/synth-64.evtx
.PHONY: bench-engine
