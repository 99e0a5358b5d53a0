/* redact.c -- consistent pseudonyms for computers, domains, users, IP
 * addresses and account SIDs in report text.
 *
 * Text is cut into chunks: runs of the bytes a name can hold (letters,
 * digits, . - _ $ @ \ % : and anything non-ASCII). Each chunk is tried as
 * a whole against the kinds of name in turn; a chunk that is none of them
 * is searched for the computer names learned from records. Deciding on
 * whole chunks is what keeps GUIDs, HRESULTs, versions and file names
 * from being taken for names.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "redact.h"
#include "xmalloc.h"

/* Learned hosts and kept words share the table with the pseudonyms. */
enum pn_class {
	PN_HOST, PN_DOMAIN, PN_USER, PN_IP, PN_SID, PN_NCLASS,
	PN_LEARNED = PN_NCLASS,	/* a host name learned from a record */
	PN_LABEL,		/* a telling label of a learned domain */
	PN_KEEP			/* a word that stays */
};

static const char *const pn_prefix[PN_NCLASS] = {
	"HOST", "DOMAIN", "USER", "IP", "SID"
};

struct pseudonym {
	enum pn_class	 cls;
	char		*key;		/* lower case */
	size_t		 keylen;
	char		*name;		/* NULL past PN_NCLASS */
};

struct redact {
	struct pseudonym *pn;
	size_t		  npn;
	size_t		  cappn;
	size_t		 *slot;		/* hash of pn indexes + 1, 0 empty */
	size_t		  nslot;	/* a power of two */
	unsigned	  next[PN_NCLASS];
};

/* Top-level and private suffixes that make a dotted word a domain. Some
 * country codes are left out because they are also file extensions or
 * words (sh, ps, md, cs, is, to, me, do, as, so). */
static const char *const tlds[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "biz", "info", "io",
	"local", "lan", "corp", "internal", "intranet", "intra", "ad", "home",
	"localdomain", "domain", "priv", "private", "eu", "uk", "de", "fr",
	"pl", "jp", "nl", "be", "ch", "at", "it", "es", "se", "dk", "fi",
	"no", "au", "nz", "ca", "us", "br", "ru", "cz", "sk", "hu", "ro",
	"ie", "pt", "za", "cn", "kr", "tw", "hk", "sg", "mx", "ar", "cl",
	"co", "il", "tr", "gr", "ua", "lt", "lv", "ee", "si", "hr", "rs",
	"bg", "in", "lu", "li"
};

/* Public names that identify no customer. */
static const char *const public_domains[] = {
	"microsoft.com", "windows.com", "windowsupdate.com", "live.com",
	"msdn.com", "technet.com", "asp.net", "system.net", "example.com",
	"example.org", "example.net"
};

/* Left sides of NAME\thing that are not domains. */
static const char *const not_domains[] = {
	"authority", "builtin", "service", "apppool", "machine", "manager",
	"host", "global", "local", "session", "sessions", "basenamedobjects",
	"hklm", "hkcu", "hku", "hkcr", "hkcc", "nt"
};

/* Accounts that name no person. */
static const char *const builtin_users[] = {
	"administrator", "administrators", "guest", "system", "krbtgt",
	"defaultaccount", "local service", "network service", "everyone"
};

/* File extensions: NAME\file.ext is a path, not a user. */
static const char *const extensions[] = {
	"exe", "dll", "sys", "log", "txt", "xml", "evtx", "etl", "bak",
	"mdf", "ldf", "ndf", "edb", "chk", "jrs", "vhd", "vhdx", "avhdx",
	"vmcx", "vmrs", "vsv", "bin", "ini", "cfg", "dat", "tmp", "msi"
};

#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

static int
in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

static int
is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A byte that a chunk (a candidate name) can hold. */
static int
is_chunk(unsigned char c)
{
	return is_alnum(c) || c >= 0x80 || strchr("._-$@\\%:", c) != NULL;
}

/* A byte that continues a word, for finding learned names in text. */
static int
is_word(unsigned char c)
{
	return is_alnum(c) || c == '_';
}

