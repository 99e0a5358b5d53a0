/* common.c -- the parts every harness shares: see fuzz.h. */
#include "config.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "fuzz.h"
#include "walk.h"

static void
fail(const char *what, const char *s, size_t len)
{
	fprintf(stderr, "fuzz: %s in %zu bytes: \"", what, len);
	for (size_t i = 0; i < len && i < 200; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fputs("\"\n", stderr);
	abort();
}

/* Valid UTF-8, no C0 (but \n when allowed), DEL or C1 control. */
void
fuzz_check_safe(const char *s, size_t len, int keep_nl)
{
	const unsigned char *p = (const unsigned char *)s;

	if (strlen(s) != len)
		fail("NUL inside safe text", s, len);
	for (size_t i = 0; i < len;) {
		if (p[i] == '\n' && keep_nl) {
			i++;
			continue;
		}
		if (p[i] < 0x20 || p[i] == 0x7f)
			fail("control character in safe text", s, len);
		size_t n = utf8_seq_len(p + i, len - i);
		if (n == 0)
			fail("invalid UTF-8 in safe text", s, len);
		if (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			fail("C1 control in safe text", s, len);
		i += n;
	}
}

/* The inside of a JSON string: valid UTF-8, no raw control character,
 * every quote and backslash escaped, escapes well formed. */
void
fuzz_check_json(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	if (strlen(s) != len)
		fail("NUL inside JSON text", s, len);
	for (size_t i = 0; i < len;) {
		if (p[i] == '"')
			fail("bare quote in JSON string", s, len);
		if (p[i] < 0x20)
			fail("raw control character in JSON string", s, len);
		if (p[i] == '\\') {
			if (i + 1 >= len)
				fail("lone backslash in JSON string", s, len);
			if (strchr("\"\\/bfnrt", p[i + 1]) != NULL) {
				i += 2;
				continue;
			}
			if (p[i + 1] != 'u' || i + 6 > len)
				fail("bad escape in JSON string", s, len);
			for (size_t k = 2; k < 6; k++)
				if (strchr("0123456789abcdefABCDEF", p[i + k]) == NULL)
					fail("bad \\u escape in JSON string", s, len);
			i += 6;
			continue;
		}
		size_t n = utf8_seq_len(p + i, len - i);
		if (n == 0)
			fail("invalid UTF-8 in JSON string", s, len);
		i += n;
	}
}

static void
both(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	buf_reset(b);
	buf_add_safe(b, s, strlen(s), 0);
	fuzz_check_safe(buf_cstr(b), b->len, 0);
	buf_reset(b);
	buf_add_safe(b, s, strlen(s), 1);
	fuzz_check_safe(buf_cstr(b), b->len, 1);
	buf_reset(b);
	buf_add_json(b, s, strlen(s));
	fuzz_check_json(buf_cstr(b), b->len);
}

int
fuzz_record(const struct vs_record *r, void *arg)
{
	static const char *names[] = {
		"provider", "channel", "computer", "user", "message", "id",
		"level", "qualifiers", "time", "kind", "string0", "string1",
		"string2", "string99999999999999999999", "writer", "state",
		"last_error", "nosuchfield"
	};
	char scratch[64], tmp[64];
	struct buf b;

	if (r->kind >= VS_KIND_COUNT)
		abort();
	buf_init(&b);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		both(&b, record_get(r, names[i], scratch, sizeof scratch));
	for (size_t i = 0; i < r->nstrings; i++) {
		snprintf(tmp, sizeof tmp, "string%zu", i + 1);
		const char *v = record_get(r, tmp, scratch, sizeof scratch);
		if (v != r->strings[i])
			abort();
		both(&b, v);
	}
	for (size_t i = 0; i < r->nfields; i++) {
		both(&b, r->fields[i].name);
		both(&b, r->fields[i].value);
		if (record_field(r, r->fields[i].name) == NULL)
			abort();
	}
	both(&b, r->source_text);
	both(&b, record_kind_name(r->kind));
	both(&b, record_level_name(r->level));
	record_format_time(r->time, r->tz, tmp, sizeof tmp);
	both(&b, tmp);
	record_format_locator(r, tmp, sizeof tmp);
	both(&b, tmp);
	buf_free(&b);

	/* What the analysis keeps must survive the record's own buffers. */
	struct arena *a = arena_create();
	struct vs_record *c = record_copy(a, r);
	if (c->nstrings != r->nstrings || c->nfields != r->nfields)
		abort();
	arena_free(a);

	if (arg != NULL)
		analysis_add_record(r, arg);
	return 0;
}

void
fuzz_input(const struct vs_input *in)
{
	struct buf b;

	buf_init(&b);
	both(&b, in->name);
	both(&b, in->format);
	for (size_t i = 0; i < in->nnotes; i++)
		both(&b, in->notes[i]);
	if (in->nnotes > VS_INPUT_NOTES_MAX)
		abort();
	buf_free(&b);
}

static void
walk_from(const struct kb *kb, const struct analysis *an, const char *tree)
{
	struct walk *w = walk_start(kb, an, tree);
	struct buf b;

	if (w == NULL)
		return;
	buf_init(&b);
	walk_auto(w, NULL, 0);
	/* Answer on with the first choice a few times, then go back. */
	for (int step = 0; step < 8; step++) {
		const struct walk_node *n = walk_current(w);
		if (n == NULL)
			break;
		both(&b, n->text);
		both(&b, n->detail);
		for (size_t i = 0; i < n->nsteps; i++)
			both(&b, n->steps[i]);
		if (n->kind != WALK_QUESTION || n->nchoices == 0)
			break;
		walk_answer(w, n->preanswer >= 0 ? (size_t)n->preanswer : 0,
		    WALK_BY_OPERATOR);
	}
	while (walk_back(w) == 0)
		;
	buf_free(&b);
	walk_free(w);
}

void
fuzz_walk(const struct kb *kb, struct analysis *an)
{
	struct buf b;

	analysis_finish(an);
	buf_init(&b);
	for (size_t i = 0; i < analysis_nfindings(an); i++) {
		const struct finding *f = analysis_finding(an, i);
		for (size_t j = 0; j < f->nfacts; j++)
			both(&b, f->facts[j].value);
		for (size_t j = 0; j < f->nevidence; j++) {
			const struct evidence *e = &f->evidence[j];
			if (e->field != NULL) {
				char scratch[64];
				const char *v = record_get(e->rec, e->field,
				    scratch, sizeof scratch);
				if (v != NULL && (e->start > e->end ||
				    e->end > strlen(v)))
					abort();
			}
		}
		walk_from(kb, an, f->tree);
	}
	for (size_t i = 0; i < analysis_ncodes(an); i++)
		both(&b, analysis_code(an, i)->name);
	buf_free(&b);
	walk_from(kb, an, NULL);
}

static struct kb *the_kb;
static char tmpdir[64];

static void
cleanup(void)
{
	char cmd[128];

	kb_free(the_kb);
	the_kb = NULL;
	if (tmpdir[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", tmpdir);
	}
}

const struct kb *
fuzz_kb(void)
{
	static int tried;
	struct kb_diag *d;
	size_t nd;

	if (tried)
		return the_kb;
	tried = 1;
	const char *dir = getenv("VSSTRIAGE_KB");
	if (dir == NULL)
		dir = FUZZ_KB_DIR;
	the_kb = kb_load(dir, &d, &nd);
	kb_diags_free(d, nd);
	if (the_kb == NULL)
		fprintf(stderr, "fuzz: no KB in %s: the analysis is left out\n", dir);
	atexit(cleanup);
	return the_kb;
}

const char *
fuzz_tmpdir(void)
{
	if (tmpdir[0] != '\0')
		return tmpdir;
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/vsfuzz-XXXXXX",
	    t != NULL && strlen(t) < 40 ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	fuzz_kb();	/* registers the cleanup */
	return tmpdir;
}

void
fuzz_write(const char *path, const uint8_t *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1) {
		perror(path);
		abort();
	}
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n <= 0) {
			perror(path);
			abort();
		}
		data += n;
		len -= (size_t)n;
	}
	close(fd);
}
