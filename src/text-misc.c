/* text-misc.c -- lines that carry a code without a header: DPM alerts
 * and DPMRACurr.errlog lines, log lines of SQL Server and backup tools,
 * bare event messages, and the text nothing else understood. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codes.h"
#include "text-int.h"

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
ishexd(int c)
{
	return isdig(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
has_code(const char *s, size_t len)
{
	uint32_t hr;
	return codes_scan(s, len, &hr, 1) > 0;
}

static int
isblank_sp(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * A DPMRACurr.errlog line starts "0990<TAB>17D8<TAB>11/05<TAB>13:02:42.416":
 * thread and process in hex, month/day, time, separated by tabs (or, once
 * pasted through a mail or a chat, spaces). Returns the offset of the
 * date and sets *tend to the end of the time, or returns 0.
 */
static size_t
errlog_prefix(const char *s, size_t len, size_t *tend)
{
	size_t i = 0;
	for (int g = 0; g < 2; g++) {
		size_t st = i;
		while (i < len && ishexd((unsigned char)s[i]))
			i++;
		if (i - st < 3 || i - st > 8 || i >= len ||
		    !isblank_sp((unsigned char)s[i]))
			return 0;
		while (i < len && isblank_sp((unsigned char)s[i]))
			i++;
	}
	size_t at = i;
	if (len - i < 6 || !isdig((unsigned char)s[i]) ||
	    !isdig((unsigned char)s[i + 1]) || s[i + 2] != '/' ||
	    !isdig((unsigned char)s[i + 3]) ||
	    !isdig((unsigned char)s[i + 4]) ||
	    !isblank_sp((unsigned char)s[i + 5]))
		return 0;
	i += 5;
	while (i < len && isblank_sp((unsigned char)s[i]))
		i++;
	/* HH:MM:SS, then the fraction */
	if (len - i < 8 || s[i + 2] != ':' || s[i + 5] != ':')
		return 0;
	for (size_t k = 0; k < 8; k++)
		if (k != 2 && k != 5 && !isdig((unsigned char)s[i + k]))
			return 0;
	i += 8;
	if (i < len && s[i] == '.')
		for (i++; i < len && isdig((unsigned char)s[i]); i++)
			;
	*tend = i;
	return at;
}

/* The text inside "label:[...]" after pos, or NULL. */
static const char *
bracketed(const char *s, size_t len, const char *label, size_t *vl)
{
	const char *p = memmem(s, len, label, strlen(label)), *e;
	if (p == NULL)
		return NULL;
	p += strlen(label);
	e = memchr(p, ']', (size_t)(s + len - p));
	if (e == NULL)
		return NULL;
	/* A volume name ends in "\]": take the last ']' on the line part. */
	if (e + 1 < s + len && e[1] == ']')
		e++;
	*vl = (size_t)(e - p);
	return p;
}

static void
errlog_line(struct text_ctx *ctx, const char *s, size_t len, size_t at,
    size_t tend)
{
	const char *v;
	size_t vl;
	/* "11/05 13:02:42.416", with one space whatever the log had */
	char t[40];
	size_t ts = at + 5;
	while (ts < tend && isblank_sp((unsigned char)s[ts]))
		ts++;
	int tl = snprintf(t, sizeof t, "%.5s %.*s", s + at,
	    (int)(tend - ts < 24 ? tend - ts : 24), s + ts);
	size_t rest = tend;
	while (rest < len && isblank_sp((unsigned char)s[rest]))
		rest++;

	text_block_open(ctx, NULL, NULL, VS_KIND_PROVIDER_USE);
	text_block_add_source(ctx, s, len);
	text_mark(ctx, TF_DPM_ERRLOG);
	if (memmem(s, len, "ProviderId:[", 12) != NULL) {
		if ((v = bracketed(s, len, "ProviderId:[", &vl)) != NULL)
			text_add_field(ctx, "provider_id", v, vl);
		if ((v = bracketed(s, len, "h/w provider:[", &vl)) != NULL)
			text_add_field(ctx, "hw_provider", v, vl);
		if ((v = bracketed(s, len, "volume:[", &vl)) != NULL)
			text_add_field(ctx, "volume", v, vl);
	} else if (has_code(s, len)) {
		ctx->rb.rec.kind = VS_KIND_EVENT;
		ctx->rb.rec.message = record_builder_strndup(&ctx->rb,
		    s + rest, len - rest);
		text_add_field(ctx, "log", "dpm-errlog", 10);
	} else
		return;		/* understood, and nothing to keep */
	/* The log gives month and day, not the year: the time is kept
	 * as text only. */
	text_add_field(ctx, "log_time", t, (size_t)tl);
	if (!ctx->noyear_noted) {
		ctx->noyear_noted = 1;
		input_note(ctx->in, "line %llu: DPM log times have no year; "
		    "kept as text (log_time), not placed on the timeline",
		    (unsigned long long)ctx->lineno);
	}
	text_emit(ctx, TF_DPM_ERRLOG);
}

