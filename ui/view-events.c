/* view-events.c -- every record on one timeline across inputs and
 * computers: filter by provider, event id, level and text, search with
 * / and n/N, and open a record to see all of it. Opened from evidence,
 * the records behind it are marked and the first is chosen. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pattern.h"
#include "ui.h"
#include "xmalloc.h"

struct mark {
	long		 rec;		/* index in the session's records */
	char		*field;
	size_t		 start, end;
};

enum prompt { PROMPT_NONE, PROMPT_FILTER, PROMPT_SEARCH };

struct events {
	size_t		*rows;		/* records shown, by index */
	size_t		 nrows;
	size_t		 cur;		/* row chosen */
	size_t		 top;		/* first row on screen */
	struct mark	*marks;
	size_t		 nmarks;
	int		 marked_only;

	/* Filter. */
	char		*f_provider;
	long		 f_id;		/* -1: any */
	int		 f_level;	/* 0 any, else at most this level */
	struct pattern	*f_text;
	char		*f_spec;	/* as typed */
	struct pattern	*search;

	enum prompt	 prompt;
	struct edit	 edit;

	int		 detail;	/* showing one record */
	int		 dtop;		/* its first row */
	int		 drows;		/* its rows at the last draw */
	struct buf	 scratch;
	struct buf	 text;
};

static const struct keyhelp events_help[] = {
	{ "Up Down PgUp PgDn", "move (also j k, Space, b in the list)" },
	{ "Home End g G", "first and last record" },
	{ "Enter", "the whole record (Esc goes back to the list)" },
	{ "/", "search (PCRE2, any case); n next, N before" },
	{ "f", "filter: provider=NAME id=N level=error|warning|info text" },
	{ "v", "levels shown: all, errors and warnings, errors only" },
	{ "m", "only the records behind the evidence (when opened from it)" },
	{ "x", "clear the filter" },
	{ "Esc q", "back" },
	{ NULL, NULL }
};

static const char *
level_letter(int level)
{
	switch (level) {
	case VS_LEVEL_CRITICAL: return "C";
	case VS_LEVEL_ERROR: return "E";
	case VS_LEVEL_WARNING: return "W";
	case VS_LEVEL_INFO: return "I";
	case VS_LEVEL_VERBOSE: return "V";
	}
	return "-";
}

static struct mark *
mark_of(struct events *ev, size_t rec)
{
	for (size_t i = 0; i < ev->nmarks; i++)
		if (ev->marks[i].rec == (long)rec)
			return &ev->marks[i];
	return NULL;
}

/* What the text filter and the search look at. */
static const char *
search_text(struct events *ev, const struct vs_record *r, size_t *len)
{
	struct buf *b = &ev->text;
	size_t tl;
	const char *t;

	buf_reset(b);
	if (r->provider != NULL)
		buf_printf(b, "%s ", r->provider);
	if (r->event_id != 0)
		buf_printf(b, "%u ", (unsigned)r->event_id);
	if (r->computer != NULL)
		buf_printf(b, "%s ", r->computer);
	t = ui_record_text(r, &tl, &ev->scratch);
	buf_add(b, t, tl);
	buf_cstr(b);
	*len = b->len;
	return b->data;
}

static int
record_passes(struct events *ev, size_t i, const struct vs_record *r)
{
	if (ev->marked_only && mark_of(ev, i) == NULL)
		return 0;
	if (ev->f_provider != NULL && (r->provider == NULL ||
	    strcasestr(r->provider, ev->f_provider) == NULL))
		return 0;
	if (ev->f_id >= 0 && (long)r->event_id != ev->f_id)
		return 0;
	if (ev->f_level > 0 && (r->level == VS_LEVEL_NONE ||
	    r->level > ev->f_level))
		return 0;
	if (ev->f_text != NULL) {
		size_t len;
		const char *t = search_text(ev, r, &len);
		if (pattern_match(ev->f_text, t, len, 0) != 1)
			return 0;
	}
	return 1;
}

