# fast triage: prefilter equality and time-to-findings benchmark

# The chunk prefilter of the .evtx reader loses nothing the report says.
TESTS += tests/prefilter.sh
EXTRA_DIST += tests/prefilter.sh

# make bench: time to findings on a 1 GB log with 1% KB events, against
# evtxexport and against --no-prefilter.
BENCH_TARGETS += bench-triage
EXTRA_DIST += bench/triage.sh
bench-triage: vsstriage tests/evtxgen
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    EVTXEXPORT='$(EVTXEXPORT)' $(SHELL) $(srcdir)/bench/triage.sh
.PHONY: bench-triage
