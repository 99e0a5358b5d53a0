/* text.c -- pasted and exported text: decoding, lines, and handing each
 * line to the block it belongs to. The formats live in text-*.c. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "ingest.h"
#include "text-int.h"
#include "xmalloc.h"

/* Bytes read from a file at once; memory stays near this whatever the size. */
#define TEXT_PIECE	(1024 * 1024)

static const char *format_names[TF_COUNT] = {
	"event-text", "event-xml", "event-csv", "wevtutil-text",
	"powershell-list", "powershell-table", "vssadmin-writers",
	"vssadmin-providers", "vssadmin-shadowstorage", "vssadmin-shadows",
	"diskshadow", "dpm-errlog", "dpm-alert", "message-text", "text"
};

enum text_enc { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

/* The reader: turns bytes into UTF-8 lines. */
struct text_reader {
	struct text_ctx	*ctx;
	enum text_enc	 enc;
	int		 started;	/* BOM looked at */
	unsigned char	 pend[4];	/* an unfinished UTF-16 unit */
	size_t		 npend;
	uint32_t	 high;		/* an unpaired high surrogate */
	struct buf	 utf8;		/* UTF-16 converted */
	struct buf	 carry;		/* a line cut by the piece */
	size_t		 carry_full;	/* its real length */
	struct buf	 scratch;	/* a line with NUL bytes removed */
	uint64_t	 nuls;
	int		 piece_nul;	/* the piece holds a NUL byte */
	int		 cont;		/* next part, same line */
	int		 dropping;	/* past the cap of a long line */
	int		 skip_noted;
	uint64_t	 long_lines;
	int		 slow;		/* 1: read the next line whole */
};

/* ---- small helpers used by every format ---- */

const char *
text_skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

size_t
text_trim_end(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	return len;
}

void
text_clean(const char *s, size_t len, const char **out, size_t *olen)
{
	const char *end = s + len;

	s = text_skip_ws(s, end);
	/* Quoted the way articles and mail quote: "> " possibly nested. */
	while (s < end && *s == '>') {
		s++;
		s = text_skip_ws(s, end);
	}
	/* Non-breaking spaces pasted from a web page, or its source. */
	for (;;) {
		if (end - s >= 2 && (unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)
			s = text_skip_ws(s + 2, end);
		else if (end - s >= 6 && memcmp(s, "&nbsp;", 6) == 0)
			s = text_skip_ws(s + 6, end);
		else
			break;
	}
	*out = s;
	*olen = text_trim_end(s, (size_t)(end - s));
}

int
text_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t i;
	for (i = 0; prefix[i] != '\0'; i++) {
		int a, b;
		if (i >= len)
			return 0;
		a = (unsigned char)s[i];
		b = (unsigned char)prefix[i];
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return 1;
}

int
text_eq_ci(const char *s, size_t len, const char *word)
{
	size_t i;
	for (i = 0; i < len; i++) {
		int a = (unsigned char)s[i], b = (unsigned char)word[i];
		if (b == '\0')
			return 0;
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return word[i] == '\0';
}

int
text_kv(const char *s, size_t len, const char **k, size_t *klen,
    const char **v, size_t *vlen)
{
	const char *end = s + len, *colon = memchr(s, ':', len);
	const char *ks;

	if (colon == NULL)
		return 0;
	ks = text_skip_ws(s, colon);
	*k = ks;
	*klen = text_trim_end(ks, (size_t)(colon - ks));
	*v = text_skip_ws(colon + 1, end);
	*vlen = text_trim_end(*v, (size_t)(end - *v));
	return 1;
}

static int
ishex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
guid_at(const char *s, size_t len)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t i = 1;

	if (len < 38 || s[0] != '{' || s[37] != '}')
		return 0;
	for (int g = 0; g < 5; g++) {
		for (int k = 0; k < groups[g]; k++)
			if (!ishex((unsigned char)s[i++]))
				return 0;
		if (g < 4 && s[i++] != '-')
			return 0;
	}
	return 1;
}

int
text_is_guid(const char *s, size_t len)
{
	return len == 38 && guid_at(s, len);
}

long
text_find_guid(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while ((p = memchr(p, '{', (size_t)(end - p))) != NULL) {
		if (guid_at(p, (size_t)(end - p)))
			return (long)(p - s);
		p++;
	}
	return -1;
}

void
text_add_field(struct text_ctx *ctx, const char *name, const char *v,
    size_t vlen)
{
	record_builder_add_field(&ctx->rb, name, v, vlen);
}

/* ---- blocks and records ---- */

/* The input's format so far, kept current so that records handed out
 * before the end (--dump) already name it. */
static void
set_input_format(struct text_ctx *ctx)
{
	unsigned f = ctx->formats;
	int n = 0, last = TF_TEXT;

	/* Lines nobody understood do not make an input "mixed". */
	if (f & ~(1U << TF_TEXT))
		f &= ~(1U << TF_TEXT);
	for (int i = 0; i < TF_COUNT; i++)
		if (f & (1U << i)) {
			n++;
			last = i;
		}
	snprintf(ctx->in->format, sizeof ctx->in->format, "%s",
	    n > 1 ? "mixed" : format_names[last]);
}

void
text_mark(struct text_ctx *ctx, enum text_format f)
{
	if (ctx->formats & (1U << f))
		return;
	ctx->formats |= 1U << f;
	set_input_format(ctx);
}

/* Unrecognised lines waiting: out they go, before anything after them. */
static void
flush_paragraph(struct text_ctx *ctx)
{
	if (ctx->para_lines == 0)
		return;
	text_misc_paragraph(ctx);
	buf_reset(&ctx->para);
	ctx->para_lines = 0;
}

void
text_block_open(struct text_ctx *ctx, text_line_cb line, text_end_cb end,
    enum vs_kind kind)
{
	flush_paragraph(ctx);
	record_builder_reset(&ctx->rb, kind, ctx->input);
	buf_reset(&ctx->source);
	buf_reset(&ctx->msg);
	buf_reset(&ctx->aux);
	ctx->source_cut = 0;
	ctx->state = ctx->sub = 0;
	ctx->seen = 0;
	ctx->cur_key = -1;
	ctx->ncols = 0;
	ctx->block_line = line;
	ctx->block_end = end;
	ctx->block_first = ctx->block_last = ctx->lineno;
	ctx->passing = ctx->pass_fast = 0;
}

void
text_block_restart(struct text_ctx *ctx, enum vs_kind kind)
{
	record_builder_reset(&ctx->rb, kind, ctx->input);
	buf_reset(&ctx->source);
	buf_reset(&ctx->msg);
	ctx->source_cut = 0;
	ctx->block_first = ctx->block_last = ctx->lineno;
}

void
text_block_add_source(struct text_ctx *ctx, const char *s, size_t len)
{
	ctx->block_last = ctx->lineno;
	if (ctx->source.len + len + 1 > TEXT_BLOCK_MAX) {
		ctx->source_cut = 1;
		return;
	}
	if (ctx->source.len > 0)
		buf_addc(&ctx->source, '\n');
	buf_add(&ctx->source, s, len);
}

void
text_block_close(struct text_ctx *ctx)
{
	text_end_cb end = ctx->block_end;

	ctx->block_line = NULL;
	ctx->block_end = NULL;
	if (end != NULL)
		end(ctx);
}

void
text_emit(struct text_ctx *ctx, enum text_format f)
{
	struct vs_record *r = &ctx->rb.rec;

	if (ctx->stop)
		return;
	r->input = ctx->input;
	r->loc_kind = VS_LOC_LINE;
	r->loc = ctx->block_first;
	r->loc_end = ctx->block_last > ctx->block_first ? ctx->block_last : 0;
	if (r->source_text == NULL)
		r->source_text = buf_cstr(&ctx->source);
	text_mark(ctx, f);
	ctx->in->records++;
	if (ctx->ing->on_record(r, ctx->ing->arg) != 0)
		ctx->stop = 1;
}

int
text_pass_over(const struct text_ctx *ctx, const char *p, size_t len)
{
	const struct ingest *ing = ctx->ing;

	if (!ing->prefilter || ing->nproviders == 0 || len == 0)
		return 0;
	/* A prefix, ignoring case: never narrower than the rules' own
	 * test (exact, or a prefix for "DPM*"). */
	int c0 = (unsigned char)p[0] | 0x20;	/* fold ASCII letters */
	for (size_t i = 0; i < ing->nproviders; i++) {
		const char *w = ing->providers[i];
		if (((unsigned char)w[0] | 0x20) != c0)
			continue;
		size_t n = strlen(w);
		if (len >= n && strncasecmp(p, w, n) == 0)
			return 0;
	}
	return 1;
}

/* ---- the line dispatcher ---- */

/* Would this line start a block of its own? Used by open blocks (an
 * event description, say) to know where they end. */
int
text_starts_block(struct text_ctx *ctx, const char *s, size_t len)
{
	int r;
	ctx->probe = 1;
	r = text_xml_try(ctx, s, len) || text_event_try(ctx, s, len) ||
	    text_vss_try(ctx, s, len);
	ctx->probe = 0;
	return r;
}

static void
para_add(struct text_ctx *ctx, const char *s, size_t len)
{
	if (ctx->para.len + len + 1 > TEXT_BLOCK_MAX)
		flush_paragraph(ctx);
	if (ctx->para_lines == 0)
		ctx->para_first = ctx->lineno;
	else
		buf_addc(&ctx->para, '\n');
	buf_add(&ctx->para, s, len);
	ctx->para_last = ctx->lineno;
	ctx->para_lines++;
}

static void
text_line(struct text_ctx *ctx, const char *s, size_t len, int cont)
{
	const char *c;
	size_t clen;

	if (!cont) {
		ctx->lineno++;
		ctx->in->lines++;
	}
	len = text_trim_end(s, len);
	if (ctx->block_line != NULL) {
		enum text_took took = ctx->block_line(ctx, s, len);
		if (took == TOOK_LINE)
			return;
		text_block_close(ctx);
		if (took == TOOK_DONE || ctx->stop)
			return;
	}
	text_clean(s, len, &c, &clen);
	if (clen == 0 || (clen >= 3 && memcmp(c, "```", 3) == 0)) {
		/* A blank line or a code fence ends a paragraph. */
		flush_paragraph(ctx);
		return;
	}
	if (text_xml_try(ctx, s, len) || text_event_try(ctx, s, len) ||
	    text_vss_try(ctx, s, len) || text_misc_try(ctx, s, len))
		return;
	para_add(ctx, s, len);
}

/* ---- decoding ---- */

static void
reader_line(struct text_reader *rd, const char *s, size_t len, size_t full)
{
	struct text_ctx *ctx = rd->ctx;
	int cont = rd->cont;

	rd->cont = 0;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (full > TEXT_LINE_MAX) {
		rd->long_lines++;
		if (rd->long_lines <= 3)
			input_note(ctx->in, "line %llu: %zu bytes long, only "
			    "the first %d kept",
			    (unsigned long long)ctx->lineno + 1, full,
			    TEXT_LINE_MAX);
	}
	if (len > TEXT_LINE_MAX)
		len = TEXT_LINE_MAX;
	/* Never cut a UTF-8 sequence in two. */
	if (full > len)
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	if (rd->piece_nul && memchr(s, '\0', len) != NULL) {
		buf_reset(&rd->scratch);
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\0')
				rd->nuls++;
			else
				buf_addc(&rd->scratch, s[i]);
		}
		buf_addc(&rd->scratch, '\0');
		text_line(ctx, rd->scratch.data, rd->scratch.len - 1, cont);
		return;
	}
	text_line(ctx, s, len, cont);
}

/* The last "</Event>" in s, or NULL. */
static const char *
last_event_end(const char *s, size_t n)
{
	const char *p = s, *last = NULL;
	while ((p = memmem(p, (size_t)(s + n - p), "</Event>", 8)) != NULL) {
		last = p;
		p += 8;
	}
	return last;
}

/* Hands on the carried line; more of the same line may follow. */
static void
reader_flush_carry(struct text_reader *rd, int more)
{
	buf_addc(&rd->carry, '\0');
	reader_line(rd, rd->carry.data, rd->carry.len - 1, rd->carry_full);
	buf_reset(&rd->carry);
	rd->carry_full = 0;
	rd->cont = more;
}

/*
 * A line too long to keep whole. Event Viewer and wevtutil write whole
 * XML exports as one line: those are cut after an "</Event>" so that
 * no event is lost; any other line keeps its first TEXT_LINE_MAX bytes.
 */
static void
reader_long(struct text_reader *rd, const char *p, size_t n)
{
	while (n > 0 && !rd->ctx->stop) {
		size_t room = rd->carry.len < TEXT_LINE_MAX ?
		    TEXT_LINE_MAX - rd->carry.len : 0;
		size_t add = n < room ? n : room;
		const char *e;

		if (!rd->dropping) {
			buf_add(&rd->carry, p, add);
			rd->carry_full += add;
			p += add;
			n -= add;
			if (rd->carry.len < TEXT_LINE_MAX)
				return;
			e = last_event_end(rd->carry.data, rd->carry.len);
			if (e != NULL) {
				size_t cut = (size_t)(e + 8 - rd->carry.data);
				size_t rest = rd->carry.len - cut;
				char *tail = xmalloc(rest + 1);
				memcpy(tail, rd->carry.data + cut, rest);
				rd->carry.len = cut;
				rd->carry_full = cut;
				reader_flush_carry(rd, 1);
				buf_add(&rd->carry, tail, rest);
				rd->carry_full = rest;
				free(tail);
				continue;
			}
			rd->dropping = 1;
			continue;
		}
		/* Past the cap: skip to the next "</Event>", if any. */
		e = memmem(p, n, "</Event>", 8);
		if (e == NULL) {
			rd->carry_full += n;
			return;
		}
		if (!rd->skip_noted) {
			rd->skip_noted = 1;
			input_note(rd->ctx->in, "line %llu: an XML event "
			    "longer than %d bytes was skipped",
			    (unsigned long long)rd->ctx->lineno + 1,
			    TEXT_LINE_MAX);
		}
		rd->ctx->in->errors++;
		n -= (size_t)(e + 8 - p);
		p = e + 8;
		/* What was kept of that event is of no use; go on after it. */
		buf_reset(&rd->carry);
		rd->carry_full = 0;
		rd->dropping = 0;
		rd->cont = 1;
	}
}

/* Nothing but blanks, quoting and a CR: a line the block may end on. */
static int
blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '>')
			return 0;
	return 1;
}

