/* Unit tests of the analysis and the walk over the shipped KB, with
 * records built in memory. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "buf.h"
#include "ingest.h"
#include "kb.h"
#include "walk.h"
#include "tap.h"
#include "evb.h"

#define VDI_SHAREPOINT "SQLVDI: Loc=TriggerAbort. Desc=invoked. ErrorCode=(0). Process=3720. Thread=9404. Server. Instance=SHAREPOINT. VD=Global\\{DF1DD65F-F8AD-4946-A764-F62166C541E2}10_SQLVDIMemoryName_0."
#define VDI_SBS "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=4772. Thread=10300. Client. Instance= SBSMONITORING . VD=Global\\{3AB8F080-950C-4EF9-B637-0F37B2428F17}1_SQLVDIMemoryName_0."
#define VDI_EMPTY "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=4772. Thread=10300. Client. Instance= . VD=Global\\{3AB8F080-950C-4EF9-B637-0F37B2428F17}1_SQLVDIMemoryName_0."
#define SQLW_DB "Sqllib error: OLEDB Error encountered calling ICommandText::Execute. hr = 0x80040e14. SQLSTATE: 42000, Native Error: 3013\nError message: BACKUP DATABASE is terminating abnormally.\nError message: Database 'SBSMonitoring' cannot be opened due to inaccessible files or insufficient memory or disk space. See the SQL Server errorlog for details."
#define WSB_521 "Backup started at '2024-03-14T22:58:03.412000000Z' failed as Volume Shadow copy operation failed for backup volumes with following error code '2155348129'. Please rerun backup once issue is resolved."
#define SQLW_ID "{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}"

/* The sql-writer sample as Event Viewer lists it: newest first. */
static void
sql_writer_records(struct analysis *an)
{
	evb_event(an, "Microsoft-Windows-Backup", 521, 2, "2024-03-14 23:04:51", WSB_521);
	evb_event(an, "SQLVDI", 1, 2, "2024-03-14 23:02:40", VDI_SHAREPOINT);
	evb_event(an, "SQLWRITER", 24583, 2, "2024-03-14 23:02:18", SQLW_DB);
	evb_event(an, "SQLVDI", 1, 2, "2024-03-14 23:02:17", VDI_SBS);
	evb_writer(an, "System Writer", "{e8132975-6f93-4464-a53e-1050253ae220}",
	    "1", "Stable", "No error");
	evb_writer(an, "SqlServerWriter", SQLW_ID, "7", "Failed", "Non-retryable error");
}

