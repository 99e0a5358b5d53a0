/* Text ingest: every format from its fixture, mixed pastes, encodings
 * and hostile input. With file arguments it prints the records instead
 * (handy to look at what a paste turns into). */
#include "config.h"
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "codes.h"
#include "ingest.h"
#include "record.h"
#include "tap.h"
#include "xmalloc.h"

#define MAXREC	4096

struct got {
	struct arena		*arena;
	struct vs_record	*rec[MAXREC];
	size_t			 n;
	int			 stop_after;
};

static int
collect(const struct vs_record *r, void *arg)
{
	struct got *g = arg;
	if (g->n < MAXREC)
		g->rec[g->n++] = record_copy(g->arena, r);
	return g->stop_after > 0 && g->n >= (size_t)g->stop_after;
}

static struct ingest ing;
static struct got got;
static const char *srcdir;

static void
reset(void)
{
	ingest_free(&ing);
	if (got.arena != NULL)
		arena_free(got.arena);
	memset(&got, 0, sizeof got);
	got.arena = arena_create();
	ingest_init(&ing, collect, &got);
}

static char *
fixture_path(const char *name)
{
	return xasprintf("%s/tests/fixtures/text/%s", srcdir, name);
}

static char *
slurp(const char *name, size_t *len)
{
	char *path = fixture_path(name);
	FILE *f = fopen(path, "rb");
	struct buf b;
	char tmp[4096];
	size_t n;

	buf_init(&b);
	if (f == NULL) {
		printf("# cannot open %s\n", path);
		free(path);
		*len = 0;
		return xstrdup("");
	}
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	free(path);
	*len = b.len;
	buf_addc(&b, '\0');
	return buf_steal(&b);
}

