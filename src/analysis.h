/* analysis.h -- facts extracted from records by the KB's rules, with their
 * evidence, and the findings that rank the trees. Core: no curses. */
#ifndef VS_ANALYSIS_H
#define VS_ANALYSIS_H
#include <stddef.h>
#include <stdint.h>
#include "kb.h"
#include "record.h"

struct analysis;

/*
 * A record that gave a fact, and the span of the field that matched.
 * field is NULL (and the span empty) when the rule took the record
 * without a pattern, by its event id or its columns. For "message" the
 * span is in rec->message, which holds the rendered text of an .evtx
 * record; "text" is the message or, without one, rec->source_text.
 */
struct evidence {
	const struct vs_record	*rec;	/* owned by the analysis */
	const char		*field;	/* "message", "string3", ... or NULL */
	size_t			 start;	/* matched span in that field */
	size_t			 end;
};

struct fact_value {
	const char		*name;	/* "sql_instance" */
	const char		*value;
};

enum finding_status { FINDING_MATCH, FINDING_PARTIAL };

struct finding {
	const char		*tree;	/* tree id */
	const char		*title;
	enum finding_status	 status;
	int			 score;	/* 0-100 */
	const struct fact_value	*facts;
	size_t			 nfacts;
	const struct evidence	*evidence;
	size_t			 nevidence;
};

struct code_seen {
	uint32_t		 hresult;
	const char		*name;	/* NULL when the table lacks it */
	const char		*meaning;
	size_t			 count;
};

struct analysis	*analysis_create(const struct kb *);
void		 analysis_free(struct analysis *);
/* A record_cb (ingest.h): feed every record; it keeps what it needs. */
int		 analysis_add_record(const struct vs_record *, void *analysis);
/* Computes facts and findings; call again after adding more records. */
void		 analysis_finish(struct analysis *);

size_t		 analysis_nfindings(const struct analysis *);
const struct finding *analysis_finding(const struct analysis *, size_t i);	/* best first */
size_t		 analysis_ncodes(const struct analysis *);
const struct code_seen *analysis_code(const struct analysis *, size_t i);
/* A fact of any tree by "fact.capture" or exposed name, or NULL. */
const char	*analysis_fact(const struct analysis *, const char *name,
		     const struct evidence **ev, size_t *nev);
#endif
