/* Unit tests of report_write with the real KB and engine: records built
 * here (so no input format is involved) go through analysis and walk,
 * and each format is checked for what it promises: 80 columns and no
 * control characters in text, no live markup from logs in markdown,
 * valid JSON with the contract's keys, and redaction everywhere. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "analysis.h"
#include "buf.h"
#include "ingest.h"
#include "kb.h"
#include "record.h"
#include "report.h"
#include "report-json.h"
#include "reportfmt.h"
#include "walk.h"
#include "tap.h"

struct fixture {
	struct kb	*kb;
	struct analysis	*an;
	struct ingest	 ing;
	struct walk	*walk;
};

static void
add_event(struct fixture *fx, int input, uint64_t line, const char *time,
    const char *provider, uint32_t id, const char *message)
{
	struct record_builder b;
	int y, mo, d, h, mi, s;

	record_builder_init(&b);
	record_builder_reset(&b, VS_KIND_EVENT, input);
	b.rec.loc_kind = VS_LOC_LINE;
	b.rec.loc = line;
	if (sscanf(time, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) == 6) {
		b.rec.time = record_make_time(y, mo, d, h, mi, s, 0);
		b.rec.tz = VS_TZ_UTC;
	} else {
		b.rec.time = VS_NO_TIME;
		b.rec.tz = VS_TZ_NONE;
	}
	b.rec.channel = record_builder_strndup(&b, "Application", 11);
	b.rec.provider = record_builder_strndup(&b, provider, strlen(provider));
	b.rec.event_id = id;
	b.rec.level = VS_LEVEL_ERROR;
	b.rec.computer = record_builder_strndup(&b, "SBS01.contoso.local", 19);
	b.rec.message = record_builder_strndup(&b, message, strlen(message));
	analysis_add_record(&b.rec, fx->an);
	fx->ing.inputs[input].records++;
	record_builder_free(&b);
}

static int
fixture_init(struct fixture *fx, const char *answers)
{
	struct kb_diag *diags;
	size_t ndiags;
	const char *dir = getenv("VSSTRIAGE_KB"), *src = getenv("VS_SRCDIR");
	char path[4096];

	memset(fx, 0, sizeof *fx);
	if (dir == NULL) {
		/* make check gives the source tree; by hand, run from it. */
		snprintf(path, sizeof path, "%s/kb", src != NULL ? src : ".");
		dir = path;
	}
	fx->kb = kb_load(dir, &diags, &ndiags);
	kb_diags_free(diags, ndiags);
	if (fx->kb == NULL)
		return -1;
	fx->an = analysis_create(fx->kb);
	ingest_init(&fx->ing, analysis_add_record, fx->an);
	int in = ingest_add_input(&fx->ing, "app.txt");
	snprintf(fx->ing.inputs[in].format, sizeof fx->ing.inputs[in].format,
	    "event-text");
	fx->ing.inputs[in].lines = 60;
	fx->ing.inputs[in].unrecognised_lines = 2;
	input_note(&fx->ing.inputs[in], "line 7: a date \x1b[31mred\x1b[0m "
	    "that could not be read");
	ingest_add_input(&fx->ing, "missing.evtx");

	add_event(fx, 0, 1, "2024-03-14T23:04:51", "Microsoft-Windows-Backup",
	    521, "Backup started at '2024-03-14T22:58:03.412000000Z' failed "
	    "as Volume Shadow copy operation failed for backup volumes with "
	    "following error code '2155348129'. Please rerun backup once "
	    "issue is resolved.");
	add_event(fx, 0, 13, "2024-03-14T23:02:40", "SQLVDI", 1,
	    "SQLVDI: Loc=TriggerAbort. Desc=invoked. ErrorCode=(0). "
	    "Process=3720. Thread=9404. Server. Instance=SHAREPOINT. "
	    "VD=Global\\{DF1DD65F-F8AD-4946-A764-F62166C541E2}10_SQLVDIMemoryName_0.");
	add_event(fx, 0, 25, "2024-03-14T23:02:18", "SQLWRITER", 24583,
	    "Sqllib error: OLEDB Error encountered calling "
	    "ICommandText::Execute. hr = 0x80040e14. SQLSTATE: 42000, "
	    "Native Error: 3013\nError message: Database 'SBSMonitoring' "
	    "cannot be opened due to inaccessible files <script>*x*</script> "
	    "on SBS01 by CONTOSO\\jdoe from 10.1.2.3 "
	    "S-1-5-21-1004336348-1177238915-682003330-1104 \x1b]0;title\x07.");
	add_event(fx, 0, 37, "2024-03-14T23:02:17", "SQLVDI", 1,
	    "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. "
	    "ErrorCode=(0). Process=4772. Thread=10300. Client. Instance= "
	    "SBSMONITORING . VD=Global\\{3AB8F080-950C-4EF9-B637-0F37B2428F17}"
	    "1_SQLVDIMemoryName_0.");
	analysis_finish(fx->an);
	fx->walk = walk_start(fx->kb, fx->an, NULL);
	if (fx->walk != NULL)
		walk_auto(fx->walk, (const char *const *)&answers,
		    answers != NULL ? 1 : 0);
	return 0;
}

