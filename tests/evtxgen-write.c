/*
 * tests/evtxgen-write.c -- encode events as an .evtx file.
 *
 * Layout, after the public description of the format: a 4096 byte file
 * header, then 64 KiB chunks. A chunk starts with a 512 byte header
 * (two hash tables: names and templates), then event records. Each
 * record is binary XML: a fragment header and a template instance,
 * whose values fill the substitutions of a template definition.
 *
 * Offsets inside binary XML (names, template definitions) are relative
 * to the chunk, so every chunk carries its own copies: the first use of
 * a name or template in a chunk stores it inline, later uses point back.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtxgen.h"
#include "xmalloc.h"

#define FILE_HEADER_SIZE	4096
#define CHUNK_SIZE		65536
#define CHUNK_HEADER_SIZE	512
#define MAX_CHUNKS		65535	/* the header keeps a 16-bit count */

/* Binary XML tokens. */
#define TOK_EOF			0x00
#define TOK_OPEN_START		0x01
#define TOK_CLOSE_START		0x02
#define TOK_CLOSE_EMPTY		0x03
#define TOK_END_ELEMENT		0x04
#define TOK_VALUE		0x05
#define TOK_ATTRIBUTE		0x06
#define TOK_TEMPLATE_INSTANCE	0x0c
#define TOK_SUBST		0x0d
#define TOK_OPTIONAL_SUBST	0x0e
#define TOK_FRAGMENT_HEADER	0x0f
#define TOK_MORE		0x40	/* attribute list goes on / has attributes */

/* Value types. */
#define VT_NULL			0x00
#define VT_STRING		0x01
#define VT_UINT8		0x04
#define VT_UINT16		0x06
#define VT_UINT32		0x08
#define VT_UINT64		0x0a
#define VT_BINARY		0x0e
#define VT_GUID			0x0f
#define VT_FILETIME		0x11
#define VT_SID			0x13
#define VT_HEXINT64		0x15

/*
 * Substitution slots of every template. The System part is the same for
 * all events; what varies (and makes a new template) is the list of
 * insertion strings after it.
 */
enum {
	S_PROVIDER, S_GUID, S_ID, S_QUALIFIERS, S_VERSION, S_LEVEL, S_TASK,
	S_OPCODE, S_KEYWORDS, S_TIME, S_RECORD, S_PID, S_TID, S_CHANNEL,
	S_COMPUTER, S_SID, S_FIRST_ITEM
};

#define EVENT_NS	"http://schemas.microsoft.com/win/2004/08/events/event"

struct evg_template {
	char		*key;		/* shape: see template_key */
	size_t		 index;		/* in writer->tmpls */
	uint8_t		 guid[16];
	int		 userdata;
	int		 binary;
	size_t		 nitems;
	char		**names;	/* per item; NULL for unnamed Data */
};

struct chunk_name {
	const char	*name;		/* owned by a template or static */
	uint32_t	 offset;
};

struct evg_writer {
	char		*path;
	FILE		*f;
	uint32_t	 flags;
	uint64_t	 bad_size_record;
	int		 bad_size_set;
	uint64_t	 bad_xml_record;
	int		 bad_xml_set;
	uint32_t	 bad_crc_chunk;
	int		 bad_crc_set;
	uint32_t	 max_chunks;	/* stop (full) after this many; 0: none */
	int		 full;

	struct evg_template **tmpls;
	size_t		 ntmpls;

	uint32_t	 nchunks;	/* chunks written out */
	uint64_t	 next_record;	/* for the file header */

	/* The chunk being filled. */
	uint8_t		 buf[CHUNK_SIZE];
	uint32_t	 pos;
	int		 overflow;	/* an encode ran past the chunk end */
	uint32_t	 nrecords;
	uint32_t	 last_record_off;
	uint64_t	 first_id;
	uint64_t	 last_id;
	struct chunk_name *names;
	size_t		 nnames;
	size_t		 names_size;
	uint32_t	*tmpl_off;	/* per template; 0 = not in this chunk */
	size_t		 tmpl_off_size;
};

static uint32_t	crc_table[8][256];

