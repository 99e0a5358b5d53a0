/* view-collect.c -- what to collect on the server: the commands the KB
 * names for the chosen tree, the standard ones, and what the loaded
 * logs still lack. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ui.h"
#include "xmalloc.h"

struct collect {
	char	*tree;
	int	 top;
	int	 rows;
};

static const struct keyhelp collect_help[] = {
	{ "Up Down PgUp PgDn", "scroll" },
	{ "a", "the commands for every tree" },
	{ "o p", "open what was collected, or paste it" },
	{ "Esc q", "back" },
	{ NULL, NULL }
};

/* Always worth having, whatever the tree: the command, and where its
 * output goes. */
static const struct {
	const char	*cmd;
	const char	*out;
} standard[] = {
	{ "vssadmin list writers", " > writers.txt" },
	{ "vssadmin list providers", " > providers.txt" },
	{ "vssadmin list shadowstorage", " > shadowstorage.txt" },
	{ "wevtutil epl Application", " Application.evtx" },
	{ "wevtutil epl System", " System.evtx" },
	{ NULL, NULL }
};

/* Whether the KB's list already has the command. */
static int
kb_has(struct session *s, const char *tree, const char *cmd)
{
	size_t n = s->kb != NULL ? kb_ncollect(s->kb, tree) : 0;

	for (size_t i = 0; i < n; i++)
		if (strncmp(kb_collect(s->kb, tree, i), cmd, strlen(cmd)) == 0)
			return 1;
	return 0;
}

static int
have_kind(struct session *s, enum vs_kind k)
{
	for (size_t i = 0; i < s->nrecs; i++)
		if (s->recs[i]->kind == k)
			return 1;
	return 0;
}

static int
have_channel(struct session *s, const char *ch)
{
	for (size_t i = 0; i < s->nrecs; i++)
		if (s->recs[i]->channel != NULL &&
		    strcasecmp(s->recs[i]->channel, ch) == 0)
			return 1;
	return 0;
}

static int
have_provider(struct session *s, const char *p)
{
	for (size_t i = 0; i < s->nrecs; i++)
		if (s->recs[i]->provider != NULL &&
		    strcasecmp(s->recs[i]->provider, p) == 0)
			return 1;
	return 0;
}

struct cline {
	char	*text;
	int	 attr;
	int	 x;
};

static void
cadd(struct cline **l, size_t *n, int attr, int x, const char *s)
{
	*l = xreallocarray(*l, *n + 1, sizeof **l);
	(*l)[*n].text = xstrdup(s);
	(*l)[*n].attr = attr;
	(*l)[*n].x = x;
	(*n)++;
}

