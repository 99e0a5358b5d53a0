/* report.c -- the report for the ticket, in text, markdown or JSON, and
 * the --report command that reads the inputs and walks the trees without
 * a terminal.
 *
 * Every string that came from a log or a file name goes through one of
 * the add_* helpers below, which redact it when asked and then make it
 * safe for the output: no control characters on a terminal, markdown
 * characters escaped, JSON escaped.
 */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "answers.h"
#include "buf.h"
#include "ingest.h"
#include "kb.h"
#include "options.h"
#include "record.h"
#include "redact.h"
#include "report.h"
#include "reportfmt.h"
#include "walk.h"
#include "xmalloc.h"

#define WIDTH		80	/* columns of a text report */
#define EXCERPT_MAX	400	/* bytes of a matched field shown */
#define EVIDENCE_SHOWN	8	/* evidence lines per finding, text/markdown */
#define EVIDENCE_JSON	100	/* evidence entries per finding, JSON */

struct report {
	const struct report_args *a;
	struct redact		*redact;	/* NULL: no redaction */
	const struct walk_node	*node;		/* where the walk stopped */
	struct buf		 out;
	struct buf		 line;		/* a paragraph being built */
	struct buf		 tmp;		/* redacted text */
	struct buf		 tmp2;		/* safe text for markdown */
};

/* Appends s, redacted when asked, made safe for a terminal. */
static void
add_text(struct report *r, struct buf *dst, const char *s, size_t len,
    int keep_nl)
{
	if (s == NULL)
		return;
	if (r->redact != NULL) {
		buf_reset(&r->tmp);
		redact_add(r->redact, &r->tmp, s, len);
		s = r->tmp.data;
		len = r->tmp.len;
	}
	buf_add_safe(dst, s, len, keep_nl);
}

static void
add_str(struct report *r, struct buf *dst, const char *s)
{
	if (s != NULL)
		add_text(r, dst, s, strlen(s), 0);
}

/* Markdown text, escaped. */
static void
add_md(struct report *r, struct buf *dst, const char *s)
{
	if (s == NULL)
		return;
	buf_reset(&r->tmp2);
	add_text(r, &r->tmp2, s, strlen(s), 0);
	fmt_md_text(dst, r->tmp2.data, r->tmp2.len);
}

/* A markdown code span. */
static void
add_md_code(struct report *r, struct buf *dst, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	buf_reset(&r->tmp2);
	add_text(r, &r->tmp2, s, strlen(s), 0);
	fmt_md_code(dst, r->tmp2.data, r->tmp2.len);
}

/* A JSON string, or null. */
static void
add_json_n(struct report *r, struct buf *dst, const char *s, size_t len)
{
	if (s == NULL) {
		buf_adds(dst, "null");
		return;
	}
	if (r->redact != NULL) {
		buf_reset(&r->tmp);
		redact_add(r->redact, &r->tmp, s, len);
		s = r->tmp.data;
		len = r->tmp.len;
	}
	buf_addc(dst, '"');
	buf_add_json(dst, s, len);
	buf_addc(dst, '"');
}

static void
add_json(struct report *r, struct buf *dst, const char *s)
{
	add_json_n(r, dst, s, s != NULL ? strlen(s) : 0);
}

/* A paragraph of the text report: r->line wrapped under prefix. */
static void
emit_line(struct report *r, const char *prefix, size_t hang)
{
	fmt_wrap(&r->out, prefix, r->line.data != NULL ? r->line.data : "",
	    r->line.len, hang, WIDTH);
	buf_reset(&r->line);
}

static void
text_heading(struct report *r, const char *title)
{
	size_t n = strlen(title);
	buf_printf(&r->out, "\n%s\n", title);
	for (size_t i = 0; i < n; i++)
		buf_addc(&r->out, '-');
	buf_addc(&r->out, '\n');
}

/* ------------------------------------------------------------------ */
/* What every format shows, in words. */

static const char *
by_words(enum walk_by by)
{
	switch (by) {
	case WALK_BY_EVIDENCE:
		return "from the evidence";
	case WALK_BY_OPERATOR:
		return "by the operator";
	case WALK_BY_OVERRIDE:
		return "by the operator, overriding the evidence";
	}
	return "";
}

static const char *
by_json(enum walk_by by)
{
	switch (by) {
	case WALK_BY_EVIDENCE:
		return "evidence";
	case WALK_BY_OPERATOR:
		return "operator";
	case WALK_BY_OVERRIDE:
		return "override";
	}
	return "";
}

static const char *
unreadable(const struct report *r, size_t i)
{
	if (r->a->unreadable != NULL && r->a->unreadable[i] != NULL)
		return r->a->unreadable[i];
	/* A file of a folder that could not be read. */
	return r->a->ing != NULL ? r->a->ing->inputs[i].unreadable : NULL;
}

/* The cause without the "NAME: " it starts with, as the name is shown. */
static const char *
cause_text(const char *cause, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(cause, name, n) == 0 && strncmp(cause + n, ": ", 2) == 0)
		return cause + n + 2;
	return cause;
}

/* "event-text, 12 records, 2 could not be read" and the log's flags. */
static void
input_summary(struct report *r, struct buf *dst, size_t i)
{
	const struct vs_input *in = &r->a->ing->inputs[i];
	const char *cause = unreadable(r, i);

	if (cause != NULL) {
		buf_adds(dst, "could not be read: ");
		add_str(r, dst, cause_text(cause, in->name));
		return;
	}
	add_str(r, dst, in->format[0] != '\0' ? in->format : "unknown format");
	buf_printf(dst, ", %llu record%s", (unsigned long long)in->records,
	    in->records == 1 ? "" : "s");
	if (in->errors > 0)
		buf_printf(dst, ", %llu could not be read",
		    (unsigned long long)in->errors);
	if (in->recovered > 0)
		buf_printf(dst, ", %llu recovered from free space",
		    (unsigned long long)in->recovered);
	if (in->flags & VS_INPUT_DIRTY)
		buf_adds(dst, "; the log was not closed cleanly");
	if (in->flags & VS_INPUT_CORRUPTED)
		buf_adds(dst, "; the log is marked corrupted");
	if (in->flags & VS_INPUT_TRUNCATED)
		buf_adds(dst, "; reading stopped early");
}

