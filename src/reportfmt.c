/* reportfmt.c -- display width, word wrapping, markdown escaping and
 * excerpts for the report. */
#include "config.h"
#include <stdint.h>
#include <string.h>
#include "buf.h"
#include "reportfmt.h"

/* Decodes the character at s; returns its length (1 for a bad byte). */
static size_t
decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = utf8_seq_len(p, len);

	if (n <= 1) {
		*cp = p[0];
		return 1;
	}
	*cp = p[0] & (0xff >> (n + 1));
	for (size_t i = 1; i < n; i++)
		*cp = (*cp << 6) | (p[i] & 0x3f);
	return n;
}

static int
char_width(uint32_t c)
{
	/* Combining marks, zero-width spaces and joiners, variation
	 * selectors. */
	if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) ||
	    (c >= 0xfe20 && c <= 0xfe2f) || c == 0xfeff)
		return 0;
	/* East Asian wide and fullwidth. */
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

size_t
fmt_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	uint32_t c;

	while (i < len) {
		i += decode(s + i, len - i, &c);
		w += (size_t)char_width(c);
	}
	return w;
}

/* Ends a line, without the spaces it may end in. */
static void
end_line(struct buf *out, size_t line_start)
{
	while (out->len > line_start && out->data[out->len - 1] == ' ')
		out->len--;
	buf_addc(out, '\n');
}

static void
add_spaces(struct buf *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addc(out, ' ');
}

/* Bytes of s that fit in cols columns; at least one character. */
static size_t
fit(const char *s, size_t len, size_t cols)
{
	size_t i = 0, w = 0;
	uint32_t c;

	while (i < len) {
		size_t n = decode(s + i, len - i, &c);
		size_t cw = (size_t)char_width(c);
		if (w + cw > cols && i > 0)
			break;
		w += cw;
		i += n;
	}
	return i;
}

void
fmt_wrap(struct buf *out, const char *prefix, const char *s, size_t len,
    size_t hang, size_t width)
{
	size_t line_start = out->len;
	size_t col = fmt_width(prefix, strlen(prefix));
	size_t indent = hang;	/* of the lines the paragraph wraps onto */
	int fresh = 1;		/* nothing of s on this line yet */
	size_t i = 0;

	if (width <= hang + 16)
		width = hang + 16;
	buf_adds(out, prefix);
	while (i < len) {
		if (s[i] == '\n') {
			end_line(out, line_start);
			line_start = out->len;
			i++;
			/* A line of its own keeps its indentation, within
			 * reason, as in vssadmin output. */
			size_t lead = 0;
			while (i + lead < len && s[i + lead] == ' ')
				lead++;
			i += lead;
			if (lead > 8)
				lead = 8;
			indent = hang + lead;
			add_spaces(out, indent);
			col = indent;
			fresh = 1;
			continue;
		}
		if (s[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '\n')
			j++;
		const char *word = s + i;
		size_t wlen = j - i, ww = fmt_width(word, wlen);
		i = j;

		if (!fresh && col + 1 + ww <= width) {
			buf_addc(out, ' ');
			buf_add(out, word, wlen);
			col += 1 + ww;
			continue;
		}
		if (!fresh || col >= width) {
			end_line(out, line_start);
			line_start = out->len;
			add_spaces(out, indent);
			col = indent;
		}
		fresh = 0;
		/* Cut a word longer than a whole line. */
		while (col + ww > width) {
			size_t n = fit(word, wlen, width - col);
			/* Rather after a path separator or the like. */
			for (size_t k = n; k > n / 2 && k < wlen; k--)
				if (strchr("/\\-_.,;=&", word[k - 1]) != NULL) {
					n = k;
					break;
				}
			buf_add(out, word, n);
			word += n;
			wlen -= n;
			ww = fmt_width(word, wlen);
			if (wlen == 0)
				break;
			end_line(out, line_start);
			line_start = out->len;
			add_spaces(out, indent);
			col = indent;
		}
		buf_add(out, word, wlen);
		col += ww;
	}
	end_line(out, line_start);
}

void
fmt_md_text(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	/* What starts a heading, list, rule or quote at the start of a line. */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i < len && (s[i] == '.' || s[i] == ')')) {
		buf_add(out, s, i);
		buf_addc(out, '\\');
	} else
		i = 0;
	for (; i < len; i++) {
		char c = s[i];
		/* $ too: some renderers take $...$ for mathematics. */
		if (strchr("\\`*_[]<>|~&$", c) != NULL ||
		    (i == 0 && strchr("#+-=>", c) != NULL))
			buf_addc(out, '\\');
		buf_addc(out, c);
	}
	buf_cstr(out);
}

static size_t
longest_backtick_run(const char *s, size_t len)
{
	size_t best = 0, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

void
fmt_md_code(struct buf *out, const char *s, size_t len)
{
	size_t n = longest_backtick_run(s, len) + 1;
	int pad = len > 0 && (s[0] == '`' || s[len - 1] == '`' ||
	    (s[0] == ' ' && s[len - 1] == ' '));

	for (size_t i = 0; i < n; i++)
		buf_addc(out, '`');
	if (pad)
		buf_addc(out, ' ');
	buf_add(out, s, len);
	if (pad)
		buf_addc(out, ' ');
	for (size_t i = 0; i < n; i++)
		buf_addc(out, '`');
}

size_t
fmt_md_fence(const char *s, size_t len)
{
	size_t n = longest_backtick_run(s, len) + 1;
	return n < 3 ? 3 : n;
}

static int
is_cont(const char *s, size_t i)
{
	return ((unsigned char)s[i] & 0xc0) == 0x80;
}

void
fmt_excerpt(struct buf *out, const char *s, size_t len, size_t start,
    size_t end, size_t max)
{
	size_t a, b;

	if (len <= max) {
		buf_add(out, s, len);
		buf_cstr(out);
		return;
	}
	if (start > len)
		start = len;
	if (end < start || end > len)
		end = start;
	if (end - start >= max) {
		a = start;
		b = start + max;
	} else {
		size_t ctx = (max - (end - start)) / 2;
		a = start > ctx ? start - ctx : 0;
		b = a + max;
		if (b > len) {
			b = len;
			a = len - max;
		}
	}
	/* Cut between words when there is a break near the edge, so that
	 * no name is cut in two (redaction sees only the excerpt), and
	 * never inside a character. */
	for (size_t k = 0; a > 0 && k < 64 && a + k < start; k++)
		if (s[a + k] == ' ' || s[a + k] == '\n') {
			a += k + 1;
			break;
		}
	for (size_t k = 0; b < len && k < 64 && b - k > end; k++)
		if (s[b - k - 1] == ' ' || s[b - k - 1] == '\n') {
			b -= k + 1;
			break;
		}
	while (a > 0 && a < len && is_cont(s, a))
		a++;
	while (b < len && b > a && is_cont(s, b))
		b--;
	if (a > 0)
		buf_adds(out, "...");
	buf_add(out, s + a, b - a);
	if (b < len)
		buf_adds(out, "...");
	buf_cstr(out);
}
