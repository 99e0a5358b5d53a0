/* text-xml.c -- events as XML: one <Event>, several, or an <Events>
 * document (wevtutil qe /f:xml, Event Viewer "Save as XML"). A small
 * forgiving scanner: it reads what it can and never needs the whole
 * document, one event at a time. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "text-int.h"

#define XML_DEPTH_MAX	32
#define XML_ATTRS_MAX	16

struct xml_attr {
	const char	*name;
	size_t		 nlen;
	const char	*value;		/* raw: entities still in */
	size_t		 vlen;
};

enum {
	XE_OTHER, XE_SYSTEM, XE_PROVIDER, XE_TIMECREATED, XE_SECURITY,
	XE_EVENTID, XE_DATA, XE_EVENTDATA, XE_LEVEL, XE_CHANNEL, XE_COMPUTER,
	XE_EVENTRECORDID, XE_TASK, XE_BINARY, XE_RENDERINGINFO, XE_MESSAGE,
	XE_USERDATA
};

static const char *xe_names[] = {
	NULL, "System", "Provider", "TimeCreated", "Security", "EventID",
	"Data", "EventData", "Level", "Channel", "Computer", "EventRecordID",
	"Task", "Binary", "RenderingInfo", "Message", "UserData"
};

struct xml_elem {
	const char	*name;
	size_t		 len;
	int		 children;
	int		 id;		/* XE_* */
};

/* Name without a namespace prefix. */
static int
name_is(const char *n, size_t len, const char *want)
{
	const char *colon = memchr(n, ':', len);
	if (colon != NULL) {
		len -= (size_t)(colon + 1 - n);
		n = colon + 1;
	}
	for (size_t i = 0; i < len; i++)
		if (want[i] != n[i])	/* also stops at want's end */
			return 0;
	return want[len] == '\0';
}

/* The element names the scanner acts on, known once at the tag. */
static int
elem_id(const char *n, size_t len)
{
	/* Without a namespace prefix; then length and first letter
	 * rule out most names before any comparison. */
	for (size_t i = len; i > 0; i--)
		if (n[i - 1] == ':') {
			len -= i;
			n += i;
			break;
		}
	for (size_t i = 1; i < sizeof xe_names / sizeof xe_names[0]; i++) {
		const char *w = xe_names[i];
		if (len > 0 && w[0] == n[0] && strlen(w) == len &&
		    memcmp(w, n, len) == 0)
			return (int)i;
	}
	return XE_OTHER;
}

static void
put_cp(struct buf *b, unsigned long cp)
{
	char o[4];
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		cp = 0xfffd;
	if (cp < 0x80)
		buf_addc(b, (char)cp);
	else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 3);
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 4);
	}
}

/* Appends text with the five entities and character references undone;
 * anything else after '&' is kept as it is. */
static void
unescape(struct buf *b, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *semi;
		size_t el;

		if (amp == NULL) {
			buf_add(b, s, (size_t)(end - s));
			return;
		}
		buf_add(b, s, (size_t)(amp - s));
		semi = memchr(amp, ';', (size_t)(end - amp) < 12 ?
		    (size_t)(end - amp) : 12);
		if (semi == NULL) {
			buf_addc(b, '&');
			s = amp + 1;
			continue;
		}
		el = (size_t)(semi - amp - 1);
		if (el == 2 && memcmp(amp + 1, "lt", 2) == 0)
			buf_addc(b, '<');
		else if (el == 2 && memcmp(amp + 1, "gt", 2) == 0)
			buf_addc(b, '>');
		else if (el == 3 && memcmp(amp + 1, "amp", 3) == 0)
			buf_addc(b, '&');
		else if (el == 4 && memcmp(amp + 1, "quot", 4) == 0)
			buf_addc(b, '"');
		else if (el == 4 && memcmp(amp + 1, "apos", 4) == 0)
			buf_addc(b, '\'');
		else if (el >= 2 && amp[1] == '#') {
			unsigned long cp = 0;
			int hex = amp[2] == 'x' || amp[2] == 'X', ok = 1;
			for (const char *q = amp + 2 + hex; q < semi; q++) {
				int d;
				if (*q >= '0' && *q <= '9')
					d = *q - '0';
				else if (hex && *q >= 'a' && *q <= 'f')
					d = *q - 'a' + 10;
				else if (hex && *q >= 'A' && *q <= 'F')
					d = *q - 'A' + 10;
				else {
					ok = 0;
					break;
				}
				cp = cp * (hex ? 16 : 10) + (unsigned)d;
				if (cp > 0x10ffff)
					cp = 0x110000;
			}
			if (!ok || semi == amp + 2 + hex) {
				buf_add(b, amp, (size_t)(semi + 1 - amp));
				s = semi + 1;
				continue;
			}
			put_cp(b, cp);
		} else {
			buf_add(b, amp, (size_t)(semi + 1 - amp));
		}
		s = semi + 1;
	}
}