/*
 * An event passed over (--prefilter): its lines are only counted, up
 * to the line that starts the next event like this one did, or to a
 * blank line: a description may end there. Returns where reading line
 * by line goes on.
 */
static const char *
pass_over(struct text_reader *rd, const char *p, const char *end)
{
	struct text_ctx *ctx = rd->ctx;
	uint64_t n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : 0;
		if (nl == NULL || len > TEXT_LINE_MAX)
			break;		/* cut by the piece, or long: read it */
		if (len >= ctx->pass_mark_len &&
		    memcmp(p, ctx->pass_mark, ctx->pass_mark_len) == 0)
			break;
		if (blank_line(p, len))
			break;
		n++;
		p = nl + 1;
	}
	if (n > 0) {
		ctx->lineno += n;
		ctx->in->lines += n;
		ctx->cur_key = -1;	/* no blank line just before */
	}
	return p;
}

/* Splits UTF-8 text into lines; keeps a line cut by the piece's end. */
static void
reader_utf8(struct text_reader *rd, const char *p, size_t n)
{
	const char *end = p + n;

	/* One look for NUL bytes per piece, not one per line. */
	int nul = memchr(p, '\0', n) != NULL;
	rd->piece_nul = rd->carry.len > 0 || nul;

	while (p < end && !rd->ctx->stop) {
		if (rd->ctx->pass_fast && rd->slow == 0 &&
		    rd->carry_full == 0 && !nul &&
		    (p = pass_over(rd, p, end)) == end)
			break;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t take = nl ? (size_t)(nl - p) : (size_t)(end - p);

		/* A blank line and the line after it are read whole. */
		if (rd->ctx->pass_fast && blank_line(p, take))
			rd->slow = 1;
		else if (rd->slow > 0)
			rd->slow--;
		if (rd->carry_full == 0 && nl != NULL &&
		    take <= TEXT_LINE_MAX) {
			reader_line(rd, p, take, take);
			p = nl + 1;
			continue;
		}
		reader_long(rd, p, take);
		if (nl == NULL)
			return;
		reader_flush_carry(rd, 0);
		rd->dropping = 0;
		p = nl + 1;
	}
}

