# KB loader, rules, walk and report
src_libvsscore_a_SOURCES += src/engine.c src/options.c src/options.h src/kb.h src/analysis.h src/walk.h src/report.h
