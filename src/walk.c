/* walk.c -- the wizard's state machine over the KB's nodes: questions
 * (pre-answered from the evidence when it can), checks that branch by
 * themselves, verdicts. Every answer is kept with who gave it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "kbint.h"
#include "walk.h"
#include "xmalloc.h"

#define WALK_MAX_STEPS 1000 /* a bound, though the loader refuses cycles */

struct hist {
	int		 node;
	int		 tree;		/* the tree the walk was in */
	enum walk_by	 by;
	int check; /* taken by a check, not asked */
	struct walk_entry e;
};

struct walk {
	const struct kb		*kb;
	const struct analysis	*an;
	int			 cur;
	int			 tree;
	struct hist		*h;
	size_t			 nh;
	struct arena		*strings;	/* history texts */
	struct arena *view; /* the current node's view */
	struct walk_node	 node;
};

/* The fact a "fact.capture" or "fact" placeholder names, or -1. */
static int
fact_of(const struct kb *kb, const char *name)
{
	const char *dot = strchr(name, '.');
	if (dot == NULL)
		return kb_find_fact(kb, name);
	char *f = xstrndup(name, (size_t)(dot - name));
	int fi = kb_find_fact(kb, f);
	free(f);
	return fi;
}

/* Fills {name} placeholders: an exposed fact of the current tree, of
 * any tree, or FACT.CAPTURE; {codes} lists the codes seen. When used is
 * not NULL, the facts that gave a value are marked in it. */
static void
render_marking(const struct walk *w, const char *s, struct buf *out,
    unsigned char *used)
{
	const struct analysis *an = w->an;

	for (; *s != '\0'; s++) {
		size_t len = *s == '{' ? kb_placeholder(s) : 0;
		if (len == 0) {
			buf_addc(out, *s);
			continue;
		}
		const char *c = s + 1 + len;
		char *name = xstrndup(s + 1, (size_t)(c - s - 1));
		const char *v = NULL;
		int fi = -1;
		if (an != NULL && w->tree >= 0 && strchr(name, '.') == NULL)
			v = analysis_exposed(an, w->tree, name, &fi);
		if (an != NULL && v == NULL && strcmp(name, "codes") != 0) {
			v = analysis_fact(an, name, NULL, NULL);
			fi = fact_of(w->kb, name);
		}
		if (used != NULL && v != NULL && fi >= 0)
			used[fi] = 1;
		if (strcmp(name, "codes") == 0) {
			size_t n = an != NULL ? analysis_ncodes(an) : 0;
			for (size_t i = 0; i < n; i++) {
				const struct code_seen *cs =
				    analysis_code(an, i);
				buf_printf(out, "%s0x%08X", i > 0 ? ", " : "",
				    (unsigned)cs->hresult);
				if (cs->name != NULL)
					buf_printf(out, " %s", cs->name);
			}
			if (n == 0)
				buf_adds(out, "(no error code in the logs)");
		} else if (v != NULL)
			buf_adds(out, v);
		else
			buf_printf(out, "(%s: not in the logs)", name);
		free(name);
		s = c;
	}
}

static void
render(const struct walk *w, const char *s, struct buf *out)
{
	render_marking(w, s, out, NULL);
}

static const char *
render_in(const struct walk *w, struct arena *a, const char *s)
{
	struct buf b;

	if (s == NULL)
		return NULL;
	buf_init(&b);
	render(w, s, &b);
	const char *r = arena_strdup(a, b.len > 0 ? b.data : "");
	buf_free(&b);
	return r;
}

/* The choices of a node as shown: for "choices findings", one per
 * finding (best first) before the node's own. */
struct shown {
	const char	*key;
	const char	*label;
	int		 target;
	const struct kb_cond *when;
};