static const struct xml_attr *
attr(const struct xml_attr *a, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (name_is(a[i].name, a[i].nlen, name))
			return &a[i];
	return NULL;
}

static const char *
attr_dup(struct text_ctx *ctx, const struct xml_attr *a, struct buf *tmp)
{
	buf_reset(tmp);
	unescape(tmp, a->value, a->vlen);
	return record_builder_strndup(&ctx->rb, tmp->data ? tmp->data : "",
	    tmp->len);
}

struct xml_walk {
	struct text_ctx	*ctx;
	int		 keep_message;
	struct xml_elem	 stack[XML_DEPTH_MAX];
	int		 depth;
	struct buf	 text;		/* the element's text */
	struct buf	 tmp;
	struct buf	 data_name;	/* Name= of the open <Data> */
	int		 data_named;
	int		 found;
};

static int
in(const struct xml_walk *w, int up, int id)
{
	int i = w->depth - 1 - up;
	return i >= 0 && w->stack[i].id == id;
}

static int
under(const struct xml_walk *w, int id)
{
	for (int i = 0; i < w->depth; i++)
		if (w->stack[i].id == id)
			return 1;
	return 0;
}

/* An element opens; w->stack holds it already. */
static void
elem_open(struct xml_walk *w, const struct xml_attr *a, int na)
{
	struct text_ctx *ctx = w->ctx;
	struct vs_record *r = &ctx->rb.rec;
	const struct xml_attr *x;

	if (in(w, 1, XE_SYSTEM)) {
		if (in(w, 0, XE_PROVIDER)) {
			if ((x = attr(a, na, "Name")) == NULL)
				x = attr(a, na, "EventSourceName");
			if (x != NULL && x->vlen > 0 && r->provider == NULL)
				r->provider = attr_dup(ctx, x, &w->tmp);
			if ((x = attr(a, na, "Guid")) != NULL && x->vlen > 0)
				record_builder_add_field(&ctx->rb,
				    "provider_guid",
				    x->value, x->vlen);
			w->found = 1;
		} else if (in(w, 0, XE_TIMECREATED)) {
			if ((x = attr(a, na, "SystemTime")) != NULL) {
				int64_t t;
				enum vs_time_zone tz;
				if (text_time_parse(ctx, x->value, x->vlen, &t,
				    &tz) == 0) {
					r->time = t;
					r->tz = tz;
				}
			}
		} else if (in(w, 0, XE_SECURITY)) {
			if ((x = attr(a, na, "UserID")) != NULL && x->vlen > 0)
				r->user_sid = attr_dup(ctx, x, &w->tmp);
		} else if (in(w, 0, XE_EVENTID)) {
			if ((x = attr(a, na, "Qualifiers")) != NULL &&
			    x->vlen > 0) {
				unsigned long q = strtoul(attr_dup(ctx, x,
				    &w->tmp), NULL, 10);
				r->qualifiers = (uint16_t)q;
				r->flags |= VS_REC_HAS_QUALIFIERS;
			}
		}
	} else if (in(w, 0, XE_DATA) && in(w, 1, XE_EVENTDATA)) {
		buf_reset(&w->data_name);
		w->data_named = 0;
		if ((x = attr(a, na, "Name")) != NULL) {
			unescape(&w->data_name, x->value, x->vlen);
			w->data_named = w->data_name.len > 0;
		}
	}
}

