/* view-start.c -- the start screen: what is loaded, what could not be
 * read, the findings best first, and the ways to add evidence. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

struct start {
	size_t	 sel;		/* selected finding */
};

static const struct keyhelp start_help[] = {
	{ "Up Down j k", "choose a finding" },
	{ "Enter", "walk through the chosen finding's questions" },
	{ "w", "walk from the first triage question (no finding needed)" },
	{ "o", "open a file or a folder (.evtx, text export, vssadmin)" },
	{ "p", "paste text (or just paste it here)" },
	{ "e", "events: every record on one timeline, the chosen finding's marked" },
	{ "c", "what to collect on the server, and what is missing" },
	{ "l", "look up an error code" },
	{ "r", "the report: preview and save" },
	{ "g", "back to the walk in progress" },
	{ "q", "quit (asks first)" },
	{ NULL, NULL }
};

static size_t
nfindings(struct ui *ui)
{
	return ui->s.an != NULL ? analysis_nfindings(ui->s.an) : 0;
}

static void
fmt_count(char *out, size_t len, uint64_t n)
{
	snprintf(out, len, "%llu", (unsigned long long)n);
}

static int
draw_inputs(struct ui *ui, int y, int maxy)
{
	struct session *s = &ui->s;
	int w = COLS - 2;
	char num[32];

	ui_printf(y++, 0, COLS, screen_attr(UA_HEAD), "Loaded");
	if (s->ing.ninputs == 0 && s->nerrors == 0) {
		ui_printf(y++, 2, w, A_NORMAL, "Nothing yet. Add evidence: o "
		    "opens a file or a folder (.evtx, text");
		ui_printf(y++, 2, w, A_NORMAL, "exports, vssadmin output), p "
		    "takes pasted text, c says what to collect.");
		return y;
	}
	size_t shown = 0, n = s->ing.ninputs;
	for (size_t i = 0; i < n && y < maxy; i++, shown++) {
		const struct vs_input *in = &s->ing.inputs[i];
		if (shown == 5 && n > 6) {
			ui_printf(y++, 2, w, A_NORMAL, "... and %zu more "
			    "inputs (e shows every record)", n - shown);
			break;
		}
		fmt_count(num, sizeof num, in->records);
		/* The name's end is what tells files apart. */
		const char *name = in->name;
		size_t nl = strlen(name);
		if (nl > 40)
			name += nl - 37;
		ui_printf(y, 2, 40, A_NORMAL, "%s%s", nl > 40 ? "..." : "",
		    name);
		ui_printf(y, 43, 18, A_NORMAL, "%s", in->format[0] ?
		    in->format : "?");
		ui_printf(y, 62, 17, A_NORMAL, "%8s record%s", num,
		    in->records == 1 ? "" : "s");
		y++;
		if (in->errors > 0 && y < maxy) {
			ui_printf(y++, 4, COLS - 5, screen_attr(UA_WARN),
			    "%llu unreadable%s%s",
			    (unsigned long long)in->errors,
			    in->nnotes > 0 ? ": " : "",
			    in->nnotes > 0 ? in->notes[0] : "");
		} else if (in->nnotes > 0 && y < maxy) {
			/* A note alone, such as how much text was not
			 * understood, is no unreadable record. */
			ui_printf(y++, 4, COLS - 5, screen_attr(UA_WARN),
			    "%s", in->notes[0]);
		}
	}
	for (size_t i = 0; i < s->nerrors && y < maxy; i++) {
		if (i == 2 && s->nerrors > 3) {
			ui_printf(y++, 2, w, screen_attr(UA_ERROR), "! and %zu "
			    "more that could not be read", s->nerrors - i);
			break;
		}
		ui_printf(y++, 2, w, screen_attr(UA_ERROR), "! %s",
		    s->errors[i]);
	}
	if (n > 0 && s->prefilter && y < maxy)
		ui_printf(y++, 2, w, A_NORMAL, "What names no provider the KB "
		    "uses is skipped (--prefilter)");
	if (s->dropped > 0 && y < maxy)
		ui_printf(y++, 2, w, screen_attr(UA_WARN), "The timeline holds "
		    "the first %zu records; %llu more were analysed only",
		    s->nrecs, (unsigned long long)s->dropped);
	return y;
}

