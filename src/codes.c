/* codes.c -- the HRESULT table, code parsing and scanning, --lookup. */
#include "config.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "codes.h"
#include "options.h"
#include "xmalloc.h"

static struct code_info	*table;
static size_t		 ntable;
static char		*table_text;	/* the file, cut up in place */

void
codes_free(void)
{
	free(table);
	free(table_text);
	table = NULL;
	table_text = NULL;
	ntable = 0;
}

size_t
codes_count(void)
{
	return ntable;
}

static int
code_cmp(const void *a, const void *b)
{
	const struct code_info *x = a, *y = b;
	return x->hr < y->hr ? -1 : x->hr > y->hr;
}

const struct code_info *
codes_find(uint32_t hr)
{
	struct code_info key = { .hr = hr };
	if (ntable == 0)
		return NULL;
	return bsearch(&key, table, ntable, sizeof *table, code_cmp);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
codes_parse(const char *s, uint32_t *out)
{
	size_t n;
	uint64_t v = 0;
	int neg = 0, hex = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return -1;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
		hex = 1;
	} else if (s[0] == '-') {
		s++;
		n--;
		neg = 1;
	}
	if (n == 0 || n > 11)
		return -1;
	if (!hex && !neg && n == 8) {
		/* Eight characters with a letter among them: bare hex. */
		for (size_t i = 0; i < n; i++)
			if (hexval((unsigned char)s[i]) > 9)
				hex = 1;
	}
	if (hex) {
		if (n > 8)
			return -1;
		for (size_t i = 0; i < n; i++) {
			int d = hexval((unsigned char)s[i]);
			if (d < 0)
				return -1;
			v = v * 16 + (unsigned)d;
		}
		*out = (uint32_t)v;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (neg) {
		if (v == 0 || v > 2147483648ULL)
			return -1;
		*out = (uint32_t)(0x100000000ULL - v);
		return 0;
	}
	if (v > 0xffffffffULL)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

const char *
codes_facility_name(unsigned facility)
{
	switch (facility) {
	case 0:
		return "NULL";
	case 1:
		return "RPC";
	case 2:
		return "Dispatch";
	case 3:
		return "Storage";
	case 4:
		return "ITF, interface-specific such as VSS";
	case 7:
		return "Win32";
	case 8:
		return "Windows";
	case 9:
		return "Security";
	case 10:
		return "Control";
	case 11:
		return "Certificates";
	case 0x78:
		return "Windows Backup";
	}
	return NULL;
}

void
codes_describe(uint32_t hr, char *out, size_t len)
{
	unsigned facility = (hr >> 16) & 0x7ff, code = hr & 0xffff;
	const char *fname = codes_facility_name(facility);
	const char *sev = (hr & 0x80000000U) ? "failure" : "success";
	int n;

	if (hr & 0x10000000U)
		sev = (hr & 0x80000000U) ? "failure, NTSTATUS mapped" :
		    "success, NTSTATUS mapped";
	n = snprintf(out, len, "%s, facility %u%s%s%s, code %u (0x%04X)", sev,
	    facility, fname ? " (" : "", fname ? fname : "", fname ? ")" : "",
	    code, code);
	if (n < 0 || (size_t)n >= len)
		return;
	if (facility == 7 && (hr & 0x80000000U))
		snprintf(out + n, len - (size_t)n,
		    "; Windows system error %u carried as an HRESULT", code);
}

/*
 * Table file: one code a line, "0x800423F4<TAB>NAME<TAB>SOURCE<TAB>MEANING";
 * '#' starts a comment line.
 */
int
codes_load(const char *kbdir, char **cause)
{
	char *path = xasprintf("%s/codes.tsv", kbdir);
	FILE *f = fopen(path, "r");
	struct buf b;
	char chunk[8192];
	size_t n, cap = 0, lineno = 0;
	struct code_info *t = NULL;
	size_t nt = 0;

	if (f == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_addc(&b, '\0');

	char *p = b.data, *end = b.data + b.len - 1;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p, *col[4];
		size_t ncol = 0;
		uint32_t hr;

		if (nl == NULL)
			nl = end;
		*nl = '\0';
		p = nl + 1;
		lineno++;
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		col[ncol++] = line;
		for (char *q = line; *q != '\0' && ncol < 4; q++)
			if (*q == '\t') {
				*q = '\0';
				col[ncol++] = q + 1;
			}
		if (ncol != 4 || codes_parse(col[0], &hr) != 0 ||
		    *col[1] == '\0' || *col[3] == '\0') {
			*cause = xasprintf("%s:%zu: expected CODE<TAB>NAME<TAB>"
			    "SOURCE<TAB>MEANING", path, lineno);
			goto fail;
		}
		if (nt == cap) {
			cap = cap ? cap * 2 : 256;
			t = xreallocarray(t, cap, sizeof *t);
		}
		t[nt].hr = hr;
		t[nt].name = col[1];
		t[nt].source = col[2];
		t[nt].meaning = col[3];
		nt++;
	}
	qsort(t, nt, sizeof *t, code_cmp);
	for (size_t i = 1; i < nt; i++)
		if (t[i].hr == t[i - 1].hr) {
			*cause = xasprintf("%s: 0x%08" PRIX32 " is listed "
			    "twice", path, t[i].hr);
			goto fail;
		}
	codes_free();
	table = t;
	ntable = nt;
	table_text = b.data;
	free(path);
	return 0;
fail:
	free(t);
	buf_free(&b);
	free(path);
	return -1;
}

static int
is_word(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* Is a word saying "this number is a code" just before position at? */
static int
code_context(const char *text, size_t at)
{
	static const char *words[] = { "hr", "hresult", "error", "err", "code",
	    "failure", "status", "result", "returned", "erreur", "fehler",
	    "fehlercode", "errorcode", "kod", NULL };
	size_t from = at > 32 ? at - 32 : 0, i = at;

	while (i > from) {
		size_t e, s;
		while (i > from && !is_word((unsigned char)text[i - 1]))
			i--;
		e = i;
		while (i > from && is_word((unsigned char)text[i - 1]))
			i--;
		s = i;
		if (e == s)
			break;
		for (size_t w = 0; words[w] != NULL; w++) {
			size_t wl = strlen(words[w]);
			if (e - s == wl) {
				size_t k;
				for (k = 0; k < wl; k++) {
					int c = (unsigned char)text[s + k];
					if (c >= 'A' && c <= 'Z')
						c += 32;
					if (c != words[w][k])
						break;
				}
				if (k == wl)
					return 1;
			}
		}
	}
	return 0;
}

static void
scan_add(uint32_t *out, size_t max, size_t *n, uint32_t hr)
{
	size_t lim = *n < max ? *n : max;
	for (size_t i = 0; i < lim; i++)
		if (out[i] == hr)
			return;
	if (*n < max)
		out[*n] = hr;
	(*n)++;
}

size_t
codes_scan(const char *text, size_t len, uint32_t *out, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t s, e;
		uint64_t v;
		int neg = 0;

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F') || c == '-')) {
			i++;
			continue;
		}
		if (i > 0 && is_word((unsigned char)text[i - 1])) {
			/* Inside a longer word: skip it. */
			i++;
			while (i < len && is_word((unsigned char)text[i]))
				i++;
			continue;
		}
		/* "0x" and exactly eight hex digits. */
		if (c == '0' && i + 10 <= len && (text[i + 1] == 'x' ||
		    text[i + 1] == 'X')) {
			size_t k;
			v = 0;
			for (k = 0; k < 8; k++) {
				int d = hexval((unsigned char)text[i + 2 + k]);
				if (d < 0)
					break;
				v = v * 16 + (unsigned)d;
			}
			if (k == 8 && (i + 10 == len ||
			    !is_word((unsigned char)text[i + 10]))) {
				if ((v & 0x80000000U) ||
				    (v != 0 && codes_find((uint32_t)v) != NULL))
					scan_add(out, max, &n, (uint32_t)v);
			}
			i += 2;
			while (i < len && is_word((unsigned char)text[i]))
				i++;
			continue;
		}
		if (c == '-') {
			if (i + 1 >= len || text[i + 1] < '0' ||
			    text[i + 1] > '9') {
				i++;
				continue;
			}
			neg = 1;
			i++;
		}
		s = i;
		while (i < len && is_word((unsigned char)text[i]))
			i++;
		e = i;
		/* A GUID's first group, or a piece of a longer token. */
		if ((e < len && (text[e] == '-' || text[e] == '.')) ||
		    (s > 0 && !neg && (text[s - 1] == '{' ||
		    text[s - 1] == '-')))
			continue;
		int alldec = 1, allhex = 1;
		for (size_t k = s; k < e; k++) {
			int d = hexval((unsigned char)text[k]);
			if (d < 0)
				allhex = 0;
			if (d < 0 || d > 9)
				alldec = 0;
		}
		v = 0;
		if (!neg && allhex && e - s == 8 && !alldec) {
			for (size_t k = s; k < e; k++)
				v = v * 16 +
				    (unsigned)hexval((unsigned char)text[k]);
			if ((v & 0x80000000U) && (code_context(text, s) ||
			    codes_find((uint32_t)v) != NULL))
				scan_add(out, max, &n, (uint32_t)v);
			continue;
		}
		if (!neg && allhex && e - s == 8 && alldec) {
			/* Eight decimal digits: bare hex only with context. */
			for (size_t k = s; k < e; k++)
				v = v * 16 +
				    (unsigned)hexval((unsigned char)text[k]);
			if ((v & 0x80000000U) && (code_context(text, s) ||
			    codes_find((uint32_t)v) != NULL))
				scan_add(out, max, &n, (uint32_t)v);
			continue;
		}
		if (!alldec || e - s < 9 || e - s > 10)
			continue;
		for (size_t k = s; k < e; k++)
			v = v * 10 + (unsigned)(text[k] - '0');
		if (neg) {
			if (v > 2147483648ULL || v < 0x10000000ULL)
				continue;
			v = 0x100000000ULL - v;
		} else if (v < 0x80000000ULL || v > 0xffffffffULL)
			continue;
		if (code_context(text, neg ? s - 1 : s) ||
		    codes_find((uint32_t)v) != NULL)
			scan_add(out, max, &n, (uint32_t)v);
	}
	return n;
}

static void
print_safe(FILE *f, const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_add_safe(&b, s, strlen(s), 0);
	fputs(buf_cstr(&b), f);
	buf_free(&b);
}

int
cmd_lookup(const struct options *o, const char *code)
{
	uint32_t hr = 0;
	char *cause = NULL, desc[256];
	const struct code_info *ci;
	int known = 0;

	/* A name from the table works too: VSS_E_WRITERERROR_TIMEOUT. */
	if (code != NULL && codes_parse(code, &hr) == 0)
		known = 1;
	else if (code != NULL && *code != '\0' &&
	    codes_load(options_kb_dir(o), &cause) == 0) {
		for (size_t i = 0; i < ntable && !known; i++)
			if (strcasecmp(table[i].name, code) == 0) {
				hr = table[i].hr;
				known = 1;
			}
		codes_free();
	}
	free(cause);
	cause = NULL;
	if (!known) {
		fprintf(stderr, "vsstriage: --lookup: \"");
		if (code != NULL)
			print_safe(stderr, code);
		fprintf(stderr, "\" is not a code; give it in hex "
		    "(0x800423F4 or 800423F4), unsigned decimal (2147754996), "
		    "signed decimal (-2147212300) or a name from the table\n");
		return 1;
	}
	if (codes_load(options_kb_dir(o), &cause) != 0) {
		fprintf(stderr, "vsstriage: cannot read the code table, so "
		    "only the number is decoded: ");
		print_safe(stderr, cause);
		fputc('\n', stderr);
		free(cause);
	}
	ci = codes_find(hr);
	codes_describe(hr, desc, sizeof desc);
	if (o->format == OUT_JSON || o->format == OUT_JSONL) {
		struct buf b;
		buf_init(&b);
		buf_printf(&b, "{\"hresult\": \"0x%08" PRIX32 "\", "
		    "\"unsigned\": %" PRIu32 ", \"signed\": %" PRId32 ", "
		    "\"known\": %s",
		    hr, hr, (int32_t)hr, ci ? "true" : "false");
		if (ci != NULL) {
			buf_adds(&b, ", \"name\": \"");
			buf_add_json(&b, ci->name, strlen(ci->name));
			buf_adds(&b, "\", \"source\": \"");
			buf_add_json(&b, ci->source, strlen(ci->source));
			buf_adds(&b, "\", \"meaning\": \"");
			buf_add_json(&b, ci->meaning, strlen(ci->meaning));
			buf_adds(&b, "\"");
		}
		buf_adds(&b, ", \"decoded\": \"");
		buf_add_json(&b, desc, strlen(desc));
		buf_adds(&b, "\"}\n");
		fputs(buf_cstr(&b), stdout);
		buf_free(&b);
		codes_free();
		return 0;
	}
	printf("0x%08" PRIX32 "  unsigned %" PRIu32 "  signed %" PRId32 "\n",
	    hr, hr, (int32_t)hr);
	if (ci != NULL) {
		printf("name:    ");
		print_safe(stdout, ci->name);
		printf("\nsource:  ");
		print_safe(stdout, *ci->source ? ci->source : "-");
		printf("\nmeaning: ");
		print_safe(stdout, ci->meaning);
		printf("\n");
	} else
		printf("not in the code table\n");
	printf("decoded: %s\n", desc);
	codes_free();
	return 0;
}
