/* session.c -- what the wizard holds: inputs read with a progress box,
 * every record kept for the timeline, the KB, the analysis and the walk
 * with its answers. */
#include "config.h"
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "codes.h"
#include "ui.h"
#include "xmalloc.h"

/* The timeline keeps at most this many records; the analysis sees all. */
#define SESSION_MAX_RECORDS	2000000

static int64_t	 progress_last;

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
on_record(const struct vs_record *r, void *arg)
{
	struct session *s = arg;

	if (s->nrecs < SESSION_MAX_RECORDS) {
		if (s->nrecs == s->caprecs) {
			s->caprecs = s->caprecs ? s->caprecs * 2 : 1024;
			s->recs = xreallocarray(s->recs, s->caprecs,
			    sizeof *s->recs);
		}
		s->recs[s->nrecs++] = record_copy(s->arena, r);
	} else
		s->dropped++;
	if (s->an != NULL)
		analysis_add_record(r, s->an);
	return ingest_abort_requested != 0;
}

static void
on_progress(const char *name, uint64_t done, uint64_t total, void *arg)
{
	int64_t t = now_ms();

	if (!screen_active())
		return;
	/* Look at the keyboard often, draw a few times a second. */
	if (keys_cancel_pending())
		ingest_abort_requested = 1;
	if (t - progress_last < 100)
		return;
	progress_last = t;
	ui_progress(name, done, total);
}

void
session_init(struct session *s, const struct options *o)
{
	memset(s, 0, sizeof *s);
	s->opts = o;
	s->arena = arena_create();
	ingest_init(&s->ing, on_record, s);
	s->ing.on_progress = on_progress;
	s->ing.progress_arg = s;
	s->ing.tz = o->tz;
}

static void
memo_clear(struct session *s)
{
	for (size_t i = 0; i < s->nmemo; i++) {
		free(s->memo[i].node);
		free(s->memo[i].choice);
	}
	free(s->memo);
	s->memo = NULL;
	s->nmemo = 0;
}

void
session_free(struct session *s)
{
	if (s->walk != NULL)
		walk_free(s->walk);
	if (s->an != NULL)
		analysis_free(s->an);
	free(s->providers);
	if (s->kb != NULL)
		kb_free(s->kb);
	if (s->codes_own)
		codes_free();
	free(s->codes_problem);
	ingest_free(&s->ing);
	arena_free(s->arena);
	free(s->recs);
	for (size_t i = 0; i < s->nerrors; i++)
		free(s->errors[i]);
	free(s->errors);
	for (size_t i = 0; i < s->nunreadable; i++)
		free(s->unreadable[i]);
	free(s->unreadable);
	for (size_t i = 0; i < s->nsources; i++) {
		free(s->sources[i].path);
		free(s->sources[i].name);
	}
	free(s->sources);
	memo_clear(s);
	free(s->tree);
	free(s->kb_problem);
	free(s->state_dir);
	free(s->state_problem);
	memset(s, 0, sizeof *s);
}

void
session_load_kb(struct session *s)
{
	struct kb_diag *diags = NULL;
	size_t ndiags = 0;
	const char *dir = options_kb_dir(s->opts);

	s->kb = kb_load(dir, &diags, &ndiags);
	if (s->kb == NULL) {
		if (ndiags > 0)
			s->kb_problem = xasprintf("%s:%d: %s", diags[0].file,
			    diags[0].line, diags[0].message);
		else
			s->kb_problem = xasprintf("%s: no knowledge base", dir);
	} else {
		s->nkbdiags = ndiags;
		s->an = analysis_create(s->kb);
		/* As --report does: with --prefilter, the readers skip
		 * what no rule can use. */
		size_t n = kb_any_provider(s->kb) ? 0 : kb_nproviders(s->kb);
		s->providers = xcalloc(n + 1, sizeof *s->providers);
		for (size_t i = 0; i < n; i++)
			s->providers[i] = kb_provider(s->kb, i);
		s->prefilter = n > 0 && !s->opts->no_prefilter;
		s->ing.providers = s->providers;
		s->ing.nproviders = n;
		s->ing.prefilter = s->prefilter;
	}
	if (diags != NULL)
		kb_diags_free(diags, ndiags);
}

void
session_load_codes(struct session *s)
{
	char *cause = NULL;

	if (codes_count() > 0 || s->codes_own || s->codes_problem != NULL)
		return;
	if (codes_load(options_kb_dir(s->opts), &cause) == 0)
		s->codes_own = 1;
	else
		s->codes_problem = cause;
}

static void
add_error(struct session *s, char *msg)
{
	s->errors = xreallocarray(s->errors, s->nerrors + 1, sizeof *s->errors);
	s->errors[s->nerrors++] = msg;
}