static void
crc_init(void)
{
	uint32_t	c;
	int		i, j;

	if (crc_table[0][1] != 0)
		return;
	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (j = 0; j < 8; j++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
		crc_table[0][i] = c;
	}
	for (i = 0; i < 256; i++) {
		c = crc_table[0][i];
		for (j = 1; j < 8; j++) {
			c = crc_table[0][c & 0xff] ^ (c >> 8);
			crc_table[j][i] = c;
		}
	}
}

/* The CRC-32 of RFC 1952; slicing by eight keeps --synth quick. */
static uint32_t
crc32_update(uint32_t crc, const uint8_t *p, size_t len)
{
	uint32_t	a, b;

	crc = ~crc;
	while (len >= 8) {
		a = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
		    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
		b = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
		    (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
		crc = crc_table[7][a & 0xff] ^ crc_table[6][(a >> 8) & 0xff] ^
		    crc_table[5][(a >> 16) & 0xff] ^ crc_table[4][a >> 24] ^
		    crc_table[3][b & 0xff] ^ crc_table[2][(b >> 8) & 0xff] ^
		    crc_table[1][(b >> 16) & 0xff] ^ crc_table[0][b >> 24];
		p += 8;
		len -= 8;
	}
	while (len-- > 0)
		crc = crc_table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, v & 0xffffffffU);
	put32(p + 4, v >> 32);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * Room for n more bytes in the chunk? Running out is not an error: the
 * record is thrown away and written again at the start of a new chunk.
 */
static uint8_t *
room(struct evg_writer *w, size_t n)
{
	uint8_t	*p;

	if (w->overflow || n > CHUNK_SIZE - w->pos) {
		w->overflow = 1;
		return (NULL);
	}
	p = w->buf + w->pos;
	w->pos += n;
	return (p);
}

static void
emit8(struct evg_writer *w, uint8_t v)
{
	uint8_t	*p;

	if ((p = room(w, 1)) != NULL)
		*p = v;
}

static void
emit16(struct evg_writer *w, uint16_t v)
{
	uint8_t	*p;

	if ((p = room(w, 2)) != NULL)
		put16(p, v);
}

static void
emit32(struct evg_writer *w, uint32_t v)
{
	uint8_t	*p;

	if ((p = room(w, 4)) != NULL)
		put32(p, v);
}

static void
emit64(struct evg_writer *w, uint64_t v)
{
	uint8_t	*p;

	if ((p = room(w, 8)) != NULL)
		put64(p, v);
}

/* Reserve a 32-bit field filled in later; returns its offset. */
static uint32_t
emit_hole32(struct evg_writer *w)
{
	uint32_t	off = w->pos;

	emit32(w, 0);
	return (off);
}

/* A 32-bit size counting everything written after the field itself. */
static void
patch_size32(struct evg_writer *w, uint32_t field)
{
	if (!w->overflow)
		put32(w->buf + field, w->pos - field - 4);
}

/*
 * Write UTF-8 text as UTF-16LE (no terminator) and return the number of
 * 16-bit units. The text was checked by evg_utf8_valid.
 */
static size_t
emit_utf16(struct evg_writer *w, const char *s)
{
	const uint8_t	*u = (const uint8_t *)s;
	uint32_t	 c;
	size_t		 n = 0;
	uint8_t		*p;

	while (*u != '\0') {
		if (*u < 0x80)
			c = *u++;
		else if (*u < 0xe0) {
			c = (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
			u += 2;
		} else if (*u < 0xf0) {
			c = (uint32_t)(u[0] & 0x0f) << 12 |
			    (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
			u += 3;
		} else {
			c = (uint32_t)(u[0] & 0x07) << 18 |
			    (uint32_t)(u[1] & 0x3f) << 12 |
			    (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
			u += 4;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			emit16(w, 0xd800 | (c >> 10));
			emit16(w, 0xdc00 | (c & 0x3ff));
			n += 2;
			continue;
		}
		if ((p = room(w, 2)) != NULL)
			put16(p, c);
		n++;
	}
	return (n);
}

/*
 * Hash of a name for the chunk's string table: the one Windows uses,
 * multiply by 65599 and add each UTF-16 unit, keeping 16 bits in the
 * name. Readers only use it to find shared names quickly.
 */
static uint32_t
name_hash(const char *s)
{
	uint32_t	h = 0;

	for (; *s != '\0'; s++)
		h = h * 65599 + (uint8_t)*s;
	return (h);
}

/*
 * A name reference: the offset of the name in the chunk, and the name
 * itself right after the offset if this is its first use in the chunk.
 * Names are ASCII (element and attribute names we choose or checked).
 */
static void
emit_name(struct evg_writer *w, const char *name)
{
	size_t		 i;
	uint32_t	 off, h, field;
	uint8_t		*bucket;

	for (i = 0; i < w->nnames; i++) {
		if (strcmp(w->names[i].name, name) == 0) {
			emit32(w, w->names[i].offset);
			return;
		}
	}
	off = w->pos + 4;
	emit32(w, off);
	h = name_hash(name);
	bucket = w->buf + 128 + 4 * (h % 64);
	field = w->pos;
	emit32(w, 0);		/* next name in the same bucket */
	emit16(w, h & 0xffff);
	emit16(w, strlen(name));
	emit_utf16(w, name);
	emit16(w, 0);
	if (w->overflow)
		return;
	put32(w->buf + field, get32(bucket));
	put32(bucket, off);
	if (w->nnames == w->names_size) {
		w->names_size = w->names_size ? w->names_size * 2 : 32;
		w->names = xreallocarray(w->names, w->names_size,
		    sizeof *w->names);
	}
	w->names[w->nnames].name = name;
	w->names[w->nnames].offset = off;
	w->nnames++;
}

/*
 * Start an element: returns the offset of its data size field, which
 * counts everything after it up to and including the end token.
 */
static uint32_t
open_element(struct evg_writer *w, const char *name, int attributes)
{
	uint32_t	size_field;

	emit8(w, TOK_OPEN_START | (attributes ? TOK_MORE : 0));
	emit16(w, 0xffff);	/* no dependency */
	size_field = emit_hole32(w);
	emit_name(w, name);
	return (size_field);
}

static void
attribute(struct evg_writer *w, const char *name, int more)
{
	emit8(w, TOK_ATTRIBUTE | (more ? TOK_MORE : 0));
	emit_name(w, name);
}

static void
value_text(struct evg_writer *w, const char *s)
{
	uint32_t	count;
	size_t		n;

	emit8(w, TOK_VALUE);
	emit8(w, VT_STRING);
	count = w->pos;
	emit16(w, 0);
	n = emit_utf16(w, s);
	if (!w->overflow)
		put16(w->buf + count, n);
}

static void
subst(struct evg_writer *w, int optional, uint16_t id, uint8_t type)
{
	emit8(w, optional ? TOK_OPTIONAL_SUBST : TOK_SUBST);
	emit16(w, id);
	emit8(w, type);
}

/* <name>%id</name> */
static void
element_subst(struct evg_writer *w, const char *name, uint16_t id,
    uint8_t type)
{
	uint32_t	size;

	size = open_element(w, name, 0);
	emit8(w, TOK_CLOSE_START);
	subst(w, 0, id, type);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, size);
}

/* <name a="%id"/> with one attribute per entry. */
struct attr_subst {
	const char	*name;
	int		 optional;
	uint16_t	 id;
	uint8_t		 type;
};

static void
element_attrs(struct evg_writer *w, const char *name,
    const struct attr_subst *a, size_t n)
{
	uint32_t	size, list;
	size_t		i;

	size = open_element(w, name, n > 0);
	if (n > 0) {
		list = emit_hole32(w);
		for (i = 0; i < n; i++) {
			attribute(w, a[i].name, i + 1 < n);
			subst(w, a[i].optional, a[i].id, a[i].type);
		}
		patch_size32(w, list);
	}
	emit8(w, TOK_CLOSE_EMPTY);
	patch_size32(w, size);
}

static void
emit_system(struct evg_writer *w)
{
	static const struct attr_subst provider[] = {
		{ "Name", 0, S_PROVIDER, VT_STRING },
		{ "Guid", 1, S_GUID, VT_GUID }
	};
	static const struct attr_subst created[] = {
		{ "SystemTime", 0, S_TIME, VT_FILETIME }
	};
	static const struct attr_subst execution[] = {
		{ "ProcessID", 0, S_PID, VT_UINT32 },
		{ "ThreadID", 0, S_TID, VT_UINT32 }
	};
	static const struct attr_subst security[] = {
		{ "UserID", 1, S_SID, VT_SID }
	};
	uint32_t	size, esize, list;

	size = open_element(w, "System", 0);
	emit8(w, TOK_CLOSE_START);
	element_attrs(w, "Provider", provider, 2);

	/* Classic events carry Qualifiers; if NULL the attribute goes. */
	esize = open_element(w, "EventID", 1);
	list = emit_hole32(w);
	attribute(w, "Qualifiers", 0);
	subst(w, 1, S_QUALIFIERS, VT_UINT16);
	patch_size32(w, list);
	emit8(w, TOK_CLOSE_START);
	subst(w, 0, S_ID, VT_UINT16);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, esize);

	element_subst(w, "Version", S_VERSION, VT_UINT8);
	element_subst(w, "Level", S_LEVEL, VT_UINT8);
	element_subst(w, "Task", S_TASK, VT_UINT16);
	element_subst(w, "Opcode", S_OPCODE, VT_UINT8);
	element_subst(w, "Keywords", S_KEYWORDS, VT_HEXINT64);
	element_attrs(w, "TimeCreated", created, 1);
	element_subst(w, "EventRecordID", S_RECORD, VT_UINT64);
	element_attrs(w, "Correlation", NULL, 0);
	element_attrs(w, "Execution", execution, 2);
	element_subst(w, "Channel", S_CHANNEL, VT_STRING);
	element_subst(w, "Computer", S_COMPUTER, VT_STRING);
	element_attrs(w, "Security", security, 1);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, size);
}

static void
emit_eventdata(struct evg_writer *w, const struct evg_template *t)
{
	uint32_t	size, dsize, list;
	size_t		i;
	uint16_t	id = S_FIRST_ITEM;

	size = open_element(w, "EventData", 0);
	if (t->nitems == 0 && !t->binary) {
		emit8(w, TOK_CLOSE_EMPTY);
		patch_size32(w, size);
		return;
	}
	emit8(w, TOK_CLOSE_START);
	for (i = 0; i < t->nitems; i++, id++) {
		if (t->names[i] == NULL) {
			element_subst(w, "Data", id, VT_STRING);
			continue;
		}
		dsize = open_element(w, "Data", 1);
		list = emit_hole32(w);
		attribute(w, "Name", 0);
		value_text(w, t->names[i]);
		patch_size32(w, list);
		emit8(w, TOK_CLOSE_START);
		subst(w, 0, id, VT_STRING);
		emit8(w, TOK_END_ELEMENT);
		patch_size32(w, dsize);
	}
	if (t->binary)
		element_subst(w, "Binary", id, VT_BINARY);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, size);
}

