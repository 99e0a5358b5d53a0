/* kb.c -- loads the knowledge base: the .kb files (trees, facts, questions,
 * checks, verdicts, maps, templates) and kb/writers.tsv, then checks
 * what was loaded: references, cycles, reachability, samples. */
#include "config.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "buf.h"
#include "codes.h"
#include "kbint.h"
#include "record.h"
#include "xmalloc.h"

/* Appends one zeroed element to a growing array and returns it. */
#define PUSH(arr, n) \
	(arr = xreallocarray(arr, (n) + 1, sizeof *(arr)), \
	 memset(&(arr)[n], 0, sizeof *(arr)), &(arr)[(n)++])

struct diags {
	struct kb_diag	*v;
	size_t		 n;
};

struct parser {
	struct kb	*kb;
	struct diags	*diags;
	const char	*file;
	int		 line;
	int		 tree;	/* current tree, -1 before the first */
	enum { B_NONE, B_TREE, B_FACT, B_NODE, B_MAP, B_TEMPLATE, B_BAD } block;
	size_t		 cur;	/* the current block's object */
	struct buf	 tmpl_text;
	char		*tmpl_prov;
	char		*tmpl_id;
	int		 tmpl_line;
};

static void __attribute__((format(printf, 4, 5)))
diag(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	struct kb_diag *k = PUSH(d->v, d->n);
	va_list ap;
	char tmp[1024];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	k->file = xstrdup(file != NULL ? file : "");
	k->line = line;
	k->message = xstrdup(tmp);
}

static void
break_tree(struct kb *kb, int tree)
{
	if (tree >= 0 && (size_t)tree < kb->ntrees)
		kb->trees[tree].broken = 1;
}

/* A problem in the current block: reported, and its tree dropped. */
static void __attribute__((format(printf, 2, 3)))
perr(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char tmp[1024];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	diag(p->diags, p->file, p->line, "%s", tmp);
	break_tree(p->kb, p->tree);
	if (p->block == B_FACT && p->tree < 0)
		p->kb->facts[p->cur].dead = 1;
}

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Splits "word rest": returns word, *rest points past the blanks. */
static char *
split_word(char *s, char **rest)
{
	char *w = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	*rest = s;
	return w;
}

