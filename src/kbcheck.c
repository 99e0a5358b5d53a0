/* kbcheck.c -- vsstriage --check-kb: load a KB folder the way the
 * program does and list every problem as file:line: message. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "buf.h"
#include "kb.h"
#include "options.h"

int
cmd_check_kb(const struct options *o, const char *dir)
{
	struct kb_diag *d;
	size_t nd;
	struct stat st;
	struct buf b;

	/* st is only read when stat succeeded. */
	int r = stat(dir, &st);
	if (r == -1 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vsstriage: --check-kb: %s: %s\n", dir,
		    r == -1 ? strerror(errno) : "not a folder");
		return 2;
	}
	struct kb *kb = kb_load(dir, &d, &nd);
	buf_init(&b);
	for (size_t i = 0; i < nd; i++) {
		buf_reset(&b);
		buf_add_safe(&b, d[i].file, strlen(d[i].file), 0);
		if (d[i].line > 0)
			buf_printf(&b, ":%d", d[i].line);
		buf_adds(&b, ": ");
		buf_add_safe(&b, d[i].message, strlen(d[i].message), 0);
		fprintf(stderr, "%s\n", buf_cstr(&b));
	}
	buf_reset(&b);
	buf_add_safe(&b, dir, strlen(dir), 0);
	printf("%s: %zu tree%s loaded, %zu problem%s\n", buf_cstr(&b),
	    kb_ntrees(kb), kb_ntrees(kb) == 1 ? "" : "s", nd,
	    nd == 1 ? "" : "s");
	buf_free(&b);
	kb_diags_free(d, nd);
	kb_free(kb);
	return nd == 0 && kb != NULL ? 0 : 1;
}
