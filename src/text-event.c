/* text-event.c -- events as text: Event Viewer "Copy details as text",
 * wevtutil /f:text, Event Viewer CSV and tab-delimited exports, and
 * PowerShell Get-WinEvent / Get-EventLog lists and tables. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "text-int.h"

/* ---- shared ---- */

int
text_level_parse(const char *s, size_t len)
{
	static const struct {
		const char	*word;
		int		 level;
	} words[] = {
		{ "Critical", 1 }, { "Error", 2 }, { "Warning", 3 },
		{ "Information", 4 }, { "Informational", 4 }, { "Info", 4 },
		{ "Verbose", 5 }, { "FailureAudit", 0 }, { "SuccessAudit", 0 },
		{ "Audit Success", 0 }, { "Audit Failure", 0 },
		{ "Kritisch", 1 }, { "Fehler", 2 }, { "Warnung", 3 },
		{ "Informationen", 4 }, { "Critique", 1 }, { "Erreur", 2 },
		{ "Avertissement", 3 }, { "Ausführlich", 5 },
		{ "Krytyczny", 1 }, { "Błąd", 2 }, { "Ostrzeżenie", 3 },
		{ "Informacje", 4 }, { NULL, 0 }
	};

	if (len == 1 && s[0] >= '0' && s[0] <= '5')
		return s[0] - '0';
	for (int i = 0; words[i].word != NULL; i++)
		if (text_eq_ci(s, len, words[i].word))
			return words[i].level;
	return -1;
}

static uint32_t
leading_number(const char *s, size_t len, int *ok)
{
	uint64_t v = 0;
	size_t i = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && v <= 0xffffffffULL)
		v = v * 10 + (unsigned)(s[i++] - '0');
	*ok = i > 0 && v <= 0xffffffffULL;
	return (uint32_t)v;
}

static void
set_level(struct text_ctx *ctx, const char *v, size_t vl)
{
	int l = text_level_parse(v, vl);
	if (l >= 0)
		ctx->rb.rec.level = l;
	if (vl > 0)
		text_add_field(ctx, "level_label", v, vl);
}

static const char *
dupv(struct text_ctx *ctx, const char *v, size_t vl)
{
	if (vl == 0 || text_eq_ci(v, vl, "N/A") || text_eq_ci(v, vl, "-") ||
	    text_eq_ci(v, vl, "Nicht zutreffend"))
		return NULL;
	return record_builder_strndup(&ctx->rb, v, vl);
}

/* The gathered message, without trailing blank lines. */
static void
set_message(struct text_ctx *ctx)
{
	size_t n = text_trim_end(ctx->msg.data, ctx->msg.len);
	size_t s = 0;
	while (s < n && (ctx->msg.data[s] == '\n' || ctx->msg.data[s] == ' '))
		s++;
	if (n > s)
		ctx->rb.rec.message = record_builder_strndup(&ctx->rb,
		    ctx->msg.data + s, n - s);
}

static void
msg_line(struct text_ctx *ctx, const char *s, size_t len)
{
	if (ctx->msg.len + len + 1 > TEXT_BLOCK_MAX)
		return;
	if (ctx->msg.len > 0)
		buf_addc(&ctx->msg, '\n');
	buf_add(&ctx->msg, s, len);
}

/* ---- Event Viewer and wevtutil text blocks ---- */

enum { EV_HEAD, EV_DESC, EV_XML };
#define EV_WEVTUTIL	0x01	/* ctx->sub bits */
#define EV_QUOTED	0x02
enum {
	K_LOG, K_SOURCE, K_DATE, K_ID, K_TASK, K_LEVEL, K_KEYWORDS, K_USER,
	K_USERNAME, K_COMPUTER, K_OPCODE, K_DESC, K_XML, K_RECORD, K_TIME,
	K_NONE
};

static const struct {
	const char	*name;
	int		 key;
} event_keys[] = {
	{ "Log Name", K_LOG }, { "Source", K_SOURCE }, { "Date", K_DATE },
	{ "Event ID", K_ID }, { "Task Category", K_TASK }, { "Task", K_TASK },
	{ "Level", K_LEVEL }, { "Keywords", K_KEYWORDS },
	{ "Keyword", K_KEYWORDS }, { "User", K_USER },
	{ "User Name", K_USERNAME }, { "Computer", K_COMPUTER },
	{ "Opcode", K_OPCODE }, { "Description", K_DESC },
	{ "Event Xml", K_XML }, { "Record Number", K_RECORD },
	{ "Logged", K_DATE }, { "Event Type", K_LEVEL },
	{ "Event Source", K_SOURCE }, { "Event Category", K_TASK },
	{ "Time", K_TIME },
	/* German and French Event Viewer. */
	{ "Protokollname", K_LOG }, { "Quelle", K_SOURCE },
	{ "Datum", K_DATE }, { "Ereignis-ID", K_ID },
	{ "Aufgabenkategorie", K_TASK }, { "Ebene", K_LEVEL },
	{ "Schlüsselwörter", K_KEYWORDS }, { "Benutzer", K_USER },
	{ "Beschreibung", K_DESC }, { "Nom du journal", K_LOG },
	{ "ID de l'événement", K_ID }, { "ID de l’événement", K_ID },
	{ "Catégorie de la tâche", K_TASK }, { "Niveau", K_LEVEL },
	{ "Mots-clés", K_KEYWORDS }, { "Utilisateur", K_USER },
	{ "Ordinateur", K_COMPUTER }, { NULL, K_NONE }
};