/* "(ID 30112 Details: ...)" or "... (ID 3114)" */
static int
dpm_alert_id(const char *s, size_t len, uint32_t *id)
{
	const char *p = s, *end = s + len;
	while ((p = memmem(p, (size_t)(end - p), "(ID ", 4)) != NULL) {
		const char *q = p + 4;
		uint32_t n = 0;
		int d = 0;
		while (q < end && isdig((unsigned char)*q) && d < 6) {
			n = n * 10 + (uint32_t)(*q++ - '0');
			d++;
		}
		if (d >= 3 && (q == end || *q == ' ' || *q == ')')) {
			*id = n;
			return 1;
		}
		p += 4;
	}
	return 0;
}

/* A log line that starts with a date: SQL Server ERRORLOG, backup tools. */
static int
dated_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int64_t t;
	enum vs_time_zone tz;
	size_t tl;

	if (len < 16 || !isdig((unsigned char)s[0]))
		return 0;
	/* The date and time: up to the second blank after a ':'. */
	while (p < end && *p != ' ' && *p != 'T')
		p++;
	if (p >= end)
		return 0;
	p++;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	/* "PM"/"AM" belongs to the time. */
	if (end - p >= 3 && p[0] == ' ' && (p[2] == 'M' || p[2] == 'm') &&
	    (p[1] == 'A' || p[1] == 'P' || p[1] == 'a' || p[1] == 'p'))
		p += 3;
	tl = (size_t)(p - s);
	if (memchr(s, ':', tl) == NULL ||
	    text_time_parse(ctx, s, tl, &t, &tz) != 0)
		return 0;
	if (ctx->probe)
		return 1;
	if (has_code(s, len)) {
		text_block_open(ctx, NULL, NULL, VS_KIND_EVENT);
		text_block_add_source(ctx, s, len);
		ctx->rb.rec.time = t;
		ctx->rb.rec.tz = tz;
		p = text_skip_ws(p, end);
		ctx->rb.rec.message = record_builder_strndup(&ctx->rb, p,
		    (size_t)(end - p));
		text_emit(ctx, TF_MESSAGE);
	} else {
		text_block_open(ctx, NULL, NULL, VS_KIND_TEXT);
		text_block_add_source(ctx, s, len);
		ctx->rb.rec.time = t;
		ctx->rb.rec.tz = tz;
		ctx->rb.rec.message = record_builder_strndup(&ctx->rb, s, len);
		ctx->in->unrecognised_lines++;
		text_emit(ctx, TF_TEXT);
	}
	return 1;
}

int
text_misc_try(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c;
	size_t cl, at, tend;
	uint32_t id;

	text_clean(s, len, &c, &cl);
	if ((at = errlog_prefix(c, cl, &tend)) > 0) {
		if (!ctx->probe)
			errlog_line(ctx, c, cl, at, tend);
		return 1;
	}
	if (memchr(c, '(', cl) != NULL && dpm_alert_id(c, cl, &id)) {
		if (ctx->probe)
			return 1;
		text_block_open(ctx, NULL, NULL, VS_KIND_EVENT);
		text_block_add_source(ctx, s, len);
		ctx->rb.rec.provider = "DPM";
		ctx->rb.rec.event_id = id;
		ctx->rb.rec.message = record_builder_strndup(&ctx->rb, c, cl);
		text_emit(ctx, TF_DPM_ALERT);
		return 1;
	}
	return dated_line(ctx, s, len);
}

static int
message_start(const char *s, size_t len)
{
	static const char *starts[] = { "Volume Shadow Copy Service error",
	    "Volume Shadow Copy Service warning",
	    "Volume Shadow Copy Service information",
	    "The VSS service", "A VSS writer", "Sqllib error", "SQLVDI:",
	    "Backup started at", "The backup operation", NULL };
	const char *c;
	size_t cl;

	text_clean(s, len, &c, &cl);
	for (int i = 0; starts[i] != NULL; i++)
		if (text_prefix_ci(c, cl, starts[i]))
			return 1;
	return 0;
}

/* The waiting paragraph: an event message when it carries a code or
 * reads like one, else text. */
void
text_misc_paragraph(struct text_ctx *ctx)
{
	struct buf *p = &ctx->para;
	int msg = has_code(p->data, p->len) || message_start(p->data, p->len);

	record_builder_reset(&ctx->rb, msg ? VS_KIND_EVENT : VS_KIND_TEXT,
	    ctx->input);
	buf_reset(&ctx->source);
	ctx->block_first = ctx->para_first;
	ctx->block_last = ctx->para_last;
	ctx->rb.rec.source_text = buf_cstr(p);
	ctx->rb.rec.message = buf_cstr(p);
	if (!msg)
		ctx->in->unrecognised_lines += ctx->para_lines;
	text_emit(ctx, msg ? TF_MESSAGE : TF_TEXT);
}