static void
emit_userdata(struct evg_writer *w, const struct evg_template *t)
{
	uint32_t	size, xsize;
	size_t		i;

	size = open_element(w, "UserData", 0);
	emit8(w, TOK_CLOSE_START);
	xsize = open_element(w, "EventXML", 0);
	if (t->nitems == 0)
		emit8(w, TOK_CLOSE_EMPTY);
	else {
		emit8(w, TOK_CLOSE_START);
		for (i = 0; i < t->nitems; i++)
			element_subst(w, t->names[i], S_FIRST_ITEM + i,
			    VT_STRING);
		emit8(w, TOK_END_ELEMENT);
	}
	patch_size32(w, xsize);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, size);
}

/*
 * A template definition, inline after the instance that first uses it
 * in this chunk. The instance's definition offset points at the "next"
 * field, which also chains definitions of one hash bucket.
 */
static void
emit_definition(struct evg_writer *w, const struct evg_template *t)
{
	uint32_t	 off, next, size, esize, list;
	uint8_t		*bucket, *p;

	off = w->pos;
	bucket = w->buf + 384 + 4 * (get32(t->guid) % 32);
	next = get32(bucket);
	emit32(w, next);
	if ((p = room(w, 16)) != NULL)
		memcpy(p, t->guid, 16);
	size = emit_hole32(w);

	emit8(w, TOK_FRAGMENT_HEADER);
	emit8(w, 1);
	emit8(w, 1);
	emit8(w, 0);
	esize = open_element(w, "Event", 1);
	list = emit_hole32(w);
	attribute(w, "xmlns", 0);
	value_text(w, EVENT_NS);
	patch_size32(w, list);
	emit8(w, TOK_CLOSE_START);
	emit_system(w);
	if (t->userdata)
		emit_userdata(w, t);
	else
		emit_eventdata(w, t);
	emit8(w, TOK_END_ELEMENT);
	patch_size32(w, esize);
	emit8(w, TOK_EOF);
	patch_size32(w, size);
	if (!w->overflow)
		put32(bucket, off);
}