/* An element closes, with its text; w->stack still holds it. */
static void
elem_close(struct xml_walk *w)
{
	struct text_ctx *ctx = w->ctx;
	struct vs_record *r = &ctx->rb.rec;
	const char *t = w->text.data ? w->text.data : "";
	size_t tl = w->text.len;
	struct xml_elem *e = &w->stack[w->depth - 1];

	if (in(w, 1, XE_SYSTEM)) {
		const char *s = t, *end = t + tl;
		s = text_skip_ws(s, end);
		tl = text_trim_end(s, (size_t)(end - s));
		if (e->id == XE_EVENTID) {
			r->event_id = (uint32_t)strtoul(s, NULL, 10);
			w->found = 1;
		} else if (e->id == XE_LEVEL)
			r->level = (int)strtol(s, NULL, 10);
		else if (e->id == XE_CHANNEL && tl > 0)
			r->channel = record_builder_strndup(&ctx->rb, s, tl);
		else if (e->id == XE_COMPUTER && tl > 0)
			r->computer = record_builder_strndup(&ctx->rb, s, tl);
		else if (e->id == XE_EVENTRECORDID && tl > 0)
			record_builder_add_field(&ctx->rb, "record_id", s, tl);
		else if (e->id == XE_TASK && tl > 0)
			record_builder_add_field(&ctx->rb, "task_number", s,
			    tl);
	} else if (in(w, 1, XE_EVENTDATA)) {
		if (e->id == XE_DATA) {
			if (w->data_named)
				record_builder_add_field(&ctx->rb,
				    w->data_name.data, t, tl);
			record_builder_add_string(&ctx->rb, t, tl);
			w->data_named = 0;
		} else if (e->id == XE_BINARY)
			record_builder_add_field(&ctx->rb, "binary", t, tl);
	} else if (in(w, 1, XE_RENDERINGINFO)) {
		if (e->id == XE_MESSAGE && tl > 0 &&
		    (!w->keep_message || r->message == NULL))
			r->message = record_builder_strndup(&ctx->rb, t, tl);
		else if (e->id == XE_LEVEL && tl > 0)
			record_builder_add_field(&ctx->rb, "level_label", t,
			    tl);
		else if (e->id == XE_TASK && tl > 0)
			record_builder_add_field(&ctx->rb, "task", t, tl);
	} else if (under(w, XE_USERDATA) && !e->children && w->depth >= 4) {
		/* UserData: each leaf is a named value. */
		char name[64];
		const char *n = e->name, *colon = memchr(n, ':', e->len);
		size_t nl = e->len;
		if (colon != NULL) {
			nl -= (size_t)(colon + 1 - n);
			n = colon + 1;
		}
		if (nl >= sizeof name)
			nl = sizeof name - 1;
		memcpy(name, n, nl);
		name[nl] = '\0';
		record_builder_add_field(&ctx->rb, name, t, tl);
		record_builder_add_string(&ctx->rb, t, tl);
	}
}

static int
is_name_char(int c)
{
	return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '>' &&
	    c != '/' && c != '=';
}