/* Writes cp as UTF-8 at o; returns the bytes written. */
static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static void
reader_utf16(struct text_reader *rd, const unsigned char *p, size_t n)
{
	struct buf *b = &rd->utf8;
	size_t i = 0, o = 0, need = (n / 2 + 2) * 3 + 8;
	int le = rd->enc == ENC_UTF16LE;
	char *out;

	/* Room for the worst case up front: three bytes per unit. */
	buf_reset(b);
	if (b->cap < need) {
		free(b->data);
		b->data = xmalloc(need);
		b->cap = need;
	}
	out = b->data;
	while (i < n || rd->npend == 2) {
		uint32_t u;
		if (rd->npend == 0 && i + 2 <= n) {
			u = le ? (p[i] | (uint32_t)p[i + 1] << 8) :
			    (p[i + 1] | (uint32_t)p[i] << 8);
			i += 2;
			if (u < 0x80 && rd->high == 0) {
				out[o++] = (char)u;	/* the common case */
				continue;
			}
		} else {
			while (rd->npend < 2 && i < n)
				rd->pend[rd->npend++] = p[i++];
			if (rd->npend < 2)
				break;
			rd->npend = 0;
			u = le ? (rd->pend[0] | (uint32_t)rd->pend[1] << 8) :
			    (rd->pend[1] | (uint32_t)rd->pend[0] << 8);
		}
		if (u >= 0xd800 && u < 0xdc00) {
			if (rd->high != 0)
				o += put_utf8(out + o, 0xfffd);
			rd->high = u;
			continue;
		}
		if (u >= 0xdc00 && u < 0xe000) {
			if (rd->high == 0)
				o += put_utf8(out + o, 0xfffd);
			else
				o += put_utf8(out + o, 0x10000 +
				    ((rd->high - 0xd800) << 10) + (u - 0xdc00));
			rd->high = 0;
			continue;
		}
		if (rd->high != 0) {
			o += put_utf8(out + o, 0xfffd);
			rd->high = 0;
		}
		o += put_utf8(out + o, u);
	}
	b->len = o;
	reader_utf8(rd, out, o);
}