static char *
lower_dup(const char *s, size_t len)
{
	char *p = xstrndup(s, len);
	for (char *q = p; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return p;
}

struct redact *
redact_create(void)
{
	return xcalloc(1, sizeof (struct redact));
}

void
redact_free(struct redact *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->npn; i++) {
		free(r->pn[i].key);
		free(r->pn[i].name);
	}
	free(r->pn);
	free(r->slot);
	free(r);
}

static size_t
pn_hash(enum pn_class cls, const char *s, size_t len)
{
	size_t h = 2166136261u ^ (size_t)cls;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static struct pseudonym *
pn_lookup(const struct redact *r, enum pn_class cls, const char *s,
    size_t len)
{
	if (r->nslot == 0)
		return NULL;
	size_t mask = r->nslot - 1;
	for (size_t i = pn_hash(cls, s, len) & mask; r->slot[i] != 0;
	    i = (i + 1) & mask) {
		struct pseudonym *p = &r->pn[r->slot[i] - 1];
		if (p->cls == cls && p->keylen == len &&
		    strncasecmp(p->key, s, len) == 0)
			return p;
	}
	return NULL;
}

static const char *
pn_find(const struct redact *r, enum pn_class cls, const char *s, size_t len)
{
	const struct pseudonym *p = pn_lookup(r, cls, s, len);
	return p != NULL ? p->name : NULL;
}

static void
pn_place(struct redact *r, size_t idx)
{
	const struct pseudonym *p = &r->pn[idx];
	size_t mask = r->nslot - 1;
	size_t i = pn_hash(p->cls, p->key, p->keylen) & mask;
	while (r->slot[i] != 0)
		i = (i + 1) & mask;
	r->slot[i] = idx + 1;
}

/* Adds an entry; name (owned from now on) may be NULL. */
static void
pn_insert(struct redact *r, enum pn_class cls, const char *s, size_t len,
    char *name)
{
	if (r->npn == r->cappn) {
		r->cappn = r->cappn ? r->cappn * 2 : 16;
		r->pn = xreallocarray(r->pn, r->cappn, sizeof *r->pn);
	}
	r->pn[r->npn].cls = cls;
	r->pn[r->npn].key = lower_dup(s, len);
	r->pn[r->npn].keylen = len;
	r->pn[r->npn].name = name;
	r->npn++;
	/* Keep the table at most half full. */
	if (r->npn * 2 > r->nslot) {
		free(r->slot);
		r->nslot = r->nslot ? r->nslot * 2 : 64;
		r->slot = xcalloc(r->nslot, sizeof *r->slot);
		for (size_t i = 0; i < r->npn; i++)
			pn_place(r, i);
	} else
		pn_place(r, r->npn - 1);
}

/* The pseudonym of a name, made on first sight. */
static const char *
pn_get(struct redact *r, enum pn_class cls, const char *s, size_t len)
{
	const char *name = pn_find(r, cls, s, len);
	if (name != NULL)
		return name;
	pn_insert(r, cls, s, len, xasprintf("%s-%u", pn_prefix[cls],
	    ++r->next[cls]));
	return r->pn[r->npn - 1].name;
}

static int
is_learned_host(const struct redact *r, const char *s, size_t len)
{
	return pn_lookup(r, PN_LEARNED, s, len) != NULL;
}

static int
is_kept(const struct redact *r, const char *s, size_t len)
{
	return pn_lookup(r, PN_KEEP, s, len) != NULL;
}

/* Labels of a dotted name: letters, digits, - and _, none empty. The
 * number of labels, or 0 when s is not such a name. */
static size_t
dns_labels(const char *s, size_t len)
{
	size_t labels = 1, run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (run == 0)
				return 0;
			labels++;
			run = 0;
		} else if (is_alnum(c) || c == '-' || c == '_')
			run++;
		else
			return 0;
	}
	return run == 0 ? 0 : labels;
}

/* A dotted name whose last label is a domain suffix and not a number. */
static int
looks_like_domain(const struct redact *r, const char *s, size_t len)
{
	if (dns_labels(s, len) < 2)
		return 0;
	/* A learned domain at its end, or a telling label of one in it. */
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && s[i - 1] != '.')
			continue;
		if (pn_find(r, PN_DOMAIN, s + i, len - i) != NULL)
			return 1;
		const char *dot = memchr(s + i, '.', len - i);
		if (dot != NULL && pn_lookup(r, PN_LABEL, s + i,
		    (size_t)(dot - s - i)) != NULL)
			return 1;
	}
	const char *last = memrchr(s, '.', len) + 1;
	size_t llen = len - (size_t)(last - s);
	for (size_t i = 0; i < llen; i++)
		if (!is_alpha((unsigned char)last[i]))
			return 0;
	return in_list(tlds, NITEMS(tlds), last, llen);
}