int
text_xml_event(struct text_ctx *ctx, const char *s, size_t len,
    int keep_message)
{
	struct xml_walk w;
	const char *p = s, *end = s + len;

	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.keep_message = keep_message;
	/* The context's buffers, reused from event to event. */
	w.text = ctx->xml_text;
	w.tmp = ctx->xml_tmp;
	w.data_name = ctx->xml_name;
	buf_reset(&w.text);
	buf_reset(&w.tmp);
	buf_reset(&w.data_name);
	while (p < end) {
		const char *lt = p, *q;

		/* Text between tags is short: a plain loop beats memchr. */
		while (lt < end && *lt != '<')
			lt++;
		if (w.depth > 0 && w.text.len < TEXT_BLOCK_MAX)
			unescape(&w.text, p, (size_t)(lt - p));
		if (lt == end)
			break;
		p = lt;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = memmem(p, (size_t)(end - p), "-->", 3);
			p = q ? q + 3 : end;
			continue;
		}
		if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			q = memmem(p, (size_t)(end - p), "]]>", 3);
			if (q == NULL)
				q = end;
			if (w.depth > 0)
				buf_add(&w.text, p + 9, (size_t)(q - p - 9));
			p = q < end ? q + 3 : end;
			continue;
		}
		if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			q = memchr(p, '>', (size_t)(end - p));
			p = q ? q + 1 : end;
			continue;
		}
		if (end - p >= 2 && p[1] == '/') {
			const char *n = p + 2, *ne = n;
			while (ne < end && is_name_char((unsigned char)*ne))
				ne++;
			q = memchr(ne, '>', (size_t)(end - ne));
			p = q ? q + 1 : end;
			/* Close up to the matching element, forgiving. */
			for (int i = w.depth - 1; i >= 0; i--) {
				if (w.stack[i].len == (size_t)(ne - n) &&
				    memcmp(w.stack[i].name, n,
				    w.stack[i].len) == 0) {
					while (w.depth > i + 1)
						w.depth--;
					elem_close(&w);
					w.depth--;
					break;
				}
			}
			buf_reset(&w.text);
			continue;
		}
		/* An opening tag and its attributes. */
		struct xml_attr a[XML_ATTRS_MAX];
		int na = 0, selfclose = 0;
		const char *n = p + 1, *ne = n;
		while (ne < end && is_name_char((unsigned char)*ne))
			ne++;
		q = ne;
		while (q < end && *q != '>') {
			const char *an, *ane;
			char quote;
			if (*q == '/' && q + 1 < end && q[1] == '>') {
				selfclose = 1;
				q++;
				break;
			}
			if (!is_name_char((unsigned char)*q)) {
				q++;
				continue;
			}
			an = q;
			while (q < end && is_name_char((unsigned char)*q))
				q++;
			ane = q;
			while (q < end && (*q == ' ' || *q == '\t' ||
			    *q == '\r' || *q == '\n'))
				q++;
			if (q >= end || *q != '=')
				continue;
			q++;
			while (q < end && (*q == ' ' || *q == '\t' ||
			    *q == '\r' || *q == '\n'))
				q++;
			if (q >= end || (*q != '"' && *q != '\''))
				continue;
			quote = *q++;
			const char *vs = q;
			while (q < end && *q != quote)
				q++;
			if (na < XML_ATTRS_MAX) {
				a[na].name = an;
				a[na].nlen = (size_t)(ane - an);
				a[na].value = vs;
				a[na].vlen = (size_t)(q - vs);
				na++;
			}
			if (q < end)
				q++;
		}
		p = q < end ? q + 1 : end;
		if (ne == n)
			continue;
		if (w.depth == XML_DEPTH_MAX)
			break;	/* too deep to be an event */
		if (w.depth > 0)
			w.stack[w.depth - 1].children = 1;
		w.stack[w.depth].name = n;
		w.stack[w.depth].len = (size_t)(ne - n);
		w.stack[w.depth].children = 0;
		w.stack[w.depth].id = elem_id(n, (size_t)(ne - n));
		w.depth++;
		buf_reset(&w.text);
		elem_open(&w, a, na);
		if (selfclose) {
			elem_close(&w);
			w.depth--;
		}
	}
	ctx->xml_text = w.text;
	ctx->xml_tmp = w.tmp;
	ctx->xml_name = w.data_name;
	return w.found ? 0 : -1;
}

/* ---- a block of XML events ---- */

/* "<Event" followed by a blank, '>' or '/': not <Events>, <EventData>. */
static const char *
find_event_open(const char *p, size_t n)
{
	const char *end = p + n;
	while ((p = memmem(p, (size_t)(end - p), "<Event", 6)) != NULL) {
		if (p + 6 >= end)
			return p;	/* may continue on the next line */
		char c = p[6];
		if (c == ' ' || c == '>' || c == '\t' || c == '/' ||
		    c == '\r' ||
		    c == '\n')
			return p;
		p += 6;
	}
	return NULL;
}

