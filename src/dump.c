/* placeholder */
#include "config.h"
#include <stdio.h>
#include "options.h"
int cmd_dump(const struct options *o) { fputs("vsstriage: --dump is not built yet\n", stderr); return 2; }
