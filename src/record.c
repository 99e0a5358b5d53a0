/* record.c -- the record model: arenas, copies, field access, times. */
#include "config.h"
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "record.h"
#include "xmalloc.h"

#define ARENA_BLOCK	(64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t	 size;
	size_t	 used;
	max_align_t data[];
};

struct arena {
	struct arena_block *head;
	size_t	 total;
};

static struct arena_block *
arena_block_new(size_t size)
{
	struct arena_block *b = xmalloc(sizeof *b + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_create(void)
{
	struct arena *a = xcalloc(1, sizeof *a);
	a->head = arena_block_new(ARENA_BLOCK);
	return a;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	struct arena_block *b = a->head;
	while (b != NULL) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b = a->head, *last = NULL;
	/* Keep the last (first allocated, normal-sized) block. */
	while (b != NULL) {
		struct arena_block *next = b->next;
		if (next == NULL)
			last = b;
		else
			free(b);
		b = next;
	}
	a->head = last;
	a->head->used = 0;
	a->total = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct arena_block *b = a->head;
	if (b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *nb = arena_block_new(size);
		if (size == n && b->size - b->used > 0) {
			/* A big one: put it behind the current block. */
			nb->next = b->next;
			b->next = nb;
			nb->used = n;
			a->total += n;
			return nb->data;
		}
		nb->next = b;
		a->head = b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	a->total += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

struct vs_record *
record_copy(struct arena *a, const struct vs_record *r)
{
	struct vs_record *c = arena_alloc(a, sizeof *c);
	*c = *r;
	c->channel = arena_strdup(a, r->channel);
	c->provider = arena_strdup(a, r->provider);
	c->computer = arena_strdup(a, r->computer);
	c->user_sid = arena_strdup(a, r->user_sid);
	c->message = arena_strdup(a, r->message);
	c->source_text = arena_strdup(a, r->source_text);
	c->strings = NULL;
	c->fields = NULL;
	if (r->nstrings > 0) {
		c->strings = arena_alloc(a, r->nstrings * sizeof *c->strings);
		for (size_t i = 0; i < r->nstrings; i++)
			c->strings[i] = arena_strdup(a, r->strings[i]);
	}
	if (r->nfields > 0) {
		c->fields = arena_alloc(a, r->nfields * sizeof *c->fields);
		for (size_t i = 0; i < r->nfields; i++) {
			c->fields[i].name = arena_strdup(a, r->fields[i].name);
			c->fields[i].value = arena_strdup(a, r->fields[i].value);
		}
	}
	return c;
}

static const char *kind_names[VS_KIND_COUNT] = {
	"event", "writer", "provider", "shadow-storage", "shadow",
	"provider-use", "text"
};

const char *
record_kind_name(enum vs_kind k)
{
	return (unsigned)k < VS_KIND_COUNT ? kind_names[k] : "unknown";
}

int
record_kind_parse(const char *s)
{
	for (int i = 0; i < VS_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

static const char *level_names[] = {
	"none", "critical", "error", "warning", "information", "verbose"
};

const char *
record_level_name(int level)
{
	if (level >= 0 && level <= 5)
		return level_names[level];
	return "other";
}

int
record_level_parse(const char *s)
{
	for (int i = 0; i <= 5; i++)
		if (strcasecmp(s, level_names[i]) == 0)
			return i;
	if (strcasecmp(s, "info") == 0)
		return VS_LEVEL_INFO;
	return -1;
}

const char *
record_field(const struct vs_record *r, const char *name)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

const char *
record_get(const struct vs_record *r, const char *name, char *scratch,
    size_t len)
{
	if (strcmp(name, "provider") == 0)
		return r->provider;
	if (strcmp(name, "channel") == 0)
		return r->channel;
	if (strcmp(name, "computer") == 0)
		return r->computer;
	if (strcmp(name, "user") == 0)
		return r->user_sid;
	if (strcmp(name, "message") == 0)
		return r->message;
	if (strcmp(name, "kind") == 0)
		return record_kind_name(r->kind);
	if (strcmp(name, "id") == 0) {
		if (r->kind != VS_KIND_EVENT)
			return NULL;
		snprintf(scratch, len, "%" PRIu32, r->event_id);
		return scratch;
	}
	if (strcmp(name, "qualifiers") == 0) {
		if (!(r->flags & VS_REC_HAS_QUALIFIERS))
			return NULL;
		snprintf(scratch, len, "%u", (unsigned)r->qualifiers);
		return scratch;
	}
	if (strcmp(name, "level") == 0)
		return r->kind == VS_KIND_EVENT ? record_level_name(r->level) : NULL;
	if (strcmp(name, "time") == 0) {
		if (r->time == VS_NO_TIME)
			return NULL;
		record_format_time(r->time, r->tz, scratch, len);
		return scratch;
	}
	if (strncmp(name, "string", 6) == 0 && name[6] >= '1' && name[6] <= '9') {
		char *end;
		unsigned long n = strtoul(name + 6, &end, 10);
		if (*end == '\0' && n >= 1 && n <= r->nstrings)
			return r->strings[n - 1];
		return NULL;
	}
	return record_field(r, name);
}

int64_t
record_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t
record_make_time(int y, int mo, int d, int h, int mi, int s, long usec)
{
	int64_t days = record_days_from_civil(y, (unsigned)mo, (unsigned)d);
	return ((days * 86400) + h * 3600 + mi * 60 + s) * 1000000 + usec;
}

void
record_format_time(int64_t t, enum vs_time_zone tz, char *out, size_t len)
{
	if (t == VS_NO_TIME || tz == VS_TZ_NONE) {
		if (len > 0)
			out[0] = '\0';
		return;
	}
	int64_t secs = t / 1000000, usec = t % 1000000;
	if (usec < 0) {
		usec += 1000000;
		secs -= 1;
	}
	int64_t days = secs / 86400, rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days -= 1;
	}
	/* civil_from_days */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, len, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%06d%s", y, m, d,
	    (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), (int)usec,
	    tz == VS_TZ_UTC ? "Z" : "");
}

void
record_format_locator(const struct vs_record *r, char *out, size_t len)
{
	if (r->loc_kind == VS_LOC_RECORD)
		snprintf(out, len, "%srecord %" PRIu64,
		    (r->flags & VS_REC_RECOVERED) ? "recovered " : "", r->loc);
	else if (r->loc_end > r->loc)
		snprintf(out, len, "lines %" PRIu64 "-%" PRIu64, r->loc, r->loc_end);
	else
		snprintf(out, len, "line %" PRIu64, r->loc);
}

void
record_builder_init(struct record_builder *b)
{
	memset(b, 0, sizeof *b);
	b->arena = arena_create();
}

void
record_builder_free(struct record_builder *b)
{
	arena_free(b->arena);
	memset(b, 0, sizeof *b);
}

void
record_builder_reset(struct record_builder *b, enum vs_kind kind, int input)
{
	arena_reset(b->arena);
	memset(&b->rec, 0, sizeof b->rec);
	b->rec.kind = kind;
	b->rec.input = input;
	b->rec.time = VS_NO_TIME;
	b->cap_strings = 0;
	b->cap_fields = 0;
}

char *
record_builder_strndup(struct record_builder *b, const char *s, size_t n)
{
	return arena_strndup(b->arena, s, n);
}

void
record_builder_add_string(struct record_builder *b, const char *s, size_t n)
{
	struct vs_record *r = &b->rec;
	if (r->nstrings == b->cap_strings) {
		size_t cap = b->cap_strings == 0 ? 8 : b->cap_strings * 2;
		const char **v = arena_alloc(b->arena, cap * sizeof *v);
		if (r->nstrings > 0)
			memcpy(v, r->strings, r->nstrings * sizeof *v);
		r->strings = v;
		b->cap_strings = cap;
	}
	r->strings[r->nstrings++] = arena_strndup(b->arena, s, n);
}

void
record_builder_add_field(struct record_builder *b, const char *name,
    const char *value, size_t vlen)
{
	struct vs_record *r = &b->rec;
	if (r->nfields == b->cap_fields) {
		size_t cap = b->cap_fields == 0 ? 8 : b->cap_fields * 2;
		struct vs_field *v = arena_alloc(b->arena, cap * sizeof *v);
		if (r->nfields > 0)
			memcpy(v, r->fields, r->nfields * sizeof *v);
		r->fields = v;
		b->cap_fields = cap;
	}
	r->fields[r->nfields].name = arena_strdup(b->arena, name);
	r->fields[r->nfields].value = arena_strndup(b->arena, value, vlen);
	r->nfields++;
}

void
input_init(struct vs_input *in, const char *name)
{
	memset(in, 0, sizeof *in);
	in->name = xstrdup(name);
}

void
input_clear(struct vs_input *in)
{
	free(in->name);
	free(in->unreadable);
	for (size_t i = 0; i < in->nnotes; i++)
		free(in->notes[i]);
	memset(in, 0, sizeof *in);
}

void
input_note(struct vs_input *in, const char *fmt, ...)
{
	if (in->nnotes == VS_INPUT_NOTES_MAX) {
		in->notes_dropped++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char tmp[512];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	in->notes[in->nnotes++] = xstrdup(tmp);
}
