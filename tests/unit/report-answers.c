/* Unit tests of the --answers file reader. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "answers.h"
#include "tap.h"

/* Parses text; returns the cause of a failure (caller frees) or NULL. */
static char *
parse(struct answers *a, const char *text)
{
	char *cause;
	if (answers_parse(a, "ans.txt", text, strlen(text), &cause) == 0)
		return NULL;
	return cause;
}

static void
test_good(void)
{
	struct answers a;
	char *cause = parse(&a,
	    "\xef\xbb\xbf# answers for the ticket\r\n"
	    "\r\n"
	    "stop-instance = yes   # tried on Monday\r\n"
	    "  backup-running=no\n"
	    "\tprovider-type =\thardware");

	ok(cause == NULL, "a file with a BOM, CRLF, comments and tabs parses");
	is_int(a.n, 3, "three answers");
	is_str(a.v[0].node, "stop-instance", "first node");
	is_str(a.v[0].choice, "yes", "first choice, comment dropped");
	is_int(a.v[0].line, 3, "line numbers count comments and blanks");
	is_str(a.v[1].node, "backup-running", "leading blanks are fine");
	is_str(a.v[2].choice, "hardware", "last line without a newline");
	is_str(a.lines[0], "stop-instance=yes", "walk form of the first");
	is_str(a.lines[2], "provider-type=hardware", "walk form of the last");
	ok(a.lines[3] == NULL, "the walk list ends in NULL");
	ok(answers_find(&a, "backup-running") == &a.v[1], "find by node");
	ok(answers_find(&a, "nope") == NULL, "an unknown node is not found");
	answers_free(&a);

	cause = parse(&a, "# nothing but comments\n\n");
	ok(cause == NULL && a.n == 0, "a file of comments gives no answers");
	answers_free(&a);
	cause = parse(&a, "");
	ok(cause == NULL && a.n == 0, "an empty file gives no answers");
	answers_free(&a);
}

static void
test_bad(void)
{
	static const struct {
		const char *text, *want, *what;
	} bad[] = {
		{ "a = yes\nb yes\n", "ans.txt:2: expected \"node-id = choice\"",
		  "a line without =" },
		{ "= yes\n", "ans.txt:1: expected \"node-id = choice\"",
		  "no node" },
		{ "a =\n", "ans.txt:1: expected one choice after \"=\" (such as "
		  "yes or no)", "no choice" },
		{ "a = yes no\n", "ans.txt:1: expected one choice after \"=\" "
		  "(such as yes or no)", "two choices" },
		{ "a = yes\n\na = no\n", "ans.txt:3: a is answered twice (first "
		  "at line 1)", "a node answered twice" },
		{ "a = y\x1b[2Jes\n", "ans.txt:1: not a text line (control "
		  "character)", "an escape sequence" },
		{ "node one = yes\n", "ans.txt:1: expected \"node-id = choice\"",
		  "a node id with a space" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct answers a;
		char *cause = parse(&a, bad[i].text);
		is_str(cause, bad[i].want, "rejects %s", bad[i].what);
		free(cause);
		answers_free(&a);
	}

	/* NUL bytes: a binary file given by mistake. */
	struct answers a;
	char *cause;
	ok(answers_parse(&a, "bin", "ElfFile\0\0\0", 10, &cause) == -1,
	    "binary data is rejected");
	is_str(cause, "bin:1: not a text line (control character)",
	    "and the message names the line");
	free(cause);
	answers_free(&a);
}

static void
test_load(void)
{
	struct answers a;
	char *cause;
	char path[] = "/tmp/vs-answers-XXXXXX";
	int fd = mkstemp(path);
	const char text[] = "which-instance = SBSMONITORING\n";

	ok(fd != -1 && write(fd, text, sizeof text - 1) == sizeof text - 1,
	    "made a temporary answers file");
	close(fd);
	ok(answers_load(&a, path, &cause) == 0, "loads a file");
	ok(a.n == 1 && strcmp(a.v[0].choice, "SBSMONITORING") == 0,
	    "with its answer");
	answers_free(&a);
	unlink(path);

	ok(answers_load(&a, path, &cause) == -1, "a missing file fails");
	ok(cause != NULL && strstr(cause, "No such file") != NULL &&
	    strncmp(cause, path, strlen(path)) == 0,
	    "naming the file and the reason");
	free(cause);
	answers_free(&a);

	ok(answers_load(&a, "/", &cause) == -1, "a folder fails");
	free(cause);
	answers_free(&a);
}

int
main(void)
{
	test_good();
	test_bad();
	test_load();
	return done_testing();
}