static int
valid_id(const char *s)
{
	if (*s == '\0' || !isalnum((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

int
kb_num(const char *s, long long *out)
{
	char *end;
	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	long long v;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		v = (long long)strtoull(s, &end, 16);
	else
		v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* Compares a value found in the logs with one written in the KB: as
 * numbers when both are, else as text ignoring case and outer blanks. */
int
kb_compare(const char *got, enum kb_cmp op, const char *want,
    struct pattern *re)
{
	long long a, b;

	if (op == KB_CMP_MATCH || op == KB_CMP_NOMATCH) {
		int m = got != NULL && re != NULL &&
		    pattern_match(re, got, strlen(got), 0) == 1;
		return op == KB_CMP_MATCH ? m : !m;
	}
	if (got == NULL)
		return op == KB_CMP_NE;
	if (kb_num(got, &a) == 0 && kb_num(want, &b) == 0) {
		switch (op) {
		case KB_CMP_EQ: return a == b;
		case KB_CMP_NE: return a != b;
		case KB_CMP_GE: return a >= b;
		case KB_CMP_GT: return a > b;
		case KB_CMP_LE: return a <= b;
		case KB_CMP_LT: return a < b;
		default: return 0;
		}
	}
	while (*got == ' ' || *got == '\t')
		got++;
	size_t n = strlen(got);
	while (n > 0 && (got[n - 1] == ' ' || got[n - 1] == '\t'))
		n--;
	int c = strncasecmp(got, want, n);
	if (c == 0 && want[n] != '\0')
		c = -1;
	switch (op) {
	case KB_CMP_EQ: return c == 0;
	case KB_CMP_NE: return c != 0;
	case KB_CMP_GE: return c >= 0;
	case KB_CMP_GT: return c > 0;
	case KB_CMP_LE: return c <= 0;
	case KB_CMP_LT: return c < 0;
	default: return 0;
	}
}

/* "0x800423f3", "2155348129", "-2147212301" or "0x800423F3, text" as
 * 0x%08X. 0, or -1 when the text does not start with a code. */
int
kb_normalize_hresult(const char *s, char *out, size_t len)
{
	char *end;
	unsigned long long v;

	while (*s == ' ')
		s++;
	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		v = strtoull(s + 2, &end, 16);
		if (end == s + 2 || end - s > 10)
			return -1;
	} else if (*s == '-') {
		long long sv = strtoll(s, &end, 10);
		if (end == s + 1 || sv < INT32_MIN)
			return -1;
		v = (uint32_t)(int32_t)sv;
	} else {
		v = strtoull(s, &end, 10);
		if (end == s)
			return -1;
	}
	if (errno != 0 || v > UINT32_MAX || isalnum((unsigned char)*end))
		return -1;
	snprintf(out, len, "0x%08" PRIX32, (uint32_t)v);
	return 0;
}

/* ---- conditions ---- */

struct lexer {
	const char	*s;
	char		*tok;		/* current token, owned */
	enum { T_END, T_WORD, T_STR, T_RE, T_OP, T_LP, T_RP } type;
	char		 flags[8];	/* regex flags */
	char		*err;
	int		 depth;		/* of parentheses and nots */
};

#define COND_MAX_DEPTH	32

static void
lex_next(struct lexer *l)
{
	const char *s = l->s;

	free(l->tok);
	l->tok = NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0') {
		l->type = T_END;
		l->s = s;
		return;
	}
	if (*s == '(' || *s == ')') {
		l->type = *s == '(' ? T_LP : T_RP;
		l->tok = xstrndup(s, 1);
		l->s = s + 1;
		return;
	}
	if (*s == '"') {
		const char *e = strchr(s + 1, '"');
		if (e == NULL) {
			if (l->err == NULL)
				l->err = xstrdup("missing closing \"");
			e = s + strlen(s);
			l->tok = xstrndup(s + 1, (size_t)(e - s - 1));
			l->s = e;
		} else {
			l->tok = xstrndup(s + 1, (size_t)(e - s - 1));
			l->s = e + 1;
		}
		l->type = T_STR;
		return;
	}
	if (*s == '/') {
		const char *e = s + 1;
		while (*e != '\0' && *e != '/')
			e += (*e == '\\' && e[1] != '\0') ? 2 : 1;
		if (*e != '/') {
			if (l->err == NULL)
				l->err = xstrdup("pattern has no closing /");
			l->tok = xstrdup(s + 1);
			l->s = s + strlen(s);
		} else {
			l->tok = xstrndup(s + 1, (size_t)(e - s - 1));
			e++;
			size_t n = 0;
			while (isalpha((unsigned char)*e) &&
			    n < sizeof l->flags - 1)
				l->flags[n++] = *e++;
			l->flags[n] = '\0';
			l->s = e;
		}
		l->type = T_RE;
		return;
	}
	if (strchr("=!~<>", *s) != NULL) {
		size_t n = 1;
		if ((s[0] == '!' || s[0] == '<' || s[0] == '>') &&
		    (s[1] == '=' || s[1] == '~'))
			n = 2;
		l->tok = xstrndup(s, n);
		l->type = T_OP;
		l->s = s + n;
		return;
	}
	const char *e = s;
	while (*e != '\0' && strchr(" \t()=!~<>\"", *e) == NULL)
		e++;
	l->tok = xstrndup(s, (size_t)(e - s));
	l->type = T_WORD;
	l->s = e;
}

static void
cond_free(struct kb_cond *c)
{
	if (c == NULL)
		return;
	cond_free(c->a);
	cond_free(c->b);
	free(c->fact);
	free(c->cap);
	free(c->value);
	pattern_free(c->re);
	free(c);
}

static struct pattern *
compile_re(const char *re, const char *flags, char **cause)
{
	unsigned f = 0;
	for (; *flags != '\0'; flags++) {
		if (*flags == 'i')
			f |= PATTERN_CASELESS;
		else if (*flags == 'm')
			f |= PATTERN_MULTILINE;
		else {
			*cause = xasprintf("unknown pattern flag '%c' (i or m)",
			    *flags);
			return NULL;
		}
	}
	return pattern_compile(re, f, cause);
}

static struct kb_cond *parse_or(struct lexer *);

static struct kb_cond *
parse_atom(struct lexer *l)
{
	static const struct {
		const char	*s;
		enum kb_cmp	 op;
	} ops[] = {
		{ "=", KB_CMP_EQ }, { "!=", KB_CMP_NE },
		{ "~", KB_CMP_MATCH }, { "!~", KB_CMP_NOMATCH },
		{ ">=", KB_CMP_GE }, { ">", KB_CMP_GT },
		{ "<=", KB_CMP_LE }, { "<", KB_CMP_LT },
	};
	struct kb_cond *c;

	if (l->depth >= COND_MAX_DEPTH) {
		if (l->err == NULL)
			l->err = xstrdup("condition nested too deeply");
		c = xcalloc(1, sizeof *c);
		c->kind = KB_COND_TRUE;
		return c;
	}
	if (l->type == T_LP) {
		l->depth++;
		lex_next(l);
		c = parse_or(l);
		if (l->type != T_RP) {
			if (l->err == NULL)
				l->err = xstrdup("missing )");
		} else
			lex_next(l);
		l->depth--;
		return c;
	}
	if (l->type == T_WORD && strcmp(l->tok, "not") == 0) {
		lex_next(l);
		c = xcalloc(1, sizeof *c);
		c->kind = KB_COND_NOT;
		l->depth++;
		c->a = parse_atom(l);
		l->depth--;
		return c;
	}
	c = xcalloc(1, sizeof *c);
	c->fact_idx = -1;
	if (l->type == T_WORD && strcmp(l->tok, "always") == 0) {
		c->kind = KB_COND_TRUE;
		lex_next(l);
		return c;
	}
	if (l->type != T_WORD) {
		if (l->err == NULL)
			l->err = xasprintf("expected a fact name, not \"%s\"",
			    l->tok != NULL ? l->tok : "end of line");
		return c;
	}
	c->kind = KB_COND_FACT;
	char *dot = strchr(l->tok, '.');
	if (dot != NULL) {
		c->fact = xstrndup(l->tok, (size_t)(dot - l->tok));
		c->cap = xstrdup(dot + 1);
	} else
		c->fact = xstrdup(l->tok);
	lex_next(l);
	if (l->type != T_OP)
		return c;
	size_t i;
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(l->tok, ops[i].s) == 0)
			break;
	if (i == sizeof ops / sizeof ops[0]) {
		if (l->err == NULL)
			l->err = xasprintf("unknown operator \"%s\"", l->tok);
		return c;
	}
	c->has_op = 1;
	c->op = ops[i].op;
	lex_next(l);
	if (c->op == KB_CMP_MATCH || c->op == KB_CMP_NOMATCH) {
		if (l->type != T_RE) {
			if (l->err == NULL)
				l->err = xstrdup("~ needs a /pattern/");
			return c;
		}
		char *cause = NULL;
		c->value = xstrdup(l->tok);
		c->re = compile_re(l->tok, l->flags, &cause);
		if (c->re == NULL && l->err == NULL)
			l->err = xasprintf("pattern /%s/ %s", l->tok, cause);
		free(cause);
	} else {
		if (l->type != T_WORD && l->type != T_STR) {
			if (l->err == NULL)
				l->err = xstrdup(
				    "expected a value after the operator");
			return c;
		}
		c->value = xstrdup(l->tok);
	}
	lex_next(l);
	return c;
}

static struct kb_cond *
parse_and(struct lexer *l)
{
	struct kb_cond *c = parse_atom(l);
	while (l->err == NULL && l->type == T_WORD &&
	    strcmp(l->tok, "and") == 0) {
		lex_next(l);
		struct kb_cond *n = xcalloc(1, sizeof *n);
		n->kind = KB_COND_AND;
		n->a = c;
		n->b = parse_atom(l);
		c = n;
	}
	return c;
}

static struct kb_cond *
parse_or(struct lexer *l)
{
	struct kb_cond *c = parse_and(l);
	while (l->err == NULL && l->type == T_WORD &&
	    strcmp(l->tok, "or") == 0) {
		lex_next(l);
		struct kb_cond *n = xcalloc(1, sizeof *n);
		n->kind = KB_COND_OR;
		n->a = c;
		n->b = parse_and(l);
		c = n;
	}
	return c;
}

/* "fact = x" compares nothing: a capture or count must be named. */
static char *
cond_bare_compare(const struct kb_cond *c)
{
	char *e;

	if (c == NULL)
		return NULL;
	if (c->kind == KB_COND_FACT && c->has_op && c->cap == NULL)
		return xasprintf("\"%s\" compares the fact itself: name a "
		    "capture (%s.NAME) or %s.count", c->fact, c->fact, c->fact);
	if ((e = cond_bare_compare(c->a)) != NULL)
		return e;
	return cond_bare_compare(c->b);
}

static struct kb_cond *
cond_parse(const char *s, char **cause)
{
	struct lexer l;

	memset(&l, 0, sizeof l);
	l.s = s;
	lex_next(&l);
	struct kb_cond *c = parse_or(&l);
	if (l.err == NULL && l.type != T_END)
		l.err = xasprintf("unexpected \"%s\" in the condition", l.tok);
	if (l.err == NULL)
		l.err = cond_bare_compare(c);
	free(l.tok);
	if (l.err != NULL) {
		cond_free(c);
		*cause = l.err;
		return NULL;
	}
	return c;
}

/* ---- blocks ---- */

static int
kind_of_block(const char *w)
{
	static const char *names[] = { "tree", "fact", "question", "check",
	    "verdict", "map", "template" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(w, names[i]) == 0)
			return (int)i;
	return -1;
}

static void
finish_template(struct parser *p)
{
	char *cause = NULL;

	if (p->tmpl_prov == NULL)
		return;
	if (p->tmpl_text.len == 0) {
		diag(p->diags, p->file, p->tmpl_line,
		    "template %s %s has no text", p->tmpl_prov, p->tmpl_id);
	} else if (template_parse_into(p->kb, p->file, p->tmpl_line,
	    p->tmpl_prov, p->tmpl_id, &cause) == -1) {
		diag(p->diags, p->file, p->tmpl_line, "%s", cause);
		free(cause);
	} else {
		struct kb_template *t =
		    &p->kb->templates[p->kb->ntemplates - 1];
		t->text = xstrdup(buf_cstr(&p->tmpl_text));
		t->fixed = 0;
		for (const char *s = t->text; *s != '\0'; s++) {
			if (*s == '%' && s[1] != '\0') {
				s++;
				while (isdigit((unsigned char)s[1]))
					s++;
				continue;
			}
			if (*s != ' ')
				t->fixed++;
		}
	}
	free(p->tmpl_prov);
	free(p->tmpl_id);
	p->tmpl_prov = p->tmpl_id = NULL;
	buf_reset(&p->tmpl_text);
}

static void
block_start(struct parser *p, const char *kw, char *arg)
{
	struct kb *kb = p->kb;
	int k = kind_of_block(kw);

	finish_template(p);
	p->block = B_BAD;
	if (k == -1) {
		diag(p->diags, p->file, p->line, "unknown block \"%s\" (tree, "
		    "fact, question, check, verdict, map or template)", kw);
		break_tree(kb, p->tree);
		return;
	}
	if (k == 6) {		/* template PROVIDERS ID */
		char *rest, *prov = split_word(arg, &rest);
		if (*prov == '\0' || *rest == '\0') {
			diag(p->diags, p->file, p->line,
			    "template needs a provider and an event id");
			return;
		}
		p->tmpl_prov = xstrdup(prov);
		p->tmpl_id = xstrdup(trim(rest));
		p->tmpl_line = p->line;
		p->block = B_TEMPLATE;
		return;
	}
	if (!valid_id(arg)) {
		diag(p->diags, p->file, p->line, "%s needs an id of letters, "
		    "digits, - and _, not \"%s\"", kw, arg);
		if (k == 0)
			p->tree = -1;
		break_tree(kb, p->tree);
		return;
	}
	switch (k) {
	case 0: {
		struct kb_tree *t = PUSH(kb->trees, kb->ntrees);
		t->id = xstrdup(arg);
		t->file = xstrdup(p->file);
		t->line = p->line;
		t->start_node = -1;
		p->tree = (int)kb->ntrees - 1;
		p->cur = kb->ntrees - 1;
		p->block = B_TREE;
		break;
	}
	case 1: {
		struct kb_fact *f = PUSH(kb->facts, kb->nfacts);
		f->id = xstrdup(arg);
		f->file = xstrdup(p->file);
		f->line = p->line;
		f->tree = p->tree;
		f->kind = -1;
		f->rel_idx = f->with_idx = -1;
		p->cur = kb->nfacts - 1;
		p->block = B_FACT;
		break;
	}
	case 2: case 3: case 4: {
		struct kb_node *n = PUSH(kb->nodes, kb->nnodes);
		n->id = xstrdup(arg);
		n->file = xstrdup(p->file);
		n->line = p->line;
		n->tree = p->tree;
		n->kind = k == 2 ? KB_NODE_QUESTION : k == 3 ? KB_NODE_CHECK :
		    KB_NODE_VERDICT;
		p->cur = kb->nnodes - 1;
		p->block = B_NODE;
		if (p->tree < 0)
			diag(p->diags, p->file, p->line,
			    "%s %s comes before any "
			    "tree: put it after a \"tree\" line",
			    kw, arg);
		break;
	}
	case 5: {
		struct kb_map *m = PUSH(kb->maps, kb->nmaps);
		m->id = xstrdup(arg);
		p->cur = kb->nmaps - 1;
		p->block = B_MAP;
		break;
	}
	}
}

static void
add_str(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void
append_text(char **dst, const char *s)
{
	if (*dst == NULL) {
		*dst = xstrdup(s);
		return;
	}
	char *n = xasprintf("%s\n%s", *dst, s);
	free(*dst);
	*dst = n;
}

static void
tree_attr(struct parser *p, const char *kw, char *arg)
{
	struct kb_tree *t = &p->kb->trees[p->cur];
	char *cause = NULL;

	if (strcmp(kw, "title") == 0) {
		free(t->title);
		t->title = xstrdup(arg);
	} else if (strcmp(kw, "ref") == 0)
		add_str(&t->refs, &t->nrefs, arg);
	else if (strcmp(kw, "collect") == 0)
		add_str(&t->collect, &t->ncollect, arg);
	else if (strcmp(kw, "start") == 0) {
		free(t->start);
		t->start = xstrdup(arg);
	} else if (strcmp(kw, "entry") == 0 || strcmp(kw, "support") == 0) {
		struct kb_cond *c = cond_parse(arg, &cause);
		if (c == NULL) {
			perr(p, "%s: %s", kw, cause);
			free(cause);
			return;
		}
		c->line = p->line;
		if (kw[0] == 'e') {
			if (t->entry != NULL) {
				perr(p,
				    "a tree has one entry line (join "
				    "conditions with and/or)");
				cond_free(c);
				return;
			}
			t->entry = c;
		} else {
			t->support = xreallocarray(t->support, t->nsupport + 1,
			    sizeof *t->support);
			t->support[t->nsupport++] = c;
		}
	} else if (strcmp(kw, "flag") == 0) {
		/* flag NAME = COND: the fact NAME is "yes" or "no" */
		char *rest, *name = split_word(arg, &rest);
		if (!valid_id(name) || rest[0] != '=') {
			perr(p, "flag: expected NAME = CONDITION");
			return;
		}
		struct kb_cond *c = cond_parse(rest + 1, &cause);
		if (c == NULL) {
			perr(p, "flag %s: %s", name, cause);
			free(cause);
			return;
		}
		c->line = p->line;
		struct kb_expose *e = PUSH(t->exposes, t->nexposes);
		e->name = xstrdup(name);
		e->flag = c;
	} else if (strcmp(kw, "expose") == 0) {
		/* expose NAME = FACT.CAP [| FACT.CAP ...] [as HOW] */
		char *rest, *name = split_word(arg, &rest);
		if (!valid_id(name) || rest[0] != '=') {
			perr(p, "expose: expected NAME = FACT.CAPTURE");
			return;
		}
		struct kb_expose *e = PUSH(t->exposes, t->nexposes);
		e->name = xstrdup(name);
		char *alts = trim(rest + 1), *as = strstr(alts, " as ");
		if (as != NULL) {
			*as = '\0';
			char *how = trim(as + 4);
			if (strcmp(how, "name") == 0)
				e->as = KB_AS_NAME;
			else if (strcmp(how, "service") == 0)
				e->as = KB_AS_SERVICE;
			else if (strcmp(how, "hresult") == 0)
				e->as = KB_AS_HRESULT;
			else
				perr(p,
				    "expose: unknown \"as %s\" (name, service "
				    "or hresult)",
				    how);
		}
		for (char *a = strtok(alts, "|"); a != NULL;
		     a = strtok(NULL, "|")) {
			a = trim(a);
			char *dot = strchr(a, '.');
			if (dot == NULL || dot[1] == '\0') {
				perr(p, "expose %s: \"%s\" is not FACT.CAPTURE",
				    name, a);
				continue;
			}
			e->facts = xreallocarray(e->facts, e->nalt + 1,
			    sizeof *e->facts);
			e->caps = xreallocarray(e->caps, e->nalt + 1,
			    sizeof *e->caps);
			e->fact_idx = xreallocarray(e->fact_idx, e->nalt + 1,
			    sizeof *e->fact_idx);
			e->facts[e->nalt] = xstrndup(a, (size_t)(dot - a));
			e->caps[e->nalt] = xstrdup(dot + 1);
			e->fact_idx[e->nalt] = -1;
			e->nalt++;
		}
	} else
		perr(p,
		    "unknown line \"%s\" in a tree (title, ref, start, entry, "
		    "support, expose, flag, collect)",
		    kw);
}

static int
parse_duration(const char *s, int64_t *us)
{
	char *end;
	long v = strtol(s, &end, 10);
	int64_t mul;

	if (end == s || v < 0)
		return -1;
	if (strcmp(end, "s") == 0)
		mul = 1;
	else if (strcmp(end, "m") == 0)
		mul = 60;
	else if (strcmp(end, "h") == 0)
		mul = 3600;
	else if (strcmp(end, "d") == 0)
		mul = 86400;
	else
		return -1;
	*us = (int64_t)v * mul * 1000000;
	return 0;
}

/* Reads one "key=value" or key="value with blanks" of a select line. */
static char *
select_value(char **sp, char **key)
{
	char *s = *sp, *eq;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	*key = s;
	eq = s;
	while (*eq != '\0' && *eq != '=' && *eq != ' ')
		eq++;
	if (*eq != '=') {
		/* A key with no value: the caller says what it needs. */
		if (*eq != '\0')
			*eq++ = '\0';
		*sp = eq;
		return "";
	}
	*eq++ = '\0';
	char *v = eq, *e;
	if (*v == '"') {
		v++;
		e = strchr(v, '"');
		if (e == NULL)
			e = v + strlen(v);
	} else {
		e = v;
		while (*e != '\0' && *e != ' ' && *e != '\t')
			e++;
	}
	*sp = *e != '\0' ? e + 1 : e;
	*e = '\0';
	return v;
}

static void
fact_select(struct parser *p, struct kb_fact *f, char *arg)
{
	char *rest, *kind = split_word(arg, &rest), *key, *v;

	if (strcmp(kind, "any") == 0)
		f->kind = -1;
	else if ((f->kind = record_kind_parse(kind)) == -1) {
		perr(p,
		    "select: unknown record kind \"%s\" (event, writer, "
		    "provider, "
		    "shadow-storage, shadow, provider-use, text or any)",
		    kind);
		return;
	}
	while ((v = select_value(&rest, &key)) != NULL) {
		if (*v == '\0') {
			perr(p, "select: \"%s\" needs a value (%s=...)", key,
			    key);
			return;
		}
		if (strcmp(key, "provider") == 0) {
			for (char *x = strtok(v, ","); x != NULL;
			     x = strtok(NULL, ","))
				add_str(&f->providers, &f->nproviders, trim(x));
		} else if (strcmp(key, "id") == 0) {
			for (char *x = strtok(v, ","); x != NULL;
			     x = strtok(NULL, ",")) {
				char *end, *dash = strchr(x, '-');
				unsigned long lo = strtoul(x, &end, 10),
					      hi = lo;
				if (end == x ||
				    (dash == NULL && *end != '\0')) {
					perr(p, "select: bad event id \"%s\"",
					    x);
					return;
				}
				if (dash != NULL) {
					hi = strtoul(dash + 1, &end, 10);
					if (*end != '\0' || end == dash + 1 ||
					    hi < lo) {
						perr(p,
						    "select: bad id range "
						    "\"%s\"",
						    x);
						return;
					}
				}
				if (hi > 65535) {
					perr(p,
					    "select: event id %lu is above "
					    "65535",
					    hi);
					return;
				}
				struct kb_range *r = PUSH(f->ids, f->nids);
				r->lo = (uint32_t)lo;
				r->hi = (uint32_t)hi;
			}
		} else if (strcmp(key, "level") == 0) {
			for (char *x = strtok(v, ","); x != NULL;
			     x = strtok(NULL, ",")) {
				int l = record_level_parse(x);
				if (l == -1) {
					perr(p, "select: unknown level \"%s\"",
					    x);
					return;
				}
				f->levels |= 1u << l;
			}
		} else if (strcmp(key, "channel") == 0) {
			free(f->channel);
			f->channel = xstrdup(v);
		} else if (strcmp(key, "computer") == 0) {
			free(f->computer);
			f->computer = xstrdup(v);
		} else {
			perr(p,
			    "select: unknown key \"%s\" (provider, id, level, "
			    "channel, computer)",
			    key);
			return;
		}
	}
}

static struct kb_match *
last_match(struct parser *p, struct kb_fact *f, const char *kw)
{
	if (f->nmatches == 0) {
		perr(p, "%s must follow the match or reject line it tests", kw);
		return NULL;
	}
	return &f->matches[f->nmatches - 1];
}

static void
fact_attr(struct parser *p, const char *kw, char *arg)
{
	struct kb_fact *f = &p->kb->facts[p->cur];
	char *cause = NULL, *rest;

	if (strcmp(kw, "select") == 0)
		fact_select(p, f, arg);
	else if (strcmp(kw, "match") == 0 || strcmp(kw, "reject") == 0) {
		char *field = split_word(arg, &rest);
		char *last = strrchr(rest, '/');
		if (*field == '\0' || rest[0] != '/' || last == rest) {
			perr(p, "%s: expected FIELD /pattern/", kw);
			return;
		}
		*last = '\0';
		struct kb_match *m = PUSH(f->matches, f->nmatches);
		m->field = xstrdup(field);
		m->reject = kw[0] == 'r';
		m->line = p->line;
		m->re = compile_re(rest + 1, last + 1, &cause);
		if (m->re == NULL) {
			perr(p, "pattern error %s", cause);
			free(cause);
			return;
		}
		if (!m->reject) {
			for (size_t i = 0; i < pattern_ngroups(m->re); i++) {
				const char *g = pattern_group_name(m->re, i);
				size_t j;
				for (j = 0; j < f->ncapnames; j++)
					if (strcmp(f->capnames[j], g) == 0)
						break;
				if (j == f->ncapnames)
					add_str(&f->capnames, &f->ncapnames, g);
			}
		}
	} else if (strcmp(kw, "sample") == 0 || strcmp(kw, "nomatch") == 0) {
		struct kb_match *m = last_match(p, f, kw);
		if (m == NULL)
			return;
		struct kb_sample *s = PUSH(m->samples, m->nsamples);
		s->text = xstrdup(arg);
		s->line = p->line;
		s->negative = kw[0] == 'n';
	} else if (strcmp(kw, "expect") == 0) {
		struct kb_match *m = last_match(p, f, kw);
		if (m == NULL)
			return;
		if (m->nsamples == 0 || m->samples[m->nsamples - 1].negative) {
			perr(p, "expect must follow a sample line");
			return;
		}
		struct kb_sample *s = &m->samples[m->nsamples - 1];
		char *key, *v;
		while ((v = select_value(&arg, &key)) != NULL) {
			if (strchr(key, '=') != NULL || *key == '\0') {
				perr(p, "expect: expected NAME=VALUE");
				return;
			}
			s->names = xreallocarray(s->names, s->nexpect + 1,
			    sizeof *s->names);
			s->values = xreallocarray(s->values, s->nexpect + 1,
			    sizeof *s->values);
			s->names[s->nexpect] = xstrdup(key);
			s->values[s->nexpect] = xstrdup(v);
			s->nexpect++;
		}
	} else if (strcmp(kw, "where") == 0) {
		struct lexer l;
		memset(&l, 0, sizeof l);
		l.s = arg;
		lex_next(&l);
		struct kb_cond *c = parse_atom(&l);
		if (l.err == NULL && l.type != T_END)
			l.err = xasprintf("unexpected \"%s\"", l.tok);
		free(l.tok);
		if (l.err == NULL &&
		    (c->kind != KB_COND_FACT || c->cap != NULL || !c->has_op))
			l.err = xstrdup("expected FIELD OP VALUE");
		if (l.err != NULL) {
			perr(p, "where: %s", l.err);
			free(l.err);
			cond_free(c);
			return;
		}
		struct kb_where *w = PUSH(f->wheres, f->nwheres);
		w->field = c->fact;
		w->op = c->op;
		w->value = c->value;
		w->re = c->re;
		c->fact = c->value = NULL;
		c->re = NULL;
		cond_free(c);
	} else if (strcmp(kw, "capture") == 0) {
		char *name = split_word(arg, &rest);
		if (!valid_id(name) || rest[0] != '=' ||
		    *trim(rest + 1) == '\0') {
			perr(p, "capture: expected NAME = FIELD");
			return;
		}
		struct kb_capture *c = PUSH(f->captures, f->ncaptures);
		c->name = xstrdup(name);
		c->field = xstrdup(trim(rest + 1));
		add_str(&f->capnames, &f->ncapnames, name);
	} else if (strcmp(kw, "convert") == 0) {
		char *cap = split_word(arg, &rest),
		     *how = split_word(rest, &rest);
		struct kb_conv *c = PUSH(f->convs, f->nconvs);
		c->cap = xstrdup(cap);
		c->map_idx = -1;
		if (strcmp(how, "hresult") == 0)
			c->how = KB_CONV_HRESULT;
		else if (strcmp(how, "upper") == 0)
			c->how = KB_CONV_UPPER;
		else if (strcmp(how, "lower") == 0)
			c->how = KB_CONV_LOWER;
		else if (strcmp(how, "map") == 0 && *rest != '\0') {
			c->how = KB_CONV_MAP;
			c->map = xstrdup(trim(rest));
		} else
			perr(p,
			    "convert: expected CAPTURE hresult|upper|lower|map "
			    "MAP");
	} else if (strcmp(kw, "keep") == 0) {
		if (strcmp(arg, "earliest") == 0)
			f->keep = KB_KEEP_EARLIEST;
		else if (strcmp(arg, "latest") == 0)
			f->keep = KB_KEEP_LATEST;
		else if (strcmp(arg, "all") == 0)
			f->keep = KB_KEEP_ALL;
		else
			perr(p, "keep: expected earliest, latest or all");
	} else if (strcmp(kw, "near") == 0 || strcmp(kw, "after") == 0 ||
	    strcmp(kw, "before") == 0) {
		char *other = split_word(arg, &rest);
		if (f->rel != KB_REL_NONE) {
			perr(p, "a fact has one near, after or before line");
			return;
		}
		f->rel = kw[0] == 'n' ? KB_REL_NEAR :
		    kw[0] == 'a'      ? KB_REL_AFTER :
					KB_REL_BEFORE;
		f->rel_fact = xstrdup(other);
		if (f->rel == KB_REL_NEAR &&
		    parse_duration(rest, &f->rel_window) == -1)
			perr(p,
			    "near: expected FACT and a time such as 10m (s, m, "
			    "h, d)");
		else if (f->rel != KB_REL_NEAR && *rest != '\0')
			perr(p, "%s: expected only a fact name", kw);
	} else if (strcmp(kw, "with") == 0) {
		/* with CAP = FACT.CAP */
		char *cap = split_word(arg, &rest), *dot;
		if (rest[0] != '=' ||
		    (dot = strchr(trim(rest + 1), '.')) == NULL) {
			perr(p, "with: expected CAPTURE = FACT.CAPTURE");
			return;
		}
		char *other = trim(rest + 1);
		*dot = '\0';
		free(f->with_cap);
		free(f->with_fact);
		free(f->with_fcap);
		f->with_cap = xstrdup(cap);
		f->with_fact = xstrdup(other);
		f->with_fcap = xstrdup(dot + 1);
	} else if (strcmp(kw, "note") == 0)
		;
	else
		perr(p,
		    "unknown line \"%s\" in a fact (select, where, match, "
		    "reject, "
		    "sample, nomatch, expect, capture, convert, keep, near, "
		    "after, "
		    "before, with, note)",
		    kw);
}

static void
node_attr(struct parser *p, const char *kw, char *arg)
{
	struct kb_node *n = &p->kb->nodes[p->cur];
	char *cause = NULL;
	int verdict = n->kind == KB_NODE_VERDICT;

	if (!verdict && strcmp(kw, "ask") == 0) {
		free(n->text);
		n->text = xstrdup(arg);
	} else if (verdict && strcmp(kw, "title") == 0) {
		free(n->text);
		n->text = xstrdup(arg);
	} else if (strcmp(kw, "detail") == 0)
		append_text(&n->detail, arg);
	else if (verdict && strcmp(kw, "step") == 0)
		add_str(&n->steps, &n->nsteps, arg);
	else if (verdict && strcmp(kw, "ref") == 0)
		add_str(&n->refs, &n->nrefs, arg);
	else if (!verdict && strcmp(kw, "choices") == 0) {
		if (strcmp(arg, "findings") != 0)
			perr(p, "choices: only \"choices findings\" is known");
		else if (n->kind != KB_NODE_QUESTION)
			perr(p, "choices findings belongs in a question");
		else
			n->findings = 1;
	} else if (!verdict &&
	    (strcmp(kw, "choice") == 0 || strcmp(kw, "branch") == 0)) {
		/* choice KEY [LABEL...] => TARGET */
		char *arrow = strstr(arg, "=>"), *rest;
		if (arrow == NULL) {
			perr(p, "%s: expected KEY [LABEL] => TARGET", kw);
			return;
		}
		*arrow = '\0';
		char *target = trim(arrow + 2);
		char *key = split_word(trim(arg), &rest);
		if (!valid_id(key) || !valid_id(target)) {
			perr(p,
			    "%s: expected KEY [LABEL] => TARGET (ids of "
			    "letters, "
			    "digits, - and _)",
			    kw);
			return;
		}
		for (size_t i = 0; i < n->nchoices; i++)
			if (strcmp(n->choices[i].key, key) == 0) {
				perr(p, "%s: key \"%s\" is used twice", kw,
				    key);
				return;
			}
		struct kb_choice *c = PUSH(n->choices, n->nchoices);
		c->key = xstrdup(key);
		c->label = xstrdup(*rest != '\0' ? rest : key);
		c->target = xstrdup(target);
		c->target_node = -1;
		c->line = p->line;
	} else if (!verdict && strcmp(kw, "when") == 0) {
		if (n->nchoices == 0) {
			perr(p, "when must follow the choice it pre-answers");
			return;
		}
		struct kb_choice *c = &n->choices[n->nchoices - 1];
		if (c->when != NULL) {
			perr(p,
			    "a choice has one when line (join conditions with "
			    "and/or)");
			return;
		}
		c->when = cond_parse(arg, &cause);
		if (c->when != NULL)
			c->when->line = p->line;
		if (c->when == NULL) {
			perr(p, "when: %s", cause);
			free(cause);
		}
	} else
		perr(p,
		    verdict ?
			"unknown line \"%s\" in a verdict (title, detail, "
			"step, ref)" :
			"unknown line \"%s\" in a question or check (ask, "
			"detail, choice, branch, when, choices)",
		    kw);
}

static void
map_attr(struct parser *p, const char *kw, char *arg)
{
	struct kb_map *m = &p->kb->maps[p->cur];
	char *arrow = strstr(arg, "=>");

	if (strcmp(kw, "value") != 0 || arrow == NULL) {
		perr(p, "a map holds lines \"value TEXT => VALUE\"");
		return;
	}
	*arrow = '\0';
	m->keys = xreallocarray(m->keys, m->n + 1, sizeof *m->keys);
	m->values = xreallocarray(m->values, m->n + 1, sizeof *m->values);
	m->keys[m->n] = xstrdup(trim(arg));
	m->values[m->n] = xstrdup(trim(arrow + 2));
	m->n++;
}

static void
parse_line(struct parser *p, char *line)
{
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return;
	char *rest, *kw = split_word(s, &rest);
	rest = trim(rest);
	if (s == line) {
		block_start(p, kw, rest);
		return;
	}
	switch (p->block) {
	case B_NONE:
		diag(p->diags, p->file, p->line,
		    "\"%s\" is indented but no block "
		    "(tree, fact, question, ...) starts before it",
		    kw);
		break;
	case B_BAD:
		break;		/* the header was reported */
	case B_TREE:
		tree_attr(p, kw, rest);
		break;
	case B_FACT:
		fact_attr(p, kw, rest);
		break;
	case B_NODE:
		node_attr(p, kw, rest);
		break;
	case B_MAP:
		map_attr(p, kw, rest);
		break;
	case B_TEMPLATE:
		if (strcmp(kw, "text") != 0) {
			diag(p->diags, p->file, p->line,
			    "a template holds text lines");
			break;
		}
		if (p->tmpl_text.len > 0)
			buf_addc(&p->tmpl_text, '\n');
		buf_adds(&p->tmpl_text, rest);
		break;
	}
}

static int
utf8_ok(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		size_t k = utf8_seq_len((const unsigned char *)s, n);
		if (k == 0)
			return 0;
		s += k;
		n -= k;
	}
	return 1;
}

static void
parse_file(struct kb *kb, struct diags *d, const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	struct parser p;
	char *line = NULL;
	size_t cap = 0;

	if (f == NULL) {
		diag(d, name, 0, "cannot open: %s", strerror(errno));
		return;
	}
	memset(&p, 0, sizeof p);
	p.kb = kb;
	p.diags = d;
	p.file = name;
	p.tree = -1;
	buf_init(&p.tmpl_text);
	ssize_t len;
	while ((len = getline(&line, &cap, f)) != -1) {
		p.line++;
		if (memchr(line, '\0', (size_t)len) != NULL || !utf8_ok(line)) {
			diag(d, name, p.line, "not UTF-8 text");
			break_tree(kb, p.tree);
			continue;
		}
		parse_line(&p, line);
	}
	finish_template(&p);
	buf_free(&p.tmpl_text);
	free(line);
	fclose(f);
}

/* ---- lookups ---- */

int
kb_find_fact(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nfacts; i++)
		if (strcmp(kb->facts[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
kb_find_node(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nnodes; i++)
		if (strcmp(kb->nodes[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
kb_find_tree(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->ntrees; i++)
		if (strcmp(kb->trees[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int
fact_has_cap(const struct kb_fact *f, const char *cap)
{
	if (strcmp(cap, "count") == 0)
		return 1;
	for (size_t i = 0; i < f->ncapnames; i++)
		if (strcmp(f->capnames[i], cap) == 0)
			return 1;
	return 0;
}

static int
find_map(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nmaps; i++)
		if (strcmp(kb->maps[i].id, id) == 0)
			return (int)i;
	return -1;
}

const char *
kb_map_lookup(const struct kb *kb, int map, const char *key)
{
	if (map < 0 || (size_t)map >= kb->nmaps || key == NULL)
		return NULL;
	const struct kb_map *m = &kb->maps[map];
	for (size_t i = 0; i < m->n; i++)
		if (kb_compare(key, KB_CMP_EQ, m->keys[i], NULL))
			return m->values[i];
	return NULL;
}

/* ---- checks after loading ---- */

/* The tree an object belongs to is dropped; a shared fact dies alone. */
static void
fact_fail(struct kb *kb, size_t i)
{
	if (kb->facts[i].tree >= 0)
		break_tree(kb, kb->facts[i].tree);
	else
		kb->facts[i].dead = 1;
}

static int
fact_usable(const struct kb *kb, int i)
{
	if (i < 0)
		return 0;
	const struct kb_fact *f = &kb->facts[i];
	return !f->dead && (f->tree < 0 || !kb->trees[f->tree].broken);
}

static int
cond_resolve(struct kb *kb, struct diags *d, struct kb_cond *c,
    const char *file, int line)
{
	int rc = 0;

	if (c == NULL)
		return 0;
	switch (c->kind) {
	case KB_COND_AND:
	case KB_COND_OR:
		rc |= cond_resolve(kb, d, c->b, file, line);
		/* FALLTHROUGH */
	case KB_COND_NOT:
		rc |= cond_resolve(kb, d, c->a, file, line);
		return rc;
	case KB_COND_TRUE:
		return 0;
	case KB_COND_FACT:
		break;
	}
	if (c->line > 0)
		line = c->line;
	c->fact_idx = kb_find_fact(kb, c->fact);
	if (c->fact_idx == -1) {
		diag(d, file, line, "unknown fact \"%s\"", c->fact);
		return -1;
	}
	if (c->cap != NULL && !fact_has_cap(&kb->facts[c->fact_idx], c->cap)) {
		diag(d, file, line, "fact %s gives no capture \"%s\"", c->fact,
		    c->cap);
		return -1;
	}
	return 0;
}

/* 1 when the condition names a fact that did not load. */
static int
cond_dead(const struct kb *kb, const struct kb_cond *c)
{
	if (c == NULL)
		return 0;
	if (c->kind == KB_COND_FACT)
		return !fact_usable(kb, c->fact_idx);
	return cond_dead(kb, c->a) || cond_dead(kb, c->b);
}

static void
check_duplicates(struct kb *kb, struct diags *d)
{
	for (size_t i = 0; i < kb->ntrees; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(kb->trees[i].id, kb->trees[j].id) == 0) {
				diag(d, kb->trees[i].file, kb->trees[i].line,
				    "tree %s is defined twice (also at %s:%d)",
				    kb->trees[i].id, kb->trees[j].file,
				    kb->trees[j].line);
				kb->trees[i].broken = 1;
			}
	for (size_t i = 0; i < kb->nfacts; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(kb->facts[i].id, kb->facts[j].id) == 0) {
				diag(d, kb->facts[i].file, kb->facts[i].line,
				    "fact %s is defined twice (also at %s:%d)",
				    kb->facts[i].id, kb->facts[j].file,
				    kb->facts[j].line);
				fact_fail(kb, i);
				kb->facts[i].dead = 1;
			}
	for (size_t i = 0; i < kb->nnodes; i++) {
		struct kb_node *n = &kb->nodes[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(n->id, kb->nodes[j].id) == 0) {
				diag(d, n->file, n->line,
				    "node %s is defined twice "
				    "(also at %s:%d)",
				    n->id, kb->nodes[j].file,
				    kb->nodes[j].line);
				break_tree(kb, n->tree);
				n->dead = 1;
			}
		int t = kb_find_tree(kb, n->id);
		if (t >= 0 && (size_t)t != (size_t)n->tree) {
			diag(d, n->file, n->line,
			    "node %s has the id of a tree "
			    "(%s:%d)",
			    n->id, kb->trees[t].file, kb->trees[t].line);
			break_tree(kb, n->tree);
		}
	}
}

static int
fact_cycle(struct kb *kb, struct diags *d, size_t i, unsigned char *state)
{
	struct kb_fact *f = &kb->facts[i];

	if (state[i] == 2)
		return 0;
	if (state[i] == 1) {
		diag(d, f->file, f->line, "fact %s depends on itself through "
		    "near, after, before or with", f->id);
		fact_fail(kb, i);
		return 1;
	}
	state[i] = 1;
	int r =
	    (f->rel_idx >= 0 && fact_cycle(kb, d, (size_t)f->rel_idx, state)) ||
	    (f->with_idx >= 0 && fact_cycle(kb, d, (size_t)f->with_idx, state));
	if (r)
		fact_fail(kb, i);
	state[i] = 2;
	return r;
}

static void
check_facts(struct kb *kb, struct diags *d)
{
	for (size_t i = 0; i < kb->nfacts; i++) {
		struct kb_fact *f = &kb->facts[i];
		if (f->nmatches == 0 && f->ncaptures == 0 && f->nwheres == 0 &&
		    f->nproviders == 0 && f->nids == 0 && f->kind == -1) {
			diag(d, f->file, f->line,
			    "fact %s selects every record: "
			    "give it a select, where or match line",
			    f->id);
			fact_fail(kb, i);
		}
		if (f->rel != KB_REL_NONE) {
			f->rel_idx = kb_find_fact(kb, f->rel_fact);
			if (f->rel_idx == -1) {
				diag(d, f->file, f->line,
				    "fact %s: unknown fact \"%s\"", f->id,
				    f->rel_fact);
				fact_fail(kb, i);
			}
		}
		if (f->with_fact != NULL) {
			f->with_idx = kb_find_fact(kb, f->with_fact);
			if (f->with_idx == -1 ||
			    !fact_has_cap(&kb->facts[f->with_idx],
				f->with_fcap) ||
			    !fact_has_cap(f, f->with_cap)) {
				diag(d, f->file, f->line,
				    "fact %s: \"with %s = %s.%s\" "
				    "names an unknown fact or capture",
				    f->id, f->with_cap, f->with_fact,
				    f->with_fcap);
				fact_fail(kb, i);
			}
		}
		for (size_t j = 0; j < f->nconvs; j++) {
			struct kb_conv *c = &f->convs[j];
			if (!fact_has_cap(f, c->cap)) {
				diag(d, f->file, f->line,
				    "fact %s: convert names no "
				    "capture \"%s\"",
				    f->id, c->cap);
				fact_fail(kb, i);
			}
			if (c->how == KB_CONV_MAP &&
			    (c->map_idx = find_map(kb, c->map)) == -1) {
				diag(d, f->file, f->line,
				    "fact %s: unknown map \"%s\"", f->id,
				    c->map);
				fact_fail(kb, i);
			}
		}
		for (size_t j = 0; j < f->nwheres; j++)
			if (f->wheres[j].op == KB_CMP_MATCH ||
			    f->wheres[j].op == KB_CMP_NOMATCH) {
				diag(d, f->file, f->line,
				    "fact %s: where takes =, != "
				    "or a comparison; use match or reject for "
				    "patterns",
				    f->id);
				fact_fail(kb, i);
			}
		if ((f->kind == VS_KIND_EVENT || f->kind == -1) &&
		    f->nproviders == 0)
			kb->any_provider = 1;
	}
	for (size_t i = 0; i < kb->nfacts; i++) {
		if (kb->facts[i].rel_idx >= 0)
			kb->facts[kb->facts[i].rel_idx].referenced = 1;
		if (kb->facts[i].with_idx >= 0)
			kb->facts[kb->facts[i].with_idx].referenced = 1;
	}
	/* near/after/before/with may not go round in a circle. */
	unsigned char *state = xcalloc(kb->nfacts + 1, 1);
	for (size_t i = 0; i < kb->nfacts; i++)
		fact_cycle(kb, d, i, state);
	free(state);
}

static void
check_trees(struct kb *kb, struct diags *d)
{
	for (size_t i = 0; i < kb->ntrees; i++) {
		struct kb_tree *t = &kb->trees[i];
		if (t->title == NULL) {
			diag(d, t->file, t->line, "tree %s has no title",
			    t->id);
			t->broken = 1;
		}
		if (cond_resolve(kb, d, t->entry, t->file, t->line) == -1)
			t->broken = 1;
		for (size_t j = 0; j < t->nsupport; j++)
			if (cond_resolve(kb, d, t->support[j], t->file,
				t->line) == -1)
				t->broken = 1;
		for (size_t j = 0; j < t->nexposes; j++) {
			struct kb_expose *e = &t->exposes[j];
			if (cond_resolve(kb, d, e->flag, t->file, t->line) ==
			    -1)
				t->broken = 1;
			for (size_t k = 0; k < e->nalt; k++) {
				e->fact_idx[k] = kb_find_fact(kb, e->facts[k]);
				if (e->fact_idx[k] == -1 ||
				    !fact_has_cap(&kb->facts[e->fact_idx[k]],
					e->caps[k])) {
					diag(d, t->file, t->line,
					    "expose %s: no fact "
					    "%s with a capture %s",
					    e->name, e->facts[k], e->caps[k]);
					t->broken = 1;
				}
			}
		}
		if (t->start != NULL) {
			t->start_node = kb_find_node(kb, t->start);
			if (t->start_node == -1 ||
			    kb->nodes[t->start_node].tree != (int)i) {
				diag(d, t->file, t->line,
				    "tree %s: start \"%s\" is "
				    "not a node of this tree",
				    t->id, t->start);
				t->broken = 1;
			}
		} else {
			for (size_t j = 0; j < kb->nnodes; j++)
				if (kb->nodes[j].tree == (int)i) {
					t->start_node = (int)j;
					break;
				}
			if (t->start_node == -1) {
				diag(d, t->file, t->line,
				    "tree %s has no question, "
				    "check or verdict",
				    t->id);
				t->broken = 1;
			}
		}
	}
}

static void
check_nodes(struct kb *kb, struct diags *d)
{
	for (size_t i = 0; i < kb->nnodes; i++) {
		struct kb_node *n = &kb->nodes[i];
		const char *what = n->kind == KB_NODE_QUESTION ? "question" :
		    n->kind == KB_NODE_CHECK ? "check" : "verdict";
		if (n->tree < 0) {
			n->dead = 1;
			continue;
		}
		if (n->text == NULL) {
			diag(d, n->file, n->line, "%s %s has no %s line", what,
			    n->id,
			    n->kind == KB_NODE_VERDICT ? "title" : "ask");
			break_tree(kb, n->tree);
		}
		if (n->kind != KB_NODE_VERDICT && n->nchoices == 0 &&
		    !n->findings) {
			diag(d, n->file, n->line, "%s %s has no choice", what,
			    n->id);
			break_tree(kb, n->tree);
		}
		if (n->kind == KB_NODE_CHECK && n->nchoices > 0 &&
		    n->choices[n->nchoices - 1].when != NULL) {
			diag(d, n->file, n->line,
			    "check %s: its last branch needs "
			    "no when line, so that the check always goes on",
			    n->id);
			break_tree(kb, n->tree);
		}
		if (n->kind == KB_NODE_VERDICT && n->nsteps == 0) {
			diag(d, n->file, n->line, "verdict %s has no step",
			    n->id);
			break_tree(kb, n->tree);
		}
		for (size_t j = 0; j < n->nchoices; j++) {
			struct kb_choice *c = &n->choices[j];
			if (cond_resolve(kb, d, c->when, n->file, c->line) ==
			    -1)
				break_tree(kb, n->tree);
			c->target_node = kb_find_node(kb, c->target);
			if (c->target_node == -1) {
				int t = kb_find_tree(kb, c->target);
				if (t >= 0)
					c->target_node =
					    kb->trees[t].start_node;
			}
			if (c->target_node == -1) {
				diag(d, n->file, c->line,
				    "%s %s: choice %s leads to "
				    "\"%s\", which is no node or tree",
				    what, n->id, c->key, c->target);
				break_tree(kb, n->tree);
			}
		}
	}
}

/* Depth-first search for a path that comes back to a node. */
static int
find_cycle(struct kb *kb, size_t i, unsigned char *state, struct diags *d)
{
	struct kb_node *n = &kb->nodes[i];

	if (state[i] == 2)
		return 0;
	if (state[i] == 1) {
		diag(d, n->file, n->line,
		    "node %s is part of a cycle: the walk "
		    "could go round for ever",
		    n->id);
		break_tree(kb, n->tree);
		return 1;
	}
	state[i] = 1;
	for (size_t j = 0; j < n->nchoices; j++) {
		int t = n->choices[j].target_node;
		if (t >= 0 && find_cycle(kb, (size_t)t, state, d)) {
			/* The tree with the cycle is out; a tree that leads
			 * into it is dropped, with its own message, later. */
			state[i] = 2;
			return 1;
		}
	}
	state[i] = 2;
	return 0;
}

static void
mark_reach(const struct kb *kb, int i, unsigned char *seen)
{
	if (i < 0 || seen[i])
		return;
	seen[i] = 1;
	for (size_t j = 0; j < kb->nodes[i].nchoices; j++)
		mark_reach(kb, kb->nodes[i].choices[j].target_node, seen);
}

/* Trees whose facts or targets did not load cannot load either. */
static void
cascade(struct kb *kb, struct diags *d)
{
	int changed = 1;

	while (changed) {
		changed = 0;
		for (size_t i = 0; i < kb->nfacts; i++) {
			struct kb_fact *f = &kb->facts[i];
			if (!fact_usable(kb, (int)i))
				continue;
			if ((f->rel_idx >= 0 && !fact_usable(kb, f->rel_idx)) ||
			    (f->with_idx >= 0 &&
				!fact_usable(kb, f->with_idx))) {
				diag(d, f->file, f->line,
				    "fact %s depends on a fact "
				    "that did not load",
				    f->id);
				fact_fail(kb, i);
				changed = 1;
			}
		}
		for (size_t i = 0; i < kb->ntrees; i++) {
			struct kb_tree *t = &kb->trees[i];
			if (t->broken)
				continue;
			int bad = cond_dead(kb, t->entry);
			for (size_t j = 0; j < t->nsupport; j++)
				bad |= cond_dead(kb, t->support[j]);
			for (size_t j = 0; j < t->nexposes; j++) {
				bad |= cond_dead(kb, t->exposes[j].flag);
				for (size_t k = 0; k < t->exposes[j].nalt; k++)
					bad |= !fact_usable(kb,
					    t->exposes[j].fact_idx[k]);
			}
			for (size_t j = 0; j < kb->nnodes && !bad; j++) {
				const struct kb_node *n = &kb->nodes[j];
				if (n->tree != (int)i)
					continue;
				for (size_t k = 0; k < n->nchoices; k++) {
					int tn = n->choices[k].target_node;
					bad |=
					    cond_dead(kb, n->choices[k].when);
					if (tn >= 0 &&
					    kb->nodes[tn].tree >= 0 &&
					    kb->trees[kb->nodes[tn].tree]
						.broken)
						bad = 1;
				}
			}
			if (bad) {
				diag(d, t->file, t->line,
				    "tree %s is left out: it "
				    "uses a fact or a tree that did not load",
				    t->id);
				t->broken = 1;
				changed = 1;
			}
		}
	}
}

static int
placeholder_known(const struct kb *kb, const char *name, size_t len)
{
	char *n = xstrndup(name, len), *dot = strchr(n, '.');
	int ok = 0;

	if (strcmp(n, "codes") == 0)
		ok = 1;
	else if (dot != NULL) {
		*dot = '\0';
		int f = kb_find_fact(kb, n);
		ok = f >= 0 && fact_has_cap(&kb->facts[f], dot + 1);
	} else {
		for (size_t i = 0; i < kb->ntrees && !ok; i++)
			for (size_t j = 0; j < kb->trees[i].nexposes && !ok;
			     j++)
				ok = strcmp(kb->trees[i].exposes[j].name, n) ==
				    0;
	}
	free(n);
	return ok;
}

/*
 * The length of the name of a {placeholder} whose '{' is at s, or 0
 * when the braces hold something else (a GUID, "{...}"). A name is an
 * exposed fact (letters, digits, _) or FACT.CAPTURE.
 */
size_t
kb_placeholder(const char *s)
{
	const char *c = s + 1, *dot = NULL;
	int dash = 0;

	for (; *c != '}'; c++) {
		if (*c == '.' && dot == NULL && c > s + 1)
			dot = c;
		else if (*c == '-')
			dash = 1;
		else if (!isalnum((unsigned char)*c) && *c != '_')
			return 0;
	}
	if (c == s + 1 || (dot != NULL && dot + 1 == c) ||
	    (dash && dot == NULL))
		return 0;
	return (size_t)(c - s - 1);
}

static void
check_text(const struct kb *kb, struct diags *d, const struct kb_node *n,
    const char *s)
{
	if (s == NULL)
		return;
	for (const char *o = strchr(s, '{'); o != NULL;
	     o = strchr(o + 1, '{')) {
		size_t len = kb_placeholder(o);
		if (len > 0 && !placeholder_known(kb, o + 1, len))
			diag(d, n->file, n->line,
			    "%s: {%.*s} is no exposed fact "
			    "name or FACT.CAPTURE",
			    n->id, (int)len, o + 1);
	}
}

/* "\n" in a sample is a line break and "\t" a tab: messages have lines. */
static char *
sample_text(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == 't') {
			*o++ = '\t';
			s++;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void
check_samples(const struct kb *kb, struct diags *d)
{
	for (size_t i = 0; i < kb->nfacts; i++) {
		const struct kb_fact *f = &kb->facts[i];
		for (size_t j = 0; j < f->nmatches; j++) {
			const struct kb_match *m = &f->matches[j];
			if (m->re == NULL)
				continue;
			if (m->nsamples == 0) {
				diag(d, f->file, m->line,
				    "fact %s: the pattern has "
				    "no sample line",
				    f->id);
				continue;
			}
			for (size_t g = 0;
			     !m->reject && g < pattern_ngroups(m->re); g++) {
				const char *name = pattern_group_name(m->re, g);
				int seen = 0;
				for (size_t k = 0; k < m->nsamples && !seen;
				     k++)
					for (size_t e = 0;
					     e < m->samples[k].nexpect; e++)
						seen |=
						    strcmp(
							m->samples[k].names[e],
							name) == 0;
				if (!seen)
					diag(d, f->file, m->line,
					    "fact %s: no expect "
					    "line says what the capture %s "
					    "must give",
					    f->id, name);
			}
			for (size_t k = 0; k < m->nsamples; k++) {
				const struct kb_sample *s = &m->samples[k];
				char *text = sample_text(s->text);
				int r =
				    pattern_match(m->re, text, strlen(text), 0);
				if (s->negative && r == 1)
					diag(d, f->file, s->line,
					    "fact %s: the nomatch "
					    "sample matches /%s/",
					    f->id, pattern_source(m->re));
				else if (!s->negative && r != 1)
					diag(d, f->file, s->line,
					    "fact %s: the sample "
					    "does not match /%s/",
					    f->id, pattern_source(m->re));
				for (size_t e = 0;
				     r == 1 && !s->negative && e < s->nexpect;
				     e++) {
					size_t a, b;
					char got[256] = "";
					if (pattern_group(m->re, s->names[e],
						&a, &b)) {
						while (a < b &&
						    (text[a] == ' ' ||
							text[a] == '\t'))
							a++;
						while (b > a &&
						    (text[b - 1] == ' ' ||
							text[b - 1] == '\t'))
							b--;
						snprintf(got, sizeof got,
						    "%.*s", (int)(b - a),
						    text + a);
					}
					if (strcmp(got, s->values[e]) != 0)
						diag(d, f->file, s->line,
						    "fact %s: the sample "
						    "gives %s=\"%s\", expected "
						    "\"%s\"",
						    f->id, s->names[e], got,
						    s->values[e]);
				}
				free(text);
			}
		}
	}
}

static void
check_loaded(struct kb *kb, struct diags *d)
{
	check_duplicates(kb, d);
	check_facts(kb, d);
	check_trees(kb, d);
	check_nodes(kb, d);

	unsigned char *state = xcalloc(kb->nnodes + 1, 1);
	for (size_t i = 0; i < kb->nnodes; i++)
		if (!kb->nodes[i].dead)
			find_cycle(kb, i, state, d);
	cascade(kb, d);

	/* Nodes the tree's start never leads to: reported, kept. */
	for (size_t t = 0; t < kb->ntrees; t++) {
		if (kb->trees[t].broken)
			continue;
		memset(state, 0, kb->nnodes + 1);
		mark_reach(kb, kb->trees[t].start_node, state);
		for (size_t i = 0; i < kb->nnodes; i++)
			if (kb->nodes[i].tree == (int)t && !state[i])
				diag(d, kb->nodes[i].file, kb->nodes[i].line,
				    "node %s cannot be reached from the start "
				    "of "
				    "tree %s",
				    kb->nodes[i].id, kb->trees[t].id);
	}
	free(state);
	for (size_t i = 0; i < kb->nnodes; i++) {
		const struct kb_node *n = &kb->nodes[i];
		check_text(kb, d, n, n->text);
		check_text(kb, d, n, n->detail);
		for (size_t j = 0; j < n->nsteps; j++)
			check_text(kb, d, n, n->steps[j]);
	}
	check_samples(kb, d);
}

/* ---- writers.tsv ---- */

static void
load_writers(struct kb *kb, struct diags *d, const char *dir)
{
	char *path = xasprintf("%s/writers.tsv", dir);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;

	free(path);
	if (f == NULL)
		return; /* optional: services are then not named */
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *col[5] = { NULL };
		size_t n = 0;
		for (char *s = line; n < 5; n++) {
			col[n] = s;
			char *tab = strchr(s, '\t');
			if (tab == NULL) {
				n++;
				break;
			}
			*tab = '\0';
			s = tab + 1;
		}
		if (n < 4) {
			diag(d, "writers.tsv", lineno,
			    "expected 4 or 5 tab-separated "
			    "columns: writer name, writer id, service, service "
			    "name[, note]");
			continue;
		}
		struct kb_writer *w = PUSH(kb->writers, kb->nwriters);
		w->name = xstrdup(trim(col[0]));
		w->writer_id = xstrdup(trim(col[1]));
		w->service = xstrdup(trim(col[2]));
		w->service_name = xstrdup(trim(col[3]));
		w->note = n > 4 ? xstrdup(trim(col[4])) : NULL;
	}
	free(line);
	fclose(f);
}

static int
id_equal(const char *a, const char *b)
{
	/* GUIDs with or without braces, any case. */
	if (*a == '{')
		a++;
	if (*b == '{')
		b++;
	size_t la = strcspn(a, "}"), lb = strcspn(b, "}");
	return la == lb && la > 0 && strncasecmp(a, b, la) == 0;
}

const struct kb_writer *
kb_writer_find(const struct kb *kb, const char *w)
{
	if (kb == NULL || w == NULL)
		return NULL;
	for (size_t i = 0; i < kb->nwriters; i++)
		if (kb_compare(w, KB_CMP_EQ, kb->writers[i].name, NULL) ||
		    id_equal(w, kb->writers[i].writer_id))
			return &kb->writers[i];
	return NULL;
}

const char *
kb_writer_service(const struct kb *kb, const char *w)
{
	const struct kb_writer *k = kb_writer_find(kb, w);
	return k != NULL ? k->service : NULL;
}

const char *
kb_writer_service_name(const struct kb *kb, const char *w)
{
	const struct kb_writer *k = kb_writer_find(kb, w);
	return k != NULL ? k->service_name : NULL;
}

const char *
kb_writer_note(const struct kb *kb, const char *w)
{
	const struct kb_writer *k = kb_writer_find(kb, w);
	return k != NULL ? k->note : NULL;
}

/* ---- load and free ---- */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
collect_providers(struct kb *kb)
{
	for (size_t i = 0; i < kb->nfacts; i++) {
		const struct kb_fact *f = &kb->facts[i];
		if (!fact_usable(kb, (int)i) ||
		    (f->kind != VS_KIND_EVENT && f->kind != -1))
			continue;
		for (size_t j = 0; j < f->nproviders; j++) {
			char *p = xstrdup(f->providers[j]);
			size_t n = strlen(p);
			if (n > 0 && p[n - 1] == '*')
				p[n - 1] = '\0';
			size_t k;
			for (k = 0; k < kb->nprov; k++)
				if (strcasecmp(kb->providers[k], p) == 0)
					break;
			if (k < kb->nprov || *p == '\0') {
				free(p);
				continue;
			}
			kb->providers = xreallocarray(kb->providers,
			    kb->nprov + 1, sizeof *kb->providers);
			kb->providers[kb->nprov++] = p;
		}
	}
}

/* By file, then line. */
static int
diag_cmp(const struct kb_diag *a, const struct kb_diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

struct kb *
kb_load(const char *dir, struct kb_diag **diagsp, size_t *ndiagsp)
{
	struct diags d = { NULL, 0 };
	struct kb *kb;
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0;

	*diagsp = NULL;
	*ndiagsp = 0;
	if ((dp = opendir(dir)) == NULL) {
		diag(&d, dir, 0, "cannot read the KB folder: %s",
		    strerror(errno));
		*diagsp = d.v;
		*ndiagsp = d.n;
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n > 3 && strcmp(de->d_name + n - 3, ".kb") == 0 &&
		    de->d_name[0] != '.')
			add_str(&names, &nnames, de->d_name);
	}
	closedir(dp);
	if (nnames > 1)
		qsort(names, nnames, sizeof *names, name_cmp);

	kb = xcalloc(1, sizeof *kb);
	kb->dir = xstrdup(dir);
	for (size_t i = 0; i < nnames; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		parse_file(kb, &d, path, path);
		free(path);
		free(names[i]);
	}
	free(names);
	if (nnames == 0)
		diag(&d, dir, 0, "no .kb file in the KB folder");
	load_writers(kb, &d, dir);
	char *cause = NULL, *tsv = xasprintf("%s/codes.tsv", dir);
	int have = access(tsv, F_OK) == 0;
	free(tsv);
	if (!have)
		;	/* a KB without a code table: codes stay unnamed */
	else if (codes_load(dir, &cause) == 0)
		kb->codes_loaded = 1;
	else {
		diag(&d, dir, 0, "%s", cause);
		free(cause);
	}
	check_loaded(kb, &d);
	collect_providers(kb);
	kb->code_names = find_map(kb, "code-names");
	for (size_t i = 0; i < kb->ntrees; i++) {
		const struct kb_tree *t = &kb->trees[i];
		if (t->broken)
			continue;
		kb->live =
		    xreallocarray(kb->live, kb->nlive + 1, sizeof *kb->live);
		kb->live[kb->nlive++] = i;
		for (size_t j = 0; j < t->ncollect; j++) {
			size_t k;
			for (k = 0; k < kb->ncollect_all; k++)
				if (strcmp(kb->collect_all[k], t->collect[j]) ==
				    0)
					break;
			if (k == kb->ncollect_all)
				add_str(&kb->collect_all, &kb->ncollect_all,
				    t->collect[j]);
		}
	}
	for (size_t i = 1; i < d.n; i++)	/* stable: insertion */
		for (size_t j = i; j > 0 && diag_cmp(&d.v[j - 1], &d.v[j]) > 0;
		     j--) {
			struct kb_diag t = d.v[j];
			d.v[j] = d.v[j - 1];
			d.v[j - 1] = t;
		}
	*diagsp = d.v;
	*ndiagsp = d.n;
	if (kb->nlive == 0) {
		kb_free(kb);
		return NULL;
	}
	return kb;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
kb_free(struct kb *kb)
{
	if (kb == NULL)
		return;
	for (size_t i = 0; i < kb->ntrees; i++) {
		struct kb_tree *t = &kb->trees[i];
		free(t->id);
		free(t->file);
		free(t->title);
		free(t->start);
		cond_free(t->entry);
		for (size_t j = 0; j < t->nsupport; j++)
			cond_free(t->support[j]);
		free(t->support);
		for (size_t j = 0; j < t->nexposes; j++) {
			struct kb_expose *e = &t->exposes[j];
			free(e->name);
			free_strv(e->facts, e->nalt);
			free_strv(e->caps, e->nalt);
			free(e->fact_idx);
			cond_free(e->flag);
		}
		free(t->exposes);
		free_strv(t->refs, t->nrefs);
		free_strv(t->collect, t->ncollect);
	}
	free(kb->trees);
	for (size_t i = 0; i < kb->nfacts; i++) {
		struct kb_fact *f = &kb->facts[i];
		free(f->id);
		free(f->file);
		free_strv(f->providers, f->nproviders);
		free(f->ids);
		free(f->channel);
		free(f->computer);
		for (size_t j = 0; j < f->nwheres; j++) {
			free(f->wheres[j].field);
			free(f->wheres[j].value);
			pattern_free(f->wheres[j].re);
		}
		free(f->wheres);
		for (size_t j = 0; j < f->nmatches; j++) {
			struct kb_match *m = &f->matches[j];
			free(m->field);
			pattern_free(m->re);
			for (size_t k = 0; k < m->nsamples; k++) {
				free(m->samples[k].text);
				free_strv(m->samples[k].names,
				    m->samples[k].nexpect);
				free_strv(m->samples[k].values,
				    m->samples[k].nexpect);
			}
			free(m->samples);
		}
		free(f->matches);
		for (size_t j = 0; j < f->ncaptures; j++) {
			free(f->captures[j].name);
			free(f->captures[j].field);
		}
		free(f->captures);
		for (size_t j = 0; j < f->nconvs; j++) {
			free(f->convs[j].cap);
			free(f->convs[j].map);
		}
		free(f->convs);
		free(f->rel_fact);
		free(f->with_cap);
		free(f->with_fact);
		free(f->with_fcap);
		free_strv(f->capnames, f->ncapnames);
	}
	free(kb->facts);
	for (size_t i = 0; i < kb->nnodes; i++) {
		struct kb_node *n = &kb->nodes[i];
		free(n->id);
		free(n->file);
		free(n->text);
		free(n->detail);
		for (size_t j = 0; j < n->nchoices; j++) {
			free(n->choices[j].key);
			free(n->choices[j].label);
			free(n->choices[j].target);
			cond_free(n->choices[j].when);
		}
		free(n->choices);
		free_strv(n->steps, n->nsteps);
		free_strv(n->refs, n->nrefs);
	}
	free(kb->nodes);
	for (size_t i = 0; i < kb->nmaps; i++) {
		free(kb->maps[i].id);
		free_strv(kb->maps[i].keys, kb->maps[i].n);
		free_strv(kb->maps[i].values, kb->maps[i].n);
	}
	free(kb->maps);
	for (size_t i = 0; i < kb->ntemplates; i++) {
		free_strv(kb->templates[i].providers,
		    kb->templates[i].nproviders);
		free(kb->templates[i].text);
		free(kb->templates[i].file);
	}
	free(kb->templates);
	for (size_t i = 0; i < kb->nwriters; i++) {
		free(kb->writers[i].name);
		free(kb->writers[i].writer_id);
		free(kb->writers[i].service);
		free(kb->writers[i].service_name);
		free(kb->writers[i].note);
	}
	free(kb->writers);
	free_strv(kb->providers, kb->nprov);
	free_strv(kb->collect_all, kb->ncollect_all);
	free(kb->live);
	if (kb->codes_loaded)
		codes_free();
	free(kb->dir);
	free(kb);
}

void
kb_diags_free(struct kb_diag *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].file);
		free(d[i].message);
	}
	free(d);
}

/* ---- the contract's accessors ---- */

size_t
kb_ntrees(const struct kb *kb)
{
	return kb != NULL ? kb->nlive : 0;
}

const char *
kb_tree_id(const struct kb *kb, size_t i)
{
	return i < kb_ntrees(kb) ? kb->trees[kb->live[i]].id : NULL;
}

const char *
kb_tree_title(const struct kb *kb, size_t i)
{
	return i < kb_ntrees(kb) ? kb->trees[kb->live[i]].title : NULL;
}

size_t
kb_tree_nrefs(const struct kb *kb, size_t i)
{
	return i < kb_ntrees(kb) ? kb->trees[kb->live[i]].nrefs : 0;
}

const char *
kb_tree_ref(const struct kb *kb, size_t i, size_t j)
{
	if (i >= kb_ntrees(kb) || j >= kb->trees[kb->live[i]].nrefs)
		return NULL;
	return kb->trees[kb->live[i]].refs[j];
}

size_t
kb_nproviders(const struct kb *kb)
{
	return kb != NULL ? kb->nprov : 0;
}

const char *
kb_provider(const struct kb *kb, size_t i)
{
	return i < kb_nproviders(kb) ? kb->providers[i] : NULL;
}

int
kb_any_provider(const struct kb *kb)
{
	return kb != NULL && kb->any_provider;
}

size_t
kb_ncollect(const struct kb *kb, const char *tree)
{
	size_t n = 0;

	if (kb != NULL && tree == NULL)
		return kb->ncollect_all;	/* each command once */
	for (size_t i = 0; i < kb_ntrees(kb); i++) {
		const struct kb_tree *t = &kb->trees[kb->live[i]];
		if (tree == NULL || strcmp(t->id, tree) == 0)
			n += t->ncollect;
	}
	return n;
}

const char *
kb_collect(const struct kb *kb, const char *tree, size_t idx)
{
	if (kb != NULL && tree == NULL)
		return idx < kb->ncollect_all ? kb->collect_all[idx] : NULL;
	for (size_t i = 0; i < kb_ntrees(kb); i++) {
		const struct kb_tree *t = &kb->trees[kb->live[i]];
		if (tree != NULL && strcmp(t->id, tree) != 0)
			continue;
		if (idx < t->ncollect)
			return t->collect[idx];
		idx -= t->ncollect;
	}
	return NULL;
}