static int
event_key(const char *k, size_t kl)
{
	if (kl == 0)
		return K_NONE;
	for (int i = 0; event_keys[i].name != NULL; i++)
		if ((k[0] | 0x20) == (event_keys[i].name[0] | 0x20) &&
		    text_eq_ci(k, kl, event_keys[i].name))
			return event_keys[i].key;
	return K_NONE;
}

static void
event_end(struct text_ctx *ctx)
{
	if (ctx->passing) {
		ctx->passing = ctx->pass_fast = 0;
		ctx->passed++;
		ctx->date_text[0] = '\0';
		text_mark(ctx, (ctx->sub & EV_WEVTUTIL) ? TF_WEVTUTIL_TEXT :
		    TF_EVENT_TEXT);
		return;
	}
	if (ctx->date_text[0] != '\0') {
		/* "Date:" and "Time:" on lines of their own (Windows 2003). */
		text_time_set(ctx, ctx->date_text, strlen(ctx->date_text));
		ctx->date_text[0] = '\0';
	}
	set_message(ctx);
	text_emit(ctx, (ctx->sub & EV_WEVTUTIL) ? TF_WEVTUTIL_TEXT :
	    TF_EVENT_TEXT);
}

static int
is_wevtutil_head(const char *c, size_t cl)
{
	size_t i = 6;
	if (cl < 9 || !text_prefix_ci(c, cl, "Event["))
		return 0;
	while (i < cl && c[i] >= '0' && c[i] <= '9')
		i++;
	return i > 6 && i + 1 < cl + 1 && c[i] == ']' && i + 1 < cl &&
	    c[i + 1] == ':';
}

/* "Event ID: 12289" on its own starts an event too (articles). */
static int
event_id_line(const char *c, size_t cl)
{
	const char *k, *v;
	size_t kl, vl;
	int ok;

	if (cl < 10 || !text_prefix_ci(c, cl, "Event ID") ||
	    !text_kv(c, cl, &k, &kl, &v, &vl) || !text_eq_ci(k, kl, "Event ID"))
		return 0;
	leading_number(v, vl, &ok);
	return ok;
}

static void
event_xml_done(struct text_ctx *ctx)
{
	if (ctx->passing)
		return;
	const char *p = ctx->aux.data;
	const char *e = p ? strstr(p, "</Event>") : NULL;
	const char *b = p ? strstr(p, "<Event") : NULL;

	if (b != NULL && e != NULL && e > b &&
	    text_xml_event(ctx, b, (size_t)(e + 8 - b), 1) != 0) {
		ctx->in->errors++;
		input_note(ctx->in, "line %llu: the Event Xml section could "
		    "not be read", (unsigned long long)ctx->lineno);
	}
}

static enum text_took event_line_1(struct text_ctx *, const char *, size_t);

static enum text_took
event_line(struct text_ctx *ctx, const char *s, size_t len)
{
	enum text_took took = event_line_1(ctx, s, len);

	/* Past its header, an event passed over is passed over fast. */
	ctx->pass_fast = ctx->passing && ctx->state != EV_HEAD;
	return took;
}

