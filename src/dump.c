/* dump.c -- vsstriage --dump: the normalised records of any input, one
 * line each, as readable text or as JSON lines for scripts. */
#include "config.h"
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "ingest.h"
#include "options.h"
#include "record.h"
#include "xmalloc.h"

struct dump {
	struct ingest	 ing;
	enum out_format	 format;
	struct buf	 line;
	int		 write_errno;
};

static void
json_str(struct buf *b, const char *key, const char *s)
{
	buf_printf(b, ",\"%s\":", key);
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	buf_add_json(b, s, strlen(s));
	buf_addc(b, '"');
}

static void
dump_json(struct dump *d, const struct vs_record *r)
{
	struct buf *b = &d->line;
	const struct vs_input *in = &d->ing.inputs[r->input];
	char tmp[64];

	buf_adds(b, "{\"input\":\"");
	buf_add_json(b, in->name, strlen(in->name));
	buf_addc(b, '"');
	json_str(b, "format", in->format[0] != '\0' ? in->format : NULL);
	record_format_locator(r, tmp, sizeof tmp);
	json_str(b, "locator", tmp);
	if (r->loc_kind == VS_LOC_RECORD)
		buf_printf(b, ",\"record\":%" PRIu64, r->loc);
	else
		buf_adds(b, ",\"record\":null");
	buf_printf(b, ",\"recovered\":%s",
	    (r->flags & VS_REC_RECOVERED) ? "true" : "false");
	record_format_time(r->time, r->tz, tmp, sizeof tmp);
	json_str(b, "time", tmp[0] != '\0' ? tmp : NULL);
	json_str(b, "tz", r->time == VS_NO_TIME ? NULL :
	    r->tz == VS_TZ_UTC ? "utc" : r->tz == VS_TZ_LOCAL ? "local" : NULL);
	json_str(b, "kind", record_kind_name(r->kind));
	json_str(b, "channel", r->channel);
	json_str(b, "provider", r->provider);
	if (r->kind == VS_KIND_EVENT)
		buf_printf(b, ",\"id\":%" PRIu32, r->event_id);
	else
		buf_adds(b, ",\"id\":null");
	if (r->flags & VS_REC_HAS_QUALIFIERS)
		buf_printf(b, ",\"qualifiers\":%u", (unsigned)r->qualifiers);
	else
		buf_adds(b, ",\"qualifiers\":null");
	if (r->kind == VS_KIND_EVENT)
		buf_printf(b, ",\"level\":%d", r->level);
	else
		buf_adds(b, ",\"level\":null");
	json_str(b, "computer", r->computer);
	json_str(b, "user", r->user_sid);
	buf_adds(b, ",\"strings\":[");
	for (size_t i = 0; i < r->nstrings; i++) {
		buf_adds(b, i > 0 ? ",\"" : "\"");
		buf_add_json(b, r->strings[i], strlen(r->strings[i]));
		buf_addc(b, '"');
	}
	buf_adds(b, "],\"fields\":{");
	for (size_t i = 0; i < r->nfields; i++) {
		buf_adds(b, i > 0 ? ",\"" : "\"");
		buf_add_json(b, r->fields[i].name, strlen(r->fields[i].name));
		buf_adds(b, "\":\"");
		buf_add_json(b, r->fields[i].value, strlen(r->fields[i].value));
		buf_addc(b, '"');
	}
	buf_addc(b, '}');
	json_str(b, "message", r->message);
	buf_adds(b, "}\n");
}

static void
safe(struct buf *b, const char *s)
{
	buf_add_safe(b, s, strlen(s), 0);
}

/* One line a record, made safe for a terminal: what could hold escape
 * sequences (every string from the input) goes through buf_add_safe. */
static void
dump_text(struct dump *d, const struct vs_record *r)
{
	struct buf *b = &d->line;
	const struct vs_input *in = &d->ing.inputs[r->input];
	char tmp[64];

	safe(b, in->name);
	record_format_locator(r, tmp, sizeof tmp);
	buf_printf(b, ": %s", tmp);
	record_format_time(r->time, r->tz, tmp, sizeof tmp);
	if (tmp[0] != '\0')
		buf_printf(b, " %s%s", tmp, r->tz == VS_TZ_LOCAL ? " (local)" : "");
	if (r->kind != VS_KIND_EVENT)
		buf_printf(b, " %s", record_kind_name(r->kind));
	else {
		buf_printf(b, " %s", record_level_name(r->level));
		if (r->provider != NULL) {
			buf_addc(b, ' ');
			safe(b, r->provider);
		}
		buf_printf(b, " %" PRIu32, r->event_id);
		if (r->flags & VS_REC_HAS_QUALIFIERS)
			buf_printf(b, " (qualifiers %u)", (unsigned)r->qualifiers);
	}
	if (r->channel != NULL) {
		buf_adds(b, " channel=");
		safe(b, r->channel);
	}
	if (r->computer != NULL) {
		buf_adds(b, " computer=");
		safe(b, r->computer);
	}
	if (r->user_sid != NULL) {
		buf_adds(b, " user=");
		safe(b, r->user_sid);
	}
	for (size_t i = 0; i < r->nstrings; i++) {
		buf_printf(b, " [%zu]=\"", i + 1);
		safe(b, r->strings[i]);
		buf_addc(b, '"');
	}
	for (size_t i = 0; i < r->nfields; i++) {
		buf_addc(b, ' ');
		safe(b, r->fields[i].name);
		buf_adds(b, "=\"");
		safe(b, r->fields[i].value);
		buf_addc(b, '"');
	}
	if (r->message != NULL) {
		buf_adds(b, " message=\"");
		safe(b, r->message);
		buf_addc(b, '"');
	}
	buf_addc(b, '\n');
}

