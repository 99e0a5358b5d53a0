# the report and --report
src_libvsscore_a_SOURCES += src/report.c src/report.h \
	src/reportfmt.c src/reportfmt.h \
	src/redact.c src/redact.h \
	src/answers.c src/answers.h

check_PROGRAMS += tests/unit/redact.t tests/unit/report-fmt.t \
	tests/unit/report-answers.t
tests_unit_redact_t_SOURCES = tests/unit/redact.c tests/tap.h
tests_unit_redact_t_LDADD = $(CORE_LIBS)
tests_unit_report_fmt_t_SOURCES = tests/unit/report-fmt.c tests/tap.h
tests_unit_report_fmt_t_LDADD = $(CORE_LIBS)
tests_unit_report_answers_t_SOURCES = tests/unit/report-answers.c tests/tap.h
tests_unit_report_answers_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/redact.t tests/unit/report-fmt.t \
	tests/unit/report-answers.t

check_PROGRAMS += tests/unit/report-json.t tests/report-check
tests_unit_report_json_t_SOURCES = tests/unit/report-json.c tests/report-json.h \
	tests/tap.h
tests_unit_report_json_t_LDADD = $(CORE_LIBS)
tests_report_check_SOURCES = tests/report-check.c tests/report-json.h
tests_report_check_LDADD = $(CORE_LIBS)
TESTS += tests/unit/report-json.t

check_PROGRAMS += tests/unit/report-write.t
tests_unit_report_write_t_SOURCES = tests/unit/report-write.c \
	tests/report-json.h tests/tap.h
tests_unit_report_write_t_LDADD = $(CORE_LIBS)
TESTS += tests/unit/report-write.t tests/report-cli.sh tests/report-golden.sh
EXTRA_DIST += tests/report-cli.sh tests/report-golden.sh $(REPORT_FIXTURES) \
	$(REPORT_GOLDENS)
REPORT_FIXTURES = \
	tests/fixtures/report/Application.txt \
	tests/fixtures/report/writers.txt \
	tests/fixtures/report/storage.txt \
	tests/fixtures/report/answers-yes.txt \
	tests/fixtures/report/answers-bad.txt \
	tests/fixtures/report/answers-unknown.txt \
	tests/fixtures/report/access.evd
REPORT_GOLDENS = \
	tests/golden/sql-open.txt tests/golden/sql-open.md \
	tests/golden/sql-open.json tests/golden/sql-verdict.txt \
	tests/golden/sql-verdict.md tests/golden/sql-verdict.json \
	tests/golden/sql-redact.txt tests/golden/sql-redact.json \
	tests/golden/storage-missing.txt tests/golden/storage-missing.json \
	tests/golden/access.txt tests/golden/access-redact.md \
	tests/golden/access.json
