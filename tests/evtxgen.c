/*
 * tests/evtxgen.c -- write an .evtx file from a text description of
 * events (tests/fixtures/README-evd.md), or a large synthetic log.
 *
 * evtxgen [--corrupt-record N] [--bad-size N] [--bad-chunk-crc N]
 *     IN.evd OUT.evtx
 * evtxgen --expect IN.evd
 * evtxgen --synth SIZE_MB [--kb-percent P] [--seed S] OUT.evtx
 *
 * --expect prints what a reader should find in the file, in the form
 * tests/evtxgen-check prints from libevtx, so a test can diff the two.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evtxgen.h"
#include "xmalloc.h"

/* The parsed event, owning its strings. */
struct desc_event {
	struct evg_event	 e;
	char			*provider;
	char			*channel;
	char			*computer;
	uint8_t			*binary;
	char			**texts;	/* items' text and names */
	size_t			 ntexts;
	size_t			 items_size;
	unsigned		 seen;		/* fields given, by bit */
	int			 has_time;
	int			 has_written;
	int			 has_record;
};

struct desc {
	const char		*path;
	FILE			*f;
	unsigned long		 line;
	unsigned long		 ev_line;	/* of the current event */
	int			 in_event;
	int			 in_defaults;
	int			 pending;	/* BLOCK_* read, not yet begun */
	int			 any_event;
	uint64_t		 next_record;
	uint64_t		 next_time;
	uint32_t		 flags;
	struct desc_event	 ev;
	struct desc_event	 defaults;	/* fields of "defaults" */
};

/* Lines that start a block of fields. */
enum {
	BLOCK_NONE, BLOCK_EVENT, BLOCK_DEFAULTS
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: evtxgen [--corrupt-record N] [--bad-size N] "
	    "[--bad-chunk-crc N] IN.evd OUT.evtx\n"
	    "       evtxgen --expect IN.evd\n"
	    "       evtxgen --synth SIZE_MB [--kb-percent P] [--seed S] "
	    "OUT.evtx\n");
	exit(2);
}

/* Days from 1601-01-01 to the given date (proleptic Gregorian). */
static int64_t
days_from_1601(int y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	/* Days since 1970-01-01, then move the epoch to 1601. */
	return (era * 146097 + doe - 719468 + 134774);
}