static void
events_refilter(struct session *s, struct events *ev)
{
	size_t keep = ev->nrows > 0 ? ev->rows[ev->cur] : 0;
	int had = ev->nrows > 0;

	session_sort(s);
	free(ev->rows);
	ev->rows = xcalloc(s->nrecs, sizeof *ev->rows);
	ev->nrows = 0;
	ev->cur = 0;
	for (size_t i = 0; i < s->nrecs; i++) {
		if (!record_passes(ev, i, s->recs[i]))
			continue;
		/* Stay on the record chosen before, or the one after it. */
		if (had && i <= keep)
			ev->cur = ev->nrows;
		ev->rows[ev->nrows++] = i;
	}
	ev->top = 0;
}

static void
describe_filter(struct events *ev, struct buf *b)
{
	if (ev->marked_only)
		buf_adds(b, "evidence only  ");
	if (ev->f_level == VS_LEVEL_WARNING)
		buf_adds(b, "errors+warnings  ");
	else if (ev->f_level == VS_LEVEL_ERROR)
		buf_adds(b, "errors  ");
	if (ev->f_spec != NULL && ev->f_spec[0] != '\0')
		buf_printf(b, "filter: %s", ev->f_spec);
}

static void
draw_list(struct ui *ui, struct events *ev)
{
	struct session *s = &ui->s;
	int y = 2, rows = LINES - 4;
	char when[40];
	struct buf line, safe;

	ui_printf(1, 0, COLS, screen_attr(UA_HEAD),
	    "  %-20s L %-16s %5s  %s", "Time", "Provider", "Id", "Message");
	if (ev->nrows == 0) {
		ui_printf(3, 2, COLS - 4, A_NORMAL, s->nrecs == 0 ?
		    "No records yet: o on the start screen opens logs, p "
		    "pastes them." : "No record passes the filter (x clears "
		    "it).");
		return;
	}
	if (ev->cur < ev->top)
		ev->top = ev->cur;
	if (ev->cur >= ev->top + (size_t)rows)
		ev->top = ev->cur - (size_t)rows + 1;
	buf_init(&line);
	buf_init(&safe);
	for (int k = 0; k < rows && ev->top + (size_t)k < ev->nrows; k++) {
		size_t ri = ev->rows[ev->top + (size_t)k];
		const struct vs_record *r = s->recs[ri];
		int sel = ev->top + (size_t)k == ev->cur;
		int a = sel ? screen_attr(UA_SELECT) : (int)A_NORMAL;
		size_t tl;
		const char *t;

		ui_record_time(r, when, sizeof when);
		buf_reset(&line);
		buf_printf(&line, "%c %-20.20s %s %-16.16s ",
		    mark_of(ev, ri) != NULL ? '*' : ' ', when,
		    level_letter(r->level), r->provider != NULL ? r->provider :
		    record_kind_name(r->kind));
		if (r->event_id != 0)
			buf_printf(&line, "%5u  ", (unsigned)r->event_id);
		else
			buf_adds(&line, "       ");
		t = ui_record_text(r, &tl, &ev->scratch);
		buf_add(&line, t, tl);
		buf_reset(&safe);
		ui_safe(&safe, line.data, line.len);
		if (sel) {
			move(y + k, 0);
			attrset(a);
			hline(' ', COLS);
			attrset(A_NORMAL);
		}
		if (r->level <= VS_LEVEL_ERROR && r->level != VS_LEVEL_NONE && !sel)
			a = screen_attr(UA_ERROR) & ~A_BOLD;
		ui_put(y + k, 0, COLS, safe.data, safe.len, a);
	}
	buf_free(&line);
	buf_free(&safe);
}

struct dline {
	struct buf	 text;	/* safe */
	int		 attr;
	size_t		 hs, he;
	int		 indent;
};

static void
dline_add(struct dline **d, size_t *n, int attr, int indent, const char *s,
    size_t len, size_t hs, size_t he)
{
	struct dline *l;

	*d = xreallocarray(*d, *n + 1, sizeof **d);
	l = &(*d)[(*n)++];
	buf_init(&l->text);
	l->attr = attr;
	l->indent = indent;
	ui_safe_hl(&l->text, s, len, hs, he, &l->hs, &l->he);
	buf_cstr(&l->text);
}

