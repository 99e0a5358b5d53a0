# the curses wizard
vsstriage_SOURCES += ui/wizard.c ui/wizard.h ui/ui.h \
	ui/screen.c ui/keys.c ui/edit.c ui/session.c ui/state.c \
	ui/view-start.c ui/view-open.c ui/view-paste.c ui/view-events.c \
	ui/view-question.c ui/view-verdict.c ui/view-report.c \
	ui/view-collect.c ui/view-lookup.c ui/view-help.c

# terminal tests, through tmux
TUI_TESTS = tests/tui/screens.sh tests/tui/paste.sh tests/tui/open.sh tests/tui/events.sh tests/tui/walk.sh tests/tui/evtx.sh tests/tui/cases.sh tests/tui/locale.sh
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/lib.sh
dist_man_MANS += man/vsstriage.1
EXTRA_DIST += tests/fixtures/tui/vssadmin-writers.txt tests/fixtures/tui/events.txt tests/fixtures/tui/timeline.evd tests/fixtures/tui/vssadmin-writers-ja.txt

# make bench: a 10,000-line bracketed paste, timed in a real terminal.
BENCH_TARGETS += bench-tui-paste
EXTRA_DIST += tests/tui/bench-paste.sh
bench-tui-paste: vsstriage
	VS_SRCDIR='$(abs_top_srcdir)' VS_BUILDDIR='$(abs_top_builddir)' \
	    VSSTRIAGE='$(abs_top_builddir)/vsstriage' TMUX_BIN='$(TMUX)' \
	    VSSTRIAGE_KB='$(abs_top_srcdir)/kb' $(SHELL) $(srcdir)/tests/tui/bench-paste.sh
.PHONY: bench-tui-paste