uint64_t
evg_filetime(int y, int mo, int d, int h, int mi, int s, uint32_t ticks)
{
	int64_t	secs;

	secs = days_from_1601(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return ((uint64_t)secs * 10000000 + ticks);
}

/*
 * A FILETIME as YYYY-MM-DDTHH:MM:SS.fffZ with 1 to 7 fraction digits:
 * the civil date from a day count, the inverse of days_from_1601.
 */
void
evg_time_text(char *buf, size_t size, int digits, uint64_t ft)
{
	int64_t		z, era, doe, yoe, doy, mp, y, m, d;
	uint64_t	secs = ft / 10000000 % 86400, frac = ft % 10000000;
	int		i;

	z = (int64_t)(ft / 10000000 / 86400) - 134774 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	for (i = digits; i < 7; i++)
		frac /= 10;
	snprintf(buf, size, "%04d-%02d-%02dT%02u:%02u:%02u.%0*lluZ", (int)y,
	    (int)m, (int)d, (unsigned)(secs / 3600),
	    (unsigned)(secs / 60 % 60), (unsigned)(secs % 60), digits,
	    (unsigned long long)frac);
}

int
evg_utf8_valid(const char *s, size_t len)
{
	const uint8_t	*u = (const uint8_t *)s, *end = u + len;
	uint32_t	 c, min;
	int		 n, i;

	while (u < end) {
		if (*u == 0)
			return (0);
		if (*u < 0x80) {
			u++;
			continue;
		}
		if ((*u & 0xe0) == 0xc0) {
			n = 1;
			c = *u & 0x1f;
			min = 0x80;
		} else if ((*u & 0xf0) == 0xe0) {
			n = 2;
			c = *u & 0x0f;
			min = 0x800;
		} else if ((*u & 0xf8) == 0xf0) {
			n = 3;
			c = *u & 0x07;
			min = 0x10000;
		} else
			return (0);
		if (end - u <= n)
			return (0);
		for (i = 1; i <= n; i++) {
			if ((u[i] & 0xc0) != 0x80)
				return (0);
			c = c << 6 | (u[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
			return (0);
		u += n + 1;
	}
	return (1);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}: the first three parts LE. */
int
evg_parse_guid(const char *s, uint8_t *g)
{
	static const int	 order[16] = {
		3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
	};
	uint8_t			 raw[16];
	size_t			 i, n = 0;
	int			 hi, lo;

	if (strlen(s) != 38 || s[0] != '{' || s[37] != '}')
		return (-1);
	for (i = 1; i < 37; i++) {
		if (i == 9 || i == 14 || i == 19 || i == 24) {
			if (s[i] != '-')
				return (-1);
			continue;
		}
		if ((hi = hexval(s[i])) < 0 || (lo = hexval(s[i + 1])) < 0)
			return (-1);
		raw[n++] = hi << 4 | lo;
		i++;
	}
	for (i = 0; i < 16; i++)
		g[i] = raw[order[i]];
	return (0);
}

/* S-R-A-S1-S2...: returns the binary size, 0 if malformed. */
size_t
evg_parse_sid(const char *s, uint8_t *out)
{
	unsigned long long	 v;
	char			*end;
	size_t			 n = 0;
	int			 i;

	if (strncmp(s, "S-", 2) != 0)
		return (0);
	s += 2;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || *end != '-' || v > 255 || errno != 0)
		return (0);
	out[0] = v;
	s = end + 1;
	v = strtoull(s, &end, 10);
	if (end == s || v > 0xffffffffffffULL || errno != 0)
		return (0);
	for (i = 0; i < 6; i++)
		out[2 + i] = (v >> (8 * (5 - i))) & 0xff;
	while (*end == '-') {
		s = end + 1;
		v = strtoull(s, &end, 10);
		if (end == s || v > 0xffffffffULL || errno != 0 || n == 15)
			return (0);
		out[8 + 4 * n] = v & 0xff;
		out[9 + 4 * n] = (v >> 8) & 0xff;
		out[10 + 4 * n] = (v >> 16) & 0xff;
		out[11 + 4 * n] = (v >> 24) & 0xff;
		n++;
	}
	if (*end != '\0' || n == 0)
		return (0);
	out[1] = n;
	return (8 + 4 * n);
}

static int
parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	unsigned long long	 n;
	char			*end;

	if (!isdigit((unsigned char)*s))
		return (-1);
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || n > max)
		return (-1);
	*v = n;
	return (0);
}

/* YYYY-MM-DDTHH:MM:SS[.fraction]Z, as FILETIME. */
static int
parse_time(const char *s, uint64_t *ft)
{
	static const int	 mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			 y, mo, d, h, mi, sec, len = 0, digits = 0;
	uint32_t		 ticks = 0;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &sec, &len) != 6 || len != 19)
		return (-1);
	if (y < 1601 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 59 || h < 0 ||
	    mi < 0 || sec < 0)
		return (-1);
	s += len;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++) {
			if (++digits > 7)
				return (-1);
			ticks = ticks * 10 + (*s - '0');
		}
		if (digits == 0)
			return (-1);
		for (; digits < 7; digits++)
			ticks *= 10;
	}
	if (strcmp(s, "Z") != 0)
		return (-1);
	*ft = evg_filetime(y, mo, d, h, mi, sec, ticks);
	return (0);
}

/* Undo the escapes of README-evd.md; NULL and *cause if malformed. */
static char *
unescape(const char *s, char **cause)
{
	char	*out, *p;
	int	 hi, lo;

	out = p = xmalloc(strlen(s) + 1);
	while (*s != '\0') {
		if (*s != '\\') {
			*p++ = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'n':
			*p++ = '\n';
			break;
		case 'r':
			*p++ = '\r';
			break;
		case 't':
			*p++ = '\t';
			break;
		case 's':
			*p++ = ' ';
			break;
		case '\\':
			*p++ = '\\';
			break;
		case 'x':
			if ((hi = hexval(s[1])) < 0 || (lo = hexval(s[2])) < 0) {
				*cause = xstrdup("\\x needs two hex digits");
				goto fail;
			}
			if (hi == 0 && lo == 0) {
				*cause = xstrdup("\\x00 is not allowed");
				goto fail;
			}
			*p++ = hi << 4 | lo;
			s += 2;
			break;
		default:
			*cause = xasprintf("unknown escape \\%c", *s ? *s : ' ');
			goto fail;
		}
		s++;
	}
	*p = '\0';
	if (!evg_utf8_valid(out, p - out)) {
		*cause = xstrdup("text is not valid UTF-8");
		goto fail;
	}
	return (out);

fail:
	free(out);
	return (NULL);
}