static void
dline_addf(struct dline **d, size_t *n, int attr, const char *label,
    const char *value, const struct mark *m, const char *field)
{
	char *s = xasprintf("%-12s %s", label, value != NULL ? value : "");
	size_t off = strlen(s) - (value != NULL ? strlen(value) : 0);
	size_t hs = SIZE_MAX, he = SIZE_MAX;

	if (m != NULL && field != NULL && strcmp(m->field, field) == 0) {
		hs = off + m->start;
		he = off + m->end;
	}
	dline_add(d, n, attr, 13, s, strlen(s), hs, he);
	free(s);
}

static void
draw_detail(struct ui *ui, struct events *ev)
{
	struct session *s = &ui->s;
	size_t ri = ev->rows[ev->cur];
	const struct vs_record *r = s->recs[ri];
	const struct mark *m = mark_of(ev, ri);
	struct dline *d = NULL;
	size_t n = 0;
	char tmp[96], name[32];
	int y = 1, rows = LINES - 3, skip;

	dline_addf(&d, &n, A_NORMAL, "Input", session_input_name(s, r->input),
	    NULL, NULL);
	record_format_locator(r, tmp, sizeof tmp);
	dline_addf(&d, &n, A_NORMAL, "Where", tmp, NULL, NULL);
	if (r->time != VS_NO_TIME) {
		char t[64];
		record_format_time(r->time, r->tz, t, sizeof t);
		snprintf(tmp, sizeof tmp, "%s%s", t, r->tz == VS_TZ_UTC ?
		    " (UTC)" : " (local time of an unknown zone)");
	} else
		snprintf(tmp, sizeof tmp, "none");
	dline_addf(&d, &n, A_NORMAL, "Time", tmp, NULL, NULL);
	dline_addf(&d, &n, A_NORMAL, "Kind", record_kind_name(r->kind), NULL,
	    NULL);
	if (r->channel != NULL)
		dline_addf(&d, &n, A_NORMAL, "Channel", r->channel, m, "channel");
	if (r->provider != NULL)
		dline_addf(&d, &n, A_NORMAL, "Provider", r->provider, m,
		    "provider");
	if (r->event_id != 0) {
		snprintf(tmp, sizeof tmp, "%u", (unsigned)r->event_id);
		dline_addf(&d, &n, A_NORMAL, "Event id", tmp, NULL, NULL);
	}
	if (r->level != VS_LEVEL_NONE)
		dline_addf(&d, &n, A_NORMAL, "Level", record_level_name(r->level),
		    NULL, NULL);
	if (r->computer != NULL)
		dline_addf(&d, &n, A_NORMAL, "Computer", r->computer, m,
		    "computer");
	if (r->user_sid != NULL)
		dline_addf(&d, &n, A_NORMAL, "User", r->user_sid, m, "user");
	for (size_t i = 0; i < r->nstrings; i++) {
		snprintf(tmp, sizeof tmp, "String %zu", i + 1);
		snprintf(name, sizeof name, "string%zu", i + 1);
		dline_addf(&d, &n, A_NORMAL, tmp, r->strings[i], m, name);
	}
	for (size_t i = 0; i < r->nfields; i++)
		dline_addf(&d, &n, A_NORMAL, r->fields[i].name,
		    r->fields[i].value, m, r->fields[i].name);
	if (r->message != NULL) {
		dline_add(&d, &n, screen_attr(UA_HEAD), 0, "Message", 7,
		    SIZE_MAX, SIZE_MAX);
		size_t hs = SIZE_MAX, he = SIZE_MAX;
		if (m != NULL && strcmp(m->field, "message") == 0) {
			hs = m->start;
			he = m->end;
		}
		/* One line per line of the message. */
		const char *p = r->message;
		size_t off = 0, len = strlen(p);
		while (off <= len) {
			size_t e = off;
			while (e < len && p[e] != '\n')
				e++;
			size_t lhs = hs > off ? hs - off : 0, lhe = he > off ?
			    he - off : 0;
			if (hs == SIZE_MAX)
				lhs = lhe = SIZE_MAX;
			dline_add(&d, &n, A_NORMAL, 2, p + off, e - off, lhs, lhe);
			off = e + 1;
		}
	}
	if (r->source_text != NULL && (r->message == NULL ||
	    strcmp(r->source_text, r->message) != 0)) {
		dline_add(&d, &n, screen_attr(UA_HEAD), 0, "As read", 7,
		    SIZE_MAX, SIZE_MAX);
		const char *p = r->source_text;
		size_t off = 0, len = strlen(p);
		while (off < len) {
			size_t e = off;
			while (e < len && p[e] != '\n')
				e++;
			dline_add(&d, &n, A_NORMAL, 2, p + off, e - off,
			    SIZE_MAX, SIZE_MAX);
			off = e + 1;
		}
	}

	/* Wrapped, scrolled by rows. */
	skip = ev->dtop;
	int total = 0;
	for (size_t i = 0; i < n; i++) {
		struct dline *l = &d[i];
		size_t at = 0, next;
		int first = 1;
		do {
			int ind = first ? 0 : l->indent;
			int x = first && l->indent == 2 ? 2 : ind;
			size_t len = ui_wrap(l->text.data + at, l->text.len - at,
			    COLS - x - 1, &next);
			if (skip > 0)
				skip--;
			else if (y < 1 + rows) {
				size_t hs = l->hs > at ? l->hs - at : 0;
				size_t he = l->he > at ? l->he - at : 0;
				if (l->hs == SIZE_MAX)
					hs = he = SIZE_MAX;
				ui_put_wrapped(y++, x, COLS - x - 1, 1,
				    l->text.data + at, len, l->attr, hs, he);
			}
			total++;
			at += next;
			first = 0;
		} while (at < l->text.len);
		buf_free(&l->text);
	}
	free(d);
	ev->drows = total;
}

