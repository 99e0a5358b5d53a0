# KB loader, rules (analysis) and walk
src_libvsscore_a_SOURCES += src/kb.c src/kb.h src/analysis.h src/walk.h
