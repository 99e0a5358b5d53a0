/* kbint.h -- the knowledge base as loaded, shared by the loader, the
 * analysis and the walk. Not part of the contract: use kb.h,
 * analysis.h and walk.h from outside the engine. Core: no curses. */
#ifndef VS_KBINT_H
#define VS_KBINT_H
#include <stddef.h>
#include <stdint.h>
#include "kb.h"
#include "pattern.h"

/* A comparison in a condition or a "where" line. */
enum kb_cmp {
	KB_CMP_EQ, KB_CMP_NE, KB_CMP_MATCH, KB_CMP_NOMATCH,
	KB_CMP_GE, KB_CMP_GT, KB_CMP_LE, KB_CMP_LT
};

enum kb_cond_kind {
	KB_COND_FACT,		/* fact[.capture] [op value] */
	KB_COND_AND,
	KB_COND_OR,
	KB_COND_NOT,
	KB_COND_TRUE		/* "always" */
};

struct kb_cond {
	enum kb_cond_kind kind;
	struct kb_cond	*a, *b;
	char		*fact;		/* fact id as written */
	int		 fact_idx;	/* resolved, -1 until then */
	char		*cap;		/* capture, "count", or NULL */
	int		 has_op;
	enum kb_cmp	 op;
	char		*value;
	struct pattern	*re;		/* for ~ and !~ */
	int		 line;		/* where it was written (root only) */
};

/* Selection of records by their common fields. */
struct kb_range {
	uint32_t	 lo, hi;
};

struct kb_where {
	char		*field;
	enum kb_cmp	 op;
	char		*value;
	struct pattern	*re;
};

struct kb_sample {
	char		*text;
	int		 line;
	int		 negative;	/* "nomatch": must not match */
	char		**names;	/* expected captures */
	char		**values;
	size_t		 nexpect;
};

struct kb_match {
	char		*field;
	struct pattern	*re;
	int		 reject;	/* a match drops the record */
	int		 line;
	struct kb_sample *samples;
	size_t		 nsamples;
};

struct kb_capture {		/* "capture NAME = FIELD" */
	char		*name;
	char		*field;
};

enum kb_convert { KB_CONV_HRESULT, KB_CONV_UPPER, KB_CONV_LOWER, KB_CONV_MAP };

struct kb_conv {
	char		*cap;
	enum kb_convert	 how;
	char		*map;		/* map id for KB_CONV_MAP */
	int		 map_idx;
};

enum kb_keep { KB_KEEP_EARLIEST, KB_KEEP_LATEST, KB_KEEP_ALL };
enum kb_rel { KB_REL_NONE, KB_REL_NEAR, KB_REL_AFTER, KB_REL_BEFORE };

struct kb_fact {
	char		*id;
	char		*file;
	int		 line;
	int		 tree;		/* owning tree, -1 for shared facts */
	int		 kind;		/* enum vs_kind, -1 for any */
	char		**providers;	/* any of, caseless; "X*" is a prefix */
	size_t		 nproviders;
	struct kb_range	*ids;
	size_t		 nids;
	unsigned	 levels;	/* bit per level, 0 for any */
	char		*channel;
	char		*computer;
	struct kb_where	*wheres;
	size_t		 nwheres;
	struct kb_match	*matches;
	size_t		 nmatches;
	struct kb_capture *captures;
	size_t		 ncaptures;
	struct kb_conv	*convs;
	size_t		 nconvs;
	enum kb_keep	 keep;
	enum kb_rel	 rel;		/* near / after / before another fact */
	char		*rel_fact;
	int		 rel_idx;
	int64_t		 rel_window;	/* microseconds, for near */
	char		*with_cap;	/* "with CAP = FACT.CAP" */
	char		*with_fact;
	char		*with_fcap;
	int		 with_idx;
	char		**capnames;	/* every capture this fact can give */
	size_t		 ncapnames;
	int		 dead;		/* its tree was dropped */
	int		 referenced;	/* another fact is near/after/with it */
};

struct kb_choice {
	char		*key;
	char		*label;
	char		*target;
	int		 target_node;	/* resolved node index */
	struct kb_cond	*when;		/* pre-answer, or NULL */
	int		 line;
};

