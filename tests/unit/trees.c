/* Each tree of the shipped KB walked end to end from records built in
 * memory, and the look-alikes that must not match it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis.h"
#include "buf.h"
#include "kb.h"
#include "walk.h"
#include "tap.h"
#include "evb.h"

#define SESSION(writer, failure) \
	"Volume Shadow Copy Service error: Unexpected error An older writer session state is being removed. . hr = 0x80042409, Writer status is not available for one or more writers. A writer may have reached the limit to the number of available backup-restore session states.\n\nOperation:\n   PreRestore Event\n\nContext:\n   Old snapshot set: {41379de8-f7e7-4c76-bb47-7f080443e189}\n   Old operation: 1019\n   Old state: 5\n   Old failure: " failure "\n   Execution Context: Writer\n   Writer Class Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}\n   Writer Name: " writer "\n   Writer Writer Instance ID: {7eef8900-84b4-406e-a461-ce19e5e7ae7f}"
#define WSB_521 "Backup started at '2024-05-02T01:00:00.000000000Z' failed as Volume Shadow copy operation failed for backup volumes with following error code '2155348129'. Please rerun backup once issue is resolved."
#define ISCSI_ID "{2f900f90-00e9-440e-873a-96ca5eb079e5}"
#define SYSTEM_ID "{b5946137-7b9f-4925-af80-51abd60b20d5}"
#define DEVICEIO(name, id) \
	"Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#5&e581bb8&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 0000000000000318,0x00560000,0000000000000000,0,0000000000306370,4096,[0]).  hr = 0x80070001, Incorrect function.\n\nOperation:\n   Exposing Recovered Volumes\n   Locating shadow-copy LUNs\n   PostSnapshot Event\n   Executing Asynchronous Operation\n\nContext:\n   Device: \\\\?\\fdc#generic_floppy_drive\n   Execution Context: Provider\n   Provider Name: " name "\n   Provider Version: 3.3.16544\n   Provider ID: " id "\n   Current State: DoSnapshotSet"

static struct walk *
walk_to(const struct kb *kb, const struct analysis *an, const char *const *answers,
    size_t n)
{
	struct walk *w = walk_start(kb, an, NULL);
	walk_auto(w, answers, n);
	return w;
}

static void
test_session_state(const struct kb *kb)
{
	struct analysis *an = analysis_create(kb);
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:05", SESSION("Microsoft Hyper-V VSS", "0x800423f4"));
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:06", SESSION("SqlServerWriter", "0x800423f4"));
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:07", SESSION("Microsoft Hyper-V VSS", "0x800423f3"));
	evb_event(an, "Microsoft-Windows-Backup", 521, 2, "2024-05-02 01:04:00", WSB_521);
	analysis_finish(an);
	const struct finding *f = analysis_finding(an, 0);
	is_str(f ? f->tree : NULL, "writer-session-state", "0x80042409 sessions: writer-session-state first");
	ok(f && f->status == FINDING_MATCH, "a match");
	is_str(evb_fv(f, "hresult"), "0x80042409", "hresult");
	is_str(evb_fv(f, "old_failure"), "0x800423F4", "old_failure of the first session");
	is_str(evb_fv(f, "session_events"), "3", "session_events counts them");
	is_str(evb_fv(f, "writer"), "Microsoft Hyper-V VSS, SqlServerWriter", "every writer, once each");
	ok(f && f->nevidence >= 3, "the three sessions are its evidence");
	struct walk *w = walk_to(kb, an, NULL, 0);
	const struct walk_node *n = walk_current(w);
	is_str(n->id, "wss-every", "the failed backup pre-answers wss-failed; wss-every is asked");
	is_str(walk_history(w, 2)->node, "wss-failed", "wss-failed in the history");
	is_str(walk_history(w, 2)->answer, "yes", "answered yes");
	is_int(walk_history(w, 2)->by, WALK_BY_EVIDENCE, "by the evidence");
	walk_free(w);
	const char *every[] = { "wss-every=every" };
	w = walk_to(kb, an, every, 1);
	n = walk_current(w);
	is_str(n->id, "wss-app-cleanup", "every backup: the backup program leaves sessions");
	int gws = 0;
	if (n->detail != NULL)
		gws = strstr(n->detail, "BackupComplete") && strstr(n->detail, "GatherWriterStatus") &&
		    strstr(n->detail, "PostRestore") && strstr(n->detail, "OnAbort");
	ok(gws, "it says what the program must call");
	walk_free(w);
	analysis_free(an);

	/* The same events and a backup that worked: housekeeping. */
	an = analysis_create(kb);
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:05", SESSION("Microsoft Hyper-V VSS", "0x800423f4"));
	analysis_finish(an);
	const char *worked[] = { "wss-failed=no" };
	w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "wss-failed", "no failed backup in the logs: the operator is asked");
	is_int(walk_current(w)->preanswer, -1, "without a pre-answer");
	walk_free(w);
	w = walk_to(kb, an, worked, 1);
	is_str(walk_current(w)->id, "wss-ignore", "the backup worked: ignore");
	walk_free(w);
	analysis_free(an);

	/* The active-session variant is not housekeeping. */
	an = analysis_create(kb);
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:05",
	    "Volume Shadow Copy Service error: Unexpected error An active writer session state is being overwritten; 64 of 64 sessions are active. hr = 0x80042409, Writer status is not available for one or more writers.\n\nContext:\n   Writer Name: SqlServerWriter");
	analysis_finish(an);
	w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "wss-active-overwritten", "an active session overwritten: not benign");
	walk_free(w);
	analysis_free(an);
}