static enum text_took
event_line_1(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *k, *v;
	size_t cl, kl, vl;
	int key;

	text_clean(s, len, &c, &cl);
	if (ctx->state == EV_XML) {
		if (text_prefix_ci(c, cl, "Log Name:") ||
		    is_wevtutil_head(c, cl)) {
			event_xml_done(ctx);
			return TOOK_END;
		}
		text_block_add_source(ctx, s, len);
		if (ctx->aux.len + cl < TEXT_BLOCK_MAX) {
			buf_add(&ctx->aux, c, cl);
			buf_addc(&ctx->aux, '\n');
		}
		if (cl >= 8 && c[cl - 1] == '>' &&
		    memmem(c, cl, "</Event>", 8) != NULL) {
			event_xml_done(ctx);
			return TOOK_DONE;
		}
		return TOOK_LINE;
	}
	if (ctx->state == EV_DESC) {
		if (text_prefix_ci(c, cl, "Event Xml:")) {
			ctx->state = EV_XML;
			text_block_add_source(ctx, s, len);
			return TOOK_LINE;
		}
		/*
		 * Where a description ends without a next block: a blank
		 * line after a quoted ("> ") block, a code fence, or two
		 * blank lines in a row (descriptions have single ones).
		 */
		if (cl == 0) {
			if (len == 0 && (ctx->sub & EV_QUOTED))
				return TOOK_END;
			/* cur_key counts the blank lines in a row here. */
			if (++ctx->cur_key >= 1)
				return TOOK_END;
		} else
			ctx->cur_key = -1;
		if (cl >= 3 && memcmp(c, "```", 3) == 0)
			return TOOK_END;
		if (cl > 0 && text_starts_block(ctx, s, len))
			return TOOK_END;
		text_block_add_source(ctx, s, len);
		msg_line(ctx, c, cl);
		return TOOK_LINE;
	}
	if (cl == 0) {
		text_block_add_source(ctx, s, len);
		return TOOK_LINE;
	}
	if (!text_kv(c, cl, &k, &kl, &v, &vl) ||
	    (key = event_key(k, kl)) == K_NONE) {
		if (text_starts_block(ctx, s, len))
			return TOOK_END;
		/* Some other "Key: value" of the header: kept out of the
		 * message; anything else starts the description. */
		if (memchr(c, ':', cl) != NULL && kl > 0 && kl < 32 &&
		    memchr(k, ' ', kl) == NULL) {
			text_block_add_source(ctx, s, len);
			return TOOK_LINE;
		}
		ctx->state = EV_DESC;
		text_block_add_source(ctx, s, len);
		msg_line(ctx, c, cl);
		return TOOK_LINE;
	}
	if (ctx->seen & (1U << key))
		return TOOK_END;	/* the next event, no blank between */
	ctx->seen |= 1U << key;
	if (ctx->passing) {
		/* The header of an event passed over: only where its
		 * description begins matters. */
		if (key == K_DESC || key == K_XML)
			ctx->state = key == K_DESC ? EV_DESC : EV_XML;
		return TOOK_LINE;
	}
	text_block_add_source(ctx, s, len);
	struct vs_record *r = &ctx->rb.rec;
	int ok;
	switch (key) {
	case K_LOG:
		r->channel = dupv(ctx, v, vl);
		break;
	case K_SOURCE:
		r->provider = dupv(ctx, v, vl);
		if (ctx->pass_mark_len > 0 && text_pass_over(ctx, v, vl))
			ctx->passing = 1;	/* no record: only its end */
		break;
	case K_DATE:
		if (vl > 0 && vl < 40 && memchr(v, ':', vl) == NULL) {
			/* A date alone: its time may follow. */
			memcpy(ctx->date_text, v, vl);
			ctx->date_text[vl] = '\0';
		} else if (vl > 0)
			text_time_set(ctx, v, vl);
		break;
	case K_TIME:
		if (ctx->date_text[0] != '\0' && vl > 0 && vl < 40) {
			size_t dl = strlen(ctx->date_text);
			ctx->date_text[dl] = ' ';
			memcpy(ctx->date_text + dl + 1, v, vl);
			ctx->date_text[dl + 1 + vl] = '\0';
		}
		break;
	case K_ID:
		r->event_id = leading_number(v, vl, &ok);
		break;
	case K_TASK:
		if (vl > 0)
			text_add_field(ctx, "task", v, vl);
		break;
	case K_LEVEL:
		set_level(ctx, v, vl);
		break;
	case K_KEYWORDS:
		if (vl > 0)
			text_add_field(ctx, "keywords", v, vl);
		break;
	case K_USER:
		r->user_sid = dupv(ctx, v, vl);
		break;
	case K_USERNAME:
		if (vl > 0)
			text_add_field(ctx, "user_name", v, vl);
		break;
	case K_COMPUTER:
		r->computer = dupv(ctx, v, vl);
		break;
	case K_OPCODE:
		if (vl > 0)
			text_add_field(ctx, "opcode", v, vl);
		break;
	case K_RECORD:
		if (vl > 0)
			text_add_field(ctx, "record_id", v, vl);
		break;
	case K_DESC:
		ctx->state = EV_DESC;
		if (vl > 0)
			msg_line(ctx, v, vl);
		break;
	case K_XML:
		ctx->state = EV_XML;
		break;
	}
	return TOOK_LINE;
}

/* ---- CSV and tab-delimited exports ---- */

enum { C_OTHER, C_LEVEL, C_DATE, C_SOURCE, C_ID, C_TASK, C_DESC };

