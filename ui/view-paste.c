/* view-paste.c -- take pasted text: a bracketed paste arrives whole;
 * without it the lines typed or pasted end at a line holding only "."
 * or at Ctrl-D. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

struct paste {
	struct buf	 text;		/* lines taken so far */
	size_t		 nlines;
	struct edit	 line;		/* the line being typed */
};

static const struct keyhelp paste_help[] = {
	{ "(paste)", "the terminal's paste arrives whole and is read at once" },
	{ "Enter", "end a line (without bracketed paste)" },
	{ ". then Enter", "a line holding only a dot ends the text" },
	{ "Ctrl-D", "end the text (on an empty line)" },
	{ "Esc", "back; what was typed is dropped" },
	{ NULL, NULL }
};

static void
paste_draw(struct ui *ui, struct view *v)
{
	struct paste *p = v->data;
	int y = 1, top;
	char right[48];

	snprintf(right, sizeof right, "%zu line%s", p->nlines,
	    p->nlines == 1 ? "" : "s");
	ui_frame("Paste text", right,
	    "paste now  . or Ctrl-D on its own line ends  Esc back  F1 help");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "Paste event log text, "
	    "vssadmin/diskshadow output or a DPM errlog now.");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "If the lines arrive one by one, "
	    "end with a line holding only \".\" or Ctrl-D.");
	ui_hline(y++);
	/* The last lines taken, as they will be read. */
	int rows = LINES - 3 - y;
	const char *d = p->text.data;
	size_t len = p->text.len, at = len;
	int k = 0;
	while (at > 0 && k < rows) {
		size_t e = at;
		if (e > 0 && d[e - 1] == '\n')
			e--;
		size_t b = e;
		while (b > 0 && d[b - 1] != '\n')
			b--;
		at = b;
		k++;
	}
	top = y;
	while (at < len && top < y + rows) {
		size_t e = at;
		while (e < len && d[e] != '\n')
			e++;
		struct buf b;
		buf_init(&b);
		ui_safe(&b, d + at, e - at);
		ui_put(top++, 1, COLS - 2, b.data, b.len, A_NORMAL);
		buf_free(&b);
		at = e < len ? e + 1 : e;
	}
	ui_printf(LINES - 3, 0, 2, screen_attr(UA_KEY), ">");
	edit_draw(&p->line, LINES - 3, 2, COLS - 3);
	(void)ui;
}

static void
paste_finish(struct ui *ui, const char *data, size_t len)
{
	if (len == 0) {
		ui_error("Nothing was pasted");
		ui_pop(ui);
		return;
	}
	char *copy = xstrndup(data, len);
	ui_pop(ui);	/* frees data */
	session_add_paste(&ui->s, copy, len, 1);
	free(copy);
}

static int
paste_key(struct ui *ui, struct view *v, int key)
{
	struct paste *p = v->data;
	const char *data;
	size_t len;

	switch (key) {
	case VK_ESC:
		ui_pop(ui);
		return 1;
	case VK_PASTE:
		data = keys_paste(&len);
		/* Lines typed first, then the block. */
		buf_add(&p->text, data, len);
		paste_finish(ui, p->text.data, p->text.len);
		return 1;
	case VK_CTRL('d'):
		if (p->line.text.len > 0)
			break;
		paste_finish(ui, p->text.data, p->text.len);
		return 1;
	case VK_ENTER:
		buf_cstr(&p->line.text);
		if (strcmp(p->line.text.data, ".") == 0) {
			paste_finish(ui, p->text.data, p->text.len);
			return 1;
		}
		buf_add(&p->text, p->line.text.data, p->line.text.len);
		buf_addc(&p->text, '\n');
		p->nlines++;
		edit_set(&p->line, "");
		return 1;
	case VK_TAB:
		edit_key(&p->line, ' ');
		return 1;
	}
	/* Every other key belongs to the line: '?' is text here. */
	if (edit_key(&p->line, key))
		return 1;
	return key != VK_F1;
}

static void
paste_free(struct view *v)
{
	struct paste *p = v->data;

	buf_free(&p->text);
	edit_free(&p->line);
	free(p);
}

struct view *
view_paste_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct paste *p = xcalloc(1, sizeof *p);

	buf_init(&p->text);
	edit_init(&p->line, "");
	v->name = "Paste";
	v->draw = paste_draw;
	v->key = paste_key;
	v->free = paste_free;
	v->help = paste_help;
	v->data = p;
	return v;
}