static const char *
input_name(const struct report *r, int input)
{
	if (input < 0 || (size_t)input >= r->a->ing->ninputs)
		return "?";
	return r->a->ing->inputs[input].name;
}

/* "line 12, 2024-03-14T23:02:17Z, SQLVDI event 1 on SRV01". */
static void
evidence_where(struct report *r, struct buf *dst, const struct vs_record *rec)
{
	char loc[64], when[64];

	record_format_locator(rec, loc, sizeof loc);
	record_format_time(rec->time, rec->tz, when, sizeof when);
	/* Whole seconds read better without their six zeros. */
	char *frac = strstr(when, ".000000");
	if (frac != NULL)
		memmove(frac, frac + 7, strlen(frac + 7) + 1);
	buf_adds(dst, loc);
	if (when[0] != '\0') {
		buf_printf(dst, ", %s", when);
		if (rec->tz == VS_TZ_LOCAL)
			buf_adds(dst, " (local time)");
	}
	if (rec->kind == VS_KIND_EVENT) {
		buf_adds(dst, ", ");
		add_str(r, dst, rec->provider != NULL ? rec->provider :
		    "event");
		if (rec->event_id != 0 || rec->provider != NULL)
			buf_printf(dst, " event %u", (unsigned)rec->event_id);
		if (rec->computer != NULL && *rec->computer != '\0') {
			buf_adds(dst, " on ");
			add_str(r, dst, rec->computer);
		}
	} else
		buf_printf(dst, ", %s", record_kind_name(rec->kind));
}

/* The matched field's text, or the window of it around the match. */
static void
evidence_excerpt(struct buf *dst, const struct evidence *ev)
{
	char scratch[64];
	const char *field = ev->field != NULL ? ev->field : "message";
	const char *v = record_get(ev->rec, field, scratch, sizeof scratch);

	if (v == NULL)
		v = ev->rec->message != NULL ? ev->rec->message :
		    ev->rec->source_text;
	if (v == NULL)
		return;
	size_t len = strlen(v);
	/* Trailing line ends of a pasted block say nothing. */
	while (len > 0 && (v[len - 1] == '\n' || v[len - 1] == '\r' ||
	    v[len - 1] == ' '))
		len--;
	fmt_excerpt(dst, v, len, ev->start, ev->end, EXCERPT_MAX);
}

static const struct walk_node *
verdict_node(const struct report *r)
{
	if (r->node != NULL && r->node->kind == WALK_VERDICT)
		return r->node;
	return NULL;
}

static const struct walk_node *
open_node(const struct report *r)
{
	if (r->node != NULL && r->node->kind == WALK_QUESTION)
		return r->node;
	return NULL;
}

/* The tree whose "what to collect" list applies: the best finding's. */
static const char *
collect_tree(const struct report *r)
{
	if (r->a->kb == NULL)
		return NULL;
	if (analysis_nfindings(r->a->an) > 0) {
		const char *tree = analysis_finding(r->a->an, 0)->tree;
		if (kb_ncollect(r->a->kb, tree) > 0)
			return tree;
	}
	return NULL;
}

static size_t
ncollect(const struct report *r)
{
	if (r->a->kb == NULL || verdict_node(r) != NULL)
		return 0;
	return kb_ncollect(r->a->kb, collect_tree(r));
}

static const char *
collect(const struct report *r, size_t i)
{
	return kb_collect(r->a->kb, collect_tree(r), i);
}

/* ------------------------------------------------------------------ */
/* Text: 80 columns, plain ASCII structure. */

static void
text_inputs(struct report *r)
{
	const struct ingest *ing = r->a->ing;

	text_heading(r, "Inputs");
	if (ing->ninputs == 0) {
		buf_adds(&r->out, "  None.\n");
		return;
	}
	for (size_t i = 0; i < ing->ninputs; i++) {
		const struct vs_input *in = &ing->inputs[i];
		add_str(r, &r->line, in->name);
		buf_adds(&r->line, ": ");
		input_summary(r, &r->line, i);
		emit_line(r, "  ", 4);
		if (unreadable(r, i) != NULL)
			continue;
		if (in->unrecognised_lines > 0) {
			buf_printf(&r->line, "%llu of %llu lines not recognised "
			    "(kept as plain text)",
			    (unsigned long long)in->unrecognised_lines,
			    (unsigned long long)in->lines);
			emit_line(r, "    ", 6);
		}
		for (size_t j = 0; j < in->nnotes; j++) {
			add_str(r, &r->line, in->notes[j]);
			emit_line(r, "    note: ", 6);
		}
		if (in->notes_dropped > 0) {
			buf_printf(&r->line, "and %llu more notes like these",
			    (unsigned long long)in->notes_dropped);
			emit_line(r, "    ", 6);
		}
	}
}

static void
text_findings(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_nfindings(an);

	text_heading(r, "Findings");
	if (n == 0) {
		buf_adds(&r->line, "No tree of the knowledge base matches "
		    "these logs. The codes seen in them are decoded below.");
		emit_line(r, "  ", 2);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = analysis_finding(an, i);
		char num[32];

		if (i > 0)
			buf_addc(&r->out, '\n');
		snprintf(num, sizeof num, "%zu. ", i + 1);
		add_str(r, &r->line, f->title != NULL ? f->title : f->tree);
		emit_line(r, num, 3);
		buf_printf(&r->line, "%s: %s, score %d", f->tree,
		    f->status == FINDING_MATCH ? "match" : "partial", f->score);
		emit_line(r, "   ", 5);
		if (f->nfacts > 0)
			buf_adds(&r->out, "   Facts:\n");
		for (size_t j = 0; j < f->nfacts; j++) {
			add_str(r, &r->line, f->facts[j].name);
			buf_adds(&r->line, ": ");
			add_str(r, &r->line, f->facts[j].value);
			emit_line(r, "     ", 7);
		}
		if (f->nevidence > 0)
			buf_adds(&r->out, "   Evidence:\n");
		for (size_t j = 0; j < f->nevidence && j < EVIDENCE_SHOWN; j++) {
			const struct evidence *ev = &f->evidence[j];
			struct buf ex;

			add_str(r, &r->line, input_name(r, ev->rec->input));
			buf_addc(&r->line, ' ');
			evidence_where(r, &r->line, ev->rec);
			emit_line(r, "   - ", 5);
			buf_init(&ex);
			evidence_excerpt(&ex, ev);
			add_text(r, &r->line, ex.data, ex.len, 1);
			buf_free(&ex);
			if (r->line.len > 0)
				emit_line(r, "       ", 7);
		}
		if (f->nevidence > EVIDENCE_SHOWN) {
			buf_printf(&r->line, "and %zu more records like these",
			    f->nevidence - EVIDENCE_SHOWN);
			emit_line(r, "   - ", 5);
		}
	}
}

