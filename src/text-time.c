/* text-time.c -- dates and times as text exports print them, and --tz. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "text-int.h"
#include "xmalloc.h"

enum { TZK_LOCAL, TZK_FIXED, TZK_ZONE };

/* A number of at most max digits at *p; -1 if none. */
static long
num(const char **p, const char *end, int min, int max)
{
	long v = 0;
	int n = 0;
	while (*p < end && **p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min ? v : -1;
}

static int
zone_file_ok(const char *name)
{
	const char *dir = getenv("TZDIR");
	struct stat st;
	char path[512];

	if (name[0] == '/' || strstr(name, "..") != NULL)
		return 0;
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "/usr/share/zoneinfo",
	    name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* What a --tz value means: a fixed offset in seconds east of UTC, a
 * zone name from the zone database, or nothing known (-1). */
static int
tz_classify(const char *tz, long *offset)
{
	const char *p, *end;
	long h, m = 0;
	int sign;

	if (strcmp(tz, "UTC") == 0 || strcmp(tz, "Z") == 0 ||
	    strcmp(tz, "GMT") == 0 || strcmp(tz, "Etc/UTC") == 0) {
		*offset = 0;
		return TZK_FIXED;
	}
	if (tz[0] == '+' || tz[0] == '-') {
		sign = tz[0] == '-' ? -1 : 1;
		p = tz + 1;
		end = p + strlen(p);
		h = num(&p, end, 1, 2);
		if (p < end && *p == ':')
			p++;
		if (p < end)
			m = num(&p, end, 2, 2);
		if (h >= 0 && h <= 14 && m >= 0 && m < 60 && p == end) {
			*offset = sign * (h * 3600 + m * 60);
			return TZK_FIXED;
		}
		return -1;
	}
	return zone_file_ok(tz) ? TZK_ZONE : -1;
}

int
text_tz_valid(const char *tz)
{
	long offset;

	return tz != NULL && tz_classify(tz, &offset) != -1;
}

void
text_time_init(struct text_ctx *ctx)
{
	const char *tz = ctx->ing->tz;
	long offset = 0;

	ctx->tz_kind = TZK_LOCAL;
	if (tz == NULL || *tz == '\0')
		return;
	switch (tz_classify(tz, &offset)) {
	case TZK_FIXED:
		ctx->tz_kind = TZK_FIXED;
		ctx->tz_offset = offset;
		return;
	case TZK_ZONE:
		ctx->tz_kind = TZK_ZONE;
		ctx->tz_name = xstrdup(tz);
		return;
	}
	input_note(ctx->in, "time zone \"%.64s\" not known; times are kept as "
	    "local time", tz);
}

void
text_time_free(struct text_ctx *ctx)
{
	free(ctx->tz_name);
	ctx->tz_name = NULL;
}

/* Local wall-clock time in the named zone to UTC, through the C library. */
static int64_t
zone_to_utc(struct text_ctx *ctx, int64_t local)
{
	static char *cached_zone;
	static int64_t cached_hour = INT64_MIN;
	static long cached_off;
	int64_t secs = local / 1000000, hour = secs / 3600;
	char *old;
	struct tm tm;
	time_t t;

	/* Offsets change on the hour at most: one conversion per hour. */
	if (cached_zone != NULL && strcmp(cached_zone, ctx->tz_name) == 0 &&
	    hour == cached_hour)
		return local - (int64_t)cached_off * 1000000;
	old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	setenv("TZ", ctx->tz_name, 1);
	tzset();
	t = (time_t)secs;
	gmtime_r(&t, &tm);	/* the wall-clock fields, read as if UTC */
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (old != NULL) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
	free(cached_zone);
	cached_zone = xstrdup(ctx->tz_name);
	cached_hour = hour;
	cached_off = (long)(secs - (int64_t)t);
	return local - (int64_t)cached_off * 1000000;
}

static int
valid(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1601 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 &&
	    s <= 60;
}

/* "HH:MM[:SS[.frac]][ AM|PM]" */
static int
clock_part(const char **pp, const char *end, int *h, int *mi, int *s,
    long *usec, int *ampm)
{
	const char *p = *pp;
	long v;

	*s = 0;
	*usec = 0;
	*ampm = 0;
	if ((v = num(&p, end, 1, 2)) < 0)
		return -1;
	*h = (int)v;
	if (p >= end || *p != ':')
		return -1;
	p++;
	if ((v = num(&p, end, 2, 2)) < 0)
		return -1;
	*mi = (int)v;
	if (p < end && *p == ':') {
		p++;
		if ((v = num(&p, end, 2, 2)) < 0)
			return -1;
		*s = (int)v;
		if (p < end && (*p == '.' || *p == ',')) {
			long scale = 100000;
			p++;
			while (p < end && *p >= '0' && *p <= '9') {
				*usec += (*p - '0') * scale;
				scale /= 10;
				p++;
			}
		}
	}
	const char *q = text_skip_ws(p, end);
	if (end - q >= 2 && (q[1] == 'M' || q[1] == 'm') &&
	    (q[0] == 'A' || q[0] == 'a' || q[0] == 'P' || q[0] == 'p')) {
		*ampm = (q[0] == 'P' || q[0] == 'p') ? 2 : 1;
		if (*h < 1 || *h > 12)
			return -1;
		if (*h == 12)
			*h = 0;
		if (*ampm == 2)
			*h += 12;
		p = q + 2;
	}
	*pp = p;
	return 0;
}

int
text_time_parse(struct text_ctx *ctx, const char *s, size_t len, int64_t *t,
    enum vs_time_zone *tzp)
{
	const char *p = s, *end = s + len;
	long a, b, c;
	int y, mo, d, h = 0, mi = 0, sec = 0, ampm = 0, utc = 0;
	long usec = 0, off = 0;
	char sep;

	p = text_skip_ws(p, end);
	/* A weekday name in front ("Thursday, March 14, 2024" is not
	 * handled, but "Thu 14.03.2024" is). */
	if ((a = num(&p, end, 1, 4)) < 0 || p >= end)
		return -1;
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return -1;
	p++;
	if ((b = num(&p, end, 1, 2)) < 0 || p >= end || *p != sep)
		return -1;
	p++;
	if ((c = num(&p, end, 1, 4)) < 0)
		return -1;
	if (a >= 1000) {		/* 2024-03-14 */
		y = (int)a;
		mo = (int)b;
		d = (int)c;
	} else if (c >= 1000) {
		y = (int)c;
		if (sep == '.' || sep == '-') {
			d = (int)a;		/* 14.03.2024 */
			mo = (int)b;
		} else {
			/* Which of d/m/y and m/d/y: the input decides once a
			 * value above 12 shows; until then guess. */
			int dmy;
			if (a > 12 && b <= 12) {
				dmy = 1;
				if (ctx->dateorder == DO_UNKNOWN)
					ctx->dateorder = DO_DMY;
			} else if (b > 12 && a <= 12) {
				dmy = 0;
				if (ctx->dateorder == DO_UNKNOWN)
					ctx->dateorder = DO_MDY;
			} else if (ctx->dateorder != DO_UNKNOWN)
				dmy = ctx->dateorder == DO_DMY;
			else {
				const char *q = memchr(p, 'M',
				    (size_t)(end - p));
				if (q == NULL)
					q = memchr(p, 'm', (size_t)(end - p));
				dmy = q == NULL;	/* AM/PM: US order */
			}
			d = (int)(dmy ? a : b);
			mo = (int)(dmy ? b : a);
		}
	} else
		return -1;
	if (p < end && (*p == 'T' || *p == ' ' || *p == ',')) {
		p++;
		p = text_skip_ws(p, end);
		if (p < end && *p >= '0' && *p <= '9' &&
		    clock_part(&p, end, &h, &mi, &sec, &usec, &ampm) != 0)
			return -1;
	}
	p = text_skip_ws(p, end);
	if (p < end && (*p == 'Z' || *p == 'z')) {
		utc = 1;
		p++;
	} else if (p < end && (*p == '+' || *p == '-') && end - p >= 3 &&
	    p[1] >= '0' && p[1] <= '9') {
		int sign = *p == '-' ? -1 : 1;
		long oh, om = 0;
		p++;
		oh = num(&p, end, 2, 2);
		if (p < end && *p == ':')
			p++;
		if (p < end && *p >= '0' && *p <= '9')
			om = num(&p, end, 2, 2);
		if (oh < 0 || oh > 14 || om < 0 || om > 59)
			return -1;
		off = sign * (oh * 3600 + om * 60);
		utc = 1;
	}
	if (!valid(y, mo, d, h, mi, sec))
		return -1;
	*t = record_make_time(y, mo, d, h, mi, sec > 59 ? 59 : sec, usec) -
	    (int64_t)off * 1000000;
	if (utc) {
		*tzp = VS_TZ_UTC;
		return 0;
	}
	switch (ctx->tz_kind) {
	case TZK_FIXED:
		*t -= (int64_t)ctx->tz_offset * 1000000;
		*tzp = VS_TZ_UTC;
		break;
	case TZK_ZONE:
		*t = zone_to_utc(ctx, *t);
		*tzp = VS_TZ_UTC;
		break;
	default:
		*tzp = VS_TZ_LOCAL;
		break;
	}
	return 0;
}

/* Sets the record's time from text; notes an unreadable one. */
int
text_time_set(struct text_ctx *ctx, const char *s, size_t len)
{
	int64_t t;
	enum vs_time_zone tz;

	if (len == 0)
		return -1;
	if (text_time_parse(ctx, s, len, &t, &tz) != 0) {
		input_note(ctx->in, "line %llu: date \"%.*s\" not understood",
		    (unsigned long long)ctx->lineno, len > 40 ? 40 : (int)len,
		    s);
		return -1;
	}
	ctx->rb.rec.time = t;
	ctx->rb.rec.tz = tz;
	return 0;
}
