/* kb.h -- the knowledge base: trees, facts, questions and verdicts loaded
 * from the .kb files of kb/, message templates, the writer map. Core: no curses.
 * The file format is described in vsstriage-kb(5). */
#ifndef VS_KB_H
#define VS_KB_H
#include <stddef.h>
#include "record.h"

struct kb;
struct buf;

/* One problem found while loading: "file:line: message". */
struct kb_diag {
	char	*file;
	int	 line;
	char	*message;
};

/*
 * Loads every .kb file of dir (and the tables beside them: writers.tsv,
 * and codes.tsv through codes_load). A broken tree is reported in diags
 * and left out; the others still load. NULL only when nothing usable
 * could be read (*diags says why). The caller frees diags with
 * kb_diags_free. Every pattern's samples are checked while loading: a
 * sample that fails is reported in diags but does not drop its tree.
 */
struct kb	*kb_load(const char *dir, struct kb_diag **diags, size_t *ndiags);
void		 kb_free(struct kb *);
void		 kb_diags_free(struct kb_diag *, size_t);

/* Trees, in file order (broken trees left out). */
size_t		 kb_ntrees(const struct kb *);
const char	*kb_tree_id(const struct kb *, size_t i);
const char	*kb_tree_title(const struct kb *, size_t i);
/* References ("KB 2615182") of a tree. */
size_t		 kb_tree_nrefs(const struct kb *, size_t i);
const char	*kb_tree_ref(const struct kb *, size_t i, size_t j);

/*
 * Provider names the KB's rules select on (for the .evtx prefilter). A
 * name written "DPM*" in the KB selects by prefix and is listed here as
 * "DPM". When kb_any_provider is 1, some rule selects events of any
 * provider and no record can be skipped by its provider name.
 */
size_t		 kb_nproviders(const struct kb *);
const char	*kb_provider(const struct kb *, size_t i);
int		 kb_any_provider(const struct kb *);

/* "What to collect": commands to run on the server for a tree (or for
 * all when tree is NULL), one a line, NUL-terminated strings. */
size_t		 kb_ncollect(const struct kb *, const char *tree);
const char	*kb_collect(const struct kb *, const char *tree, size_t i);

/*
 * Message templates. An .evtx record carries only insertion strings;
 * template_render writes the message the KB's template for its provider
 * and event id gives (%1.. filled from the strings). 1 if rendered, 0
 * when the KB has no template for the record.
 */
int		 template_render(const struct kb *, const struct vs_record *,
		     struct buf *);
/*
 * A pasted message with no provider: finds the template whose fixed
 * text it contains. 1 and *provider, *id set (provider owned by the kb),
 * or 0.
 */
int		 template_attribute(const struct kb *, const char *message,
		     const char **provider, uint32_t *id);

/* The writer map (kb/writers.tsv): the service that hosts a writer,
 * found by writer name or writer id. NULL when unknown. */
const char	*kb_writer_service(const struct kb *, const char *writer);
const char	*kb_writer_service_name(const struct kb *, const char *writer);
const char	*kb_writer_note(const struct kb *, const char *writer);
#endif