static void
collect_draw(struct ui *ui, struct view *v)
{
	struct collect *c = v->data;
	struct session *s = &ui->s;
	struct cline *l = NULL;
	size_t n = 0, nk;
	int head = screen_attr(UA_HEAD);

	ui_frame("What to collect", c->tree != NULL ? c->tree : "all trees",
	    "a all trees  o open  p paste  Up Down scroll  Esc back  ? help");
	cadd(&l, &n, A_NORMAL, 1, "Run these on the server, in an elevated "
	    "command prompt, then open or paste what they write.");
	if (s->kb != NULL && (nk = kb_ncollect(s->kb, c->tree)) > 0) {
		cadd(&l, &n, A_NORMAL, 0, "");
		cadd(&l, &n, head, 1, c->tree != NULL ? "For this problem" :
		    "For every problem the knowledge base knows");
		for (size_t i = 0; i < nk; i++)
			cadd(&l, &n, screen_attr(UA_KEY), 3,
			    kb_collect(s->kb, c->tree, i));
	}
	size_t first = n;
	for (size_t i = 0; standard[i].cmd != NULL; i++) {
		if (kb_has(s, c->tree, standard[i].cmd))
			continue;
		if (n == first) {
			cadd(&l, &n, A_NORMAL, 0, "");
			cadd(&l, &n, head, 1, "Always useful");
		}
		char *cmd = xasprintf("%s%s", standard[i].cmd, standard[i].out);
		cadd(&l, &n, screen_attr(UA_KEY), 3, cmd);
		free(cmd);
	}

	cadd(&l, &n, A_NORMAL, 0, "");
	cadd(&l, &n, head, 1, "Still missing from what is loaded");
	size_t before = n;
	if (!have_kind(s, VS_KIND_WRITER))
		cadd(&l, &n, A_NORMAL, 3, "the writers and their states "
		    "(vssadmin list writers)");
	if (!have_kind(s, VS_KIND_PROVIDER))
		cadd(&l, &n, A_NORMAL, 3, "the shadow copy providers "
		    "(vssadmin list providers)");
	if (!have_channel(s, "Application"))
		cadd(&l, &n, A_NORMAL, 3, "the Application event log "
		    "(VSS, SQLVDI, SQLWRITER, MSExchangeIS events)");
	if (!have_channel(s, "System"))
		cadd(&l, &n, A_NORMAL, 3, "the System event log (volsnap "
		    "and disk events)");
	if (c->tree != NULL && strcmp(c->tree, "sql-writer") == 0 &&
	    !have_provider(s, "SQLVDI"))
		cadd(&l, &n, A_NORMAL, 3, "SQLVDI events (Application log): "
		    "which SQL Server instance failed first");
	if (c->tree != NULL && strcmp(c->tree, "hw-provider-autorecovery") == 0 &&
	    !have_kind(s, VS_KIND_PROVIDER_USE))
		cadd(&l, &n, A_NORMAL, 3, "the DPM errlog of the failed job "
		    "(which provider took the snapshot)");
	if (c->tree != NULL && strcmp(c->tree, "exchange-backup-in-progress") == 0 &&
	    !have_provider(s, "MSExchangeIS"))
		cadd(&l, &n, A_NORMAL, 3, "MSExchangeIS events 9840, 9607 "
		    "and 9614 (Application log)");
	if (n == before)
		cadd(&l, &n, A_NORMAL, 3, "nothing the usual checks need");

	int y = 2, skip = c->top, total = 0;
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		size_t at = 0, next;
		buf_reset(&b);
		ui_safe(&b, l[i].text, strlen(l[i].text));
		do {
			/* A command's further lines hang under it. */
			int x = l[i].x + (at > 0 && l[i].x > 1 ? 4 : 0);
			size_t len = ui_wrap(b.data + at, b.len - at,
			    COLS - x - 1, &next);
			if (skip > 0)
				skip--;
			else if (y < LINES - 2)
				ui_put(y++, x, COLS - x - 1, b.data + at, len,
				    l[i].attr);
			total++;
			at += next;
		} while (at < b.len);
		free(l[i].text);
	}
	buf_free(&b);
	free(l);
	c->rows = total;
}

static int
collect_key(struct ui *ui, struct view *v, int key)
{
	struct collect *c = v->data;

	switch (key) {
	case VK_ESC:
	case 'q':
	case VK_BS:
		ui_pop(ui);
		return 1;
	case VK_UP:
	case 'k':
		if (c->top > 0)
			c->top--;
		return 1;
	case VK_DOWN:
	case 'j':
		if (c->top + 1 < c->rows)
			c->top++;
		return 1;
	case VK_PGDN:
	case ' ':
		if (c->top + LINES - 5 < c->rows)
			c->top += LINES - 5;
		return 1;
	case VK_PGUP:
		c->top = c->top > LINES - 5 ? c->top - (LINES - 5) : 0;
		return 1;
	case 'a':
		free(c->tree);
		c->tree = NULL;
		c->top = 0;
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
collect_free(struct view *v)
{
	struct collect *c = v->data;

	free(c->tree);
	free(c);
}

struct view *
view_collect_create(const char *tree)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct collect *c = xcalloc(1, sizeof *c);

	c->tree = tree != NULL ? xstrdup(tree) : NULL;
	v->name = "Collect";
	v->draw = collect_draw;
	v->key = collect_key;
	v->free = collect_free;
	v->help = collect_help;
	v->data = c;
	return v;
}