/* A value descriptor table entry, filled in once the value is written. */
static void
value_done(struct evg_writer *w, uint32_t desc, uint32_t start, uint8_t type)
{
	if (w->overflow)
		return;
	put16(w->buf + desc, w->pos - start);
	w->buf[desc + 2] = type;
	w->buf[desc + 3] = 0;
}

static void
value_string(struct evg_writer *w, uint32_t desc, const char *s)
{
	uint32_t	start = w->pos;

	emit_utf16(w, s);
	if (w->pos - start > 0xffff)
		w->overflow = 1;	/* cannot be described; too big anyway */
	value_done(w, desc, start, VT_STRING);
}

static void
value_fixed(struct evg_writer *w, uint32_t desc, uint8_t type, uint64_t v,
    size_t size)
{
	uint32_t	start = w->pos;

	switch (size) {
	case 1:
		emit8(w, v);
		break;
	case 2:
		emit16(w, v);
		break;
	case 4:
		emit32(w, v);
		break;
	default:
		emit64(w, v);
		break;
	}
	value_done(w, desc, start, type);
}

static void
value_bytes(struct evg_writer *w, uint32_t desc, uint8_t type,
    const uint8_t *b, size_t len)
{
	uint32_t	 start = w->pos;
	uint8_t		*p;

	if (len > 0xffff)
		w->overflow = 1;
	else if ((p = room(w, len)) != NULL)
		memcpy(p, b, len);
	value_done(w, desc, start, type);
}