static void
draw_findings(struct ui *ui, struct start *st, int y, int maxy)
{
	struct session *s = &ui->s;
	size_t n = nfindings(ui);
	int w = COLS - 2;

	ui_printf(y++, 0, COLS, screen_attr(UA_HEAD), "Findings%s",
	    n > 0 ? " (best first)" : "");
	if (s->kb == NULL) {
		ui_printf(y++, 2, w, screen_attr(UA_WARN), "%s", s->kb_problem ?
		    s->kb_problem : "no knowledge base");
		if (y < maxy)
			ui_printf(y++, 2, w, A_NORMAL, "Events, paste, code lookup "
			    "and the timeline still work.");
		return;
	}
	if (n == 0) {
		ui_printf(y++, 2, w, A_NORMAL, s->nrecs == 0 ? "Load or paste "
		    "logs to see findings; w walks the questions anyway." :
		    "None of the knowledge base's trees matches these logs.");
		if (y < maxy)
			ui_printf(y++, 2, w, A_NORMAL, "w walks the triage "
			    "questions; c says what else to collect.");
	}
	if (st->sel >= n && n > 0)
		st->sel = n - 1;
	/* Two rows a finding, three when all fit so; keep the chosen one
	 * in view. */
	int per = n > 0 && (int)n * 3 <= maxy - y - 4 ? 3 : 2;
	int rows = (maxy - y) / per;
	size_t first = 0;
	if (rows > 0 && st->sel >= (size_t)rows)
		first = st->sel - (size_t)rows + 1;
	for (size_t i = first; i < n && y + 1 < maxy + 1; i++) {
		const struct finding *f = analysis_finding(s->an, i);
		int a = i == st->sel ? screen_attr(UA_SELECT) : (int)A_NORMAL;
		if (i == st->sel) {
			move(y, 0);
			attrset(a);
			hline(' ', COLS);
			attrset(A_NORMAL);
		}
		ui_printf(y, 0, COLS, a, "%s%zu. %-7s %3d  %s  %s",
		    i == st->sel ? "> " : "  ", i + 1,
		    f->status == FINDING_MATCH ? "match" : "partial", f->score,
		    f->tree, f->title != NULL ? f->title : "");
		y++;
		if (y >= maxy)
			break;
		struct buf b;
		buf_init(&b);
		for (size_t k = 0; k < f->nfacts; k++)
			buf_printf(&b, "%s%s=%s", k ? "  " : "", f->facts[k].name,
			    f->facts[k].value != NULL ? f->facts[k].value : "");
		if (f->nfacts == 0)
			buf_adds(&b, "(no facts)");
		struct buf safe;
		buf_init(&safe);
		ui_safe(&safe, b.data, b.len);
		y += ui_put_wrapped(y, 7, COLS - 8, per - 1, safe.data, safe.len,
		    A_NORMAL, SIZE_MAX, SIZE_MAX);
		buf_free(&safe);
		buf_free(&b);
	}
	/* The codes seen, decoded, when there is room. */
	size_t nc = analysis_ncodes(s->an);
	if (nc > 0 && y + 1 < maxy) {
		y++;
		ui_printf(y++, 0, COLS, screen_attr(UA_HEAD), "Codes seen");
		for (size_t i = 0; i < nc && y < maxy; i++) {
			const struct code_seen *c = analysis_code(s->an, i);
			ui_printf(y++, 2, COLS - 3, A_NORMAL, "0x%08X %s (%zux)",
			    (unsigned)c->hresult, c->name != NULL ? c->name :
			    "(not in the table)", c->count);
		}
	}
}

