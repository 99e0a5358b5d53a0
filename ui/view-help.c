/* view-help.c -- the keys of the screen below, and those every screen
 * knows. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

struct help {
	const char		*name;
	const struct keyhelp	*keys;
};

static int
help_rows(int y, const struct keyhelp *k)
{
	struct buf b;

	buf_init(&b);
	for (; k != NULL && k->keys != NULL && y < LINES - 2; k++) {
		ui_printf(y, 2, 22, screen_attr(UA_KEY), "%s", k->keys);
		buf_reset(&b);
		ui_safe(&b, k->what, strlen(k->what));
		y += ui_put_wrapped(y, 25, COLS - 26, LINES - 2 - y, b.data,
		    b.len, A_NORMAL, SIZE_MAX, SIZE_MAX);
	}
	buf_free(&b);
	return y;
}

static void
help_draw(struct ui *ui, struct view *v)
{
	struct help *h = v->data;
	int y = 2;

	ui_frame("Help", h->name, "Esc q or any key: back");
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD), "Keys on the %s "
	    "screen", h->name);
	y = help_rows(y, h->keys);
	y++;
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD), "Everywhere");
	y = help_rows(y, ui_global_keys);
	if (y + 2 < LINES - 2) {
		y++;
		ui_printf(y++, 1, COLS - 2, A_NORMAL, "No function keys are "
		    "needed: every action has a plain key. See vsstriage(1).");
	}
	(void)ui;
}

static int
help_key(struct ui *ui, struct view *v, int key)
{
	(void)v;
	if (key == VK_PASTE)
		return 1;
	ui_pop(ui);
	return 1;
}

static void
help_free(struct view *v)
{
	free(v->data);
}

struct view *
view_help_create(const struct view *below)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct help *h = xcalloc(1, sizeof *h);

	h->name = below->name;
	h->keys = below->help;
	v->name = "Help";
	v->draw = help_draw;
	v->key = help_key;
	v->free = help_free;
	v->help = NULL;
	v->data = h;
	return v;
}