static void
add_source(struct session *s, int paste, const char *path, const char *name)
{
	s->sources = xreallocarray(s->sources, s->nsources + 1,
	    sizeof *s->sources);
	s->sources[s->nsources].paste = paste;
	s->sources[s->nsources].path = xstrdup(path);
	s->sources[s->nsources].name = xstrdup(name);
	s->sources[s->nsources].ok = 1;
	s->nsources++;
}

/* Runs one ingest call with the progress box up, then tells what came. */
static int
session_ingest(struct session *s, const char *name, const char *path,
    const char *data, size_t len)
{
	char *cause = NULL;
	size_t before = s->nrecs, ninputs = s->ing.ninputs;
	int rc;

	ingest_abort_requested = 0;
	progress_last = 0;
	if (screen_active() && !screen_too_small())
		ui_progress(name, 0, len);
	if (path != NULL)
		rc = ingest_path(&s->ing, path, &cause);
	else
		rc = ingest_buffer(&s->ing, name, data, len, &cause);
	if (s->ing.ninputs > s->nunreadable) {
		s->unreadable = xreallocarray(s->unreadable, s->ing.ninputs,
		    sizeof *s->unreadable);
		while (s->nunreadable < s->ing.ninputs)
			s->unreadable[s->nunreadable++] = NULL;
	}
	if (rc == -1) {
		add_error(s, cause != NULL ? cause :
		    xasprintf("%s: could not be read", name));
		ui_error("%s", s->errors[s->nerrors - 1]);
		/* An input that was added, then failed whole. */
		if (s->ing.ninputs > ninputs &&
		    s->ing.inputs[s->ing.ninputs - 1].records == 0)
			s->unreadable[s->ing.ninputs - 1] =
			    xstrdup(s->errors[s->nerrors - 1]);
	} else {
		free(cause);
		size_t got = s->nrecs - before;
		if (ingest_abort_requested)
			ui_message("Reading %s was cancelled: %zu record%s kept",
			    name, got, got == 1 ? "" : "s");
		else
			ui_message("Read %s: %zu record%s", name, got,
			    got == 1 ? "" : "s");
	}
	/* Members of a folder that failed show up as errors too. */
	for (size_t i = ninputs; i < s->ing.ninputs; i++) {
		struct vs_input *in = &s->ing.inputs[i];
		if (in->flags & VS_INPUT_TRUNCATED)
			add_error(s, xasprintf("%s: not read to the end",
			    in->name));
	}
	ingest_abort_requested = 0;
	s->sorted = 0;
	session_reanalyse(s);
	return rc;
}

int
session_add_path(struct session *s, const char *path, int save)
{
	char *abs = realpath(path, NULL);
	const char *p = abs != NULL ? abs : path;
	int rc;

	if (strcmp(path, "-") == 0)
		p = path;
	rc = session_ingest(s, p, p, NULL, 0);
	if (rc == 0 && strcmp(path, "-") != 0)
		add_source(s, 0, p, p);
	free(abs);
	if (save)
		state_save(s);
	return rc;
}

/* A paste kept in file (or nowhere when the state cannot be saved). */
int
session_load_paste(struct session *s, const char *data, size_t len,
    const char *file)
{
	char name[64];
	size_t lines = 0;
	int rc;

	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			lines++;
	if (len > 0 && data[len - 1] != '\n')
		lines++;
	s->npastes++;
	snprintf(name, sizeof name, "paste %d (%zu line%s)", s->npastes, lines,
	    lines == 1 ? "" : "s");
	rc = session_ingest(s, name, NULL, data, len);
	if (file != NULL)
		add_source(s, 1, file, name);
	return rc;
}

