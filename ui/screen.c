/* screen.c -- the terminal: start and end of curses, colours (or none),
 * resizing, and drawing text that came from logs without letting any
 * control byte through. */
#include "config.h"
#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include "buf.h"
#include "ui.h"
#include "xmalloc.h"

volatile sig_atomic_t ui_sig_winch;
volatile sig_atomic_t ui_sig_quit;
volatile sig_atomic_t ui_sig_int;

static int	 screen_on;
static int	 utf8;
static int	 attrs[UA_COUNT];
static char	 message[512];
static int	 message_attr;
static SCREEN	*term;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGWINCH:
		ui_sig_winch = 1;
		break;
	case SIGINT:
		ui_sig_int = 1;
		ingest_abort_requested = 1;
		break;
	default:
		ui_sig_quit = sig;
		ingest_abort_requested = 1;
		break;
	}
}

static void
screen_atexit(void)
{
	screen_end();
}

static int
want_colour(const struct options *o)
{
	const char *nc = getenv("NO_COLOR");

	if (o->color == COLOR_NEVER)
		return 0;
	if (o->color == COLOR_ALWAYS)
		return has_colors();
	if (nc != NULL && *nc != '\0')
		return 0;
	return has_colors();
}

static void
set_attrs(int colour)
{
	/* Without colour every meaning still shows: bold, reverse,
	 * underline. */
	attrs[UA_NORMAL] = A_NORMAL;
	attrs[UA_TITLE] = A_REVERSE | A_BOLD;
	attrs[UA_BAR] = A_REVERSE;
	attrs[UA_SELECT] = A_REVERSE;
	attrs[UA_KEY] = A_BOLD;
	attrs[UA_HIT] = A_BOLD | A_UNDERLINE;
	attrs[UA_ERROR] = A_BOLD;
	attrs[UA_WARN] = A_BOLD;
	attrs[UA_OK] = A_BOLD;
	attrs[UA_DIM] = A_NORMAL;
	attrs[UA_HEAD] = A_BOLD | A_UNDERLINE;
	if (!colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_YELLOW);
	init_pair(3, COLOR_RED, -1);
	init_pair(4, COLOR_YELLOW, -1);
	init_pair(5, COLOR_GREEN, -1);
	init_pair(6, COLOR_CYAN, -1);
	attrs[UA_TITLE] = COLOR_PAIR(1) | A_BOLD;
	attrs[UA_BAR] = COLOR_PAIR(1);
	attrs[UA_HIT] = COLOR_PAIR(2) | A_BOLD;
	attrs[UA_ERROR] = COLOR_PAIR(3) | A_BOLD;
	attrs[UA_WARN] = COLOR_PAIR(4) | A_BOLD;
	attrs[UA_OK] = COLOR_PAIR(5) | A_BOLD;
	attrs[UA_KEY] = COLOR_PAIR(6) | A_BOLD;
	attrs[UA_HEAD] = COLOR_PAIR(6) | A_BOLD;
}