static void
events_draw(struct ui *ui, struct view *v)
{
	struct events *ev = v->data;
	char right[128];
	struct buf f;

	if (ev->cur >= ev->nrows)
		ev->cur = ev->nrows > 0 ? ev->nrows - 1 : 0;
	buf_init(&f);
	describe_filter(ev, &f);
	snprintf(right, sizeof right, "%s%s%zu/%zu", f.len > 0 ? f.data : "",
	    f.len > 0 ? "  " : "", ev->nrows > 0 ? ev->cur + 1 : 0, ev->nrows);
	buf_free(&f);
	if (ev->detail && ev->nrows > 0) {
		ui_frame("Record", right, "Up Down PgUp PgDn scroll  "
		    "n N next match  Esc list  F1 help");
		draw_detail(ui, ev);
	} else {
		ev->detail = 0;
		ui_frame("Events", right, "Enter record  / search  n N  "
		    "f filter  v levels  x clear  Esc back  ? help");
		draw_list(ui, ev);
	}
	if (ev->prompt != PROMPT_NONE) {
		const char *label = ev->prompt == PROMPT_SEARCH ? "/" :
		    "Filter (provider= id= level= text):";
		ui_clear_line(LINES - 2);
		int w = ui_printf(LINES - 2, 0, COLS, screen_attr(UA_KEY), "%s",
		    label);
		edit_draw(&ev->edit, LINES - 2, w + 1, COLS - w - 2);
	}
}

static int
parse_level(const char *s)
{
	if (strcasecmp(s, "critical") == 0)
		return VS_LEVEL_CRITICAL;
	if (strcasecmp(s, "error") == 0 || strcasecmp(s, "errors") == 0)
		return VS_LEVEL_ERROR;
	if (strcasecmp(s, "warning") == 0 || strcasecmp(s, "warnings") == 0)
		return VS_LEVEL_WARNING;
	if (strcasecmp(s, "info") == 0 || strcasecmp(s, "information") == 0)
		return VS_LEVEL_INFO;
	if (strcasecmp(s, "all") == 0 || strcasecmp(s, "any") == 0)
		return 0;
	return -1;
}

static void
filter_clear(struct events *ev)
{
	free(ev->f_provider);
	ev->f_provider = NULL;
	ev->f_id = -1;
	pattern_free(ev->f_text);
	ev->f_text = NULL;
	free(ev->f_spec);
	ev->f_spec = NULL;
}

/* "provider=VSS id=8193 level=warning any text": the words before the
 * first that is not NAME=VALUE are field filters, the rest is PCRE2. */
