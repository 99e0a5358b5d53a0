/* fuzz.h -- shared by the libFuzzer harnesses of fuzz/: a record
 * callback that formats every record the ways the program does and
 * checks the safety promises of buf.h on what comes out. */
#ifndef VS_FUZZ_H
#define VS_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include "analysis.h"
#include "ingest.h"
#include "kb.h"
#include "record.h"

/* The shipped KB (VSSTRIAGE_KB, else the source tree's kb/), loaded
 * once; NULL if it cannot be read. */
const struct kb	*fuzz_kb(void);

/* A record_cb: formats r every way, checks the output, and feeds the
 * analysis given as arg (may be NULL). */
int	fuzz_record(const struct vs_record *, void *analysis);

/* Formats an input's name, counts and notes as the summaries do. */
void	fuzz_input(const struct vs_input *);

/* Runs the analysis to its end and walks every finding and the triage
 * entry as far as the evidence goes. */
void	fuzz_walk(const struct kb *, struct analysis *);

/* abort()s when s (the output of buf_add_safe or buf_add_json) breaks
 * the promise made for it. */
void	fuzz_check_safe(const char *s, size_t len, int keep_nl);
void	fuzz_check_json(const char *s, size_t len);

/* A private temporary folder, made once and removed at exit. */
const char *fuzz_tmpdir(void);
/* Writes data to path; aborts on failure. */
void	fuzz_write(const char *path, const uint8_t *data, size_t len);
#endif
