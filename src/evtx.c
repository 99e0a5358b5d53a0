/* placeholder: replaced by the .evtx ingest module */
#include "config.h"
#include <string.h>
#include "ingest.h"
#include "xmalloc.h"
int evtx_has_signature(const unsigned char *h, size_t n) { return n >= 8 && memcmp(h, "ElfFile", 8) == 0; }
int evtx_ingest_file(struct ingest *ing, int input, const char *path, char **cause) { *cause = xasprintf("%s: .evtx reading is not built yet", path); return -1; }