/* An element or attribute name: ASCII letters, digits, _ . - */
static int
valid_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return (0);
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' &&
		    *s != '-')
			return (0);
	}
	return (1);
}

static void
event_clear(struct desc_event *ev)
{
	size_t	i;

	free(ev->provider);
	free(ev->channel);
	free(ev->computer);
	free(ev->binary);
	for (i = 0; i < ev->ntexts; i++)
		free(ev->texts[i]);
	free(ev->texts);
	free(ev->e.items);
	memset(ev, 0, sizeof *ev);
}

static void
keep_text(struct desc_event *ev, char *s)
{
	ev->texts = xreallocarray(ev->texts, ev->ntexts + 1,
	    sizeof *ev->texts);
	ev->texts[ev->ntexts++] = s;
}

/* Fill in defaults once the event is complete. */
static void
event_finish(struct desc *d)
{
	struct desc_event	*ev = &d->ev;
	struct evg_event	*e = &ev->e;

	if (!ev->has_record)
		e->record = d->next_record;
	d->next_record = e->record + 1;
	if (!ev->has_time)
		e->time = d->next_time;
	d->next_time = e->time + 10000000;
	if (!ev->has_written)
		e->written = e->time;
	if (ev->provider == NULL)
		ev->provider = xstrdup("EvtxGen");
	if (ev->channel == NULL)
		ev->channel = xstrdup("Application");
	if (ev->computer == NULL)
		ev->computer = xstrdup("TESTHOST");
	e->provider = ev->provider;
	e->channel = ev->channel;
	e->computer = ev->computer;
	e->binary = ev->binary;
	e->tmpl = NULL;
}

/* Field values common to all events: the README's defaults. */
static void
event_reset(struct desc_event *ev)
{
	event_clear(ev);
	ev->e.level = 4;
	ev->e.keywords = 0x80000000000000ULL;
}

/* A new event starts from the latest "defaults" block. */
static void
event_start(struct desc *d)
{
	struct desc_event	*ev = &d->ev, *def = &d->defaults;

	event_clear(ev);
	ev->e = def->e;
	ev->e.items = NULL;
	ev->e.nitems = 0;
	if (def->provider != NULL)
		ev->provider = xstrdup(def->provider);
	if (def->channel != NULL)
		ev->channel = xstrdup(def->channel);
	if (def->computer != NULL)
		ev->computer = xstrdup(def->computer);
}

enum field {
	F_RECORD, F_PROVIDER, F_GUID, F_ID, F_QUALIFIERS, F_VERSION, F_LEVEL,
	F_TASK, F_OPCODE, F_KEYWORDS, F_TIME, F_WRITTEN, F_CHANNEL,
	F_COMPUTER, F_SID, F_PID, F_TID, F_BINARY, F_DATA, F_NAMED,
	F_USERDATA
};
static const char *fields[] = {
	"record", "provider", "guid", "id", "qualifiers", "version", "level",
	"task", "opcode", "keywords", "time", "written", "channel",
	"computer", "sid", "pid", "tid", "binary", "data", "named",
	"userdata"
};

static int
add_item(struct desc_event *ev, enum field f, const char *arg, char **cause)
{
	struct evg_event	*e = &ev->e;
	struct evg_item		*it;
	const char		*sp;
	char			*name = NULL, *text;

	if (f != F_DATA) {
		sp = arg + strcspn(arg, " \t");
		name = xstrndup(arg, sp - arg);
		if (!valid_name(name)) {
			*cause = xasprintf("bad name \"%s\"", name);
			free(name);
			return (-1);
		}
		keep_text(ev, name);
		arg = sp + strspn(sp, " \t");
	}
	if ((f == F_USERDATA) != (e->userdata != 0) && e->nitems > 0) {
		*cause = xstrdup("an event has either data/named or userdata "
		    "lines, not both");
		return (-1);
	}
	if ((text = unescape(arg, cause)) == NULL)
		return (-1);
	keep_text(ev, text);
	if (e->nitems == ev->items_size) {
		ev->items_size = ev->items_size ? ev->items_size * 2 : 8;
		e->items = xreallocarray(e->items, ev->items_size,
		    sizeof *e->items);
	}
	it = &e->items[e->nitems++];
	it->kind = f == F_DATA ? EVG_DATA :
	    f == F_NAMED ? EVG_NAMED : EVG_USER;
	it->name = name;
	it->text = text;
	e->userdata = f == F_USERDATA;
	return (0);
}

