/* answers.c -- reads the --answers file. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "answers.h"
#include "buf.h"
#include "xmalloc.h"

/* An answers file is a few lines; anything this big is the wrong file. */
#define ANSWERS_MAX	(1024 * 1024)

static int
is_id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == ':' || c == '+';
}

static size_t
span_id(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && is_id_char((unsigned char)s[i]))
		i++;
	return i;
}

static size_t
span_blank(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

const struct answer *
answers_find(const struct answers *a, const char *node)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].node, node) == 0)
			return &a->v[i];
	return NULL;
}

/* One line without its newline: 0 (maybe adding an answer), or -1. */
static int
parse_line(struct answers *a, int lineno, const char *s, size_t len,
    char **cause)
{
	const char *hash = memchr(s, '#', len);
	if (hash != NULL)
		len = (size_t)(hash - s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			*cause = xasprintf("%s:%d: not a text line (control "
			    "character)", a->file, lineno);
			return -1;
		}
	}
	size_t i = span_blank(s, len);
	if (i == len)
		return 0;
	size_t nlen = span_id(s + i, len - i);
	const char *node = s + i;
	i += nlen;
	i += span_blank(s + i, len - i);
	if (nlen == 0 || i == len || s[i] != '=') {
		*cause = xasprintf("%s:%d: expected \"node-id = choice\"",
		    a->file, lineno);
		return -1;
	}
	i++;
	i += span_blank(s + i, len - i);
	const char *choice = s + i;
	size_t clen = span_id(s + i, len - i);
	if (clen == 0 || i + clen != len) {
		*cause = xasprintf("%s:%d: expected one choice after \"=\" "
		    "(such as yes or no)", a->file, lineno);
		return -1;
	}

	char *n = xstrndup(node, nlen);
	const struct answer *dup = answers_find(a, n);
	if (dup != NULL) {
		*cause = xasprintf("%s:%d: %s is answered twice (first at "
		    "line %d)", a->file, lineno, n, dup->line);
		free(n);
		return -1;
	}
	a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
	a->lines = xreallocarray(a->lines, a->n + 2, sizeof *a->lines);
	a->v[a->n].node = n;
	a->v[a->n].choice = xstrndup(choice, clen);
	a->v[a->n].line = lineno;
	a->lines[a->n] = xasprintf("%s=%s", n, a->v[a->n].choice);
	a->lines[a->n + 1] = NULL;
	a->n++;
	return 0;
}

int
answers_parse(struct answers *a, const char *name, const char *data,
    size_t len, char **cause)
{
	memset(a, 0, sizeof *a);
	a->file = xstrdup(name);
	*cause = NULL;

	/* A byte order mark from a Windows editor. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	int lineno = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - data) : len;
		if (parse_line(a, ++lineno, data + i, end - i, cause) == -1)
			return -1;
		i = end + 1;
	}
	return 0;
}

int
answers_load(struct answers *a, const char *path, char **cause)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int fd;

	memset(a, 0, sizeof *a);
	*cause = NULL;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)n > ANSWERS_MAX) {
			*cause = xasprintf("%s: too big for an answers file "
			    "(over %d KiB)", path, ANSWERS_MAX / 1024);
			break;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (n < 0)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	if (*cause != NULL) {
		buf_free(&b);
		return -1;
	}
	int rc = answers_parse(a, path, b.data != NULL ? b.data : "", b.len,
	    cause);
	buf_free(&b);
	return rc;
}

void
answers_free(struct answers *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].node);
		free(a->v[i].choice);
		free(a->lines[i]);
	}
	free(a->v);
	free(a->lines);
	free(a->file);
	memset(a, 0, sizeof *a);
}
