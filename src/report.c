/* placeholder */
#include "config.h"
#include <stdio.h>
#include "options.h"
int cmd_report(const struct options *o) { fputs("vsstriage: --report is not built yet\n", stderr); return 2; }
