/* text-vss.c -- vssadmin and diskshadow listings: writers, providers,
 * shadow storage and shadow copies. vssadmin is translated, so the
 * labels are not trusted: a block is known by its shape (a quoted name
 * after a colon, then GUIDs and "[N]"), its values by their order. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text-int.h"

/* What a value looks like. */
enum { V_PLAIN, V_GUID, V_STATE, V_VERSION, V_VOLUME, V_SIZE, V_DEVICE,
    V_QUOTED };

static const char *ws_names[] = {
	"VSS_WS_UNKNOWN", "VSS_WS_STABLE", "VSS_WS_WAITING_FOR_FREEZE",
	"VSS_WS_WAITING_FOR_THAW", "VSS_WS_WAITING_FOR_POST_SNAPSHOT",
	"VSS_WS_WAITING_FOR_BACKUP_COMPLETE", "VSS_WS_FAILED_AT_IDENTIFY",
	"VSS_WS_FAILED_AT_PREPARE_BACKUP", "VSS_WS_FAILED_AT_PREPARE_SNAPSHOT",
	"VSS_WS_FAILED_AT_FREEZE", "VSS_WS_FAILED_AT_THAW",
	"VSS_WS_FAILED_AT_POST_SNAPSHOT", "VSS_WS_FAILED_AT_BACKUP_COMPLETE",
	"VSS_WS_FAILED_AT_PRE_RESTORE", "VSS_WS_FAILED_AT_POST_RESTORE",
	"VSS_WS_FAILED_AT_BACKUPSHUTDOWN"
};
#define WS_MAX	15

static const char *prov_names[] = {
	"VSS_PROV_UNKNOWN", "VSS_PROV_SYSTEM", "VSS_PROV_SOFTWARE",
	"VSS_PROV_HARDWARE", "VSS_PROV_FILESHARE"
};

/* "[N] label": N, or -1. */
static long
bracket_number(const char *v, size_t vl, const char **label, size_t *ll)
{
	size_t i = 1;
	long n = 0;

	if (vl < 3 || v[0] != '[')
		return -1;
	while (i < vl && v[i] >= '0' && v[i] <= '9' && n < 100000)
		n = n * 10 + (v[i++] - '0');
	if (i == 1 || i >= vl || v[i] != ']')
		return -1;
	*label = text_skip_ws(v + i + 1, v + vl);
	*ll = (size_t)(v + vl - *label);
	return n;
}

static int
looks_version(const char *v, size_t vl)
{
	int dots = 0;
	if (vl == 0 || v[0] < '0' || v[0] > '9')
		return 0;
	for (size_t i = 0; i < vl; i++) {
		if (v[i] == '.')
			dots++;
		else if (v[i] < '0' || v[i] > '9')
			return 0;
	}
	return dots >= 1;
}

static int
value_kind(const char *v, size_t vl)
{
	const char *l;
	size_t ll;

	if (text_is_guid(v, vl))
		return V_GUID;
	if (bracket_number(v, vl, &l, &ll) >= 0)
		return V_STATE;
	if (looks_version(v, vl))
		return V_VERSION;
	if (vl >= 2 && v[0] == '\'' && v[vl - 1] == '\'')
		return V_QUOTED;
	if (vl > 15 && ((v[0] == '(' && memchr(v, ')', 6) != NULL &&
	    memmem(v, 16, ")\\\\?\\Volume{", 12) != NULL) ||
	    memcmp(v, "\\\\?\\Volume{", 11) == 0))
		return V_VOLUME;
	if (memmem(v, vl, "GLOBALROOT", 10) != NULL)
		return V_DEVICE;
	if (vl > 0 && v[0] >= '0' && v[0] <= '9' && memchr(v, '%', vl) != NULL)
		return V_SIZE;
	if (text_eq_ci(v, vl, "UNBOUNDED") || (memchr(v, '%', vl) != NULL &&
	    memchr(v, '(', vl) != NULL))
		return V_SIZE;
	return V_PLAIN;
}