/* Reads a fixture through the file path (the bounded reader). */
static struct vs_input *
load(const char *name)
{
	char *path = fixture_path(name), *cause = NULL;
	reset();
	if (ingest_path(&ing, path, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
	}
	free(path);
	return ing.ninputs > 0 ? &ing.inputs[0] : NULL;
}

static struct vs_input *
paste(const char *data, size_t len)
{
	char *cause = NULL;
	reset();
	ingest_buffer(&ing, "paste", data, len, &cause);
	free(cause);
	return &ing.inputs[0];
}

static const char *
F(size_t i, const char *name)
{
	char scratch[64];
	static char keep[8][4096];
	static int k;
	const char *v;
	if (i >= got.n)
		return NULL;
	v = record_get(got.rec[i], name, scratch, sizeof scratch);
	if (v == NULL)
		return NULL;
	k = (k + 1) % 8;
	snprintf(keep[k], sizeof keep[k], "%s", v);
	return keep[k];
}

static const char *
T(size_t i)
{
	static char out[64];
	if (i >= got.n)
		return NULL;
	record_format_time(got.rec[i]->time, got.rec[i]->tz, out, sizeof out);
	return out;
}

static int
has_prefix(const char *s, const char *p)
{
	return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

static int
contains(const char *s, const char *p)
{
	return s != NULL && strstr(s, p) != NULL;
}

static void
print_records(void)
{
	for (size_t i = 0; i < got.n; i++) {
		struct vs_record *r = got.rec[i];
		char loc[64], t[64];
		struct buf b;
		record_format_locator(r, loc, sizeof loc);
		record_format_time(r->time, r->tz, t, sizeof t);
		buf_init(&b);
		buf_printf(&b, "[%zu] %s %s flags=%u time=%s channel=%s "
		    "provider=%s id=%u level=%d computer=%s user=%s\n", i,
		    record_kind_name(r->kind), loc, r->flags, t,
		    r->channel ? r->channel : "-",
		    r->provider ? r->provider : "-", (unsigned)r->event_id,
		    r->level, r->computer ? r->computer : "-",
		    r->user_sid ? r->user_sid : "-");
		for (size_t j = 0; j < r->nstrings; j++) {
			buf_printf(&b, "  string%zu: ", j + 1);
			buf_add_safe(&b, r->strings[j], strlen(r->strings[j]), 0);
			buf_addc(&b, '\n');
		}
		for (size_t j = 0; j < r->nfields; j++) {
			buf_printf(&b, "  %s = ", r->fields[j].name);
			buf_add_safe(&b, r->fields[j].value,
			    strlen(r->fields[j].value), 0);
			buf_addc(&b, '\n');
		}
		if (r->message != NULL) {
			buf_adds(&b, "  message: ");
			buf_add_safe(&b, r->message, strlen(r->message), 0);
			buf_addc(&b, '\n');
		}
		fputs(buf_cstr(&b), stdout);
		buf_free(&b);
	}
}

static void
print_input(const struct vs_input *in)
{
	printf("input %s format=%s records=%" PRIu64 " lines=%" PRIu64
	    " unrecognised=%" PRIu64 " errors=%" PRIu64 "\n", in->name,
	    in->format, in->records, in->lines, in->unrecognised_lines,
	    in->errors);
	for (size_t i = 0; i < in->nnotes; i++)
		printf("  note: %s\n", in->notes[i]);
}

static void
test_event_text(void)
{
	struct vs_input *in = load("event-text.txt");
	is_str(in->format, "event-text", "event text: format");
	is_int(got.n, 2, "event text: two events");
	is_str(F(0, "provider"), "VSS", "event text: provider");
	is_str(F(0, "id"), "12289", "event text: id");
	is_str(F(0, "channel"), "Application", "event text: channel");
	is_int(got.rec[0]->level, 2, "event text: level");
	is_str(F(0, "computer"), "FS01.example.test", "event text: computer");
	ok(got.rec[0]->user_sid == NULL, "event text: N/A user is absent");
	/* Event Xml below the block gives the UTC time and the strings. */
	is_str(T(0), "2024-03-14T23:02:17.123456Z", "event text: xml time");
	is_int(got.rec[0]->nstrings, 3, "event text: xml strings");
	is_str(F(0, "string2"), "0x80070001, Incorrect function.",
	    "event text: string2");
	ok(has_prefix(F(0, "message"), "Volume Shadow Copy Service error"),
	    "event text: message from the description");
	ok(contains(got.rec[0]->message, "Execution Context: System Provider") &&
	    !contains(got.rec[0]->message, "Event Xml"),
	    "event text: description runs up to Event Xml");
	is_str(F(0, "record_id"), "4711", "event text: record id from xml");
	is_int(got.rec[0]->loc, 1, "event text: first line");
	ok(got.rec[0]->loc_end > 30, "event text: block spans its lines");
	is_str(F(1, "provider"), "SQLVDI", "event text: second event");
	is_str(T(1), "2024-03-14T23:02:19.000000", "event text: local time");
	is_int(got.rec[1]->tz, VS_TZ_LOCAL, "event text: zone is local");
	ok(contains(got.rec[1]->message, "Instance=REPORTS"),
	    "event text: second message");
}

static void
test_event_text_quoted(void)
{
	struct vs_input *in = load("event-text-quoted.txt");
	is_str(in->format, "event-text", "quoted: format");
	is_int(got.n, 2, "quoted: two events");
	is_str(F(0, "provider"), "Microsoft-Windows-Backup", "quoted: provider");
	is_str(F(0, "id"), "521", "quoted: id");
	is_str(T(0), "2024-03-14T23:05:00.000000", "quoted: dotted date");
	ok(has_prefix(F(0, "message"), "Backup started at") &&
	    contains(F(0, "message"), "resolved."), "quoted: message unquoted");
	is_str(F(1, "channel"), "Microsoft-Windows-Hyper-V-VMMS/Admin",
	    "quoted: lower-case 'Log name'");
	ok(has_prefix(F(1, "message"), "could not attach"),
	    "quoted: description on the same line");
	is_int(in->unrecognised_lines, 0, "quoted: every line understood");
}

static void
test_event_text_2003(void)
{
	struct vs_input *in = load("event-text-2003.txt");
	is_str(in->format, "event-text", "2003: format");
	is_int(got.n, 3, "2003: two events and a note");
	is_str(F(0, "provider"), "VSS", "2003: Event Source");
	is_int(got.rec[0]->level, 2, "2003: Event Type");
	is_str(F(0, "id"), "12302", "2003: id");
	is_str(T(0), "2024-03-14T23:02:17.000000", "2003: Date and Time lines");
	ok(contains(F(0, "message"), "Help and Support Center."),
	    "2003: description with a blank line");
	ok(!contains(F(0, "message"), "12289"),
	    "2003: ends at the next Event ID");
	is_str(F(1, "id"), "12289", "quoted Event ID alone starts an event");
	ok(has_prefix(F(1, "message"), "Volume Shadow Copy Service error: "
	    "Unexpected") && contains(F(1, "message"), "Writer Name: Example "
	    "Writer"), "quoted: lazy continuation lines kept");
	ok(!contains(F(1, "message"), "That is all"),
	    "quoted: blank line ends the description");
	is_int(got.rec[2]->kind, VS_KIND_TEXT, "the note after it is text");
}

static void
test_event_text_translated(void)
{
	struct vs_input *in = load("event-text-de-fr.txt");
	is_str(in->format, "event-text", "de/fr: format");
	is_int(got.n, 2, "de/fr: two events");
	is_str(F(0, "provider"), "VSS", "de: Quelle");
	is_str(F(0, "id"), "8193", "de: Ereignis-ID");
	is_int(got.rec[0]->level, 2, "de: Fehler is an error");
	is_str(T(0), "2024-03-14T23:02:17.000000", "de: date");
	ok(contains(F(0, "message"), "0x80070005"), "de: Beschreibung");
	is_str(F(1, "provider"), "SQLWRITER", "fr: Source");
	is_str(F(1, "id"), "24583", "fr: ID de l'événement");
	is_str(F(1, "computer"), "srv-fr", "fr: Ordinateur");
	is_str(T(1), "2024-03-15T08:00:00.000000", "fr: day first");
	ok(has_prefix(F(1, "message"), "Sqllib error"), "fr: Description");
}

static void
test_xml(void)
{
	struct vs_input *in = load("event-xml.xml");
	is_str(in->format, "event-xml", "xml: format");
	is_int(got.n, 2, "xml: two events in <Events>");
	is_str(F(0, "provider"), "SQLWRITER", "xml: provider");
	is_str(F(0, "id"), "24583", "xml: id");
	is_str(F(0, "user"), "S-1-5-18", "xml: user");
	is_str(F(0, "message"), "Sqllib error: rendered text",
	    "xml: RenderingInfo message");
	ok(contains(F(0, "string1"), "Database 'Sales & Stock' cannot be "
	    "opened <offline> AB."), "xml: entities undone");
	is_str(T(0), "2024-03-14T23:02:18.000000Z", "xml: UTC time");
	is_str(F(1, "HRESULT"), "2155348129", "xml: named data");
	is_str(F(1, "BackupTime"), "2024-03-14T22:00:00.000Z", "xml: named data 2");
	ok(F(1, "X") == NULL, "xml: comment skipped");
	is_str(F(1, "Empty"), "", "xml: empty named data");
	is_int(got.rec[1]->nstrings, 3, "xml: named data are strings too");
	is_str(T(1), "2024-03-14T23:05:00.500000Z", "xml: short fraction");

	in = load("event-xml-oneline.xml");
	is_int(got.n, 2, "xml: two events on one line");
	is_str(F(0, "id"), "8193", "xml: first of one line");
	is_str(F(0, "string2"), "0x80070005, Access is denied.",
	    "xml: unnamed data");
	is_str(F(1, "Hr"), "0x80070005", "xml: UserData leaf");
	is_str(F(1, "Writer"), "System Writer", "xml: UserData leaf 2");
	is_int(got.rec[0]->qualifiers, 0, "xml: qualifiers");
	ok(got.rec[0]->flags & VS_REC_HAS_QUALIFIERS, "xml: qualifiers flag");
}

static void
test_wevtutil(void)
{
	struct vs_input *in = load("wevtutil-text.txt");
	is_str(in->format, "wevtutil-text", "wevtutil: format");
	is_int(got.n, 2, "wevtutil: two events");
	is_str(F(0, "id"), "8229", "wevtutil: id");
	is_int(got.rec[0]->level, 3, "wevtutil: warning");
	is_str(T(0), "2024-03-14T23:02:17.123000", "wevtutil: time");
	ok(has_prefix(F(0, "message"), "A VSS writer has rejected") &&
	    contains(F(0, "message"), "PrepareForSnapshot Event"),
	    "wevtutil: description");
	ok(!contains(F(0, "message"), "Event[1]"), "wevtutil: ends at Event[1]");
	is_str(F(1, "provider"), "volsnap", "wevtutil: second");
	is_str(F(1, "channel"), "System", "wevtutil: channel");
}

static void
test_csv(void)
{
	struct vs_input *in = load("event-csv.csv");
	is_str(in->format, "event-csv", "csv: format");
	is_int(got.n, 3, "csv: three rows");
	is_str(F(0, "provider"), "VSS", "csv: source");
	is_str(F(0, "id"), "8193", "csv: id");
	is_str(F(0, "task"), "None", "csv: task");
	ok(contains(F(0, "message"), "OnIdentify event") &&
	    contains(F(0, "message"), "Writer Class Id: {4dc3bdd4"),
	    "csv: quoted multi-line description");
	is_str(T(0), "2024-03-14T23:02:17.000000", "csv: US time");
	is_int(got.rec[0]->loc, 2, "csv: row starts on line 2");
	ok(got.rec[0]->loc_end > got.rec[0]->loc, "csv: row spans lines");
	is_str(F(1, "message"), "He said \"stop\" and hr = -2147212300 came.",
	    "csv: doubled quotes");
	is_int(got.rec[1]->level, 3, "csv: level");
	is_str(F(2, "message"), "The VSS service is shutting down due to "
	    "idle timeout.", "csv: unquoted description");
	is_str(T(2), "2024-03-13T01:00:00.000000", "csv: AM time");

	in = load("event-tab.txt");
	is_str(in->format, "event-csv", "tab: format");
	is_int(got.n, 2, "tab: two rows");
	is_str(F(0, "message"), "Volume Shadow Copy Service error: hr = "
	    "0x80042306", "tab: quoted description");
	is_str(T(0), "2024-03-14T23:02:17.000000", "tab: day first");
	/* 14/03 showed the order, so 03/04 is the 3rd of April. */
	is_str(T(1), "2024-04-03T10:00:00.000000", "tab: order kept");
}

static void
test_powershell(void)
{
	struct vs_input *in = load("ps-list.txt");
	is_str(in->format, "powershell-list", "ps list: format");
	is_int(got.n, 2, "ps list: two events");
	is_str(F(0, "id"), "8193", "ps list: id");
	is_str(F(0, "provider"), "VSS", "ps list: provider");
	ok(contains(F(0, "message"), "hr = 0x80070005") &&
	    contains(F(0, "message"), "Initializing Writer"),
	    "ps list: wrapped message");
	is_str(T(0), "2024-03-14T23:02:17.000000", "ps list: time");
	is_str(F(1, "id"), "521", "ps list: second");

	in = load("ps-eventlog-list.txt");
	is_int(got.n, 1, "get-eventlog list: one event");
	is_str(F(0, "id"), "8193", "get-eventlog list: id from InstanceId");
	is_int(got.rec[0]->qualifiers, 49152, "get-eventlog list: qualifiers");
	is_str(F(0, "provider"), "VSS", "get-eventlog list: source");
	is_int(got.rec[0]->level, 2, "get-eventlog list: entry type");
	is_str(T(0), "2024-03-14T23:02:17.000000", "get-eventlog list: time");
	is_str(F(0, "string1"), "0x80040154", "get-eventlog list: strings");

	in = load("ps-table.txt");
	is_str(in->format, "powershell-table", "ps table: format");
	is_int(got.n, 2, "ps table: two rows");
	is_str(F(0, "id"), "8193", "ps table: id");
	is_str(F(0, "provider"), "VSS", "ps table: provider from group");
	is_int(got.rec[0]->level, 2, "ps table: level");
	is_str(F(0, "message"), "Volume Shadow Copy Service error: hr = "
	    "0x80042302...", "ps table: message");
	is_str(T(1), "2024-03-14T23:01:00.000000", "ps table: time");

	in = load("ps-eventlog-table.txt");
	is_str(in->format, "powershell-table", "get-eventlog table: format");
	is_int(got.n, 2, "get-eventlog table: two rows");
	is_str(F(0, "id"), "8193", "get-eventlog table: id from InstanceID");
	is_str(F(0, "provider"), "VSS", "get-eventlog table: source column");
	is_int(got.rec[1]->level, 3, "get-eventlog table: entry type");
	is_str(F(1, "id"), "24583", "get-eventlog table: small InstanceID");
	ok(has_prefix(F(1, "message"), "Sqllib error: OLEDB"),
	    "get-eventlog table: message");
	ok(got.rec[0]->time == VS_NO_TIME, "get-eventlog table: no year, no time");
}

static const char *
field_of(size_t i, const char *name)
{
	return i < got.n ? record_field(got.rec[i], name) : NULL;
}

static void
test_vssadmin(void)
{
	struct vs_input *in = load("vssadmin-writers-en.txt");
	is_str(in->format, "vssadmin-writers", "writers: format");
	is_int(got.n, 3, "writers: three");
	is_int(got.rec[0]->kind, VS_KIND_WRITER, "writers: kind");
	is_str(field_of(0, "writer"), "Task Scheduler Writer", "writers: name");
	is_str(field_of(0, "writer_id"), "{d61d61c8-d73a-4eee-8cdd-f6f9786b7124}",
	    "writers: id");
	is_str(field_of(0, "instance_id"),
	    "{1bddd48e-5052-49db-9b07-b96f96727e6b}", "writers: instance");
	is_str(field_of(0, "state"), "1", "writers: state");
	is_str(field_of(0, "last_error_hr"), "0x00000000", "writers: no error");
	is_str(field_of(1, "state"), "11", "writers: failed state");
	is_str(field_of(1, "last_error"), "Non-retryable error", "writers: label");
	is_str(field_of(1, "last_error_hr"), "0x800423F4", "writers: mapped");
	ok(!(got.rec[1]->flags & VS_REC_MISMATCH), "writers: no mismatch");
	ok(field_of(2, "last_error_hr") == NULL, "writers: unknown label");
	is_str(field_of(2, "unmapped"), "last_error", "writers: marked unmapped");
	is_int(in->unrecognised_lines, 0, "writers: banner understood");

	static const struct {
		const char	*file;
		const char	*writer;
		const char	*state;
		const char	*label;
	} loc[] = {
		{ "vssadmin-writers-fr.txt", "SqlServerWriter", "9", "Échec" },
		{ "vssadmin-writers-de.txt", "System Writer", "1", "Stabil" },
		{ "vssadmin-writers-pl.txt", "SqlServerWriter", "10",
		    "Nie powiodło się" },
		{ "vssadmin-writers-ja.txt", "Microsoft Hyper-V VSS Writer", "8",
		    "失敗" },
	};
	for (size_t i = 0; i < sizeof loc / sizeof loc[0]; i++) {
		load(loc[i].file);
		size_t last = got.n ? got.n - 1 : 0;
		ok(got.n >= 1 && got.rec[last]->kind == VS_KIND_WRITER,
		    "%s: a writer", loc[i].file);
		is_str(field_of(last, "writer"), loc[i].writer, "%s: name",
		    loc[i].file);
		is_str(field_of(last, "state"), loc[i].state, "%s: state",
		    loc[i].file);
		is_str(field_of(last, "state_label"), loc[i].label,
		    "%s: label kept", loc[i].file);
		ok(field_of(last, "instance_id") != NULL, "%s: instance id",
		    loc[i].file);
		is_str(field_of(last, "unmapped"), "last_error",
		    "%s: translated error unmapped", loc[i].file);
		ok(!(got.rec[last]->flags & VS_REC_MISMATCH),
		    "%s: no mismatch on translated labels", loc[i].file);
	}

	in = load("vssadmin-mismatch.txt");
	is_int(got.n, 2, "mismatch: two writers");
	ok(got.rec[0]->flags & VS_REC_MISMATCH, "mismatch: [1] Failed flagged");
	is_str(field_of(0, "state"), "1", "mismatch: number kept");
	ok(got.rec[1]->flags & VS_REC_MISMATCH, "mismatch: [9] Stable flagged");
	ok(field_of(1, "mismatch") != NULL, "mismatch: noted on the record");
	ok(in->nnotes >= 2, "mismatch: noted on the input");

	in = load("vssadmin-providers.txt");
	is_str(in->format, "vssadmin-providers", "providers: format");
	is_int(got.n, 3, "providers: three");
	is_int(got.rec[0]->kind, VS_KIND_PROVIDER, "providers: kind");
	is_str(field_of(0, "provider"),
	    "Microsoft Software Shadow Copy provider 1.0", "providers: name");
	is_str(field_of(0, "type"), "1", "providers: System is 1");
	is_str(field_of(1, "type"), "3", "providers: Hardware is 3");
	is_str(field_of(1, "provider_id"),
	    "{2f900f90-00e9-440e-873a-96ca5eb079e5}", "providers: id");
	is_str(field_of(1, "version"), "3.3.16544", "providers: version");
	ok(field_of(2, "type") == NULL, "providers: translated type has no number");
	is_str(field_of(2, "unmapped"), "type", "providers: marked unmapped");
	is_str(field_of(2, "type_label"), "Systemeigen", "providers: label kept");
}

static void
test_vssadmin_shadows(void)
{
	struct vs_input *in = load("vssadmin-shadows.txt");
	is_str(in->format, "vssadmin-shadows", "shadows: format");
	is_int(got.n, 3, "shadows: three shadow copies");
	is_int(got.rec[0]->kind, VS_KIND_SHADOW, "shadows: kind");
	is_str(field_of(0, "set_id"), "{1a2b3c4d-0000-4111-8222-333344445555}",
	    "shadows: set id");
	is_str(field_of(1, "shadow_id"), "{aaaa0002-0000-4111-8222-333344445555}",
	    "shadows: second shadow id");
	is_str(field_of(1, "set_id"), "{1a2b3c4d-0000-4111-8222-333344445555}",
	    "shadows: set id carried over");
	is_str(T(1), "2024-03-14T23:02:17.000000", "shadows: creation time");
	is_str(field_of(1, "original_volume"),
	    "(D:)\\\\?\\Volume{66666666-2222-4333-8444-555555555555}\\",
	    "shadows: original volume");
	is_str(field_of(0, "provider"),
	    "Microsoft Software Shadow Copy provider 1.0", "shadows: provider");
	is_str(field_of(0, "service_machine"), "fs01.example.test",
	    "shadows: machines by order");
	is_str(field_of(0, "attributes"), "Persistent, No auto release, "
	    "Differential, Auto recovered", "shadows: attributes");
	is_str(field_of(2, "set_id"), "{2b2b3c4d-0000-4111-8222-333344445555}",
	    "shadows: French set");
	is_str(field_of(2, "type"), "ClientAccessible", "shadows: French type");
	is_str(T(2), "2024-03-15T08:00:00.000000", "shadows: French time");
	is_int(in->unrecognised_lines, 0, "shadows: every line understood");

	in = load("vssadmin-shadowstorage.txt");
	is_str(in->format, "vssadmin-shadowstorage", "storage: format");
	is_int(got.n, 3, "storage: two associations and a heading");
	is_int(got.rec[0]->kind, VS_KIND_SHADOW_STORAGE, "storage: kind");
	is_str(field_of(0, "used"), "9.8 GB (9%)", "storage: used");
	is_str(field_of(0, "maximum_percent"), "10", "storage: max percent");
	is_int(got.rec[1]->kind, VS_KIND_TEXT, "storage: German heading");
	is_str(field_of(2, "storage_volume"),
	    "(E:)\\\\?\\Volume{77777777-2222-4333-8444-555555555555}\\",
	    "storage: German storage volume");
	is_str(field_of(2, "maximum"), "UNBOUNDED (100%)", "storage: unbounded");
	is_int(in->unrecognised_lines, 1, "storage: German heading is text");
}

static void
test_diskshadow(void)
{
	struct vs_input *in = load("diskshadow-writers.txt");
	is_str(in->format, "diskshadow", "diskshadow writers: format");
	is_int(got.n, 2, "diskshadow writers: two");
	is_str(field_of(1, "writer"), "SqlServerWriter", "diskshadow: name");
	is_str(field_of(1, "state"), "8", "diskshadow: state");
	is_str(field_of(1, "state_label"), "VSS_WS_FAILED_AT_PREPARE_SNAPSHOT",
	    "diskshadow: state name");
	is_str(field_of(1, "last_error_hr"), "0x800423F4", "diskshadow: code");
	is_str(field_of(1, "last_error"), "VSS_E_WRITERERROR_NONRETRYABLE",
	    "diskshadow: code name");
	is_str(field_of(0, "instance_id"),
	    "{a5c6a7b8-1111-4222-8333-444455556666}", "diskshadow: instance");
	ok(!(got.rec[1]->flags & VS_REC_MISMATCH), "diskshadow: agree");

	in = load("diskshadow-providers.txt");
	is_int(got.n, 2, "diskshadow providers: two");
	is_int(got.rec[0]->kind, VS_KIND_PROVIDER, "diskshadow providers: kind");
	is_str(field_of(0, "provider_id"),
	    "{2f900f90-00e9-440e-873a-96ca5eb079e5}", "diskshadow: provider id");
	is_str(field_of(0, "type"), "3", "diskshadow: type");
	is_str(field_of(0, "provider"),
	    "Example iSCSI Target VSS Hardware Provider", "diskshadow: name");
	is_str(field_of(0, "clsid"), "{363948d2-035d-4d1d-9bfc-473fece07dab}",
	    "diskshadow: clsid");
	ok(got.rec[1]->flags & VS_REC_MISMATCH,
	    "diskshadow: [2] VSS_PROV_SYSTEM flagged");
}

static void
test_dpm(void)
{
	struct vs_input *in = load("dpm-alert.txt");
	is_str(in->format, "dpm-alert", "dpm alert: format");
	size_t n30112 = 0, n3114 = 0;
	for (size_t i = 0; i < got.n; i++) {
		if (got.rec[i]->kind != VS_KIND_EVENT ||
		    got.rec[i]->provider == NULL)
			continue;
		n30112 += got.rec[i]->event_id == 30112;
		n3114 += got.rec[i]->event_id == 3114;
	}
	is_int(n30112, 1, "dpm alert: 30112");
	is_int(n3114, 1, "dpm alert: 3114");

	/* As DPM writes it, with tabs; and with spaces, as pasted. */
	in = load("dpm-errlog-tabs.txt");
	is_str(in->format, "dpm-errlog", "errlog with tabs: format");
	is_int(got.n, 2, "errlog with tabs: provider use and a coded line");
	is_str(field_of(0, "provider_id"),
	    "{2F900F90-00E9-440E-873A-96CA5EB079E5}",
	    "errlog with tabs: provider id");
	is_str(field_of(0, "log_time"), "11/05 13:02:42.416",
	    "errlog with tabs: time, with one space");
	ok(got.n > 1 && strncmp(got.rec[1]->message, "31", 2) == 0 &&
	    contains(got.rec[1]->message, "vsssnapshotrequestor.cpp(900)"),
	    "errlog with tabs: the text starts after the time");
	is_int(in->unrecognised_lines, 0, "errlog with tabs: all understood");

	in = load("dpm-errlog.txt");
	is_str(in->format, "dpm-errlog", "errlog: format");
	is_int(got.n, 2, "errlog: provider use and a coded line");
	is_int(got.rec[0]->kind, VS_KIND_PROVIDER_USE, "errlog: kind");
	is_str(field_of(0, "provider_id"),
	    "{2F900F90-00E9-440E-873A-96CA5EB079E5}", "errlog: provider id");
	is_str(field_of(0, "hw_provider"), "65536", "errlog: hw provider");
	is_str(field_of(0, "volume"),
	    "\\\\?\\Volume{de393808-58d8-11df-be86-00155d4e0e00}\\",
	    "errlog: volume");
	is_str(field_of(0, "log_time"), "11/05 13:02:42.416", "errlog: time");
	ok(got.rec[0]->time == VS_NO_TIME, "errlog: no year, no timeline");
	is_int(got.rec[1]->kind, VS_KIND_EVENT, "errlog: coded line");
	ok(contains(got.rec[1]->message, "0x800423f3"), "errlog: its text");
	is_int(in->unrecognised_lines, 0, "errlog: all lines understood");
}

static void
test_messages(void)
{
	struct vs_input *in = load("message-bare.txt");
	is_int(got.n, 2, "bare: message and text");
	is_int(got.rec[0]->kind, VS_KIND_EVENT, "bare: an event");
	ok(got.rec[0]->provider == NULL, "bare: provider unknown");
	ok(has_prefix(got.rec[0]->message, "Volume Shadow Copy Service error"),
	    "bare: message");
	is_int(got.rec[1]->kind, VS_KIND_TEXT, "bare: rest is text");
	is_int(in->unrecognised_lines, 2, "bare: two lines not understood");
	is_int(got.rec[1]->loc, 3, "bare: paragraph line");
	is_int(got.rec[1]->loc_end, 4, "bare: paragraph end");
	ok(in->nnotes >= 1 && contains(in->notes[in->nnotes - 1], "not understood"),
	    "bare: noted");

	in = load("sql-errorlog.txt");
	is_int(got.n, 3, "errorlog: a record per line");
	is_int(got.rec[1]->kind, VS_KIND_EVENT, "errorlog: coded line");
	is_str(T(1), "2024-03-14T23:02:18.400000", "errorlog: time");
	is_int(got.rec[0]->kind, VS_KIND_TEXT, "errorlog: other lines text");
	ok(got.rec[0]->time != VS_NO_TIME, "errorlog: text keeps its time");
}

static void
test_mixed(void)
{
	struct vs_input *in = load("mixed-paste.txt");
	size_t kinds[VS_KIND_COUNT] = { 0 };
	print_input(in);
	is_str(in->format, "mixed", "mixed: format");
	for (size_t i = 0; i < got.n; i++)
		kinds[got.rec[i]->kind]++;
	is_int(kinds[VS_KIND_WRITER], 2, "mixed: writers");
	is_int(kinds[VS_KIND_PROVIDER_USE], 1, "mixed: provider use");
	is_int(kinds[VS_KIND_TEXT], 1, "mixed: one text line");
	is_int(kinds[VS_KIND_EVENT], 5, "mixed: events (2 text, 1 bare, 2 xml)");
	is_str(F(0, "kind"), "text", "mixed: the intro line first");
	is_str(F(1, "id"), "521", "mixed: then the quoted event");
	ok(!contains(got.rec[2]->message, "Writer name"),
	    "mixed: description stops before vssadmin");
}

/* ---- encodings and hostile input ---- */

static void
test_utf16(void)
{
	size_t len;
	char *u8 = slurp("vssadmin-writers-fr.txt", &len);
	struct buf b;
	buf_init(&b);
	buf_add(&b, "\xff\xfe", 2);
	for (size_t i = 0; i < len;) {
		/* UTF-8 to UTF-16LE for the test's own input. */
		unsigned char c = (unsigned char)u8[i];
		uint32_t cp;
		size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 7;
		for (size_t k = 1; k < n; k++)
			cp = cp << 6 | ((unsigned char)u8[i + k] & 0x3f);
		i += n;
		if (cp == '\n') {
			buf_add(&b, "\r\0\n\0", 4);
			continue;
		}
		char u[2] = { (char)(cp & 0xff), (char)(cp >> 8) };
		buf_add(&b, u, 2);
	}
	struct vs_input *in = paste(b.data, b.len);
	is_str(in->format, "vssadmin-writers", "utf-16le bom: format");
	is_int(got.n, 2, "utf-16le bom: two writers");
	is_str(field_of(1, "state_label"), "Échec", "utf-16le bom: accents");
	/* The same without the BOM, read by the NUL pattern. */
	in = paste(b.data + 2, b.len - 2);
	is_int(got.n, 2, "utf-16le no bom: two writers");
	/* Big-endian, with its BOM. */
	for (size_t i = 0; i + 1 < b.len; i += 2) {
		char t = b.data[i];
		b.data[i] = b.data[i + 1];
		b.data[i + 1] = t;
	}
	in = paste(b.data, b.len);
	is_int(got.n, 2, "utf-16be bom: two writers");
	is_str(field_of(1, "state_label"), "Échec", "utf-16be bom: accents");
	/* A surrogate pair, a lone surrogate and an odd final byte. */
	const char u16[] = "\xff\xfeM\0s\0g\0:\0 \0\x3d\xd8\x00\xde"
	    "\x00\xd8x\0\n\0h\0r\0 \0=\0 \0""0\0x\0""8\0""0\0""0\0"
	    "4\0""2\0""3\0""1\0F\0\n";
	in = paste(u16, sizeof u16 - 1);
	ok(got.n >= 1 && contains(got.rec[0]->message, "\xf0\x9f\x98\x80") &&
	    contains(got.rec[0]->message, "\xef\xbf\xbdx"),
	    "utf-16: pairs joined, a lone half replaced");
	ok(contains(got.rec[0]->message, "0x8004231F"), "utf-16: the code read");
	int half = 0;
	for (size_t i = 0; i < in->nnotes; i++)
		half |= contains(in->notes[i], "middle of a UTF-16");
	ok(half, "utf-16: a cut character noted");
	buf_free(&b);
	free(u8);
}

static void
test_crlf_and_no_newline(void)
{
	size_t len;
	char *s = slurp("vssadmin-writers-en.txt", &len);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, s[i]);
	}
	/* Drop the final CRLF and blank lines. */
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.len--;
	paste(b.data, b.len);
	is_int(got.n, 3, "crlf: three writers");
	is_str(field_of(2, "last_error"), "Some new error text",
	    "crlf: no \\r kept, last line without newline read");
	buf_free(&b);
	free(s);

	/* A BOM in UTF-8. */
	const char bom[] = "\xef\xbb\xbfLog Name: Application\nSource: VSS\n"
	    "Event ID: 8193\nDescription:\nhr = 0x80070005";
	paste(bom, sizeof bom - 1);
	is_int(got.n, 1, "utf-8 bom: one event");
	is_str(F(0, "channel"), "Application", "utf-8 bom: skipped");
	is_str(F(0, "message"), "hr = 0x80070005", "utf-8 bom: message");
}

