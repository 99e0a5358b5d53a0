/* Unit tests of the record model, buffers and patterns. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "pattern.h"
#include "record.h"
#include "xmalloc.h"
#include "tap.h"

static void
test_times(void)
{
	char out[64];
	int64_t t = record_make_time(2024, 3, 14, 23, 2, 17, 123456);
	record_format_time(t, VS_TZ_UTC, out, sizeof out);
	is_str(out, "2024-03-14T23:02:17.123456Z", "UTC time formats as ISO 8601 with Z");
	record_format_time(t, VS_TZ_LOCAL, out, sizeof out);
	is_str(out, "2024-03-14T23:02:17.123456", "local time has no zone suffix");
	record_format_time(record_make_time(1969, 12, 31, 23, 59, 59, 0), VS_TZ_UTC, out, sizeof out);
	is_str(out, "1969-12-31T23:59:59.000000Z", "times before 1970 format");
	record_format_time(VS_NO_TIME, VS_TZ_UTC, out, sizeof out);
	is_str(out, "", "no time gives an empty string");
	is_int(record_days_from_civil(2000, 3, 1), 11017, "days from civil");
}

static void
test_builder_and_copy(void)
{
	struct record_builder b;
	struct arena *keep = arena_create();
	char scratch[32];

	record_builder_init(&b);
	record_builder_reset(&b, VS_KIND_EVENT, 3);
	b.rec.provider = record_builder_strndup(&b, "SQLVDI", 6);
	b.rec.event_id = 1;
	b.rec.level = VS_LEVEL_ERROR;
	for (int i = 0; i < 20; i++) {
		char s[16];
		snprintf(s, sizeof s, "s%d", i + 1);
		record_builder_add_string(&b, s, strlen(s));
	}
	record_builder_add_field(&b, "Instance", "SBSMONITORING", 13);
	struct vs_record *c = record_copy(keep, &b.rec);
	record_builder_reset(&b, VS_KIND_TEXT, 0);	/* the copy must survive */
	is_str(c->provider, "SQLVDI", "copied provider");
	is_int(c->nstrings, 20, "twenty insertion strings kept in order");
	is_str(record_get(c, "string20", scratch, sizeof scratch), "s20", "string20");
	ok(record_get(c, "string21", scratch, sizeof scratch) == NULL, "string21 absent");
	is_str(record_get(c, "id", scratch, sizeof scratch), "1", "id as text");
	is_str(record_get(c, "level", scratch, sizeof scratch), "error", "level name");
	is_str(record_get(c, "Instance", scratch, sizeof scratch), "SBSMONITORING", "named field");
	record_builder_free(&b);
	arena_free(keep);
}

static void
test_arena_big(void)
{
	struct arena *a = arena_create();
	char *big = arena_alloc(a, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *small = arena_strdup(a, "after");
	is_str(small, "after", "small allocation after a big one");
	arena_reset(a);
	is_int(arena_used(a), 0, "reset arena is empty");
	arena_free(a);
}

static void
test_safe_and_json(void)
{
	struct buf b;
	buf_init(&b);
	const char evil[] = "a\x1b[2Jb\x07" "c\xc2\x9b" "31md\xff" "e\tf";
	buf_add_safe(&b, evil, sizeof evil - 1, 0);
	is_str(buf_cstr(&b), "a^[[2Jb^Gc?31md?e f", "escape sequences and bad bytes made safe");
	buf_reset(&b);
	buf_add_json(&b, evil, sizeof evil - 1);
	is_str(buf_cstr(&b), "a\\u001b[2Jb\\u0007c\\u009b31md\\ufffde\\tf", "JSON escaping");
	buf_reset(&b);
	buf_add_safe(&b, "caf\xc3\xa9\n", 6, 1);
	is_str(buf_cstr(&b), "caf\xc3\xa9\n", "valid UTF-8 and kept newline pass");
	buf_free(&b);
}

static void
test_patterns(void)
{
	char *cause = NULL;
	struct pattern *p = pattern_compile("Instance=\\s*(?<instance>[^\\s.]*)", 0, &cause);
	ok(p != NULL, "pattern compiles");
	const char *line = "SQLVDI: Loc=SignalAbort. Client. Instance= SBSMONITORING . VD=Global";
	is_int(pattern_match(p, line, strlen(line), 0), 1, "pattern matches");
	size_t s, e;
	ok(pattern_group(p, "instance", &s, &e) && e - s == 13 &&
	    memcmp(line + s, "SBSMONITORING", 13) == 0, "named group captured");
	size_t llen;
	const char *lit = pattern_required_literal(p, &llen);
	ok(lit != NULL && llen == 9 && memcmp(lit, "Instance=", 9) == 0, "required literal found");
	pattern_free(p);

	p = pattern_compile("(?i)backup|restore", 0, &cause);
	ok(p != NULL && pattern_required_literal(p, &llen) == NULL, "no literal under alternation or (?i)");
	pattern_free(p);

	p = pattern_compile("abc(", 0, &cause);
	ok(p == NULL && cause != NULL && strstr(cause, "offset") != NULL, "compile error names the offset");
	free(cause);

	/* Invalid UTF-8 in the subject is no error. */
	p = pattern_compile("hr = (?<hr>0x[0-9a-f]{8})", PATTERN_CASELESS, &cause);
	const char bad[] = "\xff\xfe hr = 0x80042409 \xc3";
	is_int(pattern_match(p, bad, sizeof bad - 1, 0), 1, "matches around invalid UTF-8");
	pattern_free(p);

	/* Catastrophic backtracking ends, it does not hang. */
	p = pattern_compile("(a+)+$", 0, &cause);
	char many[64];
	memset(many, 'a', 40);
	many[40] = 'b';
	ok(pattern_match(p, many, 41, 0) <= 0, "pathological pattern gives up");
	pattern_free(p);
}

int
main(void)
{
	test_times();
	test_builder_and_copy();
	test_arena_big();
	test_safe_and_json();
	test_patterns();
	return done_testing();
}
