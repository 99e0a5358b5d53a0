/* view-question.c -- one question of the walk: its choices, the answer
 * the logs give (with the lines that gave it, the matched part
 * highlighted), the path so far, and back. */
#include "config.h"
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

#define NO_CHOICE	SIZE_MAX

struct question {
	size_t		 sel;		/* NO_CHOICE until one is chosen */
	char		*node;		/* the node sel belongs to */
};

static const struct keyhelp question_help[] = {
	{ "Up Down j k", "choose an answer" },
	{ "Enter", "give the chosen answer (the logs' answer is chosen first; otherwise choose one)" },
	{ "1-9", "give that answer at once" },
	{ "b Backspace", "back: take the last answer back" },
	{ "e", "the records behind the logs' answer, on the timeline" },
	{ "s Esc", "the start screen (g there comes back here)" },
	{ "r", "the report so far" },
	{ "o p", "open a file, paste text: the walk is redone with them" },
	{ NULL, NULL }
};

static const char *
by_word(enum walk_by by)
{
	switch (by) {
	case WALK_BY_EVIDENCE:
		return "logs";
	case WALK_BY_OVERRIDE:
		return "overridden";
	default:
		return "you";
	}
}

/* The path so far: "node=answer > node=answer > here". */
void
ui_draw_breadcrumb(struct session *s, int y)
{
	struct buf b, safe;
	size_t n = walk_nhistory(s->walk);

	buf_init(&b);
	buf_init(&safe);
	buf_adds(&b, s->tree != NULL ? s->tree : "triage");
	for (size_t i = 0; i < n; i++) {
		const struct walk_entry *e = walk_history(s->walk, i);
		buf_printf(&b, " > %s=%s", e->node, e->answer);
		if (e->by != WALK_BY_EVIDENCE)
			buf_printf(&b, " (%s)", by_word(e->by));
	}
	buf_adds(&b, " > here");
	ui_safe(&safe, b.data, b.len);
	/* Too long: the end matters most. */
	const char *p = safe.data;
	size_t len = safe.len;
	int w;
	while ((w = ui_width(p, len)) > COLS - 10) {
		p++;
		len--;
		while (len > 0 && ((unsigned char)*p & 0xc0) == 0x80) {
			p++;
			len--;
		}
	}
	int x = ui_printf(y, 0, 6, screen_attr(UA_KEY), "Path: ");
	if (p != safe.data)
		x += ui_put(y, x, 3, "...", 3, A_NORMAL);
	ui_put(y, x, COLS - x, p, len, A_NORMAL);
	buf_free(&b);
	buf_free(&safe);
}

/* The evidence records: where, when, and the field with the match
 * highlighted. Returns the next row. */
int
ui_draw_evidence(struct session *s, const struct evidence *ev, size_t nev,
    int y, int maxy)
{
	char loc[64], when[48];
	struct buf b, scratch;

	buf_init(&b);
	buf_init(&scratch);
	for (size_t i = 0; i < nev && y < maxy; i++) {
		const struct vs_record *r = ev[i].rec;
		if (i == 3 && nev > 4) {
			ui_printf(y++, 2, COLS - 3, A_NORMAL, "... and %zu more "
			    "records (e shows them all)", nev - i);
			break;
		}
		record_format_locator(r, loc, sizeof loc);
		ui_record_time(r, when, sizeof when);
		/* The file's own name is enough here; e shows the path. */
		const char *in = session_input_name(s, r->input);
		const char *base = strrchr(in, '/');
		ui_printf(y++, 2, COLS - 3, screen_attr(UA_DIM), "%s, %s, %s%s%s",
		    base != NULL && base[1] != '\0' ? base + 1 : in, loc, when,
		    r->provider != NULL ? ", " : "",
		    r->provider != NULL ? r->provider : "");
		if (y >= maxy)
			break;
		char scr[32];
		const char *field = ev[i].field != NULL ? ev[i].field : "message";
		const char *text = record_get(r, field, scr, sizeof scr);
		size_t tl, hs = ev[i].start, he = ev[i].end;
		if (text == NULL) {
			text = ui_record_text(r, &tl, &scratch);
			hs = he = SIZE_MAX;
		} else
			tl = strlen(text);
		/* A long field: start a little before the match. */
		size_t from = 0;
		if (hs != SIZE_MAX && hs > 50 && hs <= tl) {
			from = hs - 40;
			while (from < hs && ((unsigned char)text[from] & 0xc0) == 0x80)
				from++;
		}
		size_t ohs, ohe;
		buf_reset(&b);
		if (from > 0)
			buf_adds(&b, "...");
		size_t pre = b.len;
		ui_safe_hl(&b, text + from, tl - from,
		    hs == SIZE_MAX ? SIZE_MAX : hs - from,
		    he == SIZE_MAX ? SIZE_MAX : (he > from ? he - from : 0),
		    &ohs, &ohe);
		if (hs == SIZE_MAX)
			ohs = ohe = SIZE_MAX;
		(void)pre;
		y += ui_put_wrapped(y, 4, COLS - 5, maxy - y > 2 ? 2 : maxy - y,
		    b.data, b.len, A_NORMAL, ohs, ohe);
	}
	buf_free(&b);
	buf_free(&scratch);
	return y;
}

