/* text-int.h -- shared by the text ingest modules (text*.c) only.
 * Text arrives as UTF-8 lines; each line goes to the block that is open,
 * or starts one of whichever format it looks like. Core: no curses. */
#ifndef VS_TEXT_INT_H
#define VS_TEXT_INT_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "ingest.h"
#include "record.h"

/* A line longer than this is cut (the rest is counted and noted). */
#define TEXT_LINE_MAX	(64 * 1024)
/* A block (one event, one paragraph) keeps at most this much text. */
#define TEXT_BLOCK_MAX	(1024 * 1024)

/* Formats, as bits: an input may mix several. */
enum text_format {
	TF_EVENT_TEXT, TF_EVENT_XML, TF_EVENT_CSV, TF_WEVTUTIL_TEXT,
	TF_PS_LIST, TF_PS_TABLE, TF_VSS_WRITERS, TF_VSS_PROVIDERS,
	TF_VSS_STORAGE, TF_VSS_SHADOWS, TF_DISKSHADOW, TF_DPM_ERRLOG,
	TF_DPM_ALERT, TF_MESSAGE, TF_TEXT, TF_COUNT
};

/* What a block handler did with a line. */
enum text_took {
	TOOK_LINE,	/* the line belongs to the block */
	TOOK_END,	/* the block ended before this line: look at it again */
	TOOK_DONE	/* the line ended the block and belongs to it */
};

struct text_ctx;
typedef enum text_took (*text_line_cb)(struct text_ctx *, const char *,
    size_t);
typedef void (*text_end_cb)(struct text_ctx *);

/* Date order for d/m/y against m/d/y, decided once per input. */
enum text_dateorder { DO_UNKNOWN, DO_MDY, DO_DMY };

struct text_ctx {
	struct ingest		*ing;
	int			 input;
	struct vs_input		*in;
	int			 stop;		/* the callback asked to stop */
	int			 probe;		/* *_try only say if they would start */
	unsigned		 formats;	/* bits of enum text_format */

	uint64_t		 lineno;	/* of the line being handled */

	/* The open block. */
	text_line_cb		 block_line;
	text_end_cb		 block_end;
	uint64_t		 block_first;
	uint64_t		 block_last;
	struct buf		 source;	/* its raw lines */
	int			 source_cut;
	struct record_builder	 rb;
	struct buf		 msg;		/* message being gathered */
	struct buf		 aux;		/* per-format scratch */
	int			 state;		/* per-format */
	int			 sub;		/* per-format */
	unsigned		 seen;		/* per-format: keys seen */
	int			 cur_key;	/* per-format */
	/* Columns of a table or CSV export. */
#define TEXT_COLS_MAX	24
	int			 ncols;
	int			 col_role[TEXT_COLS_MAX];
	size_t			 col_start[TEXT_COLS_MAX];
	size_t			 col_end[TEXT_COLS_MAX];
	char			 delim;
	char			 group_provider[128];	/* "ProviderName: X" */
	char			 date_text[96];
	struct buf		 xml_text;	/* text-xml.c scratch */
	struct buf		 xml_tmp;
	struct buf		 xml_name;	/* "Date:" waiting for "Time:" */

	/* Unrecognised lines waiting to be flushed as a paragraph. */
	struct buf		 para;
	uint64_t		 para_first;
	uint64_t		 para_last;
	uint64_t		 para_lines;

	/* Times. */
	enum text_dateorder	 dateorder;
	int			 tz_kind;	/* 0 local, 1 fixed offset, 2 zone */
	long			 tz_offset;	/* seconds east of UTC */
	char			*tz_name;
	int			 tz_noted;
	int			 noyear_noted;
	/* --prefilter: the open event's provider is one no rule reads, so
	 * its lines are passed over up to the next line that starts with
	 * pass_mark (the line that began it: "Log Name:", "Event["). */
	int			 passing;
	int			 pass_fast;	/* past its header: lines unread */
	char			 pass_mark[24];
	size_t			 pass_mark_len;
	uint64_t		 passed;	/* events passed over */
};

/* text.c: the driver. */
void	text_block_open(struct text_ctx *, text_line_cb, text_end_cb,
	    enum vs_kind);
void	text_block_add_source(struct text_ctx *, const char *, size_t);
void	text_block_close(struct text_ctx *);
/* Hands ctx->rb.rec to the callback with the block's locator. */
void	text_emit(struct text_ctx *, enum text_format);
/* Starts a new record inside the open block (a table row, say). */
void	text_block_restart(struct text_ctx *, enum vs_kind);
void	text_mark(struct text_ctx *, enum text_format);
/* 1 if --prefilter is on and no rule reads events of this provider. */
int	text_pass_over(const struct text_ctx *, const char *provider,
	    size_t len);
/* Would this line start a block of any format? */
int	text_starts_block(struct text_ctx *, const char *, size_t);

/* Small string helpers (text.c). */
const char *text_skip_ws(const char *, const char *end);
size_t	text_trim_end(const char *, size_t);
/* The line without "> " quoting, leading and trailing blanks. */
void	text_clean(const char *s, size_t len, const char **out, size_t *olen);
int	text_prefix_ci(const char *s, size_t len, const char *prefix);
int	text_eq_ci(const char *s, size_t len, const char *word);
/* Splits "key : value"; 0 when there is no colon. */
int	text_kv(const char *s, size_t len, const char **k, size_t *klen,
	    const char **v, size_t *vlen);
int	text_is_guid(const char *s, size_t len);	/* "{8-4-4-4-12}" */
/* Finds "{8-4-4-4-12}" in s; returns its offset or -1. */
long	text_find_guid(const char *s, size_t len);
void	text_add_field(struct text_ctx *, const char *, const char *, size_t);

/* text-time.c */
void	text_time_init(struct text_ctx *);
void	text_time_free(struct text_ctx *);
/* Parses a date and time; sets rec.time and rec.tz. 0 on success. */
int	text_time_parse(struct text_ctx *, const char *s, size_t len,
	    int64_t *t, enum vs_time_zone *tz);
int	text_time_set(struct text_ctx *, const char *s, size_t len);

/* text-event.c: Event Viewer, wevtutil text, CSV, PowerShell. */
int	text_event_try(struct text_ctx *, const char *line, size_t len);
int	text_level_parse(const char *s, size_t len);
/* text-xml.c */
int	text_xml_try(struct text_ctx *, const char *line, size_t len);
/* Parses one <Event> element into ctx->rb (adding to what is there). */
int	text_xml_event(struct text_ctx *, const char *s, size_t len,
	    int keep_message);
/* text-vss.c: vssadmin and diskshadow. */
int	text_vss_try(struct text_ctx *, const char *line, size_t len);
/* text-misc.c: DPM, log lines with codes, bare messages. */
int	text_misc_try(struct text_ctx *, const char *line, size_t len);
/* A paragraph of unrecognised lines: a message record or text. */
void	text_misc_paragraph(struct text_ctx *);
#endif
