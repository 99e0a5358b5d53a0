/* codes.h -- the HRESULT table (kb/codes.tsv): decoding, lookup, and
 * finding codes inside free text. Core: no curses. */
#ifndef VS_CODES_H
#define VS_CODES_H
#include <stddef.h>
#include <stdint.h>

struct code_info {
	uint32_t	 hr;
	const char	*name;		/* "VSS_E_WRITERERROR_NONRETRYABLE" */
	const char	*source;	/* "VSS", "Win32", "COM", "Windows Backup" */
	const char	*meaning;	/* one sentence in the project's words */
};

/*
 * Loads DIR/codes.tsv. May be called again (the table is replaced).
 * 0, or -1 with *cause ("DIR/codes.tsv:12: what is wrong").
 */
int			 codes_load(const char *kbdir, char **cause);
void			 codes_free(void);
size_t			 codes_count(void);
/* NULL when the code is not in the table. */
const struct code_info	*codes_find(uint32_t hr);

/*
 * Parses a code in any form: "0x800423F4", "800423F4", "2147754996",
 * "-2147212300". 0, or -1 if the text is not a code.
 */
int			 codes_parse(const char *s, uint32_t *out);

/* Severity, facility and code, e.g. "error, facility 7 (Win32), code
 * 5"; for 0x8007xxxx also "Win32 error 5". */
void			 codes_describe(uint32_t hr, char *out, size_t len);
const char		*codes_facility_name(unsigned facility);	/* or NULL */

/*
 * Finds HRESULTs in text: "0x" and eight hex digits; eight bare hex
 * digits, an unsigned or a signed decimal when a word such as "hr",
 * "error" or "code" comes just before, or when the table knows the
 * value. Writes at most max distinct codes in order of appearance and
 * returns how many were found (may exceed max).
 */
size_t			 codes_scan(const char *text, size_t len, uint32_t *out,
			     size_t max);
#endif