static void
question_draw(struct ui *ui, struct view *v)
{
	struct question *q = v->data;
	struct session *s = &ui->s;
	const struct walk_node *n;
	const struct answer_memo *memo;
	struct buf b;
	int y;

	n = s->walk != NULL ? walk_current(s->walk) : NULL;
	if (n == NULL) {
		ui_frame("Question", NULL, "Esc start screen");
		ui_printf(2, 1, COLS - 2, A_NORMAL, "No walk in progress.");
		return;
	}
	if (n->kind == WALK_VERDICT) {
		ui_frame("Question", NULL, "Enter verdict  b back  s start");
		ui_printf(2, 1, COLS - 2, A_NORMAL, "The walk reached a verdict: "
		    "Enter shows it.");
		return;
	}
	if (q->node == NULL || strcmp(q->node, n->id) != 0) {
		/* A new question: start on the logs' answer, else on an
		 * answer given before. */
		free(q->node);
		q->node = xstrdup(n->id);
		/* Without the logs' answer nothing is chosen for the
		 * operator: Enter alone must not answer a question. */
		q->sel = n->preanswer >= 0 ? (size_t)n->preanswer : NO_CHOICE;
		memo = session_memo(s, n->id);
		if (memo != NULL && n->preanswer < 0)
			for (size_t i = 0; i < n->nchoices; i++)
				if (strcmp(n->choices[i].key, memo->choice) == 0)
					q->sel = i;
	}
	if (q->sel != NO_CHOICE && q->sel >= n->nchoices)
		q->sel = NO_CHOICE;
	ui_frame("Question", n->id, "Enter answer  1-9 choose  b back  "
	    "e evidence  s start  r report  ? help");
	ui_draw_breadcrumb(s, 1);

	buf_init(&b);
	ui_safe(&b, n->text, strlen(n->text));
	y = 3;
	y += ui_put_wrapped(y, 1, COLS - 2, 3, b.data, b.len,
	    screen_attr(UA_HEAD) & ~A_UNDERLINE, SIZE_MAX, SIZE_MAX);
	if (n->detail != NULL) {
		/* Each detail line of the KB is its own paragraph (commands,
		 * impact): as many as fit above the choices and, when the
		 * logs answer, a few lines of their evidence. */
		int budget = LINES - 4 - y - (int)n->nchoices - 2 -
		    (n->preanswer >= 0 ? 4 : 1);
		const char *p = n->detail;
		while (*p != '\0' && budget > 0) {
			const char *e = strchr(p, '\n');
			size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
			buf_reset(&b);
			ui_safe(&b, p, l);
			int r = ui_put_wrapped(y, 1, COLS - 2, budget, b.data,
			    b.len, A_NORMAL, SIZE_MAX, SIZE_MAX);
			y += r;
			budget -= r;
			p = e != NULL ? e + 1 : p + l;
		}
	}
	buf_free(&b);
	y++;
	memo = session_memo(s, n->id);
	for (size_t i = 0; i < n->nchoices && y < LINES - 4; i++) {
		int sel = i == q->sel;
		int a = sel ? screen_attr(UA_SELECT) : (int)A_NORMAL;
		const char *note = "";
		if ((int)i == n->preanswer)
			note = "   <- the logs' answer";
		else if (memo != NULL && strcmp(memo->choice,
		    n->choices[i].key) == 0)
			note = "   <- your answer before";
		if (sel) {
			move(y, 1);
			attrset(a);
			hline(' ', COLS - 2);
			attrset(A_NORMAL);
		}
		/* The key too: it is what an answers file (--answers) uses. */
		const char *label = n->choices[i].label != NULL ?
		    n->choices[i].label : n->choices[i].key;
		int same = strcmp(label, n->choices[i].key) == 0;
		char *line = xasprintf("%s%zu. %s%s%s%s", sel ? "> " : "  ",
		    i + 1, label, same ? "" : " [", same ? "" : n->choices[i].key,
		    same ? "" : "]");
		/* The note must show: on a row of its own when too long. */
		if (*note != '\0' && ui_width(line, strlen(line)) +
		    (int)strlen(note) > COLS - 2) {
			ui_printf(y++, 1, COLS - 2, a, "%s", line);
			if (y < LINES - 4)
				ui_printf(y++, 6, COLS - 7, a, "%s", note + 3);
		} else
			ui_printf(y++, 1, COLS - 2, a, "%s%s", line, note);
		free(line);
	}
	y++;
	if (n->preanswer >= 0 && y < LINES - 3) {
		ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD),
		    "Why the logs say \"%s\"", n->choices[n->preanswer].label ?
		    n->choices[n->preanswer].label :
		    n->choices[n->preanswer].key);
		if (n->nevidence == 0)
			ui_printf(y++, 2, COLS - 3, A_NORMAL, "(no record kept)");
		else
			ui_draw_evidence(s, n->evidence, n->nevidence, y,
			    LINES - 2);
	} else if (n->nevidence > 0 && y < LINES - 3)
		ui_printf(y++, 1, COLS - 2, A_NORMAL, "The logs loaded do not "
		    "answer this; e shows the record%s the question names.",
		    n->nevidence == 1 ? "" : "s");
	else if (y < LINES - 3)
		ui_printf(y++, 1, COLS - 2, A_NORMAL, "The logs loaded do not "
		    "answer this; c on the start screen says what to collect.");
}

