/* pattern.c -- the PCRE2 wrapper: JIT compile once, reuse match data,
 * bound every match so that no pattern or input can hang the program. */
#include "config.h"
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include "pattern.h"
#include "xmalloc.h"

struct pattern {
	char			*source;
	pcre2_code		*code;
	pcre2_match_data	*md;
	size_t			 ngroups;
	char			**names;	/* named groups */
	int			*numbers;	/* their group numbers */
	char			*literal;	/* required literal, or NULL */
	size_t			 literal_len;
	int			 caseless;
};

static pcre2_match_context *match_ctx;

static pcre2_match_context *
pattern_match_context(void)
{
	if (match_ctx == NULL) {
		match_ctx = pcre2_match_context_create(NULL);
		if (match_ctx == NULL)
			return NULL;
		pcre2_set_match_limit(match_ctx, 1000000);
		pcre2_set_depth_limit(match_ctx, 10000);
	}
	return match_ctx;
}

/* A run of literal characters at the top level of the pattern that every
 * match must contain: the longest one before any alternation or group
 * that could skip it. Conservative: gives up on anything unusual. */
static void
find_literal(struct pattern *p, const char *re)
{
	char best[128] = "", cur[128];
	size_t bestlen = 0, curlen = 0;
	int depth = 0;

	/* Inline options such as (?i) may make the literal caseless: then
	 * no prefilter. Named groups (?<name>...) are fine. */
	if (strstr(re, "\\Q") != NULL)
		return;
	for (const char *q = strstr(re, "(?"); q != NULL; q = strstr(q + 2, "(?")) {
		size_t n = strspn(q + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-^");
		if ((q[2 + n] == ')' || q[2 + n] == ':') && memchr(q + 2, 'i', n) != NULL)
			return;
	}
	for (const char *s = re; *s != '\0'; s++) {
		if (*s == '|' && depth == 0)
			return;	/* top-level alternation: nothing is required */
		if (strchr("\\.[](){}?*+^$|", *s) == NULL && depth == 0 &&
		    (unsigned char)*s < 0x80 && curlen < sizeof cur - 1) {
			/* A quantifier after this char would make it optional. */
			if (s[1] == '?' || s[1] == '*' || s[1] == '{')
				goto flush;
			cur[curlen++] = *s;
			continue;
		}
flush:
		if (curlen > bestlen) {
			memcpy(best, cur, curlen);
			bestlen = curlen;
		}
		curlen = 0;
		if (*s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
		else if (*s == '[') {
			while (s[1] != '\0' && s[1] != ']')
				s += (s[1] == '\\' && s[2] != '\0') ? 2 : 1;
		}
	}
	if (curlen > bestlen) {
		memcpy(best, cur, curlen);
		bestlen = curlen;
	}
	if (bestlen >= 3) {
		p->literal = xstrndup(best, bestlen);
		p->literal_len = bestlen;
	}
}

struct pattern *
pattern_compile(const char *re, unsigned flags, char **cause)
{
	int err;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;

	if (flags & PATTERN_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & PATTERN_MULTILINE)
		opts |= PCRE2_MULTILINE;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    opts, &err, &off, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof msg);
		*cause = xasprintf("at offset %zu: %s", (size_t)off, (char *)msg);
		return NULL;
	}
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);

	struct pattern *p = xcalloc(1, sizeof *p);
	p->source = xstrdup(re);
	p->code = code;
	p->md = pcre2_match_data_create_from_pattern(code, NULL);
	p->caseless = (flags & PATTERN_CASELESS) != 0;

	uint32_t count = 0, entry = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
	pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
	p->ngroups = count;
	p->names = xcalloc(count ? count : 1, sizeof *p->names);
	p->numbers = xcalloc(count ? count : 1, sizeof *p->numbers);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + (size_t)i * entry;
		p->numbers[i] = (e[0] << 8) | e[1];
		p->names[i] = xstrdup((const char *)e + 2);
	}
	if (!p->caseless && !(flags & PATTERN_MULTILINE))
		find_literal(p, re);
	return p;
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->ngroups; i++)
		free(p->names[i]);
	free(p->names);
	free(p->numbers);
	free(p->literal);
	free(p->source);
	pcre2_match_data_free(p->md);
	pcre2_code_free(p->code);
	free(p);
}

const char *
pattern_source(const struct pattern *p)
{
	return p->source;
}

int
pattern_match(struct pattern *p, const char *s, size_t len, size_t start)
{
	if (start > len)
		return 0;
	int rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, start, 0, p->md,
	    pattern_match_context());
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	return -1;
}

void
pattern_span(const struct pattern *p, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
	*start = ov[0];
	*end = ov[1];
}

int
pattern_group(const struct pattern *p, const char *name, size_t *start,
    size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
	uint32_t n = pcre2_get_ovector_count(p->md);
	for (size_t i = 0; i < p->ngroups; i++) {
		if (strcmp(p->names[i], name) != 0)
			continue;
		uint32_t g = (uint32_t)p->numbers[i];
		if (g >= n || ov[2 * g] == PCRE2_UNSET)
			continue;	/* duplicate names: try the next */
		*start = ov[2 * g];
		*end = ov[2 * g + 1];
		return 1;
	}
	return 0;
}

size_t
pattern_ngroups(const struct pattern *p)
{
	return p->ngroups;
}

const char *
pattern_group_name(const struct pattern *p, size_t i)
{
	return i < p->ngroups ? p->names[i] : NULL;
}

const char *
pattern_required_literal(const struct pattern *p, size_t *len)
{
	*len = p->literal_len;
	return p->literal;
}