static void
test_hw_provider(const struct kb *kb)
{
	struct analysis *an = analysis_create(kb);
	evb_text(an, "Description: DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The writer experienced a transient error.  If the backup process is retried, the error may not reoccur.  (0x800423F3))");
	evb_fields(an, VS_KIND_PROVIDER, "provider", "Microsoft iSCSI Target VSS Hardware Provider",
	    "provider_id", ISCSI_ID, "type", "3", "type_label", "VSS_PROV_HARDWARE",
	    "version", "3.3.16544", NULL);
	evb_fields(an, VS_KIND_PROVIDER, "provider", "Microsoft Software Shadow Copy provider 1.0",
	    "provider_id", SYSTEM_ID, "type", "1", "type_label", "VSS_PROV_SYSTEM",
	    "version", "1.0.0.7", NULL);
	evb_fields(an, VS_KIND_PROVIDER_USE, "provider_id", "{2F900F90-00E9-440E-873A-96CA5EB079E5}",
	    "hw_provider", "65536", "volume", "\\\\?\\Volume{de393808-58d8-11df-be86-00155d4e0e00}\\",
	    NULL);
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "hw-provider-autorecovery");
	ok(f && f->status == FINDING_MATCH, "DPM 30112 and a hardware provider in use: a match");
	ok(f == analysis_finding(an, 0), "the best finding");
	is_str(evb_fv(f, "provider"), "Microsoft iSCSI Target VSS Hardware Provider", "provider");
	is_str(evb_fv(f, "provider_id"), ISCSI_ID, "provider_id from the provider list");
	is_str(evb_fv(f, "provider_type"), "3", "provider_type");
	is_str(evb_fv(f, "hresult"), "0x800423F3", "hresult");
	struct walk *w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "hw-option", "evidence answers up to the choice of option");
	walk_free(w);
	const char *o1[] = { "hw-option=saved-state" };
	w = walk_to(kb, an, o1, 1);
	const struct walk_node *n = walk_current(w);
	is_str(n->id, "hw-option-saved-state", "option 1");
	int uncheck = 0;
	for (size_t i = 0; i < n->nsteps; i++)
		uncheck |= strstr(n->steps[i], "Backup (volume snapshot)") != NULL;
	ok(uncheck, "option 1 unchecks the Backup (volume snapshot) integration service");
	walk_free(w);
	const char *o2[] = { "hw-option=system-provider" };
	w = walk_to(kb, an, o2, 1);
	n = walk_current(w);
	int key = 0;
	for (size_t i = 0; i < n->nsteps; i++)
		key |= strstr(n->steps[i], "Agent\\UseSystemSoftwareProvider") != NULL;
	ok(key, "option 2 gives the registry key");
	walk_free(w);
	analysis_free(an);

	/* The seed's 12289 naming the iSCSI provider, without a provider list. */
	an = analysis_create(kb);
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:05",
	    DEVICEIO("Microsoft iSCSI Target VSS Hardware Provider", ISCSI_ID));
	evb_text(an, "DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The writer experienced a transient error. (0x800423F3))");
	analysis_finish(an);
	f = evb_finding(an, "hw-provider-autorecovery");
	ok(f && f->status == FINDING_MATCH, "the iSCSI provider named in 12289 with 30112: a match");
	is_str(evb_fv(f, "provider_id"), ISCSI_ID, "provider_id from the event");
	analysis_free(an);

	/* Look-alike: 0x80070001 from DeviceIoControl, only the system provider. */
	an = analysis_create(kb);
	evb_event(an, "VSS", 12289, 2, "2024-05-02 01:00:05",
	    DEVICEIO("Microsoft Software Shadow Copy provider 1.0", SYSTEM_ID));
	evb_fields(an, VS_KIND_PROVIDER, "provider", "Microsoft Software Shadow Copy provider 1.0",
	    "provider_id", SYSTEM_ID, "type", "1", NULL);
	analysis_finish(an);
	ok(evb_finding(an, "hw-provider-autorecovery") == NULL,
	    "0x80070001 with only the system provider is not hw-provider-autorecovery");
	w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "fallback-provider", "it goes to the fallback, naming the provider");
	ok(strstr(walk_current(w)->text, "Microsoft Software Shadow Copy provider 1.0") != NULL,
	    "%s", walk_current(w)->text);
	int decoded = 0;
	for (size_t i = 0; i < walk_current(w)->nsteps; i++)
		decoded |= strstr(walk_current(w)->steps[i], "0x80070001") != NULL;
	ok(decoded, "the fallback lists the code seen");
	walk_free(w);
	analysis_free(an);
}

