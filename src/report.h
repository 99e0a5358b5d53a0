/* report.h -- the report for the ticket: text (80 columns), markdown, or
 * JSON per the contract in DESIGN.md. Core: no curses. */
#ifndef VS_REPORT_H
#define VS_REPORT_H
#include <stdio.h>
#include "analysis.h"
#include "ingest.h"
#include "kb.h"
#include "options.h"
#include "walk.h"

/* Everything a report is made of. Only ing and an are required. */
struct report_args {
	enum out_format		 format;
	int			 redact;
	const struct ingest	*ing;
	const struct analysis	*an;
	struct walk		*walk;		/* or NULL: no walk section */
	const struct kb		*kb;		/* or NULL: no "what to collect" */
	/* Per input (ing->ninputs entries), why it could not be read, or
	 * NULL when it was read; the array may be NULL. */
	const char *const	*unreadable;
	/* Name of the --answers file, for the hint under an open question,
	 * or NULL. */
	const char		*answers_file;
	/* Computer names of every record read (report_computers_cb), so
	 * that redaction finds them anywhere; the computers of the
	 * evidence are always known. */
	const char *const	*computers;
	size_t			 ncomputers;
};

/* The distinct computer names of records, gathered while reading. */
struct report_computers {
	char		**names;
	size_t		  n;
	record_cb	  next;		/* called for every record after */
	void		 *next_arg;
};
int	report_computers_cb(const struct vs_record *, void *computers);
void	report_computers_free(struct report_computers *);

/* Writes the report. 0, or -1 if writing failed (errno set). */
int	report_write_args(FILE *, const struct report_args *);

/* walk may be NULL. redact replaces names, domains, users, IPs and SIDs
 * with consistent pseudonyms. 0, or -1 if writing failed. */
int	report_write(FILE *, enum out_format, const struct ingest *,
	    const struct analysis *, struct walk *, int redact);
#endif
