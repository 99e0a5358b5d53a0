/* wizard.c -- the wizard's main loop: a stack of screens over one
 * session; signals are turned into flags by their handlers and acted on
 * here. */
#include "config.h"
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ui.h"
#include "wizard.h"
#include "xmalloc.h"

const struct keyhelp ui_global_keys[] = {
	{ "? or F1", "help for this screen" },
	{ "Ctrl-C", "quit (asks first; the session stays saved)" },
	{ "Ctrl-L", "redraw the screen" },
	{ NULL, NULL }
};

void
ui_push(struct ui *ui, struct view *v)
{
	if (ui->depth == (int)(sizeof ui->stack / sizeof ui->stack[0])) {
		/* Deep enough: drop the one on top rather than grow. */
		ui_pop(ui);
	}
	ui->stack[ui->depth++] = v;
}

void
ui_pop(struct ui *ui)
{
	struct view *v;

	if (ui->depth <= 1)
		return;
	v = ui->stack[--ui->depth];
	if (v->free != NULL)
		v->free(v);
	free(v);
}

struct view *
ui_top(struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

void
ui_pop_to_start(struct ui *ui)
{
	while (ui->depth > 1)
		ui_pop(ui);
}

void
ui_open_walk(struct ui *ui)
{
	const struct walk_node *n;

	if (ui->s.walk == NULL)
		return;
	n = walk_current(ui->s.walk);
	if (n == NULL)
		return;
	ui_pop_to_start(ui);
	ui_push(ui, n->kind == WALK_VERDICT ? view_verdict_create() :
	    view_question_create());
}

/* The question is drawn and answered in the main loop, so that a
 * resize or a redraw meanwhile does not lose it. */
void
ui_ask_quit(struct ui *ui)
{
	ui->asking = 1;
}

static const char *
quit_prompt(struct ui *ui)
{
	return ui->s.state_ok ? "Quit? The session is saved: vsstriage "
	    "--resume brings it back." : "Quit?";
}

static void	ui_free(struct ui *);

/* SIGTERM or SIGHUP: save, give the terminal back, and go as asked. */
static void
ui_die(struct ui *ui, int sig)
{
	state_save(&ui->s);
	ui_free(ui);
	screen_end();
	session_free(&ui->s);
	signal(sig, SIG_DFL);
	raise(sig);
	exit(128 + sig);
}

static void
ui_free(struct ui *ui)
{
	while (ui->depth > 0) {
		struct view *v = ui->stack[--ui->depth];
		if (v->free != NULL)
			v->free(v);
		free(v);
	}
}

static void
ui_loop(struct ui *ui)
{
	struct view *v;
	int key;

	while (!ui->quit) {
		if (ui_sig_quit)
			ui_die(ui, ui_sig_quit);
		if (ui_sig_winch)
			screen_resize();
		v = ui_top(ui);
		if (screen_too_small()) {
			ui_draw_too_small();
			if (ui->asking) {
				ui_draw_prompt("Quit?");
				refresh();
			}
		} else {
			v->draw(ui, v);
			ui_draw_message();
			if (ui->asking)
				ui_draw_prompt(quit_prompt(ui));
			refresh();
		}
		key = keys_read(-1);
		switch (key) {
		case VK_NONE:
			continue;
		case VK_RESIZE:
			screen_resize();
			continue;
		case VK_SIGNAL:
			if (ui_sig_int) {
				ui_sig_int = 0;
				ingest_abort_requested = 0;
				/* Ctrl-C twice: yes. */
				if (ui->asking)
					ui->quit = 1;
				ui_ask_quit(ui);
			}
			continue;
		case VK_CTRL('l'):
			clearok(curscr, TRUE);
			continue;
		}
		if (ui->asking) {
			ui->asking = 0;
			if (key == 'y' || key == 'Y' || key == VK_CTRL('c'))
				ui->quit = 1;
			continue;
		}
		if (key == VK_CTRL('c')) {
			ui_ask_quit(ui);
			continue;
		}
		if (screen_too_small()) {
			if (key == 'q')
				ui_ask_quit(ui);
			continue;
		}
		if (v->key(ui, v, key))
			continue;
		if (key == '?' || key == VK_F1) {
			ui_push(ui, view_help_create(v));
			continue;
		}
	}
}

int
wizard_run(const struct options *o)
{
	struct ui ui;
	char *cause = NULL;
	struct buf piped_data;

	memset(&ui, 0, sizeof ui);
	buf_init(&piped_data);
	session_init(&ui.s, o);
	/* Logs piped in: read them first, then take the keys from the
	 * terminal itself. */
	int piped = 0;
	for (size_t i = 0; i < o->ninputs; i++)
		if (strcmp(o->inputs[i], "-") == 0)
			piped = 1;
	if (piped && !isatty(STDIN_FILENO)) {
		int fd;
		char chunk[65536];
		ssize_t n;
		while ((n = read(STDIN_FILENO, chunk, sizeof chunk)) > 0)
			buf_add(&piped_data, chunk, (size_t)n);
		fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
		if (fd == -1 || dup2(fd, STDIN_FILENO) == -1) {
			fprintf(stderr, "vsstriage: no terminal to run the "
			    "wizard on: %s\n", strerror(errno));
			buf_free(&piped_data);
			session_free(&ui.s);
			return 1;
		}
		close(fd);
	}
	if (screen_init(o, &cause) == -1) {
		fprintf(stderr, "vsstriage: %s\n", cause);
		free(cause);
		buf_free(&piped_data);
		session_free(&ui.s);
		return 1;
	}
	state_open(&ui.s);
	session_load_kb(&ui.s);
	ui_push(&ui, view_start_create());
	if (o->resume) {
		if (state_resume(&ui.s, &cause) == -1) {
			ui_error("%s", cause);
			free(cause);
		} else
			ui_message("Session resumed: %zu inputs, %zu records",
			    ui.s.nsources, ui.s.nrecs);
	}
	for (size_t i = 0; i < o->ninputs; i++)
		if (strcmp(o->inputs[i], "-") != 0)
			session_add_path(&ui.s, o->inputs[i], 1);
	if (piped_data.len > 0)
		session_add_piped(&ui.s, piped_data.data, piped_data.len);
	buf_free(&piped_data);
	if (ui.s.walk != NULL)
		ui_open_walk(&ui);
	ui_loop(&ui);
	if (ui_sig_quit)
		ui_die(&ui, ui_sig_quit);
	state_save(&ui.s);
	ui_free(&ui);
	screen_end();
	session_free(&ui.s);
	return ui.exit_code;
}