static void
fixture_free(struct fixture *fx)
{
	walk_free(fx->walk);
	ingest_free(&fx->ing);
	analysis_free(fx->an);
	kb_free(fx->kb);
}

/* The report in a string; the caller frees it. */
static char *
report(struct fixture *fx, enum out_format format, int redact)
{
	static const char *const unread[] = {
		NULL, "missing.evtx: No such file or directory"
	};
	struct report_args a;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	memset(&a, 0, sizeof a);
	a.format = format;
	a.redact = redact;
	a.ing = &fx->ing;
	a.an = fx->an;
	a.walk = fx->walk;
	a.kb = fx->kb;
	a.unreadable = unread;
	a.answers_file = "answers.txt";
	if (report_write_args(f, &a) != 0)
		printf("# report_write_args failed\n");
	fclose(f);
	return text;
}

/* Longest line in columns, and whether any control character is left. */
static void
measure(const char *s, size_t *widest, int *controls)
{
	*widest = 0;
	*controls = 0;
	for (const char *p = s; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		size_t w = fmt_width(p, n);
		if (w > *widest)
			*widest = w;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];
			if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < n &&
			    (unsigned char)p[i + 1] < 0xa0))
				*controls = 1;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

static void
test_text(struct fixture *fx)
{
	char *t = report(fx, OUT_TEXT, 0);
	size_t widest;
	int controls;

	measure(t, &widest, &controls);
	ok(widest <= 80, "text fits 80 columns (widest %zu)", widest);
	ok(!controls, "text has no control characters");
	ok(strstr(t, "^[") != NULL, "an escape in a log shows as ^[");
	ok(strstr(t, "\nInputs\n") && strstr(t, "\nFindings\n") &&
	    strstr(t, "\nWalk\n") && strstr(t, "\nVerdict\n") &&
	    strstr(t, "\nCodes seen\n"), "text has every section");
	ok(strstr(t, "missing.evtx: could not be read: No such file") != NULL,
	    "the unreadable input is listed with the reason");
	ok(strstr(t, "2 of 60 lines not recognised") != NULL,
	    "unrecognised lines are counted");
	ok(strstr(t, "sql-writer: match") != NULL, "the SQL writer tree matches");
	ok(strstr(t, "sql_instance: SBSMONITORING") != NULL,
	    "the first instance by time, not by order");
	ok(strstr(t, "0x807800A1") != NULL, "the code of the backup error");
	free(t);
}