static void
test_exchange(const struct kb *kb)
{
	/* 9608 then 9614, then every backup refused: no 9648/9616. */
	struct analysis *an = analysis_create(kb);
	evb_event(an, "MSExchangeIS", 9840, 2, "2024-05-03 01:00:10", "refused");
	evb_event(an, "MSExchangeIS", 9607, 2, "2024-05-03 01:00:09", "Error code 0x50d when preparing for backup.");
	evb_event(an, "MSExchangeIS", 9614, 4, "2024-05-02 01:10:00", "aborted");
	evb_event(an, "MSExchangeIS", 9608, 4, "2024-05-02 01:05:00", "prepared");
	evb_event(an, "MSExchangeIS", 9604, 4, "2024-05-02 01:00:00", "start");
	analysis_finish(an);
	const struct finding *f = evb_finding(an, "exchange-backup-in-progress");
	ok(f && f->status == FINDING_MATCH, "9840 and 9607: exchange-backup-in-progress");
	is_str(evb_fv(f, "backup_in_progress"), "yes", "backup_in_progress");
	is_str(evb_fv(f, "cleanup_missing"), "yes", "cleanup_missing: 9648 and 9616 never came");
	const char *no[] = { "ex-running=no" };
	struct walk *w = walk_to(kb, an, no, 1);
	const struct walk_node *n = walk_current(w);
	is_str(n->id, "ex-restart-cleanup", "restart the store, find the program");
	int impact = 0;
	for (size_t i = 0; i < n->nsteps; i++)
		impact |= strstr(n->steps[i], "Information Store") && strstr(n->steps[i], "disconnected");
	ok(impact, "the restart step says mailbox users are disconnected");
	walk_free(w);
	analysis_free(an);

	/* The previous backup cleaned up: the flag is stuck for another reason. */
	an = analysis_create(kb);
	evb_event(an, "MSExchangeIS", 9604, 4, "2024-05-02 01:00:00", "start");
	evb_event(an, "MSExchangeIS", 9648, 4, "2024-05-02 01:20:00", "shutdown");
	evb_event(an, "MSExchangeIS", 9616, 4, "2024-05-02 01:20:01", "complete");
	evb_event(an, "MSExchangeIS", 9840, 2, "2024-05-03 01:00:10", "refused");
	analysis_finish(an);
	f = evb_finding(an, "exchange-backup-in-progress");
	is_str(evb_fv(f, "cleanup_missing"), "no", "cleanup events present");
	is_str(evb_fv(f, "backup_in_progress"), "no", "no 9607");
	w = walk_to(kb, an, no, 1);
	is_str(walk_current(w)->id, "ex-restart", "the generic restart verdict");
	walk_free(w);
	const char *yes[] = { "ex-running=yes" };
	w = walk_to(kb, an, yes, 1);
	is_str(walk_current(w)->id, "ex-wait", "a backup running: wait");
	walk_free(w);
	analysis_free(an);
}