static void
test_garbage(void)
{
	unsigned char junk[5000];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof junk; i++) {
		x = x * 1103515245 + 12345;
		junk[i] = (unsigned char)(x >> 16);
		if (i % 7 == 0)
			junk[i] = 0;
	}
	memcpy(junk + 1000, "\nhr = 0x80042316\n", 17);
	struct vs_input *in = paste((const char *)junk, sizeof junk);
	ok(in->records > 0, "garbage: read without crashing");
	int nul = 0;
	for (size_t i = 0; i < in->nnotes; i++)
		nul |= contains(in->notes[i], "NUL");
	ok(nul, "garbage: NUL bytes noted");
	int found = 0;
	for (size_t i = 0; i < got.n; i++) {
		found |= contains(got.rec[i]->message, "0x80042316");
	}
	ok(found, "garbage: the code in it still found");

	/* Escape sequences stay in the data; display makes them safe. */
	const char esc[] = "Log Name: Application\nSource: VSS\nEvent ID: 1\n"
	    "Description:\n\x1b]0;owned\x07\x1b[2J hr = 0x800423F4\n";
	paste(esc, sizeof esc - 1);
	is_int(got.n, 1, "escapes: one event");
	ok(contains(F(0, "message"), "\x1b]0;owned\x07\x1b[2J"),
	    "escapes: kept as data");
}

