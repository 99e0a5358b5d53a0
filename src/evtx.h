/* evtx.h -- settings of the .evtx reader (src/evtx.c) beyond struct
 * ingest, and its XML helper, exposed for unit tests. Core: no curses. */
#ifndef VS_EVTX_H
#define VS_EVTX_H
#include <stddef.h>
#include "record.h"

/*
 * Worker processes for one file: 1 reads in this process, 2 forks a
 * worker for the second half of the chunks (output order is kept). 0
 * chooses: 2 on a machine with more than one CPU and a file of more
 * than a few MiB. The environment variable VSSTRIAGE_EVTX_WORKERS (1 or
 * 2) overrides the choice, so tests can force either path.
 */
void	evtx_set_workers(int);

/*
 * VSSTRIAGE_EVTX_VERIFY set in the environment makes the reader render
 * the XML of records it could have filled from the template cache, and
 * say on stderr where the two differ ("template cache differs"): the
 * corpus test runs so.
 */

/*
 * Adds to a record builder what libevtx's XML of a record says beyond
 * its getters: the channel, <Data Name="..."> values of EventData,
 * leaf elements of UserData and other sections as named fields, and a
 * RenderingInfo message. Returns -1 if the XML is not well formed
 * enough to be read (what was read before the fault is kept).
 */
struct record_builder;
int	evtx_parse_xml(struct record_builder *, const char *xml, size_t len);

/* FILETIME (100 ns since 1601) to microseconds since 1970, or VS_NO_TIME. */
int64_t	evtx_filetime_to_usec(uint64_t);
#endif
