/* The code table: parsing every form, lookup, scanning text. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "codes.h"
#include "tap.h"
#include "xmalloc.h"

static uint32_t
parse(const char *s, int *rc)
{
	uint32_t v = 0xdeadbeef;
	*rc = codes_parse(s, &v);
	return v;
}

int
main(void)
{
	const char *kb = getenv("VSSTRIAGE_KB"), *src = getenv("VS_SRCDIR");
	char *cause = NULL, *kbsrc = NULL;
	int rc;
	uint32_t out[16];
	size_t n;
	char desc[256];

	if (kb == NULL && src != NULL)
		kb = kbsrc = xasprintf("%s/kb", src);
	if (kb == NULL)
		kb = "kb";
	ok(codes_load(kb, &cause) == 0, "table loads from %s", kb);
	if (cause != NULL) {
		printf("# %s\n", cause);
		free(cause);
		cause = NULL;
	}
	ok(codes_count() > 100, "table has the VSS, COM and Win32 codes");

	is_int(parse("0x800423F4", &rc), 0x800423F4, "hex");
	is_int(rc, 0, "hex parses");
	is_int(parse("0x800423f4", &rc), 0x800423F4, "lower-case hex");
	is_int(parse("800423F4", &rc), 0x800423F4, "bare hex");
	is_int(parse("2147754996", &rc), 0x800423F4, "unsigned decimal");
	is_int(parse("-2147212300", &rc), 0x800423F4, "signed decimal");
	is_int(parse(" 2155348129 ", &rc), 0x807800A1, "blanks around");
	parse("0x1234567890", &rc);
	is_int(rc, -1, "too long hex refused");
	parse("hello", &rc);
	is_int(rc, -1, "words refused");
	parse("", &rc);
	is_int(rc, -1, "empty refused");
	parse("4294967296", &rc);
	is_int(rc, -1, "above 32 bits refused");
	parse("-2147483649", &rc);
	is_int(rc, -1, "below INT32_MIN refused");
	parse("0x", &rc);
	is_int(rc, -1, "bare 0x refused");

	const struct code_info *ci = codes_find(0x800423F4);
	ok(ci != NULL && strcmp(ci->name, "VSS_E_WRITERERROR_NONRETRYABLE") == 0,
	    "0x800423F4 is known");
	ci = codes_find(0x80042409);
	ok(ci != NULL && strcmp(ci->name, "VSS_E_WRITER_STATUS_NOT_AVAILABLE") == 0,
	    "0x80042409 is known");
	ok(codes_find(0x80070005) != NULL, "E_ACCESSDENIED is known");
	ok(codes_find(0x8000FFFF) != NULL, "E_UNEXPECTED is known");
	ok(codes_find(0x80040E14) != NULL, "OLE DB error is known");
	ok(codes_find(0x00042309) != NULL, "a VSS success code is known");
	ok(codes_find(0x80071234) == NULL, "unknown code");

	codes_describe(0x80070571, desc, sizeof desc);
	ok(strstr(desc, "facility 7") && strstr(desc, "Windows system error 1393"),
	    "generic Win32 decoding: %s", desc);
	codes_describe(0x800423F4, desc, sizeof desc);
	ok(strstr(desc, "failure") && strstr(desc, "facility 4"),
	    "facility 4: %s", desc);

	const char *t1 = "Volume Shadow Copy Service error: hr = 0x80042409, "
	    "Writer status is not available. Error 800423F4 again 0x800423f4.";
	n = codes_scan(t1, strlen(t1), out, 16);
	is_int(n, 2, "scan: two distinct codes");
	is_int(out[0], 0x80042409, "scan: hex first");
	is_int(out[1], 0x800423F4, "scan: bare hex after 'Error'");

	const char *t2 = "failed with following error code '2155348129'. "
	    "and returned -2147212300; GUID {80042409-0000-0000-0000-000000000000} "
	    "and 12345678 and 0x00000000 and 0x00560000 and 2147754996";
	n = codes_scan(t2, strlen(t2), out, 16);
	is_int(n, 2, "scan: decimal forms, not GUIDs or small numbers");
	is_int(out[0], 0x807800A1, "scan: unsigned decimal");
	is_int(out[1], 0x800423F4, "scan: signed decimal");

	const char *t3 = "process 80042409 deadbeef 0x80042409abc x0x80042409";
	n = codes_scan(t3, strlen(t3), out, 16);
	is_int(n, 1, "scan: bare hex only when known or in context");
	is_int(out[0], 0x80042409, "scan: known bare hex");

	n = codes_scan("hr=0x80070005 hr=0x80070002 hr=0x80070003", 41, out, 2);
	is_int(n, 3, "scan: count beyond max");

	ok(codes_load("/nonexistent", &cause) == -1 && cause != NULL &&
	    strstr(cause, "/nonexistent/codes.tsv") != NULL,
	    "missing table: cause names the file");
	free(cause);
	ok(codes_find(0x800423F4) != NULL, "failed load keeps the old table");
	codes_free();
	ok(codes_find(0x800423F4) == NULL, "freed");
	free(kbsrc);
	return done_testing();
}
