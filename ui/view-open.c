/* view-open.c -- open a file or a folder: a path typed with Tab
 * completion, then read with the progress box. */
#include "config.h"
#include <curses.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "xmalloc.h"

struct open {
	struct edit	 e;
	char		**cands;	/* what Tab found, when several */
	size_t		 ncands;
};

static const struct keyhelp open_help[] = {
	{ "Tab", "complete the file or folder name" },
	{ "Enter", "read it (a folder: every file in it)" },
	{ "Left Right Home End", "move in the line (also Ctrl-B Ctrl-F Ctrl-A Ctrl-E)" },
	{ "Backspace Ctrl-U Ctrl-W", "delete a character, the line, a word" },
	{ "Esc", "back without reading" },
	{ NULL, NULL }
};

static void
cands_free(struct open *o)
{
	for (size_t i = 0; i < o->ncands; i++)
		free(o->cands[i]);
	free(o->cands);
	o->cands = NULL;
	o->ncands = 0;
}

static void
open_draw(struct ui *ui, struct view *v)
{
	struct open *o = v->data;
	int y = 2;

	ui_frame("Open a file or a folder", NULL,
	    "Enter read  Tab complete  Esc back  F1 help");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "An .evtx file, a text export "
	    "(wevtutil, Event Viewer .txt/.csv/.xml),");
	ui_printf(y++, 1, COLS - 2, A_NORMAL, "vssadmin or diskshadow output, "
	    "a DPM errlog, or a folder holding them.");
	y++;
	ui_printf(y, 1, 6, screen_attr(UA_KEY), "Path:");
	edit_draw(&o->e, y, 7, COLS - 8);
	y += 2;
	if (o->ncands > 0) {
		ui_printf(y++, 1, COLS - 2, screen_attr(UA_HEAD),
		    "%zu names match:", o->ncands);
		int col = 0, cw = 26;
		for (size_t i = 0; i < o->ncands && y < LINES - 2; i++) {
			ui_puts(y, 1 + col * cw, cw - 1, o->cands[i], A_NORMAL);
			if (++col == (COLS - 2) / cw) {
				col = 0;
				y++;
			}
		}
	}
	(void)ui;
}

static int
open_key(struct ui *ui, struct view *v, int key)
{
	struct open *o = v->data;
	struct stat st;
	char *path;

	switch (key) {
	case VK_ESC:
		ui_pop(ui);
		return 1;
	case VK_TAB:
		cands_free(o);
		if (!edit_complete_path(&o->e, &o->cands, &o->ncands) &&
		    o->ncands == 0)
			ui_error("Nothing matches");
		return 1;
	case VK_ENTER:
		buf_cstr(&o->e.text);
		if (o->e.text.len == 0) {
			ui_error("Type a path first (Tab completes)");
			return 1;
		}
		path = xstrdup(o->e.text.data);
		if (path[0] == '~' && path[1] == '/' && getenv("HOME") != NULL) {
			char *p = xasprintf("%s%s", getenv("HOME"), path + 1);
			free(path);
			path = p;
		}
		/* A path that is not there is a typo: stay to fix it. What
		 * is there was read, well or not: go back to see it. */
		if (stat(path, &st) == -1) {
			ui_error("%s: %s", path, strerror(errno));
			free(path);
			return 1;
		}
		session_add_path(&ui->s, path, 1);
		free(path);
		ui_pop(ui);
		return 1;
	}
	if (edit_key(&o->e, key)) {
		cands_free(o);
		return 1;
	}
	return 0;
}

static void
open_free(struct view *v)
{
	struct open *o = v->data;

	cands_free(o);
	edit_free(&o->e);
	free(o);
}

struct view *
view_open_create(void)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct open *o = xcalloc(1, sizeof *o);

	edit_init(&o->e, "");
	v->name = "Open";
	v->draw = open_draw;
	v->key = open_key;
	v->free = open_free;
	v->help = open_help;
	v->data = o;
	return v;
}