static int
csv_header(struct text_ctx *ctx, const char *c, size_t cl)
{
	char d;
	size_t i = 0;

	if (text_prefix_ci(c, cl, "Level,"))
		d = ',';
	else if (text_prefix_ci(c, cl, "Level\t"))
		d = '\t';
	else
		return 0;
	if (memmem(c, cl, "Event ID", 8) == NULL ||
	    memmem(c, cl, "Source", 6) == NULL)
		return 0;
	if (ctx->probe)
		return 1;
	ctx->delim = d;
	ctx->ncols = 0;
	while (i <= cl && ctx->ncols < TEXT_COLS_MAX - 1) {
		const char *f = c + i, *e = memchr(f, d, cl - i);
		size_t fl;
		int role = C_OTHER;
		if (e == NULL)
			e = c + cl;
		fl = (size_t)(e - f);
		if (fl >= 2 && f[0] == '"' && f[fl - 1] == '"') {
			f++;
			fl -= 2;
		}
		if (text_eq_ci(f, fl, "Level"))
			role = C_LEVEL;
		else if (text_eq_ci(f, fl, "Date and Time"))
			role = C_DATE;
		else if (text_eq_ci(f, fl, "Source"))
			role = C_SOURCE;
		else if (text_eq_ci(f, fl, "Event ID"))
			role = C_ID;
		else if (text_eq_ci(f, fl, "Task Category"))
			role = C_TASK;
		else if (text_eq_ci(f, fl, "Description") ||
		    text_eq_ci(f, fl, "Message") || fl == 0)
			role = C_DESC;
		ctx->col_role[ctx->ncols++] = role;
		i = (size_t)(e - c) + 1;
	}
	/* The description column has no header of its own. */
	ctx->col_role[ctx->ncols] = C_DESC;
	return 1;
}

static void
csv_field(struct text_ctx *ctx, int role, const char *f, size_t fl)
{
	struct vs_record *r = &ctx->rb.rec;
	int ok;

	switch (role) {
	case C_LEVEL:
		set_level(ctx, f, fl);
		break;
	case C_DATE:
		text_time_set(ctx, f, fl);
		break;
	case C_SOURCE:
		r->provider = dupv(ctx, f, fl);
		break;
	case C_ID:
		r->event_id = leading_number(f, fl, &ok);
		break;
	case C_TASK:
		if (fl > 0)
			text_add_field(ctx, "task", f, fl);
		break;
	case C_DESC:
		if (r->message == NULL && fl > 0) {
			size_t n = text_trim_end(f, fl);
			r->message = record_builder_strndup(&ctx->rb, f, n);
		}
		break;
	}
}

/* Splits the gathered row (in aux) into fields, quotes undone. */
static void
csv_row(struct text_ctx *ctx)
{
	const char *p = ctx->aux.data, *end = p + ctx->aux.len;
	struct buf *val = &ctx->msg;
	int col = 0;

	while (p <= end && col <= ctx->ncols) {
		buf_reset(val);
		if (p < end && *p == '"') {
			p++;
			while (p < end) {
				const char *q = memchr(p, '"',
				    (size_t)(end - p));
				if (q == NULL) {
					buf_add(val, p, (size_t)(end - p));
					p = end;
					break;
				}
				buf_add(val, p, (size_t)(q - p));
				p = q + 1;
				/* A doubled quote is a quote. */
				if (p < end && *p == '"') {
					buf_addc(val, '"');
					p++;
					continue;
				}
				break;
			}
			while (p < end && *p != ctx->delim)
				p++;
		} else {
			const char *e = memchr(p, ctx->delim,
			    (size_t)(end - p));
			if (e == NULL)
				e = end;
			buf_add(val, p, (size_t)(e - p));
			p = e;
		}
		csv_field(ctx, ctx->col_role[col], val->data ? val->data : "",
		    val->len);
		col++;
		p++;
	}
}

/* --prefilter: a whole row whose source column names a provider no
 * rule reads. */
static int
csv_pass_over(struct text_ctx *ctx)
{
	const char *p = ctx->aux.data, *end = p + ctx->aux.len;
	int col = 0;

	if (!ctx->ing->prefilter)
		return 0;
	while (col < ctx->ncols && ctx->col_role[col] != C_SOURCE)
		col++;
	if (col == ctx->ncols)
		return 0;
	/* Skip to that field; a quoted one before it: read the row. */
	for (int i = 0; i < col; i++) {
		if (p >= end || *p == '"')
			return 0;
		const char *d = memchr(p, ctx->delim, (size_t)(end - p));
		if (d == NULL)
			return 0;
		p = d + 1;
	}
	if (p >= end || *p == '"')
		return 0;
	const char *d = memchr(p, ctx->delim, (size_t)(end - p));
	return text_pass_over(ctx, p, (size_t)((d != NULL ? d : end) - p));
}