static void
emit_values(struct evg_writer *w, const struct evg_event *e,
    const struct evg_template *t)
{
	uint32_t	desc, d;
	size_t		nvalues, i;
	uint8_t		*p;

	nvalues = S_FIRST_ITEM + t->nitems + (t->binary ? 1 : 0);
	emit32(w, nvalues);
	desc = w->pos;
	if ((p = room(w, 4 * nvalues)) == NULL)
		return;
	/*
	 * Every descriptor starts as size 0, type NULL: an optional
	 * substitution with a NULL value drops its attribute, which is how
	 * Guid, Qualifiers and UserID are left out.
	 */
	memset(p, VT_NULL, 4 * nvalues);

	d = desc;
	value_string(w, d, e->provider);
	d += 4;
	if (e->has_guid)
		value_bytes(w, d, VT_GUID, e->guid, 16);
	d += 4;
	value_fixed(w, d, VT_UINT16, e->id, 2);
	d += 4;
	if (e->has_qualifiers)
		value_fixed(w, d, VT_UINT16, e->qualifiers, 2);
	d += 4;
	value_fixed(w, d, VT_UINT8, e->version, 1);
	d += 4;
	value_fixed(w, d, VT_UINT8, e->level, 1);
	d += 4;
	value_fixed(w, d, VT_UINT16, e->task, 2);
	d += 4;
	value_fixed(w, d, VT_UINT8, e->opcode, 1);
	d += 4;
	value_fixed(w, d, VT_HEXINT64, e->keywords, 8);
	d += 4;
	value_fixed(w, d, VT_FILETIME, e->time, 8);
	d += 4;
	value_fixed(w, d, VT_UINT64, e->record, 8);
	d += 4;
	value_fixed(w, d, VT_UINT32, e->pid, 4);
	d += 4;
	value_fixed(w, d, VT_UINT32, e->tid, 4);
	d += 4;
	value_string(w, d, e->channel);
	d += 4;
	value_string(w, d, e->computer);
	d += 4;
	if (e->sid_len > 0)
		value_bytes(w, d, VT_SID, e->sid, e->sid_len);
	d += 4;
	for (i = 0; i < t->nitems; i++, d += 4)
		value_string(w, d, e->items[i].text);
	if (t->binary)
		value_bytes(w, d, VT_BINARY, e->binary, e->binary_len);
}

