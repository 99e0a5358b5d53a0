/* Unit tests of the report's text shaping: widths, wrapping at 80
 * columns, markdown escaping, excerpts. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "reportfmt.h"
#include "tap.h"

/* The widest line of s, in display columns. */
static size_t
widest(const char *s)
{
	size_t best = 0;
	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		size_t w = fmt_width(s, len);
		if (w > best)
			best = w;
		s += len + (nl != NULL);
	}
	return best;
}

static int
has_trailing_space(const char *s)
{
	return strstr(s, " \n") != NULL;
}

static void
wrap(struct buf *b, const char *prefix, const char *s, size_t hang,
    size_t width)
{
	buf_reset(b);
	fmt_wrap(b, prefix, s, strlen(s), hang, width);
}

static void
test_width(void)
{
	is_int(fmt_width("abc", 3), 3, "ASCII is one column a character");
	is_int(fmt_width("\xc3\xa9t\xc3\xa9", 5), 3, "é is one column");
	is_int(fmt_width("\xe3\x83\x90\xe3\x83\xbc", 6), 4,
	    "Japanese katakana takes two columns each");
	is_int(fmt_width("e\xcc\x81", 3), 1, "a combining accent takes none");
}

static void
test_wrap(void)
{
	struct buf b;
	buf_init(&b);

	wrap(&b, "  Q: ", "Which SQL Server instance failed first?", 5, 80);
	is_str(buf_cstr(&b), "  Q: Which SQL Server instance failed first?\n",
	    "a short line stays one line");

	wrap(&b, "1. ", "aaaa bbbb cccc dddd eeee ffff", 3, 19);
	is_str(buf_cstr(&b), "1. aaaa bbbb cccc\n   dddd eeee ffff\n",
	    "words wrap with a hanging indent");

	wrap(&b, "", "one\ntwo  three", 2, 80);
	is_str(buf_cstr(&b), "one\n  two three\n",
	    "a newline starts an indented line; spaces collapse");

	wrap(&b, "- ", "Writer name: 'X'\n   State: [1] Stable and more words", 2, 24);
	is_str(buf_cstr(&b), "- Writer name: 'X'\n     State: [1] Stable\n"
	    "     and more words\n",
	    "a line's own indentation is kept, and wrapped under");

	wrap(&b, "> ", "", 2, 80);
	is_str(buf_cstr(&b), ">\n", "empty text: the prefix without its space");

	/* A path with no spaces, longer than a line, is cut. */
	char longword[301];
	memset(longword, 'x', 300);
	longword[300] = '\0';
	wrap(&b, "    ", longword, 6, 80);
	ok(widest(buf_cstr(&b)) <= 80, "a 300-character word is cut at 80");
	size_t xs = 0;
	for (const char *p = buf_cstr(&b); *p != '\0'; p++)
		xs += *p == 'x';
	is_int(xs, 300, "and nothing of it is lost");

	/* Wide characters count two columns. */
	struct buf jp;
	buf_init(&jp);
	for (int i = 0; i < 100; i++)
		buf_adds(&jp, "\xe3\x83\x90");
	buf_adds(&jp, " end");
	wrap(&b, "  ", buf_cstr(&jp), 2, 80);
	ok(widest(buf_cstr(&b)) <= 80,
	    "100 wide characters wrap by columns, not bytes");
	ok(strstr(buf_cstr(&b), "\xe3\x83") != NULL &&
	    (unsigned char)b.data[b.len - 5] != 0x83,
	    "no character is split");
	buf_free(&jp);

	/* A mix of everything, at several widths. */
	const char *text = "SQLVDI: Loc=TriggerAbort. Desc=invoked. "
	    "ErrorCode=(0). Process=3720. Thread=9404. Server. "
	    "Instance=SBSMonitoring. VD=Global\\{DF1DD65F-F8AD-4946-A764-"
	    "F62166C541E2}10_SQLVDIMemoryName_0.\nSecond line \xc3\xa9t\xc3\xa9 "
	    "with C:\\Program Files\\Microsoft SQL Server\\MSSQL10_50."
	    "SBSMONITORING\\MSSQL\\Binn\\sqlservr.exe";
	size_t widths[] = { 80, 72, 40, 30 };
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		wrap(&b, "      ", text, 8, widths[i]);
		ok(widest(buf_cstr(&b)) <= widths[i] &&
		    !has_trailing_space(buf_cstr(&b)),
		    "evidence text fits %zu columns, no trailing spaces",
		    widths[i]);
	}
	buf_free(&b);
}

