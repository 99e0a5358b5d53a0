# the report and --report
src_libvsscore_a_SOURCES += src/report.c src/report.h
