/* analysis.c -- the KB's rules run over records: each fact's candidate
 * records are kept as they arrive (only those, so big inputs stay
 * bounded), then analysis_finish applies the time and value relations,
 * picks each fact's value and ranks the trees. */
#include "config.h"
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "analysis.h"
#include "buf.h"
#include "codes.h"
#include "kbint.h"
#include "xmalloc.h"

/* A fact keeps at most this many candidate records; more are counted. */
#define MAX_CANDS	4096
/* Evidence shown for a fact that keeps all its records. */
#define MAX_EVIDENCE	50
#define MAX_CODES_PER_RECORD 16

struct cand {
	const struct vs_record	*rec;
	uint64_t		 seq;
	const char		**vals;	/* per capname, or NULL */
	const char		*field;
	size_t			 start, end;
	int			 alive;
};

struct factstate {
	struct cand	*c;
	size_t		 n;
	size_t		 cap;
	uint64_t	 dropped;	/* beyond MAX_CANDS */
	/* Results of analysis_finish. */
	int		 done;
	size_t		 count;
	int		 chosen;
	const char	**value;	/* per capname */
	struct evidence	*ev;
	size_t		 nev;
	char		 countstr[24];
};

struct analysis {
	const struct kb		*kb;
	struct arena		*arena;	/* records kept, captures */
	struct arena		*res;	/* the last finish's results */
	struct factstate	*fs;
	uint64_t		 seq;
	struct buf		 msg;
	struct code_seen	*codes;
	size_t			 ncodes;
	struct finding		*findings;
	size_t			 nfindings;
	int			*finding_tree;	/* tree of a finding */
};

struct analysis *
analysis_create(const struct kb *kb)
{
	struct analysis *an = xcalloc(1, sizeof *an);

	an->kb = kb;
	an->arena = arena_create();
	an->res = arena_create();
	an->fs = xcalloc(kb != NULL && kb->nfacts > 0 ? kb->nfacts : 1,
	    sizeof *an->fs);
	buf_init(&an->msg);
	return an;
}

void
analysis_free(struct analysis *an)
{
	if (an == NULL)
		return;
	for (size_t i = 0; an->kb != NULL && i < an->kb->nfacts; i++)
		free(an->fs[i].c);
	free(an->fs);
	free(an->codes);
	free(an->findings);
	free(an->finding_tree);
	buf_free(&an->msg);
	arena_free(an->arena);
	arena_free(an->res);
	free(an);
}

/* record_get, plus "text": the message, or the raw lines of a record
 * that has none (a pasted line nothing recognised). */
static const char *
field_get(const struct vs_record *r, const char *name, char *scratch,
    size_t len)
{
	const char *v;

	if (strcmp(name, "text") == 0)
		return r->message != NULL ? r->message : r->source_text;
	/* A named field may share a common field's name: "provider" of a
	 * provider record. */
	if ((v = record_get(r, name, scratch, len)) == NULL)
		v = record_field(r, name);
	return v;
}

static int
provider_is(const struct kb_fact *f, const char *p)
{
	if (f->nproviders == 0)
		return 1;
	if (p == NULL)
		return 0;
	for (size_t i = 0; i < f->nproviders; i++) {
		const char *w = f->providers[i];
		size_t n = strlen(w);
		if (n > 0 && w[n - 1] == '*') {
			if (strncasecmp(p, w, n - 1) == 0)
				return 1;
		} else if (strcasecmp(p, w) == 0)
			return 1;
	}
	return 0;
}

static int
selects(const struct kb_fact *f, const struct vs_record *r)
{
	char scratch[64];

	if (f->kind != -1 && (int)r->kind != f->kind)
		return 0;
	if (!provider_is(f, r->provider))
		return 0;
	if (f->nids > 0) {
		size_t i;
		for (i = 0; i < f->nids; i++)
			if (r->event_id >= f->ids[i].lo &&
			    r->event_id <= f->ids[i].hi)
				break;
		if (i == f->nids || r->kind != VS_KIND_EVENT)
			return 0;
	}
	/* A level the input did not give does not rule a record out. */
	if (f->levels != 0 && r->level != VS_LEVEL_NONE && (r->level < 0 ||
	    r->level > 5 || !(f->levels & (1u << r->level))))
		return 0;
	if (f->channel != NULL &&
	    (r->channel == NULL || strcasecmp(r->channel, f->channel) != 0))
		return 0;
	if (f->computer != NULL && (r->computer == NULL ||
	    strcasecmp(r->computer, f->computer) != 0))
		return 0;
	for (size_t i = 0; i < f->nwheres; i++) {
		const struct kb_where *w = &f->wheres[i];
		const char *v = field_get(r, w->field, scratch, sizeof scratch);
		if (v == NULL || !kb_compare(v, w->op, w->value, w->re))
			return 0;
	}
	return 1;
}

