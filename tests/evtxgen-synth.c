/*
 * tests/evtxgen-synth.c -- a large, seeded Application log for
 * benchmarks: mostly ordinary noise, with a chosen share of the events
 * the knowledge base looks for.
 *
 * Speed comes from the writer: each event shape has one template per
 * chunk, and a record is only its values. Here we only vary the values
 * (record number, time, numbers and names inside the strings).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtxgen.h"
#include "xmalloc.h"

#define MAX_ITEMS	16
#define TEXT_SIZE	2048

struct rng {
	uint64_t	s;
};

/* splitmix64: small, seedable, the same everywhere. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t	z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/*
 * Draw numbers in separate statements, never two in one expression or
 * argument list: the order C evaluates those in is unspecified, and the
 * same seed must give the same file from any compiler.
 */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return ((uint32_t)(rng_next(r) % n));
}

#define PICK(r, a)	((a)[rng_below((r), sizeof (a) / sizeof (a)[0])])

struct synth;
typedef void (*fill_cb)(struct synth *, struct evg_event *);

#define NKB	10
#define NNOISE	8

struct profile {
	const char	*provider;
	const char	*guid;		/* NULL: classic source */
	const char	*channel;	/* NULL: Application */
	uint16_t	 id;
	int		 has_qualifiers;
	uint16_t	 qualifiers;
	uint8_t		 level;
	uint64_t	 keywords;
	unsigned	 weight;	/* share among the noise */
	fill_cb		 fill;
	int		 userdata;
	const char	*names[MAX_ITEMS];	/* item names; "" unnamed */
	size_t		 nitems;
	int		 binary;
};

/* A profile's event, built once and refilled for every record. */
struct slot {
	const struct profile	*p;
	struct evg_event	 ev;
	struct evg_item		 items[MAX_ITEMS];
};

struct synth {
	struct rng	 rng;
	char		 text[MAX_ITEMS][TEXT_SIZE];
	uint8_t		 bin[64];
	const char	*computer;
	const char	*instance;	/* the SQL instance in trouble */
	const char	*database;
	uint64_t	 now;
	struct slot	 kb[NKB];
	struct slot	 noise[NNOISE];
	const int	*incident;	/* KB events still to write, -1 ends */
};

static const char *hresults[] = {
	("0x800423f4, The writer experienced a non-transient error.  If the "
	    "backup process is retried,\nthe error is likely to reoccur.\n"),
	("0x800423f3, The writer experienced a transient error.  If the "
	    "backup process is retried,\nthe error may not reoccur.\n"),
	("0x800423f2, The writer's timeout expired between the Freeze and "
	    "Thaw events.\n"),
	"0x80070005, Access is denied.\n",
	"0x8000ffff, Catastrophic failure\n",
	"0x80042306, The shadow copy provider had an error.\n",
	("0x80042317, The specified volume has already reached its maximum "
	    "number of shadow copies.\n")
};