/*
 * The shape of an event decides its template: EventData or UserData,
 * the item names in order (unnamed Data as "\001"), and a Binary.
 */
static char *
template_key(const struct evg_event *e)
{
	size_t	 len = 4, i;
	char	*key, *p;

	for (i = 0; i < e->nitems; i++)
		len += (e->items[i].name ? strlen(e->items[i].name) : 1) + 1;
	key = p = xmalloc(len);
	*p++ = e->userdata ? 'U' : 'E';
	*p++ = e->has_binary ? 'B' : '-';
	for (i = 0; i < e->nitems; i++) {
		*p++ = '/';
		if (e->items[i].name == NULL)
			*p++ = '\001';
		else {
			strcpy(p, e->items[i].name);
			p += strlen(p);
		}
	}
	*p = '\0';
	return (key);
}

static struct evg_template *
template_get(struct evg_writer *w, const struct evg_event *e)
{
	struct evg_template	*t;
	char			*key;
	uint32_t		 h;
	size_t			 i;

	key = template_key(e);
	for (i = 0; i < w->ntmpls; i++) {
		if (strcmp(w->tmpls[i]->key, key) == 0) {
			free(key);
			return (w->tmpls[i]);
		}
	}
	t = xcalloc(1, sizeof *t);
	t->key = key;
	t->index = w->ntmpls;
	t->userdata = e->userdata;
	t->binary = e->has_binary;
	t->nitems = e->nitems;
	t->names = xcalloc(e->nitems + 1, sizeof *t->names);
	for (i = 0; i < e->nitems; i++) {
		if (e->items[i].name != NULL)
			t->names[i] = xstrdup(e->items[i].name);
	}
	/* A stable identifier made from the shape. */
	h = name_hash(key);
	for (i = 0; i < 16; i++) {
		h = h * 1103515245U + 12345U + (uint32_t)t->index;
		t->guid[i] = h >> 24;
	}
	w->tmpls = xreallocarray(w->tmpls, w->ntmpls + 1, sizeof *w->tmpls);
	w->tmpls[w->ntmpls++] = t;
	return (t);
}

static void
chunk_reset(struct evg_writer *w)
{
	memset(w->buf, 0, CHUNK_SIZE);
	w->pos = CHUNK_HEADER_SIZE;
	w->overflow = 0;
	w->nrecords = 0;
	w->last_record_off = 0;
	w->nnames = 0;
	if (w->tmpl_off != NULL)
		memset(w->tmpl_off, 0, w->tmpl_off_size * sizeof *w->tmpl_off);
}

static int
chunk_flush(struct evg_writer *w, char **cause)
{
	uint8_t		*h = w->buf;
	uint32_t	 crc;

	memcpy(h, "ElfChnk", 8);
	put64(h + 8, w->first_id);
	put64(h + 16, w->last_id);
	put64(h + 24, w->first_id);
	put64(h + 32, w->last_id);
	put32(h + 40, 128);
	put32(h + 44, w->last_record_off);
	put32(h + 48, w->pos);
	crc = crc32_update(0, h + CHUNK_HEADER_SIZE, w->pos - CHUNK_HEADER_SIZE);
	if (w->bad_crc_set && w->bad_crc_chunk == w->nchunks)
		crc ^= 0x5a5a5a5a;
	put32(h + 52, crc);
	put32(h + 120, 1);	/* unknown flags; Windows writes 1 */
	crc = crc32_update(0, h, 120);
	crc = crc32_update(crc, h + 128, CHUNK_HEADER_SIZE - 128);
	put32(h + 124, crc);
	if (fwrite(w->buf, CHUNK_SIZE, 1, w->f) != 1) {
		*cause = xasprintf("%s: %s", w->path, strerror(errno));
		return (-1);
	}
	w->nchunks++;
	chunk_reset(w);
	return (0);
}

/* Encode one record at w->pos; on overflow the caller rolls back. */
static void
encode_record(struct evg_writer *w, const struct evg_event *e,
    struct evg_template *t)
{
	uint32_t	start = w->pos, size, inst;