/* Does the line begin like a row: a level, then a date? */
static int
csv_row_start(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *d1 = memchr(s, ctx->delim, len), *d2, *f;
	int64_t t;
	enum vs_time_zone tz;
	enum text_dateorder keep = ctx->dateorder;
	int r;

	if (d1 == NULL || ctx->col_role[0] != C_LEVEL ||
	    text_level_parse(s, (size_t)(d1 - s)) < 0)
		return 0;
	f = d1 + 1;
	d2 = memchr(f, ctx->delim, (size_t)(s + len - f));
	if (d2 == NULL)
		return 0;
	r = text_time_parse(ctx, f, (size_t)(d2 - f), &t, &tz) == 0;
	ctx->dateorder = keep;
	return r;
}

static enum text_took
csv_line(struct text_ctx *ctx, const char *s, size_t len)
{
	size_t quotes = 0;

	if (ctx->aux.len == 0) {
		size_t delims = 0;
		int inq = 0;
		if (len == 0)
			return TOOK_END;
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '"')
				inq = !inq;
			else if (s[i] == ctx->delim && !inq)
				delims++;
		}
		if (delims + 1 < (size_t)ctx->ncols)
			return TOOK_END;
		text_block_restart(ctx, VS_KIND_EVENT);
		ctx->state = 0;
	} else if (csv_row_start(ctx, s, len)) {
		/* A quote never closed: the row ends where the next begins. */
		input_note(ctx->in, "line %llu: a quoted description is not "
		    "closed", (unsigned long long)ctx->block_first);
		csv_row(ctx);
		text_emit(ctx, TF_EVENT_CSV);
		buf_reset(&ctx->aux);
		text_block_restart(ctx, VS_KIND_EVENT);
		ctx->state = 0;
	} else
		buf_addc(&ctx->aux, '\n');
	text_block_add_source(ctx, s, len);
	if (ctx->aux.len + len < TEXT_BLOCK_MAX)
		buf_add(&ctx->aux, s, len);
	for (size_t i = 0; i < len; i++)
		quotes += s[i] == '"';
	ctx->state ^= (int)(quotes & 1);
	if (ctx->state)		/* inside a quoted description */
		return TOOK_LINE;
	if (csv_pass_over(ctx))
		ctx->passed++;
	else {
		csv_row(ctx);
		text_emit(ctx, TF_EVENT_CSV);
	}
	buf_reset(&ctx->aux);
	return TOOK_LINE;
}

static void
csv_end(struct text_ctx *ctx)
{
	if (ctx->aux.len > 0) {
		input_note(ctx->in, "line %llu: a quoted description is not "
		    "closed", (unsigned long long)ctx->block_first);
		csv_row(ctx);
		text_emit(ctx, TF_EVENT_CSV);
	}
}

/* ---- PowerShell Format-List ---- */

enum {
	P_OTHER, P_TIME, P_PROVIDER, P_ID, P_INSTANCE, P_MESSAGE, P_LEVEL,
	P_LEVELNUM, P_COMPUTER, P_CHANNEL, P_USER, P_RECORD, P_QUALIFIERS,
	P_TASK, P_STRINGS
};

static const struct {
	const char	*name;
	int		 role;
	int		 starts;	/* may open a list */
} ps_keys[] = {
	{ "TimeCreated", P_TIME, 1 }, { "TimeGenerated", P_TIME, 1 },
	{ "ProviderName", P_PROVIDER, 1 }, { "Source", P_PROVIDER, 0 },
	{ "Id", P_ID, 1 }, { "EventID", P_ID, 1 },
	{ "InstanceId", P_INSTANCE, 1 }, { "Message", P_MESSAGE, 1 },
	{ "LevelDisplayName", P_LEVEL, 1 }, { "EntryType", P_LEVEL, 1 },
	{ "Level", P_LEVELNUM, 0 }, { "MachineName", P_COMPUTER, 1 },
	{ "LogName", P_CHANNEL, 1 }, { "UserId", P_USER, 0 },
	{ "UserName", P_USER, 0 }, { "RecordId", P_RECORD, 1 },
	{ "Index", P_RECORD, 1 }, { "Qualifiers", P_QUALIFIERS, 0 },
	{ "TaskDisplayName", P_TASK, 0 },
	{ "ReplacementStrings", P_STRINGS, 0 }, { NULL, 0, 0 }
};

/* "Key<spaces>: value" with the key one word: the key's table index, -2
 * for another such key, -1 when the line has another shape. */
static int
ps_key(const char *s, size_t len, size_t *vstart)
{
	size_t i = 0, k;

	while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z')))
		i++;
	k = i;
	if (k == 0 || i >= len || s[i] != ' ')
		return -1;
	while (i < len && s[i] == ' ')
		i++;
	if (i >= len || s[i] != ':' || (i + 1 < len && s[i + 1] != ' '))
		return -1;
	*vstart = i + 1 < len ? i + 2 : len;
	for (int j = 0; ps_keys[j].name != NULL; j++)
		if (text_eq_ci(s, k, ps_keys[j].name))
			return j;
	return -2;
}

