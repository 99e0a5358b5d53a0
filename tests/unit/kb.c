/* Unit tests of the KB loader: the shipped KB, broken files, lookups. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kb.h"
#include "tap.h"

static int
has_diag(const struct kb_diag *d, size_t n, const char *file, int line,
    const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(d[i].file, file) != NULL && d[i].line == line &&
		    strstr(d[i].message, text) != NULL)
			return 1;
	return 0;
}

static int
has_tree(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb_ntrees(kb); i++)
		if (strcmp(kb_tree_id(kb, i), id) == 0)
			return 1;
	return 0;
}

int
main(void)
{
	const char *src = getenv("VS_SRCDIR");
	char dir[4096];
	struct kb_diag *d;
	size_t nd;

	if (src == NULL)
		src = ".";
	snprintf(dir, sizeof dir, "%s/kb", src);
	struct kb *kb = kb_load(dir, &d, &nd);
	ok(kb != NULL, "the shipped KB loads");
	is_int(nd, 0, "without problems");
	for (size_t i = 0; i < nd; i++)
		printf("# %s:%d: %s\n", d[i].file, d[i].line, d[i].message);
	kb_diags_free(d, nd);
	if (kb == NULL)
		return done_testing();
	const char *trees[] = { "sql-writer", "writer-errors", "triage", "fallback" };
	for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++)
		ok(has_tree(kb, trees[i]), "tree %s", trees[i]);
	int sqlvdi = 0, dpm = 0;
	for (size_t i = 0; i < kb_nproviders(kb); i++) {
		sqlvdi |= strcmp(kb_provider(kb, i), "SQLVDI") == 0;
		dpm |= strcmp(kb_provider(kb, i), "DPM") == 0;
	}
	ok(sqlvdi, "SQLVDI is a provider the rules select");
	ok(dpm, "DPM* is listed as the prefix DPM");
	is_int(kb_any_provider(kb), 0, "every event rule names its providers");
	ok(kb_ncollect(kb, "sql-writer") >= 2, "sql-writer says what to collect");
	ok(strstr(kb_collect(kb, "sql-writer", 0), "timediff(@SystemTime) <= 604800000") != NULL,
	    "with a seven-day window");
	ok(kb_ncollect(kb, NULL) >= kb_ncollect(kb, "sql-writer"), "all trees' collect lines");
	int dup = 0;
	for (size_t i = 0; i < kb_ncollect(kb, NULL); i++)
		for (size_t j = 0; j < i; j++)
			dup |= strcmp(kb_collect(kb, NULL, i), kb_collect(kb, NULL, j)) == 0;
	ok(!dup, "each command once when all trees are asked");
	ok(kb_collect(kb, "sql-writer", 99) == NULL, "past the end is NULL");
	is_str(kb_writer_service(kb, "SqlServerWriter"), "SQL Server VSS Writer", "writer by name");
	is_str(kb_writer_service_name(kb, "{A65FAA63-5EA8-4EBC-9DBD-A0C4DB26912A}"), "SQLWriter",
	    "writer by id, any case");
	is_str(kb_writer_service(kb, "Registry Writer"), "Volume Shadow Copy",
	    "the registry writer lives in the VSS service");
	ok(kb_writer_service(kb, "No Such Writer") == NULL, "unknown writer");
	kb_free(kb);

	snprintf(dir, sizeof dir, "%s/tests/fixtures/kb/broken", src);
	kb = kb_load(dir, &d, &nd);
	ok(kb != NULL, "a folder with broken files still loads");
	ok(has_tree(kb, "good") && has_tree(kb, "unreachable") && has_tree(kb, "samples"),
	    "the good trees load");
	ok(!has_tree(kb, "syntax") && !has_tree(kb, "pcre") && !has_tree(kb, "dangling") &&
	    !has_tree(kb, "cycle"), "the broken trees are left out");
	is_int(kb_ntrees(kb), 3, "three trees");
	ok(has_diag(d, nd, "pcre.kb", 6, "at offset 28"), "pattern error at its line");
	ok(has_diag(d, nd, "syntax.kb", 3, "colour"), "syntax error at its line");
	ok(has_diag(d, nd, "dangling.kb", 7, "nowhere"), "dangling reference at its line");
	ok(has_diag(d, nd, "unreachable.kb", 8, "cannot be reached"), "unreachable node");
	for (size_t i = 1; i < nd; i++)
		if (strcmp(d[i - 1].file, d[i].file) == 0 && d[i - 1].line > d[i].line) {
			ok(0, "problems sorted by file and line");
			break;
		}
	kb_diags_free(d, nd);
	kb_free(kb);

	kb = kb_load("/nonexistent-kb-dir", &d, &nd);
	ok(kb == NULL && nd == 1 && strstr(d[0].message, "cannot read") != NULL,
	    "a missing folder gives NULL and says why");
	kb_diags_free(d, nd);
	return done_testing();
}