static int
filter_set(struct events *ev, const char *spec)
{
	char *copy = xstrdup(spec), *p = copy, *w, *cause = NULL;
	char *prov = NULL;
	long id = -1;
	int level = ev->f_level;
	struct pattern *re = NULL;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		size_t wl = (size_t)(p - w);
		if (wl > 9 && strncasecmp(w, "provider=", 9) == 0) {
			free(prov);
			prov = xstrndup(w + 9, wl - 9);
		} else if (wl > 3 && strncasecmp(w, "id=", 3) == 0) {
			char *end;
			id = strtol(w + 3, &end, 10);
			if (end != p || id < 0) {
				ui_error("id= wants a number");
				goto fail;
			}
		} else if (wl > 6 && strncasecmp(w, "level=", 6) == 0) {
			char *lv = xstrndup(w + 6, wl - 6);
			level = parse_level(lv);
			free(lv);
			if (level < 0) {
				ui_error("level= is all, critical, error, "
				    "warning or info");
				goto fail;
			}
		} else {
			re = pattern_compile(w, PATTERN_CASELESS, &cause);
			if (re == NULL) {
				ui_error("Pattern %s", cause);
				free(cause);
				goto fail;
			}
			break;
		}
	}
	filter_clear(ev);
	ev->f_provider = prov;
	ev->f_id = id;
	ev->f_level = level;
	ev->f_text = re;
	ev->f_spec = xstrdup(spec);
	free(copy);
	return 0;
fail:
	free(prov);
	free(copy);
	return -1;
}

static void
search_step(struct ui *ui, struct events *ev, int dir)
{
	struct session *s = &ui->s;

	if (ev->search == NULL) {
		ui_error("No search yet: / starts one");
		return;
	}
	for (size_t k = 1; k <= ev->nrows; k++) {
		size_t i = dir > 0 ? (ev->cur + k) % ev->nrows :
		    (ev->cur + ev->nrows - k % ev->nrows) % ev->nrows;
		size_t len;
		const char *t = search_text(ev, s->recs[ev->rows[i]], &len);
		if (pattern_match(ev->search, t, len, 0) == 1) {
			if ((dir > 0 && i <= ev->cur) || (dir < 0 && i >= ev->cur))
				ui_message("Search went round the end");
			ev->cur = i;
			ev->dtop = 0;
			return;
		}
	}
	ui_error("Not found: %s", pattern_source(ev->search));
}

static int
prompt_key(struct ui *ui, struct events *ev, int key)
{
	char *cause = NULL;

	switch (key) {
	case VK_ESC:
		ev->prompt = PROMPT_NONE;
		return 1;
	case VK_ENTER:
		buf_cstr(&ev->edit.text);
		if (ev->prompt == PROMPT_SEARCH) {
			if (ev->edit.text.len == 0) {
				ev->prompt = PROMPT_NONE;
				return 1;
			}
			struct pattern *p = pattern_compile(ev->edit.text.data,
			    PATTERN_CASELESS, &cause);
			if (p == NULL) {
				ui_error("Pattern %s", cause);
				free(cause);
				return 1;
			}
			pattern_free(ev->search);
			ev->search = p;
			ev->prompt = PROMPT_NONE;
			search_step(ui, ev, 1);
		} else {
			if (filter_set(ev, ev->edit.text.data) == 0) {
				ev->prompt = PROMPT_NONE;
				events_refilter(&ui->s, ev);
			}
		}
		return 1;
	}
	edit_key(&ev->edit, key);
	return 1;
}

