/* report-json.h -- a strict JSON (RFC 8259) checker for the tests of the
 * JSON report, so that they need no tool outside the build. It can also
 * list the path and type of every value ("findings[].tree string"). */
#ifndef VS_REPORT_JSON_H
#define VS_REPORT_JSON_H
#include <stdio.h>
#include <string.h>

#define JSON_DEPTH_MAX	64
#define JSON_PATH_MAX	512

struct json_check {
	const unsigned char	*s;
	size_t			 len;
	size_t			 pos;
	int			 depth;
	const char		*error;		/* NULL while fine */
	FILE			*paths;		/* NULL: do not list */
	char			 path[JSON_PATH_MAX];
};

static int json_value(struct json_check *);

static int
json_fail(struct json_check *j, const char *why)
{
	if (j->error == NULL)
		j->error = why;
	return -1;
}

static void
json_ws(struct json_check *j)
{
	while (j->pos < j->len && (j->s[j->pos] == ' ' ||
	    j->s[j->pos] == '\t' || j->s[j->pos] == '\n' ||
	    j->s[j->pos] == '\r'))
		j->pos++;
}

static void
json_path(struct json_check *j, const char *type)
{
	if (j->paths != NULL)
		fprintf(j->paths, "%s %s\n", j->path[0] ? j->path : ".", type);
}

static int
json_hex4(struct json_check *j, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		if (j->pos >= j->len)
			return json_fail(j, "short \\u escape");
		unsigned char c = j->s[j->pos++];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return json_fail(j, "bad hex digit in \\u escape");
	}
	return 0;
}

/* A string; its raw text (between the quotes) into out if given. */
static int
json_string(struct json_check *j, char *out, size_t outlen)
{
	size_t o = 0;

	if (j->pos >= j->len || j->s[j->pos] != '"')
		return json_fail(j, "expected a string");
	j->pos++;
	for (;;) {
		if (j->pos >= j->len)
			return json_fail(j, "unterminated string");
		unsigned char c = j->s[j->pos];
		if (c == '"') {
			j->pos++;
			break;
		}
		if (c < 0x20)
			return json_fail(j, "control character in a string");
		if (c == '\\') {
			if (++j->pos >= j->len)
				return json_fail(j, "unterminated escape");
			c = j->s[j->pos++];
			if (c == 'u') {
				unsigned v, w;
				if (json_hex4(j, &v) == -1)
					return -1;
				if (v >= 0xdc00 && v <= 0xdfff)
					return json_fail(j, "lone low surrogate");
				if (v >= 0xd800 && v <= 0xdbff) {
					if (j->pos + 2 > j->len ||
					    j->s[j->pos] != '\\' ||
					    j->s[j->pos + 1] != 'u')
						return json_fail(j, "lone high surrogate");
					j->pos += 2;
					if (json_hex4(j, &w) == -1)
						return -1;
					if (w < 0xdc00 || w > 0xdfff)
						return json_fail(j, "bad surrogate pair");
				}
			} else if (strchr("\"\\/bfnrt", c) == NULL)
				return json_fail(j, "bad escape");
			if (out != NULL && o + 1 < outlen)
				out[o++] = '?';
			continue;
		}
		/* UTF-8, strictly. */
		size_t n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 :
		    (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
		if (n == 0 || j->pos + n > j->len)
			return json_fail(j, "invalid UTF-8 in a string");
		for (size_t k = 1; k < n; k++)
			if ((j->s[j->pos + k] & 0xc0) != 0x80)
				return json_fail(j, "invalid UTF-8 in a string");
		if ((c == 0xe0 && j->s[j->pos + 1] < 0xa0) ||
		    (c == 0xed && j->s[j->pos + 1] >= 0xa0) ||
		    (c == 0xf0 && j->s[j->pos + 1] < 0x90) ||
		    (c == 0xf4 && j->s[j->pos + 1] >= 0x90))
			return json_fail(j, "invalid UTF-8 in a string");
		for (size_t k = 0; k < n; k++) {
			if (out != NULL && o + 1 < outlen)
				out[o++] = (char)j->s[j->pos];
			j->pos++;
		}
	}
	if (out != NULL)
		out[o] = '\0';
	return 0;
}

static int
json_digits(struct json_check *j)
{
	size_t start = j->pos;
	while (j->pos < j->len && j->s[j->pos] >= '0' && j->s[j->pos] <= '9')
		j->pos++;
	return j->pos > start ? 0 : json_fail(j, "expected a digit");
}

static int
json_number(struct json_check *j)
{
	if (j->s[j->pos] == '-')
		j->pos++;
	if (j->pos < j->len && j->s[j->pos] == '0')
		j->pos++;
	else if (json_digits(j) == -1)
		return -1;
	if (j->pos < j->len && j->s[j->pos] == '.') {
		j->pos++;
		if (json_digits(j) == -1)
			return -1;
	}
	if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
		j->pos++;
		if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
			j->pos++;
		if (json_digits(j) == -1)
			return -1;
	}
	return 0;
}

