/* placeholder */
#include "config.h"
#include <stdio.h>
#include "options.h"
int cmd_check_kb(const struct options *o, const char *dir) { fputs("vsstriage: --check-kb is not built yet\n", stderr); return 2; }