static void
test_not_writer_errors(const struct kb *kb)
{
	/* 8194 access denied is not a writer error. */
	struct analysis *an = analysis_create(kb);
	evb_event(an, "VSS", 8194, 2, "2024-05-02 01:00:05",
	    "Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface.  hr = 0x80070005, Access is denied.\n. This is often caused by incorrect security settings in either the writer or requestor process.");
	analysis_finish(an);
	ok(evb_finding(an, "writer-errors") == NULL, "8194 access denied is no writer-errors finding");
	const struct finding *f = analysis_finding(an, 0);
	is_str(f ? f->tree : NULL, "access-denied", "it is an access-denied finding");
	is_str(evb_fv(f, "hresult"), "0x80070005", "hresult");
	struct walk *w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "ad-failed", "did the backup fail? asked, no failed backup logged");
	walk_free(w);
	analysis_free(an);
}

static void
test_more_trees(const struct kb *kb)
{
	struct analysis *an = analysis_create(kb);
	evb_event(an, "volsnap", 36, 2, "2024-05-02 01:00:05",
	    "The shadow copies of volume E: were aborted because the shadow copy storage could not grow due to a user imposed limit.");
	analysis_finish(an);
	const struct finding *f = analysis_finding(an, 0);
	is_str(f ? f->tree : NULL, "shadow-storage", "volsnap 36: shadow-storage");
	is_str(evb_fv(f, "volume"), "E:", "volume");
	struct walk *w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "ss-limit", "the limit verdict");
	ok(strstr(walk_current(w)->text, "E:") != NULL, "%s", walk_current(w)->text);
	walk_free(w);
	analysis_free(an);

	/* volsnap 33 alone is housekeeping: no finding. */
	an = analysis_create(kb);
	evb_event(an, "volsnap", 33, 4, "2024-05-02 01:00:05",
	    "The oldest shadow copy of volume C: was deleted to keep disk space usage for shadow copies of volume C: below the user defined limit.");
	analysis_finish(an);
	is_int(analysis_nfindings(an), 0, "volsnap 33 alone is no finding");
	analysis_free(an);

	/* A failed backup alone points nowhere in particular. */
	an = analysis_create(kb);
	evb_event(an, "Microsoft-Windows-Backup", 521, 2, "2024-05-02 01:04:00", WSB_521);
	analysis_finish(an);
	is_int(analysis_nfindings(an), 0, "a failed backup alone is no finding");
	analysis_free(an);

	/* An SQLVDI abort naming an instance, and nothing failed: partial. */
	an = analysis_create(kb);
	evb_event(an, "SQLVDI", 1, 2, "2024-05-02 01:00:05",
	    "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=1. Thread=2. Client. Instance=SALES. VD=Global");
	analysis_finish(an);
	f = analysis_finding(an, 0);
	ok(f && f->status == FINDING_PARTIAL && strcmp(f->tree, "sql-writer") == 0,
	    "an SQLVDI abort alone: a partial sql-writer finding");
	is_int(analysis_nfindings(an), 1, "and nothing else");
	w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "triage", "only partial findings: the walk waits at triage");
	is_int(walk_current(w)->preanswer, -1, "with no pre-answer");
	walk_free(w);
	analysis_free(an);

	an = analysis_create(kb);
	const char *s12293[] = { "{b5946137-7b9f-4925-af80-51abd60b20d5}",
	    "EndPrepareSnapshots({00000000-0000-0000-0000-000000000000}) [hr = 0x8000ffff, Catastrophic failure]" };
	evb_strings(an, "VSS", 12293, 2, "2024-05-02 01:00:05", s12293, 2);
	analysis_finish(an);
	f = analysis_finding(an, 0);
	is_str(f ? f->tree : NULL, "provider-veto", "VSS 12293 from .evtx: provider-veto");
	w = walk_to(kb, an, NULL, 0);
	is_str(walk_current(w)->id, "pv-system", "the system provider's verdict");
	walk_free(w);
	analysis_free(an);

	an = analysis_create(kb);
	evb_event(an, "Microsoft-Windows-Backup", 517, 2, "2024-05-02 01:00:05",
	    "The backup operation that started at '2024-05-02T01:00:00.000000000Z' has failed with following error code '0x80042316' (Another shadow copy creation is already in progress.). Please review the event details for a solution, and then rerun the backup operation once the issue is resolved.");
	analysis_finish(an);
	f = analysis_finding(an, 0);
	is_str(f ? f->tree : NULL, "snapshot-in-progress", "0x80042316: snapshot-in-progress");
	is_str(evb_fv(f, "hresult"), "0x80042316", "hresult");
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
	test_session_state(kb);
	test_hw_provider(kb);
	test_exchange(kb);
	test_not_writer_errors(kb);
	test_more_trees(kb);
	kb_free(kb);
	record_builder_free(&evb);
	return done_testing();
}