static const char *
trimmed(struct arena *a, const char *s, size_t start, size_t end)
{
	while (start < end && (s[start] == ' ' || s[start] == '\t' ||
	    s[start] == '\r' || s[start] == '\n'))
		start++;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '\r' || s[end - 1] == '\n'))
		end--;
	if (end == start)
		return NULL;
	return arena_strndup(a, s + start, end - start);
}

static int
capindex(const struct kb_fact *f, const char *name)
{
	for (size_t i = 0; i < f->ncapnames; i++)
		if (strcmp(f->capnames[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *
convert(const struct analysis *an, const struct kb_conv *c, const char *v)
{
	char hr[16];

	if (v == NULL)
		return NULL;
	switch (c->how) {
	case KB_CONV_HRESULT:
		if (kb_normalize_hresult(v, hr, sizeof hr) == 0)
			return arena_strdup(an->arena, hr);
		return v;
	case KB_CONV_UPPER:
	case KB_CONV_LOWER: {
		char *s = arena_strdup(an->arena, v);
		for (char *p = s; *p != '\0'; p++)
			if ((unsigned char)*p < 0x80)
				*p = (char)(c->how == KB_CONV_UPPER ?
					toupper((unsigned char)*p) :
					tolower((unsigned char)*p));
		return s;
	}
	case KB_CONV_MAP: {
		const char *m = kb_map_lookup(an->kb, c->map_idx, v);
		return m != NULL ? m : v;
	}
	}
	return v;
}

static const char **
new_vals(struct analysis *an, const struct kb_fact *f)
{
	const char **v = arena_alloc(an->arena, (f->ncapnames + 1) * sizeof *v);
	memset(v, 0, (f->ncapnames + 1) * sizeof *v);
	return v;
}

/* Runs one fact's rule on a record. 1 and *cand filled when it is a
 * candidate; the record pointer is set by the caller. */
static int
try_fact(struct analysis *an, const struct kb_fact *f,
    const struct vs_record *r, struct cand *c)
{
	char scratch[64];
	const char **vals = NULL;

	if (!selects(f, r))
		return 0;
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < f->nmatches; i++) {
		const struct kb_match *m = &f->matches[i];
		const char *v = field_get(r, m->field, scratch, sizeof scratch);
		size_t len, llen;
		int hit = 0;
		if (v != NULL) {
			len = strlen(v);
			const char *lit =
			    pattern_required_literal(m->re, &llen);
			if (lit == NULL || memmem(v, len, lit, llen) != NULL)
				hit = pattern_match(m->re, v, len, 0) == 1;
		}
		if (m->reject) {
			if (hit)
				return 0;
			continue;
		}
		if (!hit)
			return 0;
		if (vals == NULL)
			vals = new_vals(an, f);
		if (c->field == NULL) {
			c->field = m->field;
			pattern_span(m->re, &c->start, &c->end);
		}
		for (size_t g = 0; g < pattern_ngroups(m->re); g++) {
			const char *name = pattern_group_name(m->re, g);
			size_t a, b;
			int k = capindex(f, name);
			if (k >= 0 && vals[k] == NULL &&
			    pattern_group(m->re, name, &a, &b))
				vals[k] = trimmed(an->arena, v, a, b);
		}
	}
	if (vals == NULL)
		vals = new_vals(an, f);
	for (size_t i = 0; i < f->ncaptures; i++) {
		const char *v =
		    field_get(r, f->captures[i].field, scratch, sizeof scratch);
		int k = capindex(f, f->captures[i].name);
		if (v != NULL && k >= 0)
			vals[k] = trimmed(an->arena, v, 0, strlen(v));
	}
	for (size_t i = 0; i < f->nconvs; i++) {
		int k = capindex(f, f->convs[i].cap);
		if (k >= 0)
			vals[k] = convert(an, &f->convs[i], vals[k]);
	}
	c->vals = vals;
	return 1;
}

static void
count_code(struct analysis *an, uint32_t hr)
{
	for (size_t i = 0; i < an->ncodes; i++)
		if (an->codes[i].hresult == hr) {
			an->codes[i].count++;
			return;
		}
	an->codes = xreallocarray(an->codes, an->ncodes + 1, sizeof *an->codes);
	struct code_seen *c = &an->codes[an->ncodes++];
	memset(c, 0, sizeof *c);
	c->hresult = hr;
	c->count = 1;
}


static void
scan_codes(struct analysis *an, const struct vs_record *r, const char *msg)
{
	uint32_t found[MAX_CODES_PER_RECORD];
	size_t n;
	struct buf *b = &an->msg;

	if (msg == NULL) {
		/* No message: the strings and fields still carry codes. */
		buf_reset(b);
		for (size_t i = 0; i < r->nstrings; i++)
			if (r->strings[i] != NULL) {
				buf_adds(b, r->strings[i]);
				buf_addc(b, '\n');
			}
		for (size_t i = 0; i < r->nfields; i++)
			if (r->fields[i].value != NULL) {
				buf_adds(b, r->fields[i].value);
				buf_addc(b, '\n');
			}
		if (r->source_text != NULL)
			buf_adds(b, r->source_text);
		msg = buf_cstr(b);
	}
	n = codes_scan(msg, strlen(msg), found, MAX_CODES_PER_RECORD);
	if (n > MAX_CODES_PER_RECORD)
		n = MAX_CODES_PER_RECORD;
	for (size_t i = 0; i < n; i++)
		count_code(an, found[i]);
}

/* Earlier first; records with no time after those with one, in order. */
static int
cand_before(const struct cand *a, const struct cand *b)
{
	int64_t ta = a->rec->time, tb = b->rec->time;
	if (ta != VS_NO_TIME && tb != VS_NO_TIME && ta != tb)
		return ta < tb;
	if ((ta == VS_NO_TIME) != (tb == VS_NO_TIME))
		return tb == VS_NO_TIME;
	return a->seq < b->seq;
}

/* A fact that keeps its earliest or latest record, that no other fact
 * relates to, and that relates to none: it needs one record, not all. */
static int
single(const struct kb_fact *f)
{
	return f->keep != KB_KEEP_ALL && !f->referenced &&
	    f->rel == KB_REL_NONE && f->with_fact == NULL;
}

int
analysis_add_record(const struct vs_record *rec, void *arg)
{
	struct analysis *an = arg;
	const struct kb *kb = an->kb;
	struct vs_record view = *rec;
	const struct vs_record *kept = NULL;
	struct cand c;

	an->seq++;
	if (kb == NULL) {
		/* No knowledge base: the codes are still worth decoding. */
		scan_codes(an, rec, rec->message);
		return 0;
	}
	/* .evtx gives only insertion strings: render the KB's template. */
	buf_reset(&an->msg);
	if (view.message == NULL && template_render(kb, &view, &an->msg))
		view.message = buf_cstr(&an->msg);
	/* A bare pasted message: its template names provider and id. */
	if (view.provider == NULL && (view.kind == VS_KIND_EVENT ||
	    view.kind == VS_KIND_TEXT)) {
		const char *text =
		    view.message != NULL ? view.message : view.source_text;
		const char *prov;
		uint32_t id;
		if (template_attribute(kb, text, &prov, &id)) {
			view.kind = VS_KIND_EVENT;
			view.provider = prov;
			view.event_id = id;
			if (view.message == NULL)
				view.message = text;
		}
	}
	for (size_t i = 0; i < kb->nfacts; i++) {
		const struct kb_fact *f = &kb->facts[i];
		struct factstate *fs = &an->fs[i];
		if (f->dead || (f->tree >= 0 && kb->trees[f->tree].broken))
			continue;
		if (!try_fact(an, f, &view, &c))
			continue;
		c.seq = an->seq;
		if (single(f) && fs->n == 1) {
			/* One record is all such a fact needs: the better one
			 * stays, the other is only counted. */
			struct cand *old = &fs->c[0];
			fs->dropped++;
			c.rec = &view;	/* copied only if it is kept */
			if (f->keep == KB_KEEP_EARLIEST ? cand_before(&c, old) :
			    cand_before(old, &c)) {
				if (kept == NULL)
					kept = record_copy(an->arena, &view);
				c.rec = kept;
				c.alive = 1;
				*old = c;
			}
			continue;
		}
		if (fs->n == MAX_CANDS) {
			fs->dropped++;
			continue;
		}
		if (kept == NULL)
			kept = record_copy(an->arena, &view);
		if (fs->n == fs->cap) {
			fs->cap = fs->cap == 0 ? 8 : fs->cap * 2;
			fs->c = xreallocarray(fs->c, fs->cap, sizeof *fs->c);
		}
		c.rec = kept;
		c.seq = an->seq;
		c.alive = 1;
		fs->c[fs->n++] = c;
	}
	/* Every record's codes, kept or not. (The buffer is only reused
	 * when there is no message, so a rendered one is safe here.) */
	scan_codes(an, &view, view.message);
	return 0;
}

/* ---- finish ---- */

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (cand_before(a, b))
		return -1;
	if (cand_before(b, a))
		return 1;
	return 0;
}

static int
rel_ok(const struct kb_fact *f, const struct cand *c, const struct cand *o)
{
	int64_t t = c->rec->time, t0 = o->rec->time;

	if (t == VS_NO_TIME || t0 == VS_NO_TIME)
		return 0;	/* no time, no relation in time */
	switch (f->rel) {
	case KB_REL_NEAR:
		return (t > t0 ? t - t0 : t0 - t) <= f->rel_window;
	case KB_REL_AFTER:
		return t >= t0 && c != o;
	case KB_REL_BEFORE:
		return t <= t0 && c != o;
	case KB_REL_NONE:
		break;
	}
	return 1;
}

static int
fact_ready(const struct analysis *an, const struct kb_fact *f)
{
	return (f->rel_idx < 0 || an->fs[f->rel_idx].done) &&
	    (f->with_idx < 0 || an->fs[f->with_idx].done);
}

static void
compute_fact(struct analysis *an, size_t i)
{
	const struct kb_fact *f = &an->kb->facts[i];
	struct factstate *fs = &an->fs[i];

	/* Time order, so that earliest and latest mean what they say. */
	if (fs->n > 1)
		qsort(fs->c, fs->n, sizeof *fs->c, cand_cmp);
	for (size_t k = 0; k < fs->n; k++)
		fs->c[k].alive = 1;
	if (f->rel_idx >= 0) {
		const struct factstate *o = &an->fs[f->rel_idx];
		for (size_t k = 0; k < fs->n; k++)
			fs->c[k].alive = o->chosen >= 0 &&
			    rel_ok(f, &fs->c[k], &o->c[o->chosen]);
	}
	if (f->with_idx >= 0) {
		const struct kb_fact *of = &an->kb->facts[f->with_idx];
		const struct factstate *o = &an->fs[f->with_idx];
		int mine = capindex(f, f->with_cap),
		    theirs = capindex(of, f->with_fcap);
		for (size_t k = 0; k < fs->n; k++) {
			const char *v = mine >= 0 && fs->c[k].vals ?
			    fs->c[k].vals[mine] :
			    NULL;
			int same = 0;
			for (size_t j = 0; v != NULL && j < o->n && !same;
			     j++) {
				const char *w = theirs >= 0 && o->c[j].alive &&
					o->c[j].vals ?
				    o->c[j].vals[theirs] :
				    NULL;
				same = w != NULL &&
				    kb_compare(v, KB_CMP_EQ, w, NULL);
			}
			if (!same)
				fs->c[k].alive = 0;
		}
	}
	fs->count = 0;
	fs->chosen = -1;
	for (size_t k = 0; k < fs->n; k++) {
		if (!fs->c[k].alive)
			continue;
		fs->count++;
		if (fs->chosen < 0 || f->keep == KB_KEEP_LATEST)
			fs->chosen = (int)k;
	}
	if (f->rel_idx < 0 && f->with_idx < 0)
		fs->count += fs->dropped;
	snprintf(fs->countstr, sizeof fs->countstr, "%zu", fs->count);

	fs->value =
	    arena_alloc(an->res, (f->ncapnames + 1) * sizeof *fs->value);
	memset(fs->value, 0, (f->ncapnames + 1) * sizeof *fs->value);
	fs->nev = 0;
	fs->ev = arena_alloc(an->res, MAX_EVIDENCE * sizeof *fs->ev);
	if (fs->chosen < 0) {
		fs->done = 1;
		return;
	}
	if (f->keep != KB_KEEP_ALL) {
		const struct cand *c = &fs->c[fs->chosen];
		for (size_t k = 0; k < f->ncapnames && c->vals != NULL; k++)
			fs->value[k] = c->vals[k];
		fs->ev[0].rec = c->rec;
		fs->ev[0].field = c->field;
		fs->ev[0].start = c->start;
		fs->ev[0].end = c->end;
		fs->nev = 1;
		fs->done = 1;
		return;
	}
	/* keep all: distinct values in time order, every record as evidence. */
	for (size_t k = 0; k < f->ncapnames; k++) {
		struct buf b;
		buf_init(&b);
		for (size_t j = 0; j < fs->n; j++) {
			const struct cand *c = &fs->c[j];
			const char *v = c->alive && c->vals ? c->vals[k] : NULL;
			if (v == NULL)
				continue;
			int seen = 0;
			for (size_t m = 0; m < j && !seen; m++)
				seen = fs->c[m].alive && fs->c[m].vals &&
				    fs->c[m].vals[k] &&
				    strcmp(fs->c[m].vals[k], v) == 0;
			if (seen)
				continue;
			if (b.len > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, v);
		}
		if (b.len > 0)
			fs->value[k] = arena_strdup(an->res, b.data);
		buf_free(&b);
	}
	for (size_t j = 0; j < fs->n && fs->nev < MAX_EVIDENCE; j++) {
		const struct cand *c = &fs->c[j];
		if (!c->alive)
			continue;
		fs->ev[fs->nev].rec = c->rec;
		fs->ev[fs->nev].field = c->field;
		fs->ev[fs->nev].start = c->start;
		fs->ev[fs->nev].end = c->end;
		fs->nev++;
	}
	fs->done = 1;
}

static const char *
fact_cap(const struct analysis *an, int fi, const char *cap)
{
	const struct kb_fact *f = &an->kb->facts[fi];
	const struct factstate *fs = &an->fs[fi];

	if (!fs->done || fs->count == 0)
		return NULL;
	if (strcmp(cap, "count") == 0)
		return fs->countstr;
	int k = capindex(f, cap);
	return k >= 0 ? fs->value[k] : NULL;
}

/* Does the fact's value satisfy the comparison? For a fact that keeps
 * all its records, any record's value may. */
static int
fact_compare(const struct analysis *an, const struct kb_cond *c)
{
	const struct kb_fact *f = &an->kb->facts[c->fact_idx];
	const struct factstate *fs = &an->fs[c->fact_idx];

	if (strcmp(c->cap, "count") == 0)
		return fs->done &&
		    kb_compare(fs->countstr, c->op, c->value, c->re);
	int k = capindex(f, c->cap);
	if (k < 0 || !fs->done || fs->count == 0)
		return 0;
	if (f->keep != KB_KEEP_ALL)
		return fs->value[k] != NULL &&
		    kb_compare(fs->value[k], c->op, c->value, c->re);
	for (size_t j = 0; j < fs->n; j++) {
		const struct cand *cd = &fs->c[j];
		if (cd->alive && cd->vals && cd->vals[k] != NULL &&
		    kb_compare(cd->vals[k], c->op, c->value, c->re))
			return 1;
	}
	return 0;
}

int
analysis_cond(const struct analysis *an, const struct kb_cond *c,
    unsigned char *used)
{
	if (c == NULL)
		return 1;
	switch (c->kind) {
	case KB_COND_TRUE:
		return 1;
	case KB_COND_AND:
		return analysis_cond(an, c->a, used) &&
		    analysis_cond(an, c->b, used);
	case KB_COND_OR: {
		int a = analysis_cond(an, c->a, used);
		int b = analysis_cond(an, c->b, used); /* both, for evidence */
		return a || b;
	}
	case KB_COND_NOT:
		return !analysis_cond(an, c->a, NULL);
	case KB_COND_FACT:
		break;
	}
	if (c->fact_idx < 0 || an->kb->facts[c->fact_idx].dead)
		return 0;
	const struct factstate *fs = &an->fs[c->fact_idx];
	int r;
	if (c->cap == NULL)
		r = fs->done && fs->count > 0;
	else if (!c->has_op)
		r = fact_cap(an, c->fact_idx, c->cap) != NULL;
	else
		r = fact_compare(an, c);
	if (r && used != NULL)
		used[c->fact_idx] = 1;
	return r;
}

void
analysis_fact_evidence(const struct analysis *an, int fi,
    const struct evidence **ev, size_t *nev)
{
	const struct factstate *fs = &an->fs[fi];
	*ev = fs->done ? fs->ev : NULL;
	*nev = fs->done ? fs->nev : 0;
}

/* An exposed name of a tree: the first alternative that has a value,
 * converted as the tree says. *fi is the fact that gave it. */
const char *
analysis_exposed(const struct analysis *an, int tree, const char *name, int *fi)
{
	const struct kb_tree *t = &an->kb->trees[tree];

	for (size_t i = 0; i < t->nexposes; i++) {
		const struct kb_expose *e = &t->exposes[i];
		if (strcmp(e->name, name) != 0)
			continue;
		if (e->flag != NULL) {
			/* yes or no; the facts behind a yes are evidence. */
			unsigned char *used = xcalloc(an->kb->nfacts + 1, 1);
			int yes = analysis_cond(an, e->flag, used);
			if (fi != NULL) {
				*fi = -1;
				for (size_t k = 0; yes && k < an->kb->nfacts;
				     k++)
					if (used[k]) {
						*fi = (int)k;
						break;
					}
			}
			free(used);
			return yes ? "yes" : "no";
		}
		for (size_t k = 0; k < e->nalt; k++) {
			if (e->fact_idx[k] < 0)
				continue;
			const char *v =
			    fact_cap(an, e->fact_idx[k], e->caps[k]);
			if (v == NULL)
				continue;
			char hr[16];
			switch (e->as) {
			case KB_AS_NONE:
				break;
			case KB_AS_HRESULT:
				if (kb_normalize_hresult(v, hr, sizeof hr) == 0)
					v = arena_strdup(an->res, hr);
				break;
			case KB_AS_NAME: {
				const char *nm = NULL;
				uint32_t code;
				const struct code_info *ci;
				if (codes_parse(v, &code) == 0 &&
				    (ci = codes_find(code)) != NULL)
					nm = ci->name;
				/* The KB's names when the table lacks it. */
				if (nm == NULL &&
				    kb_normalize_hresult(v, hr, sizeof hr) == 0)
					nm = kb_map_lookup(an->kb,
					    an->kb->code_names, hr);
				if (nm != NULL)
					v = nm;
				break;
			}
			case KB_AS_SERVICE:
				v = kb_writer_service(an->kb, v);
				break;
			}
			if (v == NULL)
				continue;
			if (fi != NULL)
				*fi = e->fact_idx[k];
			return v;
		}
		return NULL;
	}
	return NULL;
}

static int
ev_cmp(const void *x, const void *y)
{
	const struct evidence *a = x, *b = y;
	int64_t ta = a->rec->time, tb = b->rec->time;
	if (ta != tb) {
		if (ta == VS_NO_TIME)
			return 1;
		if (tb == VS_NO_TIME)
			return -1;
		return ta < tb ? -1 : 1;
	}
	if (a->rec->input != b->rec->input)
		return a->rec->input < b->rec->input ? -1 : 1;
	return a->rec->loc < b->rec->loc ? -1 : a->rec->loc > b->rec->loc;
}

static void
add_fact_evidence(const struct analysis *an, int fi, struct evidence **v,
    size_t *n, size_t *cap)
{
	const struct evidence *ev;
	size_t nev;

	analysis_fact_evidence(an, fi, &ev, &nev);
	for (size_t i = 0; i < nev; i++) {
		size_t k;
		for (k = 0; k < *n; k++)
			if ((*v)[k].rec == ev[i].rec)
				break;
		if (k < *n)
			continue;
		if (*n == *cap) {
			*cap = *cap == 0 ? 8 : *cap * 2;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		(*v)[(*n)++] = ev[i];
	}
}

static int
finding_cmp(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	if (a->status != b->status)
		return a->status == FINDING_MATCH ? -1 : 1;
	if (a->score != b->score)
		return b->score - a->score;
	return 0;
}

static int
code_cmp(const void *x, const void *y)
{
	const struct code_seen *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->hresult < b->hresult ? -1 : a->hresult > b->hresult;
}

/* Names and meanings from the code table; most frequent first. */
static void
name_codes(struct analysis *an)
{
	for (size_t i = 0; i < an->ncodes; i++) {
		an->codes[i].name = NULL;
		an->codes[i].meaning = NULL;
		const struct code_info *ci = codes_find(an->codes[i].hresult);
		if (ci != NULL) {
			an->codes[i].name = ci->name;
			an->codes[i].meaning = ci->meaning;
		}
		if (an->codes[i].name == NULL && an->kb != NULL) {
			char hr[16];
			snprintf(hr, sizeof hr, "0x%08" PRIX32,
			    an->codes[i].hresult);
			an->codes[i].name =
			    kb_map_lookup(an->kb, an->kb->code_names, hr);
		}
	}
	if (an->ncodes > 1)
		qsort(an->codes, an->ncodes, sizeof *an->codes, code_cmp);
}

void
analysis_finish(struct analysis *an)
{
	const struct kb *kb = an->kb;
	size_t left;

	free(an->findings);
	free(an->finding_tree);
	an->findings = NULL;
	an->finding_tree = NULL;
	an->nfindings = 0;
	arena_reset(an->res);
	if (kb == NULL) {
		name_codes(an);
		return;
	}
	for (size_t i = 0; i < kb->nfacts; i++)
		an->fs[i].done = 0;
	/* Facts after the facts they are near, after or with. */
	do {
		left = 0;
		size_t did = 0;
		for (size_t i = 0; i < kb->nfacts; i++) {
			if (an->fs[i].done)
				continue;
			if (kb->facts[i].dead ||
			    fact_ready(an, &kb->facts[i])) {
				compute_fact(an, i);
				did++;
			} else
				left++;
		}
		if (did == 0 && left > 0)
			break;	/* a cycle: the loader refuses those */
	} while (left > 0);

	unsigned char *used = xcalloc(kb->nfacts + 1, 1);
	for (size_t li = 0; li < kb->nlive; li++) {
		size_t ti = kb->live[li];
		const struct kb_tree *t = &kb->trees[ti];
		if (t->entry == NULL)
			continue; /* triage and fallback: never a finding */
		memset(used, 0, kb->nfacts + 1);
		int match = analysis_cond(an, t->entry, used);
		size_t held = 0;
		for (size_t j = 0; j < t->nsupport; j++)
			held += analysis_cond(an, t->support[j], used) != 0;
		if (!match && held == 0)
			continue;

		struct finding fd;
		memset(&fd, 0, sizeof fd);
		fd.tree = t->id;
		fd.title = t->title;
		fd.status = match ? FINDING_MATCH : FINDING_PARTIAL;
		/* More evidence, a higher score, whatever the tree: a tree
		 * with one support line must not outrank a richer match. */
		if (match)
			fd.score = 60 + (int)(held >= 4 ? 40 : 10 * held);
		else
			fd.score = (int)(held >= 3 ? 50 : 15 * held);
		struct fact_value *fv = arena_alloc(an->res,
		    (t->nexposes + 1) * sizeof *fv);
		struct evidence *ev = NULL;
		size_t nev = 0, cap = 0;
		for (size_t j = 0; j < t->nexposes; j++) {
			int fi = -1;
			const char *v = analysis_exposed(an, (int)ti,
			    t->exposes[j].name, &fi);
			if (v == NULL)
				continue;
			fv[fd.nfacts].name = t->exposes[j].name;
			fv[fd.nfacts].value = v;
			fd.nfacts++;
			if (fi >= 0)
				used[fi] = 1;
		}
		/* A fact joined "with" another holds only because of it: the
		 * other's records (the errlog line naming the provider, say)
		 * are evidence too. */
		for (int more = 1; more;) {
			more = 0;
			for (size_t fi = 0; fi < kb->nfacts; fi++) {
				int w = kb->facts[fi].with_idx;
				if (used[fi] && w >= 0 && !used[w])
					used[w] = more = 1;
			}
		}
		for (size_t fi = 0; fi < kb->nfacts; fi++)
			if (used[fi])
				add_fact_evidence(an, (int)fi, &ev, &nev, &cap);
		if (nev > 1)
			qsort(ev, nev, sizeof *ev, ev_cmp);
		if (nev > 0) {
			struct evidence *kept =
			    arena_alloc(an->res, nev * sizeof *kept);
			memcpy(kept, ev, nev * sizeof *kept);
			fd.evidence = kept;
		}
		free(ev);
		fd.nevidence = nev;
		fd.facts = fv;
		an->findings = xreallocarray(an->findings, an->nfindings + 1,
		    sizeof *an->findings);
		an->finding_tree = xreallocarray(an->finding_tree,
		    an->nfindings + 1, sizeof *an->finding_tree);
		an->findings[an->nfindings] = fd;
		an->finding_tree[an->nfindings] = (int)ti;
		an->nfindings++;
	}
	free(used);
	/* Best first; a stable order for equal ones (tree order). */
	for (size_t i = 1; i < an->nfindings; i++)
		for (size_t j = i; j > 0 &&
		     finding_cmp(&an->findings[j - 1], &an->findings[j]) > 0;
		     j--) {
			struct finding tf = an->findings[j];
			an->findings[j] = an->findings[j - 1];
			an->findings[j - 1] = tf;
			int tt = an->finding_tree[j];
			an->finding_tree[j] = an->finding_tree[j - 1];
			an->finding_tree[j - 1] = tt;
		}

	name_codes(an);
}

size_t
analysis_nfindings(const struct analysis *an)
{
	return an->nfindings;
}

const struct finding *
analysis_finding(const struct analysis *an, size_t i)
{
	return i < an->nfindings ? &an->findings[i] : NULL;
}

int
analysis_finding_tree(const struct analysis *an, size_t i)
{
	return i < an->nfindings ? an->finding_tree[i] : -1;
}

size_t
analysis_ncodes(const struct analysis *an)
{
	return an->ncodes;
}

const struct code_seen *
analysis_code(const struct analysis *an, size_t i)
{
	return i < an->ncodes ? &an->codes[i] : NULL;
}

const char *
analysis_fact(const struct analysis *an, const char *name,
    const struct evidence **ev, size_t *nev)
{
	const struct kb *kb = an->kb;
	const char *dot = strchr(name, '.');
	int fi = -1;
	const char *v = NULL;

	if (ev != NULL)
		*ev = NULL;
	if (nev != NULL)
		*nev = 0;
	if (kb == NULL)
		return NULL;
	if (dot != NULL) {
		char *id = xstrndup(name, (size_t)(dot - name));
		fi = kb_find_fact(kb, id);
		free(id);
		if (fi < 0 || kb->facts[fi].dead)
			return NULL;
		v = fact_cap(an, fi, dot + 1);
	} else {
		/* The trees the evidence points to first, best first. */
		for (size_t i = 0; i < an->nfindings && v == NULL; i++)
			v = analysis_exposed(an, an->finding_tree[i], name,
			    &fi);
		for (size_t i = 0; i < kb->nlive && v == NULL; i++)
			v = analysis_exposed(an, (int)kb->live[i], name, &fi);
	}
	if (v != NULL && fi >= 0 && ev != NULL && nev != NULL)
		analysis_fact_evidence(an, fi, ev, nev);
	return v;
}

const struct kb *
analysis_kb(const struct analysis *an)
{
	return an->kb;
}
