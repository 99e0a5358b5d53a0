/* state.c -- the session saved as it goes, so that a crash, a dropped
 * connection or a quit loses nothing: vsstriage --resume reads the inputs
 * and pastes again and gives the answers back.
 *
 * $XDG_STATE_HOME/vsstriage/session (default ~/.local/state/vsstriage),
 * one line each:
 *	input PATH
 *	paste FILE		(the pasted text, kept beside it)
 *	walk TREE		("-" for triage)
 *	answer NODE=CHOICE BY	(evidence, operator or override)
 *	memo NODE=CHOICE BY	(an answer off the current path)
 */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "ui.h"
#include "xmalloc.h"

static int	 rotated;	/* the session before this one was kept */

static const char *
by_name(enum walk_by by)
{
	switch (by) {
	case WALK_BY_EVIDENCE:
		return "evidence";
	case WALK_BY_OVERRIDE:
		return "override";
	default:
		return "operator";
	}
}

static enum walk_by
by_parse(const char *s)
{
	if (strcmp(s, "evidence") == 0)
		return WALK_BY_EVIDENCE;
	if (strcmp(s, "override") == 0)
		return WALK_BY_OVERRIDE;
	return WALK_BY_OPERATOR;
}

static int
mkdirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *q = p + 1; *q != '\0'; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*q = '/';
	}
	if (mkdir(p, 0700) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int
state_open(struct session *s)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct stat st;

	if (x != NULL && x[0] == '/')
		s->state_dir = xasprintf("%s/vsstriage", x);
	else if (home != NULL && home[0] == '/')
		s->state_dir = xasprintf("%s/.local/state/vsstriage", home);
	else {
		s->state_problem = xstrdup("neither XDG_STATE_HOME nor HOME "
		    "is set: the session is not saved");
		return -1;
	}
	if (mkdirs(s->state_dir) == -1 || stat(s->state_dir, &st) == -1 ||
	    !S_ISDIR(st.st_mode) || access(s->state_dir, W_OK) == -1) {
		s->state_problem = xasprintf("%s: %s: the session is not "
		    "saved", s->state_dir, strerror(errno));
		return -1;
	}
	s->state_ok = 1;
	return 0;
}

int
state_write_atomic(const char *path, const char *data, size_t len,
    char **cause)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t done = 0;

	if (fd == -1)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) == -1 || close(fd) == -1)
		goto fail;
	if (rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return 0;
fail:
	*cause = xasprintf("%s: %s", path, strerror(errno));
	unlink(tmp);
	free(tmp);
	return -1;
}

char *
state_write_paste(struct session *s, const char *data, size_t len,
    char **cause)
{
	char *path = xasprintf("%s/paste-%lld-%ld-%d.txt", s->state_dir,
	    (long long)time(NULL), (long)getpid(), s->npastes + 1);

	if (state_write_atomic(path, data, len, cause) == -1) {
		free(path);
		return NULL;
	}
	return path;
}

/* Whether a saved session file names path. */
static int
file_mentions(const char *file, const char *path)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if ((strncmp(line, "paste ", 6) == 0 ||
		    strncmp(line, "input ", 6) == 0) &&
		    strcmp(line + 6, path) == 0)
			found = 1;
	}
	free(line);
	fclose(f);
	return found;
}

/* Pastes (and piped .evtx files) no saved session names any more are
 * deleted. */
static void
state_tidy(struct session *s)
{
	DIR *d = opendir(s->state_dir);
	struct dirent *de;
	char *cur = xasprintf("%s/session", s->state_dir);
	char *prev = xasprintf("%s/session.prev", s->state_dir);

	if (d == NULL)
		goto out;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "paste-", 6) != 0 &&
		    strncmp(de->d_name, "stdin-", 6) != 0)
			continue;
		if (strstr(de->d_name, ".tmp.") != NULL)
			continue;	/* being written */
		char *p = xasprintf("%s/%s", s->state_dir, de->d_name);
		if (!file_mentions(cur, p) && !file_mentions(prev, p))
			unlink(p);
		free(p);
	}
	closedir(d);
out:
	free(cur);
	free(prev);
}