static void
test_sql_writer(const struct kb *kb)
{
	struct analysis *an = analysis_create(kb);
	sql_writer_records(an);
	analysis_finish(an);

	ok(analysis_nfindings(an) >= 1, "findings for the sql-writer sample");
	const struct finding *f = analysis_finding(an, 0);
	is_str(f != NULL ? f->tree : NULL, "sql-writer", "sql-writer is the best finding");
	ok(f != NULL && f->status == FINDING_MATCH, "sql-writer is a match");
	ok(f != NULL && f->score > 60, "with a high score (%d)", f != NULL ? f->score : -1);
	is_str(evb_fv(f, "sql_instance"), "SBSMONITORING",
	    "the instance of the first SQLVDI error by time, not by file order");
	is_str(evb_fv(f, "sql_database"), "SBSMonitoring", "the database from SQLWRITER 24583");
	is_str(evb_fv(f, "hresult"), "0x800423F4", "the writer's non-retryable error");

	const struct evidence *ev;
	size_t nev;
	const char *v = analysis_fact(an, "sql_instance", &ev, &nev);
	is_str(v, "SBSMONITORING", "analysis_fact by exposed name");
	ok(nev == 1 && ev[0].rec->time == evb_time("2024-03-14 23:02:17"),
	    "its evidence is the 23:02:17 record");
	ok(nev == 1 && strcmp(ev[0].field, "message") == 0 &&
	    ev[0].end > ev[0].start && strncmp(ev[0].rec->message + ev[0].start,
	    "Instance=", 9) == 0, "the evidence span is the matched text");
	is_str(analysis_fact(an, "sqlvdi-abort.instance", NULL, NULL), "SBSMONITORING",
	    "analysis_fact by fact.capture");
	is_str(analysis_fact(an, "sqlvdi-abort.count", NULL, NULL), "2",
	    "both SQLVDI errors counted");
	ok(analysis_fact(an, "no-such-fact.x", NULL, NULL) == NULL, "unknown fact is NULL");

	int saw_wsb = 0, saw_oledb = 0;
	for (size_t i = 0; i < analysis_ncodes(an); i++) {
		const struct code_seen *c = analysis_code(an, i);
		saw_wsb |= c->hresult == 0x807800A1u;
		saw_oledb |= c->hresult == 0x80040E14u;
	}
	ok(saw_oledb, "0x80040E14 from the SQLWRITER text is in the codes");
	(void)saw_wsb;

	/* The walk: triage, the check, then the question to stop the instance. */
	struct walk *w = walk_start(kb, an, NULL);
	ok(w != NULL, "walk starts at triage");
	const struct walk_node *n = walk_current(w);
	is_str(n->id, "triage", "first node is triage");
	ok(n->nchoices >= 2 && strcmp(n->choices[0].key, "sql-writer") == 0,
	    "the best finding is the first choice");
	is_int(n->preanswer, 0, "pre-answered with the best finding");
	ok(n->nevidence > 0, "the pre-answer shows its evidence");
	walk_auto(w, NULL, 0);
	n = walk_current(w);
	is_str(n->id, "sql-stop-instance", "walk_auto stops at the question only the operator can answer");
	is_str(walk_tree(w), "sql-writer", "the walk is in the sql-writer tree");
	ok(strstr(n->text, "SQL Server (SBSMONITORING)") != NULL, "the question names the instance: %s", n->text);
	is_int(n->preanswer, -1, "no pre-answer for what the logs cannot know");
	is_int(walk_nhistory(w), 2, "two steps so far: triage and the check");
	is_int(walk_history(w, 0)->by, WALK_BY_EVIDENCE, "triage answered by the evidence");
	is_str(walk_history(w, 1)->node, "sql-instance-known", "the check is in the history");

	const char *answers[] = { "sql-stop-instance=yes" };
	walk_auto(w, answers, 1);
	n = walk_current(w);
	is_str(n->id, "sql-instance-is-cause", "the operator's answer leads to the verdict");
	ok(n->kind == WALK_VERDICT && n->nsteps >= 3, "a verdict with steps");
	ok(n->nsteps > 0 && strstr(n->steps[0], "MSSQL$SBSMONITORING") != NULL,
	    "the step names the service: %s", n->nsteps > 0 ? n->steps[0] : "");
	ok(n->nrefs == 1 && strcmp(n->refs[0], "KB 2615182") == 0, "the tree's reference");
	is_int(walk_history(w, 2)->by, WALK_BY_OPERATOR, "answered by the operator");

	/* Back: the answer, then (with its check) the triage answer. */
	is_int(walk_back(w), 0, "back once");
	is_str(walk_current(w)->id, "sql-stop-instance", "back at the question");
	is_int(walk_back(w), 0, "back again");
	is_str(walk_current(w)->id, "triage", "back at triage, the check undone with it");
	is_int(walk_back(w), -1, "nothing more to take back");

	/* The operator overrides the evidence at triage. */
	n = walk_current(w);
	size_t none = n->nchoices - 1;
	is_str(n->choices[none].key, "none", "the last triage choice is the fallback");
	walk_answer(w, none, WALK_BY_OPERATOR);
	is_int(walk_history(w, 0)->by, WALK_BY_OVERRIDE, "choosing against the evidence is an override");
	n = walk_current(w);
	ok(n->kind == WALK_VERDICT, "the fallback ends in a verdict (%s)", n->id);
	walk_free(w);

	/* sql-stop-all, no: SQL is not the cause, on to writer-errors. */
	w = walk_start(kb, an, "sql-writer");
	const char *no[] = { "sql-stop-instance=no", "sql-stop-all=no" };
	walk_auto(w, no, 2);
	n = walk_current(w);
	is_str(n->id, "we-needed", "SQL not the cause: the writer-errors tree");
	ok(strstr(n->text, "SqlServerWriter") != NULL, "it names the writer: %s", n->text);
	const char *yes[] = { "we-needed=yes" };
	walk_auto(w, yes, 1);
	is_str(walk_current(w)->id, "we-fatal", "non-retryable error: the fatal verdict");
	walk_free(w);
	analysis_free(an);
}