static void
test_markdown(void)
{
	struct buf b;
	buf_init(&b);

	const char *md = "*bold* _x_ [link](http://x) <b>&amp; `c` a|b ~s~ \\";
	fmt_md_text(&b, md, strlen(md));
	is_str(buf_cstr(&b), "\\*bold\\* \\_x\\_ \\[link\\](http://x) "
	    "\\<b\\>\\&amp; \\`c\\` a\\|b \\~s\\~ \\\\",
	    "markdown characters are escaped");
	buf_reset(&b);
	fmt_md_text(&b, "net stop MSSQL$SBS and 'MSSQL$X'", 32);
	is_str(buf_cstr(&b), "net stop MSSQL\\$SBS and 'MSSQL\\$X'",
	    "dollars are escaped against maths");
	buf_reset(&b);
	fmt_md_text(&b, "# not a heading", 15);
	is_str(buf_cstr(&b), "\\# not a heading", "a leading # is escaped");
	buf_reset(&b);
	fmt_md_text(&b, "2024. not a list", 16);
	is_str(buf_cstr(&b), "2024\\. not a list",
	    "a leading number and dot is escaped");
	buf_reset(&b);
	fmt_md_text(&b, "- x 1. y", 8);
	is_str(buf_cstr(&b), "\\- x 1. y", "only the start of the text counts");

	buf_reset(&b);
	fmt_md_code(&b, "vssadmin list writers", 21);
	is_str(buf_cstr(&b), "`vssadmin list writers`", "a code span");
	buf_reset(&b);
	fmt_md_code(&b, "a `b` c", 7);
	is_str(buf_cstr(&b), "``a `b` c``", "backticks inside: a longer fence");
	buf_reset(&b);
	fmt_md_code(&b, "`x", 2);
	is_str(buf_cstr(&b), "`` `x ``", "a leading backtick is padded");
	is_int(fmt_md_fence("no ticks", 8), 3, "a block fence is three");
	is_int(fmt_md_fence("a ```` b", 8), 5, "or longer than any run");
	buf_free(&b);
}

static void
test_excerpt(void)
{
	struct buf b;
	char big[1000];

	buf_init(&b);
	fmt_excerpt(&b, "short text", 10, 0, 5, 400);
	is_str(buf_cstr(&b), "short text", "short text is whole");

	for (size_t i = 0; i < sizeof big; i++)
		big[i] = i % 10 == 9 ? ' ' : 'a';
	memcpy(big + 600, "MATCH", 5);
	buf_reset(&b);
	fmt_excerpt(&b, big, sizeof big, 600, 605, 200);
	ok(strstr(buf_cstr(&b), "MATCH") != NULL, "the match is in the excerpt");
	ok(b.len <= 206 && strncmp(b.data, "...", 3) == 0 &&
	    strcmp(b.data + b.len - 3, "...") == 0,
	    "about max bytes, marked at both ends");
	ok(b.data[3] != ' ' && b.data[b.len - 4] != ' ',
	    "cut at spaces near the edges");

	/* UTF-8: never cut inside a character. */
	struct buf u;
	buf_init(&u);
	for (int i = 0; i < 300; i++)
		buf_adds(&u, "\xc3\xa9");
	buf_reset(&b);
	fmt_excerpt(&b, u.data, u.len, 301, 303, 101);
	ok(utf8_seq_len((const unsigned char *)b.data + 3, 2) == 2 &&
	    utf8_seq_len((const unsigned char *)b.data + b.len - 5, 2) == 2,
	    "cuts fall between characters");
	buf_reset(&b);
	fmt_excerpt(&b, u.data, u.len, 5000, 6000, 50);
	ok(b.len > 0 && b.len <= 56, "a span past the end is clamped");
	buf_free(&u);
	buf_free(&b);
}

int
main(void)
{
	test_width();
	test_wrap();
	test_markdown();
	test_excerpt();
	return done_testing();
}
