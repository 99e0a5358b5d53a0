/* template.c -- message templates: the text of an event rebuilt from its
 * insertion strings, and the provider of a pasted message found from
 * the fixed words of a template. */
#include "config.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "kbint.h"
#include "xmalloc.h"

int
template_parse_into(struct kb *kb, const char *file, int line,
    const char *providers, const char *id, char **cause)
{
	char *end;
	unsigned long v = strtoul(id, &end, 10);

	if (end == id || *end != '\0' || v > 65535) {
		*cause = xasprintf("template %s: \"%s\" is not an event id",
		    providers, id);
		return -1;
	}
	kb->templates = xreallocarray(kb->templates, kb->ntemplates + 1,
	    sizeof *kb->templates);
	struct kb_template *t = &kb->templates[kb->ntemplates++];
	memset(t, 0, sizeof *t);
	t->id = (uint32_t)v;
	t->file = xstrdup(file);
	t->line = line;
	char *copy = xstrdup(providers);
	for (char *p = strtok(copy, ","); p != NULL; p = strtok(NULL, ",")) {
		t->providers = xreallocarray(t->providers, t->nproviders + 1,
		    sizeof *t->providers);
		t->providers[t->nproviders++] = xstrdup(p);
	}
	free(copy);
	return 0;
}

const struct kb_template *
template_find(const struct kb *kb, const char *provider, uint32_t id)
{
	if (kb == NULL || provider == NULL)
		return NULL;
	for (size_t i = 0; i < kb->ntemplates; i++) {
		const struct kb_template *t = &kb->templates[i];
		if (t->id != id)
			continue;
		for (size_t j = 0; j < t->nproviders; j++)
			if (strcasecmp(t->providers[j], provider) == 0)
				return t;
	}
	return NULL;
}

int
template_render(const struct kb *kb, const struct vs_record *r, struct buf *out)
{
	const struct kb_template *t;

	if (r->kind != VS_KIND_EVENT ||
	    (t = template_find(kb, r->provider, r->event_id)) == NULL)
		return 0;
	for (const char *s = t->text; *s != '\0'; s++) {
		if (*s != '%') {
			buf_addc(out, *s);
			continue;
		}
		if (isdigit((unsigned char)s[1])) {
			char *end;
			unsigned long n = strtoul(s + 1, &end, 10);
			if (n >= 1 && n <= r->nstrings &&
			    r->strings[n - 1] != NULL)
				buf_adds(out, r->strings[n - 1]);
			s = end - 1;
		} else if (s[1] == 'n') {
			buf_addc(out, '\n');
			s++;
		} else if (s[1] == 't') {
			buf_addc(out, '\t');
			s++;
		} else if (s[1] == '%') {
			buf_addc(out, '%');
			s++;
		} else
			buf_addc(out, '%');
	}
	if (out->len == 0)
		buf_adds(out, "");
	return 1;
}

/* Do the template's fixed words appear in the message, in order? The
 * count of fixed bytes found, or 0. Blanks may differ: pasted text is
 * often re-wrapped. */
static size_t
template_fits(const struct kb_template *t, const char *msg)
{
	const char *at = msg, *s = t->text;
	size_t found = 0;
	char word[256];

	while (*s != '\0') {
		size_t n = 0;
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		while (*s != '\0' && *s != ' ' && *s != '\n' && *s != '\t') {
			if (*s == '%' &&
			    (isdigit((unsigned char)s[1]) || s[1] == 'n' ||
				s[1] == 't')) {
				s++;
				while (isdigit((unsigned char)*s))
					s++;
				if (*s == 'n' || *s == 't')
					s++;
				break;	/* a placeholder ends the word */
			}
			if (n < sizeof word - 1)
				word[n++] = *s;
			s++;
		}
		word[n] = '\0';
		if (n < 3)
			continue;	/* "hr", ".", "=": too common */
		const char *hit = strstr(at, word);
		if (hit == NULL)
			return 0;
		at = hit + n;
		found += n;
	}
	return found;
}

int
template_attribute(const struct kb *kb, const char *msg, const char **provider,
    uint32_t *id)
{
	const struct kb_template *best = NULL;
	size_t best_n = 0;

	if (kb == NULL || msg == NULL)
		return 0;
	for (size_t i = 0; i < kb->ntemplates; i++) {
		const struct kb_template *t = &kb->templates[i];
		if (t->fixed < 16 || t->nproviders == 0)
			continue;	/* too little fixed text to tell */
		size_t n = template_fits(t, msg);
		if (n > best_n) {
			best = t;
			best_n = n;
		}
	}
	if (best == NULL)
		return 0;
	*provider = best->providers[0];
	*id = best->id;
	return 1;
}