static void
test_long_line(void)
{
	size_t n = 100000;
	char *s = xmalloc(n + 80);
	memset(s, 'a', n);
	memcpy(s, "0x800423F4 ", 11);
	memcpy(s + n, "\nWriter name: 'X'\n   Writer Id: {e8132975-6f93-4464-"
	    "a53e-1050253ae220}\n", 70);
	struct vs_input *in = paste(s, n + 70);
	int noted = 0;
	for (size_t i = 0; i < in->nnotes; i++)
		noted |= contains(in->notes[i], "100000 bytes long");
	ok(noted, "long line: noted");
	ok(got.n >= 1 && strlen(got.rec[0]->message) <= 65536,
	    "long line: cut");
	is_int(in->lines, 3, "long line: later lines still read");
	/* The same through a file, so the line spans reader pieces. */
	char path[] = "/tmp/vsstriage-text-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0, "long line: temp file");
	if (fd >= 0) {
		for (int i = 0; i < 40; i++)	/* 4 MB: several pieces */
			if (write(fd, s, n) != (ssize_t)n)
				break;
		if (write(fd, s + n, 70) != 70)
			printf("# short write\n");
		close(fd);
		reset();
		char *cause = NULL;
		ingest_path(&ing, path, &cause);
		free(cause);
		unlink(path);
		in = &ing.inputs[0];
		is_int(in->lines, 3, "long line: one 4 MB line through pieces");
		ok(got.n >= 1 && strlen(got.rec[0]->message) <= 65536,
		    "long line: still cut");
	}
	free(s);
}

