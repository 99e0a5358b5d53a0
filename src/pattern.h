/* pattern.h -- PCRE2 patterns: compiled once with JIT, match data reused.
 * The only file that includes pcre2.h is pattern.c. Core: no curses. */
#ifndef VS_PATTERN_H
#define VS_PATTERN_H
#include <stddef.h>

#define PATTERN_CASELESS	0x01
#define PATTERN_MULTILINE	0x02

struct pattern;

/* NULL and *cause ("at offset 7: missing closing parenthesis") on error. */
struct pattern	*pattern_compile(const char *re, unsigned flags, char **cause);
void		 pattern_free(struct pattern *);
const char	*pattern_source(const struct pattern *);

/* 1 on a match, 0 on none, -1 on an error such as a match limit (a
 * pathological pattern never hangs the program). Not reentrant: the
 * match data belongs to the pattern. */
int		 pattern_match(struct pattern *, const char *s, size_t len, size_t start);
/* Whole match of the last successful pattern_match. */
void		 pattern_span(const struct pattern *, size_t *start, size_t *end);
/* Named group of the last match: 1 if it took part, else 0. */
int		 pattern_group(const struct pattern *, const char *name,
		     size_t *start, size_t *end);
/* Names of the pattern's named groups. */
size_t		 pattern_ngroups(const struct pattern *);
const char	*pattern_group_name(const struct pattern *, size_t i);
/* A literal every match must contain (for a memmem prefilter), or NULL. */
const char	*pattern_required_literal(const struct pattern *, size_t *len);
#endif