static int
json_word(struct json_check *j, const char *w)
{
	size_t n = strlen(w);
	if (j->pos + n > j->len || memcmp(j->s + j->pos, w, n) != 0)
		return json_fail(j, "unexpected character");
	j->pos += n;
	return 0;
}

static int
json_object(struct json_check *j)
{
	size_t base = strlen(j->path);
	char keys[32][128];
	size_t nkeys = 0;

	j->pos++;
	json_ws(j);
	if (j->pos < j->len && j->s[j->pos] == '}') {
		j->pos++;
		return 0;
	}
	for (;;) {
		char key[128];
		json_ws(j);
		if (json_string(j, key, sizeof key) == -1)
			return -1;
		for (size_t k = 0; k < nkeys; k++)
			if (strcmp(keys[k], key) == 0)
				return json_fail(j, "duplicate key");
		if (nkeys < 32)
			snprintf(keys[nkeys++], sizeof keys[0], "%s", key);
		json_ws(j);
		if (j->pos >= j->len || j->s[j->pos] != ':')
			return json_fail(j, "expected :");
		j->pos++;
		snprintf(j->path + base, sizeof j->path - base, "%s%s",
		    base > 0 ? "." : "", key);
		if (json_value(j) == -1)
			return -1;
		j->path[base] = '\0';
		json_ws(j);
		if (j->pos < j->len && j->s[j->pos] == ',') {
			j->pos++;
			continue;
		}
		if (j->pos < j->len && j->s[j->pos] == '}') {
			j->pos++;
			return 0;
		}
		return json_fail(j, "expected , or }");
	}
}

static int
json_array(struct json_check *j)
{
	size_t base = strlen(j->path);

	j->pos++;
	json_ws(j);
	if (j->pos < j->len && j->s[j->pos] == ']') {
		j->pos++;
		return 0;
	}
	snprintf(j->path + base, sizeof j->path - base, "[]");
	for (;;) {
		if (json_value(j) == -1)
			return -1;
		json_ws(j);
		if (j->pos < j->len && j->s[j->pos] == ',') {
			j->pos++;
			continue;
		}
		if (j->pos < j->len && j->s[j->pos] == ']') {
			j->pos++;
			j->path[base] = '\0';
			return 0;
		}
		return json_fail(j, "expected , or ]");
	}
}

static int
json_value(struct json_check *j)
{
	int rc;

	json_ws(j);
	if (j->pos >= j->len)
		return json_fail(j, "unexpected end");
	if (++j->depth > JSON_DEPTH_MAX)
		return json_fail(j, "nested too deep");
	switch (j->s[j->pos]) {
	case '{':
		json_path(j, "object");
		rc = json_object(j);
		break;
	case '[':
		json_path(j, "array");
		rc = json_array(j);
		break;
	case '"':
		json_path(j, "string");
		rc = json_string(j, NULL, 0);
		break;
	case 't':
		json_path(j, "bool");
		rc = json_word(j, "true");
		break;
	case 'f':
		json_path(j, "bool");
		rc = json_word(j, "false");
		break;
	case 'n':
		json_path(j, "null");
		rc = json_word(j, "null");
		break;
	default:
		if (j->s[j->pos] == '-' ||
		    (j->s[j->pos] >= '0' && j->s[j->pos] <= '9')) {
			json_path(j, "number");
			rc = json_number(j);
		} else
			rc = json_fail(j, "unexpected character");
		break;
	}
	j->depth--;
	return rc;
}

/* 0 if s is one valid JSON text; -1 with j->error and j->pos. */
static int
json_check(struct json_check *j, const char *s, size_t len, FILE *paths)
{
	memset(j, 0, sizeof *j);
	j->s = (const unsigned char *)s;
	j->len = len;
	j->paths = paths;
	if (json_value(j) == -1)
		return -1;
	json_ws(j);
	if (j->pos != j->len)
		return json_fail(j, "text after the value");
	return 0;
}
#endif