/* Every fixture cut, spliced and sprinkled with bad bytes: whatever the
 * damage, the reader must neither crash nor lose count of its lines. */
static void
test_mutations(void)
{
	static const char *files[] = { "event-text.txt", "event-xml.xml",
	    "event-xml-oneline.xml", "wevtutil-text.txt", "event-csv.csv",
	    "ps-list.txt", "ps-table.txt", "vssadmin-writers-en.txt",
	    "vssadmin-shadows.txt", "diskshadow-writers.txt",
	    "diskshadow-providers.txt", "dpm-errlog.txt", "mixed-paste.txt",
	    "event-text-2003.txt", NULL };
	static const char *inserts[] = { "\"", "<", "</Event>", "\n\n",
	    "\x00", "\xff\xfe", "'", "[", "{", "\r", "&#x", "&#0;", ":" };
	uint32_t x = 2024;
	int bad = 0, runs = 0, per = 60;
	const char *env = getenv("VS_TEXT_MUTATIONS");

	if (env != NULL && atoi(env) > 0)
		per = atoi(env);	/* a longer hunt, by hand */

	for (int f = 0; files[f] != NULL; f++) {
		size_t len;
		char *orig = slurp(files[f], &len);
		for (int m = 0; m < per && len > 0; m++) {
			struct buf b;
			buf_init(&b);
			x = x * 1103515245 + 12345;
			size_t cut = (x >> 8) % len;
			x = x * 1103515245 + 12345;
			int kind = (int)((x >> 8) % 4);
			if (kind == 0)		/* truncated */
				buf_add(&b, orig, cut);
			else if (kind == 1) {	/* a piece missing */
				size_t skip = (x >> 12) % 40;
				buf_add(&b, orig, cut);
				if (cut + skip < len)
					buf_add(&b, orig + cut + skip,
					    len - cut - skip);
			} else {		/* something inserted */
				const char *ins = inserts[(x >> 12) %
				    (sizeof inserts / sizeof inserts[0])];
				buf_add(&b, orig, cut);
				buf_add(&b, ins, strcmp(ins, "\x00") == 0 ? 1 :
				    strlen(ins));
				buf_add(&b, orig + cut, len - cut);
			}
			size_t nl = 0;
			for (size_t i = 0; i < b.len; i++)
				nl += b.data[i] == '\n';
			struct vs_input *in = paste(b.data ? b.data : "", b.len);
			runs++;
			/* Lines counted: every newline, plus a last line. */
			if ((in->lines < nl || in->lines > nl + 1 ||
			    in->records != got.n) && !(b.len >= 2 &&
			    memcmp(b.data, "\xff\xfe", 2) == 0)) {
				bad++;
				printf("# %s mutation %d: %llu lines for %zu "
				    "newlines\n", files[f], m,
				    (unsigned long long)in->lines, nl);
			}
			buf_free(&b);
		}
		free(orig);
	}
	ok(runs > 500 && bad == 0, "%d damaged inputs read, %d miscounted",
	    runs, bad);
}