/* The values of the open block, kept in aux: ctx->col_* hold offsets. */
static void
keep_value(struct text_ctx *ctx, int kind, const char *v, size_t vl)
{
	if (ctx->ncols >= TEXT_COLS_MAX)
		return;
	ctx->col_role[ctx->ncols] = kind;
	ctx->col_start[ctx->ncols] = ctx->aux.len;
	buf_add(&ctx->aux, v, vl);
	ctx->col_end[ctx->ncols] = ctx->aux.len;
	ctx->ncols++;
}

#define VAL(i)	(ctx->aux.data + ctx->col_start[i])
#define VLEN(i)	(ctx->col_end[i] - ctx->col_start[i])

static void
field_num(struct text_ctx *ctx, const char *name, long n)
{
	char tmp[24];
	int l = snprintf(tmp, sizeof tmp, "%ld", n);
	text_add_field(ctx, name, tmp, (size_t)l);
}

static void
mismatch(struct text_ctx *ctx, const char *why)
{
	ctx->rb.rec.flags |= VS_REC_MISMATCH;
	text_add_field(ctx, "mismatch", why, strlen(why));
	input_note(ctx->in, "line %llu: %s", (unsigned long long)
	    ctx->block_first, why);
}

/* An English state label against its number: -1 when the label is not
 * English (nothing can be checked), 1 when they agree, 0 when not. */
static int
state_agrees(long n, const char *l, size_t ll)
{
	if (text_eq_ci(l, ll, "Stable"))
		return n == 1;
	if (text_eq_ci(l, ll, "Failed"))
		return n >= 6 && n <= WS_MAX;
	if (text_eq_ci(l, ll, "Unknown"))
		return n == 0;
	if (text_eq_ci(l, ll, "Waiting for freeze"))
		return n == 2;
	if (text_eq_ci(l, ll, "Waiting for thaw"))
		return n == 3;
	if (text_eq_ci(l, ll, "Waiting for post snapshot") ||
	    text_eq_ci(l, ll, "Waiting for post-snapshot"))
		return n == 4;
	if (text_eq_ci(l, ll, "Waiting for completion") ||
	    text_eq_ci(l, ll, "Waiting for backup complete"))
		return n == 5;
	for (int i = 0; i <= WS_MAX; i++)
		if (text_eq_ci(l, ll, ws_names[i]))
			return n == i;
	return -1;
}

static void
writer_state(struct text_ctx *ctx, long n, const char *l, size_t ll)
{
	field_num(ctx, "state", n);
	if (ll > 0)
		text_add_field(ctx, "state_label", l, ll);
	char why[160];
	int lw = ll > 64 ? 64 : (int)ll;

	if (n > WS_MAX) {
		snprintf(why, sizeof why, "writer state [%ld] is not a known "
		    "state (label %.*s)", n, lw, l);
		mismatch(ctx, why);
	} else if (state_agrees(n, l, ll) == 0) {
		snprintf(why, sizeof why, "writer state [%ld] does not match "
		    "its label (%.*s); the number is used", n, lw, l);
		mismatch(ctx, why);
	}
}

static void
last_error(struct text_ctx *ctx, const char *v, size_t vl)
{
	static const struct {
		const char	*label;
		const char	*hr;
	} map[] = {
		{ "No error", "0x00000000" },
		{ "Retryable error", "0x800423F3" },
		{ "Non-retryable error", "0x800423F4" },
		{ "Timed out", "0x800423F2" },
		{ "Inconsistent shadow copy", "0x800423F0" },
		{ NULL, NULL }
	};
	text_add_field(ctx, "last_error", v, vl);
	for (int i = 0; map[i].label != NULL; i++)
		if (text_eq_ci(v, vl, map[i].label)) {
			text_add_field(ctx, "last_error_hr", map[i].hr, 10);
			return;
		}
	text_add_field(ctx, "unmapped", "last_error", 10);
}

static void
provider_type(struct text_ctx *ctx, const char *v, size_t vl)
{
	static const char *words[] = { NULL, "System", "Software", "Hardware",
	    "Fileshare" };
	text_add_field(ctx, "type_label", v, vl);
	for (long i = 1; i <= 4; i++)
		if (text_eq_ci(v, vl, words[i])) {
			field_num(ctx, "type", i);
			return;
		}
	text_add_field(ctx, "unmapped", "type", 4);
}