	emit8(w, 0x2a);
	emit8(w, 0x2a);
	emit16(w, 0);
	size = emit_hole32(w);
	emit64(w, e->record);
	emit64(w, e->written);

	emit8(w, TOK_FRAGMENT_HEADER);
	emit8(w, 1);
	emit8(w, 1);
	emit8(w, 0);
	emit8(w, TOK_TEMPLATE_INSTANCE);
	emit8(w, 1);
	emit32(w, get32(t->guid));
	inst = w->pos;
	emit32(w, 0);
	if (w->overflow)
		return;
	if (w->tmpl_off[t->index] == 0) {
		w->tmpl_off[t->index] = w->pos;
		put32(w->buf + inst, w->pos);
		emit_definition(w, t);
	} else
		put32(w->buf + inst, w->tmpl_off[t->index]);
	emit_values(w, e, t);
	emit8(w, TOK_EOF);	/* the document ends after its fragment */
	emit32(w, 0);		/* copy of the size */
	if (w->overflow)
		return;
	put32(w->buf + size, w->pos - start);
	put32(w->buf + w->pos - 4, w->pos - start);
	if (w->bad_size_set && e->record == w->bad_size_record) {
		/*
		 * A size copy that disagrees with the size: libevtx stops
		 * reading the chunk's record list here, and offers what
		 * follows only as recovered records.
		 */
		put32(w->buf + w->pos - 4, w->pos - start + 8);
	}
	if (w->bad_xml_set && e->record == w->bad_xml_record) {
		/*
		 * An unknown token where the template instance starts: the
		 * sizes still hold, so only this record is unreadable.
		 */
		w->buf[start + 28] = 0x1f;
	}
}

static int
utf8_ok(const char *s)
{
	return (s != NULL && evg_utf8_valid(s, strlen(s)));
}

static int
check_event(const struct evg_event *e, char **cause)
{
	size_t	i;

	if (!utf8_ok(e->provider) || !utf8_ok(e->channel) ||
	    !utf8_ok(e->computer)) {
		*cause = xstrdup("provider, channel or computer missing or "
		    "not UTF-8");
		return (-1);
	}
	for (i = 0; i < e->nitems; i++) {
		if (!utf8_ok(e->items[i].text)) {
			*cause = xasprintf("string %zu is not UTF-8", i + 1);
			return (-1);
		}
		if ((e->items[i].kind == EVG_DATA) !=
		    (e->items[i].name == NULL) ||
		    (e->items[i].kind == EVG_USER) != (e->userdata != 0)) {
			*cause = xasprintf("string %zu: mixed data kinds",
			    i + 1);
			return (-1);
		}
	}
	return (0);
}

int
evg_writer_add(struct evg_writer *w, struct evg_event *e, char **cause)
{
	struct evg_template	*t;
	uint8_t			 tables[CHUNK_HEADER_SIZE - 128];
	uint32_t		 start;
	size_t			 nnames, old;
	int			 fresh;

	if (w->full) {
		*cause = xstrdup("the file is full");
		return (-1);
	}
	if (check_event(e, cause) != 0)
		return (-1);
	if ((t = e->tmpl) == NULL)
		t = e->tmpl = template_get(w, e);
	if (t->index >= w->tmpl_off_size) {
		old = w->tmpl_off_size;
		w->tmpl_off_size = t->index + 16;
		w->tmpl_off = xreallocarray(w->tmpl_off, w->tmpl_off_size,
		    sizeof *w->tmpl_off);
		memset(w->tmpl_off + old, 0,
		    (w->tmpl_off_size - old) * sizeof *w->tmpl_off);
	}

	for (;;) {
		start = w->pos;
		nnames = w->nnames;
		fresh = w->tmpl_off[t->index] == 0;
		if (fresh)
			memcpy(tables, w->buf + 128, sizeof tables);
		encode_record(w, e, t);
		if (!w->overflow)
			break;

		/* Undo, then retry in an empty chunk. */
		memset(w->buf + start, 0, CHUNK_SIZE - start);
		w->pos = start;
		w->overflow = 0;
		w->nnames = nnames;
		if (fresh) {
			memcpy(w->buf + 128, tables, sizeof tables);
			w->tmpl_off[t->index] = 0;
		}
		if (w->nrecords == 0) {
			*cause = xasprintf("record %llu does not fit in a "
			    "chunk", (unsigned long long)e->record);
			return (-1);
		}
		if (chunk_flush(w, cause) != 0)
			return (-1);
		if (w->max_chunks != 0 && w->nchunks >= w->max_chunks) {
			w->full = 1;
			return (0);
		}
		if (w->nchunks >= MAX_CHUNKS) {
			*cause = xstrdup("too many chunks for one file");
			return (-1);
		}
	}
	if (w->nrecords == 0)
		w->first_id = e->record;
	w->last_id = e->record;
	w->last_record_off = start;
	w->nrecords++;
	w->next_record = e->record + 1;
	return (0);
}