static void
test_lookalikes(const struct kb *kb)
{
	/* An SQLVDI abort with an empty Instance= and no failed backup. */
	struct analysis *an = analysis_create(kb);
	evb_event(an, "SQLVDI", 1, 2, "2024-03-14 23:02:17", VDI_EMPTY);
	analysis_finish(an);
	ok(evb_finding(an, "sql-writer") == NULL, "empty Instance= alone is no sql-writer finding");
	analysis_free(an);

	/* A Hyper-V guest: writers "[9] Failed" with "No error"; one waiting. */
	an = analysis_create(kb);
	evb_writer(an, "Microsoft Hyper-V VSS Writer", "{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}",
	    "9", "Failed", "No error");
	evb_writer(an, "SqlServerWriter", SQLW_ID, "5", "Waiting for completion", "No error");
	analysis_finish(an);
	ok(evb_finding(an, "writer-errors") == NULL,
	    "[9] Failed with No error and [5] Waiting for completion are no writer error");
	ok(evb_finding(an, "sql-writer") == NULL, "nor an SQL writer problem");
	struct walk *w = walk_start(kb, an, NULL);
	walk_auto(w, NULL, 0);
	is_str(walk_current(w)->id, "fallback-general", "no finding: triage goes to the fallback");
	walk_free(w);
	analysis_free(an);

	/* A writer failed with a timeout: a writer error, and its name. */
	an = analysis_create(kb);
	evb_writer(an, "SqlServerWriter", SQLW_ID, "10", "Failed", "Timed out");
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "writer-errors");
	ok(f != NULL && f->status == FINDING_MATCH, "a timed-out writer is a writer error");
	is_str(evb_fv(f, "writer"), "SqlServerWriter", "writer");
	is_str(evb_fv(f, "hresult"), "0x800423F2", "the label gives the code");
	is_str(evb_fv(f, "writer_error"), "VSS_E_WRITERERROR_TIMEOUT", "writer_error is the code's name");
	ok(evb_fv(f, "writer_state") != NULL && strstr(evb_fv(f, "writer_state"), "[10]") != NULL,
	    "writer_state says [10]");
	is_str(evb_fv(f, "writer_service"), "SQL Server VSS Writer",
	    "writers.tsv names the service that hosts the writer");
	analysis_free(an);
}

