/* kb.h -- the knowledge base: trees, facts, questions and verdicts loaded
 * from kb/*.kb, message templates, the writer map. Core: no curses. */
#ifndef VS_KB_H
#define VS_KB_H
#include <stddef.h>

struct kb;

/* One problem found while loading: "file:line: message". */
struct kb_diag {
	char	*file;
	int	 line;
	char	*message;
};

/*
 * Loads every *.kb file of dir (and the tables beside them). A broken
 * tree is reported in diags and left out; the others still load. NULL
 * only when nothing usable could be read (*diags says why). The caller
 * frees diags with kb_diags_free.
 */
struct kb	*kb_load(const char *dir, struct kb_diag **diags, size_t *ndiags);
void		 kb_free(struct kb *);
void		 kb_diags_free(struct kb_diag *, size_t);

/* Trees, in file order. */
size_t		 kb_ntrees(const struct kb *);
const char	*kb_tree_id(const struct kb *, size_t i);
const char	*kb_tree_title(const struct kb *, size_t i);

/* Provider names the KB's rules select on (for the .evtx prefilter). */
size_t		 kb_nproviders(const struct kb *);
const char	*kb_provider(const struct kb *, size_t i);

/* "What to collect": commands to run on the server for a tree (or for
 * all when tree is NULL), one a line, NUL-terminated strings. */
size_t		 kb_ncollect(const struct kb *, const char *tree);
const char	*kb_collect(const struct kb *, const char *tree, size_t i);
#endif