static int
is_public_domain(const char *s, size_t len)
{
	for (size_t i = 0; i < NITEMS(public_domains); i++) {
		size_t n = strlen(public_domains[i]);
		if (len < n || strncasecmp(s + len - n, public_domains[i], n) != 0)
			continue;
		if (len == n || s[len - n - 1] == '.')
			return 1;
	}
	return 0;
}

void
redact_learn_computer(struct redact *r, const char *name)
{
	if (name == NULL)
		return;
	while (*name == ' ')
		name++;
	size_t len = strlen(name);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '.'))
		len--;
	if (len < 2 || dns_labels(name, len) == 0)
		return;
	const char *dot = memchr(name, '.', len);
	size_t hlen = dot != NULL ? (size_t)(dot - name) : len;
	int numeric = 1;
	for (size_t i = 0; i < len; i++)
		if (!is_digit((unsigned char)name[i]) && name[i] != '.')
			numeric = 0;
	if (numeric || (hlen == 9 && strncasecmp(name, "localhost", 9) == 0))
		return;
	if (hlen >= 2 && !is_learned_host(r, name, hlen)) {
		pn_insert(r, PN_LEARNED, name, hlen, NULL);
		pn_get(r, PN_HOST, name, hlen);
	}
	if (dot == NULL)
		return;
	const char *dom = dot + 1;
	size_t dlen = len - hlen - 1;
	if (dns_labels(dom, dlen) == 0 || is_public_domain(dom, dlen))
		return;
	const char *name_of_domain = pn_get(r, PN_DOMAIN, dom, dlen);
	/* The NetBIOS name of an Active Directory domain is usually one of
	 * its labels (CONTOSO of contoso.local, CORP or FABRIKAM of
	 * corp.fabrikam.com), as in CONTOSO\user: give the labels but the
	 * last the same pseudonym. */
	const char *label = dom, *end = dom + dlen;
	for (;;) {
		const char *dot2 = memchr(label, '.', (size_t)(end - label));
		if (dot2 == NULL)
			break;
		size_t llen = (size_t)(dot2 - label);
		if (llen >= 2 && pn_find(r, PN_DOMAIN, label, llen) == NULL)
			pn_insert(r, PN_DOMAIN, label, llen,
			    xstrdup(name_of_domain));
		/* A label long enough to be a name rather than "corp" or
		 * "ad" is replaced as a word anywhere. */
		if (llen >= 5 && pn_lookup(r, PN_LABEL, label, llen) == NULL &&
		    !in_list(tlds, NITEMS(tlds), label, llen))
			pn_insert(r, PN_LABEL, label, llen, NULL);
		label = dot2 + 1;
	}
}

void
redact_keep(struct redact *r, const char *word)
{
	if (word == NULL || *word == '\0' || is_kept(r, word, strlen(word)))
		return;
	pn_insert(r, PN_KEEP, word, strlen(word), NULL);
}

/* Text that is no name, with learned computer names replaced where they
 * stand as words. */
static void
add_plain(struct redact *r, struct buf *out, const char *s, size_t len)
{
	size_t i = 0, from = 0;

	while (i < len) {
		if (i > 0 && is_word((unsigned char)s[i - 1])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && (is_word((unsigned char)s[j]) || s[j] == '-'))
			j++;
		/* A host name may hold a hyphen; try the longest first. */
		size_t end = j;
		const char *name = NULL;
		while (end > i) {
			if (end == len || !is_word((unsigned char)s[end])) {
				if (is_learned_host(r, s + i, end - i))
					name = pn_get(r, PN_HOST, s + i, end - i);
				else if (pn_lookup(r, PN_LABEL, s + i,
				    end - i) != NULL)
					name = pn_find(r, PN_DOMAIN, s + i,
					    end - i);
				if (name != NULL)
					break;
			}
			do
				end--;
			while (end > i && s[end] != '-');
		}
		if (name != NULL) {
			buf_add(out, s + from, i - from);
			buf_adds(out, name);
			i = from = end;
		} else
			i++;
	}
	buf_add(out, s + from, len - from);
}

