/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c — the table of commands (cmd.h): a command is found here by name. */
#include "cmd.h"

#include <string.h>

const struct cmd_entry *const cmd_table[] = {
	&cmd_run_entry,
	&cmd_optimize_entry,
	&cmd_sweep_entry,
	&cmd_rota_entry,
	&cmd_check_entry,
	&cmd_erlang_entry,
	&cmd_fit_entry,
	&cmd_backtest_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *const *e;

	for (e = cmd_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}