/* ---- vssadmin list writers / list providers ---- */

static void
item_end(struct text_ctx *ctx)
{
	int guids = 0, state = -1, gi[2] = { -1, -1 };
	const char *l;
	size_t ll;

	for (int i = 1; i < ctx->ncols; i++) {
		if (ctx->col_role[i] == V_GUID && guids < 2)
			gi[guids++] = i;
		if (ctx->col_role[i] == V_STATE && state < 0)
			state = i;
	}
	if (state >= 0 || guids == 2) {
		record_builder_reset(&ctx->rb, VS_KIND_WRITER, ctx->input);
		text_add_field(ctx, "writer", VAL(0), VLEN(0));
		if (gi[0] >= 0)
			text_add_field(ctx, "writer_id", VAL(gi[0]),
			    VLEN(gi[0]));
		if (gi[1] >= 0)
			text_add_field(ctx, "instance_id", VAL(gi[1]),
			    VLEN(gi[1]));
		if (state >= 0) {
			long n = bracket_number(VAL(state), VLEN(state), &l,
			    &ll);
			writer_state(ctx, n, l, ll);
			/* The value after the state is the last error. */
			if (state + 1 < ctx->ncols)
				last_error(ctx, VAL(state + 1),
				    VLEN(state + 1));
		}
		text_emit(ctx, TF_VSS_WRITERS);
		return;
	}
	if (guids == 1) {
		record_builder_reset(&ctx->rb, VS_KIND_PROVIDER, ctx->input);
		text_add_field(ctx, "provider", VAL(0), VLEN(0));
		for (int i = 1; i < ctx->ncols; i++) {
			if (i == gi[0])
				text_add_field(ctx, "provider_id", VAL(i),
				    VLEN(i));
			else if (i < gi[0])
				provider_type(ctx, VAL(i), VLEN(i));
			else if (ctx->col_role[i] == V_VERSION ||
			    i == gi[0] + 1)
				text_add_field(ctx, "version", VAL(i), VLEN(i));
		}
		text_emit(ctx, TF_VSS_PROVIDERS);
		return;
	}
	/* Not enough to tell: kept as text so that nothing is lost. */
	record_builder_reset(&ctx->rb, VS_KIND_TEXT, ctx->input);
	ctx->rb.rec.message = buf_cstr(&ctx->source);
	ctx->in->unrecognised_lines += ctx->block_last - ctx->block_first + 1;
	text_emit(ctx, TF_TEXT);
}

/* text_kv, also with the full-width colon of East Asian output. */
static int
kv_any(const char *c, size_t cl, const char **k, size_t *kl, const char **v,
    size_t *vl)
{
	const char *w;

	if (memchr(c, ':', cl) != NULL)
		return text_kv(c, cl, k, kl, v, vl);
	if ((w = memmem(c, cl, "\xef\xbc\x9a", 3)) == NULL)
		return 0;
	*k = c;
	*kl = text_trim_end(c, (size_t)(w - c));
	*v = text_skip_ws(w + 3, c + cl);
	*vl = text_trim_end(*v, (size_t)(c + cl - *v));
	return 1;
}

/* "Key: 'quoted name'" */
static int
quoted_kv(const char *c, size_t cl, const char **v, size_t *vl)
{
	const char *k;
	size_t kl;

	if (!kv_any(c, cl, &k, &kl, v, vl) || kl == 0 || kl > 80)
		return 0;
	return *vl >= 2 && (*v)[0] == '\'' && (*v)[*vl - 1] == '\'';
}

static enum text_took
item_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *k, *v;
	size_t cl, kl, vl;

	text_clean(s, len, &c, &cl);
	if (cl == 0 || ctx->ncols >= 7 || quoted_kv(c, cl, &v, &vl) ||
	    !kv_any(c, cl, &k, &kl, &v, &vl) || kl == 0)
		return TOOK_END;
	keep_value(ctx, value_kind(v, vl), v, vl);
	text_block_add_source(ctx, s, len);
	return TOOK_LINE;
}

/* ---- diskshadow ---- */