/* S-1-5-21-a-b-c[-rid]: a domain or an account in one. Other SIDs name
 * built-in accounts and services and stay. */
static int
is_domain_sid(const char *s, size_t len)
{
	if (len < 9 || strncasecmp(s, "S-1-5-21-", 9) != 0)
		return 0;
	size_t parts = 0, run = 0;
	for (size_t i = 9; i < len; i++) {
		if (is_digit((unsigned char)s[i]))
			run++;
		else if (s[i] == '-' && run > 0) {
			parts++;
			run = 0;
		} else
			return 0;
	}
	if (run == 0)
		return 0;
	return parts + 1 >= 3;
}

/* A dotted quad, each part 0-255. */
static int
is_ipv4(const char *s, size_t len)
{
	size_t parts = 0, i = 0;
	while (i < len) {
		unsigned v = 0;
		size_t d = 0;
		while (i < len && is_digit((unsigned char)s[i]) && d < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
			d++;
		}
		if (d == 0 || d > 3 || v > 255)
			return 0;
		parts++;
		if (i == len)
			break;
		if (s[i] != '.' || parts == 4)
			return 0;
		i++;
		if (i == len)
			return 0;
	}
	return parts == 4;
}

/* An IPv6 address (RFC 4291 text forms), without a zone. */
static int
is_ipv6(const char *s, size_t len)
{
	size_t groups = 0, i = 0;
	int compressed = 0;

	if (len < 2)
		return 0;
	if (s[0] == ':') {
		if (s[1] != ':')
			return 0;
		compressed = 1;
		i = 2;
		if (i == len)
			return 1;
	}
	while (i < len) {
		size_t j = i;
		while (j < len && is_hex((unsigned char)s[j]) && j - i < 5)
			j++;
		if (j < len && s[j] == '.') {
			/* Trailing IPv4 form, worth two groups. */
			if (!is_ipv4(s + i, len - i))
				return 0;
			groups += 2;
			break;
		}
		if (j == i || j - i > 4)
			return 0;
		groups++;
		if (j == len)
			break;
		if (s[j] != ':')
			return 0;
		if (j + 1 < len && s[j + 1] == ':') {
			if (compressed)
				return 0;
			compressed = 1;
			j++;
			if (j + 1 == len)
				break;
		} else if (j + 1 == len)
			return 0;
		i = j + 1;
	}
	return compressed ? groups < 8 : groups == 8;
}

static int
is_loopback(const char *s, size_t len, int v6)
{
	if (v6)
		return (len == 3 && memcmp(s, "::1", 3) == 0) ||
		    (len == 2 && memcmp(s, "::", 2) == 0);
	return (len >= 4 && memcmp(s, "127.", 4) == 0) ||
	    (len == 7 && memcmp(s, "0.0.0.0", 7) == 0) ||
	    (len == 15 && memcmp(s, "255.255.255.255", 15) == 0);
}

/* A dotted name as HOST-n.DOMAIN-n or DOMAIN-n. */
static void
add_dns_name(struct redact *r, struct buf *out, const char *s, size_t len,
    int whole_is_domain)
{
	const char *dot = memchr(s, '.', len);
	size_t hlen = (size_t)(dot - s);

	if (!whole_is_domain && pn_find(r, PN_DOMAIN, s, len) == NULL &&
	    (is_learned_host(r, s, hlen) || dns_labels(s, len) >= 3)) {
		buf_adds(out, pn_get(r, PN_HOST, s, hlen));
		buf_addc(out, '.');
		buf_adds(out, pn_get(r, PN_DOMAIN, dot + 1, len - hlen - 1));
	} else
		buf_adds(out, pn_get(r, PN_DOMAIN, s, len));
}

static int
is_user_char(unsigned char c)
{
	return is_alnum(c) || c >= 0x80 || strchr("._-$'+%", c) != NULL;
}

