/* redact.h -- consistent pseudonyms for the names a report should not carry:
 * computers, domains, users, IP addresses and account SIDs. Core: no curses. */
#ifndef VS_REDACT_H
#define VS_REDACT_H
#include <stddef.h>
#include "buf.h"

struct redact;

struct redact	*redact_create(void);
void		 redact_free(struct redact *);

/*
 * A computer name from a record ("SRV01" or "SRV01.contoso.local"). Its
 * host part is then replaced wherever it occurs as a word, and its
 * domain wherever it occurs as a domain.
 */
void		 redact_learn_computer(struct redact *, const char *);
/* A word never replaced: a SQL instance or writer name seen in facts. */
void		 redact_keep(struct redact *, const char *);

/*
 * Appends s with every name replaced by its pseudonym: HOST-n, DOMAIN-n,
 * USER-n, IP-n, SID-n. The same name (ignoring ASCII case) gets the same
 * pseudonym for the life of the redact. Well-known SIDs (S-1-5-18, ...),
 * built-in accounts, loopback addresses, GUIDs, HRESULTs and version
 * numbers stay as they are. Bytes other than names pass unchanged.
 */
void		 redact_add(struct redact *, struct buf *, const char *s, size_t len);
/* The same into a new string; the caller frees it. */
char		*redact_string(struct redact *, const char *);
#endif
