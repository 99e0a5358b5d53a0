/* view-lookup.c -- look up a code typed in any form: 0x800423F4,
 * 800423F4, 2147754996 or -2147212300. */
#include "config.h"
#include <curses.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "pending.h"
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

/* Reads a code in any of its usual forms; -1 if it is none. */
static int
parse_code(const char *s, uint32_t *out)
{
	char *end;
	int neg = 0, hex = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		hex = 1;
		s += 2;
	} else {
		/* Without 0x: hex when it has a letter, or when it is eight
		 * digits led by 8 or C as failure HRESULTs are. */
		size_t n = strspn(s, "0123456789abcdefABCDEF");
		if (strspn(s, "0123456789") < n)
			hex = 1;
		else if (n == 8 && !neg && (s[0] == '8' || s[0] == 'c' ||
		    s[0] == 'C'))
			hex = 1;
	}
	if (!isxdigit((unsigned char)*s))
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, hex ? 16 : 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0' || errno != 0)
		return -1;
	if (neg) {
		if (hex || v > 0x80000000ULL)
			return -1;
		*out = (uint32_t)(0x100000000ULL - v);
		return 0;
	}
	if (v > 0xffffffffULL)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* The code table, when this build has one. */
static void
lookup_table(uint32_t code, const char **name, const char **meaning)
{
	(void)code;
	*name = NULL;
	*meaning = NULL;
}

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
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD), "0x%08X", c);
	ui_printf(y++, 3, COLS - 4, A_NORMAL, "unsigned %u, signed %d", c,
	    (int32_t)c);
	ui_printf(y++, 3, COLS - 4, A_NORMAL, "severity %s, facility %u, "
	    "code %u (0x%04X)", (c & 0x80000000u) ? "failure" : "success",
	    (c >> 16) & 0x7ff, c & 0xffff, c & 0xffff);
	y++;
	const char *name = NULL, *meaning = NULL;
	if (s->an != NULL)
		for (size_t i = 0; i < analysis_ncodes(s->an); i++) {
			const struct code_seen *cs = analysis_code(s->an, i);
			if (cs->hresult == c) {
				name = cs->name;
				meaning = cs->meaning;
				break;
			}
		}
	if (name == NULL)
		lookup_table(c, &name, &meaning);
	if (name == NULL) {
		ui_printf(y++, 1, COLS - 2, screen_attr(UA_WARN), "Not in the "
		    "code table.");
		return;
	}
	ui_printf(y++, 1, COLS - 2, screen_attr(UA_OK), "%s", name);
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
		if (parse_code(l->e.text.data, &l->code) == -1) {
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
view_lookup_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct lookup *l = xcalloc(1, sizeof *l);

	edit_init(&l->e, "");
	v->name = "Code lookup";
	v->draw = lookup_draw;
	v->key = lookup_key;
	v->free = lookup_free;
	v->help = lookup_help;
	v->data = l;
	return v;
}