static void
test_templates(const struct kb *kb)
{
	/* An .evtx record of event 521 has only its strings. */
	struct analysis *an = analysis_create(kb);
	const char *s521[] = { "2024-03-14T22:58:03.412000000Z", "2155348129" };
	evb_strings(an, "Microsoft-Windows-Backup", 521, 2, "2024-03-14 23:04:51", s521, 2);
	const char *svdi[] = { VDI_SBS };
	evb_strings(an, "SQLVDI", 1, 2, "2024-03-14 23:02:17", svdi, 1);
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "sql-writer");
	ok(f != NULL && f->status == FINDING_MATCH, "the same events from .evtx match sql-writer");
	is_str(evb_fv(f, "hresult"), "0x807800A1", "521's decimal code, rendered through the template");
	is_str(evb_fv(f, "sql_instance"), "SBSMONITORING", "instance from the rendered SQLVDI event");
	analysis_free(an);

	/* A bare pasted message: the template's fixed text names it. */
	an = analysis_create(kb);
	evb_event(an, NULL, 0, 0, NULL, WSB_521);
	evb_event(an, NULL, 0, 0, NULL, VDI_SBS);
	analysis_finish(an);
	is_str(analysis_fact(an, "backup-vss-failed.hresult", NULL, NULL), "0x807800A1",
	    "a bare 521 message is attributed to Microsoft-Windows-Backup");
	analysis_free(an);

	struct buf b;
	struct vs_record r;
	const char *st[] = { "CoCreateInstance", "0x8007045b, A system shutdown is in progress.", "", "" };
	memset(&r, 0, sizeof r);
	r.kind = VS_KIND_EVENT;
	r.provider = "VSS";
	r.event_id = 8193;
	r.strings = st;
	r.nstrings = 4;
	buf_init(&b);
	ok(template_render(kb, &r, &b) == 1, "VSS 8193 has a template");
	ok(strncmp(buf_cstr(&b), "Volume Shadow Copy Service error: Unexpected error calling routine "
	    "CoCreateInstance.  hr = 0x8007045b, A system shutdown is in progress.", 124) == 0,
	    "rendered: %.60s", buf_cstr(&b));
	r.event_id = 9999;
	buf_reset(&b);
	ok(template_render(kb, &r, &b) == 0, "no template, nothing rendered");
	buf_free(&b);
}

static void
test_paste(const struct kb *kb)
{
	/* Pasted text, as the wizard's paste box hands it over. */
	static const char paste[] =
	    "Log Name:      Application\n"
	    "Source:        SQLVDI\n"
	    "Date:          3/14/2024 11:02:40 PM\n"
	    "Event ID:      1\n"
	    "Level:         Error\n"
	    "Description:\n"
	    VDI_SHAREPOINT "\n"
	    "\n"
	    "Log Name:      Application\n"
	    "Source:        SQLVDI\n"
	    "Date:          3/14/2024 11:02:17 PM\n"
	    "Event ID:      1\n"
	    "Level:         Error\n"
	    "Description:\n"
	    VDI_SBS "\n"
	    "\n"
	    "Log Name:      Application\n"
	    "Source:        Microsoft-Windows-Backup\n"
	    "Date:          3/14/2024 11:04:51 PM\n"
	    "Event ID:      521\n"
	    "Level:         Error\n"
	    "Description:\n"
	    WSB_521 "\n";
	struct analysis *an = analysis_create(kb);
	struct ingest ing;
	char *cause = NULL;
	ingest_init(&ing, analysis_add_record, an);
	int rc = ingest_buffer(&ing, "paste", paste, sizeof paste - 1, &cause);
	ok(rc == 0, "the paste is read%s%s", cause ? ": " : "", cause ? cause : "");
	free(cause);
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "sql-writer");
	ok(f != NULL && f->status == FINDING_MATCH, "a pasted sql-writer case matches");
	is_str(evb_fv(f, "sql_instance"), "SBSMONITORING", "the first SQLVDI error by time");
	ingest_free(&ing);
	analysis_free(an);
}

