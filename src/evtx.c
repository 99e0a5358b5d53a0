/* evtx.c -- .evtx files read through libevtx. The only file that
 * includes libevtx.h and libbfio.h.
 *
 * libevtx keeps an index of every record of a file it opened, so its
 * memory grows with the file. To keep memory bounded we never give it
 * the file: we give it windows, each the 4 KiB file header (patched to
 * count the window's chunks) followed by a run of 64 KiB chunks read
 * into memory. Chunks are independent: each holds its own string and
 * template tables and checksums. Record numbers come from the records.
 *
 * Windows also let a chunk be skipped unread when the caller looks for
 * some providers only and the chunk names none of them (the prefilter).
 *
 * A large file is split in two: a forked worker reads the second half
 * of the chunks into a temporary file of serialized records while this
 * process reads the first half, then replays the worker's records, so
 * the order is that of the file. The split falls on a window boundary,
 * so the records come in the same order as from one process.
 *
 * Unlike evtxexport, a record libevtx cannot read does not end the
 * reading: it is counted and noted with its number, which our own walk
 * of the chunk's record headers gives (struct scanned). Records libevtx
 * leaves out of its index altogether are found the same way.
 *
 * Channel and the names of EventData values are only in the XML libevtx
 * renders, which costs more than everything else it does for a record;
 * struct tpl explains how most records do without it.
 */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libbfio.h>
#include <libevtx.h>
#include "buf.h"
#include "evtx.h"
#include "ingest.h"
#include "xmalloc.h"

#define EVTX_HEADER_SIZE	4096
#define EVTX_CHUNK_SIZE		65536
#define EVTX_WINDOW_CHUNKS	32	/* 2 MiB handed to libevtx at a time */
#define EVTX_SPLIT_CHUNKS	128	/* fork a worker from 8 MiB of chunks */

/* File header fields (little-endian). */
#define FH_FIRST_CHUNK		8
#define FH_LAST_CHUNK		16
#define FH_HEADER_SIZE		32
#define FH_MAJOR		38
#define FH_BLOCK_SIZE		40
#define FH_CHUNKS		42
#define FH_FLAGS		120
#define FH_CRC			124
#define FH_FLAG_DIRTY		0x1

static int		  evtx_workers;

/* Provider names in UTF-16LE, for the chunk prefilter. */
struct evtx_needle {
	unsigned char	*data;
	size_t		 len;
};

/* Where names looked for start in a chunk, in order. */
struct hits {
	uint32_t	*v;
	size_t		 n, cap;
};

/* A record found by our own walk of a chunk. */
struct scanned {
	uint64_t	 id;
	const unsigned char *chunk;
	uint32_t	 off;		/* in the chunk */
	uint32_t	 size;
	int		 maybe;		/* may be of a provider looked for */
};

/*
 * What the XML of one template says that libevtx's getters do not: the
 * channel and the names of the values. Rendering the XML is the most
 * costly thing asked of libevtx, and every record of a chunk that uses
 * the same template (the same definition offset in the chunk) has the
 * same channel, if the template spells it out, and the same names for
 * its values, which are libevtx's strings. So the XML of the first
 * record of a template is read, and the rest are filled from it.
 */
#define TPL_SLOTS	1024
enum tpl_state { TPL_EMPTY, TPL_KNOWN, TPL_XML };
struct tpl {
	enum tpl_state	 state;
	const unsigned char *chunk;
	uint32_t	 offset;	/* of the template definition */
	char		*channel;
	size_t		 nstrings;	/* libevtx strings of the first record */
	size_t		 nfields;
	char		**names;
	size_t		*idx;		/* the string each field's value is */
};

struct evtx_reader {
	struct ingest	*ing;
	int		 input;
	struct vs_input	*in;		/* counts and notes go here */
	const char	*path;
	int		 fd;
	uint64_t	 nchunks;	/* whole chunks in the file */
	unsigned char	 header[EVTX_HEADER_SIZE];
	unsigned char	*win;		/* header + EVTX_WINDOW_CHUNKS chunks */
	unsigned char	*one;		/* header + 1 chunk, for retries */
	uint64_t	 kept[EVTX_WINDOW_CHUNKS];	/* chunk numbers in win */
	struct scanned	*ids;		/* records seen by our own scan */
	size_t		 nids, capids;
	uint64_t	*got;		/* numbers of the records libevtx gave */
	size_t		 ngot, capgot;
	int		 short_index;	/* libevtx lists fewer than we see */
	struct tpl	*tpls;		/* TPL_SLOTS, for the current window */
	size_t		 ntpls;
	int		 verify;	/* check the cache against the XML */
	struct record_builder rb;
	char		*str;		/* scratch for strings */
	size_t		 strcap;
	char		*xml;		/* a record's XML */
	size_t		 xmlcap;
	size_t		 nkept;
	struct evtx_needle *needles;
	size_t		 nneedles;
	struct hits	 hits[EVTX_WINDOW_CHUNKS];	/* of the chunks in win */
	FILE		*out;		/* worker: serialized records */
	int		 stop;		/* the consumer asked to stop */
	int		 aborted;
	uint64_t	 chunks_read;
	uint64_t	 chunks_skipped;
	uint64_t	 records_skipped;
	uint64_t	 recovered_bad;
	uint64_t	 chunks_unused;
	uint16_t	 hchunks;	/* chunks the header counts */
	uint64_t	 hfirst;	/* first and last chunk in use, */
	uint64_t	 hlast;		/* as the header numbers them */
	char		*first_loss;	/* what first lost records */
	int		 corrupt_noted;
};

static uint32_t	crc_table[256];

void
evtx_set_workers(int n)
{
	evtx_workers = n;
}

int
evtx_has_signature(const unsigned char *head, size_t len)
{
	return len >= 8 && memcmp(head, "ElfFile", 8) == 0;
}

int64_t
evtx_filetime_to_usec(uint64_t ft)
{
	/* 1601-01-01 to 1970-01-01 is 11644473600 s. */
	if (ft == 0)
		return VS_NO_TIME;
	return (int64_t)(ft / 10) - INT64_C(11644473600000000);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
put_le16(unsigned char *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void
put_le32(unsigned char *p, uint32_t v)
{
	put_le16(p, v & 0xffff);
	put_le16(p + 2, v >> 16);
}

static void
put_le64(unsigned char *p, uint64_t v)
{
	put_le32(p, v & 0xffffffff);
	put_le32(p + 4, v >> 32);
}

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	if (crc_table[1] == 0) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	}
	uint32_t c = 0xffffffffU;
	while (n-- > 0)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffU;
}

/* One line of text from a libevtx error, which is then freed. libevtx
 * stacks a message per function; the first is the innermost cause. */
static char *
error_text(libevtx_error_t **err)
{
	char tmp[2048];

	if (err == NULL || *err == NULL)
		return xstrdup("libevtx gave no reason");
	if (libevtx_error_backtrace_sprint(*err, tmp, sizeof tmp) < 0)
		snprintf(tmp, sizeof tmp, "libevtx gave no readable reason");
	libevtx_error_free(err);
	tmp[sizeof tmp - 1] = '\0';
	char *nl = strchr(tmp, '\n');
	if (nl != NULL)
		*nl = '\0';
	size_t n = strlen(tmp);
	while (n > 0 && (tmp[n - 1] == '.' || tmp[n - 1] == ' ' ||
	    tmp[n - 1] == '\r'))
		tmp[--n] = '\0';
	return xstrdup(tmp);
}

static void
error_drop(libevtx_error_t **err)
{
	if (*err != NULL)
		libevtx_error_free(err);
}

/* -------------------------------------------------------------------- */
/* Fields of a record. */

typedef int (*utf8_size_fn)(libevtx_record_t *, size_t *, libevtx_error_t **);
typedef int (*utf8_get_fn)(libevtx_record_t *, uint8_t *, size_t,
    libevtx_error_t **);