static void
text_walk(struct report *r)
{
	struct walk *w = r->a->walk;
	size_t n = walk_nhistory(w);

	text_heading(r, "Walk");
	if (n == 0) {
		buf_adds(&r->line, "No question could be answered from the "
		    "logs or the answers given.");
		emit_line(r, "  ", 2);
	}
	for (size_t i = 0; i < n; i++) {
		const struct walk_entry *e = walk_history(w, i);
		char num[32];

		snprintf(num, sizeof num, "  %zu. ", i + 1);
		add_str(r, &r->line, e->question);
		emit_line(r, num, strlen(num));
		add_str(r, &r->line, e->node);
		buf_adds(&r->line, " = ");
		add_str(r, &r->line, e->answer);
		buf_printf(&r->line, " (%s)", by_words(e->by));
		char pad[sizeof num];
		memset(pad, ' ', strlen(num));
		pad[strlen(num)] = '\0';
		emit_line(r, pad, strlen(num) + 2);
	}
}

static void
text_open(struct report *r)
{
	const struct walk_node *q = open_node(r);

	if (q == NULL)
		return;
	text_heading(r, "Open question");
	buf_adds(&r->line, "Neither the logs nor the answers given settle "
	    "this question, so the walk stops here:");
	emit_line(r, "  ", 2);
	buf_addc(&r->out, '\n');
	add_str(r, &r->line, q->id);
	buf_adds(&r->line, ": ");
	add_str(r, &r->line, q->text);
	emit_line(r, "  ", 4);
	if (q->detail != NULL) {
		buf_addc(&r->out, '\n');
		add_text(r, &r->line, q->detail, strlen(q->detail), 1);
		emit_line(r, "    ", 4);
	}
	if (q->nchoices == 0)
		return;
	buf_adds(&r->out, "\n  Choices:\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		add_str(r, &r->line, q->choices[i].key);
		if (q->choices[i].label != NULL &&
		    strcmp(q->choices[i].label, q->choices[i].key) != 0) {
			buf_adds(&r->line, ": ");
			add_str(r, &r->line, q->choices[i].label);
		}
		emit_line(r, "    ", 6);
	}
	buf_addc(&r->out, '\n');
	buf_adds(&r->line, "To answer it without the wizard, add a line such "
	    "as \"");
	add_str(r, &r->line, q->id);
	buf_adds(&r->line, " = ");
	add_str(r, &r->line, q->choices[0].key);
	buf_adds(&r->line, "\" to ");
	if (r->a->answers_file != NULL) {
		add_str(r, &r->line, r->a->answers_file);
		buf_adds(&r->line, " and run the report again.");
	} else
		buf_adds(&r->line, "a file and run the report again with "
		    "--answers FILE.");
	emit_line(r, "  ", 2);
}

static void
text_verdict(struct report *r)
{
	const struct walk_node *v = verdict_node(r);

	text_heading(r, "Verdict");
	if (v == NULL) {
		if (r->a->walk == NULL)
			buf_adds(&r->line, "None: the decision trees were not "
			    "walked.");
		else if (open_node(r) != NULL)
			buf_adds(&r->line, "None yet: the open question above "
			    "needs an answer.");
		else
			buf_adds(&r->line, "None.");
		emit_line(r, "  ", 2);
	} else {
		add_str(r, &r->line, v->text);
		emit_line(r, "  ", 2);
		if (v->detail != NULL) {
			buf_addc(&r->out, '\n');
			add_text(r, &r->line, v->detail, strlen(v->detail), 1);
			emit_line(r, "  ", 2);
		}
		if (v->nsteps > 0)
			buf_adds(&r->out, "\n  Steps:\n");
		for (size_t i = 0; i < v->nsteps; i++) {
			char num[32];
			snprintf(num, sizeof num, "  %2zu. ", i + 1);
			add_text(r, &r->line, v->steps[i], strlen(v->steps[i]), 1);
			emit_line(r, num, strlen(num));
		}
		if (v->nrefs > 0) {
			buf_addc(&r->out, '\n');
			buf_adds(&r->line, "References: ");
			for (size_t i = 0; i < v->nrefs; i++) {
				if (i > 0)
					buf_adds(&r->line, ", ");
				add_str(r, &r->line, v->refs[i]);
			}
			emit_line(r, "  ", 4);
		}
	}
	size_t nc = ncollect(r);
	if (nc > 0) {
		text_heading(r, "What to collect next");
		for (size_t i = 0; i < nc; i++) {
			add_str(r, &r->line, collect(r, i));
			emit_line(r, "  ", 4);
		}
	}
}

static void
text_codes(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_ncodes(an);

	text_heading(r, "Codes seen");
	if (n == 0) {
		buf_adds(&r->out, "  None.\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct code_seen *c = analysis_code(an, i);
		char hex[16];

		snprintf(hex, sizeof hex, "  0x%08X  ", (unsigned)c->hresult);
		add_str(r, &r->line, c->name != NULL ? c->name :
		    "(not in the code table)");
		if (c->count > 1)
			buf_printf(&r->line, ", seen %zu times", c->count);
		emit_line(r, hex, 14);
		if (c->meaning != NULL) {
			add_str(r, &r->line, c->meaning);
			emit_line(r, "              ", 14);
		}
	}
}

static void
write_text(struct report *r)
{
	buf_adds(&r->out, "VSS triage report\n=================\n");
	if (r->redact != NULL)
		buf_adds(&r->out, "Names, addresses and account SIDs are "
		    "replaced by pseudonyms.\n");
	text_inputs(r);
	text_findings(r);
	if (r->a->walk != NULL) {
		text_walk(r);
		text_open(r);
	}
	text_verdict(r);
	text_codes(r);
}

/* ------------------------------------------------------------------ */
/* Markdown: pastes into a ticket. */

/* A fenced block of s, indented to sit inside a list item. */
static void
md_block(struct report *r, const char *indent, const char *s, size_t len)
{
	size_t n = fmt_md_fence(s, len);

	buf_adds(&r->out, indent);
	for (size_t i = 0; i < n; i++)
		buf_addc(&r->out, '`');
	buf_addc(&r->out, '\n');
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - s) : len;
		if (end > i)
			buf_adds(&r->out, indent);
		buf_add(&r->out, s + i, end - i);
		buf_addc(&r->out, '\n');
		i = end + 1;
	}
	buf_adds(&r->out, indent);
	for (size_t k = 0; k < n; k++)
		buf_addc(&r->out, '`');
	buf_addc(&r->out, '\n');
}

