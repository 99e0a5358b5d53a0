/* keys.c -- keyboard input read straight from the terminal: keys, escape
 * sequences, UTF-8, and bracketed pastes taken in big reads so that a
 * paste of many thousand lines arrives whole at once. */
#include "config.h"
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "ui.h"

/* How long to wait for the rest of an escape sequence: enough for an
 * SSH session or a serial line, short enough that Esc feels at once. */
#define KEYS_ESC_WAIT	100
/* A paste whose end marker never comes ends after this much quiet. */
#define KEYS_PASTE_QUIET 1000

static unsigned char	 ibuf[65536];
static size_t		 ilen;		/* bytes in ibuf */
static size_t		 ipos;		/* next byte to take */
static struct buf	 paste;
static int		 paste_on;

void
keys_init(void)
{
	/* Ask the terminal to mark pastes (it ignores what it lacks). */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	paste_on = 1;
}

void
keys_end(void)
{
	if (paste_on) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
		paste_on = 0;
	}
	buf_free(&paste);
}

/* Reads what is waiting (up to timeout_ms for the first byte). 1 if
 * bytes came, 0 on timeout, -1 on a signal or end of input. */
static int
keys_fill(int timeout_ms)
{
	struct pollfd pfd;
	ssize_t n;
	int rc;

	if (ipos > 0 && ipos == ilen)
		ipos = ilen = 0;
	if (ilen == sizeof ibuf) {
		if (ipos == 0)
			return 1;
		memmove(ibuf, ibuf + ipos, ilen - ipos);
		ilen -= ipos;
		ipos = 0;
	}
	pfd.fd = STDIN_FILENO;
	pfd.events = POLLIN;
	pfd.revents = 0;
	rc = poll(&pfd, 1, timeout_ms);
	if (rc == 0)
		return 0;
	if (rc < 0)
		return errno == EINTR ? -1 : -2;
	n = read(STDIN_FILENO, ibuf + ilen, sizeof ibuf - ilen);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? -1 : -2;
	if (n == 0)
		return -2;	/* the terminal went away */
	ilen += (size_t)n;
	return 1;
}

static int
keys_avail(void)
{
	return (int)(ilen - ipos);
}

/* Makes sure n bytes are buffered, waiting a little for them. */
static int
keys_want(size_t n, int wait)
{
	while (ilen - ipos < n) {
		if (keys_fill(wait) <= 0)
			return 0;
	}
	return 1;
}

