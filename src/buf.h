/* buf.h -- growable byte buffers, JSON escaping and terminal-safe text.
 * Core: no curses. */
#ifndef VS_BUF_H
#define VS_BUF_H
#include <stddef.h>
#include <stdio.h>

struct buf {
	char	*data;	/* always NUL-terminated when len > 0 or after buf_cstr */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);
char	*buf_steal(struct buf *);	/* caller frees; buffer is reset */

/* Appends s as the inside of a JSON string (no quotes): control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. */
void	 buf_add_json(struct buf *, const char *s, size_t len);
/* Appends s made safe to show on a terminal: no C0/C1 control
 * characters or escape sequences survive (ESC shows as "^["), tabs
 * become a space, invalid UTF-8 becomes '?'. Newlines kept if keep_nl. */
void	 buf_add_safe(struct buf *, const char *s, size_t len, int keep_nl);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t	 utf8_seq_len(const unsigned char *s, size_t avail);
#endif
