/* view-lookup.c -- look up a code typed in any form: 0x800423F4,
 * 800423F4, 2147754996 or -2147212300. */
#include "config.h"
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "codes.h"
#include "ui.h"
#include "xmalloc.h"

struct lookup {
	struct edit	 e;
	int		 shown;		/* a result is on screen */
	uint32_t	 code;
	char		*problem;
};

static const struct keyhelp lookup_help[] = {
	{ "Enter", "look the code up" },
	{ "(typing)", "hex with or without 0x, or a decimal, signed or not" },
	{ "Ctrl-U", "clear the line" },
	{ "Esc", "back" },
	{ NULL, NULL }
};

static void
lookup_draw(struct ui *ui, struct view *v)
{
	struct lookup *l = v->data;
	struct session *s = &ui->s;
	int y = 2;

	ui_frame("Code lookup", NULL, "Enter look up  Ctrl-U clear  Esc back  "
	    "F1 help");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "An HRESULT or Win32 code as the "
	    "log shows it: 0x800423F4, 800423F4,");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "2147754996 or -2147212300.");
	y++;
	int w = ui_printf(y, 1, 6, screen_attr(UA_KEY), "Code:");
	edit_draw(&l->e, y, w + 2, 30);
	y += 2;
	if (l->problem != NULL) {
		ui_printf(y++, 1, COLS - 2, screen_attr(UA_ERROR), "%s",
		    l->problem);
		return;
	}
	if (!l->shown)
		return;
	uint32_t c = l->code;
	char desc[256];
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD), "0x%08X", c);
	ui_printf(y++, 3, COLS - 4, A_NORMAL, "unsigned %u, signed %d", c,
	    (int32_t)c);
	codes_describe(c, desc, sizeof desc);
	struct buf d;
	buf_init(&d);
	ui_safe(&d, desc, strlen(desc));
	y += ui_put_wrapped(y, 3, COLS - 4, 3, d.data, d.len, A_NORMAL,
	    SIZE_MAX, SIZE_MAX);
	buf_free(&d);
	y++;
	const char *name = NULL, *meaning = NULL, *source = NULL;
	const struct code_info *ci = codes_find(c);
	if (ci != NULL) {
		name = ci->name;
		meaning = ci->meaning;
		source = ci->source;
	} else if (s->an != NULL)
		/* The KB may name a code the table lacks. */
		for (size_t i = 0; i < analysis_ncodes(s->an); i++) {
			const struct code_seen *cs = analysis_code(s->an, i);
			if (cs->hresult == c) {
				name = cs->name;
				meaning = cs->meaning;
				break;
			}
		}
	if (name == NULL) {
		ui_printf(y++, 1, COLS - 2, screen_attr(UA_WARN), "Not in the "
		    "code table.");
		return;
	}
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_OK), "%s%s%s%s", name,
	    source != NULL ? " (" : "", source != NULL ? source : "",
	    source != NULL ? ")" : "");
	if (meaning != NULL) {
		struct buf b;
		buf_init(&b);
		ui_safe(&b, meaning, strlen(meaning));
		ui_put_wrapped(y, 3, COLS - 4, LINES - 3 - y, b.data, b.len,
		    A_NORMAL, SIZE_MAX, SIZE_MAX);
		buf_free(&b);
	}
}

static int
lookup_key(struct ui *ui, struct view *v, int key)
{
	struct lookup *l = v->data;

	switch (key) {
	case VK_ESC:
		ui_pop(ui);
		return 1;
	case VK_ENTER:
		free(l->problem);
		l->problem = NULL;
		buf_cstr(&l->e.text);
		if (codes_parse(l->e.text.data, &l->code) != 0) {
			l->problem = xasprintf("\"%s\" is not a code: hex "
			    "(0x800423F4) or decimal (-2147212300)",
			    l->e.text.data);
			l->shown = 0;
		} else
			l->shown = 1;
		return 1;
	}
	if (edit_key(&l->e, key))
		return 1;
	return key != VK_F1;
}

static void
lookup_free(struct view *v)
{
	struct lookup *l = v->data;

	edit_free(&l->e);
	free(l->problem);
	free(l);
}

struct view *
view_lookup_create(struct session *s)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct lookup *l = xcalloc(1, sizeof *l);

	edit_init(&l->e, "");
	session_load_codes(s);
	v->name = "Code lookup";
	v->draw = lookup_draw;
	v->key = lookup_key;
	v->free = lookup_free;
	v->help = lookup_help;
	v->data = l;
	return v;
}
