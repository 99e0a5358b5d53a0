/* options.c -- where the KB lives. */
#include "config.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "options.h"

static int
is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
options_kb_dir(const struct options *o)
{
	static char beside[PATH_MAX];
	const char *env = getenv("VSSTRIAGE_KB");

	if (o != NULL && o->kb_dir != NULL)
		return o->kb_dir;
	if (env != NULL && *env != '\0')
		return env;
	if (is_dir(VS_KB_DIR))
		return VS_KB_DIR;
	/* Not installed: the kb/ beside the program in a build tree. */
	ssize_t n = readlink("/proc/self/exe", beside, sizeof beside - 4);
	if (n > 0) {
		beside[n] = '\0';
		char *slash = strrchr(beside, '/');
		if (slash != NULL) {
			strcpy(slash + 1, "kb");
			if (is_dir(beside))
				return beside;
		}
	}
	return VS_KB_DIR;
}