static size_t
shown_choices(const struct walk *w, const struct kb_node *n, struct shown **out)
{
	size_t nf =
	    n->findings && w->an != NULL ? analysis_nfindings(w->an) : 0;
	struct shown *v = xcalloc(nf + n->nchoices + 1, sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < nf; i++) {
		const struct finding *f = analysis_finding(w->an, i);
		int t = analysis_finding_tree(w->an, i);
		if (t < 0 || w->kb->trees[t].start_node < 0)
			continue;
		v[k].key = f->tree;
		v[k].label = f->title;
		v[k].target = w->kb->trees[t].start_node;
		k++;
	}
	for (size_t i = 0; i < n->nchoices; i++) {
		v[k].key = n->choices[i].key;
		v[k].label = n->choices[i].label;
		v[k].target = n->choices[i].target_node;
		v[k].when = n->choices[i].when;
		k++;
	}
	*out = v;
	return k;
}

/* Which choice the evidence gives: the best finding for a findings
 * node when it is a match, else the first choice whose when holds.
 * -1 if none. */
static int
preanswer(const struct walk *w, const struct kb_node *n, const struct shown *c,
    size_t nc, unsigned char *used)
{
	size_t nf = n->findings && w->an != NULL ? nc - n->nchoices : 0;

	/* A match is followed; when only partial findings point somewhere,
	 * the operator chooses. */
	if (nf > 0)
		return analysis_finding(w->an, 0)->status == FINDING_MATCH ? 0 :
									     -1;
	for (size_t i = 0; i < nc; i++) {
		if (c[i].when == NULL)
			continue;
		if (w->an == NULL) {
			if (c[i].when->kind == KB_COND_TRUE)
				return (int)i;
			continue;
		}
		if (used != NULL)
			memset(used, 0, w->kb->nfacts + 1);
		if (analysis_cond(w->an, c[i].when, used))
			return (int)i;
	}
	return -1;
}

static void
push(struct walk *w, int node, const char *key, enum walk_by by, int check)
{
	const struct kb_node *n = &w->kb->nodes[node];

	w->h = xreallocarray(w->h, w->nh + 1, sizeof *w->h);
	struct hist *h = &w->h[w->nh++];
	memset(h, 0, sizeof *h);
	h->node = node;
	h->tree = w->tree;
	h->by = by;
	h->check = check;
	h->e.node = n->id;
	h->e.question = render_in(w, w->strings, n->text);
	h->e.answer = arena_strdup(w->strings, key);
	h->e.by = by;
}

static void
go(struct walk *w, int node)
{
	w->cur = node;
	if (node >= 0 && w->kb->nodes[node].tree >= 0)
		w->tree = w->kb->nodes[node].tree;
}

/* Checks decide by themselves: follow them to a question or verdict. */
static void
settle(struct walk *w)
{
	for (int steps = 0; steps < WALK_MAX_STEPS && w->cur >= 0; steps++) {
		const struct kb_node *n = &w->kb->nodes[w->cur];
		if (n->kind != KB_NODE_CHECK)
			return;
		struct shown *c;
		size_t nc = shown_choices(w, n, &c);
		size_t pick = nc - 1;	/* the last branch has no when */
		for (size_t i = 0; i < nc; i++)
			if (c[i].when == NULL || (w->an != NULL &&
			    analysis_cond(w->an, c[i].when, NULL))) {
				pick = i;
				break;
			}
		push(w, w->cur, c[pick].key, WALK_BY_EVIDENCE, 1);
		int next = c[pick].target;
		free(c);
		go(w, next);
	}
}

struct walk *
walk_start(const struct kb *kb, const struct analysis *an, const char *tree)
{
	int t, start = -1;

	if (kb == NULL)
		return NULL;
	if (tree == NULL) {
		t = kb_find_tree(kb, "triage");
		if (t >= 0 && kb->trees[t].broken)
			t = -1;
		if (t < 0 && an != NULL && analysis_nfindings(an) > 0)
			t = analysis_finding_tree(an, 0);
		if (t < 0)
			t = kb_find_tree(kb, "fallback");
	} else
		t = kb_find_tree(kb, tree);
	if (t < 0 || kb->trees[t].broken ||
	    (start = kb->trees[t].start_node) < 0)
		return NULL;

	struct walk *w = xcalloc(1, sizeof *w);
	w->kb = kb;
	w->an = an;
	w->tree = t;
	w->strings = arena_create();
	w->view = arena_create();
	go(w, start);
	settle(w);
	return w;
}

