/* report.h -- the report for the ticket: text (80 columns), markdown, or
 * JSON per the contract in DESIGN.md. Core: no curses. */
#ifndef VS_REPORT_H
#define VS_REPORT_H
#include <stdio.h>
#include "analysis.h"
#include "ingest.h"
#include "options.h"
#include "walk.h"

/* walk may be NULL. redact replaces names, domains, users, IPs and SIDs
 * with consistent pseudonyms. */
int	report_write(FILE *, enum out_format, const struct ingest *,
	    const struct analysis *, const struct walk *, int redact);
#endif
