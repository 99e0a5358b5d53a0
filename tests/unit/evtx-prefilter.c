/* The chunk prefilter: asked for one provider, the reader skips chunks
 * that do not name it, yet must still give every record of it. Run over
 * files of the corpus ($VS_SHARED/corpus/evtx); skipped without it. */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ingest.h"
#include "record.h"
#include "tap.h"
#include "xmalloc.h"

struct count {
	const char	*want;		/* count records of this provider */
	char		*last;		/* provider of the last record */
	unsigned long	 total;
	unsigned long	 wanted;
	unsigned long	 wanted_no_channel;
};

static int
on_record(const struct vs_record *r, void *arg)
{
	struct count *c = arg;

	c->total++;
	if (r->provider != NULL) {
		free(c->last);
		c->last = xstrdup(r->provider);
	}
	if (c->want != NULL && r->provider != NULL &&
	    strcasecmp(r->provider, c->want) == 0) {
		c->wanted++;
		if (r->channel == NULL)
			c->wanted_no_channel++;
	}
	return 0;
}

static int
read_file(const char *path, struct count *c, const char *const *want,
    size_t nwant, int prefilter)
{
	struct ingest ing;
	char *cause = NULL;

	ingest_init(&ing, on_record, c);
	ing.providers = want;
	ing.nproviders = nwant;
	ing.prefilter = prefilter;
	int rc = ingest_path(&ing, path, &cause);
	free(cause);
	ingest_free(&ing);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	const char *shared = getenv("VS_SHARED");
	char *dir = xasprintf("%s/corpus/evtx", shared != NULL ? shared :
	    "../shared");
	DIR *d = opendir(dir);
	if (d == NULL) {
		printf("1..0 # SKIP no corpus at %s\n", dir);
		free(dir);
		return 0;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 5 && strcmp(de->d_name + l - 5, ".evtx") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);

	unsigned long skipped_total = 0, all_total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(names[i], '/') + 1;
		/* Every eighth file: enough variety, a quick make check. */
		if (i % 8 != 0) {
			free(names[i]);
			continue;
		}
		struct count all = { 0 }, some = { 0 }, none = { 0 };

		if (read_file(names[i], &all, NULL, 0, 1) == -1 ||
		    all.last == NULL) {
			free(all.last);
			free(names[i]);
			continue;
		}
		/* Again, counting the provider of the last record. */
		const char *want[1] = { all.last };
		memset(&all, 0, sizeof all);
		all.want = want[0];
		all.last = NULL;
		read_file(names[i], &all, NULL, 0, 1);

		some.want = want[0];
		read_file(names[i], &some, want, 1, 1);
		ok(some.wanted == all.wanted && some.total <= all.total,
		    "%s: %lu of %lu records of \"%s\" with the prefilter "
		    "(%lu of %lu in all)", base, some.wanted, all.wanted,
		    want[0], some.total, all.total);
		skipped_total += all.total - some.total;
		all_total += all.total;

		none.want = want[0];
		read_file(names[i], &none, want, 1, 0);
		ok(none.total == all.total && none.wanted == all.wanted,
		    "%s: without the prefilter every record (%lu)", base,
		    none.total);

		free(all.last);
		free(some.last);
		free(none.last);
		free((char *)want[0]);
		free(names[i]);
	}
	printf("# the prefilter left out %lu of %lu records\n", skipped_total,
	    all_total);
	free(names);
	free(dir);
	return done_testing();
}