/* user@domain (a UPN or a mail address). */
static int
try_upn(struct redact *r, struct buf *out, const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	if (at == NULL || at == s || at == s + len - 1)
		return 0;
	size_t ulen = (size_t)(at - s);
	const char *dom = at + 1;
	size_t dlen = len - ulen - 1;
	for (size_t i = 0; i < ulen; i++)
		if (!is_user_char((unsigned char)s[i]))
			return 0;
	if (dns_labels(dom, dlen) == 0 || !is_alpha((unsigned char)dom[0]))
		return 0;
	buf_adds(out, pn_get(r, PN_USER, s, ulen));
	buf_addc(out, '@');
	if (memchr(dom, '.', dlen) != NULL)
		add_dns_name(r, out, dom, dlen, 1);
	else
		buf_adds(out, pn_get(r, PN_DOMAIN, dom, dlen));
	return 1;
}

static int
has_extension(const char *s, size_t len)
{
	const char *dot = memrchr(s, '.', len);
	if (dot == NULL)
		return 0;
	return in_list(extensions, NITEMS(extensions), dot + 1,
	    len - (size_t)(dot + 1 - s));
}

/* DOMAIN\user, or COMPUTER\user, or COMPUTER\INSTANCE. */
static int
try_account(struct redact *r, struct buf *out, const char *s, size_t len)
{
	const char *bs = memchr(s, '\\', len);
	if (bs == NULL || bs == s || bs == s + len - 1 ||
	    memchr(bs + 1, '\\', len - (size_t)(bs + 1 - s)) != NULL)
		return 0;
	size_t dlen = (size_t)(bs - s);
	const char *user = bs + 1;
	size_t ulen = len - dlen - 1;

	if (dns_labels(s, dlen) == 0 || in_list(not_domains,
	    NITEMS(not_domains), s, dlen) || strncasecmp(s, "HKEY_", 5) == 0)
		return 0;
	for (size_t i = 0; i < ulen; i++)
		if (!is_user_char((unsigned char)user[i]))
			return 0;
	if (has_extension(user, ulen))
		return 0;
	if (is_learned_host(r, s, dlen))
		buf_adds(out, pn_get(r, PN_HOST, s, dlen));
	else if (memchr(s, '.', dlen) != NULL)
		add_dns_name(r, out, s, dlen, 0);
	else
		buf_adds(out, pn_get(r, PN_DOMAIN, s, dlen));
	buf_addc(out, '\\');
	if (is_kept(r, user, ulen) ||
	    in_list(builtin_users, NITEMS(builtin_users), user, ulen))
		buf_add(out, user, ulen);
	else if (user[ulen - 1] == '$' && is_learned_host(r, user, ulen - 1)) {
		buf_adds(out, pn_get(r, PN_HOST, user, ulen - 1));
		buf_addc(out, '$');
	} else
		buf_adds(out, pn_get(r, PN_USER, user, ulen));
	return 1;
}

/* A path: \\HOST\share UNC names and C:\Users\NAME profiles. */
static void
add_path(struct redact *r, struct buf *out, const char *s, size_t len)
{
	size_t i = 0;
	int after_users = 0;

	if (len > 2 && s[0] == '\\' && s[1] == '\\') {
		size_t j = 2;
		while (j < len && s[j] != '\\')
			j++;
		buf_adds(out, "\\\\");
		if (j > 2 && dns_labels(s + 2, j - 2) != 0 &&
		    !is_ipv4(s + 2, j - 2)) {
			const char *dot = memchr(s + 2, '.', j - 2);
			if (dot != NULL)
				add_dns_name(r, out, s + 2, j - 2, 0);
			else
				buf_adds(out, pn_get(r, PN_HOST, s + 2, j - 2));
		} else
			add_plain(r, out, s + 2, j - 2);
		i = j;
	}
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '\\')
			j++;
		if (after_users && j > i && !in_list(builtin_users,
		    NITEMS(builtin_users), s + i, j - i) &&
		    !(j - i == 6 && strncasecmp(s + i, "Public", 6) == 0) &&
		    !(j - i == 7 && strncasecmp(s + i, "Default", 7) == 0))
			buf_adds(out, pn_get(r, PN_USER, s + i, j - i));
		else
			add_plain(r, out, s + i, j - i);
		after_users = j - i == 5 && strncasecmp(s + i, "Users", 5) == 0;
		if (j < len)
			buf_addc(out, '\\');
		i = j + 1;
	}
}

