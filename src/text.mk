# text ingest and the code table
src_libvsscore_a_SOURCES += src/text.c src/codes.c
