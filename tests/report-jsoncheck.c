/* report-jsoncheck -- checks that standard input (or FILE) is one valid
 * JSON text. With -p, lists the path and type of every value, for tests
 * of the report's JSON shape. Exit 0 valid, 1 invalid, 2 unreadable. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "report-json.h"

int
main(int argc, char **argv)
{
	struct json_check j;
	struct buf b;
	char chunk[65536];
	size_t n;
	int paths = 0;
	FILE *f = stdin;

	if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		paths = 1;
		argc--;
		argv++;
	}
	if (argc > 1 && (f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	int rc = json_check(&j, b.data != NULL ? b.data : "", b.len,
	    paths ? stdout : NULL);
	if (rc == -1)
		fprintf(stderr, "invalid JSON at byte %zu: %s\n", j.pos, j.error);
	buf_free(&b);
	return rc == -1 ? 1 : 0;
}