static int
events_key(struct ui *ui, struct view *v, int key)
{
	struct events *ev = v->data;
	int page = LINES - 5;

	if (ev->prompt != PROMPT_NONE)
		return prompt_key(ui, ev, key);
	if (ev->detail) {
		switch (key) {
		case VK_ESC:
		case 'q':
		case VK_BS:
		case VK_ENTER:
			ev->detail = 0;
			return 1;
		case VK_UP:
		case 'k':
			if (ev->dtop > 0)
				ev->dtop--;
			return 1;
		case VK_DOWN:
		case 'j':
			if (ev->dtop + 1 < ev->drows)
				ev->dtop++;
			return 1;
		case VK_PGUP:
			ev->dtop = ev->dtop > page ? ev->dtop - page : 0;
			return 1;
		case VK_PGDN:
		case ' ':
			if (ev->dtop + page < ev->drows)
				ev->dtop += page;
			return 1;
		case 'n':
			search_step(ui, ev, 1);
			return 1;
		case 'N':
			search_step(ui, ev, -1);
			return 1;
		case ']':
			if (ev->cur + 1 < ev->nrows)
				ev->cur++;
			ev->dtop = 0;
			return 1;
		case '[':
			if (ev->cur > 0)
				ev->cur--;
			ev->dtop = 0;
			return 1;
		}
		return 0;
	}
	switch (key) {
	case VK_ESC:
	case 'q':
	case VK_BS:
		ui_pop(ui);
		return 1;
	case VK_UP:
	case 'k':
		if (ev->cur > 0)
			ev->cur--;
		return 1;
	case VK_DOWN:
	case 'j':
		if (ev->cur + 1 < ev->nrows)
			ev->cur++;
		return 1;
	case VK_PGUP:
	case 'b':
		ev->cur = ev->cur > (size_t)page ? ev->cur - (size_t)page : 0;
		return 1;
	case VK_PGDN:
	case ' ':
		ev->cur += (size_t)page;
		if (ev->cur >= ev->nrows)
			ev->cur = ev->nrows > 0 ? ev->nrows - 1 : 0;
		return 1;
	case VK_HOME:
	case 'g':
		ev->cur = 0;
		return 1;
	case VK_END:
	case 'G':
		ev->cur = ev->nrows > 0 ? ev->nrows - 1 : 0;
		return 1;
	case VK_ENTER:
		if (ev->nrows > 0) {
			ev->detail = 1;
			ev->dtop = 0;
		}
		return 1;
	case '/':
		ev->prompt = PROMPT_SEARCH;
		edit_set(&ev->edit, ev->search != NULL ?
		    pattern_source(ev->search) : "");
		return 1;
	case 'f':
		ev->prompt = PROMPT_FILTER;
		edit_set(&ev->edit, ev->f_spec);
		return 1;
	case 'n':
		search_step(ui, ev, 1);
		return 1;
	case 'N':
		search_step(ui, ev, -1);
		return 1;
	case 'v':
		ev->f_level = ev->f_level == 0 ? VS_LEVEL_WARNING :
		    ev->f_level == VS_LEVEL_WARNING ? VS_LEVEL_ERROR : 0;
		events_refilter(&ui->s, ev);
		return 1;
	case 'x':
		filter_clear(ev);
		ev->f_level = 0;
		ev->marked_only = 0;
		events_refilter(&ui->s, ev);
		return 1;
	case 'm':
		if (ev->nmarks == 0) {
			ui_error("No evidence marks here");
			return 1;
		}
		ev->marked_only = !ev->marked_only;
		events_refilter(&ui->s, ev);
		return 1;
	}
	return 0;
}

static void
events_free(struct view *v)
{
	struct events *ev = v->data;

	filter_clear(ev);
	pattern_free(ev->search);
	for (size_t i = 0; i < ev->nmarks; i++)
		free(ev->marks[i].field);
	free(ev->marks);
	free(ev->rows);
	edit_free(&ev->edit);
	buf_free(&ev->scratch);
	buf_free(&ev->text);
	free(ev);
}

struct view *
view_events_create(struct session *s, const struct evidence *e, size_t ne)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct events *ev = xcalloc(1, sizeof *ev);

	ev->f_id = -1;
	edit_init(&ev->edit, "");
	buf_init(&ev->scratch);
	session_sort(s);
	for (size_t i = 0; i < ne; i++) {
		long ri = session_find_record(s, e[i].rec);
		if (ri < 0)
			continue;
		ev->marks = xreallocarray(ev->marks, ev->nmarks + 1,
		    sizeof *ev->marks);
		ev->marks[ev->nmarks].rec = ri;
		ev->marks[ev->nmarks].field = xstrdup(e[i].field != NULL ?
		    e[i].field : "message");
		ev->marks[ev->nmarks].start = e[i].start;
		ev->marks[ev->nmarks].end = e[i].end;
		ev->nmarks++;
	}
	events_refilter(s, ev);
	/* From evidence: on the first record behind it. */
	if (ev->nmarks > 0)
		for (size_t i = 0; i < ev->nrows; i++)
			if (mark_of(ev, ev->rows[i]) != NULL) {
				ev->cur = i;
				break;
			}
	v->name = "Events";
	v->draw = events_draw;
	v->key = events_key;
	v->free = events_free;
	v->help = events_help;
	v->data = ev;
	return v;
}
