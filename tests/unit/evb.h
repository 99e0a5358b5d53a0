/* evb.h -- building records for the engine's unit tests. */
#ifndef VS_EVB_H
#define VS_EVB_H
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "kb.h"
#include "record.h"

static struct record_builder evb;
static uint64_t evb_line;

/* "2024-03-14 23:02:17" as UTC microseconds; NULL gives no time. */
static int64_t __attribute__((unused))
evb_time(const char *s)
{
	int y, mo, d, h, mi, se;
	if (s == NULL || sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6)
		return VS_NO_TIME;
	return record_make_time(y, mo, d, h, mi, se, 0);
}

static void __attribute__((unused))
evb_event(struct analysis *an, const char *provider, unsigned id, int level,
    const char *time, const char *message)
{
	record_builder_reset(&evb, VS_KIND_EVENT, 0);
	struct vs_record *r = &evb.rec;
	r->loc_kind = VS_LOC_LINE;
	r->loc = ++evb_line;
	r->time = evb_time(time);
	r->tz = r->time == VS_NO_TIME ? VS_TZ_NONE : VS_TZ_UTC;
	if (provider != NULL)
		r->provider = record_builder_strndup(&evb, provider, strlen(provider));
	r->event_id = id;
	r->level = level;
	r->channel = "Application";
	if (message != NULL)
		r->message = record_builder_strndup(&evb, message, strlen(message));
	analysis_add_record(r, an);
}

/* An .evtx-like event: insertion strings, no message. */
static void __attribute__((unused))
evb_strings(struct analysis *an, const char *provider, unsigned id, int level,
    const char *time, const char *const *strings, size_t n)
{
	record_builder_reset(&evb, VS_KIND_EVENT, 1);
	struct vs_record *r = &evb.rec;
	r->loc_kind = VS_LOC_RECORD;
	r->loc = ++evb_line;
	r->time = evb_time(time);
	r->tz = VS_TZ_UTC;
	r->provider = record_builder_strndup(&evb, provider, strlen(provider));
	r->event_id = id;
	r->level = level;
	for (size_t i = 0; i < n; i++)
		record_builder_add_string(&evb, strings[i], strlen(strings[i]));
	analysis_add_record(r, an);
}

static void __attribute__((unused))
evb_writer(struct analysis *an, const char *name, const char *id,
    const char *state, const char *label, const char *last_error)
{
	record_builder_reset(&evb, VS_KIND_WRITER, 2);
	struct vs_record *r = &evb.rec;
	r->loc_kind = VS_LOC_LINE;
	r->loc = ++evb_line;
	record_builder_add_field(&evb, "writer", name, strlen(name));
	record_builder_add_field(&evb, "writer_id", id, strlen(id));
	record_builder_add_field(&evb, "state", state, strlen(state));
	record_builder_add_field(&evb, "state_label", label, strlen(label));
	record_builder_add_field(&evb, "last_error", last_error, strlen(last_error));
	analysis_add_record(r, an);
}

/* A record of any kind from name/value pairs, ended by NULL. */
static void __attribute__((unused))
evb_fields(struct analysis *an, enum vs_kind kind, ...)
{
	va_list ap;
	const char *k, *v;

	record_builder_reset(&evb, kind, 3);
	evb.rec.loc_kind = VS_LOC_LINE;
	evb.rec.loc = ++evb_line;
	va_start(ap, kind);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		record_builder_add_field(&evb, k, v, strlen(v));
	}
	va_end(ap);
	analysis_add_record(&evb.rec, an);
}

/* A pasted line nothing recognised. */
static void __attribute__((unused))
evb_text(struct analysis *an, const char *line)
{
	record_builder_reset(&evb, VS_KIND_TEXT, 4);
	evb.rec.loc_kind = VS_LOC_LINE;
	evb.rec.loc = ++evb_line;
	evb.rec.source_text = record_builder_strndup(&evb, line, strlen(line));
	analysis_add_record(&evb.rec, an);
}

static const char * __attribute__((unused))
evb_kbdir(void)
{
	static char dir[4096];
	const char *src = getenv("VS_SRCDIR");
	snprintf(dir, sizeof dir, "%s/kb", src != NULL ? src : ".");
	return dir;
}

static struct kb * __attribute__((unused))
evb_kb(void)
{
	struct kb_diag *d;
	size_t nd;
	struct kb *kb = kb_load(evb_kbdir(), &d, &nd);
	for (size_t i = 0; i < nd; i++)
		printf("# %s:%d: %s\n", d[i].file, d[i].line, d[i].message);
	kb_diags_free(d, nd);
	return kb;
}

static const struct finding * __attribute__((unused))
evb_finding(const struct analysis *an, const char *tree)
{
	for (size_t i = 0; i < analysis_nfindings(an); i++)
		if (strcmp(analysis_finding(an, i)->tree, tree) == 0)
			return analysis_finding(an, i);
	return NULL;
}

static const char * __attribute__((unused))
evb_fv(const struct finding *f, const char *name)
{
	for (size_t i = 0; f != NULL && i < f->nfacts; i++)
		if (strcmp(f->facts[i].name, name) == 0)
			return f->facts[i].value;
	return NULL;
}
#endif