static void
ds_writer_end(struct text_ctx *ctx)
{
	text_emit(ctx, TF_DISKSHADOW);
}

static enum text_took
ds_writer_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *v, *eq, *colon;
	size_t cl, vl;

	text_clean(s, len, &c, &cl);
	if (cl == 0 || (c[0] != '-' && c[0] != '+'))
		return TOOK_END;
	text_block_add_source(ctx, s, len);
	if (c[0] == '+')
		ctx->state = 1;		/* components follow: not ours */
	if (ctx->state)
		return TOOK_LINE;
	eq = memchr(c, '=', cl);
	colon = memchr(c, ':', cl);
	if (eq == NULL || (colon != NULL && colon < eq))
		eq = colon;
	if (eq == NULL)
		return TOOK_LINE;
	v = text_skip_ws(eq + 1, c + cl);
	vl = (size_t)(c + cl - v);
	if (text_is_guid(v, vl)) {
		if (!(ctx->seen & 1))
			text_add_field(ctx, "writer_id", v, vl);
		else if (!(ctx->seen & 2))
			text_add_field(ctx, "instance_id", v, vl);
		ctx->seen |= (ctx->seen & 1) ? 2 : 1;
	} else if (vl > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		/* "0x800423f4 (VSS_E_WRITERERROR_NONRETRYABLE)" */
		const char *p = memchr(v, '(', vl), *q;
		size_t hl = p ? (size_t)(p - v) : vl;
		hl = text_trim_end(v, hl);
		if (!(ctx->seen & 8)) {
			char hex[16];
			unsigned long n = strtoul(v + 2, NULL, 16);
			int l = snprintf(hex, sizeof hex, "0x%08lX",
			    n & 0xffffffffUL);
			if (p != NULL &&
			    (q = memchr(p, ')', (size_t)(v + vl - p))) != NULL)
				text_add_field(ctx, "last_error", p + 1,
				    (size_t)(q - p - 1));
			else
				text_add_field(ctx, "last_error", v, hl);
			text_add_field(ctx, "last_error_hr", hex, (size_t)l);
			ctx->seen |= 8;
		}
	} else if (vl > 0 && v[0] >= '0' && v[0] <= '9' && !(ctx->seen & 4)) {
		/* "1 (VSS_WS_STABLE)" */
		long n = strtol(v, NULL, 10);
		const char *p = memchr(v, '(', vl), *q = NULL, *l = v + vl;
		size_t ll = 0;
		if (p != NULL && (q = memchr(p, ')', (size_t)(v + vl - p)))) {
			l = p + 1;
			ll = (size_t)(q - p - 1);
		}
		if (p != NULL) {
			writer_state(ctx, n, l, ll);
			ctx->seen |= 4;
		}
	}
	return TOOK_LINE;
}

static void
ds_prov_end(struct text_ctx *ctx)
{
	text_emit(ctx, TF_DISKSHADOW);
}

static enum text_took
ds_prov_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *k, *v, *l;
	size_t cl, kl, vl, ll;
	long n;

	text_clean(s, len, &c, &cl);
	/* An article's copy escapes the bullet and wraps lines in '*'
	 * for italics. */
	if (cl > 1 && c[0] == '\\' && c[1] == '*') {
		c++;
		cl--;
	}
	while (cl > 0 && c[cl - 1] == '*')
		cl = text_trim_end(c, cl - 1);
	while (cl > 0 && c[0] == '*' && cl > 1 && c[1] != ' ') {
		c++;
		cl--;
	}
	if (cl == 0 || c[0] == '*' || !text_kv(c, cl, &k, &kl, &v, &vl) ||
	    kl == 0 || ctx->ncols++ > 6)
		return TOOK_END;
	text_block_add_source(ctx, s, len);
	if ((n = bracket_number(v, vl, &l, &ll)) >= 0 && !(ctx->seen & 1)) {
		field_num(ctx, "type", n);
		text_add_field(ctx, "type_label", l, ll);
		if (n <= 4 && ll > 0 && memmem(l, ll, "VSS_PROV_", 9) != NULL &&
		    !text_eq_ci(l, ll, prov_names[n])) {
			char why[160];
			snprintf(why, sizeof why, "provider type [%ld] does "
			    "not match its label (%.*s); the number is used", n,
			    ll > 64 ? 64 : (int)ll, l);
			mismatch(ctx, why);
		}
		ctx->seen |= 1;
	} else if (text_is_guid(v, vl))
		text_add_field(ctx, "clsid", v, vl);
	else if (looks_version(v, vl))
		text_add_field(ctx, "version", v, vl);
	else if (!(ctx->seen & 2)) {
		text_add_field(ctx, "provider", v, vl);
		ctx->seen |= 2;
	}
	return TOOK_LINE;
}