enum kb_node_kind { KB_NODE_QUESTION, KB_NODE_CHECK, KB_NODE_VERDICT };

struct kb_node {
	char		*id;
	char		*file;
	int		 line;
	int		 tree;
	enum kb_node_kind kind;
	char		*text;		/* ask, or verdict title */
	char		*detail;
	struct kb_choice *choices;
	size_t		 nchoices;
	int		 findings;	/* "choices findings": one per finding */
	char		**steps;
	size_t		 nsteps;
	char		**refs;
	size_t		 nrefs;
	int		 dead;
};

enum kb_as { KB_AS_NONE, KB_AS_NAME, KB_AS_SERVICE, KB_AS_HRESULT };

struct kb_expose {
	char		*name;
	char		**facts;	/* alternatives "a.x | b.y": first found */
	char		**caps;
	int		*fact_idx;
	size_t		 nalt;
	enum kb_as	 as;
	struct kb_cond	*flag;		/* "flag NAME = COND": yes or no */
};

struct kb_tree {
	char		*id;
	char		*file;
	int		 line;
	char		*title;
	char		*start;
	int		 start_node;
	struct kb_cond	*entry;		/* match when it holds */
	struct kb_cond	**support;	/* each one that holds adds to the score */
	size_t		 nsupport;
	struct kb_expose *exposes;
	size_t		 nexposes;
	char		**refs;
	size_t		 nrefs;
	char		**collect;
	size_t		 ncollect;
	int		 broken;
};

struct kb_map {
	char		*id;
	char		**keys;
	char		**values;
	size_t		 n;
};

struct kb_template {
	char		**providers;
	size_t		 nproviders;
	uint32_t	 id;
	char		*text;		/* with %1.. placeholders */
	char		*file;
	int		 line;
	size_t		 fixed;		/* bytes of fixed text, to rank attribution */
};

struct kb_writer {
	char		*name;
	char		*writer_id;
	char		*service;	/* display name */
	char		*service_name;	/* for net stop / Stop-Service */
	char		*note;
};

struct kb {
	char		*dir;
	struct kb_tree	*trees;
	size_t		 ntrees;
	struct kb_fact	*facts;
	size_t		 nfacts;
	struct kb_node	*nodes;
	size_t		 nnodes;
	struct kb_map	*maps;
	size_t		 nmaps;
	struct kb_template *templates;
	size_t		 ntemplates;
	struct kb_writer *writers;
	size_t		 nwriters;
	char		**providers;	/* union of all rules' providers */
	size_t		 nprov;
	int		 any_provider;	/* some event rule names no provider */
	int		 code_names;	/* the map "code-names", or -1 */
	char		**collect_all;	/* every tree's collect lines, once each */
	size_t		 ncollect_all;
	size_t		*live;		/* indexes of the trees that loaded */
	size_t		 nlive;
	int		 codes_loaded;
};

/* kb.c */
int		 kb_find_fact(const struct kb *, const char *);
int		 kb_find_node(const struct kb *, const char *);
int		 kb_find_tree(const struct kb *, const char *);
int		 kb_num(const char *, long long *);
int		 kb_compare(const char *, enum kb_cmp, const char *, struct pattern *);
const struct kb_writer *kb_writer_find(const struct kb *, const char *);
const char	*kb_map_lookup(const struct kb *, int map, const char *);
int		 kb_normalize_hresult(const char *, char *, size_t);
size_t		 kb_placeholder(const char *);

/* analysis.c: what the walk asks of the analysis. used[] (nfacts bytes,
 * may be NULL) gets a 1 for each fact that made the condition hold. */
struct analysis;
struct evidence;
int		 analysis_cond(const struct analysis *, const struct kb_cond *,
		     unsigned char *used);
void		 analysis_fact_evidence(const struct analysis *, int fact,
		     const struct evidence **, size_t *);
const char	*analysis_exposed(const struct analysis *, int tree,
		     const char *name, int *fact);
int		 analysis_finding_tree(const struct analysis *, size_t);
const struct kb	*analysis_kb(const struct analysis *);

/* template.c */
int		 template_parse_into(struct kb *, const char *file, int line,
		     const char *providers, const char *id, char **cause);
const struct kb_template *template_find(const struct kb *, const char *provider,
		     uint32_t id);
#endif
