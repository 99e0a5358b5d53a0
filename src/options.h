/* options.h -- what the command line asked for, shared by the commands.
 * Core: no curses. */
#ifndef VS_OPTIONS_H
#define VS_OPTIONS_H
#include <stddef.h>

enum out_format { OUT_TEXT, OUT_MARKDOWN, OUT_JSON, OUT_JSONL };
enum color_mode { COLOR_AUTO, COLOR_NEVER, COLOR_ALWAYS };

struct options {
	enum out_format	 format;
	int		 format_set;
	const char	*answers;	/* --answers FILE */
	int		 redact;
	const char	*tz;		/* --tz ZONE */
	const char	*kb_dir;	/* --kb DIR, else VS_KB_DIR */
	enum color_mode	 color;
	int		 resume;
	int		 no_prefilter;	/* read every record (the default; --prefilter clears it) */
	char		**inputs;
	size_t		 ninputs;
};

/* The KB directory in force: --kb, $VSSTRIAGE_KB, or the installed one. */
const char	*options_kb_dir(const struct options *);

/* Commands that need no terminal. Each returns the exit code. */
int	cmd_dump(const struct options *);
int	cmd_report(const struct options *);
int	cmd_check_kb(const struct options *, const char *dir);
int	cmd_lookup(const struct options *, const char *code);
#endif