/* Each line of s as a paragraph of its own, after sep. */
static void
md_lines(struct report *r, const char *sep, const char *s)
{
	while (*s != '\0') {
		size_t n = strcspn(s, "\n");
		char *one = xstrndup(s, n);
		buf_adds(&r->out, sep);
		add_md(r, &r->out, one);
		buf_addc(&r->out, '\n');
		free(one);
		s += n;
		while (*s == '\n')
			s++;
	}
}

static void
md_inputs(struct report *r)
{
	const struct ingest *ing = r->a->ing;

	buf_adds(&r->out, "\n## Inputs\n\n");
	if (ing->ninputs == 0)
		buf_adds(&r->out, "None.\n");
	for (size_t i = 0; i < ing->ninputs; i++) {
		const struct vs_input *in = &ing->inputs[i];

		buf_adds(&r->out, "- ");
		add_md_code(r, &r->out, in->name);
		buf_adds(&r->out, ": ");
		buf_reset(&r->line);
		input_summary(r, &r->line, i);
		/* Already redacted and safe: only escape. */
		fmt_md_text(&r->out, r->line.data, r->line.len);
		buf_reset(&r->line);
		buf_addc(&r->out, '\n');
		if (unreadable(r, i) != NULL)
			continue;
		if (in->unrecognised_lines > 0)
			buf_printf(&r->out, "  - %llu of %llu lines not "
			    "recognised (kept as plain text)\n",
			    (unsigned long long)in->unrecognised_lines,
			    (unsigned long long)in->lines);
		for (size_t j = 0; j < in->nnotes; j++) {
			buf_adds(&r->out, "  - note: ");
			add_md(r, &r->out, in->notes[j]);
			buf_addc(&r->out, '\n');
		}
		if (in->notes_dropped > 0)
			buf_printf(&r->out, "  - and %llu more notes like these\n",
			    (unsigned long long)in->notes_dropped);
	}
}

static void
md_findings(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_nfindings(an);

	buf_adds(&r->out, "\n## Findings\n");
	if (n == 0)
		buf_adds(&r->out, "\nNo tree of the knowledge base matches these "
		    "logs. The codes seen in them are decoded below.\n");
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = analysis_finding(an, i);

		buf_printf(&r->out, "\n### %zu. ", i + 1);
		add_md(r, &r->out, f->title != NULL ? f->title : f->tree);
		buf_adds(&r->out, "\n\nTree ");
		add_md_code(r, &r->out, f->tree);
		buf_printf(&r->out, ": %s, score %d.\n",
		    f->status == FINDING_MATCH ? "match" : "partial", f->score);
		if (f->nfacts > 0)
			buf_adds(&r->out, "\nFacts:\n\n");
		for (size_t j = 0; j < f->nfacts; j++) {
			buf_adds(&r->out, "- ");
			add_md_code(r, &r->out, f->facts[j].name);
			buf_adds(&r->out, ": ");
			add_md(r, &r->out, f->facts[j].value);
			buf_addc(&r->out, '\n');
		}
		if (f->nevidence > 0)
			buf_adds(&r->out, "\nEvidence:\n\n");
		for (size_t j = 0; j < f->nevidence && j < EVIDENCE_SHOWN; j++) {
			const struct evidence *ev = &f->evidence[j];
			struct buf ex;

			buf_adds(&r->out, "- ");
			add_md_code(r, &r->out, input_name(r, ev->rec->input));
			buf_addc(&r->out, ' ');
			buf_reset(&r->line);
			evidence_where(r, &r->line, ev->rec);
			fmt_md_text(&r->out, r->line.data, r->line.len);
			buf_reset(&r->line);
			buf_adds(&r->out, "\n\n");
			buf_init(&ex);
			evidence_excerpt(&ex, ev);
			add_text(r, &r->line, ex.data, ex.len, 1);
			buf_free(&ex);
			if (r->line.len > 0)
				md_block(r, "  ", r->line.data, r->line.len);
			buf_reset(&r->line);
		}
		if (f->nevidence > EVIDENCE_SHOWN)
			buf_printf(&r->out, "- and %zu more records like these\n",
			    f->nevidence - EVIDENCE_SHOWN);
	}
}