static int
dump_record(const struct vs_record *r, void *arg)
{
	struct dump *d = arg;

	buf_reset(&d->line);
	if (d->format == OUT_JSONL)
		dump_json(d, r);
	else
		dump_text(d, r);
	if (fwrite(d->line.data, 1, d->line.len, stdout) != d->line.len) {
		d->write_errno = errno;
		return 1;
	}
	return 0;
}

static void
on_sigint(int sig)
{
	(void)sig;
	ingest_abort_requested = 1;
}

/* What went wrong with each input, on stderr. 1 if an input lost records. */
static int
dump_summary(struct dump *d, size_t first)
{
	struct buf b;
	int lost = 0;

	buf_init(&b);
	for (size_t i = first; i < d->ing.ninputs; i++) {
		const struct vs_input *in = &d->ing.inputs[i];
		if (in->errors > 0 || (in->flags & VS_INPUT_TRUNCATED))
			lost = 1;
		if (in->errors == 0 && in->nnotes == 0 && in->flags == 0)
			continue;
		buf_reset(&b);
		buf_adds(&b, "vsstriage: ");
		safe(&b, in->name);
		buf_printf(&b, ": %" PRIu64 " records", in->records);
		if (in->recovered > 0)
			buf_printf(&b, " (%" PRIu64 " recovered)", in->recovered);
		buf_printf(&b, ", %" PRIu64 " could not be read", in->errors);
		if (in->flags & VS_INPUT_DIRTY)
			buf_adds(&b, ", dirty");
		if (in->flags & VS_INPUT_CORRUPTED)
			buf_adds(&b, ", corrupted");
		if (in->flags & VS_INPUT_TRUNCATED)
			buf_adds(&b, ", incomplete");
		buf_addc(&b, '\n');
		for (size_t j = 0; j < in->nnotes; j++) {
			buf_adds(&b, "vsstriage: ");
			safe(&b, in->name);
			buf_adds(&b, ": ");
			safe(&b, in->notes[j]);
			buf_addc(&b, '\n');
		}
		if (in->notes_dropped > 0) {
			buf_adds(&b, "vsstriage: ");
			safe(&b, in->name);
			buf_printf(&b, ": %" PRIu64 " more notes not shown\n",
			    in->notes_dropped);
		}
		fputs(buf_cstr(&b), stderr);
	}
	buf_free(&b);
	return lost;
}

int
cmd_dump(const struct options *o)
{
	struct dump d;
	struct sigaction sa, old;
	int rc = 0;

	if (o->format_set && o->format != OUT_TEXT && o->format != OUT_JSONL) {
		fputs("vsstriage: --dump writes --format=text or "
		    "--format=jsonl\n", stderr);
		return 1;
	}
	memset(&d, 0, sizeof d);
	d.format = o->format_set ? o->format : OUT_TEXT;
	buf_init(&d.line);
	ingest_init(&d.ing, dump_record, &d);
	d.ing.tz = o->tz;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	for (size_t i = 0; i < o->ninputs; i++) {
		size_t first = d.ing.ninputs;
		char *cause = NULL;
		if (ingest_path(&d.ing, o->inputs[i], &cause) == -1) {
			struct buf b;
			buf_init(&b);
			buf_adds(&b, "vsstriage: ");
			safe(&b, cause != NULL ? cause : o->inputs[i]);
			buf_addc(&b, '\n');
			fflush(stdout);
			fputs(buf_cstr(&b), stderr);
			buf_free(&b);
			rc = 2;
		}
		else {
			fflush(stdout);
			if (dump_summary(&d, first))
				rc = 2;
		}
		free(cause);
		if (d.write_errno != 0 || ingest_abort_requested)
			break;
	}
	if (fflush(stdout) != 0 && d.write_errno == 0)
		d.write_errno = errno;
	if (d.write_errno != 0) {
		fprintf(stderr, "vsstriage: cannot write the records: %s\n",
		    strerror(d.write_errno));
		rc = 2;
	} else if (ingest_abort_requested) {
		fputs("vsstriage: interrupted\n", stderr);
		rc = 130;
	}
	sigaction(SIGINT, &old, NULL);
	ingest_free(&d.ing);
	buf_free(&d.line);
	return rc;
}