static int
parse_binary(struct desc_event *ev, const char *arg, char **cause)
{
	size_t	len = strlen(arg), i;
	int	hi, lo;

	if (len % 2 != 0) {
		*cause = xstrdup("binary needs an even number of hex digits");
		return (-1);
	}
	ev->binary = xmalloc(len / 2 + 1);
	for (i = 0; i < len / 2; i++) {
		if ((hi = hexval(arg[2 * i])) < 0 ||
		    (lo = hexval(arg[2 * i + 1])) < 0) {
			*cause = xstrdup("binary: not a hex digit");
			return (-1);
		}
		ev->binary[i] = hi << 4 | lo;
	}
	ev->e.has_binary = 1;
	ev->e.binary_len = len / 2;
	return (0);
}

static int
parse_field(struct desc_event *ev, enum field f, const char *arg,
    char **cause)
{
	struct evg_event	*e = &ev->e;
	uint64_t		 v;
	char			**sp = NULL;
	static const char	*levels[] = {
		"always", "critical", "error", "warning", "information",
		"verbose"
	};
	static const uint64_t	 max[] = {
		[F_RECORD] = UINT64_MAX, [F_ID] = 0xffff,
		[F_QUALIFIERS] = 0xffff, [F_VERSION] = 0xff,
		[F_LEVEL] = 0xff, [F_TASK] = 0xffff, [F_OPCODE] = 0xff,
		[F_KEYWORDS] = UINT64_MAX, [F_PID] = 0xffffffff,
		[F_TID] = 0xffffffff
	};

	if (f < F_DATA) {
		if (ev->seen & (1U << f)) {
			*cause = xasprintf("%s given twice", fields[f]);
			return (-1);
		}
		ev->seen |= 1U << f;
	}
	if (f == F_LEVEL && isalpha((unsigned char)*arg)) {
		for (v = 0; v < sizeof levels / sizeof levels[0]; v++) {
			if (strcmp(arg, levels[v]) == 0) {
				e->level = v;
				return (0);
			}
		}
		*cause = xasprintf("unknown level \"%s\"", arg);
		return (-1);
	}
	switch (f) {
	case F_RECORD:
	case F_ID:
	case F_QUALIFIERS:
	case F_VERSION:
	case F_LEVEL:
	case F_TASK:
	case F_OPCODE:
	case F_KEYWORDS:
	case F_PID:
	case F_TID:
		if (parse_u64(arg, max[f], &v) != 0) {
			*cause = xasprintf("%s: bad number \"%s\"", fields[f],
			    arg);
			return (-1);
		}
		break;
	default:
		break;
	}
	switch (f) {
	case F_RECORD:
		e->record = v;
		ev->has_record = 1;
		break;
	case F_ID:
		e->id = v;
		break;
	case F_QUALIFIERS:
		e->qualifiers = v;
		e->has_qualifiers = 1;
		break;
	case F_VERSION:
		e->version = v;
		break;
	case F_LEVEL:
		e->level = v;
		break;
	case F_TASK:
		e->task = v;
		break;
	case F_OPCODE:
		e->opcode = v;
		break;
	case F_KEYWORDS:
		e->keywords = v;
		break;
	case F_PID:
		e->pid = v;
		break;
	case F_TID:
		e->tid = v;
		break;
	case F_TIME:
	case F_WRITTEN:
		if (parse_time(arg, f == F_TIME ? &e->time : &e->written)) {
			*cause = xasprintf("%s: bad time \"%s\" (want "
			    "YYYY-MM-DDTHH:MM:SS[.fffffff]Z)", fields[f], arg);
			return (-1);
		}
		*(f == F_TIME ? &ev->has_time : &ev->has_written) = 1;
		break;
	case F_GUID:
		if (evg_parse_guid(arg, e->guid) != 0) {
			*cause = xasprintf("bad GUID \"%s\"", arg);
			return (-1);
		}
		e->has_guid = 1;
		break;
	case F_SID:
		if ((e->sid_len = evg_parse_sid(arg, e->sid)) == 0) {
			*cause = xasprintf("bad SID \"%s\"", arg);
			return (-1);
		}
		break;
	case F_PROVIDER:
		sp = &ev->provider;
		break;
	case F_CHANNEL:
		sp = &ev->channel;
		break;
	case F_COMPUTER:
		sp = &ev->computer;
		break;
	case F_BINARY:
		return (parse_binary(ev, arg, cause));
	case F_DATA:
	case F_NAMED:
	case F_USERDATA:
		return (add_item(ev, f, arg, cause));
	}
	if (sp != NULL) {
		free(*sp);	/* a default being overridden */
		if ((*sp = unescape(arg, cause)) == NULL)
			return (-1);
	}
	return (0);
}