static const char *
record_utf8(struct evtx_reader *rd, libevtx_record_t *r, utf8_size_fn size_fn,
    utf8_get_fn get_fn)
{
	libevtx_error_t *err = NULL;
	size_t n = 0;

	if (size_fn(r, &n, &err) != 1 || n == 0) {
		error_drop(&err);
		return NULL;
	}
	char *s = arena_alloc(rd->rb.arena, n);
	if (get_fn(r, (uint8_t *)s, n, &err) != 1) {
		error_drop(&err);
		return NULL;
	}
	s[n - 1] = '\0';
	return s;
}

static int
provider_wanted(const struct ingest *ing, const char *provider)
{
	if (ing->nproviders == 0)
		return 1;
	if (provider == NULL)
		return 0;
	for (size_t i = 0; i < ing->nproviders; i++)
		if (strcasecmp(provider, ing->providers[i]) == 0)
			return 1;
	return 0;
}

/* Builds rd->rb.rec from a libevtx record. */
static void
tpls_clear(struct evtx_reader *rd)
{
	if (rd->tpls == NULL || rd->ntpls == 0)
		return;
	for (size_t i = 0; i < TPL_SLOTS; i++) {
		struct tpl *t = &rd->tpls[i];
		if (t->state == TPL_EMPTY)
			continue;
		free(t->channel);
		for (size_t j = 0; j < t->nfields; j++)
			free(t->names[j]);
		free(t->names);
		free(t->idx);
		memset(t, 0, sizeof *t);
	}
	rd->ntpls = 0;
}

/* The template a record instantiates: its definition's offset in the
 * chunk, or 0 if the record does not start as expected. */
static uint32_t
tpl_offset(const struct scanned *sc)
{
	const unsigned char *p = sc->chunk + sc->off + 24;

	if (sc->off + 24 + 14 > EVTX_CHUNK_SIZE)
		return 0;
	/* Fragment header 0f 01 01 00, template instance 0c, a byte, the
	 * template id, the definition offset. */
	if (p[0] != 0x0f || p[1] != 1 || p[2] != 1 || p[3] != 0 ||
	    p[4] != 0x0c)
		return 0;
	uint32_t off = le32(p + 10);
	if (off < 512 || off > EVTX_CHUNK_SIZE - 24)
		return 0;
	uint32_t size = le32(sc->chunk + off + 20);
	if (size > EVTX_CHUNK_SIZE - off - 24)
		return 0;
	return off;
}

static struct tpl *
tpl_lookup(struct evtx_reader *rd, const struct scanned *sc)
{
	uint32_t off = tpl_offset(sc);

	if (off == 0)
		return NULL;
	if (rd->tpls == NULL)
		rd->tpls = xcalloc(TPL_SLOTS, sizeof *rd->tpls);
	size_t h = ((uintptr_t)sc->chunk / EVTX_CHUNK_SIZE * 31 + off) %
	    TPL_SLOTS;
	for (size_t n = 0; n < TPL_SLOTS; n++, h = (h + 1) % TPL_SLOTS) {
		struct tpl *t = &rd->tpls[h];
		if (t->state == TPL_EMPTY) {
			if (rd->ntpls >= TPL_SLOTS / 2)
				return NULL;	/* full enough: no more */
			rd->ntpls++;
			t->state = TPL_XML;	/* until learnt */
			t->chunk = sc->chunk;
			t->offset = off;
			t->nstrings = SIZE_MAX;
			return t;
		}
		if (t->chunk == sc->chunk && t->offset == off)
			return t;
	}
	return NULL;
}

static unsigned char *
utf16le(const char *str, size_t *olen)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), o = 0;
	unsigned char *d = xmalloc(n * 4 + 2);

	while (*s != '\0') {
		size_t sl = utf8_seq_len(s, n);
		unsigned long c;
		if (sl == 0) {
			c = 0xfffd;
			sl = 1;
		} else if (sl == 1)
			c = s[0];
		else if (sl == 2)
			c = (s[0] & 0x1fUL) << 6 | (s[1] & 0x3f);
		else if (sl == 3)
			c = (s[0] & 0x0fUL) << 12 | (s[1] & 0x3fUL) << 6 |
			    (s[2] & 0x3f);
		else
			c = (s[0] & 0x07UL) << 18 | (s[1] & 0x3fUL) << 12 |
			    (s[2] & 0x3fUL) << 6 | (s[3] & 0x3f);
		if (c >= 0x10000) {
			c -= 0x10000;
			unsigned long hi = 0xd800 | (c >> 10);
			d[o++] = hi & 0xff;
			d[o++] = (unsigned char)(hi >> 8);
			c = 0xdc00 | (c & 0x3ff);
		}
		d[o++] = c & 0xff;
		d[o++] = (unsigned char)(c >> 8);
		s += sl;
		n -= sl;
	}
	*olen = o;
	return d;
}

/* Learns a template from the first record read through its XML. It is
 * kept only when every field's value is one of the strings, in order,
 * and the channel is written in the template itself (a channel given
 * as a value could differ from record to record). */
static void
tpl_learn(struct tpl *t, const struct vs_record *rec)
{
	const unsigned char *def = t->chunk + t->offset + 24;
	size_t deflen = le32(t->chunk + t->offset + 20);

	t->state = TPL_XML;
	t->nstrings = 0;	/* one try */
	if (rec->message != NULL || rec->channel == NULL)
		return;
	size_t ulen;
	unsigned char *u = utf16le(rec->channel, &ulen);

	int literal = memmem(def, deflen, u, ulen) != NULL;
	free(u);
	if (!literal)
		return;
	/* A value typed as binary XML (a substitution token 0d or 0e, its
	 * number, type 21) brings its own elements with each record, as
	 * the events of the classic API do: nothing to learn then. */
	for (size_t i = 0; i + 3 < deflen; i++)
		if ((def[i] == 0x0d || def[i] == 0x0e) && def[i + 3] == 0x21)
			return;
	size_t *idx = xcalloc(rec->nfields + 1, sizeof *idx);
	for (size_t i = 0; i < rec->nfields; i++) {
		/* The name written in the template, the value found once
		 * among the strings: else no telling which string it is. */
		u = utf16le(rec->fields[i].name, &ulen);
		literal = memmem(def, deflen, u, ulen) != NULL;
		free(u);
		size_t found = 0;
		for (size_t j = 0; j < rec->nstrings; j++)
			if (strcmp(rec->strings[j], rec->fields[i].value) == 0) {
				idx[i] = j;
				found++;
			}
		if (!literal || found != 1) {
			free(idx);
			return;
		}
	}
	t->channel = xstrdup(rec->channel);
	t->nstrings = rec->nstrings;
	t->nfields = rec->nfields;
	t->idx = idx;
	t->names = xcalloc(rec->nfields + 1, sizeof *t->names);
	for (size_t i = 0; i < rec->nfields; i++)
		t->names[i] = xstrdup(rec->fields[i].name);
	t->state = TPL_KNOWN;
}

static void
tpl_fill(struct record_builder *b, const struct tpl *t)
{
	struct vs_record *rec = &b->rec;

	rec->channel = t->channel;
	for (size_t i = 0; i < t->nfields; i++) {
		const char *v = rec->strings[t->idx[i]];
		record_builder_add_field(b, t->names[i], v, strlen(v));
	}
}

/* Test aid: the cache must give what the XML gives. */
static void
tpl_verify(struct evtx_reader *rd, const struct tpl *t)
{
	const struct vs_record *rec = &rd->rb.rec;
	int same = rec->nfields == t->nfields && rec->channel != NULL &&
	    strcmp(rec->channel, t->channel) == 0;

	for (size_t i = 0; same && i < t->nfields; i++)
		same = strcmp(rec->fields[i].name, t->names[i]) == 0 &&
		    strcmp(rec->fields[i].value,
		    rec->strings[t->idx[i]]) == 0;
	if (!same)
		fprintf(stderr, "evtx: template cache differs from the XML "
		    "at record %" PRIu64 " (%zu fields, cached %zu)\n",
		    rec->loc, rec->nfields, t->nfields);
}

