/*
 * Measures the engine: records through analysis_add_record, then
 * analysis_finish. With .evtx files, reads them through ingest as the
 * program does; with none, feeds records built in memory (most from
 * providers no rule selects, some the rules want).
 *
 *	kbbench KBDIR [FILE...]
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "analysis.h"
#include "ingest.h"
#include "kb.h"
#include "record.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct counter {
	struct analysis	*an;
	uint64_t	 n;
};

static int
count_cb(const struct vs_record *r, void *arg)
{
	struct counter *c = arg;
	c->n++;
	return c->an != NULL ? analysis_add_record(r, c->an) : 0;
}

int
main(int argc, char **argv)
{
	struct kb_diag *d;
	size_t nd;
	struct rusage ru;

	if (argc < 2) {
		fprintf(stderr, "usage: kbbench KBDIR [FILE...]\n");
		return 2;
	}
	struct kb *kb = kb_load(argv[1], &d, &nd);
	kb_diags_free(d, nd);
	if (kb == NULL) {
		fprintf(stderr, "kbbench: %s: no KB\n", argv[1]);
		return 1;
	}
	struct analysis *an = analysis_create(kb);
	/* KBBENCH_READ_ONLY=1: the reader alone, to tell its cost apart. */
	struct counter c = { getenv("KBBENCH_READ_ONLY") ? NULL : an, 0 };
	double t0 = now();
	if (argc > 2) {
		struct ingest ing;
		ingest_init(&ing, count_cb, &c);
		for (int i = 2; i < argc; i++) {
			char *cause = NULL;
			if (ingest_path(&ing, argv[i], &cause) == -1) {
				fprintf(stderr, "kbbench: %s\n", cause);
				free(cause);
			}
		}
		ingest_free(&ing);
	} else {
		struct record_builder b;
		record_builder_init(&b);
		static const char *noise[] = { "Application Error", "MsiInstaller",
		    "ESENT", "Microsoft-Windows-Security-SPP" };
		char msg[512];
		for (uint32_t i = 0; i < 1000000; i++) {
			record_builder_reset(&b, VS_KIND_EVENT, 0);
			b.rec.time = record_make_time(2024, 3, 1, 0, 0, 0, 0) + (int64_t)i * 1000000;
			b.rec.tz = VS_TZ_UTC;
			b.rec.level = VS_LEVEL_ERROR;
			if (i % 100 == 0) {
				b.rec.provider = "SQLVDI";
				b.rec.event_id = 1;
				snprintf(msg, sizeof msg, "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=%u. Thread=1. Client. Instance=INST%u . VD=Global\\{3AB8F080-950C-4EF9-B637-0F37B2428F17}1_SQLVDIMemoryName_0.", i, i % 7);
			} else if (i % 100 == 1) {
				b.rec.provider = "VSS";
				b.rec.event_id = 8193;
				snprintf(msg, sizeof msg, "Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x8007045b, A system shutdown is in progress.");
			} else {
				b.rec.provider = noise[i % 4];
				b.rec.event_id = 1000 + i % 50;
				snprintf(msg, sizeof msg, "Faulting application name: app%u.exe, version: 1.0.%u, time stamp: 0x5f3c1a2b. Exception code: 0xc0000005. Fault offset: 0x%08x.", i % 97, i % 13, i);
			}
			b.rec.message = msg;
			analysis_add_record(&b.rec, an);
			c.n++;
		}
		record_builder_free(&b);
	}
	double t1 = now();
	analysis_finish(an);
	double t2 = now();
	getrusage(RUSAGE_SELF, &ru);
	printf("records: %llu\nadd: %.3f s (%.0f records/s)\nfinish: %.3f s\n"
	    "findings: %zu, codes: %zu\nmax RSS: %ld KiB\n",
	    (unsigned long long)c.n, t1 - t0, c.n / (t1 - t0 > 0 ? t1 - t0 : 1e-9),
	    t2 - t1, analysis_nfindings(an), analysis_ncodes(an), ru.ru_maxrss);
	analysis_free(an);
	kb_free(kb);
	return 0;
}
