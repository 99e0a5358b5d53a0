/* xmalloc.h -- allocation that never returns NULL. Core: no curses. */
#ifndef VS_XMALLOC_H
#define VS_XMALLOC_H
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Called before exiting on out-of-memory, so the UI can restore the terminal. */
extern void (*xmalloc_fatal_hook)(void);
#endif