/* The encoding from the first bytes: a BOM, or NULs in every other byte. */
static size_t
reader_start(struct text_reader *rd, const unsigned char *p, size_t n)
{
	struct text_ctx *ctx = rd->ctx;
	size_t zeven = 0, zodd = 0, lim = n < 512 ? n : 512;

	rd->started = 1;
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return 3;
	if (n >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		rd->enc = ENC_UTF16LE;
		input_note(ctx->in, "UTF-16LE text (with byte order mark)");
		return 2;
	}
	if (n >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		rd->enc = ENC_UTF16BE;
		input_note(ctx->in, "UTF-16BE text (with byte order mark)");
		return 2;
	}
	for (size_t i = 0; i + 1 < lim; i += 2) {
		zeven += p[i] == 0;
		zodd += p[i + 1] == 0;
	}
	if (lim >= 8 && zodd * 10 >= lim / 2 * 9 && zeven * 10 < lim / 2) {
		rd->enc = ENC_UTF16LE;
		input_note(ctx->in, "UTF-16LE text without a byte order mark");
	} else if (lim >= 8 && zeven * 10 >= lim / 2 * 9 &&
	    zodd * 10 < lim / 2) {
		rd->enc = ENC_UTF16BE;
		input_note(ctx->in, "UTF-16BE text without a byte order mark");
	}
	return 0;
}