/* Puts the finished value (in msg) where its key says. */
static void
ps_commit(struct text_ctx *ctx)
{
	struct vs_record *r = &ctx->rb.rec;
	const char *v = ctx->msg.data ? ctx->msg.data : "";
	size_t vl = text_trim_end(v, ctx->msg.len);
	int ok;
	uint32_t n;

	switch (ctx->cur_key < 0 ? P_OTHER : ps_keys[ctx->cur_key].role) {
	case P_TIME:
		if (vl > 0)
			text_time_set(ctx, v, vl);
		break;
	case P_PROVIDER:
		if (r->provider == NULL)
			r->provider = dupv(ctx, v, vl);
		break;
	case P_ID:
		r->event_id = leading_number(v, vl, &ok);
		break;
	case P_INSTANCE:
		/* Get-EventLog: qualifiers in the high half. */
		n = leading_number(v, vl, &ok);
		if (ok && r->event_id == 0) {
			r->event_id = n & 0xffff;
			r->qualifiers = (uint16_t)(n >> 16);
			r->flags |= VS_REC_HAS_QUALIFIERS;
		}
		break;
	case P_MESSAGE:
		if (vl > 0)
			r->message = record_builder_strndup(&ctx->rb, v, vl);
		break;
	case P_LEVEL:
		set_level(ctx, v, vl);
		break;
	case P_LEVELNUM:
		n = leading_number(v, vl, &ok);
		if (ok && n <= 5 && r->level == 0)
			r->level = (int)n;
		break;
	case P_COMPUTER:
		r->computer = dupv(ctx, v, vl);
		break;
	case P_CHANNEL:
		r->channel = dupv(ctx, v, vl);
		break;
	case P_USER:
		r->user_sid = dupv(ctx, v, vl);
		break;
	case P_RECORD:
		if (vl > 0)
			text_add_field(ctx, "record_id", v, vl);
		break;
	case P_QUALIFIERS:
		n = leading_number(v, vl, &ok);
		if (ok && vl > 0) {
			r->qualifiers = (uint16_t)n;
			r->flags |= VS_REC_HAS_QUALIFIERS;
		}
		break;
	case P_TASK:
		if (vl > 0)
			text_add_field(ctx, "task", v, vl);
		break;
	case P_STRINGS:
		/* "{a, b}": PowerShell's way to print a list. */
		if (vl >= 2 && v[0] == '{' && v[vl - 1] == '}') {
			const char *p = v + 1, *end = v + vl - 1, *c;
			while (p < end) {
				c = memmem(p, (size_t)(end - p), ", ", 2);
				if (c == NULL)
					c = end;
				record_builder_add_string(&ctx->rb, p,
				    (size_t)(c - p));
				p = c < end ? c + 2 : end;
			}
		}
		break;
	}
	ctx->cur_key = -1;
	buf_reset(&ctx->msg);
}

static void
ps_list_end(struct text_ctx *ctx)
{
	ps_commit(ctx);
	if (ctx->seen != 0)
		text_emit(ctx, TF_PS_LIST);
}

static enum text_took
ps_list_line(struct text_ctx *ctx, const char *s, size_t len)
{
	size_t vs;
	int j;

	if (len == 0) {
		ctx->state = 1;		/* maybe the next event */
		return TOOK_LINE;
	}
	j = ps_key(s, len, &vs);
	if (j == -1) {
		/* A wrapped value goes on indented. */
		if (s[0] == ' ' && ctx->cur_key != -1) {
			const char *c = text_skip_ws(s, s + len);
			if (ctx->msg.len + len < TEXT_BLOCK_MAX) {
				buf_add(&ctx->msg, ctx->state ? "\n\n" : "\n",
				    ctx->state ? 2 : 1);
				buf_add(&ctx->msg, c, (size_t)(s + len - c));
			}
			ctx->state = 0;
			text_block_add_source(ctx, s, len);
			return TOOK_LINE;
		}
		return TOOK_END;
	}
	ps_commit(ctx);
	if (j >= 0) {
		unsigned bit = 1U << ps_keys[j].role;
		if (ctx->seen & bit) {
			/* The same key again: the next event. */
			text_emit(ctx, TF_PS_LIST);
			text_block_restart(ctx, VS_KIND_EVENT);
			ctx->seen = 0;
		}
		ctx->seen |= bit;
	}
	ctx->state = 0;
	ctx->cur_key = j;
	text_block_add_source(ctx, s, len);
	buf_add(&ctx->msg, s + vs, len - vs);
	return TOOK_LINE;
}

/* ---- PowerShell tables ---- */

enum { T_OTHER, T_TIME, T_ID, T_LEVEL, T_MESSAGE, T_PROVIDER, T_INSTANCE };