/* ---- vssadmin list shadowstorage ---- */

static void	as_text(struct text_ctx *);

static void
percent_field(struct text_ctx *ctx, const char *name, const char *v,
    size_t vl)
{
	const char *pc = memchr(v, '%', vl), *p;
	char tmp[40];

	if (pc == NULL)
		return;
	p = pc;
	while (p > v && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' ||
	    p[-1] == ','))
		p--;
	if (p == pc)
		return;
	snprintf(tmp, sizeof tmp, "%s_percent", name);
	text_add_field(ctx, tmp, p, (size_t)(pc - p));
}

static void
storage_end(struct text_ctx *ctx)
{
	static const char *sizes[] = { "used", "allocated", "maximum" };
	int vols = 0, nsize = 0;

	if (ctx->ncols < 2) {
		as_text(ctx);
		return;
	}

	for (int i = 0; i < ctx->ncols; i++) {
		if (ctx->col_role[i] == V_VOLUME && vols < 2)
			text_add_field(ctx, vols++ ? "storage_volume" :
			    "for_volume", VAL(i), VLEN(i));
		else if (ctx->col_role[i] == V_SIZE && nsize < 3) {
			text_add_field(ctx, sizes[nsize], VAL(i), VLEN(i));
			percent_field(ctx, sizes[nsize], VAL(i), VLEN(i));
			nsize++;
		}
	}
	text_emit(ctx, TF_VSS_STORAGE);
}

static enum text_took
storage_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *k, *v;
	size_t cl, kl, vl;
	int kind;

	text_clean(s, len, &c, &cl);
	if (cl == 0 || ctx->ncols >= 5 || !text_kv(c, cl, &k, &kl, &v, &vl) ||
	    kl == 0)
		return TOOK_END;
	kind = value_kind(v, vl);
	if (kind != V_VOLUME && kind != V_SIZE)
		return TOOK_END;
	keep_value(ctx, kind, v, vl);
	text_block_add_source(ctx, s, len);
	return TOOK_LINE;
}

/* ---- vssadmin list shadows ---- */

enum { SH_SET = 100, SH_CTIME, SH_ID, SH_ORIG, SH_DEV, SH_ORIGIN, SH_SERVICE,
    SH_PROVIDER, SH_TYPE, SH_ATTR, SH_EXPOSED };

static const char *
shadow_field_name(int role)
{
	switch (role) {
	case SH_SET:
		return "set_id";
	case SH_CTIME:
		return "creation_time";
	case SH_ID:
		return "shadow_id";
	case SH_ORIG:
		return "original_volume";
	case SH_DEV:
		return "shadow_volume";
	case SH_ORIGIN:
		return "originating_machine";
	case SH_SERVICE:
		return "service_machine";
	case SH_PROVIDER:
		return "provider";
	case SH_TYPE:
		return "type";
	case SH_ATTR:
		return "attributes";
	case SH_EXPOSED:
		return "exposed_as";
	}
	return NULL;
}

