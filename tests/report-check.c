/* report-check -- checks a report read from standard input (or FILE):
 *   report-check json [-p] [FILE]   one valid JSON text; -p lists the
 *                                   path and type of every value
 *   report-check text COLS [FILE]   no line wider than COLS display
 *                                   columns, no control characters
 * Exit 0 fine, 1 not, 2 unreadable or usage. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "report-json.h"
#include "reportfmt.h"

static int
check_text(const char *s, size_t len, size_t cols)
{
	size_t line = 1, i = 0;
	int rc = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - s) : len;
		size_t w = fmt_width(s + i, end - i);
		if (w > cols) {
			fprintf(stderr, "line %zu: %zu columns\n", line, w);
			rc = 1;
		}
		for (size_t k = i; k < end; k++) {
			unsigned char c = (unsigned char)s[k];
			if (c < 0x20 || c == 0x7f || (c == 0xc2 && k + 1 < end &&
			    (unsigned char)s[k + 1] < 0xa0) ||
			    utf8_seq_len((const unsigned char *)s + k, end - k) == 0) {
				fprintf(stderr, "line %zu: control character or "
				    "invalid UTF-8 at column %zu\n", line, k - i + 1);
				rc = 1;
				break;
			}
		}
		line++;
		i = end + 1;
	}
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: report-check json [-p] [FILE]\n"
	    "       report-check text COLS [FILE]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct buf b;
	char chunk[65536];
	size_t n, cols = 0;
	int paths = 0, json, rc;
	FILE *f = stdin;

	if (argc < 2)
		return usage();
	json = strcmp(argv[1], "json") == 0;
	if (!json && strcmp(argv[1], "text") != 0)
		return usage();
	argc -= 2;
	argv += 2;
	if (json && argc > 0 && strcmp(argv[0], "-p") == 0) {
		paths = 1;
		argc--;
		argv++;
	}
	if (!json) {
		if (argc < 1 || (cols = strtoul(argv[0], NULL, 10)) == 0)
			return usage();
		argc--;
		argv++;
	}
	if (argc > 0 && (f = fopen(argv[0], "rb")) == NULL) {
		perror(argv[0]);
		return 2;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	const char *s = b.data != NULL ? b.data : "";
	if (json) {
		struct json_check j;
		rc = json_check(&j, s, b.len, paths ? stdout : NULL) == -1;
		if (rc)
			fprintf(stderr, "invalid JSON at byte %zu: %s\n", j.pos,
			    j.error);
	} else
		rc = check_text(s, b.len, cols);
	buf_free(&b);
	return rc;
}
