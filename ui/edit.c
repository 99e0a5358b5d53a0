/* edit.c -- one line of typed text (a path, a filter, a code), with Tab
 * completion of file names. */
#include "config.h"
#include <curses.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ui.h"
#include "xmalloc.h"

void
edit_init(struct edit *e, const char *s)
{
	buf_init(&e->text);
	edit_set(e, s);
}

void
edit_free(struct edit *e)
{
	buf_free(&e->text);
}

void
edit_set(struct edit *e, const char *s)
{
	buf_reset(&e->text);
	buf_adds(&e->text, s != NULL ? s : "");
	buf_cstr(&e->text);
	e->cursor = e->text.len;
}

static size_t
prev_char(const struct edit *e, size_t at)
{
	while (at > 0) {
		at--;
		if (((unsigned char)e->text.data[at] & 0xc0) != 0x80)
			break;
	}
	return at;
}

static size_t
next_char(const struct edit *e, size_t at)
{
	if (at < e->text.len)
		at++;
	while (at < e->text.len &&
	    ((unsigned char)e->text.data[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static void
edit_delete(struct edit *e, size_t from, size_t to)
{
	memmove(e->text.data + from, e->text.data + to, e->text.len - to);
	e->text.len -= to - from;
	e->text.data[e->text.len] = '\0';
	e->cursor = from;
}

static void
edit_insert(struct edit *e, const char *s, size_t n)
{
	struct buf nb;

	buf_init(&nb);
	buf_add(&nb, e->text.data, e->cursor);
	buf_add(&nb, s, n);
	buf_add(&nb, e->text.data + e->cursor, e->text.len - e->cursor);
	buf_free(&e->text);
	e->text = nb;
	e->cursor += n;
}

int
edit_key(struct edit *e, int key)
{
	char u[8];
	size_t n, len;
	const char *p;

	buf_cstr(&e->text);
	switch (key) {
	case VK_LEFT:
	case VK_CTRL('b'):
		e->cursor = prev_char(e, e->cursor);
		return 1;
	case VK_RIGHT:
	case VK_CTRL('f'):
		e->cursor = next_char(e, e->cursor);
		return 1;
	case VK_HOME:
	case VK_CTRL('a'):
		e->cursor = 0;
		return 1;
	case VK_END:
	case VK_CTRL('e'):
		e->cursor = e->text.len;
		return 1;
	case VK_BS:
		if (e->cursor > 0)
			edit_delete(e, prev_char(e, e->cursor), e->cursor);
		return 1;
	case VK_DELETE:
	case VK_CTRL('d'):
		if (e->cursor < e->text.len)
			edit_delete(e, e->cursor, next_char(e, e->cursor));
		return 1;
	case VK_CTRL('u'):
		edit_delete(e, 0, e->cursor);
		return 1;
	case VK_CTRL('k'):
		e->text.len = e->cursor;
		e->text.data[e->cursor] = '\0';
		return 1;
	case VK_CTRL('w'):
		n = e->cursor;
		while (n > 0 && e->text.data[n - 1] == ' ')
			n--;
		while (n > 0 && e->text.data[n - 1] != ' ' &&
		    e->text.data[n - 1] != '/')
			n--;
		if (n == e->cursor && n > 0)
			n--;
		edit_delete(e, n, e->cursor);
		return 1;
	case VK_PASTE:
		/* Into one line: the first line of what was pasted. */
		p = keys_paste(&len);
		n = 0;
		while (n < len && p[n] != '\n')
			n++;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return 1;	/* no control bytes in a line */
		edit_insert(e, p, n);
		return 1;
	}
	if (keys_is_text(key)) {
		n = keys_utf8(key, u);
		edit_insert(e, u, n);
		return 1;
	}
	return 0;
}

void
edit_draw(struct edit *e, int y, int x, int width)
{
	struct buf b;
	size_t start = 0;
	int cw;

	buf_cstr(&e->text);
	/* Scroll so the cursor shows. */
	for (;;) {
		cw = ui_width(e->text.data + start, e->cursor - start);
		if (cw < width - 1 || start >= e->cursor)
			break;
		start = next_char(e, start);
	}
	move(y, x);
	hline(' ', width);
	buf_init(&b);
	ui_safe(&b, e->text.data + start, e->cursor - start);
	int w = ui_put(y, x, width, b.data, b.len, screen_attr(UA_NORMAL));
	buf_reset(&b);
	if (e->cursor < e->text.len) {
		size_t nc = next_char(e, e->cursor);
		ui_safe(&b, e->text.data + e->cursor, nc - e->cursor);
		int cwid = ui_put(y, x + w, width - w, b.data, b.len,
		    screen_attr(UA_SELECT));
		buf_reset(&b);
		ui_safe(&b, e->text.data + nc, e->text.len - nc);
		ui_put(y, x + w + cwid, width - w - cwid, b.data, b.len,
		    A_NORMAL);
	} else if (w < width)
		ui_put(y, x + w, 1, " ", 1, screen_attr(UA_SELECT));
	buf_free(&b);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
edit_complete_path(struct edit *e, char ***list, size_t *nlist)
{
	char *word, *dir, *base, *slash, *prefix = NULL;
	const char *home;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, blen, plen = 0;
	int done = 0;

	*list = NULL;
	*nlist = 0;
	buf_cstr(&e->text);
	word = xstrndup(e->text.data, e->cursor);
	/* ~/ is the home directory. */
	if (word[0] == '~' && (word[1] == '/' || word[1] == '\0') &&
	    (home = getenv("HOME")) != NULL) {
		char *w = xasprintf("%s%s", home, word + 1);
		free(word);
		word = w;
	}
	slash = strrchr(word, '/');
	if (slash == NULL) {
		dir = xstrdup(".");
		base = word;
	} else {
		dir = slash == word ? xstrdup("/") : xstrndup(word, (size_t)(slash - word));
		base = slash + 1;
	}
	blen = strlen(base);
	d = opendir(dir);
	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (strncmp(de->d_name, base, blen) != 0)
				continue;
			if (de->d_name[0] == '.' && blen == 0)
				continue;	/* hidden unless asked for */
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				names = xreallocarray(names, cap, sizeof *names);
			}
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (n > 0) {
		qsort(names, n, sizeof *names, str_cmp);
		/* The longest prefix all candidates share. */
		prefix = xstrdup(names[0]);
		plen = strlen(prefix);
		for (size_t i = 1; i < n; i++) {
			size_t k = 0;
			while (k < plen && names[i][k] == prefix[k])
				k++;
			plen = k;
		}
		prefix[plen] = '\0';
		char *full;
		if (slash == NULL)
			full = xstrdup(prefix);
		else
			full = xasprintf("%.*s/%s", (int)(slash - word), word, prefix);
		if (n == 1) {
			struct stat st;
			char *tail = xstrdup(e->text.data + e->cursor);
			if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
				char *f2 = xasprintf("%s/", full);
				free(full);
				full = f2;
			}
			edit_set(e, full);
			size_t cur = e->text.len;
			buf_adds(&e->text, tail);
			e->cursor = cur;
			free(tail);
			done = 1;
		} else if (plen > blen) {
			char *tail = xstrdup(e->text.data + e->cursor);
			edit_set(e, full);
			size_t cur = e->text.len;
			buf_adds(&e->text, tail);
			e->cursor = cur;
			free(tail);
			done = 1;
		}
		free(full);
		if (n > 1) {
			*list = names;
			*nlist = n;
			names = NULL;
		}
	}
	if (names != NULL) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	}
	free(prefix);
	free(dir);
	free(word);
	return done;
}