static void
md_walk(struct report *r)
{
	struct walk *w = r->a->walk;
	size_t n = walk_nhistory(w);
	const struct walk_node *q = open_node(r);

	buf_adds(&r->out, "\n## Walk\n\n");
	if (n == 0)
		buf_adds(&r->out, "No question could be answered from the logs "
		    "or the answers given.\n");
	for (size_t i = 0; i < n; i++) {
		const struct walk_entry *e = walk_history(w, i);

		buf_printf(&r->out, "%zu. ", i + 1);
		add_md(r, &r->out, e->question);
		buf_adds(&r->out, "  \n   ");
		buf_reset(&r->line);
		add_str(r, &r->line, e->node);
		buf_adds(&r->line, " = ");
		add_str(r, &r->line, e->answer);
		fmt_md_code(&r->out, r->line.data, r->line.len);
		buf_reset(&r->line);
		buf_printf(&r->out, " (%s)\n", by_words(e->by));
	}
	if (q == NULL)
		return;
	buf_adds(&r->out, "\n## Open question\n\nNeither the logs nor the "
	    "answers given settle this question, so the walk stops here:\n\n> ");
	add_md(r, &r->out, q->text);
	buf_addc(&r->out, '\n');
	if (q->detail != NULL)
		md_lines(r, ">\n> ", q->detail);
	if (q->nchoices > 0) {
		buf_addc(&r->out, '\n');
		for (size_t i = 0; i < q->nchoices; i++) {
			buf_adds(&r->out, "- ");
			add_md_code(r, &r->out, q->choices[i].key);
			if (q->choices[i].label != NULL &&
			    strcmp(q->choices[i].label, q->choices[i].key) != 0) {
				buf_adds(&r->out, ": ");
				add_md(r, &r->out, q->choices[i].label);
			}
			buf_addc(&r->out, '\n');
		}
		buf_adds(&r->out, "\nTo answer it without the wizard, add a line "
		    "such as ");
		buf_reset(&r->line);
		add_str(r, &r->line, q->id);
		buf_adds(&r->line, " = ");
		add_str(r, &r->line, q->choices[0].key);
		fmt_md_code(&r->out, r->line.data, r->line.len);
		buf_reset(&r->line);
		buf_adds(&r->out, " to ");
		if (r->a->answers_file != NULL) {
			add_md_code(r, &r->out, r->a->answers_file);
			buf_adds(&r->out, " and run the report again.\n");
		} else
			buf_adds(&r->out, "a file and run the report again with "
			    "`--answers FILE`.\n");
	}
}

static void
md_verdict(struct report *r)
{
	const struct walk_node *v = verdict_node(r);

	buf_adds(&r->out, "\n## Verdict\n\n");
	if (v == NULL) {
		if (r->a->walk == NULL)
			buf_adds(&r->out, "None: the decision trees were not "
			    "walked.\n");
		else if (open_node(r) != NULL)
			buf_adds(&r->out, "None yet: the open question above "
			    "needs an answer.\n");
		else
			buf_adds(&r->out, "None.\n");
	} else {
		buf_adds(&r->out, "**");
		add_md(r, &r->out, v->text);
		buf_adds(&r->out, "**\n");
		if (v->detail != NULL)
			md_lines(r, "\n", v->detail);
		if (v->nsteps > 0)
			buf_adds(&r->out, "\nSteps:\n\n");
		for (size_t i = 0; i < v->nsteps; i++) {
			buf_printf(&r->out, "%zu. ", i + 1);
			add_md(r, &r->out, v->steps[i]);
			buf_addc(&r->out, '\n');
		}
		if (v->nrefs > 0) {
			buf_adds(&r->out, "\nReferences: ");
			for (size_t i = 0; i < v->nrefs; i++) {
				if (i > 0)
					buf_adds(&r->out, ", ");
				add_md(r, &r->out, v->refs[i]);
			}
			buf_addc(&r->out, '\n');
		}
	}
	size_t nc = ncollect(r);
	if (nc > 0) {
		buf_adds(&r->out, "\n## What to collect next\n\n");
		for (size_t i = 0; i < nc; i++) {
			buf_adds(&r->out, "- ");
			add_md_code(r, &r->out, collect(r, i));
			buf_addc(&r->out, '\n');
		}
	}
}

static void
md_codes(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_ncodes(an);

	buf_adds(&r->out, "\n## Codes seen\n\n");
	if (n == 0)
		buf_adds(&r->out, "None.\n");
	for (size_t i = 0; i < n; i++) {
		const struct code_seen *c = analysis_code(an, i);

		buf_printf(&r->out, "- `0x%08X`", (unsigned)c->hresult);
		if (c->name != NULL) {
			buf_addc(&r->out, ' ');
			add_md_code(r, &r->out, c->name);
		} else
			buf_adds(&r->out, " (not in the code table)");
		if (c->count > 1)
			buf_printf(&r->out, ", seen %zu times", c->count);
		if (c->meaning != NULL) {
			buf_adds(&r->out, ": ");
			add_md(r, &r->out, c->meaning);
		}
		buf_addc(&r->out, '\n');
	}
}

static void
write_markdown(struct report *r)
{
	buf_adds(&r->out, "# VSS triage report\n");
	if (r->redact != NULL)
		buf_adds(&r->out, "\nNames, addresses and account SIDs are "
		    "replaced by pseudonyms.\n");
	md_inputs(r);
	md_findings(r);
	if (r->a->walk != NULL)
		md_walk(r);
	md_verdict(r);
	md_codes(r);
}

/* ------------------------------------------------------------------ */
/* JSON: the contract in DESIGN.md, then additions; keys in a fixed order. */

/* Starts a member of an object on a line of its own. */
static void
json_member(struct buf *b, int indent, int first)
{
	if (!first)
		buf_addc(b, ',');
	buf_addc(b, '\n');
	for (int i = 0; i < indent; i++)
		buf_addc(b, ' ');
}

static void
json_key(struct buf *b, int indent, const char *key, int first)
{
	json_member(b, indent, first);
	buf_printf(b, "\"%s\": ", key);
}

/* Opens the i-th element of an array at indent. */
static void
json_elem(struct buf *b, int indent, size_t i)
{
	buf_adds(b, i == 0 ? "\n" : ",\n");
	for (int k = 0; k < indent; k++)
		buf_addc(b, ' ');
}

static void
json_close(struct buf *b, int indent, char c, size_t n)
{
	if (n > 0) {
		buf_addc(b, '\n');
		for (int k = 0; k < indent; k++)
			buf_addc(b, ' ');
	}
	buf_addc(b, c);
}