int
screen_init(const struct options *o, char **cause)
{
	struct sigaction sa;
	const char *cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the wizard needs a terminal (for a report "
		    "without one: vsstriage --report FILE...)");
		return -1;
	}
	cs = nl_langinfo(CODESET);
	utf8 = cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0);
	term = newterm(NULL, stdout, stdin);
	if (term == NULL) {
		const char *t = getenv("TERM");
		*cause = xasprintf("cannot use the terminal type \"%s\" "
		    "(is TERM right?)", t != NULL ? t : "");
		return -1;
	}
	set_term(term);
	screen_on = 1;
	atexit(screen_atexit);
	xmalloc_fatal_hook = screen_end;
	raw();
	noecho();
	nonl();
	curs_set(0);
	set_attrs(want_colour(o));

	/* After curses, so these handlers are the ones in force. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	keys_init();
	return 0;
}

void
screen_end(void)
{
	if (!screen_on)
		return;
	screen_on = 0;
	keys_end();
	curs_set(1);
	endwin();
	delscreen(term);
	term = NULL;
}

int
screen_active(void)
{
	return screen_on;
}

int
screen_utf8(void)
{
	return utf8;
}

int
screen_too_small(void)
{
	return LINES < UI_MIN_LINES || COLS < UI_MIN_COLS;
}

void
screen_resize(void)
{
	struct winsize ws;

	ui_sig_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clear();
}

int
screen_attr(enum ui_attr a)
{
	return attrs[a];
}

void
ui_safe(struct buf *out, const char *s, size_t len)
{
	size_t from = out->len;

	buf_add_safe(out, s, len, 0);
	if (utf8)
		return;
	/* Not UTF-8: one '?' for each character outside ASCII. */
	size_t j = from;
	for (size_t i = from; i < out->len;) {
		unsigned char c = (unsigned char)out->data[i];
		if (c < 0x80) {
			out->data[j++] = (char)c;
			i++;
		} else {
			size_t n = utf8_seq_len((unsigned char *)out->data + i,
			    out->len - i);
			out->data[j++] = '?';
			i += n == 0 ? 1 : n;
		}
	}
	out->len = j;
	buf_cstr(out);
}

/* Width of the character at s (of n bytes), and its length. */
static int
char_width(const char *s, size_t avail, size_t *n)
{
	unsigned char c = (unsigned char)*s;
	wchar_t wc;
	mbstate_t mbs;
	size_t k;
	int w;

	if (c < 0x80) {
		*n = 1;
		return c < 0x20 || c == 0x7f ? 0 : 1;
	}
	k = utf8_seq_len((const unsigned char *)s, avail);
	if (k == 0) {
		*n = 1;
		return 1;
	}
	*n = k;
	memset(&mbs, 0, sizeof mbs);
	if (mbrtowc(&wc, s, k, &mbs) != k)
		return 1;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int
ui_width(const char *s, size_t len)
{
	int w = 0;
	size_t n;

	for (size_t i = 0; i < len; i += n)
		w += char_width(s + i, len - i, &n);
	return w;
}

int
ui_put(int y, int x, int maxw, const char *s, size_t len, int attr)
{
	int w = 0, cw;
	size_t i = 0, n;

	if (maxw <= 0 || y < 0 || y >= LINES)
		return 0;
	while (i < len) {
		cw = char_width(s + i, len - i, &n);
		if (w + cw > maxw)
			break;
		w += cw;
		i += n;
	}
	attrset(attr);
	mvaddnstr(y, x, s, (int)i);
	attrset(A_NORMAL);
	return w;
}

int
ui_puts(int y, int x, int maxw, const char *s, int attr)
{
	struct buf b;
	int w;

	buf_init(&b);
	ui_safe(&b, s, strlen(s));
	w = ui_put(y, x, maxw, b.data, b.len, attr);
	buf_free(&b);
	return w;
}

int
ui_printf(int y, int x, int maxw, int attr, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	n = ui_puts(y, x, maxw, s, attr);
	free(s);
	return n;
}

size_t
ui_wrap(const char *s, size_t len, int width, size_t *next)
{
	size_t i = 0, n, brk = 0;
	int w = 0, cw;

	if (width < 1)
		width = 1;
	while (i < len) {
		cw = char_width(s + i, len - i, &n);
		if (w + cw > width)
			break;
		w += cw;
		i += n;
		if (s[i - n] == ' ')
			brk = i;
	}
	if (i >= len) {
		*next = len;
		return len;
	}
	if (brk > 0) {
		*next = brk;
		/* Leave the space at the end out of the line. */
		return brk - 1;
	}
	if (i == 0)
		i = n;	/* wider than the width: take one */
	*next = i;
	return i;
}

int
ui_put_wrapped(int y, int x, int width, int maxrows, const char *s,
    size_t len, int attr, size_t hs, size_t he)
{
	size_t at = 0, l, next;
	int rows = 0;
	int hit = screen_attr(UA_HIT);

	while (at < len && rows < maxrows) {
		l = ui_wrap(s + at, len - at, width, &next);
		size_t a = at, b = at + l;
		int cx = x;
		/* Three pieces: before, inside and after the highlight. */
		size_t cut1 = hs > a ? (hs < b ? hs : b) : a;
		size_t cut2 = he > a ? (he < b ? he : b) : a;
		if (cut2 < cut1)
			cut2 = cut1;
		cx += ui_put(y + rows, cx, width - (cx - x), s + a, cut1 - a, attr);
		cx += ui_put(y + rows, cx, width - (cx - x), s + cut1, cut2 - cut1, hit);
		ui_put(y + rows, cx, width - (cx - x), s + cut2, b - cut2, attr);
		rows++;
		at += next;
	}
	return rows;
}

void
ui_hline(int y)
{
	move(y, 0);
	if (utf8)
		hline(ACS_HLINE, COLS);
	else
		hline('-', COLS);
}

void
ui_clear_line(int y)
{
	move(y, 0);
	clrtoeol();
}

void
ui_frame(const char *screen, const char *right, const char *keys)
{
	int bar = screen_attr(UA_TITLE);

	erase();
	attrset(bar);
	move(0, 0);
	hline(' ', COLS);
	attrset(A_NORMAL);
	ui_printf(0, 1, COLS - 2, bar, "vsstriage | %s", screen);
	if (right != NULL) {
		struct buf b;
		buf_init(&b);
		ui_safe(&b, right, strlen(right));
		int w = ui_width(b.data, b.len);
		if (w > COLS / 2)
			w = COLS / 2;
		ui_put(0, COLS - w - 1, w, b.data, b.len, bar);
		buf_free(&b);
	}
	if (keys != NULL) {
		attrset(screen_attr(UA_BAR));
		move(LINES - 1, 0);
		hline(' ', COLS);
		attrset(A_NORMAL);
		ui_puts(LINES - 1, 0, COLS, keys, screen_attr(UA_BAR));
	}
}

static void
ui_vmessage(int attr, const char *fmt, va_list ap)
{
	vsnprintf(message, sizeof message, fmt, ap);
	message_attr = attr;
}

void
ui_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_vmessage(UA_OK, fmt, ap);
	va_end(ap);
}

