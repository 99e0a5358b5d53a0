/* evtx.c -- libFuzzer harness: the input written to a file and read
 * through ingest_path as an .evtx (or as text when it has no "ElfFile"
 * signature), every record formatted, checked and analysed. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "evtx.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *prov[64];
	static size_t nprov;
	static int once;
	char path[160];

	if (!once) {
		/* Workers fork: keep everything in the process libFuzzer
		 * watches. */
		evtx_set_workers(1);
		const struct kb *k = fuzz_kb();
		for (size_t i = 0; k != NULL && i < kb_nproviders(k) &&
		    nprov < 64; i++)
			prov[nprov++] = kb_provider(k, i);
		once = 1;
	}
	/* Inputs of odd length are read with the KB's provider prefilter,
	 * as the report reads them; the others as --dump does. */
	snprintf(path, sizeof path, "%s/input.evtx", fuzz_tmpdir());
	fuzz_write(path, data, len);

	const struct kb *kb = fuzz_kb();
	struct analysis *an = kb != NULL ? analysis_create(kb) : NULL;
	struct ingest ing;
	char *cause = NULL;

	ingest_init(&ing, fuzz_record, an);
	ing.providers = prov;
	ing.nproviders = (len & 1) ? nprov : 0;
	ing.prefilter = 1;
	if (ingest_path(&ing, path, &cause) == -1 && cause == NULL)
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