static void
record_build(struct evtx_reader *rd, libevtx_record_t *r, int recovered,
    const struct scanned *sc)
{
	struct record_builder *b = &rd->rb;
	struct vs_record *rec = &b->rec;
	libevtx_error_t *err = NULL;
	uint64_t u64;
	uint32_t u32;
	uint8_t u8;
	int n;

	record_builder_reset(b, VS_KIND_EVENT, rd->input);
	rec->loc_kind = VS_LOC_RECORD;
	if (recovered)
		rec->flags |= VS_REC_RECOVERED;
	if (libevtx_record_get_identifier(r, &u64, &err) == 1)
		rec->loc = u64;
	error_drop(&err);
	if (libevtx_record_get_written_time(r, &u64, &err) == 1) {
		rec->time = evtx_filetime_to_usec(u64);
		if (rec->time != VS_NO_TIME)
			rec->tz = VS_TZ_UTC;
	}
	error_drop(&err);
	if (libevtx_record_get_event_identifier(r, &u32, &err) == 1)
		rec->event_id = u32;
	error_drop(&err);
	if (libevtx_record_get_event_identifier_qualifiers(r, &u32, &err) == 1) {
		rec->qualifiers = (uint16_t)u32;
		rec->flags |= VS_REC_HAS_QUALIFIERS;
	}
	error_drop(&err);
	if (libevtx_record_get_event_level(r, &u8, &err) == 1)
		rec->level = u8;
	error_drop(&err);
	rec->provider = record_utf8(rd, r, libevtx_record_get_utf8_source_name_size,
	    libevtx_record_get_utf8_source_name);
	rec->computer = record_utf8(rd, r,
	    libevtx_record_get_utf8_computer_name_size,
	    libevtx_record_get_utf8_computer_name);
	rec->user_sid = record_utf8(rd, r,
	    libevtx_record_get_utf8_user_security_identifier_size,
	    libevtx_record_get_utf8_user_security_identifier);

	n = 0;
	if (libevtx_record_get_number_of_strings(r, &n, &err) != 1)
		n = 0;
	error_drop(&err);
	for (int i = 0; i < n; i++) {
		size_t len = 0;
		if (libevtx_record_get_utf8_string_size(r, i, &len, &err) != 1 ||
		    len == 0) {
			/* Keep the position: strings are numbered. */
			error_drop(&err);
			record_builder_add_string(b, "", 0);
			continue;
		}
		if (len > rd->strcap) {
			free(rd->str);
			rd->strcap = len > 4096 ? len : 4096;
			rd->str = xmalloc(rd->strcap);
		}
		char *s = rd->str;
		if (libevtx_record_get_utf8_string(r, i, (uint8_t *)s, len,
		    &err) != 1) {
			error_drop(&err);
			len = 1;
		}
		s[len - 1] = '\0';
		record_builder_add_string(b, s, strlen(s));
	}

	/* The XML is where channel and the names of EventData come from;
	 * libevtx renders it only when asked, at a price. */
	if (!provider_wanted(rd->ing, rec->provider))
		return;
	struct tpl *t = sc != NULL ? tpl_lookup(rd, sc) : NULL;
	if (t != NULL && t->state == TPL_KNOWN && t->nstrings == rec->nstrings &&
	    !rd->verify) {
		tpl_fill(b, t);
		return;
	}
	/* Rendering is most of the cost, and asking for the size renders
	 * once more: try the buffer we have first. */
	if (rd->xmlcap == 0) {
		rd->xmlcap = 256 * 1024;
		rd->xml = xmalloc(rd->xmlcap);
	}
	if (libevtx_record_get_utf8_xml_string(r, (uint8_t *)rd->xml,
	    rd->xmlcap, &err) != 1) {
		size_t len = 0;
		error_drop(&err);
		if (libevtx_record_get_utf8_xml_string_size(r, &len, &err) != 1 ||
		    len <= rd->xmlcap) {
			error_drop(&err);
			return;
		}
		free(rd->xml);
		rd->xmlcap = len;
		rd->xml = xmalloc(rd->xmlcap);
		if (libevtx_record_get_utf8_xml_string(r, (uint8_t *)rd->xml,
		    rd->xmlcap, &err) != 1) {
			error_drop(&err);
			return;
		}
	}
	rd->xml[rd->xmlcap - 1] = '\0';
	if (evtx_parse_xml(b, rd->xml, strlen(rd->xml)) == -1 || t == NULL)
		return;
	if (t->state == TPL_KNOWN && t->nstrings == rec->nstrings)
		tpl_verify(rd, t);
	else if (t->nstrings == SIZE_MAX)
		tpl_learn(t, rec);
}

/* -------------------------------------------------------------------- */
/* The XML libevtx renders: elements, double-quoted attributes, text
 * with entities. Nothing else (no CDATA, comments or DTD) is expected. */

#define XML_DEPTH	32

struct xml_level {
	const char	*name;
	size_t		 nlen;
	const char	*text;		/* after the open tag */
	int		 has_child;
	const char	*data_name;	/* Name="..." of a Data element */
	size_t		 dnlen;
};

static int
name_is(const char *s, size_t n, const char *want)
{
	return strlen(want) == n && memcmp(s, want, n) == 0;
}

static void
put_utf8(struct buf *b, unsigned long c)
{
	char u[4];

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		buf_addc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 4);
	}
}

/* Decodes text with XML entities into b (reset first). */
static void
xml_unescape(struct buf *b, const char *s, size_t n)
{
	static const struct {
		const char	*name;
		char		 c;
	} ents[] = {
		{ "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' },
		{ "quot;", '"' }, { "apos;", '\'' }
	};
	const char *end = s + n;

	buf_reset(b);
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL) {
			buf_add(b, s, (size_t)(end - s));
			break;
		}
		buf_add(b, s, (size_t)(amp - s));
		s = amp + 1;
		size_t left = (size_t)(end - s), i;
		for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
			size_t el = strlen(ents[i].name);
			if (left >= el && memcmp(s, ents[i].name, el) == 0) {
				buf_addc(b, ents[i].c);
				s += el;
				break;
			}
		}
		if (i < sizeof ents / sizeof ents[0])
			continue;
		if (left >= 3 && s[0] == '#') {
			const char *p = s + 1;
			int base = 10;
			unsigned long c = 0;
			if (*p == 'x' || *p == 'X') {
				base = 16;
				p++;
			}
			const char *digits = p;
			while (p < end && p - digits < 8) {
				int d;
				if (*p >= '0' && *p <= '9')
					d = *p - '0';
				else if (base == 16 && *p >= 'a' && *p <= 'f')
					d = *p - 'a' + 10;
				else if (base == 16 && *p >= 'A' && *p <= 'F')
					d = *p - 'A' + 10;
				else
					break;
				c = c * (unsigned long)base + (unsigned long)d;
				p++;
			}
			if (p > digits && p < end && *p == ';') {
				put_utf8(b, c);
				s = p + 1;
				continue;
			}
		}
		buf_addc(b, '&');	/* not an entity: kept as it was */
	}
	buf_cstr(b);
}

/* Finds attribute name="value" inside an open tag [p, end). */
static int
xml_attr(const char *p, const char *end, const char *name, const char **v,
    size_t *vlen)
{
	size_t nl = strlen(name);

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r'))
			p++;
		const char *an = p;
		while (p < end && *p != '=' && *p != ' ' && *p != '/' &&
		    *p != '>')
			p++;
		size_t al = (size_t)(p - an);
		if (p >= end || *p != '=' || p + 1 >= end || p[1] != '"')
			return 0;
		p += 2;
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (q == NULL)
			return 0;
		if (al == nl && memcmp(an, name, nl) == 0) {
			*v = p;
			*vlen = (size_t)(q - p);
			return 1;
		}
		p = q + 1;
	}
	return 0;
}

