/* main.c -- command line: the wizard, or one of the headless commands. */
#include "config.h"
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest.h"
#include "options.h"
#include "wizard.h"

static void
usage(FILE *f)
{
	fprintf(f,
"usage: vsstriage [--kb DIR] [--tz ZONE] [--color=WHEN] [FILE...]\n"
"       vsstriage --resume\n"
"       vsstriage --report [--format=text|markdown|json] [--answers FILE]\n"
"                 [--redact] [--tz ZONE] [--prefilter] FILE...\n"
"       vsstriage --dump [--format=text|jsonl] FILE...\n"
"       vsstriage --check-kb [DIR]\n"
"       vsstriage --lookup CODE\n"
"FILE is an .evtx, a text export or paste, a folder, or - for stdin.\n"
"See vsstriage(1).\n");
}

enum {
	OPT_REPORT = 256, OPT_DUMP, OPT_CHECK_KB, OPT_LOOKUP, OPT_FORMAT,
	OPT_ANSWERS, OPT_REDACT, OPT_TZ, OPT_KB, OPT_COLOR, OPT_RESUME,
	OPT_NO_PREFILTER, OPT_PREFILTER
};

static const struct option longopts[] = {
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "check-kb", no_argument, NULL, OPT_CHECK_KB },
	{ "lookup", required_argument, NULL, OPT_LOOKUP },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "answers", required_argument, NULL, OPT_ANSWERS },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "kb", required_argument, NULL, OPT_KB },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "no-prefilter", no_argument, NULL, OPT_NO_PREFILTER },
	{ "prefilter", no_argument, NULL, OPT_PREFILTER },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_format(const char *s, struct options *o)
{
	static const struct { const char *name; enum out_format f; } f[] = {
		{ "text", OUT_TEXT }, { "markdown", OUT_MARKDOWN },
		{ "md", OUT_MARKDOWN }, { "json", OUT_JSON }, { "jsonl", OUT_JSONL },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strcmp(s, f[i].name) == 0) {
			o->format = f[i].f;
			o->format_set = 1;
			return 0;
		}
	return -1;
}

int
main(int argc, char **argv)
{
	struct options o;
	enum { MODE_WIZARD, MODE_REPORT, MODE_DUMP, MODE_CHECK_KB, MODE_LOOKUP } mode = MODE_WIZARD;
	const char *lookup = NULL;
	int c;

	setlocale(LC_ALL, "");
	memset(&o, 0, sizeof o);
	/* Every record is read unless --prefilter asks for findings only:
	 * codes and damage in skipped chunks would go unseen. */
	o.no_prefilter = 1;
	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_REPORT:
			mode = MODE_REPORT;
			break;
		case OPT_DUMP:
			mode = MODE_DUMP;
			break;
		case OPT_CHECK_KB:
			mode = MODE_CHECK_KB;
			break;
		case OPT_LOOKUP:
			mode = MODE_LOOKUP;
			lookup = optarg;
			break;
		case OPT_FORMAT:
			if (parse_format(optarg, &o) == -1) {
				fprintf(stderr, "vsstriage: --format: unknown format \"%s\" "
				    "(text, markdown, json or jsonl)\n", optarg);
				return 1;
			}
			break;
		case OPT_ANSWERS:
			o.answers = optarg;
			break;
		case OPT_REDACT:
			o.redact = 1;
			break;
		case OPT_TZ:
			o.tz = optarg;
			break;
		case OPT_KB:
			o.kb_dir = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "never") == 0)
				o.color = COLOR_NEVER;
			else if (strcmp(optarg, "always") == 0)
				o.color = COLOR_ALWAYS;
			else if (strcmp(optarg, "auto") == 0)
				o.color = COLOR_AUTO;
			else {
				fprintf(stderr, "vsstriage: --color: expected never, auto "
				    "or always, not \"%s\"\n", optarg);
				return 1;
			}
			break;
		case OPT_RESUME:
			o.resume = 1;
			break;
		case OPT_NO_PREFILTER:
			o.no_prefilter = 1;
			break;
		case OPT_PREFILTER:
			o.no_prefilter = 0;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vsstriage %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (o.tz != NULL && !text_tz_valid(o.tz)) {
		fprintf(stderr, "vsstriage: --tz: unknown time zone \"%s\" (a zone "
		    "name such as Europe/Paris, UTC, or an offset such as "
		    "+02:00)\n", o.tz);
		return 1;
	}
	o.inputs = argv + optind;
	o.ninputs = (size_t)(argc - optind);

	switch (mode) {
	case MODE_REPORT:
	case MODE_DUMP:
		if (o.ninputs == 0) {
			fprintf(stderr, "vsstriage: --%s needs at least one FILE (or - for stdin)\n",
			    mode == MODE_REPORT ? "report" : "dump");
			usage(stderr);
			return 1;
		}
		return mode == MODE_REPORT ? cmd_report(&o) : cmd_dump(&o);
	case MODE_CHECK_KB:
		if (o.ninputs > 1) {
			usage(stderr);
			return 1;
		}
		return cmd_check_kb(&o, o.ninputs == 1 ? o.inputs[0] : options_kb_dir(&o));
	case MODE_LOOKUP:
		return cmd_lookup(&o, lookup);
	case MODE_WIZARD:
		break;
	}
	return wizard_run(&o);
}
