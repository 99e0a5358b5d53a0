/* placeholder: replaced by the text ingest module */
#include "config.h"
#include "ingest.h"
#include "xmalloc.h"
int text_ingest_fd(struct ingest *ing, int input, int fd, char **cause) { *cause = xasprintf("%s: text reading is not built yet", ing->inputs[input].name); return -1; }
int text_ingest_buffer(struct ingest *ing, int input, const char *d, size_t n, char **cause) { *cause = xasprintf("text reading is not built yet"); return -1; }