static void
json_inputs(struct report *r)
{
	const struct ingest *ing = r->a->ing;
	struct buf *b = &r->out;

	json_key(b, 2, "inputs", 1);
	buf_addc(b, '[');
	for (size_t i = 0; i < ing->ninputs; i++) {
		const struct vs_input *in = &ing->inputs[i];
		const char *cause = unreadable(r, i);

		json_elem(b, 4, i);
		buf_addc(b, '{');
		json_key(b, 6, "name", 1);
		add_json(r, b, in->name);
		json_key(b, 6, "format", 0);
		add_json(r, b, in->format);
		json_key(b, 6, "records", 0);
		buf_printf(b, "%llu", (unsigned long long)in->records);
		json_key(b, 6, "errors", 0);
		buf_printf(b, "%llu", (unsigned long long)in->errors);
		json_key(b, 6, "unreadable", 0);
		add_json(r, b, cause != NULL ? cause_text(cause, in->name) :
		    NULL);
		json_key(b, 6, "recovered", 0);
		buf_printf(b, "%llu", (unsigned long long)in->recovered);
		json_key(b, 6, "lines", 0);
		buf_printf(b, "%llu", (unsigned long long)in->lines);
		json_key(b, 6, "unrecognised_lines", 0);
		buf_printf(b, "%llu", (unsigned long long)in->unrecognised_lines);
		json_key(b, 6, "flags", 0);
		buf_addc(b, '[');
		static const struct { unsigned flag; const char *name; } fl[] = {
			{ VS_INPUT_DIRTY, "dirty" },
			{ VS_INPUT_CORRUPTED, "corrupted" },
			{ VS_INPUT_TRUNCATED, "truncated" },
		};
		int nfl = 0;
		for (size_t k = 0; k < sizeof fl / sizeof fl[0]; k++)
			if (in->flags & fl[k].flag)
				buf_printf(b, "%s\"%s\"", nfl++ ? ", " : "",
				    fl[k].name);
		buf_addc(b, ']');
		json_key(b, 6, "notes", 0);
		buf_addc(b, '[');
		for (size_t k = 0; k < in->nnotes; k++) {
			json_elem(b, 8, k);
			add_json(r, b, in->notes[k]);
		}
		json_close(b, 6, ']', in->nnotes);
		json_key(b, 6, "notes_dropped", 0);
		buf_printf(b, "%llu", (unsigned long long)in->notes_dropped);
		json_close(b, 4, '}', 1);
	}
	json_close(b, 2, ']', ing->ninputs);
}

static void
json_evidence(struct report *r, const struct evidence *ev)
{
	struct buf *b = &r->out;
	const struct vs_record *rec = ev->rec;
	char loc[64], when[64];
	struct buf ex;

	record_format_locator(rec, loc, sizeof loc);
	record_format_time(rec->time, rec->tz, when, sizeof when);
	buf_addc(b, '{');
	json_key(b, 10, "input", 1);
	add_json(r, b, input_name(r, rec->input));
	json_key(b, 10, "locator", 0);
	add_json(r, b, loc);
	json_key(b, 10, "time", 0);
	add_json(r, b, when);
	json_key(b, 10, "text", 0);
	buf_init(&ex);
	evidence_excerpt(&ex, ev);
	add_json_n(r, b, ex.data != NULL ? ex.data : "", ex.len);
	buf_free(&ex);
	json_key(b, 10, "field", 0);
	add_json(r, b, ev->field != NULL ? ev->field : "message");
	json_key(b, 10, "kind", 0);
	add_json(r, b, record_kind_name(rec->kind));
	json_key(b, 10, "provider", 0);
	add_json(r, b, rec->provider);
	json_key(b, 10, "computer", 0);
	add_json(r, b, rec->computer);
	json_key(b, 10, "event_id", 0);
	if (rec->kind == VS_KIND_EVENT)
		buf_printf(b, "%u", (unsigned)rec->event_id);
	else
		buf_adds(b, "null");
	json_key(b, 10, "time_zone", 0);
	buf_adds(b, rec->tz == VS_TZ_UTC ? "\"utc\"" :
	    rec->tz == VS_TZ_LOCAL ? "\"local\"" : "null");
	json_close(b, 8, '}', 1);
}

static void
json_findings(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_nfindings(an);
	struct buf *b = &r->out;

	json_key(b, 2, "findings", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = analysis_finding(an, i);

		json_elem(b, 4, i);
		buf_addc(b, '{');
		json_key(b, 6, "tree", 1);
		add_json(r, b, f->tree);
		json_key(b, 6, "status", 0);
		buf_adds(b, f->status == FINDING_MATCH ? "\"match\"" :
		    "\"partial\"");
		json_key(b, 6, "score", 0);
		buf_printf(b, "%d", f->score);
		json_key(b, 6, "facts", 0);
		buf_addc(b, '{');
		for (size_t j = 0; j < f->nfacts; j++) {
			json_member(b, 8, j == 0);
			add_json(r, b, f->facts[j].name);
			buf_adds(b, ": ");
			add_json(r, b, f->facts[j].value);
		}
		json_close(b, 6, '}', f->nfacts);
		json_key(b, 6, "evidence", 0);
		buf_addc(b, '[');
		size_t ne = f->nevidence < EVIDENCE_JSON ? f->nevidence :
		    EVIDENCE_JSON;
		for (size_t j = 0; j < ne; j++) {
			json_elem(b, 8, j);
			json_evidence(r, &f->evidence[j]);
		}
		json_close(b, 6, ']', ne);
		json_key(b, 6, "evidence_omitted", 0);
		buf_printf(b, "%zu", f->nevidence - ne);
		json_key(b, 6, "title", 0);
		add_json(r, b, f->title);
		json_close(b, 4, '}', 1);
	}
	json_close(b, 2, ']', n);
}

static void
json_codes(struct report *r)
{
	const struct analysis *an = r->a->an;
	size_t n = analysis_ncodes(an);
	struct buf *b = &r->out;

	json_key(b, 2, "codes", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		const struct code_seen *c = analysis_code(an, i);

		json_elem(b, 4, i);
		buf_printf(b, "{\"hresult\": \"0x%08X\", \"name\": ",
		    (unsigned)c->hresult);
		add_json(r, b, c->name);
		buf_adds(b, ", \"meaning\": ");
		add_json(r, b, c->meaning);
		buf_printf(b, ", \"count\": %zu}", c->count);
	}
	json_close(b, 2, ']', n);
}

static void
json_walk(struct report *r)
{
	struct walk *w = r->a->walk;
	size_t n = w != NULL ? walk_nhistory(w) : 0;
	struct buf *b = &r->out;

	json_key(b, 2, "walk", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		const struct walk_entry *e = walk_history(w, i);

		json_elem(b, 4, i);
		buf_adds(b, "{\"node\": ");
		add_json(r, b, e->node);
		buf_adds(b, ", \"question\": ");
		add_json(r, b, e->question);
		buf_adds(b, ", \"answer\": ");
		add_json(r, b, e->answer);
		buf_printf(b, ", \"by\": \"%s\"}", by_json(e->by));
	}
	json_close(b, 2, ']', n);
}

