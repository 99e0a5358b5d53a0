# fast triage: prefilter equality and time-to-findings benchmarks

# The prefilters (.evtx chunks, text events) lose nothing the report says.
TESTS += tests/prefilter.sh
EXTRA_DIST += tests/prefilter.sh

# make bench: time to findings on a 1 GB log with 1% KB events, against
# evtxexport and against reading every record; the same for text exports.
BENCH_TARGETS += bench-triage bench-triage-text
EXTRA_DIST += bench/triage.sh bench/triage-text.sh
bench-triage: vsstriage tests/evtxgen
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    EVTXEXPORT='$(EVTXEXPORT)' $(SHELL) $(srcdir)/bench/triage.sh
bench-triage-text: vsstriage
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/bench/triage-text.sh
.PHONY: bench-triage bench-triage-text