static void
text(struct synth *s, int i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
text(struct synth *s, int i, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(s->text[i], TEXT_SIZE, fmt, ap);
	va_end(ap);
}

static void
guid_text(struct synth *s, char *buf, size_t size)
{
	uint64_t	a, b;

	a = rng_next(&s->rng);
	b = rng_next(&s->rng);
	snprintf(buf, size, "{%08X-%04X-%04X-%04X-%012llX}",
	    (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
	    (unsigned)a & 0xffff, (unsigned)(b >> 48),
	    (unsigned long long)(b & 0xffffffffffffULL));
}

static void
set_binary(struct synth *s, struct evg_event *e, const char *bytes)
{
	size_t	len = strlen(bytes);

	memcpy(s->bin, bytes, len);
	e->binary = s->bin;
	e->binary_len = len;
}

static void
fill_vss_8193(struct synth *s, struct evg_event *e)
{
	static const char	*routines[] = {
		"CoCreateInstance",
		("RegOpenKeyExW(-2147483646,SYSTEM\\CurrentControlSet\\Services"
		    "\\VSS\\Diag,...)"),
		"CVssCoordinator::StartSnapshotSet",
		"IVssWriterCallback::GetContent"
	};

	text(s, 0, "%s", PICK(&s->rng, routines));
	text(s, 1, "%s", PICK(&s->rng, hresults));
	set_binary(s, e, "- Code: COORDINST00000");
}

static void
fill_vss_12289(struct synth *s, struct evg_event *e)
{
	char		g[40];
	unsigned	handle, buffer;

	guid_text(s, g, sizeof g);
	handle = rng_below(&s->rng, 0x1000);
	buffer = rng_below(&s->rng, 0x7fffffff);
	text(s, 0, "DeviceIoControl(\\\\?\\Volume%s - %016X,0x0053c008,"
	    "0000000000000000,0,%016X,4096,[0])", g, handle, buffer);
	text(s, 1, "%s", PICK(&s->rng, hresults));
	text(s, 2, "\n\nOperation:\n   Processing PrepareForSnapshot\n\n"
	    "Context:\n   Volume Name: \\\\?\\Volume%s\\\n"
	    "   Execution Context: System Provider", g);
	set_binary(s, e, "- Code: SPRIOCTLC0000");
}

static void
fill_vss_8229(struct synth *s, struct evg_event *e)
{
	char	g[40];

	guid_text(s, g, sizeof g);
	text(s, 0, "%s", PICK(&s->rng, hresults));
	text(s, 1, "\n\nOperation:\n   PrepareForSnapshot Event\n\n"
	    "Context:\n   Execution Context: Writer\n"
	    "   Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n"
	    "   Writer Name: SqlServerWriter\n"
	    "   Writer Instance Name: SQL Server:SQLWriter\n"
	    "   Writer Instance ID: %s\n"
	    "   Command Line: \"C:\\Program Files\\Microsoft SQL Server\\90"
	    "\\Shared\\sqlwriter.exe\"\n   Process ID: %u", g,
	    1000 + rng_below(&s->rng, 9000));
	set_binary(s, e, "- Code: WRTWRTIC0000");
}

static void
fill_sqlvdi(struct synth *s, struct evg_event *e)
{
	static const char	*where[] = {
		"Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0)",
		"Loc=TriggerAbort. Desc=invoked. ErrorCode=(0)",
		"Loc=CVDS::Close. Desc=Open devices!. ErrorCode=(0)"
	};
	const char		*loc, *side;
	char			 g[40];
	unsigned		 pid, tid, vd;

	guid_text(s, g, sizeof g);
	loc = PICK(&s->rng, where);
	pid = 1000 + rng_below(&s->rng, 9000);
	tid = 1000 + rng_below(&s->rng, 20000);
	side = rng_below(&s->rng, 2) ? "Client" : "Server";
	vd = 1 + rng_below(&s->rng, 12);
	text(s, 0, "SQLVDI: %s. Process=%u. Thread=%u. %s. Instance=%s. "
	    "VD=Global\\%s%u_SQLVDIMemoryName_0. ", loc, pid, tid, side,
	    s->instance, g, vd);
}

static void
fill_sqlwriter(struct synth *s, struct evg_event *e)
{
	text(s, 0, "Sqllib error: OLEDB Error encountered calling "
	    "ICommandText::Execute. hr = 0x80040e14. SQLSTATE: 42000, Native "
	    "Error: 3013\nError state: 1, Severity: 16\nSource: Microsoft SQL "
	    "Server Native Client 11.0\nError message: BACKUP DATABASE is "
	    "terminating abnormally.\nSQLSTATE: 42000, Native Error: 945\n"
	    "Error state: 2, Severity: 14\nSource: Microsoft SQL Server Native "
	    "Client 11.0\nError message: Database '%s' cannot be opened due to "
	    "inaccessible files or insufficient memory or disk space.  See the "
	    "SQL Server errorlog for details.\n", s->database);
}

static void
fill_backup_521(struct synth *s, struct evg_event *e)
{
	static const char	*codes[] = {
		"2155348129", "2147754996", "2147942405", "2155347997"
	};

	/* The backup began a few minutes before it failed. */
	evg_time_text(s->text[0], TEXT_SIZE, 3, s->now -
	    (uint64_t)(60 + rng_below(&s->rng, 1800)) * 10000000);
	text(s, 1, "%s", PICK(&s->rng, codes));
}

static void
fill_exchange_9607(struct synth *s, struct evg_event *e)
{
	text(s, 0, "0x50d");
	set_binary(s, e, "Backup in progress");
}

static void
fill_exchange_9840(struct synth *s, struct evg_event *e)
{
	unsigned	a, b;

	a = 1 + rng_below(&s->rng, 9);
	b = 1 + rng_below(&s->rng, 99);
	text(s, 0, "Exchange VSS Writer (instance %u:%u)", a, b);
	text(s, 1, "0x%x", 0x800423f0U + rng_below(&s->rng, 5));
}

static void
fill_dpm_3114(struct synth *s, struct evg_event *e)
{
	unsigned	vm, failed;

	vm = rng_below(&s->rng, 40);
	failed = 1 + rng_below(&s->rng, 5);
	text(s, 0, "Recovery point creation jobs for Microsoft Hyper-V "
	    "\\Backup Using Child Partition Snapshot\\Guest%02u on %s have "
	    "been failing. The number of failed recovery point creation jobs "
	    "= %u.", vm, s->computer, failed);
	text(s, 1, "DPM encountered a retryable VSS error. (ID 30112 Details: "
	    "VssError:The writer experienced a transient error.  If the backup "
	    "process is retried, the error may not reoccur. (0x800423F3))");
}

static void
fill_vmms_10111(struct synth *s, struct evg_event *e)
{
	char	g[40];
	unsigned vm = rng_below(&s->rng, 40);

	guid_text(s, g, sizeof g);
	text(s, 0, "Guest%02u", vm);
	text(s, 1, "%.36s", g + 1);
	text(s, 2, "\\\\?\\Volume%s\\Guest%02u\\Guest%02u.vhdx", g, vm, vm);
}

static void
fill_spp_16384(struct synth *s, struct evg_event *e)
{
	static const char	*reasons[] = {
		"RulesEngine", "TBL", "RulesEngine.Idle"
	};

	/* The next restart of the service, hours to days ahead. */
	evg_time_text(s->text[0], TEXT_SIZE, 3, s->now +
	    (uint64_t)(3600 + rng_below(&s->rng, 7 * 86400)) * 10000000);
	text(s, 1, "%s", PICK(&s->rng, reasons));
}

static void
fill_nothing(struct synth *s, struct evg_event *e)
{
}

static void
fill_app_error(struct synth *s, struct evg_event *e)
{
	static const char	*apps[][2] = {
		{ "explorer.exe", "10.0.20348.2227" },
		{ "svchost.exe_WpnUserService", "10.0.20348.1" },
		{ "sqlservr.exe", "2019.150.4345.5" },
		{ "w3wp.exe", "10.0.20348.1" },
		{ "backupagent.exe", "8.2.0.1114" }
	};
	static const char	*modules[] = {
		"ntdll.dll", "KERNELBASE.dll", "ucrtbase.dll", "clr.dll",
		"unknown"
	};
	static const char	*codes[] = {
		"c0000005", "c0000409", "e0434352", "c0000374"
	};
	unsigned		 a = rng_below(&s->rng, 5);
	const char		*mod = PICK(&s->rng, modules);
	char			 g[40];

	guid_text(s, g, sizeof g);
	text(s, 0, "%s", apps[a][0]);
	text(s, 1, "%s", apps[a][1]);
	text(s, 2, "%08x", (unsigned)rng_next(&s->rng));
	text(s, 3, "%s", mod);
	text(s, 4, "10.0.20348.%u", rng_below(&s->rng, 3000));
	text(s, 5, "%08x", (unsigned)rng_next(&s->rng));
	text(s, 6, "%s", PICK(&s->rng, codes));
	text(s, 7, "0x%016llx",
	    (unsigned long long)rng_below(&s->rng, 0x100000));
	text(s, 8, "0x%x", 100 + rng_below(&s->rng, 20000));
	text(s, 9, "0x01da%012llx",
	    (unsigned long long)(rng_next(&s->rng) & 0xffffffffffffULL));
	text(s, 10, "C:\\Windows\\%s", apps[a][0]);
	text(s, 11, "C:\\Windows\\System32\\%s", mod);
	text(s, 12, "%.36s", g + 1);
	s->text[13][0] = '\0';
	s->text[14][0] = '\0';
}

static void
fill_msi(struct synth *s, struct evg_event *e)
{
	static const char	*products[][2] = {
		{ "Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135",
		    "Microsoft Corporation" },
		{ "Microsoft ODBC Driver 17 for SQL Server",
		    "Microsoft Corporation" },
		{ "Backup Agent", "Contoso Ltd." },
		{ "Local Administrator Password Solution",
		    "Microsoft Corporation" }
	};
	unsigned		 p = rng_below(&s->rng, 4), v[4];
	char			 g[40];

	guid_text(s, g, sizeof g);
	text(s, 0, "%s", products[p][0]);
	v[0] = 1 + rng_below(&s->rng, 16);
	v[1] = rng_below(&s->rng, 99);
	v[2] = rng_below(&s->rng, 50000);
	v[3] = rng_below(&s->rng, 99);
	text(s, 1, "%u.%u.%u.%u", v[0], v[1], v[2], v[3]);
	text(s, 2, "1033");
	text(s, 3, "%u", rng_below(&s->rng, 8) == 0 ? 1603 : 0);
	text(s, 4, "%s", products[p][1]);
	set_binary(s, e, g);
}

static void
fill_esent(struct synth *s, struct evg_event *e)
{
	static const char	*who[][2] = {
		{ "svchost", "SRUJet: " },
		{ "SearchIndexer", "Windows: " },
		{ "lsass", "" },
		{ "TiWorker", "" }
	};
	unsigned		 w = rng_below(&s->rng, 4), pid;

	text(s, 0, "%s", who[w][0]);
	pid = 400 + rng_below(&s->rng, 20000);
	text(s, 1, "%u,D,%u", pid, rng_below(&s->rng, 100));
	text(s, 2, "%s", who[w][1]);
	text(s, 3, "C:\\Windows\\system32\\SRU\\SRUDB.dat");
	text(s, 4, "%u", rng_below(&s->rng, 100));
}

static void
fill_restart_manager(struct synth *s, struct evg_event *e)
{
	text(s, 0, "%u", rng_below(&s->rng, 4));
	/* The session started just before the event. */
	evg_time_text(s->text[1], TEXT_SIZE, 7,
	    s->now - rng_below(&s->rng, 50000000));
}

static void
fill_vss_benign(struct synth *s, struct evg_event *e)
{
	set_binary(s, e, "- Code: CORSVCC00000");
}

#define KW_CLASSIC	0x80000000000000ULL

/* Events the knowledge base reads (written in incidents, see below). */
static const struct profile kb_profiles[NKB] = {
	{ "VSS", NULL, NULL, 8193, 1, 0, 2, KW_CLASSIC, 3, fill_vss_8193, 0,
	    { "", "" }, 2, 1 },
	{ "VSS", NULL, NULL, 12289, 1, 0, 2, KW_CLASSIC, 3, fill_vss_12289,
	    0, { "", "", "" }, 3, 1 },
	{ "VSS", NULL, NULL, 8229, 1, 0, 3, KW_CLASSIC, 3, fill_vss_8229, 0,
	    { "", "" }, 2, 1 },
	{ "SQLVDI", NULL, NULL, 1, 1, 0, 2, KW_CLASSIC, 3, fill_sqlvdi, 0,
	    { "" }, 1, 0 },
	{ "SQLWRITER", NULL, NULL, 24583, 1, 0, 2, KW_CLASSIC, 2,
	    fill_sqlwriter, 0, { "" }, 1, 0 },
	{ "Microsoft-Windows-Backup",
	    "{1DB28F2E-8F80-4027-8C5A-A11F7F10F62D}", NULL, 521, 0, 0, 2,
	    0x8000000000000000ULL, 2, fill_backup_521, 0,
	    { "BackupTime", "HRESULT" }, 2, 0 },
	{ "MSExchangeIS", NULL, NULL, 9607, 1, 49152, 2, KW_CLASSIC, 1,
	    fill_exchange_9607, 0, { "" }, 1, 1 },
	{ "MSExchangeIS", NULL, NULL, 9840, 1, 49152, 2, KW_CLASSIC, 1,
	    fill_exchange_9840, 0, { "", "" }, 2, 0 },
	{ "DPM", NULL, NULL, 3114, 1, 0, 2, KW_CLASSIC, 1, fill_dpm_3114, 0,
	    { "", "" }, 2, 0 },
	{ "Microsoft-Windows-Hyper-V-VMMS",
	    "{6066F867-7CA1-4418-85FD-36E3F9C0600C}",
	    "Microsoft-Windows-Hyper-V-VMMS-Admin", 10111, 0, 0, 2,
	    0x8000000000000000ULL, 1, fill_vmms_10111, 0,
	    { "VmName", "VmId", "VhdPath" }, 3, 0 }
};

/*
 * KB events come in incidents, the way a failed backup leaves them: the
 * indexes are into kb_profiles, -1 ends a list.
 */
static const int incident_sql[] = { 3, 3, 4, 2, 5, -1 };	/* KB 2615182 */
static const int incident_vss[] = { 0, 5, -1 };
static const int incident_ioctl[] = { 1, 1, 5, -1 };
static const int incident_exchange[] = { 6, 7, -1 };		/* KB 910250 */
static const int incident_hyperv[] = { 9, 1, 8, -1 };
static const struct {
	const int	*list;
	unsigned	 weight;	/* share among the noise */
} incidents[] = {
	{ incident_sql, 4 }, { incident_vss, 2 }, { incident_ioctl, 2 },
	{ incident_exchange, 1 }, { incident_hyperv, 1 }
};

/* Everyday noise of an Application log. */
static const struct profile noise_profiles[NNOISE] = {
	{ "Microsoft-Windows-Security-SPP",
	    "{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}", NULL, 16384, 1, 16384,
	    4, KW_CLASSIC, 20, fill_spp_16384, 0, { "", "" }, 2, 0 },
	{ "Microsoft-Windows-Security-SPP",
	    "{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}", NULL, 16394, 1, 16384,
	    4, KW_CLASSIC, 12, fill_nothing, 0, { "" }, 0, 0 },
	{ "Application Error", NULL, NULL, 1000, 1, 0, 2, KW_CLASSIC, 4,
	    fill_app_error, 0, { "", "", "", "", "", "", "", "", "", "", "",
	    "", "", "", "" }, 15, 0 },
	{ "MsiInstaller", NULL, NULL, 1033, 1, 0, 4, KW_CLASSIC, 5,
	    fill_msi, 0, { "", "", "", "", "" }, 5, 1 },
	{ "ESENT", NULL, NULL, 916, 1, 0, 4, KW_CLASSIC, 10, fill_esent, 0,
	    { "", "", "", "", "" }, 5, 0 },
	{ "ESENT", NULL, NULL, 326, 1, 0, 4, KW_CLASSIC, 10, fill_esent, 0,
	    { "", "", "", "", "" }, 5, 0 },
	{ "Microsoft-Windows-RestartManager",
	    "{0888E5EF-9B98-4695-979D-E92CE4247224}", NULL, 10000, 0, 0, 4,
	    0x8000000000000000ULL, 8, fill_restart_manager, 1,
	    { "RmSessionId", "UTCStartTime" }, 2, 0 },
	{ "VSS", NULL, NULL, 8224, 1, 0, 4, KW_CLASSIC, 15, fill_vss_benign,
	    0, { "" }, 0, 1 }
};

static void
slot_init(struct synth *s, struct slot *sl, const struct profile *p)
{
	struct evg_event	*e = &sl->ev;
	size_t			 i;

	sl->p = p;
	memset(e, 0, sizeof *e);
	e->provider = p->provider;
	if (p->guid != NULL && evg_parse_guid(p->guid, e->guid) == 0)
		e->has_guid = 1;
	e->id = p->id;
	e->has_qualifiers = p->has_qualifiers;
	e->qualifiers = p->qualifiers;
	e->level = p->level;
	e->keywords = p->keywords;
	e->channel = p->channel != NULL ? p->channel : "Application";
	e->computer = s->computer;
	e->userdata = p->userdata;
	e->has_binary = p->binary;
	e->binary = s->bin;
	for (i = 0; i < p->nitems; i++) {
		sl->items[i].kind = p->userdata ? EVG_USER :
		    p->names[i][0] != '\0' ? EVG_NAMED : EVG_DATA;
		sl->items[i].name = p->names[i][0] != '\0' ? p->names[i] :
		    NULL;
		sl->items[i].text = s->text[i];
	}
	e->items = sl->items;
	e->nitems = p->nitems;
	e->tmpl = NULL;
}

static const int *
incident_pick(struct synth *s)
{
	unsigned	total = 0, x;
	size_t		i, n = sizeof incidents / sizeof incidents[0];

	for (i = 0; i < n; i++)
		total += incidents[i].weight;
	x = rng_below(&s->rng, total);
	for (i = 0; i < n; i++) {
		if (x < incidents[i].weight)
			break;
		x -= incidents[i].weight;
	}
	return (incidents[i < n ? i : n - 1].list);
}

static struct slot *
pick(struct rng *r, struct slot *sl, size_t n)
{
	unsigned	total = 0, x;
	size_t		i;

	for (i = 0; i < n; i++)
		total += sl[i].p->weight;
	x = rng_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < sl[i].p->weight)
			return (&sl[i]);
		x -= sl[i].p->weight;
	}
	return (&sl[n - 1]);
}