void
ui_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_vmessage(UA_ERROR, fmt, ap);
	va_end(ap);
}

void
ui_draw_message(void)
{
	if (message[0] == '\0')
		return;
	ui_clear_line(LINES - 2);
	ui_puts(LINES - 2, 0, COLS, message, screen_attr(message_attr));
	message[0] = '\0';
}

void
ui_draw_too_small(void)
{
	erase();
	ui_printf(0, 0, COLS, screen_attr(UA_ERROR), "Terminal too small");
	ui_printf(1, 0, COLS, A_NORMAL, "Now %dx%d; needs %dx%d.", COLS,
	    LINES, UI_MIN_COLS, UI_MIN_LINES);
	ui_printf(2, 0, COLS, A_NORMAL, "Make it larger, or q quits.");
	refresh();
}

void
ui_draw_prompt(const char *prompt)
{
	ui_clear_line(LINES - 2);
	ui_printf(LINES - 2, 0, COLS, screen_attr(UA_WARN), "%s (y/n)", prompt);
}

void
ui_progress(const char *name, uint64_t done, uint64_t total)
{
	int w = COLS - 8, y = LINES / 2 - 2, fill, pct;
	char nums[64];

	if (screen_too_small()) {
		ui_draw_too_small();
		return;
	}
	if (w > 70)
		w = 70;
	int x = (COLS - w) / 2;
	for (int i = 0; i < 5; i++) {
		move(y - 1 + i, x - 2);
		hline(' ', w + 4);
	}
	ui_printf(y, x, w, screen_attr(UA_HEAD), "Reading");
	ui_puts(y + 1, x, w, name, A_NORMAL);
	pct = total > 0 ? (int)(done * 100 / total) : 0;
	if (pct > 100)
		pct = 100;
	if (total > 0)
		snprintf(nums, sizeof nums, " %3d%% %llu/%llu KiB", pct,
		    (unsigned long long)(done / 1024),
		    (unsigned long long)(total / 1024));
	else
		snprintf(nums, sizeof nums, " %llu KiB",
		    (unsigned long long)(done / 1024));
	int bw = w - (int)strlen(nums) - 2;
	fill = total > 0 ? bw * pct / 100 : 0;
	move(y + 2, x);
	addch('[');
	for (int i = 0; i < bw; i++)
		addch(i < fill ? '#' : '.');
	addch(']');
	ui_printf(y + 2, x + bw + 2, w - bw - 2, A_NORMAL, "%s", nums);
	ui_printf(y + 3, x, w, screen_attr(UA_KEY), "Esc or c cancels (what "
	    "was read so far is kept)");
	refresh();
}

