/* placeholder */
#include "config.h"
#include <stdio.h>
#include "options.h"
int cmd_lookup(const struct options *o, const char *code) { fputs("vsstriage: --lookup is not built yet\n", stderr); return 2; }