static int
has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

static int
is_version_word(const char *w)
{
	return strcasecmp(w, "version") == 0 || strcasecmp(w, "wersja") == 0 ||
	    strcasecmp(w, "ver") == 0 || strcmp(w, "バージョン") == 0;
}

static void add_chunk(struct redact *, struct buf *, const char *, size_t,
    const char *);

/* One chunk with its trailing punctuation taken off. */
static void
add_core(struct redact *r, struct buf *out, const char *s, size_t len,
    const char *prev)
{
	const char *pct;

	if (is_domain_sid(s, len)) {
		buf_adds(out, pn_get(r, PN_SID, s, len));
		return;
	}
	pct = memchr(s, '%', len);
	size_t alen = pct != NULL ? (size_t)(pct - s) : len;
	if (memchr(s, ':', alen) != NULL && is_ipv6(s, alen)) {
		if (is_loopback(s, alen, 1))
			buf_add(out, s, alen);
		else
			buf_adds(out, pn_get(r, PN_IP, s, alen));
		buf_add(out, s + alen, len - alen);	/* the zone */
		return;
	}
	if (is_ipv4(s, len)) {
		if (is_loopback(s, len, 0) || is_version_word(prev))
			buf_add(out, s, len);
		else
			buf_adds(out, pn_get(r, PN_IP, s, len));
		return;
	}
	if (memchr(s, ':', len) != NULL) {
		/* Not an address: the colons only separate. */
		size_t i = 0;
		while (i < len) {
			const char *c = memchr(s + i, ':', len - i);
			size_t j = c != NULL ? (size_t)(c - s) : len;
			add_chunk(r, out, s + i, j - i, prev);
			if (j < len)
				buf_addc(out, ':');
			i = j + 1;
		}
		return;
	}
	if (try_upn(r, out, s, len) || try_account(r, out, s, len))
		return;
	if (memchr(s, '\\', len) != NULL) {
		add_path(r, out, s, len);
		return;
	}
	if (looks_like_domain(r, s, len) && !is_public_domain(s, len)) {
		add_dns_name(r, out, s, len, 0);
		return;
	}
	if (has_non_ascii(s, len)) {
		/* Not a name as a whole: an address may still be written
		 * against non-ASCII text, as in Japanese. */
		size_t i = 0;
		while (i < len) {
			size_t j = i;
			while (j < len && (unsigned char)s[j] >= 0x80)
				j++;
			buf_add(out, s + i, j - i);
			i = j;
			while (j < len && (unsigned char)s[j] < 0x80)
				j++;
			if (j > i)
				add_chunk(r, out, s + i, j - i, prev);
			i = j;
		}
		return;
	}
	add_plain(r, out, s, len);
}

static void
add_chunk(struct redact *r, struct buf *out, const char *s, size_t len,
    const char *prev)
{
	size_t core = len;
	while (core > 0 && strchr(".,;:!?", s[core - 1]) != NULL)
		core--;
	/* An IPv6 address may end in "::". */
	if (core + 1 < len && s[core] == ':' && s[core + 1] == ':')
		core += 2;
	add_core(r, out, s, core, prev);
	buf_add(out, s + core, len - core);
}

void
redact_add(struct redact *r, struct buf *out, const char *s, size_t len)
{
	char prev[32] = "";
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		while (j < len && !is_chunk((unsigned char)s[j]))
			j++;
		buf_add(out, s + i, j - i);
		i = j;
		while (j < len && is_chunk((unsigned char)s[j]))
			j++;
		if (j == i)
			break;
		add_chunk(r, out, s + i, j - i, prev);
		/* The word before the next chunk, to spot "Version: 1.0.0.7". */
		size_t w = j - i;
		while (w > 0 && strchr(".,;:!?", s[i + w - 1]) != NULL)
			w--;
		if (w >= sizeof prev)
			w = 0;
		memcpy(prev, s + i, w);
		prev[w] = '\0';
		i = j;
	}
	buf_cstr(out);
}

char *
redact_string(struct redact *r, const char *s)
{
	struct buf b;
	buf_init(&b);
	redact_add(r, &b, s, strlen(s));
	return buf_steal(&b);
}