/* The shadow copy gathered since ctx->sub, with its set's values. */
static void
shadow_emit(struct text_ctx *ctx)
{
	int have = 0;

	for (int i = ctx->sub; i < ctx->ncols; i++)
		have |= ctx->col_role[i] == SH_ID;
	if (!have)
		return;
	record_builder_reset(&ctx->rb, VS_KIND_SHADOW, ctx->input);
	for (int i = 0; i < ctx->ncols; i++) {
		int r = ctx->col_role[i];
		if (i < ctx->sub && r != SH_SET && r != SH_CTIME)
			continue;
		const char *v = VAL(i);
		size_t vl = VLEN(i);
		if (r == SH_PROVIDER && vl >= 2) {
			v++;
			vl -= 2;
		}
		text_add_field(ctx, shadow_field_name(r), v, vl);
		if (r == SH_CTIME) {
			int64_t t;
			enum vs_time_zone tz;
			if (text_time_parse(ctx, VAL(i), VLEN(i), &t,
			    &tz) == 0) {
				ctx->rb.rec.time = t;
				ctx->rb.rec.tz = tz;
			}
		}
	}
	ctx->state++;
	text_emit(ctx, TF_VSS_SHADOWS);
}

/* A block that turned out to be none of these lists: kept as text. */
static void
as_text(struct text_ctx *ctx)
{
	record_builder_reset(&ctx->rb, VS_KIND_TEXT, ctx->input);
	ctx->rb.rec.message = buf_cstr(&ctx->source);
	ctx->in->unrecognised_lines += ctx->block_last - ctx->block_first + 1;
	text_emit(ctx, TF_TEXT);
}

static void
shadows_end(struct text_ctx *ctx)
{
	shadow_emit(ctx);
	if (ctx->state == 0)
		as_text(ctx);
}

static enum text_took
shadows_line(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *k, *v;
	size_t cl, kl, vl, indent = 0;
	int kind, role = -1, plain_after = 0;
	int64_t t;
	enum vs_time_zone tz;

	text_clean(s, len, &c, &cl);
	if (cl == 0 || !text_kv(c, cl, &k, &kl, &v, &vl) || kl == 0)
		return TOOK_END;
	while (indent < len && s[indent] == ' ')
		indent++;
	kind = value_kind(v, vl);
	if (kind == V_GUID) {
		if (indent <= (size_t)ctx->cur_key) {
			/* Another set: this one is done. */
			shadow_emit(ctx);
			ctx->ncols = 0;
			buf_reset(&ctx->aux);
			ctx->sub = 0;
			ctx->cur_key = (int)indent;
			text_block_restart(ctx, VS_KIND_SHADOW);
			role = SH_SET;
		} else {
			shadow_emit(ctx);
			/* Keep the set's values, drop the last shadow's. */
			int keep = 0;
			for (int i = 0; i < ctx->ncols; i++)
				if (ctx->col_role[i] == SH_SET ||
				    ctx->col_role[i] == SH_CTIME) {
					ctx->col_role[keep] = ctx->col_role[i];
					ctx->col_start[keep] =
					    ctx->col_start[i];
					ctx->col_end[keep] = ctx->col_end[i];
					keep++;
				}
			ctx->ncols = keep;
			ctx->sub = keep;
			text_block_restart(ctx, VS_KIND_SHADOW);
			role = SH_ID;
		}
	} else if (kind == V_VOLUME)
		role = SH_ORIG;
	else if (kind == V_DEVICE)
		role = SH_DEV;
	else if (kind == V_QUOTED)
		role = SH_PROVIDER;
	else if (ctx->sub == 0 && ctx->ncols > 0 &&
	    text_time_parse(ctx, v, vl, &t, &tz) == 0)
		role = SH_CTIME;
	else if (text_eq_ci(k, kl, "Exposed locally as") ||
	    text_eq_ci(k, kl, "Exposed remotely as"))
		role = SH_EXPOSED;
	else {
		/* By order: two machines after the device, then the type
		 * and the attributes after the provider. */
		int dev = 0, prov = 0;
		for (int i = ctx->sub; i < ctx->ncols; i++) {
			if (ctx->col_role[i] == SH_DEV)
				dev = 1, prov = 0, plain_after = 0;
			else if (ctx->col_role[i] == SH_PROVIDER)
				prov = 1, plain_after = 0;
			else if (ctx->col_role[i] >= SH_ORIGIN &&
			    ctx->col_role[i] <= SH_ATTR)
				plain_after++;
		}
		if (prov)
			role = plain_after == 0 ? SH_TYPE : SH_ATTR;
		else if (dev)
			role = plain_after == 0 ? SH_ORIGIN : SH_SERVICE;
		else
			return TOOK_END;
	}
	if (ctx->ncols >= TEXT_COLS_MAX)
		return TOOK_END;
	keep_value(ctx, role, v, vl);
	text_block_add_source(ctx, s, len);
	return TOOK_LINE;
}