static void
reader_feed(struct text_reader *rd, const char *data, size_t n)
{
	const unsigned char *p = (const unsigned char *)data;

	if (!rd->started) {
		size_t skip = reader_start(rd, p, n);
		p += skip;
		n -= skip;
	}
	if (rd->enc == ENC_UTF8)
		reader_utf8(rd, (const char *)p, n);
	else
		reader_utf16(rd, p, n);
}

static void
ctx_init(struct text_ctx *ctx, struct text_reader *rd, struct ingest *ing,
    int input)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->ing = ing;
	ctx->input = input;
	ctx->in = &ing->inputs[input];
	record_builder_init(&ctx->rb);
	buf_init(&ctx->source);
	buf_init(&ctx->msg);
	buf_init(&ctx->aux);
	buf_init(&ctx->para);
	buf_init(&ctx->xml_text);
	buf_init(&ctx->xml_tmp);
	buf_init(&ctx->xml_name);
	text_time_init(ctx);

	memset(rd, 0, sizeof *rd);
	rd->ctx = ctx;
	buf_init(&rd->utf8);
	buf_init(&rd->carry);
	buf_init(&rd->scratch);
}

static void
ctx_finish(struct text_ctx *ctx, struct text_reader *rd)
{
	struct vs_input *in = ctx->in;

	if (!ctx->stop) {
		if (rd->carry.len > 0 || rd->carry_full > 0)
			reader_flush_carry(rd, 0);	/* no final newline */
		if (rd->high != 0 || rd->npend != 0)
			input_note(in, "the text ends in the middle of a "
			    "UTF-16 character");
		if (ctx->block_line != NULL)
			text_block_close(ctx);
		flush_paragraph(ctx);
	}
	set_input_format(ctx);
	if (rd->nuls > 0)
		input_note(in, "%llu NUL bytes dropped: the text may be binary "
		    "or in an encoding not recognised",
		    (unsigned long long)rd->nuls);
	if (in->unrecognised_lines > 0)
		input_note(in, "%llu of %llu lines not understood; kept as "
		    "text", (unsigned long long)in->unrecognised_lines,
		    (unsigned long long)in->lines);
	if (ctx->passed > 0)
		input_note(in, "%llu events skipped: their providers are "
		    "none of those looked for", (unsigned long long)ctx->passed);
	if (ctx->stop && ingest_abort_requested) {
		in->flags |= VS_INPUT_TRUNCATED;
		input_note(in, "reading stopped early at line %llu",
		    (unsigned long long)ctx->lineno);
	}

	record_builder_free(&ctx->rb);
	buf_free(&ctx->source);
	buf_free(&ctx->msg);
	buf_free(&ctx->aux);
	buf_free(&ctx->para);
	buf_free(&ctx->xml_text);
	buf_free(&ctx->xml_tmp);
	buf_free(&ctx->xml_name);
	text_time_free(ctx);
	buf_free(&rd->utf8);
	buf_free(&rd->carry);
	buf_free(&rd->scratch);
}