int
session_add_paste(struct session *s, const char *data, size_t len, int save)
{
	char *cause = NULL, *file = NULL;
	int rc;

	if (s->state_ok) {
		file = state_write_paste(s, data, len, &cause);
		if (file == NULL) {
			add_error(s, cause);
			cause = NULL;
		}
	}
	rc = session_load_paste(s, data, len, file);
	free(file);
	if (save)
		state_save(s);
	return rc;
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct vs_record *x = *(struct vs_record *const *)a;
	const struct vs_record *y = *(struct vs_record *const *)b;

	/* Records without a time go after the rest. */
	if (x->time != y->time) {
		if (x->time == VS_NO_TIME)
			return 1;
		if (y->time == VS_NO_TIME)
			return -1;
		return x->time < y->time ? -1 : 1;
	}
	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	if (x->loc != y->loc)
		return x->loc < y->loc ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

void
session_sort(struct session *s)
{
	if (s->sorted)
		return;
	if (s->nrecs > 1)
		qsort(s->recs, s->nrecs, sizeof *s->recs, rec_cmp);
	s->sorted = 1;
}

long
session_find_record(struct session *s, const struct vs_record *r)
{
	session_sort(s);
	for (size_t i = 0; i < s->nrecs; i++) {
		const struct vs_record *x = s->recs[i];
		if (x->input == r->input && x->loc == r->loc &&
		    x->loc_kind == r->loc_kind && x->kind == r->kind)
			return (long)i;
	}
	return -1;
}

const char *
session_input_name(struct session *s, int input)
{
	if (input < 0 || (size_t)input >= s->ing.ninputs)
		return "?";
	return s->ing.inputs[input].name;
}

static void
memo_add(struct session *s, const char *node, const char *choice,
    enum walk_by by)
{
	for (size_t i = 0; i < s->nmemo; i++)
		if (strcmp(s->memo[i].node, node) == 0) {
			free(s->memo[i].choice);
			s->memo[i].choice = xstrdup(choice);
			s->memo[i].by = by;
			return;
		}
	s->memo = xreallocarray(s->memo, s->nmemo + 1, sizeof *s->memo);
	s->memo[s->nmemo].node = xstrdup(node);
	s->memo[s->nmemo].choice = xstrdup(choice);
	s->memo[s->nmemo].by = by;
	s->nmemo++;
}

static void
memo_remove(struct session *s, const char *node)
{
	for (size_t i = 0; i < s->nmemo; i++)
		if (strcmp(s->memo[i].node, node) == 0) {
			free(s->memo[i].node);
			free(s->memo[i].choice);
			s->memo[i] = s->memo[--s->nmemo];
			return;
		}
}

const struct answer_memo *
session_memo(struct session *s, const char *node)
{
	for (size_t i = 0; i < s->nmemo; i++)
		if (strcmp(s->memo[i].node, node) == 0)
			return &s->memo[i];
	return NULL;
}

static void	replay(struct session *, const struct answer_memo *, size_t,
		    long *);

/* Gives the saved answers again, as long as they still lie on the
 * path; operator answers that do not are kept as memos. The walk adds
 * the steps that decide by themselves (checks) to its history: those
 * are compared, not answered. */
void
session_replay(struct session *s, const struct answer_memo *a, size_t n)
{
	replay(s, a, n, NULL);
}

/* The replay itself; *last is set to the index of the last entry that
 * was an answer (not a step the walk took by itself), or -1. */
static void
replay(struct session *s, const struct answer_memo *a, size_t n, long *last)
{
	size_t i;

	if (last != NULL)
		*last = -1;
	for (i = 0; i < n; i++) {
		if (i < walk_nhistory(s->walk)) {
			const struct walk_entry *e = walk_history(s->walk, i);
			if (strcmp(e->node, a[i].node) == 0 &&
			    strcmp(e->answer, a[i].choice) == 0)
				continue;
			break;	/* the path is not the same any more */
		}
		const struct walk_node *node = walk_current(s->walk);
		size_t c;
		if (node == NULL || node->kind != WALK_QUESTION ||
		    strcmp(node->id, a[i].node) != 0)
			break;
		for (c = 0; c < node->nchoices; c++)
			if (strcmp(node->choices[c].key, a[i].choice) == 0)
				break;
		if (c == node->nchoices)
			break;
		enum walk_by by = a[i].by;
		if (by == WALK_BY_EVIDENCE && node->preanswer != (int)c)
			break;	/* the evidence says otherwise now */
		if (by != WALK_BY_EVIDENCE)
			by = node->preanswer >= 0 && node->preanswer != (int)c ?
			    WALK_BY_OVERRIDE : WALK_BY_OPERATOR;
		if (walk_answer(s->walk, c, by) != 0)
			break;
		if (last != NULL)
			*last = (long)i;
		memo_remove(s, a[i].node);
	}
	for (; i < n; i++)
		if (a[i].by != WALK_BY_EVIDENCE)
			memo_add(s, a[i].node, a[i].choice, a[i].by);
}

static struct answer_memo *
history_copy(struct session *s, size_t *n)
{
	struct answer_memo *a;

	*n = s->walk != NULL ? walk_nhistory(s->walk) : 0;
	a = xcalloc(*n, sizeof *a);
	for (size_t i = 0; i < *n; i++) {
		const struct walk_entry *e = walk_history(s->walk, i);
		a[i].node = xstrdup(e->node);
		a[i].choice = xstrdup(e->answer);
		a[i].by = e->by;
	}
	return a;
}

static void
history_free(struct answer_memo *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].node);
		free(a[i].choice);
	}
	free(a);
}