static void
json_strings(struct report *r, const char *const *v, size_t n, int indent)
{
	struct buf *b = &r->out;

	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		json_elem(b, indent + 2, i);
		add_json(r, b, v[i]);
	}
	json_close(b, indent, ']', n);
}

static void
json_verdict(struct report *r)
{
	const struct walk_node *v = verdict_node(r);
	struct buf *b = &r->out;

	json_key(b, 2, "verdict", 0);
	if (v == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '{');
	json_key(b, 4, "id", 1);
	add_json(r, b, v->id);
	json_key(b, 4, "title", 0);
	add_json(r, b, v->text);
	json_key(b, 4, "steps", 0);
	json_strings(r, v->steps, v->nsteps, 4);
	json_key(b, 4, "why", 0);
	add_json(r, b, v->detail);
	json_key(b, 4, "refs", 0);
	json_strings(r, v->refs, v->nrefs, 4);
	json_close(b, 2, '}', 1);
}

static void
json_open(struct report *r)
{
	const struct walk_node *q = open_node(r);
	struct buf *b = &r->out;

	json_key(b, 2, "open", 0);
	if (q == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '{');
	json_key(b, 4, "node", 1);
	add_json(r, b, q->id);
	json_key(b, 4, "question", 0);
	add_json(r, b, q->text);
	json_key(b, 4, "detail", 0);
	add_json(r, b, q->detail);
	json_key(b, 4, "choices", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < q->nchoices; i++) {
		json_elem(b, 6, i);
		buf_adds(b, "{\"key\": ");
		add_json(r, b, q->choices[i].key);
		buf_adds(b, ", \"label\": ");
		add_json(r, b, q->choices[i].label);
		buf_addc(b, '}');
	}
	json_close(b, 4, ']', q->nchoices);
	json_close(b, 2, '}', 1);
}

static void
json_collect(struct report *r)
{
	size_t n = ncollect(r);
	struct buf *b = &r->out;

	json_key(b, 2, "collect", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		json_elem(b, 4, i);
		add_json(r, b, collect(r, i));
	}
	json_close(b, 2, ']', n);
}

static void
write_json(struct report *r)
{
	buf_addc(&r->out, '{');
	json_inputs(r);
	json_findings(r);
	json_codes(r);
	json_walk(r);
	json_verdict(r);
	json_open(r);
	json_collect(r);
	json_key(&r->out, 2, "redacted", 0);
	buf_adds(&r->out, r->redact != NULL ? "true" : "false");
	buf_adds(&r->out, "\n}\n");
}

/* ------------------------------------------------------------------ */

/* Computer names of the evidence are redacted wherever they appear;
 * instance and writer names never are. */
static void
learn_names(struct report *r)
{
	const struct analysis *an = r->a->an;

	for (size_t i = 0; i < analysis_nfindings(an); i++) {
		const struct finding *f = analysis_finding(an, i);
		for (size_t j = 0; j < f->nfacts; j++) {
			const char *name = f->facts[j].name;
			if (strcmp(name, "sql_instance") == 0 ||
			    strcmp(name, "writer") == 0 ||
			    strcmp(name, "provider") == 0)
				redact_keep(r->redact, f->facts[j].value);
		}
		for (size_t j = 0; j < f->nevidence; j++)
			redact_learn_computer(r->redact,
			    f->evidence[j].rec->computer);
	}
	if (r->node != NULL)
		for (size_t j = 0; j < r->node->nevidence; j++)
			redact_learn_computer(r->redact,
			    r->node->evidence[j].rec->computer);
	for (size_t i = 0; i < r->a->ncomputers; i++)
		redact_learn_computer(r->redact, r->a->computers[i]);
}

int
report_computers_cb(const struct vs_record *rec, void *arg)
{
	struct report_computers *c = arg;
	const char *name = rec->computer;

	/* Most logs come from one computer: the last name is the likely. */
	if (name != NULL && *name != '\0' &&
	    (c->n == 0 || strcmp(c->names[c->n - 1], name) != 0)) {
		size_t i;
		for (i = 0; i < c->n; i++)
			if (strcmp(c->names[i], name) == 0)
				break;
		if (i == c->n) {
			c->names = xreallocarray(c->names, c->n + 1,
			    sizeof *c->names);
			c->names[c->n++] = xstrdup(name);
		} else {
			/* Move it last, for the next record. */
			char *t = c->names[i];
			memmove(c->names + i, c->names + i + 1,
			    (c->n - i - 1) * sizeof *c->names);
			c->names[c->n - 1] = t;
		}
	}
	return c->next != NULL ? c->next(rec, c->next_arg) : 0;
}

void
report_computers_free(struct report_computers *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	c->names = NULL;
	c->n = 0;
}

int
report_write_args(FILE *f, const struct report_args *a)
{
	struct report r;
	int rc = 0;

	memset(&r, 0, sizeof r);
	r.a = a;
	if (a->walk != NULL)
		r.node = walk_current(a->walk);
	if (a->redact) {
		r.redact = redact_create();
		learn_names(&r);
	}
	buf_init(&r.out);
	buf_init(&r.line);
	buf_init(&r.tmp);
	buf_init(&r.tmp2);
	switch (a->format) {
	case OUT_MARKDOWN:
		write_markdown(&r);
		break;
	case OUT_JSON:
	case OUT_JSONL:
		write_json(&r);
		break;
	case OUT_TEXT:
		write_text(&r);
		break;
	}
	if (r.out.len > 0 && fwrite(r.out.data, 1, r.out.len, f) != r.out.len)
		rc = -1;
	if (fflush(f) == EOF || ferror(f))
		rc = -1;
	buf_free(&r.out);
	buf_free(&r.line);
	buf_free(&r.tmp);
	buf_free(&r.tmp2);
	redact_free(r.redact);
	return rc;
}

int
report_write(FILE *f, enum out_format format, const struct ingest *ing,
    const struct analysis *an, struct walk *walk, int redact)
{
	struct report_args a;

	memset(&a, 0, sizeof a);
	a.format = format;
	a.redact = redact;
	a.ing = ing;
	a.an = an;
	a.walk = walk;
	return report_write_args(f, &a);
}

/* ------------------------------------------------------------------ */
/* vsstriage --report */

