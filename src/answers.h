/* answers.h -- the --answers file: operator answers given in advance, one
 * "node-id = choice" a line, with # comments. Core: no curses. */
#ifndef VS_ANSWERS_H
#define VS_ANSWERS_H
#include <stddef.h>

struct answer {
	char	*node;
	char	*choice;
	int	 line;
};

struct answers {
	char		 *file;		/* name for messages */
	struct answer	 *v;
	size_t		  n;
	char		**lines;	/* "node=choice", in file order */
};

/*
 * Reads FILE ("-" for stdin). 0, or -1 with *cause ("FILE:LINE: what is
 * wrong" for a syntax error, "FILE: ..." when it cannot be read).
 */
int	 answers_load(struct answers *, const char *path, char **cause);
/* The same from memory; name is used in messages. */
int	 answers_parse(struct answers *, const char *name, const char *data,
	     size_t len, char **cause);
void	 answers_free(struct answers *);
/* The answer given for a node, or NULL. */
const struct answer *answers_find(const struct answers *, const char *node);
#endif