struct evg_writer *
evg_writer_open(const char *path, char **cause)
{
	struct evg_writer	*w;
	uint8_t			 zero[FILE_HEADER_SIZE];

	crc_init();
	w = xcalloc(1, sizeof *w);
	w->path = xstrdup(path);
	if ((w->f = fopen(path, "wb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(w->path);
		free(w);
		return (NULL);
	}
	memset(zero, 0, sizeof zero);
	if (fwrite(zero, sizeof zero, 1, w->f) != 1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		evg_writer_abort(w);
		return (NULL);
	}
	w->next_record = 1;
	chunk_reset(w);
	return (w);
}

void
evg_writer_set_flags(struct evg_writer *w, uint32_t flags)
{
	w->flags = flags;
}

void
evg_writer_bad_size(struct evg_writer *w, uint64_t record)
{
	w->bad_size_record = record;
	w->bad_size_set = 1;
}

void
evg_writer_bad_xml(struct evg_writer *w, uint64_t record)
{
	w->bad_xml_record = record;
	w->bad_xml_set = 1;
}

void
evg_writer_bad_chunk_crc(struct evg_writer *w, uint32_t chunk)
{
	w->bad_crc_chunk = chunk;
	w->bad_crc_set = 1;
}

void
evg_writer_max_chunks(struct evg_writer *w, uint32_t n)
{
	w->max_chunks = n;
}

int
evg_writer_full(const struct evg_writer *w)
{
	return (w->full);
}

static void
writer_free(struct evg_writer *w)
{
	size_t	i, j;

	for (i = 0; i < w->ntmpls; i++) {
		for (j = 0; j < w->tmpls[i]->nitems; j++)
			free(w->tmpls[i]->names[j]);
		free(w->tmpls[i]->names);
		free(w->tmpls[i]->key);
		free(w->tmpls[i]);
	}
	free(w->tmpls);
	free(w->names);
	free(w->tmpl_off);
	free(w->path);
	free(w);
}

void
evg_writer_abort(struct evg_writer *w)
{
	if (w == NULL)
		return;
	if (w->f != NULL)
		fclose(w->f);
	remove(w->path);
	writer_free(w);
}

int
evg_writer_close(struct evg_writer *w, char **cause)
{
	uint8_t	h[FILE_HEADER_SIZE];

	if (w->nrecords > 0 && chunk_flush(w, cause) != 0)
		goto fail;

	memset(h, 0, sizeof h);
	memcpy(h, "ElfFile", 8);
	put64(h + 8, 0);
	put64(h + 16, w->nchunks > 0 ? w->nchunks - 1 : 0);
	put64(h + 24, w->next_record);
	put32(h + 32, 128);
	put16(h + 36, 1);	/* version 3.1 */
	put16(h + 38, 3);
	put16(h + 40, FILE_HEADER_SIZE);
	put16(h + 42, w->nchunks);
	put32(h + 120, w->flags);
	put32(h + 124, crc32_update(0, h, 120));
	if (fseek(w->f, 0, SEEK_SET) != 0 ||
	    fwrite(h, sizeof h, 1, w->f) != 1) {
		*cause = xasprintf("%s: %s", w->path, strerror(errno));
		goto fail;
	}
	if (fclose(w->f) != 0) {
		w->f = NULL;
		*cause = xasprintf("%s: %s", w->path, strerror(errno));
		goto fail;
	}
	writer_free(w);
	return (0);

fail:
	evg_writer_abort(w);
	return (-1);
}
