/* record.h -- the one record model every input is parsed into.
 * Core: no curses. Rules are written against fields, never formats. */
#ifndef VS_RECORD_H
#define VS_RECORD_H
#include <stddef.h>
#include <stdint.h>

#define VS_NO_TIME	INT64_MIN

enum vs_kind {
	VS_KIND_EVENT,		/* an event log record, from .evtx or text */
	VS_KIND_WRITER,		/* vssadmin / diskshadow list writers */
	VS_KIND_PROVIDER,	/* vssadmin / diskshadow list providers */
	VS_KIND_SHADOW_STORAGE,	/* vssadmin list shadowstorage */
	VS_KIND_SHADOW,		/* vssadmin list shadows */
	VS_KIND_PROVIDER_USE,	/* DPM errlog: which provider took a snapshot */
	VS_KIND_TEXT,		/* a line nothing recognised */
	VS_KIND_COUNT
};

enum vs_time_zone {
	VS_TZ_NONE,		/* no time known */
	VS_TZ_UTC,		/* time is UTC */
	VS_TZ_LOCAL		/* wall-clock time of an unknown zone */
};

enum vs_locator {
	VS_LOC_RECORD,		/* .evtx record number */
	VS_LOC_LINE		/* line number in a text input */
};

#define VS_REC_RECOVERED	0x01	/* .evtx record recovered from free space */
#define VS_REC_MISMATCH		0x02	/* a number and its label disagree */
#define VS_REC_HAS_QUALIFIERS	0x04

/* Event levels as Windows numbers them. */
enum vs_level {
	VS_LEVEL_NONE = 0, VS_LEVEL_CRITICAL = 1, VS_LEVEL_ERROR = 2,
	VS_LEVEL_WARNING = 3, VS_LEVEL_INFO = 4, VS_LEVEL_VERBOSE = 5
};

struct vs_field {
	const char	*name;
	const char	*value;
};

/*
 * A record. Strings are UTF-8, NUL-terminated, and may be NULL when the
 * input did not give them. Records handed to a callback during ingest
 * are only valid for the call: use record_copy() to keep one.
 *
 * Named fields carry what is not common to every kind: EventData names
 * of an event ("Data Name=..."), and for writer records "writer",
 * "writer_id", "instance_id", "state" (the number), "state_label",
 * "last_error"; provider records "provider", "provider_id", "type",
 * "type_label", "version"; provider-use records "provider_id",
 * "hw_provider", "volume".
 */
struct vs_record {
	enum vs_kind	 kind;
	unsigned	 flags;
	int		 input;		/* index of the input it came from */
	enum vs_locator	 loc_kind;
	uint64_t	 loc;		/* record number or line number */
	uint64_t	 loc_end;	/* last line of a multi-line block, or 0 */
	int64_t		 time;		/* microseconds since 1970, or VS_NO_TIME */
	enum vs_time_zone tz;
	const char	*channel;
	const char	*provider;
	uint32_t	 event_id;	/* 0 when none; qualifiers separate */
	uint16_t	 qualifiers;
	int		 level;		/* enum vs_level */
	const char	*computer;
	const char	*user_sid;
	const char	**strings;	/* insertion strings, in order */
	size_t		 nstrings;
	struct vs_field	*fields;
	size_t		 nfields;
	const char	*message;	/* rendered or pasted message text */
	const char	*source_text;	/* the raw text lines, for text inputs */
};

/* An arena: many small allocations freed together. */
struct arena;
struct arena	*arena_create(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);	/* keeps the first block */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);	/* NULL stays NULL */
size_t		 arena_used(const struct arena *);

/* Deep copy of a record into an arena. */
struct vs_record *record_copy(struct arena *, const struct vs_record *);

/*
 * Any field by name, for rules: "provider", "channel", "computer",
 * "user", "message", "id", "level", "qualifiers", "time", "kind",
 * "string1".. "stringN", or a named field. Numbers are written into
 * scratch (at least 32 bytes). NULL when absent.
 */
const char	*record_get(const struct vs_record *, const char *name,
		    char *scratch, size_t scratchlen);
const char	*record_field(const struct vs_record *, const char *name);

const char	*record_kind_name(enum vs_kind);
int		 record_kind_parse(const char *);	/* -1 if unknown */
const char	*record_level_name(int);
int		 record_level_parse(const char *);	/* -1 if unknown */

/* "2024-03-14T23:02:17.123456Z" (UTC) or without Z (local); "" if none. */
void		 record_format_time(int64_t t, enum vs_time_zone, char *out, size_t len);
/* "record 1234", "recovered record 12" or "line 56" / "lines 56-60". */
void		 record_format_locator(const struct vs_record *, char *out, size_t len);
/* Days from civil date (proleptic Gregorian), for time parsing. */
int64_t		 record_days_from_civil(int64_t y, unsigned m, unsigned d);
int64_t		 record_make_time(int y, int mo, int d, int h, int mi, int s, long usec);

/* A string builder of records for ingest modules: reuses one arena. */
struct record_builder {
	struct arena	*arena;
	struct vs_record rec;
	size_t		 cap_strings;
	size_t		 cap_fields;
};
void	 record_builder_init(struct record_builder *);
void	 record_builder_free(struct record_builder *);
void	 record_builder_reset(struct record_builder *, enum vs_kind, int input);
void	 record_builder_add_string(struct record_builder *, const char *, size_t);
void	 record_builder_add_field(struct record_builder *, const char *name,
	     const char *value, size_t vlen);
char	*record_builder_strndup(struct record_builder *, const char *, size_t);

/* An input: one file, directory member, paste or stdin. */
#define VS_INPUT_DIRTY		0x01	/* .evtx header flag */
#define VS_INPUT_CORRUPTED	0x02	/* .evtx header flag */
#define VS_INPUT_TRUNCATED	0x04	/* stopped early: size limit, abort */
#define VS_INPUT_NOTES_MAX	32

struct vs_input {
	char		*name;
	char		 format[32];	/* "evtx", "event-text", ... */
	unsigned	 flags;
	uint64_t	 records;
	uint64_t	 errors;	/* records or blocks that could not be read */
	uint64_t	 recovered;
	uint64_t	 bytes;
	uint64_t	 unrecognised_lines;
	uint64_t	 lines;
	char		*unreadable;	/* why it could not be read, or NULL */
	char		*notes[VS_INPUT_NOTES_MAX];	/* "record 17: reason" */
	size_t		 nnotes;
	uint64_t	 notes_dropped;
};
void	 input_init(struct vs_input *, const char *name);
void	 input_clear(struct vs_input *);
void	 input_note(struct vs_input *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