int
evg_synth(const char *path, uint32_t size_mb, unsigned percent,
    uint64_t seed, char **cause)
{
	static const char	*computers[] = {
		"SRV01.contoso.local", "FS02.contoso.local", "SQL03.corp.local",
		"HV-NODE1.contoso.com", "EXCH01.fabrikam.local"
	};
	static const char	*instances[] = {
		"SBSMONITORING", "MSSQLSERVER", "SHAREPOINT", "SQLEXPRESS"
	};
	static const char	*databases[] = {
		"SBSMonitoring", "WSS_Content", "ReportServer", "Sales2019"
	};
	struct synth		*s;
	struct evg_writer	*w;
	struct slot		*sl;
	struct evg_event	*e;
	uint64_t		 record = 1, kb = 0, behind;
	size_t			 i;
	uint32_t		 chunks;

	/* Whole chunks; the file header adds 4 KiB. */
	chunks = size_mb * 16;
	if (chunks > 65535) {
		*cause = xstrdup("--synth: at most 4095 MB fit in one file");
		return (-1);
	}
	s = xcalloc(1, sizeof *s);
	s->rng.s = seed;
	s->computer = PICK(&s->rng, computers);
	s->instance = PICK(&s->rng, instances);
	s->database = PICK(&s->rng, databases);
	s->now = evg_filetime(2024, 3, 1, 0, 0, 0, 0);
	for (i = 0; i < NKB; i++)
		slot_init(s, &s->kb[i], &kb_profiles[i]);
	for (i = 0; i < NNOISE; i++)
		slot_init(s, &s->noise[i], &noise_profiles[i]);

	if ((w = evg_writer_open(path, cause)) == NULL) {
		free(s);
		return (-1);
	}
	evg_writer_max_chunks(w, chunks);
	while (!evg_writer_full(w)) {
		/*
		 * Start an incident when the share of KB events written
		 * falls behind the one asked for: by chance (1 in 4, to
		 * spread them out) if a little behind, at once if by more
		 * than a few events.
		 */
		behind = (uint64_t)percent * record;
		if (s->incident == NULL && kb * 100 < behind &&
		    (kb * 100 + 500 < behind ||
		    rng_below(&s->rng, 4) == 0)) {
			s->incident = incident_pick(s);
			s->instance = PICK(&s->rng, instances);
			s->database = PICK(&s->rng, databases);
		}
		if (s->incident != NULL) {
			sl = &s->kb[*s->incident++];
			if (*s->incident < 0)
				s->incident = NULL;
			kb++;
			s->now += rng_below(&s->rng, 30000000);
		} else {
			sl = pick(&s->rng, s->noise, NNOISE);
			s->now += (uint64_t)rng_below(&s->rng, 120) *
			    10000000;
			s->now += rng_below(&s->rng, 10000000);
		}
		e = &sl->ev;
		sl->p->fill(s, e);
		e->record = record++;
		e->time = s->now;
		e->written = s->now + rng_below(&s->rng, 20000);
		e->pid = 4 * (1 + rng_below(&s->rng, 4000));
		e->tid = 4 * (1 + rng_below(&s->rng, 8000));
		if (evg_writer_add(w, e, cause) != 0) {
			evg_writer_abort(w);
			free(s);
			return (-1);
		}
	}
	free(s);
	return (evg_writer_close(w, cause));
}
