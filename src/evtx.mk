# .evtx ingest and --dump
src_libvsscore_a_SOURCES += src/evtx.c src/dump.c
