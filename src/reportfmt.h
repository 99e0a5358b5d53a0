/* reportfmt.h -- the text shaping the report needs: display width, word
 * wrapping, markdown escaping, excerpts of long fields. Core: no curses. */
#ifndef VS_REPORTFMT_H
#define VS_REPORTFMT_H
#include <stddef.h>
#include "buf.h"

/* Columns that valid UTF-8 text takes on a terminal: East Asian wide
 * characters take two, combining marks none. Locale independent. */
size_t	fmt_width(const char *s, size_t len);

/*
 * Appends s word-wrapped to width columns. The first line starts with
 * prefix, the others with hang spaces; every line ends in a newline. A
 * newline in s starts a new line (indented by hang). A word too long for
 * a line is cut. s must be terminal-safe already (buf_add_safe).
 */
void	fmt_wrap(struct buf *, const char *prefix, const char *s, size_t len,
	    size_t hang, size_t width);

/* Markdown text: the characters markdown would act on are escaped. */
void	fmt_md_text(struct buf *, const char *s, size_t len);
/* A markdown code span, with as many backticks as the text needs. */
void	fmt_md_code(struct buf *, const char *s, size_t len);
/* Backticks for a fenced block around s: at least three, more than any
 * run in s. */
size_t	fmt_md_fence(const char *s, size_t len);

/*
 * The part of a long field worth showing: the span [start, end) with
 * context either side, at most about max bytes, cut on UTF-8 character
 * boundaries with "..." where something was left out.
 */
void	fmt_excerpt(struct buf *, const char *s, size_t len, size_t start,
	    size_t end, size_t max);
#endif