/* An element closes: keep what it says. lv[1] is the section. */
static void
xml_close(struct record_builder *b, struct xml_level *lv, int depth,
    const char *text_end, struct buf *tmp)
{
	struct xml_level *e = &lv[depth];
	struct xml_level *sec = &lv[1];

	if (depth < 2 || e->has_child)
		return;
	size_t tlen = e->text != NULL ? (size_t)(text_end - e->text) : 0;
	if (name_is(sec->name, sec->nlen, "System")) {
		if (depth == 2 && name_is(e->name, e->nlen, "Channel") &&
		    tlen > 0) {
			xml_unescape(tmp, e->text, tlen);
			b->rec.channel = record_builder_strndup(b, tmp->data,
			    tmp->len);
		}
		return;
	}
	if (name_is(sec->name, sec->nlen, "RenderingInfo")) {
		if (depth == 2 && name_is(e->name, e->nlen, "Message") &&
		    tlen > 0) {
			xml_unescape(tmp, e->text, tlen);
			b->rec.message = record_builder_strndup(b, tmp->data,
			    tmp->len);
		}
		return;
	}
	char name[256];
	if (name_is(sec->name, sec->nlen, "EventData") &&
	    name_is(e->name, e->nlen, "Data")) {
		/* A Data element without a name is only a string. */
		if (e->data_name == NULL)
			return;
		xml_unescape(tmp, e->data_name, e->dnlen);
		snprintf(name, sizeof name, "%s", tmp->data);
	} else {
		size_t nl = e->nlen < sizeof name ? e->nlen : sizeof name - 1;
		memcpy(name, e->name, nl);
		name[nl] = '\0';
	}
	xml_unescape(tmp, e->text != NULL ? e->text : "", tlen);
	record_builder_add_field(b, name, tmp->data, tmp->len);
}

int
evtx_parse_xml(struct record_builder *b, const char *xml, size_t len)
{
	struct xml_level lv[XML_DEPTH];
	const char *p = xml, *end = xml + len;
	int depth = -1, rc = 0;
	struct buf tmp;

	buf_init(&tmp);
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (lt == NULL)
			break;
		const char *gt = memchr(lt, '>', (size_t)(end - lt));
		if (gt == NULL) {
			rc = -1;
			break;
		}
		p = gt + 1;
		if (lt[1] == '?' || lt[1] == '!')
			continue;
		if (lt[1] == '/') {
			if (depth < 0) {
				rc = -1;
				break;
			}
			const char *n = lt + 2;
			size_t nl = (size_t)(gt - n);
			while (nl > 0 && n[nl - 1] == ' ')
				nl--;
			if (depth < XML_DEPTH) {
				if (nl != lv[depth].nlen ||
				    memcmp(n, lv[depth].name, nl) != 0) {
					rc = -1;
					break;
				}
				xml_close(b, lv, depth, lt, &tmp);
			}
			depth--;
			continue;
		}
		int empty = gt > lt + 1 && gt[-1] == '/';
		const char *n = lt + 1, *ne = n;
		const char *tag_end = empty ? gt - 1 : gt;
		while (ne < tag_end && *ne != ' ' && *ne != '\t' &&
		    *ne != '\n' && *ne != '\r')
			ne++;
		if (ne == n) {
			rc = -1;
			break;
		}
		if (depth >= 0 && depth < XML_DEPTH)
			lv[depth].has_child = 1;
		depth++;
		if (depth < XML_DEPTH) {
			struct xml_level *e = &lv[depth];
			e->name = n;
			e->nlen = (size_t)(ne - n);
			e->text = empty ? NULL : gt + 1;
			e->has_child = 0;
			e->data_name = NULL;
			e->dnlen = 0;
			(void)xml_attr(ne, tag_end, "Name", &e->data_name,
			    &e->dnlen);
			if (empty)
				xml_close(b, lv, depth, NULL, &tmp);
		}
		if (empty)
			depth--;
	}
	buf_free(&tmp);
	return rc;
}

/* -------------------------------------------------------------------- */
/* Handing records on: to the caller, or to the parent through a file. */

static void
put_u32(FILE *f, uint32_t v)
{
	unsigned char b[4];

	put_le32(b, v);
	fwrite(b, 1, 4, f);
}

static void
put_u64(FILE *f, uint64_t v)
{
	unsigned char b[8];

	put_le64(b, v);
	fwrite(b, 1, 8, f);
}

static void
put_str(FILE *f, const char *s)
{
	if (s == NULL) {
		put_u32(f, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u32(f, (uint32_t)n);
	fwrite(s, 1, n, f);
}

static void
serialize_record(FILE *f, const struct vs_record *r)
{
	fputc('R', f);
	put_u32(f, r->flags);
	put_u64(f, r->loc);
	put_u64(f, (uint64_t)r->time);
	put_u32(f, (uint32_t)r->tz);
	put_u32(f, r->event_id);
	put_u32(f, r->qualifiers);
	put_u32(f, (uint32_t)r->level);
	put_str(f, r->channel);
	put_str(f, r->provider);
	put_str(f, r->computer);
	put_str(f, r->user_sid);
	put_str(f, r->message);
	put_u32(f, (uint32_t)r->nstrings);
	for (size_t i = 0; i < r->nstrings; i++)
		put_str(f, r->strings[i]);
	put_u32(f, (uint32_t)r->nfields);
	for (size_t i = 0; i < r->nfields; i++) {
		put_str(f, r->fields[i].name);
		put_str(f, r->fields[i].value);
	}
}

static int
get_u32(FILE *f, uint32_t *v)
{
	unsigned char b[4];

	if (fread(b, 1, 4, f) != 4)
		return -1;
	*v = le32(b);
	return 0;
}

static int
get_u64(FILE *f, uint64_t *v)
{
	unsigned char b[8];

	if (fread(b, 1, 8, f) != 8)
		return -1;
	*v = le64(b);
	return 0;
}

/* A string into the builder's arena; *s NULL when it was NULL. */
static int
get_str(FILE *f, struct record_builder *b, char **s, size_t *len)
{
	uint32_t n;

	if (get_u32(f, &n) == -1)
		return -1;
	if (n == UINT32_MAX) {
		*s = NULL;
		*len = 0;
		return 0;
	}
	if (n > 64 * EVTX_CHUNK_SIZE)
		return -1;
	*s = arena_alloc(b->arena, (size_t)n + 1);
	if (fread(*s, 1, n, f) != n)
		return -1;
	(*s)[n] = '\0';
	*len = n;
	return 0;
}

static int
deserialize_record(FILE *f, struct record_builder *b, int input)
{
	struct vs_record *r = &b->rec;
	uint32_t u, tz, qual, level, count;
	uint64_t time;
	char *s, *v;
	size_t len, vlen;

	record_builder_reset(b, VS_KIND_EVENT, input);
	r->loc_kind = VS_LOC_RECORD;
	if (get_u32(f, &u) == -1 || get_u64(f, &r->loc) == -1 ||
	    get_u64(f, &time) == -1 || get_u32(f, &tz) == -1 ||
	    get_u32(f, &r->event_id) == -1 || get_u32(f, &qual) == -1 ||
	    get_u32(f, &level) == -1)
		return -1;
	r->flags = u;
	r->time = (int64_t)time;
	r->tz = tz == VS_TZ_UTC ? VS_TZ_UTC : VS_TZ_NONE;
	r->qualifiers = (uint16_t)qual;
	r->level = (int)level;
	if (get_str(f, b, &s, &len) == -1)
		return -1;
	r->channel = s;
	if (get_str(f, b, &s, &len) == -1)
		return -1;
	r->provider = s;
	if (get_str(f, b, &s, &len) == -1)
		return -1;
	r->computer = s;
	if (get_str(f, b, &s, &len) == -1)
		return -1;
	r->user_sid = s;
	if (get_str(f, b, &s, &len) == -1)
		return -1;
	r->message = s;
	if (get_u32(f, &count) == -1 || count > EVTX_CHUNK_SIZE)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		if (get_str(f, b, &s, &len) == -1)
			return -1;
		record_builder_add_string(b, s != NULL ? s : "", len);
	}
	if (get_u32(f, &count) == -1 || count > EVTX_CHUNK_SIZE)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		if (get_str(f, b, &s, &len) == -1 ||
		    get_str(f, b, &v, &vlen) == -1)
			return -1;
		record_builder_add_field(b, s != NULL ? s : "",
		    v != NULL ? v : "", vlen);
	}
	return 0;
}

