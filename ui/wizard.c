/* placeholder */
#include "config.h"
#include <stdio.h>
#include "wizard.h"
int wizard_run(const struct options *o) { fputs("vsstriage: the wizard is not built yet\n", stderr); return 2; }
