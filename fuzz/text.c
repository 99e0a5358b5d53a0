/* text.c -- libFuzzer harness: arbitrary bytes as pasted text
 * (ingest_buffer), with and without --prefilter, every record
 * formatted and checked, then analysed
 * with the shipped KB and walked. The vssadmin, XML and CSV runs use
 * this harness too, started from seeds of their own format. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct kb *kb = fuzz_kb();
	struct analysis *an = kb != NULL ? analysis_create(kb) : NULL;
	struct ingest ing;
	char *cause = NULL;

	ingest_init(&ing, fuzz_record, an);
	if (ingest_buffer(&ing, "paste", (const char *)data, len, &cause) == -1 &&
	    cause == NULL)
		abort();	/* a failure must say why */
	free(cause);
	/* Again with --prefilter: events of other providers passed over. */
	static const char *const want[] = { "VSS", "SQLVDI", "DPM" };
	ing.providers = want;
	ing.nproviders = sizeof want / sizeof want[0];
	ing.prefilter = 1;
	cause = NULL;
	if (ingest_buffer(&ing, "paste", (const char *)data, len, &cause) == -1 &&
	    cause == NULL)
		abort();
	free(cause);
	for (size_t i = 0; i < ing.ninputs; i++)
		fuzz_input(&ing.inputs[i]);
	if (an != NULL) {
		fuzz_walk(kb, an);
		analysis_free(an);
	}
	ingest_free(&ing);
	return 0;
}
