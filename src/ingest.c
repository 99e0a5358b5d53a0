/* ingest.c -- opens inputs and hands each to the module for its format. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest.h"
#include "xmalloc.h"

volatile sig_atomic_t ingest_abort_requested;

void
ingest_init(struct ingest *ing, record_cb cb, void *arg)
{
	memset(ing, 0, sizeof *ing);
	ing->on_record = cb;
	ing->arg = arg;
}

void
ingest_free(struct ingest *ing)
{
	for (size_t i = 0; i < ing->ninputs; i++)
		input_clear(&ing->inputs[i]);
	free(ing->inputs);
	ing->inputs = NULL;
	ing->ninputs = ing->cap_inputs = 0;
}

int
ingest_add_input(struct ingest *ing, const char *name)
{
	if (ing->ninputs == ing->cap_inputs) {
		ing->cap_inputs = ing->cap_inputs ? ing->cap_inputs * 2 : 8;
		ing->inputs = xreallocarray(ing->inputs, ing->cap_inputs,
		    sizeof *ing->inputs);
	}
	input_init(&ing->inputs[ing->ninputs], name);
	return (int)ing->ninputs++;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ingest_directory(struct ingest *ing, const char *path, char **cause)
{
	DIR *d = opendir(path);
	if (d == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);

	/* A file of the folder that cannot be read stays listed, with why,
	 * so that a report or the wizard can say so; the folder fails only
	 * when none of its files could be read. */
	int read_any = 0;
	char *first_cause = NULL;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char *c = NULL;
		/* Only regular files: no recursion into subfolders. */
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			size_t before = ing->ninputs;
			if (ingest_path(ing, names[i], &c) == 0)
				read_any = 1;
			else {
				if (ing->ninputs == before)
					ingest_add_input(ing, names[i]);
				struct vs_input *in = &ing->inputs[ing->ninputs - 1];
				free(in->unreadable);
				in->unreadable = xstrdup(c);
				if (first_cause == NULL)
					first_cause = c;
				else
					free(c);
			}
		}
		free(names[i]);
	}
	free(names);
	if (n == 0) {
		*cause = xasprintf("%s: the folder holds no files", path);
		return -1;
	}
	if (!read_any && first_cause != NULL) {
		*cause = first_cause;
		return -1;
	}
	free(first_cause);
	return 0;
}

/* Copies stdin to an unlinked file in $TMPDIR: libevtx needs a file, and
 * the text module reads files in bounded pieces. */
static int
stdin_to_file(const unsigned char *head, size_t hlen, char **cause)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/vsstriage-stdin-XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	int fd = mkstemp(tmpl);
	if (fd == -1) {
		*cause = xasprintf("-: cannot make a temporary file in %s: %s",
		    dir != NULL && *dir != '\0' ? dir : "/tmp", strerror(errno));
		free(tmpl);
		return -1;
	}
	unlink(tmpl);
	free(tmpl);
	char buf[65536];
	ssize_t n;
	if (write(fd, head, hlen) != (ssize_t)hlen)
		goto fail;
	while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0)
		if (write(fd, buf, (size_t)n) != n)
			goto fail;
	if (n < 0)
		goto fail;
	return fd;
fail:
	*cause = xasprintf("-: cannot copy standard input: %s", strerror(errno));
	close(fd);
	return -1;
}

int
ingest_path(struct ingest *ing, const char *path, char **cause)
{
	unsigned char head[8];
	ssize_t hlen;
	int fd, rc, input;

	*cause = NULL;
	if (strcmp(path, "-") == 0) {
		hlen = read(STDIN_FILENO, head, sizeof head);
		if (hlen < 0) {
			*cause = xasprintf("-: cannot read standard input: %s", strerror(errno));
			return -1;
		}
		if (evtx_has_signature(head, (size_t)hlen)) {
			fd = stdin_to_file(head, (size_t)hlen, cause);
			if (fd == -1)
				return -1;
			char proc[64];
			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
			input = ingest_add_input(ing, "-");
			rc = evtx_ingest_file(ing, input, proc, cause);
			close(fd);
			return rc;
		}
		/* Text: spooled to a temporary file too, so that the text
		 * module reads it in bounded pieces like any other file. */
		fd = stdin_to_file(head, (size_t)hlen, cause);
		if (fd == -1)
			return -1;
		lseek(fd, 0, SEEK_SET);
		input = ingest_add_input(ing, "-");
		rc = text_ingest_fd(ing, input, fd, cause);
		close(fd);
		return rc;
	}

	struct stat st;
	if (stat(path, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return ingest_directory(ing, path, cause);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	hlen = read(fd, head, sizeof head);
	if (hlen < 0) {
		*cause = xasprintf("%s: cannot read: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (hlen == 0 && S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: the file is empty", path);
		close(fd);
		return -1;
	}
	int is_evtx = evtx_has_signature(head, (size_t)hlen);
	size_t plen = strlen(path);
	if (!is_evtx && plen > 5 && strcasecmp(path + plen - 5, ".evtx") == 0) {
		*cause = xasprintf("%s: not an .evtx file (no \"ElfFile\" "
		    "signature at the start)", path);
		close(fd);
		return -1;
	}
	input = ingest_add_input(ing, path);
	ing->inputs[input].bytes = (uint64_t)st.st_size;
	if (is_evtx) {
		close(fd);
		return evtx_ingest_file(ing, input, path, cause);
	}
	lseek(fd, 0, SEEK_SET);
	rc = text_ingest_fd(ing, input, fd, cause);
	close(fd);
	return rc;
}

int
ingest_buffer(struct ingest *ing, const char *name, const char *data,
    size_t len, char **cause)
{
	*cause = NULL;
	int input = ingest_add_input(ing, name);
	ing->inputs[input].bytes = len;
	return text_ingest_buffer(ing, input, data, len, cause);
}