void
ui_safe_hl(struct buf *out, const char *s, size_t len, size_t hs, size_t he,
    size_t *ohs, size_t *ohe)
{
	if (hs > len)
		hs = len;
	if (he > len || he < hs)
		he = hs > len ? len : (he > len ? len : hs);
	ui_safe(out, s, hs);
	*ohs = out->len;
	ui_safe(out, s + hs, he - hs);
	*ohe = out->len;
	ui_safe(out, s + he, len - he);
}

const char *
ui_record_text(const struct vs_record *r, size_t *len, struct buf *scratch)
{
	const char *a, *b, *c;

	/* vssadmin lists: their numbers and names on one line. */
	if (r->kind == VS_KIND_WRITER &&
	    (a = record_field(r, "writer")) != NULL) {
		const char *e = record_field(r, "last_error");
		b = record_field(r, "state");
		c = record_field(r, "state_label");
		buf_reset(scratch);
		buf_printf(scratch, "%s: [%s] %s, last error: %s", a,
		    b != NULL ? b : "?", c != NULL ? c : "", e != NULL ? e : "?");
		*len = scratch->len;
		return scratch->data;
	}
	if (r->kind == VS_KIND_PROVIDER &&
	    (a = record_field(r, "provider")) != NULL) {
		b = record_field(r, "type_label");
		c = record_field(r, "provider_id");
		buf_reset(scratch);
		buf_printf(scratch, "%s (%s) %s", a, b != NULL ? b : "?",
		    c != NULL ? c : "");
		*len = scratch->len;
		return scratch->data;
	}
	if (r->message != NULL && r->message[0] != '\0') {
		*len = strlen(r->message);
		return r->message;
	}
	if (r->source_text != NULL && r->source_text[0] != '\0') {
		*len = strlen(r->source_text);
		return r->source_text;
	}
	buf_reset(scratch);
	for (size_t i = 0; i < r->nfields; i++)
		buf_printf(scratch, "%s%s=%s", i ? " " : "", r->fields[i].name,
		    r->fields[i].value != NULL ? r->fields[i].value : "");
	for (size_t i = 0; i < r->nstrings && r->nfields == 0; i++)
		buf_printf(scratch, "%s%s", i ? " | " : "",
		    r->strings[i] != NULL ? r->strings[i] : "");
	buf_cstr(scratch);
	*len = scratch->len;
	return scratch->data;
}

void
ui_record_time(const struct vs_record *r, char *out, size_t len)
{
	char t[64];

	if (r->time == VS_NO_TIME || r->tz == VS_TZ_NONE) {
		snprintf(out, len, "(no time)");
		return;
	}
	record_format_time(r->time, r->tz, t, sizeof t);
	if (strlen(t) >= 19) {
		t[10] = ' ';
		t[19] = '\0';
	}
	snprintf(out, len, "%s%s", t, r->tz == VS_TZ_UTC ? "Z" : "");
}
