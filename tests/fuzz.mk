# fuzzing and robustness
#
# make check runs the robustness tests: damaged .evtx files, hostile
# text, and the inputs fuzzing once crashed on (tests/fixtures/crashers).
TESTS += tests/robust-evtx.sh tests/robust-text.sh tests/robust-crashers.sh
EXTRA_DIST += tests/robust-evtx.sh tests/robust-text.sh \
	tests/robust-crashers.sh tests/robust-big.sh tests/valgrind.sh \
	tests/fixtures/crashers fuzz/fuzz.h fuzz/common.c fuzz/text.c \
	fuzz/kb.c fuzz/evtx.c fuzz/build.sh fuzz/run.sh fuzz/libevtx.supp \
	fuzz/valgrind.supp fuzz/corpus-seeds fuzz/README

# make fuzz: the libFuzzer harnesses, built with clang apart from the
# normal build (into fuzz-out/), then each run for FUZZ_SECONDS
# (default 60). FUZZ_RUNS picks runs: text vss xml csv kb evtx.
fuzz: tests/evtxgen
	FUZZ_CC='$(FUZZ_CC)' $(SHELL) $(srcdir)/fuzz/build.sh \
	    '$(abs_top_srcdir)' '$(abs_top_builddir)' \
	    '$(abs_top_builddir)/fuzz-out' '$(src_libvsscore_a_SOURCES)' \
	    '$(PCRE2_CFLAGS) $(LIBEVTX_CFLAGS) $(LIBBFIO_CFLAGS)' \
	    '$(CORE_LIBS)'
	FUZZ_SECONDS='$(FUZZ_SECONDS)' $(SHELL) $(srcdir)/fuzz/run.sh \
	    '$(abs_top_srcdir)' '$(abs_top_builddir)/fuzz-out' \
	    '$(abs_top_builddir)/tests/evtxgen' $(FUZZ_RUNS)
.PHONY: fuzz

# make check-slow: a 1 GB paste through stdin (ROBUST_BIG_MB), with
# its peak memory.
check-slow: vsstriage
	VSSTRIAGE='$(abs_top_builddir)/vsstriage' \
	    VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/tests/robust-big.sh
.PHONY: check-slow

# make check-valgrind: the C unit tests and the command tests under
# valgrind's memcheck. Needs a build without --enable-asan:
#   mkdir build-vg && cd build-vg && ../configure && make check-valgrind
# The shared .evtx corpus is left out (tests that need it skip): under
# memcheck it would take hours. VALGRIND_SHARED=DIR puts it back.
VALGRIND_SH_TESTS = tests/text-lookup.sh tests/evtx-errors.sh \
	tests/kb-check.sh tests/kb-man.sh tests/robust-crashers.sh
if ENABLE_ASAN
check-valgrind:
	@echo "check-valgrind: this build has --enable-asan: configure a" >&2
	@echo "separate build folder without it (valgrind and ASan do not mix)" >&2
	@exit 1
else
check-valgrind: all $(check_PROGRAMS)
	@command -v valgrind >/dev/null || \
	    { echo "check-valgrind: valgrind not found" >&2; exit 1; }
	units=`for t in $(TESTS); do case $$t in *.t) echo $$t;; esac; done`; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$units $(VALGRIND_SH_TESTS)" \
	    T_LOG_COMPILER='$(SHELL) $(abs_top_srcdir)/tests/valgrind.sh --run' \
	    TESTS_ENVIRONMENT='VS_VALGRIND_BIN=$(abs_top_builddir)/vsstriage; export VS_VALGRIND_BIN; VSSTRIAGE=$(abs_top_srcdir)/tests/valgrind.sh; export VSSTRIAGE; VS_SHARED=$${VALGRIND_SHARED:-/nonexistent}; export VS_SHARED;'
endif
.PHONY: check-valgrind
