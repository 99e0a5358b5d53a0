# .evtx ingest and --dump
src_libvsscore_a_SOURCES += src/evtx.c src/evtx.h src/dump.c
# evtx.c hands libevtx windows of the file through a libbfio memory
# range; libevtx.pc does not name libbfio, so it is added here.
CORE_LIBS += -lbfio

TESTS += tests/evtx-corpus.sh
EXTRA_DIST += tests/evtx-corpus.sh