/* Event Viewer's "Save as XML": every event on one line. */
static void
test_xml_one_line(void)
{
	struct buf b;
	const char *ev = "<Event xmlns='http://schemas.microsoft.com/win/2004/"
	    "08/events/event'><System><Provider Name='VSS'/><EventID>8193"
	    "</EventID><Level>2</Level><TimeCreated SystemTime='2024-03-14T23:"
	    "01:00.0000000Z'/><Channel>Application</Channel><Computer>h1"
	    "</Computer></System><EventData><Data>hr = 0x80070005</Data>"
	    "</EventData></Event>";

	buf_init(&b);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Events>");
	for (int i = 0; i < 3000; i++) {
		buf_adds(&b, ev);
		if (i == 1500) {
			/* One event too big to keep: skipped, the rest read. */
			buf_adds(&b, "<Event><System><Provider Name='Big'/><EventID>1"
			    "</EventID></System><EventData><Data>");
			for (int k = 0; k < 9000; k++)
				buf_adds(&b, "0123456789");
			buf_adds(&b, "</Data></EventData></Event>");
		}
	}
	buf_adds(&b, "</Events>");
	struct vs_input *in = paste(b.data, b.len);
	is_int(got.n, 3000, "one-line XML export: every event read");
	is_int(in->lines, 1, "one-line XML export: still one line");
	is_str(in->format, "event-xml", "one-line XML export: format");
	int noted = 0;
	for (size_t i = 0; i < in->nnotes; i++)
		noted |= contains(in->notes[i], "was skipped");
	ok(noted && in->errors == 1, "one-line XML export: the huge event noted");
	is_str(F(2999, "string1"), "hr = 0x80070005", "one-line XML: last event");
	buf_free(&b);
}

