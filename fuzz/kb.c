/* kb.c -- libFuzzer harness: the input as the one .kb file of a KB
 * folder (inputs of odd length: beside the shipped common.kb,
 * templates.kb and tables, so that trees can use shared facts). It is
 * loaded (every problem must come back as a diagnostic
 * naming the file), then used: a fixed set of records is analysed by
 * it, its trees are walked, and its templates rendered. */
#include "config.h"
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Records most trees have rules for, as pasted text. */
static const char sample[] =
"Log Name:      Application\n"
"Source:        VSS\n"
"Date:         14/03/2024 23:02:18\n"
"Event ID:      8193\n"
"Level:         Error\n"
"Computer:      SRV01.contoso.local\n"
"Description:\n"
"Volume Shadow Copy Service error: Unexpected error calling routine "
"CoCreateInstance. hr = 0x80070005, Access is denied.\n"
"\n"
"Writer name: 'SqlServerWriter'\n"
"   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n"
"   Writer Instance Id: {9b1f8b4a-5c4e-4f5a-9d1e-0a1b2c3d4e5f}\n"
"   State: [8] Failed\n"
"   Last error: Non-retryable error\n"
"\n"
"Provider name: 'Microsoft Software Shadow Copy provider 1.0'\n"
"   Provider type: System\n"
"   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}\n"
"   Version: 1.0.0.7\n";

struct kb_records {
	const struct kb	*kb;
	struct analysis	*an;
	struct buf	 out;
};

static int
on_record(const struct vs_record *r, void *arg)
{
	struct kb_records *k = arg;

	buf_reset(&k->out);
	if (template_render(k->kb, r, &k->out) == 1) {
		const char *s = buf_cstr(&k->out);
		struct buf b;
		buf_init(&b);
		buf_add_json(&b, s, strlen(s));
		fuzz_check_json(buf_cstr(&b), b.len);
		buf_free(&b);
	}
	const char *provider;
	uint32_t id;
	if (r->message != NULL)
		template_attribute(k->kb, r->message, &provider, &id);
	return fuzz_record(r, k->an);
}

/* The folder for inputs of odd length: links to the shipped files. */
static const char *
shared_dir(void)
{
	static const char *files[] = {
		"common.kb", "templates.kb", "writers.tsv", "codes.tsv"
	};
	static char dir[128];
	char from[PATH_MAX], to[192];

	if (dir[0] != '\0')
		return dir;
	const char *kb = getenv("VSSTRIAGE_KB");
	if (kb == NULL)
		kb = FUZZ_KB_DIR;
	snprintf(dir, sizeof dir, "%s/shared", fuzz_tmpdir());
	if (mkdir(dir, 0700) == -1)
		abort();
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (realpath(kb, from) == NULL ||
		    strlen(from) + strlen(files[i]) + 2 > sizeof from)
			abort();
		strcat(from, "/");
		strcat(from, files[i]);
		snprintf(to, sizeof to, "%s/%s", dir, files[i]);
		if (symlink(from, to) == -1)
			abort();
	}
	return dir;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char dir[128], path[160];
	struct kb_diag *d;
	size_t nd;

	snprintf(dir, sizeof dir, "%s", (len & 1) ? shared_dir() : fuzz_tmpdir());
	snprintf(path, sizeof path, "%s/x.kb", dir);
	fuzz_write(path, data, len);
	struct kb *kb = kb_load(dir, &d, &nd);
	for (size_t i = 0; i < nd; i++) {
		if (d[i].file == NULL || d[i].message == NULL)
			abort();
		struct buf b;
		buf_init(&b);
		buf_add_safe(&b, d[i].message, strlen(d[i].message), 0);
		fuzz_check_safe(buf_cstr(&b), b.len, 0);
		buf_free(&b);
	}
	kb_diags_free(d, nd);
	if (kb == NULL)
		return 0;

	for (size_t i = 0; i < kb_ntrees(kb); i++) {
		if (kb_tree_id(kb, i) == NULL)
			abort();
		for (size_t j = 0; j < kb_tree_nrefs(kb, i); j++)
			if (kb_tree_ref(kb, i, j) == NULL)
				abort();
		const char *id = kb_tree_id(kb, i);
		for (size_t j = 0; j < kb_ncollect(kb, id); j++)
			if (kb_collect(kb, id, j) == NULL)
				abort();
	}
	for (size_t i = 0; i < kb_nproviders(kb); i++)
		if (kb_provider(kb, i) == NULL)
			abort();
	kb_writer_service(kb, "SqlServerWriter");
	kb_writer_note(kb, "{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}");

	struct kb_records k;
	struct ingest ing;
	char *cause = NULL;
	k.kb = kb;
	k.an = analysis_create(kb);
	buf_init(&k.out);
	ingest_init(&ing, on_record, &k);
	if (ingest_buffer(&ing, "sample", sample, sizeof sample - 1, &cause) == -1)
		abort();
	fuzz_walk(kb, k.an);
	analysis_free(k.an);
	ingest_free(&ing);
	buf_free(&k.out);
	kb_free(kb);
	return 0;
}