static void
block_begin(struct desc *d, int block)
{
	if (block == BLOCK_EVENT) {
		d->in_event = 1;
		d->in_defaults = 0;
		d->ev_line = d->line;
		event_start(d);
	} else {
		d->in_defaults = 1;
		event_reset(&d->defaults);
	}
}

/* Fields that belong to one event only. */
static int
default_allowed(enum field f)
{
	return (f != F_RECORD && f != F_TIME && f != F_WRITTEN &&
	    f != F_DATA && f != F_NAMED && f != F_USERDATA && f != F_BINARY);
}

/*
 * Read the next event. Returns 1 with d->ev filled, 0 at the end, -1 on
 * error with *cause naming the file and line.
 */
static int
desc_next(struct desc *d, char **cause)
{
	char	*line = NULL, *p, *kw, *arg, *why = NULL;
	size_t	 size = 0, len, i;
	ssize_t	 n;
	int	 found = 0, block;

	if (d->pending != BLOCK_NONE) {
		block_begin(d, d->pending);
		d->pending = BLOCK_NONE;
	}
	while ((n = getline(&line, &size, d->f)) != -1) {
		d->line++;
		len = n;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		p = line + strspn(line, " \t");
		if (*p == '\0' || *p == '#')
			continue;
		kw = p;
		p += strcspn(p, " \t");
		if (*p != '\0')
			*p++ = '\0';
		arg = p + strspn(p, " \t");

		if (strcmp(kw, "file") == 0) {
			if (d->any_event || d->in_event || d->in_defaults) {
				why = xstrdup("\"file\" must come first");
				goto fail;
			}
			for (p = strtok(arg, " \t"); p != NULL;
			    p = strtok(NULL, " \t")) {
				if (strcmp(p, "dirty") == 0)
					d->flags |= EVG_FILE_DIRTY;
				else if (strcmp(p, "full") == 0)
					d->flags |= EVG_FILE_FULL;
				else {
					why = xasprintf("unknown file flag "
					    "\"%s\"", p);
					goto fail;
				}
			}
			continue;
		}
		if (strcmp(kw, "event") == 0 || strcmp(kw, "defaults") == 0) {
			if (*arg != '\0') {
				why = xasprintf("\"%s\" takes no argument", kw);
				goto fail;
			}
			block = *kw == 'e' ? BLOCK_EVENT : BLOCK_DEFAULTS;
			if (d->in_event) {
				/* The next call begins this block. */
				d->pending = block;
				found = 1;
				break;
			}
			block_begin(d, block);
			continue;
		}
		for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
			if (strcmp(kw, fields[i]) == 0)
				break;
		}
		if (i == sizeof fields / sizeof fields[0]) {
			why = xasprintf("unknown keyword \"%s\"", kw);
			goto fail;
		}
		if (d->in_event) {
			if (parse_field(&d->ev, i, arg, &why) != 0)
				goto fail;
			continue;
		}
		if (!d->in_defaults) {
			why = xasprintf("\"%s\" before any \"event\" line", kw);
			goto fail;
		}
		if (!default_allowed(i)) {
			why = xasprintf("\"%s\" cannot be a default", kw);
			goto fail;
		}
		if (parse_field(&d->defaults, i, arg, &why) != 0)
			goto fail;
	}
	free(line);
	if (ferror(d->f)) {
		*cause = xasprintf("%s: %s", d->path, strerror(errno));
		return (-1);
	}
	if (!found && !d->in_event)
		return (0);
	d->in_event = 0;
	d->in_defaults = 0;
	d->any_event = 1;
	event_finish(d);
	return (1);

