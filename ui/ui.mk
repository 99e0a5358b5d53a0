# the curses wizard
vsstriage_SOURCES += ui/wizard.c ui/wizard.h