/* --prefilter: an <Event> whose <Provider Name="..."> no rule reads. */
static int
xml_pass_over(struct text_ctx *ctx, const char *b, size_t n)
{
	const char *p, *end = b + (n < 2048 ? n : 2048);

	if (!ctx->ing->prefilter ||
	    (p = memmem(b, (size_t)(end - b), "<Provider", 9)) == NULL)
		return 0;
	const char *tag_end = memchr(p, '>', (size_t)(end - p));
	if (tag_end == NULL)
		return 0;
	/* " Name=", not "EventSourceName=". */
	while ((p = memmem(p, (size_t)(tag_end - p), "Name=", 5)) != NULL &&
	    p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n')
		p += 5;
	if (p == NULL || p + 6 >= tag_end || (p[5] != '\'' && p[5] != '"'))
		return 0;
	const char *v = p + 6, *q = memchr(v, p[5], (size_t)(tag_end - v));
	return q != NULL && memchr(v, '&', (size_t)(q - v)) == NULL &&
	    text_pass_over(ctx, v, (size_t)(q - v));
}

/* Reads every whole event held; keeps the unfinished rest. */
static void
xml_drain(struct text_ctx *ctx)
{
	struct buf *a = &ctx->aux;
	size_t off = 0;

	for (;;) {
		const char *d = a->data + off, *b, *e;
		size_t n = a->len - off;
		b = find_event_open(d, n);
		if (b == NULL) {
			off = a->len;
			break;
		}
		e = memmem(b, (size_t)(a->data + a->len - b), "</Event>", 8);
		if (e == NULL) {
			off = (size_t)(b - a->data);
			break;
		}
		e += 8;
		if (xml_pass_over(ctx, b, (size_t)(e - b))) {
			ctx->passed++;
			ctx->sub = 0;
			off = (size_t)(e - a->data);
			continue;
		}
		text_block_restart(ctx, VS_KIND_EVENT);
		ctx->block_first = ctx->sub > 0 ? (uint64_t)ctx->sub :
		    ctx->lineno;
		ctx->rb.rec.source_text = record_builder_strndup(&ctx->rb, b,
		    (size_t)(e - b));
		if (text_xml_event(ctx, b, (size_t)(e - b), 0) == 0)
			text_emit(ctx, TF_EVENT_XML);
		else {
			ctx->in->errors++;
			input_note(ctx->in, "line %llu: an <Event> without "
			    "provider or event id", (unsigned long long)
			    ctx->block_first);
		}
		ctx->sub = 0;
		off = (size_t)(e - a->data);
		if (ctx->stop)
			break;
	}
	/* Keep only the unfinished event. */
	memmove(a->data, a->data + off, a->len - off);
	a->len -= off;
	if (a->len > 0 && find_event_open(a->data, a->len) == NULL &&
	    memchr(a->data, '<', a->len) == NULL)
		a->len = 0;
}

static enum text_took
xml_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c;
	size_t cl;
	int pending = ctx->aux.len > 0 &&
	    find_event_open(ctx->aux.data, ctx->aux.len) != NULL;

	text_clean(s, len, &c, &cl);
	/* Between events, a line that is not markup ends the block. */
	if (!pending && cl > 0 && c[0] != '<')
		return TOOK_END;
	if (!pending && cl == 0)
		return TOOK_END;
	if (ctx->aux.len + cl + 1 > TEXT_BLOCK_MAX) {
		ctx->in->errors++;
		input_note(ctx->in, "line %llu: an <Event> longer than %d "
		    "bytes was skipped", (unsigned long long)ctx->lineno,
		    TEXT_BLOCK_MAX);
		buf_reset(&ctx->aux);
		ctx->sub = 0;
		return TOOK_LINE;
	}
	if (ctx->sub == 0 && find_event_open(c, cl) != NULL)
		ctx->sub = (int)(ctx->lineno > 0x7fffffff ? 0 : ctx->lineno);
	buf_add(&ctx->aux, c, cl);
	buf_addc(&ctx->aux, '\n');
	xml_drain(ctx);
	if (memmem(c, cl, "</Events>", 9) != NULL)
		return TOOK_DONE;
	return TOOK_LINE;
}

static void
xml_end(struct text_ctx *ctx)
{
	if (ctx->aux.len > 0 && find_event_open(ctx->aux.data,
	    ctx->aux.len) != NULL) {
		ctx->in->errors++;
		input_note(ctx->in, "line %llu: the last <Event> is not closed",
		    (unsigned long long)ctx->lineno);
	}
}

int
text_xml_try(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c;
	size_t cl;

	text_clean(s, len, &c, &cl);
	if (cl < 6 || c[0] != '<')
		return 0;
	if (!text_prefix_ci(c, cl, "<?xml") &&
	    !text_prefix_ci(c, cl, "<Events") &&
	    find_event_open(c, cl < 7 ? cl : 7) != c)
		return 0;
	if (ctx->probe)
		return 1;
	text_block_open(ctx, xml_line, xml_end, VS_KIND_EVENT);
	text_mark(ctx, TF_EVENT_XML);
	(void)xml_line(ctx, s, len);
	return 1;
}
