/* tests/evtxgen.h -- the test .evtx writer: event model and file writer. */
#ifndef EVTXGEN_H
#define EVTXGEN_H

#include <stddef.h>
#include <stdint.h>

/* One insertion string of an event, in the order written. */
enum evg_item_kind {
	EVG_DATA,		/* <Data>text</Data> */
	EVG_NAMED,		/* <Data Name="name">text</Data> */
	EVG_USER		/* <name>text</name> under UserData/EventXML */
};
struct evg_item {
	enum evg_item_kind	 kind;
	const char		*name;	/* NULL for EVG_DATA */
	const char		*text;	/* UTF-8, checked, no NUL */
};

struct evg_template;

/*
 * An event to write. Strings are UTF-8 and must stay valid until
 * evg_writer_add returns; the writer copies what it keeps.
 */
struct evg_event {
	uint64_t		 record;
	const char		*provider;
	int			 has_guid;
	uint8_t			 guid[16];	/* as stored: Data1-3 little-endian */
	uint16_t		 id;
	int			 has_qualifiers;
	uint16_t		 qualifiers;
	uint8_t			 version;
	uint8_t			 level;
	uint16_t		 task;
	uint8_t			 opcode;
	uint64_t		 keywords;
	uint64_t		 time;		/* FILETIME of TimeCreated */
	uint64_t		 written;	/* FILETIME of the record header */
	const char		*channel;
	const char		*computer;
	size_t			 sid_len;	/* 0: no user */
	uint8_t			 sid[8 + 4 * 15];
	uint32_t		 pid;
	uint32_t		 tid;
	int			 userdata;	/* items are EVG_USER */
	struct evg_item		*items;
	size_t			 nitems;
	int			 has_binary;
	const uint8_t		*binary;
	size_t			 binary_len;

	/*
	 * The template this event's shape needs; NULL makes the writer look
	 * it up. Callers writing many events of one shape keep it here.
	 */
	struct evg_template	*tmpl;
};

struct evg_writer;

#define EVG_FILE_DIRTY	0x1
#define EVG_FILE_FULL	0x2

struct evg_writer	*evg_writer_open(const char *, char **);
void			 evg_writer_set_flags(struct evg_writer *, uint32_t);
void			 evg_writer_bad_size(struct evg_writer *, uint64_t);
void			 evg_writer_bad_xml(struct evg_writer *, uint64_t);
void			 evg_writer_bad_chunk_crc(struct evg_writer *, uint32_t);
void			 evg_writer_max_chunks(struct evg_writer *, uint32_t);
int			 evg_writer_add(struct evg_writer *, struct evg_event *,
			     char **);
int			 evg_writer_full(const struct evg_writer *);
int			 evg_writer_close(struct evg_writer *, char **);
void			 evg_writer_abort(struct evg_writer *);

/* Helpers shared by the description parser and the synthetic log. */
uint64_t		 evg_filetime(int, int, int, int, int, int, uint32_t);
void			 evg_time_text(char *, size_t, int, uint64_t);
int			 evg_utf8_valid(const char *, size_t);
int			 evg_parse_guid(const char *, uint8_t *);
size_t			 evg_parse_sid(const char *, uint8_t *);

int			 evg_synth(const char *, uint32_t, unsigned, uint64_t,
			     char **);

#endif /* EVTXGEN_H */