static void
test_finish_again(const struct kb *kb)
{
	/* More records after a finish: the next finish sees them all. */
	struct analysis *an = analysis_create(kb);
	evb_event(an, "SQLVDI", 1, 2, "2024-03-14 23:02:40", VDI_SHAREPOINT);
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "sql-writer");
	ok(f != NULL && f->status == FINDING_PARTIAL, "an SQLVDI abort alone: partial");
	evb_event(an, "SQLVDI", 1, 2, "2024-03-14 23:02:17", VDI_SBS);
	evb_event(an, "Microsoft-Windows-Backup", 521, 2, "2024-03-14 23:04:51", WSB_521);
	analysis_finish(an);
	f = evb_finding(an, "sql-writer");
	ok(f != NULL && f->status == FINDING_MATCH, "with the failed backup added: a match");
	is_str(evb_fv(f, "sql_instance"), "SBSMONITORING", "the earlier abort, added later, wins");

	ok(walk_start(kb, an, "no-such-tree") == NULL, "walk_start on an unknown tree is NULL");
	struct walk *w = walk_start(kb, an, "sql-writer");
	const char *yes[] = { "sql-stop-instance=yes", "sql-stop-instance=nonsense" };
	walk_auto(w, yes, 2);
	ok(walk_current(w)->kind == WALK_VERDICT, "an unknown key is ignored, the known one taken");
	is_int(walk_answer(w, 0, WALK_BY_OPERATOR), -1, "a verdict takes no answer");
	walk_free(w);
	analysis_free(an);
}

static void
test_no_kb(void)
{
	/* Without a knowledge base the codes are still counted. */
	struct analysis *an = analysis_create(NULL);
	evb_event(an, "VSS", 8193, 2, NULL, "hr = 0x80070005, Access is denied.");
	evb_event(an, "VSS", 8193, 2, NULL, "hr = 0x80070005, Access is denied.");
	analysis_finish(an);
	is_int(analysis_nfindings(an), 0, "no KB, no findings");
	ok(analysis_ncodes(an) == 1 && analysis_code(an, 0)->hresult == 0x80070005u &&
	    analysis_code(an, 0)->count == 2, "no KB, codes still counted");
	analysis_free(an);
}

static void
test_bounded(const struct kb *kb)
{
	/* Records no rule selects are not kept: a million of them cost
	 * nothing but the scan. A pathological message never hangs. */
	struct analysis *an = analysis_create(kb);
	char big[70000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (int i = 0; i < 2000; i++)
		evb_event(an, "Some-Other-Provider", 1000, 4, "2024-01-01 00:00:00", "nothing to see");
	evb_event(an, "SQLVDI", 1, 2, "2024-01-01 00:00:00", big);
	analysis_finish(an);
	is_int(analysis_nfindings(an), 0, "unrelated records give no finding");
	analysis_free(an);

	/* 6000 failed backups: a fact that keeps its latest keeps one record
	 * but counts them all; the latest by time, whatever the order. */
	an = analysis_create(kb);
	char msg[300], when[32];
	for (int i = 0; i < 6000; i++) {
		int day = 1 + (i * 7919) % 6000 / 250, min = (i * 7919) % 250 % 60;
		snprintf(when, sizeof when, "2024-02-%02d 01:%02d:00", day, min);
		snprintf(msg, sizeof msg, "Backup started at 'x' failed as Volume Shadow copy "
		    "operation failed for backup volumes with following error code '%d'. "
		    "Please rerun backup once issue is resolved.", 1000 + day * 100 + min);
		evb_event(an, "Microsoft-Windows-Backup", 521, 2, when, msg);
	}
	analysis_finish(an);
	is_str(analysis_fact(an, "backup-vss-failed.count", NULL, NULL), "6000", "all 6000 counted");
	is_str(analysis_fact(an, "backup-vss-failed.hresult", NULL, NULL), "0x00000D83",
	    "the latest by time gives the value (day 24, 01:59)");
	analysis_free(an);
}

int
main(void)
{
	record_builder_init(&evb);
	struct kb *kb = evb_kb();
	ok(kb != NULL, "the shipped KB loads");
	if (kb == NULL)
		return done_testing();
	test_sql_writer(kb);
	test_lookalikes(kb);
	test_templates(kb);
	test_bounded(kb);
	test_paste(kb);
	test_finish_again(kb);
	test_no_kb();
	kb_free(kb);
	record_builder_free(&evb);
	return done_testing();
}
