/* ingest.h -- reading inputs into records: files, directories, stdin and
 * pasted text, each format detected by itself. Core: no curses. */
#ifndef VS_INGEST_H
#define VS_INGEST_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "record.h"

/* Called for each record; the record is valid for the call only. Return
 * nonzero to stop reading. */
typedef int (*record_cb)(const struct vs_record *, void *);
/* Progress of the current input: bytes done of total (0 if unknown). */
typedef void (*progress_cb)(const char *name, uint64_t done, uint64_t total, void *);

/* Set from a signal handler (Ctrl-C) or the UI: long reads stop soon. */
extern volatile sig_atomic_t ingest_abort_requested;

struct ingest {
	record_cb	 on_record;
	void		*arg;
	progress_cb	 on_progress;	/* may be NULL */
	void		*progress_arg;
	const char	*tz;		/* --tz ZONE for local text times, or NULL */
	/*
	 * Provider names the caller cares about (not copied: they must
	 * live as long as reading goes on). When set (nproviders > 0):
	 *  - with prefilter (--prefilter), a 64 KiB .evtx chunk holding none
	 *    of these names in UTF-16LE (ASCII case ignored) is skipped
	 *    whole, and a text event of another provider is passed over;
	 *  - only .evtx records of these providers get their XML rendered,
	 *    which is where channel and named EventData/UserData values
	 *    come from: the XML costs libevtx about 40% more time a record.
	 * When not set, everything is read, and every .evtx record gets its
	 * channel and names, though not always by its own XML: see struct
	 * tpl in evtx.c.
	 */
	const char *const *providers;
	size_t		 nproviders;
	int		 prefilter;
	struct vs_input	*inputs;
	size_t		 ninputs;
	size_t		 cap_inputs;
};

void	 ingest_init(struct ingest *, record_cb, void *);
void	 ingest_free(struct ingest *);
/* Adds an input and returns its index. */
int	 ingest_add_input(struct ingest *, const char *name);

/*
 * Reads a file, every file of a directory, or "-" for stdin. 0 on
 * success (some records may still have failed: see the input's errors
 * and notes); -1 with *cause ("FILE: what is wrong") when the input
 * could not be read at all.
 */
int	 ingest_path(struct ingest *, const char *path, char **cause);
/* Reads pasted text. */
int	 ingest_buffer(struct ingest *, const char *name, const char *data,
	     size_t len, char **cause);

/* 1 if ZONE is a --tz value the text module understands: UTC, an
 * offset such as +02:00, or a zone name such as Europe/Paris. */
int	 text_tz_valid(const char *zone);

/* The format modules, called by ingest.c. */
int	 evtx_has_signature(const unsigned char *head, size_t len);
int	 evtx_ingest_file(struct ingest *, int input, const char *path, char **cause);
int	 text_ingest_fd(struct ingest *, int input, int fd, char **cause);
int	 text_ingest_buffer(struct ingest *, int input, const char *data,
	     size_t len, char **cause);
#endif
