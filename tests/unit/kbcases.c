/*
 * Runs the cases of tests/fixtures/kb (*.case): reads the inputs a case
 * names through ingest, as the program does, then checks the findings,
 * their facts and where the walk stops. A case whose input cannot be
 * read fails.
 *
 *	kbcases KBDIR CASEDIR GENDIR
 */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "ingest.h"
#include "kb.h"
#include "walk.h"
#include "xmalloc.h"
#include "tap.h"

static const struct finding *
finding(const struct analysis *an, const char *tree)
{
	for (size_t i = 0; i < analysis_nfindings(an); i++)
		if (strcmp(analysis_finding(an, i)->tree, tree) == 0)
			return analysis_finding(an, i);
	return NULL;
}

static const char *
fact(const struct finding *f, const char *name)
{
	for (size_t i = 0; f != NULL && i < f->nfacts; i++)
		if (strcmp(f->facts[i].name, name) == 0)
			return f->facts[i].value;
	return NULL;
}

static char *
rest(char *s)
{
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void
run_case(const struct kb *kb, const char *casedir, const char *gendir,
    const char *name)
{
	char path[4096], *line = NULL;
	size_t cap = 0;
	FILE *f;
	char **lines = NULL, **args = NULL, *answers[32];
	size_t nlines = 0, nanswers = 0;

	snprintf(path, sizeof path, "%s/%s", casedir, name);
	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "%s: cannot open", name);
		return;
	}
	while (getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		lines = xreallocarray(lines, nlines + 1, sizeof *lines);
		args = xreallocarray(args, nlines + 1, sizeof *args);
		lines[nlines] = xstrdup(line);
		args[nlines] = rest(lines[nlines]);	/* splits keyword and argument */
		nlines++;
	}
	free(line);
	fclose(f);

	struct analysis *an = analysis_create(kb);
	struct ingest ing;
	ingest_init(&ing, analysis_add_record, an);
	int failed = 0;	/* an input missing or unreadable: reported */
	for (size_t i = 0; i < nlines && !failed; i++) {
		char *arg = args[i];
		if (strcmp(lines[i], "input") != 0)
			continue;
		size_t n = strlen(arg);
		if (n > 4 && strcmp(arg + n - 4, ".evd") == 0) {
			snprintf(path, sizeof path, "%s/%.*s.evtx", gendir, (int)(n - 4), arg);
			FILE *g = fopen(path, "r");
			if (g == NULL) {
				/* make check writes it with tests/evtxgen. */
				ok(0, "%s: no %s made from %s", name, path, arg);
				failed = 1;
				break;
			}
			fclose(g);
		} else
			snprintf(path, sizeof path, "%s/%s", casedir, arg);
		char *cause = NULL;
		if (ingest_path(&ing, path, &cause) == -1) {
			ok(0, "%s: %s", name, cause != NULL ? cause : "cannot read");
			free(cause);
			failed = 1;
		}
	}
	if (!failed) {
		analysis_finish(an);
		for (size_t i = 0; i < nlines; i++) {
			char *kw = lines[i], *arg = args[i];
			if (strcmp(kw, "answer") == 0 && nanswers < 32)
				answers[nanswers++] = arg;
		}
		for (size_t i = 0; i < nlines; i++) {
			char *kw = lines[i], *arg = args[i];
			if (strcmp(kw, "finding") == 0) {
				char *status = rest(arg);
				const struct finding *fd = finding(an, arg);
				const char *got = fd == NULL ? "none" :
				    fd->status == FINDING_MATCH ? "match" : "partial";
				ok(strcmp(got, status) == 0, "%s: %s is a %s finding (%s)",
				    name, arg, status, got);
			} else if (strcmp(kw, "evidence") == 0) {
				/* evidence TREE INPUT: the finding shows a record
				 * of that input. */
				char *file = rest(arg);
				const struct finding *fd = finding(an, arg);
				int seen = 0;
				for (size_t k = 0; fd != NULL && k < fd->nevidence; k++) {
					int in = fd->evidence[k].rec->input;
					const char *nm = ing.inputs[in].name;
					size_t nl = strlen(nm), fl = strlen(file);
					if (nl >= fl && strcmp(nm + nl - fl, file) == 0)
						seen = 1;
				}
				ok(seen, "%s: %s shows evidence from %s", name, arg, file);
			} else if (strcmp(kw, "nofinding") == 0) {
				ok(finding(an, arg) == NULL, "%s: no %s finding", name, arg);
			} else if (strcmp(kw, "fact") == 0) {
				char *fname = rest(arg), *want = rest(fname);
				is_str(fact(finding(an, arg), fname), want, "%s: %s %s", name, arg, fname);
			} else if (strcmp(kw, "stop") == 0 || strcmp(kw, "verdict") == 0) {
				struct walk *w = walk_start(kb, an, NULL);
				if (kw[0] == 's')
					walk_auto(w, NULL, 0);
				else
					walk_auto(w, (const char *const *)answers, nanswers);
				const struct walk_node *n = w != NULL ? walk_current(w) : NULL;
				is_str(n != NULL ? n->id : NULL, arg, "%s: the walk %s at %s", name,
				    kw[0] == 's' ? "stops" : "ends", arg);
				if (kw[0] == 'v')
					ok(n != NULL && n->kind == WALK_VERDICT && n->nsteps > 0,
					    "%s: a verdict with steps", name);
				walk_free(w);
			} else if (strcmp(kw, "input") != 0 && strcmp(kw, "answer") != 0)
				ok(0, "%s: unknown line \"%s\"", name, kw);
		}
	}
	ingest_free(&ing);
	analysis_free(an);
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	free(args);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct kb_diag *d;
	size_t nd;

	if (argc != 4) {
		fprintf(stderr, "usage: kbcases KBDIR CASEDIR GENDIR\n");
		return 2;
	}
	struct kb *kb = kb_load(argv[1], &d, &nd);
	kb_diags_free(d, nd);
	ok(kb != NULL, "the KB loads");
	DIR *dp = opendir(argv[2]);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".case") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	}
	if (dp != NULL)
		closedir(dp);
	ok(n > 0, "cases found in %s", argv[2]);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (kb != NULL)
			run_case(kb, argv[2], argv[3], names[i]);
		free(names[i]);
	}
	free(names);
	kb_free(kb);
	return done_testing();
}