size_t
keys_utf8(int cp, char *out)
{
	unsigned c = (unsigned)cp;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

int
keys_is_text(int key)
{
	return key >= 0x20 && key != 0x7f && key < VK_SPECIAL;
}

/* Takes in the paste after its start marker, up to the end marker. */
static void
keys_read_paste(void)
{
	static const char end[] = "\033[201~";
	size_t endlen = sizeof end - 1, from = 0;
	char *hit;

	buf_reset(&paste);
	for (;;) {
		buf_add(&paste, ibuf + ipos, ilen - ipos);
		ipos = ilen = 0;
		hit = memmem(paste.data + from, paste.len - from, end, endlen);
		if (hit != NULL) {
			size_t at = (size_t)(hit - paste.data);
			/* Whatever followed the paste is input again. */
			size_t rest = paste.len - at - endlen;
			memcpy(ibuf, hit + endlen, rest);
			ilen = rest;
			paste.len = at;
			break;
		}
		from = paste.len >= endlen ? paste.len - endlen + 1 : 0;
		int rc = keys_fill(KEYS_PASTE_QUIET);
		if (rc == -1)
			continue;	/* a signal: keep reading the paste */
		if (rc <= 0)
			break;
	}
	/* Terminals send line ends as CR: make them "\n". */
	size_t j = 0;
	for (size_t i = 0; i < paste.len; i++) {
		char c = paste.data[i];
		if (c == '\r') {
			if (i + 1 < paste.len && paste.data[i + 1] == '\n')
				continue;
			c = '\n';
		}
		paste.data[j++] = c;
	}
	paste.len = j;
	buf_cstr(&paste);
}

const char *
keys_paste(size_t *len)
{
	*len = paste.len;
	return paste.len > 0 ? paste.data : "";
}

static int
keys_csi_tilde(int n)
{
	switch (n) {
	case 1: case 7:
		return VK_HOME;
	case 2:
		return VK_INSERT;
	case 3:
		return VK_DELETE;
	case 4: case 8:
		return VK_END;
	case 5:
		return VK_PGUP;
	case 6:
		return VK_PGDN;
	case 11: case 12: case 13: case 14: case 15:
		return VK_F1 + (n - 11);
	case 17: case 18: case 19: case 20: case 21:
		return VK_F6 + (n - 17);
	}
	return VK_NONE;
}

/* An escape sequence after ESC. */
static int
keys_escape(void)
{
	unsigned char c;
	int n = 0, have_n = 0;

	if (!keys_want(1, KEYS_ESC_WAIT))
		return VK_ESC;
	c = ibuf[ipos];
	if (c == 'O') {
		ipos++;
		if (!keys_want(1, KEYS_ESC_WAIT))
			return VK_ESC;
		c = ibuf[ipos++];
		switch (c) {
		case 'A': return VK_UP;
		case 'B': return VK_DOWN;
		case 'C': return VK_RIGHT;
		case 'D': return VK_LEFT;
		case 'H': return VK_HOME;
		case 'F': return VK_END;
		case 'M': return VK_ENTER;
		case 'P': case 'Q': case 'R': case 'S':
			return VK_F1 + (c - 'P');
		}
		return VK_NONE;
	}
	if (c != '[') {
		/* Esc then a key (Alt-key): take them as Esc. */
		return VK_ESC;
	}
	ipos++;
	if (!keys_want(1, KEYS_ESC_WAIT))
		return VK_ESC;
	if (ibuf[ipos] == '[') {	/* Linux console F1-F5: ESC [ [ A */
		ipos++;
		if (!keys_want(1, KEYS_ESC_WAIT))
			return VK_ESC;
		c = ibuf[ipos++];
		return c >= 'A' && c <= 'E' ? VK_F1 + (c - 'A') : VK_NONE;
	}
	/* Parameters, then a final byte in 0x40-0x7e. */
	for (;;) {
		if (!keys_want(1, KEYS_ESC_WAIT))
			return VK_NONE;
		c = ibuf[ipos++];
		if (c >= '0' && c <= '9') {
			if (!have_n)
				n = n * 10 + (c - '0');
			if (n > 10000)
				n = 10000;
		} else if (c == ';')
			have_n = 1;	/* modifiers follow: keep the first */
		else if (c >= 0x40 && c <= 0x7e)
			break;
		else if (c < 0x20 || c > 0x7e)
			return VK_NONE;
	}
	switch (c) {
	case 'A': return VK_UP;
	case 'B': return VK_DOWN;
	case 'C': return VK_RIGHT;
	case 'D': return VK_LEFT;
	case 'H': return VK_HOME;
	case 'F': return VK_END;
	case 'Z': return VK_BTAB;
	case 'P': case 'Q': case 'R': case 'S':
		return VK_F1 + (c - 'P');
	case '~':
		if (n == 200) {
			keys_read_paste();
			return VK_PASTE;
		}
		if (n == 201)
			return VK_NONE;
		return keys_csi_tilde(n);
	}
	return VK_NONE;
}

int
keys_read(int timeout_ms)
{
	unsigned char c;
	int rc;

	for (;;) {
		if (ui_sig_quit || ui_sig_int)
			return VK_SIGNAL;
		if (ui_sig_winch)
			return VK_RESIZE;
		if (keys_avail() > 0)
			break;
		rc = keys_fill(timeout_ms);
		if (rc == 0)
			return VK_NONE;
		if (rc == -2) {
			/* No terminal left: behave as if hung up. */
			ui_sig_quit = SIGHUP;
			return VK_SIGNAL;
		}
	}
	c = ibuf[ipos++];
	if (c == 0x1b)
		return keys_escape();
	if (c == 0x08)
		return VK_BS;
	if (c == '\n')
		return VK_ENTER;
	if (c < 0x80)
		return c;
	/* UTF-8: the whole sequence, or a replacement. */
	size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (need == 1)
		return '?';
	ipos--;
	if (!keys_want(need, KEYS_ESC_WAIT)) {
		ipos = ilen;
		return '?';
	}
	size_t n = utf8_seq_len(ibuf + ipos, ilen - ipos);
	if (n == 0) {
		ipos++;
		return '?';
	}
	int cp = ibuf[ipos] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (ibuf[ipos + i] & 0x3f);
	ipos += n;
	return cp;
}

int
keys_cancel_pending(void)
{
	int rc;

	if (ui_sig_int) {
		ui_sig_int = 0;
		return 1;
	}
	if (ui_sig_quit)
		return 1;
	if (ui_sig_winch)
		screen_resize();
	while ((rc = keys_fill(0)) == 1 && ilen < sizeof ibuf)
		;	/* take in what is waiting */
	/* Keys typed meanwhile stay for afterwards; a paste too (it may
	 * well hold a "c"). Only Esc alone, c or Ctrl-C cancel. */
	if (memmem(ibuf + ipos, ilen - ipos, "\033[200~", 6) != NULL)
		return 0;
	for (size_t i = ipos; i < ilen; i++) {
		unsigned char c = ibuf[i];
		if (c == 0x03 || c == 'c' || (c == 0x1b && (i + 1 == ilen ||
		    ibuf[i + 1] == 0x1b))) {
			ipos = ilen = 0;
			return 1;
		}
	}
	return 0;
}