void
walk_free(struct walk *w)
{
	if (w == NULL)
		return;
	arena_free(w->strings);
	arena_free(w->view);
	free(w->h);
	free(w);
}

static void
gather_evidence(const struct walk *w, const unsigned char *used,
    struct walk_node *out)
{
	size_t cap = 0, n = 0;
	const struct evidence **v = NULL;

	for (size_t fi = 0; used != NULL && fi < w->kb->nfacts; fi++) {
		const struct evidence *ev;
		size_t nev;
		if (!used[fi])
			continue;
		analysis_fact_evidence(w->an, (int)fi, &ev, &nev);
		for (size_t i = 0; i < nev; i++) {
			if (n == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[n++] = &ev[i];
		}
	}
	if (n > 0) {
		struct evidence *flat = arena_alloc(w->view, n * sizeof *flat);
		for (size_t i = 0; i < n; i++)
			flat[i] = *v[i];
		out->evidence = flat;
	}
	out->nevidence = n;
	free(v);
}

const struct walk_node *
walk_current(struct walk *w)
{
	struct walk_node *o = &w->node;

	if (w->cur < 0)
		return NULL;
	const struct kb_node *n = &w->kb->nodes[w->cur];
	arena_reset(w->view);
	memset(o, 0, sizeof *o);
	o->id = n->id;
	o->kind = n->kind == KB_NODE_VERDICT ? WALK_VERDICT : WALK_QUESTION;
	o->text = render_in(w, w->view, n->text);
	o->detail = render_in(w, w->view, n->detail);
	o->preanswer = -1;
	if (n->kind != KB_NODE_VERDICT) {
		struct shown *c;
		size_t nc = shown_choices(w, n, &c);
		struct walk_choice *wc =
		    arena_alloc(w->view, (nc + 1) * sizeof *wc);
		for (size_t i = 0; i < nc; i++) {
			wc[i].key = c[i].key;
			wc[i].label = render_in(w, w->view, c[i].label);
		}
		o->choices = wc;
		o->nchoices = nc;
		unsigned char *used = xcalloc(w->kb->nfacts + 1, 1);
		o->preanswer = preanswer(w, n, c, nc, used);
		if (o->preanswer >= 0 && n->findings &&
		    (size_t)o->preanswer < nc - n->nchoices) {
			const struct finding *f =
			    analysis_finding(w->an, (size_t)o->preanswer);
			o->evidence = f->evidence;
			o->nevidence = f->nevidence;
		} else if (o->preanswer >= 0 && w->an != NULL)
			gather_evidence(w, used, o);
		else if (w->an != NULL) {
			/* No pre-answer: the records behind the facts the
			 * question names ("the instance SBSMONITORING")
			 * are still what the operator wants to see. */
			struct buf scratch;
			buf_init(&scratch);
			memset(used, 0, w->kb->nfacts + 1);
			render_marking(w, n->text, &scratch, used);
			if (n->detail != NULL)
				render_marking(w, n->detail, &scratch, used);
			buf_free(&scratch);
			gather_evidence(w, used, o);
		}
		free(used);
		free(c);
		return o;
	}
	/* A verdict: its steps, with {codes} as one step per code. */
	size_t cap = n->nsteps + 1, k = 0;
	size_t ncodes = w->an != NULL ? analysis_ncodes(w->an) : 0;
	for (size_t i = 0; i < n->nsteps; i++)
		if (strcmp(n->steps[i], "{codes}") == 0)
			cap += ncodes;
	const char **steps = arena_alloc(w->view, cap * sizeof *steps);
	for (size_t i = 0; i < n->nsteps; i++) {
		if (strcmp(n->steps[i], "{codes}") != 0) {
			steps[k++] = render_in(w, w->view, n->steps[i]);
			continue;
		}
		if (ncodes == 0)
			steps[k++] = "No error code was found in the logs.";
		for (size_t j = 0; j < ncodes; j++) {
			const struct code_seen *cs = analysis_code(w->an, j);
			char *s;
			if (cs->name != NULL)
				s = xasprintf("0x%08X %s: %s (seen %zu times)",
				    (unsigned)cs->hresult, cs->name,
				    cs->meaning != NULL ? cs->meaning : "",
				    cs->count);
			else
				s = xasprintf(
				    "0x%08X: not in the code table; look it "
				    "up with vsstriage --lookup (seen %zu "
				    "times)",
				    (unsigned)cs->hresult, cs->count);
			steps[k++] = arena_strdup(w->view, s);
			free(s);
		}
	}
	o->steps = steps;
	o->nsteps = k;
	if (n->nrefs > 0) {
		o->refs = (const char *const *)n->refs;
		o->nrefs = n->nrefs;
	} else if (n->tree >= 0) {
		o->refs = (const char *const *)w->kb->trees[n->tree].refs;
		o->nrefs = w->kb->trees[n->tree].nrefs;
	}
	return o;
}

int
walk_answer(struct walk *w, size_t choice, enum walk_by by)
{
	if (w->cur < 0)
		return -1;
	const struct kb_node *n = &w->kb->nodes[w->cur];
	if (n->kind != KB_NODE_QUESTION)
		return -1;
	struct shown *c;
	size_t nc = shown_choices(w, n, &c);
	if (choice >= nc) {
		free(c);
		return -1;
	}
	int pre = preanswer(w, n, c, nc, NULL);
	if (by == WALK_BY_OPERATOR && pre >= 0 && (size_t)pre != choice)
		by = WALK_BY_OVERRIDE;
	push(w, w->cur, c[choice].key, by, 0);
	int next = c[choice].target;
	free(c);
	go(w, next);
	settle(w);
	return 0;
}

int
walk_back(struct walk *w)
{
	/* Checks go with the answer that led to them. With no answer to
	 * take back, the walk stays where it is. */
	size_t i = w->nh;
	while (i > 0 && w->h[i - 1].check)
		i--;
	if (i == 0)
		return -1;
	w->nh = i - 1;
	w->cur = w->h[w->nh].node;
	w->tree = w->h[w->nh].tree;
	return 0;
}

void
walk_auto(struct walk *w, const char *const *answers, size_t nanswers)
{
	for (int steps = 0; steps < WALK_MAX_STEPS && w->cur >= 0; steps++) {
		const struct kb_node *n = &w->kb->nodes[w->cur];
		if (n->kind != KB_NODE_QUESTION)
			return;
		struct shown *c;
		size_t nc = shown_choices(w, n, &c);
		size_t idlen = strlen(n->id);
		int pick = -1;
		enum walk_by by = WALK_BY_OPERATOR;
		/* The last answer given for a node wins. */
		for (size_t i = 0; i < nanswers; i++) {
			const char *a = answers[i];
			if (strncmp(a, n->id, idlen) != 0 || a[idlen] != '=')
				continue;
			for (size_t k = 0; k < nc; k++)
				if (strcmp(a + idlen + 1, c[k].key) == 0)
					pick = (int)k;
		}
		if (pick < 0) {
			pick = preanswer(w, n, c, nc, NULL);
			by = WALK_BY_EVIDENCE;
		}
		free(c);
		if (pick < 0)
			return;
		walk_answer(w, (size_t)pick, by);
	}
}

size_t
walk_nhistory(const struct walk *w)
{
	return w->nh;
}

const struct walk_entry *
walk_history(const struct walk *w, size_t i)
{
	return i < w->nh ? &w->h[i].e : NULL;
}

const char *
walk_tree(const struct walk *w)
{
	return w->tree >= 0 ? w->kb->trees[w->tree].id : NULL;
}