fail:
	free(line);
	*cause = xasprintf("%s:%lu: %s", d->path, d->line, why);
	free(why);
	return (-1);
}

static int
desc_open(struct desc *d, const char *path, char **cause)
{
	memset(d, 0, sizeof *d);
	d->path = path;
	d->next_record = 1;
	d->next_time = evg_filetime(2024, 1, 1, 0, 0, 0, 0);
	event_reset(&d->defaults);
	if (strcmp(path, "-") == 0) {
		d->f = stdin;
		d->path = "<stdin>";
	} else if ((d->f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	return (0);
}

static void
desc_close(struct desc *d)
{
	event_clear(&d->ev);
	event_clear(&d->defaults);
	if (d->f != NULL && d->f != stdin)
		fclose(d->f);
}

/* Text for the expected dump: escape what would upset a line diff. */
static void
put_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
}

static void
put_filetime(const char *label, uint64_t ft)
{
	char	buf[64];

	evg_time_text(buf, sizeof buf, 7, ft);
	printf("%s %s\n", label, buf);
}

/*
 * The reader's view of one event, as tests/evtxgen-check prints it.
 * Keep the two in step.
 */
static void
expect_event(const struct evg_event *e)
{
	size_t	i;

	printf("record %" PRIu64 "\n", e->record);
	put_filetime("written", e->written);
	printf("id %u\n", e->id);
	if (e->has_qualifiers)
		printf("qualifiers %u\n", e->qualifiers);
	printf("level %u\n", e->level);
	printf("provider ");
	put_text(e->provider);
	printf("\ncomputer ");
	put_text(e->computer);
	printf("\n");
	if (e->sid_len > 0) {
		uint64_t auth = 0;

		for (i = 0; i < 6; i++)
			auth = auth << 8 | e->sid[2 + i];
		printf("sid S-%u-%" PRIu64, e->sid[0], auth);
		for (i = 0; i < e->sid[1]; i++)
			printf("-%u", (unsigned)e->sid[8 + 4 * i] |
			    (unsigned)e->sid[9 + 4 * i] << 8 |
			    (unsigned)e->sid[10 + 4 * i] << 16 |
			    (unsigned)e->sid[11 + 4 * i] << 24);
		printf("\n");
	}
	/* libevtx lists <Binary> as one more string, in hexadecimal. */
	printf("strings %zu\n", e->nitems + (e->has_binary ? 1 : 0));
	for (i = 0; i < e->nitems; i++) {
		printf("string ");
		put_text(e->items[i].text);
		printf("\n");
	}
	if (e->has_binary) {
		printf("string ");
		for (i = 0; i < e->binary_len; i++)
			printf("%02X", e->binary[i]);
		printf("\n");
	}
	printf("xml-channel ");
	put_text(e->channel);
	printf("\n");
	put_filetime("xml-time", e->time);
	printf("xml-record %" PRIu64 "\n", e->record);
	if (e->has_guid) {
		printf("xml-guid {%08X-%04X-%04X-%02X%02X-"
		    "%02X%02X%02X%02X%02X%02X}\n",
		    (unsigned)e->guid[0] | (unsigned)e->guid[1] << 8 |
		    (unsigned)e->guid[2] << 16 | (unsigned)e->guid[3] << 24,
		    (unsigned)e->guid[4] | (unsigned)e->guid[5] << 8,
		    (unsigned)e->guid[6] | (unsigned)e->guid[7] << 8,
		    e->guid[8], e->guid[9], e->guid[10], e->guid[11],
		    e->guid[12], e->guid[13], e->guid[14], e->guid[15]);
	}
	printf("xml-version %u\nxml-pid %" PRIu32 "\nxml-tid %" PRIu32 "\n",
	    e->version, e->pid, e->tid);
	printf("xml-task %u\nxml-opcode %u\nxml-keywords 0x%016" PRIx64 "\n",
	    e->task, e->opcode, e->keywords);
	for (i = 0; i < e->nitems; i++) {
		if (e->items[i].kind == EVG_NAMED)
			printf("xml-name %s\n", e->items[i].name);
		else if (e->items[i].kind == EVG_USER)
			printf("xml-user %s\n", e->items[i].name);
	}
	printf("\n");
}

static int
run_desc(const char *in, const char *out, int expect, int64_t bad_size,
    int64_t bad_xml, int64_t bad_crc)
{
	struct desc		 d;
	struct evg_writer	*w = NULL;
	char			*cause = NULL;
	int			 r;

	if (desc_open(&d, in, &cause) != 0)
		goto fail;
	if (!expect && (w = evg_writer_open(out, &cause)) == NULL)
		goto fail;
	if (w != NULL && bad_size >= 0)
		evg_writer_bad_size(w, bad_size);
	if (w != NULL && bad_xml >= 0)
		evg_writer_bad_xml(w, bad_xml);
	if (w != NULL && bad_crc >= 0)
		evg_writer_bad_chunk_crc(w, bad_crc);
	while ((r = desc_next(&d, &cause)) == 1) {
		if (expect)
			expect_event(&d.ev.e);
		else if (evg_writer_add(w, &d.ev.e, &cause) != 0) {
			char *c = xasprintf("%s:%lu: event: %s", d.path,
			    d.ev_line, cause);

			free(cause);
			cause = c;
			goto fail;
		}
	}
	if (r < 0)
		goto fail;
	if (expect)
		printf("file-flags 0x%" PRIx32 "\n", d.flags);
	if (w != NULL) {
		evg_writer_set_flags(w, d.flags);
		r = evg_writer_close(w, &cause);
		w = NULL;
		if (r != 0)
			goto fail;
	}
	desc_close(&d);
	return (0);

fail:
	fprintf(stderr, "evtxgen: %s\n", cause);
	free(cause);
	evg_writer_abort(w);
	desc_close(&d);
	return (1);
}

static int64_t
number_arg(const char *opt, const char *s, uint64_t max)
{
	uint64_t	v;

	if (parse_u64(s, max, &v) != 0) {
		fprintf(stderr, "evtxgen: %s: bad number \"%s\"\n", opt, s);
		exit(2);
	}
	return ((int64_t)v);
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "corrupt-record", required_argument, NULL, 'x' },
		{ "bad-size", required_argument, NULL, 'c' },
		{ "bad-chunk-crc", required_argument, NULL, 'b' },
		{ "expect", no_argument, NULL, 'e' },
		{ "synth", required_argument, NULL, 's' },
		{ "kb-percent", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t				 bad_size = -1, bad_crc = -1, bad_xml = -1;
	int64_t				 synth = -1, percent = 1, seed = 1;
	int				 ch, expect = 0;
	char				*cause = NULL;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			bad_size = number_arg("--bad-size", optarg, INT64_MAX);
			break;
		case 'b':
			bad_crc = number_arg("--bad-chunk-crc", optarg,
			    65534);
			break;
		case 'x':
			bad_xml = number_arg("--corrupt-record", optarg,
			    INT64_MAX);
			break;
		case 'e':
			expect = 1;
			break;
		case 's':
			synth = number_arg("--synth", optarg, 4000);
			break;
		case 'k':
			percent = number_arg("--kb-percent", optarg, 100);
			break;
		case 'r':
			seed = number_arg("--seed", optarg, INT64_MAX);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (synth >= 0) {
		if (argc != 1 || expect || bad_size >= 0 || bad_crc >= 0 ||
		    bad_xml >= 0)
			usage();
		if (synth == 0) {
			fprintf(stderr, "evtxgen: --synth needs a size of at "
			    "least 1 MB\n");
			return (2);
		}
		if (evg_synth(argv[0], synth, percent, seed, &cause) != 0) {
			fprintf(stderr, "evtxgen: %s\n", cause);
			free(cause);
			return (1);
		}
		return (0);
	}
	if (expect) {
		if (argc != 1 || bad_size >= 0 || bad_crc >= 0 || bad_xml >= 0)
			usage();
		return (run_desc(argv[0], NULL, 1, -1, -1, -1));
	}
	if (argc != 2)
		usage();
	return (run_desc(argv[0], argv[1], 0, bad_size, bad_xml, bad_crc));
}
