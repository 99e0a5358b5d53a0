/* view-verdict.c -- where the walk ends: what is wrong, the steps to
 * take (commands to run), the references; the report from here. */
#include "config.h"
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

struct verdict {
	int	 top;		/* first row shown */
	int	 rows;		/* rows at the last draw */
};

static const struct keyhelp verdict_help[] = {
	{ "Up Down PgUp PgDn", "scroll" },
	{ "r", "the report: preview, then save as text, markdown or JSON" },
	{ "b Backspace", "back: take the last answer back" },
	{ "e", "the records behind the evidence, on the timeline" },
	{ "s Esc", "the start screen" },
	{ NULL, NULL }
};

struct vline {
	struct buf	 text;
	int		 attr;
	int		 indent;
};

static void
vadd(struct vline **l, size_t *n, int attr, int indent, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
vadd(struct vline **l, size_t *n, int attr, int indent, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	*l = xreallocarray(*l, *n + 1, sizeof **l);
	buf_init(&(*l)[*n].text);
	if (s != NULL)
		ui_safe(&(*l)[*n].text, s, strlen(s));
	buf_cstr(&(*l)[*n].text);
	(*l)[*n].attr = attr;
	(*l)[*n].indent = indent;
	(*n)++;
	free(s);
}

static void
verdict_draw(struct ui *ui, struct view *v)
{
	struct verdict *vd = v->data;
	struct session *s = &ui->s;
	const struct walk_node *n = s->walk != NULL ? walk_current(s->walk) :
	    NULL;
	struct vline *l = NULL;
	size_t nl = 0;
	int y = 3, skip, total = 0;

	if (n == NULL || n->kind != WALK_VERDICT) {
		ui_frame("Verdict", NULL, "Esc start screen");
		ui_printf(2, 1, COLS - 2, A_NORMAL, "No verdict yet.");
		return;
	}
	ui_frame("Verdict", n->id, "r report  b back  e evidence  "
	    "s start  Up Down scroll  ? help");
	ui_draw_breadcrumb(s, 1);
	vadd(&l, &nl, screen_attr(UA_HEAD) & ~A_UNDERLINE, 0, "%s", n->text);
	if (n->detail != NULL)
		vadd(&l, &nl, A_NORMAL, 0, "%s", n->detail);
	if (n->nsteps > 0) {
		vadd(&l, &nl, A_NORMAL, 0, "%s", "");
		vadd(&l, &nl, screen_attr(UA_HEAD), 0, "What to do");
		for (size_t i = 0; i < n->nsteps; i++)
			vadd(&l, &nl, A_NORMAL, 4, "%2zu. %s", i + 1, n->steps[i]);
	}
	if (n->nrefs > 0) {
		vadd(&l, &nl, A_NORMAL, 0, "%s", "");
		vadd(&l, &nl, screen_attr(UA_HEAD), 0, "References");
		for (size_t i = 0; i < n->nrefs; i++)
			vadd(&l, &nl, A_NORMAL, 2, "  %s", n->refs[i]);
	}
	skip = vd->top;
	for (size_t i = 0; i < nl; i++) {
		size_t at = 0, next;
		int first = 1;
		do {
			int x = 1 + (first ? 0 : l[i].indent);
			size_t len = ui_wrap(l[i].text.data + at,
			    l[i].text.len - at, COLS - x - 1, &next);
			if (skip > 0)
				skip--;
			else if (y < LINES - 2)
				ui_put(y++, x, COLS - x - 1, l[i].text.data + at,
				    len, l[i].attr);
			total++;
			at += next;
			first = 0;
		} while (at < l[i].text.len);
		buf_free(&l[i].text);
	}
	free(l);
	vd->rows = total;
}

static int
verdict_key(struct ui *ui, struct view *v, int key)
{
	struct verdict *vd = v->data;
	struct session *s = &ui->s;
	int page = LINES - 6;
	const struct walk_node *n = s->walk != NULL ? walk_current(s->walk) :
	    NULL;

	switch (key) {
	case VK_UP:
	case 'k':
		if (vd->top > 0)
			vd->top--;
		return 1;
	case VK_DOWN:
	case 'j':
		if (vd->top + 1 < vd->rows)
			vd->top++;
		return 1;
	case VK_PGUP:
		vd->top = vd->top > page ? vd->top - page : 0;
		return 1;
	case VK_PGDN:
	case ' ':
		if (vd->top + page < vd->rows)
			vd->top += page;
		return 1;
	case 'r':
	case VK_ENTER:
		ui_push(ui, view_report_create(&ui->s));
		return 1;
	case 'b':
	case VK_BS:
		if (session_back(s) == 0)
			ui_open_walk(ui);
		return 1;
	case 'e':
		if (n == NULL || n->nevidence == 0) {
			ui_error("No records behind this verdict");
			return 1;
		}
		ui_push(ui, view_events_create(s, n->evidence, n->nevidence));
		return 1;
	case 's':
	case 'q':
	case VK_ESC:
		ui_pop_to_start(ui);
		return 1;
	}
	return 0;
}

static void
verdict_free(struct view *v)
{
	free(v->data);
}

struct view *
view_verdict_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->name = "Verdict";
	v->draw = verdict_draw;
	v->key = verdict_key;
	v->free = verdict_free;
	v->help = verdict_help;
	v->data = xcalloc(1, sizeof(struct verdict));
	return v;
}