static int
table_role(const char *w, size_t wl)
{
	if (text_eq_ci(w, wl, "TimeCreated") || text_eq_ci(w, wl, "Time") ||
	    text_eq_ci(w, wl, "TimeGenerated"))
		return T_TIME;
	if (text_eq_ci(w, wl, "Id") || text_eq_ci(w, wl, "EventID"))
		return T_ID;
	if (text_eq_ci(w, wl, "LevelDisplayName") ||
	    text_eq_ci(w, wl, "EntryType"))
		return T_LEVEL;
	if (text_eq_ci(w, wl, "Message"))
		return T_MESSAGE;
	if (text_eq_ci(w, wl, "ProviderName") || text_eq_ci(w, wl, "Source"))
		return T_PROVIDER;
	if (text_eq_ci(w, wl, "InstanceID"))
		return T_INSTANCE;
	return T_OTHER;
}

static int
table_header(const char *s, size_t len)
{
	int roles = 0;
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *w;
		p = text_skip_ws(p, end);
		w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (p > w)
			roles |= 1 << table_role(w, (size_t)(p - w));
	}
	return (roles & (1 << T_MESSAGE)) &&
	    ((roles & (1 << T_ID)) || (roles & (1 << T_INSTANCE))) &&
	    ((roles & (1 << T_TIME)) || (roles & (1 << T_LEVEL)));
}

static void
table_row(struct text_ctx *ctx, const char *s, size_t len)
{
	struct vs_record *r = &ctx->rb.rec;
	size_t from[TEXT_COLS_MAX], to[TEXT_COLS_MAX];
	size_t i = 0, msgcol = (size_t)ctx->ncols;
	int ok;

	for (int c = 0; c < ctx->ncols; c++) {
		from[c] = to[c] = SIZE_MAX;
		if (ctx->col_role[c] == T_MESSAGE &&
		    msgcol == (size_t)ctx->ncols)
			msgcol = (size_t)c;
	}
	/* Each word to the column under whose dashes it lies, or else to
	 * the column on its left (left-aligned values run past them). */
	while (i < len) {
		size_t ws, we;
		int col = -1;
		while (i < len && s[i] == ' ')
			i++;
		ws = i;
		while (i < len && s[i] != ' ')
			i++;
		we = i;
		if (we == ws)
			break;
		for (int c = 0; c < ctx->ncols; c++) {
			if (ws < ctx->col_end[c] && we > ctx->col_start[c]) {
				col = c;
				break;
			}
			if (ctx->col_start[c] <= ws)
				col = c;
		}
		if (col < 0)
			col = 0;
		if ((size_t)col == msgcol) {
			from[col] = ws;
			to[col] = len;
			break;
		}
		if (from[col] == SIZE_MAX)
			from[col] = ws;
		to[col] = we;
	}
	for (int c = 0; c < ctx->ncols; c++) {
		const char *v;
		size_t vl;
		if (from[c] == SIZE_MAX)
			continue;
		v = s + from[c];
		vl = to[c] - from[c];
		switch (ctx->col_role[c]) {
		case T_TIME: {
			int64_t t;
			enum vs_time_zone tz;
			if (text_time_parse(ctx, v, vl, &t, &tz) == 0) {
				r->time = t;
				r->tz = tz;
			}
			break;
		}
		case T_ID:
			r->event_id = leading_number(v, vl, &ok);
			break;
		case T_INSTANCE:
			if (r->event_id == 0) {
				uint32_t n = leading_number(v, vl, &ok);
				r->event_id = n & 0xffff;
			}
			break;
		case T_LEVEL:
			set_level(ctx, v, vl);
			break;
		case T_PROVIDER:
			r->provider = dupv(ctx, v, vl);
			break;
		case T_MESSAGE:
			r->message = record_builder_strndup(&ctx->rb, v, vl);
			break;
		}
	}
	if (r->provider == NULL && ctx->group_provider[0] != '\0')
		r->provider = record_builder_strndup(&ctx->rb,
		    ctx->group_provider, strlen(ctx->group_provider));
}

static enum text_took
table_line(struct text_ctx *ctx, const char *s, size_t len)
{
	if (ctx->state == 0) {
		/* The dashes under the header give the columns. */
		const char *h = ctx->aux.data;
		size_t hl = ctx->aux.len, i = 0;
		int dashes = 0;
		for (size_t k = 0; k < len; k++) {
			if (s[k] == '-')
				dashes++;
			else if (s[k] != ' ')
				return TOOK_END;
		}
		if (dashes == 0)
			return TOOK_END;
		ctx->ncols = 0;
		while (i < len && ctx->ncols < TEXT_COLS_MAX) {
			size_t st, en, ws, we;
			while (i < len && s[i] == ' ')
				i++;
			st = i;
			while (i < len && s[i] == '-')
				i++;
			en = i;
			if (en == st)
				break;
			/* The header word over these dashes. */
			ws = st < hl ? st : hl;
			while (ws < hl && h[ws] == ' ')
				ws++;
			we = ws;
			while (we < hl && h[we] != ' ')
				we++;
			ctx->col_start[ctx->ncols] = st;
			ctx->col_end[ctx->ncols] = en;
			ctx->col_role[ctx->ncols] = table_role(h + ws, we - ws);
			ctx->ncols++;
		}
		ctx->state = 1;
		text_block_add_source(ctx, s, len);
		return TOOK_LINE;
	}
	if (len == 0)
		return TOOK_END;
	text_block_restart(ctx, VS_KIND_EVENT);
	text_block_add_source(ctx, s, len);
	table_row(ctx, s, len);
	text_emit(ctx, TF_PS_TABLE);
	return TOOK_LINE;
}