/* A record is ready: to the consumer, or into the worker's file. */
static void
emit(struct evtx_reader *rd)
{
	const struct vs_record *r = &rd->rb.rec;

	rd->in->records++;
	if (r->flags & VS_REC_RECOVERED)
		rd->in->recovered++;
	if (rd->out != NULL) {
		serialize_record(rd->out, r);
		return;
	}
	if (rd->ing->on_record(r, rd->ing->arg) != 0)
		rd->stop = 1;
}

/* -------------------------------------------------------------------- */
/* Windows of chunks. */

static int
must_stop(struct evtx_reader *rd)
{
	if (ingest_abort_requested && !rd->aborted) {
		rd->aborted = 1;
		rd->in->flags |= VS_INPUT_TRUNCATED;
		input_note(rd->in, "reading stopped on request");
	}
	return rd->stop || rd->aborted;
}

/* Records were lost: count them and say why. */
static void lost(struct evtx_reader *, uint64_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
lost(struct evtx_reader *rd, uint64_t n, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	rd->in->errors += n;
	input_note(rd->in, "%s", tmp);
	if (rd->first_loss == NULL)
		rd->first_loss = xstrdup(tmp);
}

static int
chunk_is_blank(const unsigned char *c)
{
	static const unsigned char zero[512];

	/* A chunk never written is all zeroes; its header says enough. */
	return memcmp(c, zero, sizeof zero) == 0 &&
	    memcmp(c, c + 512, EVTX_CHUNK_SIZE - 512) == 0;
}

/* Whether the header says chunk c holds records. A log that has wrapped
 * around has its first chunk after its last: then every chunk counted
 * is in use. */
static int
chunk_in_use(const struct evtx_reader *rd, uint64_t c)
{
	if (c >= rd->hchunks)
		return 0;
	if (rd->hfirst > rd->hlast)
		return 1;
	return c >= rd->hfirst && c <= rd->hlast;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Finds the provider names looked for in a chunk, into h. 1 if one is
 * there, or if none is looked for (the chunk is read); 0 if it can be
 * skipped whole. Rules compare provider names without regard to case,
 * so the search does too: ASCII letters of a copy are lowered, as are
 * the needles'. A byte lowered by mistake can only make a chunk or a
 * record read that could have been skipped, never the reverse.
 */
static int
chunk_find(struct evtx_reader *rd, const unsigned char *c, struct hits *h)
{
	unsigned char low[EVTX_CHUNK_SIZE];

	h->n = 0;
	if (rd->nneedles == 0)
		return 1;
	for (size_t i = 0; i < EVTX_CHUNK_SIZE; i++)
		low[i] = c[i] >= 'A' && c[i] <= 'Z' ? c[i] + 32 : c[i];
	for (size_t i = 0; i < rd->nneedles; i++) {
		const unsigned char *p = low, *end = low + EVTX_CHUNK_SIZE;
		while ((p = memmem(p, (size_t)(end - p), rd->needles[i].data,
		    rd->needles[i].len)) != NULL) {
			if (h->n == h->cap) {
				h->cap = h->cap ? h->cap * 2 : 64;
				h->v = xreallocarray(h->v, h->cap,
				    sizeof *h->v);
			}
			h->v[h->n++] = (uint32_t)(p - low);
			p++;
		}
	}
	if (h->n > 1)
		qsort(h->v, h->n, sizeof *h->v, u32_cmp);
	return h->n > 0;
}

/* Walks a chunk's record headers, as far as they look sound, to learn
 * the numbers of the records libevtx may fail to give. */
static void
scan_chunk(struct evtx_reader *rd, const unsigned char *c)
{
	size_t off = 512;

	if (memcmp(c, "ElfChnk", 8) != 0)
		return;
	uint32_t free_off = le32(c + 48);
	if (free_off > EVTX_CHUNK_SIZE || free_off < 512)
		free_off = EVTX_CHUNK_SIZE;
	while (off + 24 <= free_off) {
		if (memcmp(c + off, "**\0\0", 4) != 0)
			break;
		uint32_t size = le32(c + off + 4);
		if (size < 28 || size > free_off - off)
			break;
		if (rd->nids == rd->capids) {
			rd->capids = rd->capids ? rd->capids * 2 : 1024;
			rd->ids = xreallocarray(rd->ids, rd->capids,
			    sizeof *rd->ids);
		}
		rd->ids[rd->nids].id = le64(c + off + 8);
		rd->ids[rd->nids].chunk = c;
		rd->ids[rd->nids].off = (uint32_t)off;
		rd->ids[rd->nids].size = size;
		rd->ids[rd->nids].maybe = 1;
		rd->nids++;
		off += size;
	}
}

/* Is there a hit in [from, to)? */
static int
hit_within(const struct hits *h, uint32_t from, uint32_t to)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {	/* the first hit >= from */
		size_t mid = lo + (hi - lo) / 2;
		if (h->v[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->n && h->v[lo] < to;
}

/*
 * The record-level prefilter: which records of a chunk, scanned just
 * before (from rd->ids[first]), may be of a provider looked for. A
 * provider's name is in the record's own bytes (a substitution value)
 * or in its template's definition, which the chunk holds once, in the
 * first record that uses it. A record whose start we cannot read is
 * kept: only a record that surely names none is passed over.
 */
static void
mark_records(struct evtx_reader *rd, const unsigned char *c, size_t first,
    const struct hits *h)
{
	if (rd->nneedles == 0)
		return;
	for (size_t i = first; i < rd->nids; i++) {
		struct scanned *sc = &rd->ids[i];
		uint32_t t = tpl_offset(sc);
		sc->maybe = t == 0 ||
		    hit_within(h, sc->off, sc->off + sc->size) ||
		    hit_within(h, t, t + 24 + le32(c + t + 20));
	}
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Records our scan saw that libevtx gave neither as a record nor as a
 * recovered one: count and name them. */
static void
got_missing(struct evtx_reader *rd)
{
	if (rd->ngot > 0)	/* rd->got may still be NULL */
		qsort(rd->got, rd->ngot, sizeof *rd->got, u64_cmp);
	for (size_t i = 0; i < rd->nids; i++) {
		uint64_t id = rd->ids[i].id;
		if (rd->ngot > 0 && bsearch(&id, rd->got, rd->ngot,
		    sizeof *rd->got, u64_cmp) != NULL)
			continue;
		lost(rd, 1, "record %" PRIu64 ": damaged, libevtx cannot "
		    "read it", id);
	}
}

/* Our scan's entry for record id, looked for from *cursor on (libevtx
 * gives records in the order of the scan), or NULL. */
static const struct scanned *
scanned_by_id(struct evtx_reader *rd, uint64_t id, size_t *cursor)
{
	for (size_t i = *cursor; i < rd->nids; i++)
		if (rd->ids[i].id == id) {
			*cursor = i + 1;
			return &rd->ids[i];
		}
	return NULL;
}

/* libevtx gave this record (or it was passed over on purpose). */
static void
got_add(struct evtx_reader *rd, uint64_t id)
{
	if (rd->ngot == rd->capgot) {
		rd->capgot = rd->capgot ? rd->capgot * 2 : 1024;
		rd->got = xreallocarray(rd->got, rd->capgot, sizeof *rd->got);
	}
	rd->got[rd->ngot++] = id;
}

static void
read_records(struct evtx_reader *rd, libevtx_file_t *file, int recovered)
{
	libevtx_error_t *err = NULL;
	int n = 0;

	if ((recovered ?
	    libevtx_file_get_number_of_recovered_records(file, &n, &err) :
	    libevtx_file_get_number_of_records(file, &n, &err)) != 1) {
		char *why = error_text(&err);
		rd->in->errors++;
		input_note(rd->in, "chunks %" PRIu64 "-%" PRIu64 ": %s",
		    rd->kept[0], rd->kept[rd->nkept - 1], why);
		free(why);
		return;
	}
	/* Our own scan numbers the records when it agrees with libevtx.
	 * When libevtx lists fewer, what is lost is counted at the end of
	 * the window from the numbers it did not give (got_missing). */
	int numbered = !recovered && (size_t)n == rd->nids;
	if (!recovered)
		rd->short_index = (size_t)n < rd->nids;
	uint64_t last = 0;
	int have_last = 0;
	size_t cursor = 0;	/* into rd->ids, when not numbered */
	for (int i = 0; i < n; i++) {
		if (must_stop(rd)) {
			(void)libevtx_file_signal_abort(file, &err);
			error_drop(&err);
			return;
		}
		if (numbered && !rd->ids[i].maybe) {
			/* Passed over (--prefilter): not lost, not read. */
			rd->records_skipped++;
			got_add(rd, rd->ids[i].id);
			continue;
		}
		libevtx_record_t *r = NULL;
		if ((recovered ?
		    libevtx_file_get_recovered_record_by_index(file, i, &r, &err) :
		    libevtx_file_get_record_by_index(file, i, &r, &err)) != 1) {
			char *why = error_text(&err);
			if (recovered)
				rd->recovered_bad++;
			else {
				if (!rd->short_index)
					rd->in->errors++;
				if (numbered)
					input_note(rd->in, "record %" PRIu64
					    ": %s", rd->ids[i].id, why);
				else if (have_last)
					input_note(rd->in, "record after %"
					    PRIu64 ": %s", last, why);
				else
					input_note(rd->in, "a record of chunk "
					    "%" PRIu64 ": %s", rd->kept[0], why);
			}
			free(why);
			if (r != NULL)
				libevtx_record_free(&r, NULL);
			continue;
		}
		uint64_t id;
		const struct scanned *sc;
		if (!numbered && !recovered && rd->nneedles > 0 &&
		    libevtx_record_get_identifier(r, &id, &err) == 1 &&
		    (sc = scanned_by_id(rd, id, &cursor)) != NULL &&
		    !sc->maybe) {
			/* The same, once libevtx has said which it is. */
			libevtx_record_free(&r, NULL);
			rd->records_skipped++;
			got_add(rd, id);
			continue;
		}
		error_drop(&err);
		record_build(rd, r, recovered, numbered ? &rd->ids[i] : NULL);
		libevtx_record_free(&r, &err);
		error_drop(&err);
		last = rd->rb.rec.loc;
		have_last = 1;
		got_add(rd, last);
		emit(rd);
	}
}

/* Opens buf (a header and k chunks) with libevtx and reads it all.
 * -1 with *why when libevtx cannot open it. */
static int
read_buffer(struct evtx_reader *rd, unsigned char *buf, size_t k,
    const struct hits *hits, char **why)
{
	libevtx_error_t *err = NULL;
	libbfio_error_t *berr = NULL;
	libbfio_handle_t *h = NULL;
	libevtx_file_t *file = NULL;
	int rc = -1;

	memcpy(buf, rd->header, EVTX_HEADER_SIZE);
	put_le64(buf + FH_FIRST_CHUNK, 0);
	put_le64(buf + FH_LAST_CHUNK, k - 1);
	put_le16(buf + FH_CHUNKS, (uint16_t)k);
	put_le32(buf + FH_CRC, crc32_of(buf, 120));

	rd->nkept = k;
	rd->nids = 0;
	tpls_clear(rd);
	for (size_t i = 0; i < k; i++) {
		size_t first = rd->nids;
		scan_chunk(rd, buf + EVTX_HEADER_SIZE + i * EVTX_CHUNK_SIZE);
		mark_records(rd, buf + EVTX_HEADER_SIZE + i * EVTX_CHUNK_SIZE,
		    first, &hits[i]);
	}

	if (libbfio_memory_range_initialize(&h, &berr) != 1 ||
	    libbfio_memory_range_set(h, buf,
	    EVTX_HEADER_SIZE + k * EVTX_CHUNK_SIZE, &berr) != 1) {
		*why = xstrdup("cannot set up libbfio memory range");
		goto out;
	}
	if (libevtx_file_initialize(&file, &err) != 1) {
		*why = error_text(&err);
		goto out;
	}
	if (libevtx_file_open_file_io_handle(file, h, LIBEVTX_OPEN_READ,
	    &err) != 1) {
		*why = error_text(&err);
		goto out;
	}
	rc = 0;
	rd->chunks_read += k;
	rd->ngot = 0;
	rd->short_index = 0;
	read_records(rd, file, 0);
	if (!must_stop(rd))
		read_records(rd, file, 1);
	if (rd->short_index && !must_stop(rd))
		got_missing(rd);
	if (libevtx_file_is_corrupted(file, &err) == 1) {
		rd->in->flags |= VS_INPUT_CORRUPTED;
		if (!rd->corrupt_noted) {
			rd->corrupt_noted = 1;
			input_note(rd->in, "libevtx finds corruption in "
			    "chunks %" PRIu64 "-%" PRIu64, rd->kept[0],
			    rd->kept[k - 1]);
		}
	}
	error_drop(&err);
	if (libevtx_file_close(file, &err) != 0)
		error_drop(&err);
out:
	if (file != NULL)
		libevtx_file_free(&file, NULL);
	if (berr != NULL)
		libbfio_error_free(&berr);
	if (h != NULL)
		libbfio_handle_free(&h, NULL);
	return rc;
}

static int
pread_all(int fd, unsigned char *p, size_t n, off_t off)
{
	while (n > 0) {
		ssize_t r = pread(fd, p, n, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

/* Reads chunks [first, end) a window at a time. */
static void
read_chunks(struct evtx_reader *rd, uint64_t first, uint64_t end)
{
	uint64_t c = first;

	while (c < end && !must_stop(rd)) {
		size_t n = end - c < EVTX_WINDOW_CHUNKS ?
		    (size_t)(end - c) : EVTX_WINDOW_CHUNKS;
		unsigned char *chunks = rd->win + EVTX_HEADER_SIZE;
		if (pread_all(rd->fd, chunks, n * EVTX_CHUNK_SIZE,
		    (off_t)(EVTX_HEADER_SIZE + c * EVTX_CHUNK_SIZE)) == -1) {
			lost(rd, 1, "chunks %" PRIu64 "-%" PRIu64
			    ": cannot read: %s", c, c + n - 1,
			    errno ? strerror(errno) : "file shrank");
			break;
		}
		/* Compact the chunks worth reading to the front. */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char *ch = chunks + i * EVTX_CHUNK_SIZE;
			if (chunk_is_blank(ch)) {
				/* Never written, or wiped: only the header
				 * can tell which. */
				if (chunk_in_use(rd, c + i)) {
					rd->in->flags |= VS_INPUT_CORRUPTED;
					lost(rd, 1, "chunk %" PRIu64 ": all "
					    "zeroes where the header has records, "
					    "they are lost", c + i);
				}
				continue;
			}
			if (memcmp(ch, "ElfChnk", 8) != 0) {
				/* libevtx would pass over it without a word.
				 * Past the header's count it is unused space. */
				if (c + i >= rd->hchunks) {
					rd->chunks_unused++;
					continue;
				}
				rd->in->flags |= VS_INPUT_CORRUPTED;
				lost(rd, 1, "chunk %" PRIu64 ": no chunk "
				    "signature, its records are lost", c + i);
				continue;
			}
			if (!chunk_find(rd, ch, &rd->hits[k])) {
				rd->chunks_skipped++;
				continue;
			}
			if (k != i)
				memcpy(chunks + k * EVTX_CHUNK_SIZE, ch,
				    EVTX_CHUNK_SIZE);
			rd->kept[k++] = c + i;
		}
		c += n;
		if (rd->ing->on_progress != NULL && rd->out == NULL)
			rd->ing->on_progress(rd->in->name, EVTX_HEADER_SIZE +
			    c * EVTX_CHUNK_SIZE, rd->in->bytes,
			    rd->ing->progress_arg);
		if (k == 0)
			continue;
		char *why = NULL;
		if (read_buffer(rd, rd->win, k, rd->hits, &why) == 0)
			continue;
		/* One bad chunk can make libevtx refuse a whole window:
		 * try each chunk alone, so only the bad ones are lost. */
		if (k > 1) {
			free(why);
			uint64_t kept[EVTX_WINDOW_CHUNKS];
			memcpy(kept, rd->kept, sizeof kept);
			for (size_t i = 0; i < k && !must_stop(rd); i++) {
				memcpy(rd->one + EVTX_HEADER_SIZE,
				    chunks + i * EVTX_CHUNK_SIZE,
				    EVTX_CHUNK_SIZE);
				rd->kept[0] = kept[i];
				why = NULL;
				if (read_buffer(rd, rd->one, 1, &rd->hits[i],
				    &why) == 0)
					continue;
				lost(rd, rd->nids > 0 ? rd->nids : 1, "chunk %"
				    PRIu64 ": %s (%zu records lost)", kept[i],
				    why, rd->nids);
				free(why);
			}
			continue;
		}
		lost(rd, rd->nids > 0 ? rd->nids : 1, "chunk %" PRIu64 ": %s "
		    "(%zu records lost)", rd->kept[0], why, rd->nids);
		free(why);
	}
}

/* -------------------------------------------------------------------- */
/* The worker for the second half. */

static void
worker_run(struct evtx_reader *rd, uint64_t first, uint64_t end, int tfd,
    pid_t parent)
{
	struct vs_input own;

	/* The parent handles Ctrl-C and stops us by signal if need be;
	 * should it die, there is no one to read what we write. */
	signal(SIGINT, SIG_IGN);
#ifdef PR_SET_PDEATHSIG
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(3);
#endif
	input_init(&own, rd->in->name);
	rd->in = &own;
	rd->out = fdopen(tfd, "w");
	if (rd->out == NULL)
		_exit(3);
	read_chunks(rd, first, end);
	fputc('C', rd->out);
	put_u64(rd->out, own.errors);
	put_u64(rd->out, own.flags);
	put_u64(rd->out, own.notes_dropped);
	put_u64(rd->out, rd->chunks_read);
	put_u64(rd->out, rd->chunks_skipped);
	put_u64(rd->out, rd->records_skipped);
	put_u64(rd->out, rd->recovered_bad);
	put_u64(rd->out, rd->chunks_unused);
	put_u32(rd->out, (uint32_t)own.nnotes);
	for (size_t i = 0; i < own.nnotes; i++)
		put_str(rd->out, own.notes[i]);
	fputc('E', rd->out);
	if (fflush(rd->out) != 0 || ferror(rd->out))
		_exit(3);
	_exit(0);
}

/* Replays the worker's file. -1 if it is incomplete. */
static int
worker_replay(struct evtx_reader *rd, FILE *f)
{
	int c;

	while ((c = fgetc(f)) == 'R') {
		if (deserialize_record(f, &rd->rb, rd->input) == -1)
			return -1;
		if (must_stop(rd))
			return 0;
		emit(rd);
		if (rd->stop)
			return 0;
	}
	if (c != 'C')
		return -1;
	uint64_t errors, flags, dropped, cread, cskipped, rskipped, rbad, unused;
	uint32_t nnotes;
	if (get_u64(f, &errors) == -1 || get_u64(f, &flags) == -1 ||
	    get_u64(f, &dropped) == -1 || get_u64(f, &cread) == -1 ||
	    get_u64(f, &cskipped) == -1 || get_u64(f, &rskipped) == -1 ||
	    get_u64(f, &rbad) == -1 ||
	    get_u64(f, &unused) == -1 ||
	    get_u32(f, &nnotes) == -1 || nnotes > VS_INPUT_NOTES_MAX)
		return -1;
	for (uint32_t i = 0; i < nnotes; i++) {
		char *s;
		size_t len;
		if (get_str(f, &rd->rb, &s, &len) == -1 || s == NULL)
			return -1;
		input_note(rd->in, "%s", s);
	}
	if (fgetc(f) != 'E')
		return -1;
	rd->in->errors += errors;
	rd->in->flags |= (unsigned)flags;
	rd->in->notes_dropped += dropped;
	rd->chunks_read += cread;
	rd->chunks_skipped += cskipped;
	rd->records_skipped += rskipped;
	rd->recovered_bad += rbad;
	rd->chunks_unused += unused;
	return 0;
}

static int
choose_workers(uint64_t nchunks)
{
	const char *env = getenv("VSSTRIAGE_EVTX_WORKERS");

	if (env != NULL && (strcmp(env, "1") == 0 || strcmp(env, "2") == 0))
		return nchunks >= 2 ? env[0] - '0' : 1;
	if (evtx_workers == 1 || evtx_workers == 2)
		return nchunks >= 2 ? evtx_workers : 1;
	if (nchunks < EVTX_SPLIT_CHUNKS || sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return 1;
	return 2;
}

/* Reads every chunk, in two processes when that pays. */
static void
read_all(struct evtx_reader *rd)
{
	uint64_t mid = rd->nchunks;
	pid_t pid = -1;
	int tfd = -1;

	if (choose_workers(rd->nchunks) == 2) {
		const char *dir = getenv("TMPDIR");
		char *tmpl = xasprintf("%s/vsstriage-evtx-XXXXXX",
		    dir != NULL && *dir != '\0' ? dir : "/tmp");
		tfd = mkstemp(tmpl);
		if (tfd != -1) {
			unlink(tmpl);
			/* At a window boundary, so that the order of records
			 * (recovered ones come after each window) is the
			 * same as when one process reads it all. */
			mid = rd->nchunks / 2 / EVTX_WINDOW_CHUNKS *
			    EVTX_WINDOW_CHUNKS;
			if (mid == 0)
				mid = rd->nchunks / 2;
			fflush(NULL);
			pid_t parent = getpid();
			pid = fork();
			if (pid == 0)
				worker_run(rd, mid, rd->nchunks, tfd, parent);
			if (pid == -1) {
				close(tfd);
				tfd = -1;
				mid = rd->nchunks;
			}
		}
		free(tmpl);
	}
	read_chunks(rd, 0, mid);
	if (pid == -1)
		return;

	int status = 0;
	if (rd->stop || rd->aborted)
		kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (rd->stop || rd->aborted) {
		close(tfd);
		return;
	}
	FILE *f = NULL;
	int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    lseek(tfd, 0, SEEK_SET) == 0 && (f = fdopen(tfd, "r")) != NULL;
	if (ok) {
		uint64_t before = rd->in->records;
		if (worker_replay(rd, f) == -1) {
			/* Cannot happen short of a full disk: what was
			 * replayed stays, the rest is read again here. */
			input_note(rd->in, "the second half of the file was "
			    "read again after a worker fault");
			(void)before;
			ok = 0;
		}
	}
	if (f != NULL)
		fclose(f);
	else
		close(tfd);
	if (!ok && !rd->stop && !rd->aborted) {
		if (WIFSIGNALED(status) || (WIFEXITED(status) &&
		    WEXITSTATUS(status) != 0))
			input_note(rd->in, "worker failed; the second half "
			    "is read again");
		read_chunks(rd, mid, rd->nchunks);
	}
}

/* -------------------------------------------------------------------- */

static void
needles_make(struct evtx_reader *rd)
{
	const struct ingest *ing = rd->ing;

	if (ing->nproviders == 0 || !ing->prefilter)
		return;
	rd->needles = xcalloc(ing->nproviders, sizeof *rd->needles);
	for (size_t i = 0; i < ing->nproviders; i++) {
		/* A name holding another ("MSDPM", "DPM") is found with it. */
		size_t k;
		for (k = 0; k < ing->nproviders; k++)
			if (k != i && strcasestr(ing->providers[i],
			    ing->providers[k]) != NULL &&
			    (strlen(ing->providers[k]) <
			    strlen(ing->providers[i]) || k < i))
				break;
		if (k < ing->nproviders)
			continue;
		struct evtx_needle *n = &rd->needles[rd->nneedles++];
		unsigned char *d = utf16le(ing->providers[i], &n->len);
		for (size_t j = 0; j < n->len; j++)
			if (d[j] >= 'A' && d[j] <= 'Z')
				d[j] += 32;
		n->data = d;
	}
}

static void
reader_free(struct evtx_reader *rd)
{
	for (size_t i = 0; i < rd->nneedles; i++)
		free(rd->needles[i].data);
	free(rd->needles);
	for (size_t i = 0; i < EVTX_WINDOW_CHUNKS; i++)
		free(rd->hits[i].v);
	free(rd->win);
	free(rd->one);
	free(rd->ids);
	free(rd->first_loss);
	free(rd->got);
	tpls_clear(rd);
	free(rd->tpls);
	free(rd->str);
	free(rd->xml);
	record_builder_free(&rd->rb);
	if (rd->fd != -1)
		close(rd->fd);
}

/* Checks the file header; -1 with *cause if this is no .evtx we read. */
static int
check_header(struct evtx_reader *rd, uint64_t size, char **cause)
{
	const unsigned char *h = rd->header;

	if (size < EVTX_HEADER_SIZE) {
		*cause = xasprintf("%s: truncated: %" PRIu64 " bytes, shorter "
		    "than the 4096-byte .evtx file header", rd->path, size);
		return -1;
	}
	if (pread_all(rd->fd, rd->header, EVTX_HEADER_SIZE, 0) == -1) {
		*cause = xasprintf("%s: cannot read the file header: %s",
		    rd->path, errno ? strerror(errno) : "file shrank");
		return -1;
	}
	if (!evtx_has_signature(h, EVTX_HEADER_SIZE)) {
		*cause = xasprintf("%s: not an .evtx file (no \"ElfFile\" "
		    "signature)", rd->path);
		return -1;
	}
	uint16_t major = (uint16_t)(h[FH_MAJOR] | h[FH_MAJOR + 1] << 8);
	uint16_t block = (uint16_t)(h[FH_BLOCK_SIZE] | h[FH_BLOCK_SIZE + 1] << 8);
	if (le32(h + FH_HEADER_SIZE) != 128 || block != EVTX_HEADER_SIZE ||
	    major != 3) {
		*cause = xasprintf("%s: damaged or unsupported .evtx file "
		    "header (header size %" PRIu32 ", block size %u, "
		    "version %u)", rd->path, le32(h + FH_HEADER_SIZE),
		    block, major);
		return -1;
	}
	uint32_t flags = le32(h + FH_FLAGS);
	if (flags & FH_FLAG_DIRTY) {
		rd->in->flags |= VS_INPUT_DIRTY;
		input_note(rd->in, "the file header says the log was not "
		    "closed cleanly (dirty)");
	}
	if (crc32_of(h, 120) != le32(h + FH_CRC)) {
		rd->in->flags |= VS_INPUT_CORRUPTED;
		input_note(rd->in, "the file header checksum is wrong "
		    "(corrupted header)");
	}
	uint64_t body = size - EVTX_HEADER_SIZE;
	rd->nchunks = body / EVTX_CHUNK_SIZE;
	if (body % EVTX_CHUNK_SIZE != 0) {
		rd->in->flags |= VS_INPUT_TRUNCATED;
		lost(rd, 1, "truncated: the file ends %" PRIu64 " bytes "
		    "into chunk %" PRIu64 ", whose records are lost",
		    body % EVTX_CHUNK_SIZE, rd->nchunks);
	}
	rd->hchunks = (uint16_t)(h[FH_CHUNKS] | h[FH_CHUNKS + 1] << 8);
	rd->hfirst = le64(h + FH_FIRST_CHUNK);
	rd->hlast = le64(h + FH_LAST_CHUNK);
	if (rd->hchunks > rd->nchunks + (body % EVTX_CHUNK_SIZE != 0))
		input_note(rd->in, "the header counts %u chunks, the file "
		    "holds %" PRIu64, rd->hchunks, rd->nchunks);
	return 0;
}

int
evtx_ingest_file(struct ingest *ing, int input, const char *path,
    char **cause)
{
	struct evtx_reader rd;
	struct stat st;

	*cause = NULL;
	memset(&rd, 0, sizeof rd);
	rd.ing = ing;
	rd.input = input;
	rd.in = &ing->inputs[input];
	rd.path = path;
	/* stdin arrives as /proc/self/fd/N: name the input, not that. */
	if (strncmp(path, "/proc/self/fd/", 14) == 0)
		rd.path = rd.in->name;
	snprintf(rd.in->format, sizeof rd.in->format, "evtx");
	rd.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (rd.fd == -1) {
		*cause = xasprintf("%s: %s", rd.path, strerror(errno));
		return -1;
	}
	if (fstat(rd.fd, &st) == -1) {
		*cause = xasprintf("%s: %s", rd.path, strerror(errno));
		close(rd.fd);
		return -1;
	}
	rd.in->bytes = (uint64_t)st.st_size;
	record_builder_init(&rd.rb);
	if (check_header(&rd, (uint64_t)st.st_size, cause) == -1) {
		reader_free(&rd);
		return -1;
	}
	rd.win = xmalloc(EVTX_HEADER_SIZE + EVTX_WINDOW_CHUNKS *
	    (size_t)EVTX_CHUNK_SIZE);
	rd.one = xmalloc(EVTX_HEADER_SIZE + EVTX_CHUNK_SIZE);
	needles_make(&rd);
	rd.verify = getenv("VSSTRIAGE_EVTX_VERIFY") != NULL;

	read_all(&rd);

	if (rd.recovered_bad > 0)
		input_note(rd.in, "%" PRIu64 " recovered record fragments "
		    "could not be read", rd.recovered_bad);
	if (rd.chunks_unused > 0)
		input_note(rd.in, "%" PRIu64 " chunks past the %u the header "
		    "counts hold no chunk signature (unused space)",
		    rd.chunks_unused, rd.hchunks);
	if (rd.chunks_skipped > 0)
		input_note(rd.in, "%" PRIu64 " chunks skipped: they name none "
		    "of the providers looked for", rd.chunks_skipped);
	if (rd.records_skipped > 0)
		input_note(rd.in, "%" PRIu64 " records skipped: they name none "
		    "of the providers looked for", rd.records_skipped);
	int rc = 0;
	if (rd.chunks_read == 0 && rd.chunks_skipped == 0 &&
	    rd.in->records == 0 && rd.in->errors > 0 && !rd.aborted) {
		*cause = xasprintf("%s: no chunk could be read: %s", rd.path,
		    rd.first_loss != NULL ? rd.first_loss : "damaged file");
		rc = -1;
	}
	reader_free(&rd);
	return rc;
}
