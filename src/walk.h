/* walk.h -- the wizard's state machine: the current node, each answer and
 * who gave it, back/undo, the verdict. Core: no curses. */
#ifndef VS_WALK_H
#define VS_WALK_H
#include <stddef.h>
#include "analysis.h"
#include "kb.h"

struct walk;

enum walk_by { WALK_BY_EVIDENCE, WALK_BY_OPERATOR, WALK_BY_OVERRIDE };
enum walk_node_kind { WALK_QUESTION, WALK_VERDICT };

struct walk_choice {
	const char	*key;	/* "yes", "no", ... what --answers uses */
	const char	*label;
};

/* The node the walk stands on. Text has {fact} placeholders filled in. */
struct walk_node {
	const char		*id;
	enum walk_node_kind	 kind;
	const char		*text;		/* question, or verdict title */
	const char		*detail;	/* explanation, or NULL */
	const struct walk_choice *choices;
	size_t			 nchoices;
	int			 preanswer;	/* choice index the evidence gives, or -1 */
	const struct evidence	*evidence;	/* behind the pre-answer */
	size_t			 nevidence;
	/* Verdicts only. */
	const char *const	*steps;		/* commands and actions, in order */
	size_t			 nsteps;
	const char *const	*refs;		/* "KB 2615182" */
	size_t			 nrefs;
};

struct walk_entry {
	const char	*node;
	const char	*question;
	const char	*answer;	/* choice key */
	enum walk_by	 by;
};

/* Starts at a tree, or at the triage entry when tree is NULL. */
struct walk	*walk_start(const struct kb *, const struct analysis *, const char *tree);
void		 walk_free(struct walk *);
const struct walk_node *walk_current(struct walk *);
/* Answers the current question. by is OPERATOR, or OVERRIDE when the
 * choice differs from the pre-answer. 0, or -1 if not a question. */
int		 walk_answer(struct walk *, size_t choice, enum walk_by);
/* Takes back the last answer. 0, or -1 at the start. */
int		 walk_back(struct walk *);
/* Follows pre-answers (and the given operator answers) as far as they go. */
void		 walk_auto(struct walk *, const char *const *answers, size_t nanswers);
size_t		 walk_nhistory(const struct walk *);
/* The id of the tree the walk is in now. */
const char	*walk_tree(const struct walk *);
const struct walk_entry *walk_history(const struct walk *, size_t i);
#endif
