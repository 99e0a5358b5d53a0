/* view-report.c -- the report for the ticket: a preview in the chosen
 * format, then saved to a file as text, markdown or JSON, redacted when
 * asked. */
#include "config.h"
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "ui.h"
#include "xmalloc.h"

struct report {
	enum out_format	 format;
	int		 redact;
	char		*text;		/* the preview */
	size_t		 len;
	size_t		*lines;		/* line starts */
	size_t		 nlines;
	size_t		 top;
	int		 saving;
	struct edit	 edit;
};

static const struct keyhelp report_help[] = {
	{ "Up Down PgUp PgDn", "scroll (also j k Space)" },
	{ "t m j", "text, markdown or JSON" },
	{ "x", "redaction on or off: names, domains, users, IPs and SIDs" },
	{ "s", "save to a file (the name is asked; Tab completes)" },
	{ "Esc q", "back" },
	{ NULL, NULL }
};

static const char *
format_name(enum out_format f)
{
	switch (f) {
	case OUT_MARKDOWN:
		return "markdown";
	case OUT_JSON:
		return "json";
	default:
		return "text";
	}
}

static const char *
format_ext(enum out_format f)
{
	switch (f) {
	case OUT_MARKDOWN:
		return "md";
	case OUT_JSON:
		return "json";
	default:
		return "txt";
	}
}

/* The report into memory; NULL and *cause when it cannot be made. */
static char *
report_make(struct session *s, enum out_format f, int redact, size_t *len,
    char **cause)
{
	char *data = NULL;
	FILE *mf;

	mf = open_memstream(&data, len);
	if (mf == NULL) {
		*cause = xasprintf("cannot make the report: %s", strerror(errno));
		return NULL;
	}
	struct report_args a;
	size_t nc;
	const char **computers = session_computers(s, &nc);
	memset(&a, 0, sizeof a);
	a.format = f;
	a.redact = redact;
	a.ing = &s->ing;
	a.an = s->an;
	a.walk = s->walk;
	a.kb = s->kb;
	a.unreadable = session_unreadable(s);
	a.computers = computers;
	a.ncomputers = nc;
	int rc = report_write_args(mf, &a);
	free(computers);
	if (rc != 0) {
		fclose(mf);
		free(data);
		*cause = xstrdup("the report could not be written");
		return NULL;
	}
	fclose(mf);
	return data;
}

static void
report_refresh(struct session *s, struct report *r)
{
	char *cause = NULL;

	free(r->text);
	free(r->lines);
	r->lines = NULL;
	r->nlines = 0;
	r->top = 0;
	r->text = report_make(s, r->format, r->redact, &r->len, &cause);
	if (r->text == NULL) {
		r->text = cause;
		r->len = strlen(cause);
	}
	for (size_t i = 0; i <= r->len; i++)
		if (i == 0 || r->text[i - 1] == '\n') {
			if (i == r->len && i > 0)
				break;
			r->lines = xreallocarray(r->lines, r->nlines + 1,
			    sizeof *r->lines);
			r->lines[r->nlines++] = i;
		}
}

static void
report_draw(struct ui *ui, struct view *v)
{
	struct report *r = v->data;
	char right[64];
	int rows = LINES - 3;
	struct buf b;

	snprintf(right, sizeof right, "%s%s  %zu/%zu", format_name(r->format),
	    r->redact ? ", redacted" : "", r->nlines > 0 ? r->top + 1 : 0,
	    r->nlines);
	ui_frame("Report", right, "s save  t text  m markdown  j json  "
	    "x redact  Esc back  ? help");
	buf_init(&b);
	for (int k = 0; k < rows && r->top + (size_t)k < r->nlines; k++) {
		size_t a = r->lines[r->top + (size_t)k], e = a;
		while (e < r->len && r->text[e] != '\n')
			e++;
		buf_reset(&b);
		ui_safe(&b, r->text + a, e - a);
		ui_put(1 + k, 0, COLS, b.data, b.len, A_NORMAL);
	}
	buf_free(&b);
	if (r->saving) {
		ui_clear_line(LINES - 2);
		int w = ui_printf(LINES - 2, 0, COLS, screen_attr(UA_KEY),
		    "Save as:");
		edit_draw(&r->edit, LINES - 2, w + 1, COLS - w - 2);
	}
	(void)ui;
}