static void
test_stop(void)
{
	reset();
	got.stop_after = 1;
	char *path = fixture_path("vssadmin-writers-en.txt"), *cause = NULL;
	ingest_path(&ing, path, &cause);
	free(cause);
	free(path);
	is_int(got.n, 1, "stop: the callback can stop reading");
}

static void
test_times(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "3/14/2024 11:02:17 PM", "2024-03-14T23:02:17.000000" },
		{ "3/14/2024 12:05:00 AM", "2024-03-14T00:05:00.000000" },
		{ "12/1/2024 12:00:00 PM", "2024-12-01T12:00:00.000000" },
		{ "2024-03-14T23:02:17.123Z", "2024-03-14T23:02:17.123000Z" },
		{ "2024-03-14T23:02:17.1234567Z", "2024-03-14T23:02:17.123456Z" },
		{ "2024-03-14 23:02:17", "2024-03-14T23:02:17.000000" },
		{ "2024-03-14T23:02:17.123", "2024-03-14T23:02:17.123000" },
		{ "2024-03-14T23:02:17+02:00", "2024-03-14T21:02:17.000000Z" },
		{ "14.03.2024 23:02:17", "2024-03-14T23:02:17.000000" },
		{ "14/03/2024 23:02:17", "2024-03-14T23:02:17.000000" },
		{ "2024-02-29 00:00:00", "2024-02-29T00:00:00.000000" },
		{ "2024-13-01 00:00:00", "" },
		{ "3/14/2024 13:02:17 PM", "" },
		{ "yesterday", "" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *p = xasprintf("Log Name: A\nSource: B\nDate: %s\n"
		    "Event ID: 1\nDescription:\nx\n", t[i].in);
		paste(p, strlen(p));
		is_str(T(0), t[i].want, "time \"%s\"", t[i].in);
		free(p);
	}
	/* Before a day above 12 shows, 24-hour slashes read day first;
	 * after "3/14", the input is month first. */
	const char two[] = "Level,Date and Time,Source,Event ID,Task Category\n"
	    "Error,3/14/2024 23:00:00,VSS,1,None,a\n"
	    "Error,4/5/2024 23:00:00,VSS,1,None,b\n";
	paste(two, sizeof two - 1);
	is_str(T(1), "2024-04-05T23:00:00.000000", "date order kept per input");
}

static void
test_tz(void)
{
	const char txt[] = "Log Name: Application\nSource: VSS\n"
	    "Date: 7/1/2024 2:00:00 PM\nEvent ID: 1\nDescription:\nx\n";
	reset();
	ing.tz = "+02:00";
	char *cause = NULL;
	ingest_buffer(&ing, "p", txt, sizeof txt - 1, &cause);
	is_str(T(0), "2024-07-01T12:00:00.000000Z", "tz: fixed offset");
	reset();
	ing.tz = "Europe/Paris";
	ingest_buffer(&ing, "p", txt, sizeof txt - 1, &cause);
	if (access("/usr/share/zoneinfo/Europe/Paris", R_OK) == 0)
		is_str(T(0), "2024-07-01T12:00:00.000000Z", "tz: zone in summer");
	else
		ok(1, "tz: zone # SKIP no zoneinfo");
	reset();
	ing.tz = "Mars/Olympus";
	ingest_buffer(&ing, "p", txt, sizeof txt - 1, &cause);
	is_int(got.rec[0]->tz, VS_TZ_LOCAL, "tz: unknown zone keeps local");
	ok(ing.inputs[0].nnotes >= 1 && contains(ing.inputs[0].notes[0],
	    "Mars/Olympus"), "tz: unknown zone noted");
	free(cause);
}

/* Reads text with --prefilter on, for the providers given. */
static struct vs_input *
paste_prefiltered(const char *data, size_t len, const char *const *want,
    size_t nwant)
{
	char *cause = NULL;
	reset();
	ing.providers = want;
	ing.nproviders = nwant;
	ing.prefilter = 1;
	ingest_buffer(&ing, "paste", data, len, &cause);
	free(cause);
	return &ing.inputs[0];
}

/* One record was read, and it is of that provider. */
static int
only_record_of(const char *provider)
{
	return got.n == 1 && got.rec[0]->provider != NULL &&
	    strcmp(got.rec[0]->provider, provider) == 0;
}

static void
noise_block(struct buf *b, int n)
{
	char *s = xasprintf("Log Name:      Application\n"
	    "Source:        MsiInstaller\nDate:          3/14/2024 1:%02d:00 PM\n"
	    "Event ID:      1033\nLevel:         Information\n"
	    "Computer:      APP01\nDescription:\n"
	    "Windows Installer installed the product (%d).\n\n"
	    "Status: 0 0x80070005 Event ID: 7\n\n", n % 60, n);
	buf_add(b, s, strlen(s));
	free(s);
}

