/* ui.h -- what the parts of the curses wizard share: the session (inputs,
 * records, KB, analysis, walk), input keys, drawing and the views. */
#ifndef VS_UI_H
#define VS_UI_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis.h"
#include "buf.h"
#include "ingest.h"
#include "kb.h"
#include "options.h"
#include "record.h"
#include "walk.h"

/* The smallest terminal every screen is laid out for. */
#define UI_MIN_COLS	80
#define UI_MIN_LINES	24

/* Keys: Unicode code points for characters, control bytes as they are
 * (Ctrl-C is 3, Tab 9, Enter 13), and the rest from here up. */
enum {
	VK_NONE = -1,
	VK_SPECIAL = 0x200000,
	VK_UP, VK_DOWN, VK_LEFT, VK_RIGHT, VK_HOME, VK_END, VK_PGUP,
	VK_PGDN, VK_INSERT, VK_DELETE, VK_BTAB, VK_ESC, VK_F1,
	VK_F2, VK_F3, VK_F4, VK_F5, VK_F6, VK_F7, VK_F8, VK_F9, VK_F10,
	VK_PASTE,	/* a bracketed paste: keys_paste() holds it */
	VK_RESIZE,	/* the terminal changed size */
	VK_SIGNAL	/* SIGTERM, SIGHUP or SIGINT arrived: see ui_signal */
};
#define VK_CTRL(c)	((c) & 0x1f)
#define VK_ENTER	13
#define VK_TAB		9
#define VK_BS		127

/* Signals only set these; the main loop acts on them. */
extern volatile sig_atomic_t ui_sig_winch;
extern volatile sig_atomic_t ui_sig_quit;	/* SIGTERM or SIGHUP number */
extern volatile sig_atomic_t ui_sig_int;

/* keys.c */
void		 keys_init(void);
void		 keys_end(void);
/* Next key within timeout_ms (-1 waits for ever): a key, VK_NONE. */
int		 keys_read(int timeout_ms);
/* The last VK_PASTE: its bytes (line ends made "\n") and length. */
const char	*keys_paste(size_t *len);
/* Non-blocking: 1 if a cancel key (Esc, c, Ctrl-C) is waiting. Other
 * keys read meanwhile are dropped. */
int		 keys_cancel_pending(void);
/* Whether the last key was a character typed (not part of a sequence). */
int		 keys_is_text(int key);
/* UTF-8 of a code point into out (5 bytes), returns its length. */
size_t		 keys_utf8(int cp, char *out);

/* Colours and attributes by meaning; monochrome falls back to bold,
 * reverse and underline so nothing depends on colour. */
enum ui_attr {
	UA_NORMAL, UA_TITLE, UA_BAR, UA_SELECT, UA_KEY, UA_HIT, UA_ERROR,
	UA_WARN, UA_OK, UA_DIM, UA_HEAD, UA_COUNT
};

/* screen.c */
int		 screen_init(const struct options *, char **cause);
void		 screen_end(void);
int		 screen_utf8(void);
int		 screen_active(void);
int		 screen_too_small(void);
void		 screen_resize(void);
int		 screen_attr(enum ui_attr);
/* Make text from a log safe to draw: no control bytes or escapes, and
 * ASCII only when the locale is not UTF-8. */
void		 ui_safe(struct buf *, const char *, size_t);
/* Same, for s with bytes [hs, he) to highlight: sets where they went. */
void		 ui_safe_hl(struct buf *, const char *, size_t, size_t hs,
		     size_t he, size_t *ohs, size_t *ohe);
/* A record's text for display and search: message, else source text,
 * else its fields. */
const char	*ui_record_text(const struct vs_record *, size_t *len,
		     struct buf *scratch);
/* "2024-03-14 23:02:17Z" (UTC), without Z (local), or "(no time)". */
void		 ui_record_time(const struct vs_record *, char *out, size_t len);
/* Columns a safe string takes. */
int		 ui_width(const char *, size_t);
/* Draws a safe string at y,x in at most maxw columns; returns the
 * columns used. */
int		 ui_put(int y, int x, int maxw, const char *, size_t, int attr);
/* Makes s safe, then draws it. */
int		 ui_puts(int y, int x, int maxw, const char *s, int attr);
int		 ui_printf(int y, int x, int maxw, int attr, const char *, ...)
		     __attribute__((format(printf, 5, 6)));
/* Breaks a safe string into lines of at most width columns: returns
 * the byte length of the first line and sets *next to where the next
 * one starts. */
size_t		 ui_wrap(const char *, size_t, int width, size_t *next);
/* Draws a safe string wrapped over rows y..y+maxrows-1, highlighting
 * bytes [hs, he). Returns rows used. */
int		 ui_put_wrapped(int y, int x, int width, int maxrows,
		     const char *, size_t, int attr, size_t hs, size_t he);
void		 ui_hline(int y);
void		 ui_clear_line(int y);
/* The frame: title bar with the screen's name and a right-hand note,
 * and the key line at the bottom. */
void		 ui_frame(const char *screen, const char *right, const char *keys);
/* The message line above the key line. */
void		 ui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void		 ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void		 ui_draw_message(void);
void		 ui_draw_too_small(void);
/* A yes/no question on the message line. */
void		 ui_draw_prompt(const char *prompt);
/* The load progress box. */
void		 ui_progress(const char *name, uint64_t done, uint64_t total);

/* edit.c: one line of text being typed. */
struct edit {
	struct buf	 text;
	size_t		 cursor;	/* byte offset */
};
void	 edit_init(struct edit *, const char *);
void	 edit_free(struct edit *);
void	 edit_set(struct edit *, const char *);
/* 1 if the key changed the text or cursor, 0 if the key is not for it. */
int	 edit_key(struct edit *, int key);
void	 edit_draw(struct edit *, int y, int x, int width);
/* Completes a path at the cursor: 0 nothing, 1 completed. Candidates
 * when several match go in list. */