static void
start_draw(struct ui *ui, struct view *v)
{
	struct start *st = v->data;
	struct session *s = &ui->s;
	char right[96];
	int y;

	snprintf(right, sizeof right, "%zu input%s, %zu record%s",
	    s->ing.ninputs, s->ing.ninputs == 1 ? "" : "s", s->nrecs,
	    s->nrecs == 1 ? "" : "s");
	ui_frame("Start", right, s->walk != NULL ?
	    "Enter walk  g resume walk  o open  p paste  e events  c collect  "
	    "? help" :
	    "Enter walk  w triage  o open  p paste  e events  c collect  "
	    "l lookup  ? help");
	y = draw_inputs(ui, 1, 10);
	if (s->state_problem != NULL && y < 11)
		ui_printf(y++, 2, COLS - 2, screen_attr(UA_WARN), "%s",
		    s->state_problem);
	y++;
	draw_findings(ui, st, y, LINES - 2);
}

static int
start_walk(struct ui *ui, const char *tree)
{
	if (ui->s.kb == NULL) {
		ui_error("No knowledge base: %s", ui->s.kb_problem ?
		    ui->s.kb_problem : "not loaded");
		return 1;
	}
	if (session_walk_start(&ui->s, tree) == -1) {
		ui_error("The walk could not start%s%s", tree ? " at " : "",
		    tree ? tree : "");
		return 1;
	}
	state_save(&ui->s);
	ui_open_walk(ui);
	return 1;
}

static int
start_key(struct ui *ui, struct view *v, int key)
{
	struct start *st = v->data;
	size_t n = nfindings(ui);
	const struct finding *f;
	const char *data;
	size_t len;

	switch (key) {
	case VK_UP:
	case 'k':
		if (st->sel > 0)
			st->sel--;
		return 1;
	case VK_DOWN:
	case 'j':
		if (st->sel + 1 < n)
			st->sel++;
		return 1;
	case VK_HOME:
		st->sel = 0;
		return 1;
	case VK_END:
		st->sel = n > 0 ? n - 1 : 0;
		return 1;
	case VK_ENTER:
		if (n == 0)
			return start_walk(ui, NULL);
		f = analysis_finding(ui->s.an, st->sel);
		return start_walk(ui, f->tree);
	case 'w':
		return start_walk(ui, NULL);
	case 'g':
		if (ui->s.walk != NULL)
			ui_open_walk(ui);
		else
			ui_error("No walk in progress: Enter or w starts one");
		return 1;
	case 'o':
		ui_push(ui, view_open_create());
		return 1;
	case 'p':
		ui_push(ui, view_paste_create());
		return 1;
	case 'e':
		/* With a finding chosen, its records are marked. */
		f = n > 0 ? analysis_finding(ui->s.an, st->sel) : NULL;
		ui_push(ui, view_events_create(&ui->s, f != NULL ? f->evidence :
		    NULL, f != NULL ? f->nevidence : 0));
		return 1;
	case 'c':
		f = n > 0 ? analysis_finding(ui->s.an, st->sel) : NULL;
		ui_push(ui, view_collect_create(f != NULL ? f->tree : NULL));
		return 1;
	case 'l':
		ui_push(ui, view_lookup_create(&ui->s));
		return 1;
	case 'r':
		ui_push(ui, view_report_create(&ui->s));
		return 1;
	case 'q':
		ui_ask_quit(ui);
		return 1;
	case VK_ESC:
		return 1;	/* Esc pressed once too often: nothing */
	case VK_PASTE:
		/* Pasted straight onto the start screen: take it as is. */
		data = keys_paste(&len);
		if (len > 0)
			session_add_paste(&ui->s, data, len, 1);
		return 1;
	}
	return 0;
}

static void
start_free(struct view *v)
{
	free(v->data);
}

struct view *
view_start_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->name = "Start";
	v->draw = start_draw;
	v->key = start_key;
	v->free = start_free;
	v->help = start_help;
	v->data = xcalloc(1, sizeof(struct start));
	return v;
}