/* ---- banners printed before the lists ---- */

static int
banner(const char *c, size_t cl)
{
	static const char *starts[] = { "vssadmin ", "(C) Copyright",
	    "Copyright (C)", "Waiting for responses", "These may be delayed",
	    "DISKSHADOW>", "Microsoft DiskShadow", "On computer:",
	    "Listing writer", "Number of writers", "Listing provider",
	    "Number of providers", "Shadow Copy Storage association",
	    "No items found", NULL };
	for (int i = 0; starts[i] != NULL; i++)
		if (text_prefix_ci(c, cl, starts[i]))
			return 1;
	return 0;
}

int
text_vss_try(struct text_ctx *ctx, const char *s, size_t len)
{
	const char *c, *v, *q, *k;
	size_t cl, vl, kl;

	text_clean(s, len, &c, &cl);
	if (cl < 4)
		return 0;
	/* A web page's source escapes the list bullet. */
	if (cl > 2 && c[0] == '\\' && c[1] == '*') {
		c++;
		cl--;
	}
	/* diskshadow: '* WRITER "name"' or '* ProviderID: {guid}' */
	if (c[0] == '*') {
		const char *d = text_skip_ws(c + 1, c + cl);
		size_t dl = (size_t)(c + cl - d);
		while (dl > 0 && d[dl - 1] == '*')
			dl = text_trim_end(d, dl - 1);
		if (dl > 0 && d[0] == '*') {
			d++;
			dl--;
		}
		if (dl > 2 && d[dl - 1] == '"' &&
		    (q = memchr(d, '"', dl)) != NULL &&
		    q < d + dl - 1) {
			if (ctx->probe)
				return 1;
			text_block_open(ctx, ds_writer_line, ds_writer_end,
			    VS_KIND_WRITER);
			text_add_field(ctx, "writer", q + 1,
			    (size_t)(d + dl - 1 - q - 1));
			text_block_add_source(ctx, s, len);
			return 1;
		}
		if (text_kv(d, dl, &k, &kl, &v, &vl) && text_is_guid(v, vl)) {
			if (ctx->probe)
				return 1;
			text_block_open(ctx, ds_prov_line, ds_prov_end,
			    VS_KIND_PROVIDER);
			text_add_field(ctx, "provider_id", v, vl);
			text_block_add_source(ctx, s, len);
			return 1;
		}
		return 0;
	}
	if (c[cl - 1] == '\'' && quoted_kv(c, cl, &v, &vl)) {
		if (ctx->probe)
			return 1;
		text_block_open(ctx, item_line, item_end, VS_KIND_WRITER);
		ctx->ncols = 0;
		keep_value(ctx, V_QUOTED, v + 1, vl - 2);
		text_block_add_source(ctx, s, len);
		return 1;
	}
	if (ctx->probe)
		return 0;
	if (banner(c, cl))
		return 1;
	/* Lists without a quoted name start with a GUID (a shadow copy
	 * set) or a volume (a storage association); only at the top
	 * level, since event descriptions hold such lines too. */
	if (memchr(c, '{', cl) != NULL && text_kv(c, cl, &k, &kl, &v, &vl) &&
	    kl > 0) {
		int kind = value_kind(v, vl);
		if (kind == V_GUID) {
			size_t indent = 0;
			while (indent < len && s[indent] == ' ')
				indent++;
			text_block_open(ctx, shadows_line, shadows_end,
			    VS_KIND_SHADOW);
			ctx->cur_key = (int)indent;
			keep_value(ctx, SH_SET, v, vl);
			text_block_add_source(ctx, s, len);
			return 1;
		}
		if (kind == V_VOLUME) {
			text_block_open(ctx, storage_line, storage_end,
			    VS_KIND_SHADOW_STORAGE);
			keep_value(ctx, V_VOLUME, v, vl);
			text_block_add_source(ctx, s, len);
			return 1;
		}
	}
	return 0;
}