int	 edit_complete_path(struct edit *, char ***list, size_t *n);

/* A source of records, as saved for --resume. */
struct source {
	int		 paste;		/* 1: text pasted, kept in file */
	char		*path;		/* the file or folder, or the paste's file */
	char		*name;		/* shown name */
	int		 ok;		/* loaded */
};

struct answer_memo {
	char		*node;
	char		*choice;
	enum walk_by	 by;
};

/* The session: everything loaded and answered. */
struct session {
	const struct options *opts;
	struct ingest	 ing;
	struct arena	*arena;
	struct vs_record **recs;
	size_t		 nrecs;
	size_t		 caprecs;
	uint64_t	 dropped;	/* records past the timeline's limit */
	int		 sorted;
	char		**errors;	/* what could not be read */
	size_t		 nerrors;
	char		**unreadable;	/* per input: why, or NULL */
	size_t		 nunreadable;
	struct source	*sources;
	size_t		 nsources;
	int		 npastes;

	struct kb	*kb;
	char		*kb_problem;	/* why the KB is not there */
	int		 codes_own;	/* the table was loaded here */
	const char	**providers;	/* for the .evtx prefilter */
	int		 prefilter;
	char		*codes_problem;
	size_t		 nkbdiags;
	struct analysis	*an;
	struct walk	*walk;
	char		*tree;		/* the walk's tree, or NULL for triage */
	int		 walking;
	/* Operator answers that no longer lie on the path: offered again
	 * when the walk reaches their node. */
	struct answer_memo *memo;
	size_t		 nmemo;

	char		*state_dir;
	int		 state_ok;
	char		*state_problem;
};

/* session.c */
void	 session_init(struct session *, const struct options *);
void	 session_free(struct session *);
void	 session_load_kb(struct session *);
/* The code table, for the lookup, when the KB did not load it. */
void	 session_load_codes(struct session *);
/* Loads a file or folder with the progress box; adds it as a source. */
int	 session_add_path(struct session *, const char *path, int save);
/* What was piped to standard input. */
void	 session_add_piped(struct session *, const char *, size_t);
/* Loads pasted text; saves it to the state directory. */
int	 session_add_paste(struct session *, const char *data, size_t len, int save);
/* Analysis again after new records; the walk is rebuilt and replayed. */
void	 session_reanalyse(struct session *);
void	 session_sort(struct session *);
/* Starts a walk on tree (NULL: triage). */
int	 session_walk_start(struct session *, const char *tree);
void	 session_walk_stop(struct session *);
/* Answers the current question with choice i. */
void	 session_answer(struct session *, size_t choice);
int	 session_back(struct session *);
const struct answer_memo *session_memo(struct session *, const char *node);
void	 session_add_memo(struct session *, const char *node,
	     const char *choice, enum walk_by);
/* Gives saved answers again while they lie on the path. */
void	 session_replay(struct session *, const struct answer_memo *, size_t);
int	 session_load_paste(struct session *, const char *, size_t,
	     const char *file);
/* Index in recs of the record of input/locator, or -1. */
long	 session_find_record(struct session *, const struct vs_record *);
const char *session_input_name(struct session *, int input);
/* Per input, why it could not be read, or NULL (for the report). */
const char *const *session_unreadable(struct session *);
/* The distinct computer names of the records; the caller frees the
 * array, not the names. */
const char **session_computers(struct session *, size_t *n);

/* state.c: saved as it goes under $XDG_STATE_HOME/vsstriage. */
int	 state_open(struct session *);
int	 state_save(struct session *);
/* Loads the saved session back; returns 0, -1 with a message. */
int	 state_resume(struct session *, char **cause);
char	*state_write_paste(struct session *, const char *, size_t, char **cause);
/* Writes data to path through a temporary file and rename. */
int	 state_write_atomic(const char *path, const char *data, size_t len,
	     char **cause);

/* Views: one per screen, on a stack. */
struct ui;
struct view {
	const char	*name;
	void		 (*draw)(struct ui *, struct view *);
	/* Returns 1 when the key was used. */
	int		 (*key)(struct ui *, struct view *, int key);
	void		 (*free)(struct view *);
	const struct keyhelp *help;
	void		*data;
};
struct keyhelp {
	const char	*keys;
	const char	*what;
};

struct ui {
	struct session	 s;
	struct view	*stack[16];
	int		 depth;
	int		 quit;
	int		 asking;	/* "Quit?" is up */
	int		 exit_code;
};

void	 ui_push(struct ui *, struct view *);
void	 ui_pop(struct ui *);
struct view *ui_top(struct ui *);
/* Replace the whole stack above the start screen. */
void	 ui_pop_to_start(struct ui *);
/* Opens the question or verdict screen for the walk in progress. */
void	 ui_open_walk(struct ui *);
/* Asks before quitting; sets quit. */
void	 ui_ask_quit(struct ui *);

struct view *view_start_create(void);
struct view *view_open_create(void);
struct view *view_paste_create(void);
struct view *view_events_create(struct session *, const struct evidence *, size_t);
struct view *view_question_create(void);
struct view *view_verdict_create(void);
struct view *view_report_create(struct session *);
struct view *view_lookup_create(struct session *);
struct view *view_collect_create(const char *tree);
struct view *view_help_create(const struct view *);
/* view-question.c: the path so far, and evidence records. */
void	 ui_draw_breadcrumb(struct session *, int y);
int	 ui_draw_evidence(struct session *, const struct evidence *, size_t,
	     int y, int maxy);
/* The keys every screen knows. */
extern const struct keyhelp ui_global_keys[];
#endif
