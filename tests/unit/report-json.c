/* Unit tests of JSON validity: the checker the report tests use, and
 * the escaping the report relies on, fed every kind of byte. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "redact.h"
#include "report-json.h"
#include "tap.h"

static int
valid(const char *s)
{
	struct json_check j;
	return json_check(&j, s, strlen(s), NULL) == 0;
}

static void
test_checker(void)
{
	static const char *const good[] = {
		"{}", "[]", "null", " {\"a\": [1, -2.5e+3, true, false, null]}\n",
		"\"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\n\"", "\"\xc3\xa9\xe3\x83\x90\"",
		"{\"a\": {\"b\": []}, \"c\": \"\"}", "0", "-0.5",
	};
	static const char *const bad[] = {
		"", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1, 2,]", "{'a': 1}",
		"\"tab\there\"", "\"\\x41\"", "\"\\ud83d\"", "01", "1.", "+1",
		"{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "\"\xff\"", "\"\xc0\xaf\"",
		"\"\xed\xa0\x80\"", "[nul]", "NaN", "\"\\u12\"",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ok(valid(good[i]), "valid: %s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(!valid(bad[i]), "invalid: %zu", i);
	char deep[201];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	deep[200] = '\0';
	ok(!valid(deep), "nesting deeper than the limit is refused");
	deep[100 - 40] = '\0';
	memset(deep, '[', 40);
	memset(deep + 40, ']', 40);
	deep[80] = '\0';
	ok(valid(deep), "nesting of 40 is fine");
}

/* Every byte value, and random junk, escaped into a string: valid JSON. */
static void
test_escaping(void)
{
	struct buf b;
	char all[256];
	unsigned seed = 12345;
	int fails = 0;

	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	buf_init(&b);
	buf_addc(&b, '"');
	buf_add_json(&b, all, sizeof all);
	buf_addc(&b, '"');
	ok(valid(buf_cstr(&b)), "all 256 byte values escape to a valid string");

	struct redact *r = redact_create();
	redact_learn_computer(r, "SRV01.contoso.local");
	for (int round = 0; round < 2000; round++) {
		char junk[64];
		struct buf red;
		size_t n = (size_t)(round % 64);
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245 + 12345;
			/* Mostly text that looks like names, some of anything. */
			const char *pool = "SRV01.contoso\\local@ 10.0.0.1:S-1-5-21-\xc3\xa9\x1b\"";
			junk[k] = (seed >> 16) % 4 == 0 ? (char)(seed >> 8) :
			    pool[(seed >> 16) % strlen(pool)];
		}
		buf_init(&red);
		redact_add(r, &red, junk, n);
		buf_reset(&b);
		buf_addc(&b, '"');
		buf_add_json(&b, red.data != NULL ? red.data : "", red.len);
		buf_addc(&b, '"');
		if (!valid(buf_cstr(&b)))
			fails++;
		buf_free(&red);
	}
	is_int(fails, 0, "2000 random redacted strings escape to valid JSON");
	redact_free(r);
	buf_free(&b);
}

int
main(void)
{
	test_checker();
	test_escaping();
	return done_testing();
}