int
text_ingest_fd(struct ingest *ing, int input, int fd, char **cause)
{
	struct text_ctx ctx;
	struct text_reader rd;
	char *piece = xmalloc(TEXT_PIECE);
	uint64_t done = 0, total = ing->inputs[input].bytes;
	ssize_t n;
	int rc = 0;

	*cause = NULL;
	ctx_init(&ctx, &rd, ing, input);
	for (;;) {
		if (ingest_abort_requested) {
			ctx.stop = 1;
			break;
		}
		n = read(fd, piece, TEXT_PIECE);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("%s: cannot read: %s",
			    ing->inputs[input].name, strerror(errno));
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		done += (uint64_t)n;
		reader_feed(&rd, piece, (size_t)n);
		if (ing->on_progress != NULL)
			ing->on_progress(ing->inputs[input].name, done, total,
			    ing->progress_arg);
		if (ctx.stop)
			break;
	}
	if (total == 0)
		ing->inputs[input].bytes = done;
	ctx_finish(&ctx, &rd);
	free(piece);
	return rc;
}

int
text_ingest_buffer(struct ingest *ing, int input, const char *data,
    size_t len, char **cause)
{
	struct text_ctx ctx;
	struct text_reader rd;
	size_t off = 0;

	*cause = NULL;
	ctx_init(&ctx, &rd, ing, input);
	/* Pieces here too, so abort and progress work on a huge paste. */
	while (off < len && !ctx.stop) {
		size_t n = len - off < TEXT_PIECE ? len - off : TEXT_PIECE;
		if (ingest_abort_requested) {
			ctx.stop = 1;
			break;
		}
		reader_feed(&rd, data + off, n);
		off += n;
		if (ing->on_progress != NULL)
			ing->on_progress(ing->inputs[input].name, off, len,
			    ing->progress_arg);
	}
	ctx_finish(&ctx, &rd);
	return 0;
}