/* A message on stderr with the text made safe: file names and causes
 * can hold anything. */
static void
warn_safe(const char *prefix, const char *msg)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "vsstriage: ");
	buf_adds(&b, prefix);
	buf_add_safe(&b, msg, strlen(msg), 0);
	buf_addc(&b, '\n');
	fputs(b.data, stderr);
	buf_free(&b);
}

/* Answers the walk never reached: a wrong node id, a wrong choice, or a
 * question on another path. Said on stderr; not fatal. */
static void
check_answers(const struct answers *ans, struct walk *w)
{
	const struct walk_node *cur = walk_current(w);

	for (size_t i = 0; i < ans->n; i++) {
		const struct answer *a = &ans->v[i];
		const struct walk_entry *e = NULL;
		char *msg;

		for (size_t j = 0; j < walk_nhistory(w) && e == NULL; j++)
			if (strcmp(walk_history(w, j)->node, a->node) == 0)
				e = walk_history(w, j);
		if (e != NULL && (e->by != WALK_BY_EVIDENCE ||
		    strcmp(e->answer, a->choice) == 0))
			continue;
		if (e != NULL)
			msg = xasprintf("%s:%d: %s = %s was not used: the "
			    "logs gave %s (a check only the logs decide, or "
			    "not one of its choices)", ans->file, a->line,
			    a->node, a->choice, e->answer);
		else if (cur != NULL && cur->kind == WALK_QUESTION &&
		    strcmp(cur->id, a->node) == 0)
			msg = xasprintf("%s:%d: \"%s\" is not a choice of %s",
			    ans->file, a->line, a->choice, a->node);
		else
			msg = xasprintf("%s:%d: %s was not asked: no such "
			    "question, or not on the path the logs and "
			    "answers lead to", ans->file, a->line, a->node);
		warn_safe("warning: ", msg);
		free(msg);
	}
}

int
cmd_report(const struct options *o)
{
	struct kb_diag *diags = NULL;
	size_t ndiags = 0;
	struct answers ans;
	struct ingest ing;
	char **causes = NULL;
	char *cause;
	int failed = 0, rc = 0;

	memset(&ans, 0, sizeof ans);
	if (o->answers != NULL && strcmp(o->answers, "-") == 0)
		for (size_t i = 0; i < o->ninputs; i++)
			if (strcmp(o->inputs[i], "-") == 0) {
				warn_safe("", "--answers - and the input - cannot "
				    "both be standard input");
				return 1;
			}
	if (o->answers != NULL && answers_load(&ans, o->answers, &cause) == -1) {
		warn_safe("", cause);
		free(cause);
		return 1;
	}

	const char *kbdir = options_kb_dir(o);
	struct kb *kb = kb_load(kbdir, &diags, &ndiags);
	for (size_t i = 0; i < ndiags; i++) {
		char *msg = diags[i].line > 0 ?
		    xasprintf("%s:%d: %s", diags[i].file, diags[i].line,
		    diags[i].message) : xasprintf("%s: %s",
		    diags[i].file != NULL ? diags[i].file : kbdir,
		    diags[i].message);
		warn_safe(kb != NULL ? "warning: " : "", msg);
		free(msg);
	}
	kb_diags_free(diags, ndiags);
	if (kb == NULL) {
		warn_safe("no knowledge base could be loaded from ", kbdir);
		answers_free(&ans);
		return 2;
	}

	/* With --prefilter the .evtx and text readers skip what no rule
	 * can use. */
	size_t nprov = kb_any_provider(kb) ? 0 : kb_nproviders(kb);
	const char **prov = xcalloc(nprov + 1, sizeof *prov);
	for (size_t i = 0; i < nprov; i++)
		prov[i] = kb_provider(kb, i);

	struct analysis *an = analysis_create(kb);
	struct report_computers computers;
	memset(&computers, 0, sizeof computers);
	computers.next = analysis_add_record;
	computers.next_arg = an;
	ingest_init(&ing, o->redact ? report_computers_cb : analysis_add_record,
	    o->redact ? (void *)&computers : (void *)an);
	ing.tz = o->tz;
	ing.providers = prov;
	ing.nproviders = nprov;
	ing.prefilter = !o->no_prefilter;
	for (size_t i = 0; i < o->ninputs; i++) {
		size_t before = ing.ninputs;
		int ok = ingest_path(&ing, o->inputs[i], &cause) == 0;
		if (!ok) {
			warn_safe("", cause);
			failed = 1;
			/* The report lists the input with what was wrong. */
			if (ing.ninputs == before)
				ingest_add_input(&ing, o->inputs[i]);
		}
		causes = xreallocarray(causes, ing.ninputs + 1, sizeof *causes);
		for (size_t j = before; j < ing.ninputs; j++) {
			if (ok) {
				causes[j] = NULL;
				/* A file of a folder that could not be read. */
				if (ing.inputs[j].unreadable != NULL)
					warn_safe("", ing.inputs[j].unreadable);
			}
			else
				causes[j] = j == before ? cause :
				    xstrdup("could not be read");
		}
	}
	for (size_t i = 0; i < ing.ninputs; i++)
		if (ing.inputs[i].unreadable != NULL)
			failed = 1;
	analysis_finish(an);

	struct walk *w = walk_start(kb, an, NULL);
	if (w != NULL) {
		walk_auto(w, (const char *const *)ans.lines, ans.n);
		check_answers(&ans, w);
	}

	struct report_args a;
	memset(&a, 0, sizeof a);
	a.format = o->format;
	a.redact = o->redact;
	a.ing = &ing;
	a.an = an;
	a.walk = w;
	a.kb = kb;
	a.unreadable = (const char *const *)causes;
	a.answers_file = o->answers;
	a.computers = (const char *const *)computers.names;
	a.ncomputers = computers.n;
	if (report_write_args(stdout, &a) == -1) {
		warn_safe("cannot write the report: ", strerror(errno));
		rc = 2;
	} else if (failed)
		rc = 2;

	walk_free(w);
	for (size_t i = 0; causes != NULL && i < ing.ninputs; i++)
		free(causes[i]);
	free(causes);
	ingest_free(&ing);
	report_computers_free(&computers);
	free(prov);
	analysis_free(an);
	kb_free(kb);
	answers_free(&ans);
	return rc;
}
