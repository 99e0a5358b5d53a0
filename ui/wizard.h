/* wizard.h -- the curses wizard. */
#ifndef VS_WIZARD_H
#define VS_WIZARD_H
#include "options.h"

/* Runs the wizard on a terminal; returns the exit code. */
int	wizard_run(const struct options *);
#endif