static int
question_key(struct ui *ui, struct view *v, int key)
{
	struct question *q = v->data;
	struct session *s = &ui->s;
	const struct walk_node *n;

	n = s->walk != NULL ? walk_current(s->walk) : NULL;
	if (n == NULL) {
		if (key == VK_ESC || key == 's' || key == 'q') {
			ui_pop_to_start(ui);
			return 1;
		}
		return 0;
	}
	if (n->kind == WALK_VERDICT && key == VK_ENTER) {
		ui_open_walk(ui);
		return 1;
	}
	if (key >= '1' && key <= '9' && (size_t)(key - '1') < n->nchoices) {
		q->sel = (size_t)(key - '1');
		key = VK_ENTER;
	}
	switch (key) {
	case VK_UP:
	case 'k':
		if (q->sel == NO_CHOICE)
			q->sel = 0;
		else if (q->sel > 0)
			q->sel--;
		return 1;
	case VK_DOWN:
	case 'j':
		if (q->sel == NO_CHOICE)
			q->sel = 0;
		else if (q->sel + 1 < n->nchoices)
			q->sel++;
		return 1;
	case VK_ENTER:
		if (n->nchoices == 0)
			return 1;
		if (q->sel == NO_CHOICE) {
			ui_message("Choose an answer first: its number, or Up/Down "
			    "then Enter");
			return 1;
		}
		session_answer(s, q->sel);
		free(q->node);
		q->node = NULL;
		ui_open_walk(ui);	/* the next question, or the verdict */
		return 1;
	case 'b':
	case VK_BS:
		if (session_back(s) == -1) {
			ui_message("This is the first question: Esc goes to the "
			    "start screen");
			return 1;
		}
		free(q->node);
		q->node = NULL;
		return 1;
	case 'e':
		if (n->nevidence == 0) {
			ui_error("No records behind this question");
			return 1;
		}
		ui_push(ui, view_events_create(s, n->evidence, n->nevidence));
		return 1;
	case 's':
	case VK_ESC:
	case 'q':
		ui_pop_to_start(ui);
		return 1;
	case 'r':
		ui_push(ui, view_report_create(&ui->s));
		return 1;
	case 'o':
		ui_push(ui, view_open_create());
		return 1;
	case 'p':
		ui_push(ui, view_paste_create());
		return 1;
	}
	return 0;
}

static void
question_free(struct view *v)
{
	struct question *q = v->data;

	free(q->node);
	free(q);
}

struct view *
view_question_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->name = "Question";
	v->draw = question_draw;
	v->key = question_key;
	v->free = question_free;
	v->help = question_help;
	v->data = xcalloc(1, sizeof(struct question));
	return v;
}
