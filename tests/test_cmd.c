/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cmd.c — the table of commands and the one parser (src/cli/cmd.h):
 * every entry is whole, its help names each of its options, the keys the
 * parser reads for a command are distinct, and a command line is stored as
 * the descriptors say (values, another command's option refused, a missing
 * operand, CMD_ALONE).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cli/cli.h"
#include "cli/cmd.h"

/* Every entry has what main and the parser need, and a unique name. */
static void
test_entries(void)
{
	const struct cmd_entry *const *e, *const *f;
	char head[64];

	for (e = cmd_table; *e != NULL; e++) {
		CHECK((*e)->name != NULL && (*e)->summary != NULL && (*e)->usage != NULL);
		CHECK((*e)->help != NULL && (*e)->options != NULL && (*e)->exec != NULL);
		CHECK(cmd_find((*e)->name) == *e);
		snprintf(head, sizeof head, "usage: clinicq %s ", (*e)->name);
		CHECK_HAS((*e)->help, head);
		CHECK_HAS((*e)->help, "--help");
		CHECK((*e)->job == NULL || (*e)->exec == cli_job_exec);
		for (f = e + 1; *f != NULL; f++)
			CHECK(strcmp((*e)->name, (*f)->name) != 0);
	}
	CHECK(cmd_find("frobnicate") == NULL);
}

/* Each option a command lists is in its help: "--NAME". */
static void
test_help_names_options(void)
{
	const struct cmd_entry *const *e;
	const struct cmd_option *const *o;
	char name[64];

	for (e = cmd_table; *e != NULL; e++)
		for (o = (*e)->options; *o != NULL; o++) {
			snprintf(name, sizeof name, "--%s", (*o)->name);
			CHECK_HAS((*e)->help, name);
		}
}

/* The keys of the options one command reads are distinct (getopt_long tells
 * options apart by them), never ':', '?' nor 'h' (--help's); an option of one
 * name has one key wherever it is listed. */
static void
test_keys(void)
{
	const struct cmd_entry *const *e, *const *f;
	const struct cmd_option *read[64];
	const struct cmd_option *const *o;
	int n, i, k;

	for (e = cmd_table; *e != NULL; e++) {
		n = 0;
		for (f = cmd_table; *f != NULL; f++) {
			if (*f != *e && ((*e)->job == NULL || (*f)->job == NULL))
				continue;
			for (o = (*f)->options; *o != NULL && n < 64; o++) {
				for (i = 0; i < n && strcmp(read[i]->name, (*o)->name) != 0; i++)
					;
				if (i < n) {
					CHECK(read[i]->key == (*o)->key);
					continue;
				}
				read[n++] = *o;
			}
		}
		CHECK(n < 48);      /* CMD_MAX_READ, less --help */
		for (i = 0; i < n; i++) {
			CHECK(read[i]->key != ':' && read[i]->key != '?' && read[i]->key != 'h');
			CHECK(read[i]->key > 0 && read[i]->key < 128);
			CHECK((read[i]->store == CMD_PARSE) == (read[i]->parse != NULL));
			for (k = i + 1; k < n; k++)
				CHECK(read[i]->key != read[k]->key);
		}
	}
}

/* run's command line, stored through the shared descriptors. */
static void
test_parse_run(void)
{
	char *ok[] = { "run", "--set", "scenario.weeks=2", "x.ini", "-r", "3", "--seed=7",
	    "-qj", "2", "--json", "-o", "w.xlsx", "--csv", "out", NULL };
	char *foreign[] = { "run", "x.ini", "--db", "y.sqlite", NULL };
	char *none[] = { "run", "--json", NULL };
	char *two[] = { "run", "x.ini", "y.ini", NULL };
	struct cli_opts o;

	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_run_entry, 14, ok, &o, 0) == 0);
	CHECK_STR(o.scenario, "x.ini");
	CHECK(o.replications == 3 && o.has_seed && o.seed == 7 && o.jobs == 2);
	CHECK(o.quiet && o.json && o.verbose == 0);
	CHECK_STR(o.xlsx, "w.xlsx");
	CHECK_STR(o.csv_dir, "out");
	/* --set first, then -r and --seed as overrides: they win. */
	CHECK(o.nset == 1 && o.nov == 3);
	CHECK_STR(o.ov[1].text, "scenario.replications=3");
	CHECK_STR(o.ov[2].text, "scenario.seed=7");
	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_run_entry, 4, foreign, &o, 0) == -1);
	CHECK(o.db == NULL);
	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_run_entry, 2, none, &o, 0) == -1);
	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_run_entry, 3, two, &o, 0) == -1);
	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_sweep_entry, 4, foreign, &o, 0) == 0);
	CHECK_STR(o.db, "y.sqlite");
}

/* --help is implied, and printed only when asked (CMD_NO_HELP: an MPI worker). */
static void
test_parse_help(void)
{
	char *help[] = { "sweep", "--help", NULL };
	struct cli_opts o;

	memset(&o, 0, sizeof o);
	CHECK(cmd_parse(&cmd_sweep_entry, 2, help, &o, CMD_NO_HELP) == 1);
}

/* An entry made here: a CMD_ALONE option needs no operand. */
struct alone_opts {
	const char *file;
	int list;
};

static const struct cmd_option alone_opt =
    { "list", 'l', CMD_ALONE, CMD_FLAG, offsetof(struct alone_opts, list), NULL };
static const struct cmd_option *const alone_options[] = { &alone_opt, NULL };
static const struct cmd_entry alone_entry = {
	.name = "alone", .summary = "", .usage = "FILE", .help = "usage: clinicq alone\n",
	.options = alone_options, .operand = "FILE",
	.operand_at = offsetof(struct alone_opts, file), .style = CMD_STYLE_USAGE,
};

static void
test_parse_alone(void)
{
	char *list[] = { "alone", "--list", NULL };
	char *bare[] = { "alone", NULL };
	char *both[] = { "alone", "--list", "f", NULL };
	struct alone_opts a;

	memset(&a, 0, sizeof a);
	CHECK(cmd_parse(&alone_entry, 2, list, &a, 0) == 0);
	CHECK(a.list == 1 && a.file == NULL);
	memset(&a, 0, sizeof a);
	CHECK(cmd_parse(&alone_entry, 1, bare, &a, 0) == -1);
	memset(&a, 0, sizeof a);
	CHECK(cmd_parse(&alone_entry, 3, both, &a, 0) == 0);
	CHECK(a.list == 1 && a.file != NULL && strcmp(a.file, "f") == 0);
}

int
main(void)
{
	test_entries();
	test_help_names_options();
	test_keys();
	test_parse_run();
	test_parse_help();
	test_parse_alone();
	CHECK_DONE();
}