static void
table_end(struct text_ctx *ctx)
{
	if (ctx->state == 0)
		ctx->in->unrecognised_lines++;	/* a header, no table */
}

/* ---- detection ---- */

/* What the next event of this export will start with: the line's text
 * up to its colon ("Log Name:"), or "Event[" for wevtutil. */
static void
set_pass_mark(struct text_ctx *ctx, const char *s, size_t len, int wev)
{
	const char *colon = memchr(s, wev ? '[' : ':', len);
	size_t n = colon != NULL ? (size_t)(colon - s) + 1 : 0;

	ctx->passing = ctx->pass_fast = 0;
	ctx->pass_mark_len = 0;
	if (!ctx->ing->prefilter || n == 0 || n > sizeof ctx->pass_mark)
		return;
	memcpy(ctx->pass_mark, s, n);
	ctx->pass_mark_len = n;
}

int
text_event_try(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c;
	size_t cl, vs;
	int j;

	text_clean(s, len, &c, &cl);
	if (cl == 0)
		return 0;
	/* Most lines start none of these: decide on the first letter. */
	switch (c[0]) {
	case 'L': case 'l': case 'E': case 'e': case 'N': case 'n':
		break;
	case 'P':
		if (text_prefix_ci(c, cl, "Protokollname:"))
			break;
		goto other;
	case 'T': case 'I':
		goto other;	/* maybe a table header */
	default:
		if (memchr(c, ':', cl) == NULL)
			return 0;
		goto other;
	}
	if (text_prefix_ci(c, cl, "Log Name:") || is_wevtutil_head(c, cl) ||
	    text_prefix_ci(c, cl, "Protokollname:") ||
	    text_prefix_ci(c, cl, "Nom du journal :") ||
	    text_prefix_ci(c, cl, "Event Type:") || event_id_line(c, cl)) {
		if (ctx->probe)
			return 1;
		int wev = is_wevtutil_head(c, cl);
		const char *q = text_skip_ws(s, s + len);
		text_block_open(ctx, event_line, event_end, VS_KIND_EVENT);
		set_pass_mark(ctx, s, len, wev);
		ctx->date_text[0] = '\0';
		ctx->sub = (wev ? EV_WEVTUTIL : 0) |
		    (q < s + len && *q == '>' ? EV_QUOTED : 0);
		if (!wev)
			(void)event_line(ctx, s, len);
		else
			text_block_add_source(ctx, s, len);
		return 1;
	}
	if (csv_header(ctx, c, cl)) {
		if (ctx->probe)
			return 1;
		int ncols = ctx->ncols, roles[TEXT_COLS_MAX];
		char d = ctx->delim;
		memcpy(roles, ctx->col_role, sizeof roles);
		text_block_open(ctx, csv_line, csv_end, VS_KIND_EVENT);
		ctx->ncols = ncols;
		ctx->delim = d;
		memcpy(ctx->col_role, roles, sizeof roles);
		text_mark(ctx, TF_EVENT_CSV);
		return 1;
	}
other:
	if ((j = ps_key(s, len, &vs)) >= 0 && ps_keys[j].starts) {
		if (ctx->probe)
			return 1;
		text_block_open(ctx, ps_list_line, ps_list_end, VS_KIND_EVENT);
		(void)ps_list_line(ctx, s, len);
		return 1;
	}
	if (text_prefix_ci(c, cl, "ProviderName:") && len < 160) {
		/* Get-WinEvent groups its table by provider. */
		if (ctx->probe)
			return 1;
		const char *k, *v;
		size_t kl, vl;
		text_kv(c, cl, &k, &kl, &v, &vl);
		if (vl >= sizeof ctx->group_provider)
			vl = sizeof ctx->group_provider - 1;
		memcpy(ctx->group_provider, v, vl);
		ctx->group_provider[vl] = '\0';
		return 1;
	}
	if (len < 400 && memmem(s, len, "Message", 7) != NULL &&
	    table_header(s, len)) {
		if (ctx->probe)
			return 1;
		text_block_open(ctx, table_line, table_end, VS_KIND_EVENT);
		buf_add(&ctx->aux, s, len);
		text_block_add_source(ctx, s, len);
		return 1;
	}
	return 0;
}