static void
test_prefilter(void)
{
	static const char *const want[] = { "VSS", "DPM" };
	const char vss[] = "Log Name:      Application\nSource:        VSS\n"
	    "Date:          3/14/2024 11:02:17 PM\nEvent ID:      8193\n"
	    "Level:         Error\nDescription:\n"
	    "Volume Shadow Copy Service error: hr = 0x80042409.\n\n";
	struct buf b;
	struct vs_input *in;

	/* Noise, a VSS event, noise; the noise has a blank line inside
	 * its description and a line that looks like a header. */
	buf_init(&b);
	noise_block(&b, 1);
	buf_add(&b, vss, sizeof vss - 1);
	noise_block(&b, 2);
	/* Without it first: every event, and where the VSS one is. */
	in = paste(b.data, b.len);
	is_int(got.n, 3, "prefilter off: every event");
	long long loc = got.n > 1 ? (long long)got.rec[1]->loc : -1;
	uint64_t lines = in->lines, unrec = in->unrecognised_lines;
	in = paste_prefiltered(b.data, b.len, want, 2);
	is_int(got.n, 1, "prefilter: only the VSS event is a record");
	is_str(got.n > 0 ? got.rec[0]->provider : NULL, "VSS",
	    "prefilter: its provider");
	is_int(got.n > 0 ? (long long)got.rec[0]->loc : -1, loc,
	    "prefilter: its line counts the lines passed over");
	is_int(in->lines, lines, "prefilter: every line counted");
	is_int(in->unrecognised_lines, unrec,
	    "prefilter: lines understood as without it");
	is_str(in->format, "event-text", "prefilter: format");
	ok(in->nnotes > 0 && contains(in->notes[in->nnotes - 1],
	    "2 events skipped"), "prefilter: the skipped events are noted");

	/* What follows a skipped event after two blank lines is read. */
	buf_reset(&b);
	noise_block(&b, 3);
	char *w = slurp("vssadmin-writers-en.txt", &(size_t){ 0 });
	buf_add(&b, "\n", 1);
	buf_add(&b, w, strlen(w));
	free(w);
	paste(b.data, b.len);
	size_t all = got.n;
	paste_prefiltered(b.data, b.len, want, 2);
	ok(all > 1 && got.n == all - 1 && got.rec[0]->kind == VS_KIND_WRITER,
	    "prefilter: vssadmin output after a skipped event is read");

	/* Across pieces: 4 MB of noise with a VSS event in the middle. */
	buf_reset(&b);
	for (int i = 0; b.len < 2u * 1024 * 1024; i++)
		noise_block(&b, i);
	size_t at = b.len;
	buf_add(&b, vss, sizeof vss - 1);
	while (b.len < 4u * 1024 * 1024)
		noise_block(&b, 7);
	uint64_t line = 1;
	for (size_t i = 0; i < at; i++)
		line += b.data[i] == '\n';
	in = paste_prefiltered(b.data, b.len, want, 2);
	is_int(got.n, 1, "prefilter, 4 MB: one record");
	is_int(got.n > 0 ? (long long)got.rec[0]->loc : -1, (long long)line,
	    "prefilter, 4 MB: on the right line");
	uint64_t nl = 0;
	for (size_t i = 0; i < b.len; i++)
		nl += b.data[i] == '\n';
	is_int(in->lines, nl, "prefilter, 4 MB: every line counted");

	/* XML, wevtutil text and CSV: the provider decides. */
	const char xml[] = "<Event><System><Provider Name='MsiInstaller'/>"
	    "<EventID>1033</EventID></System></Event>\n"
	    "<Event><System><Provider EventSourceName='x' Name='VSS'/>"
	    "<EventID>8193</EventID></System></Event>\n"
	    "<Event><System><Provider Name='ESENT'/><EventID>326</EventID>"
	    "</System></Event>\n";
	paste_prefiltered(xml, sizeof xml - 1, want, 2);
	ok(only_record_of("VSS"),
	    "prefilter: XML");
	const char wev[] = "Event[0]:\n  Log Name: Application\n"
	    "  Source: ESENT\n  Event ID: 326\n  Description: \n"
	    "attached\n\nEvent[1]:\n  Log Name: Application\n"
	    "  Source: DPM-EM\n  Event ID: 3114\n  Description: \nx\n";
	paste_prefiltered(wev, sizeof wev - 1, want, 2);
	ok(only_record_of("DPM-EM"),
	    "prefilter: wevtutil text, a prefix (DPM*) kept");
	const char csv[] = "Level,Date and Time,Source,Event ID,Task Category\n"
	    "Information,3/14/2024 11:00:00 PM,ESENT,326,None,\"a\n\nb\"\n"
	    "Error,3/14/2024 11:02:17 PM,vss,8193,None,\"hr = 0x80042409\"\n"
	    "Information,3/14/2024 11:03:00 PM,MsiInstaller,1033,None,c\n";
	paste_prefiltered(csv, sizeof csv - 1, want, 2);
	ok(only_record_of("vss"),
	    "prefilter: CSV, case ignored");
	/* No provider list: nothing is skipped. */
	paste_prefiltered(csv, sizeof csv - 1, NULL, 0);
	is_int(got.n, 3, "prefilter: without providers, every row");
	buf_free(&b);
}

static int
count_only(const struct vs_record *r, void *arg)
{
	uint64_t *n = arg;
	n[0]++;
	n[1 + r->kind]++;
	return 0;
}

/* Reads FILE once and reports speed and peak memory (bench/text.sh). */
static int
bench(const char *path)
{
	struct ingest b;
	uint64_t n[1 + VS_KIND_COUNT] = { 0 };
	struct timespec t0, t1;
	struct rusage ru;
	char *cause = NULL;
	double secs, mb;

	ingest_init(&b, count_only, n);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ingest_path(&b, path, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_SELF, &ru);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	mb = (double)b.inputs[0].bytes / 1e6;
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
	printf("%s: %.0f MB, CPU %.2f s = %.0f MB/s per core (wall %.2f s), "
	    "%" PRIu64 " records "
	    "(%" PRIu64 " events, %" PRIu64 " writers, %" PRIu64 " text); "
	    "format %s; peak RSS %ld MB\n", path, mb, cpu, mb / cpu, secs, n[0],
	    n[1 + VS_KIND_EVENT], n[1 + VS_KIND_WRITER], n[1 + VS_KIND_TEXT],
	    b.inputs[0].format, ru.ru_maxrss / 1024);
	ingest_free(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	srcdir = getenv("VS_SRCDIR");
	if (srcdir == NULL)
		srcdir = ".";
	if (argc == 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argv[2]);
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			char *cause = NULL;
			reset();
			if (ingest_path(&ing, argv[i], &cause) != 0) {
				fprintf(stderr, "%s\n", cause);
				free(cause);
			}
			print_records();
			if (ing.ninputs > 0)
				print_input(&ing.inputs[0]);
		}
		reset();
		arena_free(got.arena);
		ingest_free(&ing);
		return 0;
	}
	test_event_text();
	test_event_text_quoted();
	test_event_text_2003();
	test_event_text_translated();
	test_xml();
	test_wevtutil();
	test_csv();
	test_powershell();
	test_vssadmin();
	test_vssadmin_shadows();
	test_diskshadow();
	test_dpm();
	test_messages();
	test_mixed();
	test_utf16();
	test_crlf_and_no_newline();
	test_garbage();
	test_long_line();
	test_mutations();
	test_xml_one_line();
	test_stop();
	test_times();
	test_tz();
	test_prefilter();
	ingest_free(&ing);
	arena_free(got.arena);
	return done_testing();
}