/* Lines outside fenced blocks, with code spans taken out. */
static int
md_has_raw(const char *md, const char *what)
{
	int in_block = 0;
	for (const char *p = md; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		const char *q = p;
		while (q < p + n && *q == ' ')
			q++;
		if (strncmp(q, "```", 3) == 0)
			in_block = !in_block;
		else if (!in_block) {
			char *line = strndup(p, n);
			char *found = strstr(line, what);
			int raw = found != NULL && (found == line ||
			    found[-1] != '\\');
			/* Inside a code span it is literal. */
			if (raw) {
				size_t ticks = 0;
				for (char *c = line; c < found; c++)
					ticks += *c == '`';
				raw = ticks % 2 == 0;
			}
			free(line);
			if (raw)
				return 1;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	return 0;
}

static void
test_markdown(struct fixture *fx)
{
	char *m = report(fx, OUT_MARKDOWN, 0);
	size_t widest;
	int controls;

	measure(m, &widest, &controls);
	ok(!controls, "markdown has no control characters");
	ok(!md_has_raw(m, "<script>"), "no raw HTML from a log");
	ok(strncmp(m, "# VSS triage report\n", 20) == 0, "a markdown title");
	ok(strstr(m, "\n## Findings\n") != NULL && strstr(m, "\n## Verdict\n"),
	    "markdown sections are headings");
	ok(strstr(m, "```\n") != NULL, "evidence in a fenced block");
	free(m);
}

static void
test_json(struct fixture *fx)
{
	char *j = report(fx, OUT_JSON, 0);
	struct json_check jc;
	char *paths = NULL;
	size_t plen = 0;
	FILE *pf = open_memstream(&paths, &plen);

	ok(json_check(&jc, j, strlen(j), pf) == 0, "JSON is valid%s%s",
	    jc.error ? ": " : "", jc.error ? jc.error : "");
	fclose(pf);
	static const char *const contract[] = {
		"inputs[].name string", "inputs[].format string",
		"inputs[].records number", "inputs[].errors number",
		"findings[].tree string", "findings[].status string",
		"findings[].score number", "findings[].facts object",
		"findings[].facts.sql_instance string",
		"findings[].evidence[].input string",
		"findings[].evidence[].locator string",
		"findings[].evidence[].time string",
		"findings[].evidence[].text string",
		"codes[].hresult string", "codes[].name string",
		"codes[].meaning string", "walk array", "verdict ",
	};
	for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++)
		ok(strstr(paths, contract[i]) != NULL, "JSON has %s",
		    contract[i]);
	ok(strstr(j, "\"hresult\": \"0x807800A1\"") != NULL,
	    "hresult as 0x%%08X");
	ok(strstr(j, "\"unreadable\": \"No such file or directory\"") != NULL,
	    "the unreadable input says why");
	free(paths);
	free(j);
}

static void
test_redact(struct fixture *fx)
{
	static const char *const secret[] = {
		"SBS01", "contoso", "jdoe", "10.1.2.3",
		"S-1-5-21-1004336348",
	};
	enum out_format fmts[] = { OUT_TEXT, OUT_MARKDOWN, OUT_JSON };
	const char *names[] = { "text", "markdown", "json" };

	for (size_t f = 0; f < 3; f++) {
		char *t = report(fx, fmts[f], 1);
		int leaked = 0;
		for (size_t i = 0; i < sizeof secret / sizeof secret[0]; i++)
			if (strcasestr(t, secret[i]) != NULL) {
				printf("# %s leaks %s\n", names[f], secret[i]);
				leaked = 1;
			}
		ok(!leaked, "%s: redacted report names nobody", names[f]);
		ok(strstr(t, "HOST-1") != NULL && strstr(t, "SBSMONITORING"),
		    "%s: computer pseudonym, instance name kept", names[f]);
		free(t);
	}
}

int
main(void)
{
	struct fixture fx;

	if (fixture_init(&fx, NULL) == -1) {
		ok(0, "the KB loads ($VSSTRIAGE_KB or $VS_SRCDIR/kb)");
		return done_testing();
	}
	test_text(&fx);
	test_markdown(&fx);
	test_json(&fx);
	test_redact(&fx);
	fixture_free(&fx);

	/* With the operator's answer the walk reaches a verdict. */
	if (fixture_init(&fx, "sql-stop-instance=yes") == 0) {
		char *t = report(&fx, OUT_TEXT, 0);
		char *j = report(&fx, OUT_JSON, 0);
		ok(strstr(t, "by the operator") != NULL &&
		    strstr(t, "\nOpen question\n") == NULL,
		    "the answer given is shown as the operator's");
		ok(strstr(j, "\"verdict\": {") != NULL &&
		    strstr(j, "\"by\": \"operator\"") != NULL,
		    "JSON has the verdict and who answered");
		free(t);
		free(j);
		fixture_free(&fx);
	}
	return done_testing();
}