int
state_save(struct session *s)
{
	struct buf b;
	char *path, *cause = NULL;
	int rc;

	if (!s->state_ok)
		return -1;
	path = xasprintf("%s/session", s->state_dir);
	/* The directory may have been cleaned away meanwhile. */
	mkdirs(s->state_dir);
	/* A new session keeps the one before it as session.prev. */
	if (!rotated && !s->opts->resume) {
		char *prev = xasprintf("%s/session.prev", s->state_dir);
		if (access(path, F_OK) == 0)
			rename(path, prev);
		free(prev);
	}
	rotated = 1;
	buf_init(&b);
	buf_adds(&b, "# vsstriage session: vsstriage --resume brings it back\n");
	buf_adds(&b, "version 1\n");
	for (size_t i = 0; i < s->nsources; i++) {
		const struct source *src = &s->sources[i];
		if (strchr(src->path, '\n') != NULL)
			continue;	/* cannot be written on one line */
		buf_printf(&b, "%s %s\n", src->paste ? "paste" : "input",
		    src->path);
	}
	if (s->walking && s->walk != NULL) {
		buf_printf(&b, "walk %s\n", s->tree != NULL ? s->tree : "-");
		size_t n = walk_nhistory(s->walk);
		for (size_t i = 0; i < n; i++) {
			const struct walk_entry *e = walk_history(s->walk, i);
			buf_printf(&b, "answer %s=%s %s\n", e->node, e->answer,
			    by_name(e->by));
		}
	}
	for (size_t i = 0; i < s->nmemo; i++)
		buf_printf(&b, "memo %s=%s %s\n", s->memo[i].node,
		    s->memo[i].choice, by_name(s->memo[i].by));
	rc = state_write_atomic(path, b.data, b.len, &cause);
	if (rc == -1) {
		ui_error("cannot save the session: %s", cause);
		free(cause);
	}
	buf_free(&b);
	free(path);
	if (rc == 0)
		state_tidy(s);
	return rc;
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	buf_cstr(&b);
	return buf_steal(&b);
}

/* Splits "NODE=CHOICE BY" into a memo entry. */
static int
parse_answer(char *s, struct answer_memo *a)
{
	char *eq = strchr(s, '='), *sp = strrchr(s, ' ');

	if (eq == NULL || sp == NULL || sp < eq)
		return -1;
	*eq = '\0';
	*sp = '\0';
	a->node = xstrdup(s);
	a->choice = xstrdup(eq + 1);
	a->by = by_parse(sp + 1);
	return 0;
}

int
state_resume(struct session *s, char **cause)
{
	char *path, *line = NULL, *tree = NULL;
	size_t cap = 0, nans = 0;
	ssize_t n;
	struct answer_memo *ans = NULL, m;
	int walk = 0, lineno = 0;
	FILE *f;

	if (!s->state_ok) {
		*cause = xstrdup(s->state_problem);
		return -1;
	}
	path = xasprintf("%s/session", s->state_dir);
	f = fopen(path, "r");
	if (f == NULL) {
		*cause = xasprintf("No saved session to resume (%s: %s)",
		    path, strerror(errno));
		free(path);
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "input ", 6) == 0)
			session_add_path(s, line + 6, 0);
		else if (strncmp(line, "paste ", 6) == 0) {
			size_t len;
			char *data = read_file(line + 6, &len);
			if (data == NULL) {
				s->errors = xreallocarray(s->errors,
				    s->nerrors + 1, sizeof *s->errors);
				s->errors[s->nerrors++] = xasprintf("%s: %s "
				    "(a saved paste)", line + 6,
				    strerror(errno));
				continue;
			}
			session_load_paste(s, data, len, line + 6);
			free(data);
		} else if (strncmp(line, "walk ", 5) == 0) {
			free(tree);
			tree = strcmp(line + 5, "-") == 0 ? NULL :
			    xstrdup(line + 5);
			walk = 1;
		} else if (strncmp(line, "answer ", 7) == 0) {
			if (parse_answer(line + 7, &m) == 0) {
				ans = xreallocarray(ans, nans + 1, sizeof *ans);
				ans[nans++] = m;
			}
		} else if (strncmp(line, "memo ", 5) == 0) {
			if (parse_answer(line + 5, &m) == 0) {
				session_add_memo(s, m.node, m.choice, m.by);
				free(m.node);
				free(m.choice);
			}
		}
	}
	free(line);
	fclose(f);
	free(path);
	if (walk) {
		if (session_walk_start(s, tree) == 0)
			session_replay(s, ans, nans);
		else
			/* No engine or no such tree: keep the answers. */
			for (size_t i = 0; i < nans; i++)
				session_add_memo(s, ans[i].node,
				    ans[i].choice, ans[i].by);
	} else {
		for (size_t i = 0; i < nans; i++)
			session_add_memo(s, ans[i].node, ans[i].choice,
			    ans[i].by);
	}
	for (size_t i = 0; i < nans; i++) {
		free(ans[i].node);
		free(ans[i].choice);
	}
	free(ans);
	free(tree);
	state_save(s);
	return 0;
}