static void
report_save(struct session *s, struct report *r, const char *path)
{
	char *data, *cause = NULL;
	size_t len;

	data = report_make(s, r->format, r->redact, &len, &cause);
	if (data == NULL) {
		ui_error("%s", cause);
		free(cause);
		return;
	}
	if (state_write_atomic(path, data, len, &cause) == -1) {
		ui_error("Not saved: %s", cause);
		free(cause);
	} else
		ui_message("Saved the %s report%s to %s", format_name(r->format),
		    r->redact ? " (redacted)" : "", path);
	free(data);
}

static int
report_key(struct ui *ui, struct view *v, int key)
{
	struct report *r = v->data;
	size_t page = (size_t)(LINES - 4);

	if (r->saving) {
		char **list;
		size_t n;
		switch (key) {
		case VK_ESC:
			r->saving = 0;
			return 1;
		case VK_TAB:
			edit_complete_path(&r->edit, &list, &n);
			for (size_t i = 0; i < n; i++)
				free(list[i]);
			free(list);
			return 1;
		case VK_ENTER:
			buf_cstr(&r->edit.text);
			if (r->edit.text.len == 0)
				return 1;
			if (r->edit.text.data[0] == '~' &&
			    r->edit.text.data[1] == '/' && getenv("HOME") != NULL) {
				char *p = xasprintf("%s%s", getenv("HOME"),
				    r->edit.text.data + 1);
				report_save(&ui->s, r, p);
				free(p);
			} else
				report_save(&ui->s, r, r->edit.text.data);
			r->saving = 0;
			return 1;
		}
		edit_key(&r->edit, key);
		return 1;
	}
	switch (key) {
	case VK_ESC:
	case 'q':
	case VK_BS:
		ui_pop(ui);
		return 1;
	case VK_UP:
	case 'k':
		if (r->top > 0)
			r->top--;
		return 1;
	case VK_DOWN:
	case 'J':
		if (r->top + 1 < r->nlines)
			r->top++;
		return 1;
	case VK_PGUP:
	case 'b':
		r->top = r->top > page ? r->top - page : 0;
		return 1;
	case VK_PGDN:
	case ' ':
		if (r->top + page < r->nlines)
			r->top += page;
		return 1;
	case VK_HOME:
	case 'g':
		r->top = 0;
		return 1;
	case 't':
		r->format = OUT_TEXT;
		report_refresh(&ui->s, r);
		return 1;
	case 'm':
		r->format = OUT_MARKDOWN;
		report_refresh(&ui->s, r);
		return 1;
	case 'j':
		r->format = OUT_JSON;
		report_refresh(&ui->s, r);
		return 1;
	case 'x':
		r->redact = !r->redact;
		report_refresh(&ui->s, r);
		return 1;
	case 's': {
		char *name = xasprintf("vsstriage-report%s.%s",
		    r->redact ? "-redacted" : "", format_ext(r->format));
		edit_set(&r->edit, name);
		free(name);
		r->saving = 1;
		return 1;
	}
	}
	return 0;
}

static void
report_free(struct view *v)
{
	struct report *r = v->data;

	free(r->text);
	free(r->lines);
	edit_free(&r->edit);
	free(r);
}

struct view *
view_report_create(struct session *s)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct report *r = xcalloc(1, sizeof *r);

	r->format = s->opts->format_set && s->opts->format != OUT_JSONL ?
	    s->opts->format : OUT_TEXT;
	r->redact = s->opts->redact;
	edit_init(&r->edit, "");
	report_refresh(s, r);
	v->name = "Report";
	v->draw = report_draw;
	v->key = report_key;
	v->free = report_free;
	v->help = report_help;
	v->data = r;
	return v;
}