void
session_reanalyse(struct session *s)
{
	struct answer_memo *h;
	size_t n;

	if (s->an == NULL)
		return;
	h = history_copy(s, &n);
	/* The walk points into the analysis: end it first. */
	if (s->walk != NULL) {
		walk_free(s->walk);
		s->walk = NULL;
	}
	analysis_finish(s->an);
	if (s->walking) {
		s->walk = walk_start(s->kb, s->an, s->tree);
		if (s->walk != NULL)
			session_replay(s, h, n);
		else
			s->walking = 0;
	}
	history_free(h, n);
}

int
session_walk_start(struct session *s, const char *tree)
{
	if (s->kb == NULL || s->an == NULL)
		return -1;
	session_walk_stop(s);
	s->walk = walk_start(s->kb, s->an, tree);
	if (s->walk == NULL)
		return -1;
	s->tree = tree != NULL ? xstrdup(tree) : NULL;
	s->walking = 1;
	return 0;
}

void
session_walk_stop(struct session *s)
{
	struct answer_memo *h;
	size_t n;

	if (s->walk == NULL)
		return;
	/* Keep the operator's answers: a later walk may reach them. */
	h = history_copy(s, &n);
	for (size_t i = 0; i < n; i++)
		if (h[i].by != WALK_BY_EVIDENCE)
			memo_add(s, h[i].node, h[i].choice, h[i].by);
	history_free(h, n);
	walk_free(s->walk);
	s->walk = NULL;
	free(s->tree);
	s->tree = NULL;
	s->walking = 0;
}

void
session_answer(struct session *s, size_t choice)
{
	const struct walk_node *node = walk_current(s->walk);
	enum walk_by by;

	if (node == NULL || node->kind != WALK_QUESTION)
		return;
	if (node->preanswer < 0)
		by = WALK_BY_OPERATOR;
	else if ((int)choice == node->preanswer)
		by = WALK_BY_EVIDENCE;
	else
		by = WALK_BY_OVERRIDE;
	char *id = xstrdup(node->id);
	if (walk_answer(s->walk, choice, by) == 0)
		memo_remove(s, id);
	free(id);
	state_save(s);
}

/*
 * Takes the last answer back. The walk is rebuilt from its start and
 * the answers given again up to the last one a person or the evidence
 * gave: the steps the walk takes by itself (checks) go with it.
 */
int
session_back(struct session *s)
{
	struct answer_memo *h;
	size_t n;
	long last;
	int rc = -1;

	if (s->walk == NULL)
		return -1;
	h = history_copy(s, &n);
	walk_free(s->walk);
	s->walk = walk_start(s->kb, s->an, s->tree);
	if (s->walk != NULL) {
		replay(s, h, n, &last);
		if (last >= 0) {
			walk_free(s->walk);
			s->walk = walk_start(s->kb, s->an, s->tree);
			replay(s, h, (size_t)last, NULL);
			rc = 0;
		}
	}
	if (s->walk == NULL)
		s->walking = 0;
	history_free(h, n);
	if (rc == 0)
		state_save(s);
	return rc;
}

void
session_add_memo(struct session *s, const char *node, const char *choice,
    enum walk_by by)
{
	memo_add(s, node, choice, by);
}

/* Standard input read before the wizard started: an .evtx is kept as a
 * file in the state directory (so --resume finds it), text as a paste. */
void
session_add_piped(struct session *s, const char *data, size_t len)
{
	char *path, *cause = NULL;

	if (len < 8 || memcmp(data, "ElfFile", 8) != 0) {
		session_add_paste(s, data, len, 1);
		return;
	}
	if (!s->state_ok) {
		add_error(s, xstrdup("-: an .evtx on standard input needs the "
		    "state directory to be kept in; open the file instead"));
		return;
	}
	path = xasprintf("%s/stdin-%lld.evtx", s->state_dir,
	    (long long)time(NULL));
	if (state_write_atomic(path, data, len, &cause) == -1)
		add_error(s, cause);
	else
		session_add_path(s, path, 1);
	free(path);
}

const char *const *
session_unreadable(struct session *s)
{
	return (const char *const *)s->unreadable;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **
session_computers(struct session *s, size_t *n)
{
	const char **v = xcalloc(s->nrecs + 1, sizeof *v);
	size_t k = 0, j = 0;

	for (size_t i = 0; i < s->nrecs; i++)
		if (s->recs[i]->computer != NULL && s->recs[i]->computer[0])
			v[k++] = s->recs[i]->computer;
	if (k > 1)
		qsort(v, k, sizeof *v, str_cmp);
	for (size_t i = 0; i < k; i++)
		if (j == 0 || strcmp(v[j - 1], v[i]) != 0)
			v[j++] = v[i];
	*n = j;
	return v;
}
