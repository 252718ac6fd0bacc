/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_rota.c — `clinicq rota`: people for the roster as written. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_rota.h"
#include "present/pres.h"
#include "scenario/scn_rota.h"

static const char rota_help[] =
"usage: clinicq rota SCENARIO.ini [options]   (SCENARIO.ini '-': standard input)\n"
"\n"
"People for the roster as written: the cyclic rota of least weekly cost of\n"
"people (then fewest people) that puts on every shift, on every day of a\n"
"cycle of [scenario] cycle_weeks weeks, at least its staff of that weekday,\n"
"each person on a [contract] of the shift's role and following all its rules\n"
"(days a week, hours, days off together, consecutive days, rest between\n"
"shifts, weekends off, the shifts it may work).  A role without a contract\n"
"gets the default: 5 days a week.  Prints the headcount per role and\n"
"contract, the FTE, the people's cost beside the roster's hours, the\n"
"over-cover, and the rota: a line per person, a shift or off per day.  Found\n"
"with GLPK (models/rota.mod); exact on small problems, with its gap to a\n"
"lower bound on large ones.  See doc/rota.md.\n"
"\n"
"Exit status 3 when no rota within the contracts covers the roster: the\n"
"shift-days that cannot be covered and the rule in the way are named.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value (repeatable)\n"
"      --json               print {\"rota\":...} as JSON on stdout\n"
"  -o, --output FILE.xlsx   a workbook with the Rota sheet\n"
"      --csv DIR            rota.csv: a row per person and day of the cycle\n"
"      --write-dat FILE     write the data of the rota's solve, so that\n"
"                           glpsol -m models/rota.mod -d FILE solves it\n"
"      --time-limit SECONDS the most the search may take (default 60)\n"
"      --verbose            GLPK's output on stderr\n"
"      --quiet              no progress line\n"
"  -h, --help               this help\n";

/* What rota works on. */
struct rota_state {
	struct scn *s;
	struct cli_rota cr;
};

static int
rota_load(struct cli_job *j)
{
	struct rota_state *st = j->state;

	st->s = cli_load_scenario(&j->o, &j->err);
	return st->s != NULL ? 0 : -1;
}

static int
rota_work(struct cli_job *j)
{
	struct rota_state *st = j->state;

	return cli_rota_solve(j, st->s, NULL, " of the roster as written", &st->cr);
}

static int
rota_files(struct cli_job *j)
{
	struct rota_state *st = j->state;
	const struct cli_opts *o = &j->o;

	if (o->write_dat != NULL && cli_rota_write_dat(&st->cr, o->write_dat, &j->err) != 0)
		return -1;
	if (o->xlsx != NULL && pres_rota_xlsx(st->s, &st->cr.pr, o->xlsx, &j->err) != 0)
		return -1;
	if (o->csv_dir != NULL && pres_rota_csv(st->s, &st->cr.in.p, &st->cr.r, o->csv_dir,
	    &j->err) != 0)
		return -1;
	return 0;
}

static void
rota_print(struct cli_job *j, FILE *f)
{
	struct rota_state *st = j->state;

	if (!j->o.json) {
		pres_rota_text(&st->cr.in.p, &st->cr.r, st->s->currency,
		    "the roster as written", f);
		return;
	}
	fputs("{\"scenario\":", f);
	rpt_json_str(f, st->s->name);
	fputc(',', f);
	rpt_json_provenance(st->s, f);
	fputc(',', f);
	pres_rota_json(&st->cr.in.p, &st->cr.r, f);
	fputs(",\"timing\":{\"wall_s\":", f);
	rpt_json_num(f, j->tm.wall_s);
	fputs("}}\n", f);
}

static int
rota_finish(struct cli_job *j)
{
	return cli_rota_finish(&((struct rota_state *)j->state)->cr, "rota");
}

static void
rota_release(struct cli_job *j)
{
	struct rota_state *st = j->state;

	cli_rota_free(&st->cr);
	scn_free(st->s);
}

static const struct cli_steps rota_steps = {
	.state_size = sizeof(struct rota_state),
	.load = rota_load,
	.work = rota_work,
	.files = rota_files,
	.print = rota_print,
	.finish = rota_finish,
	.release = rota_release,
};

static const struct cmd_option *const rota_options[] = {
	&cli_opt_set, &cli_opt_json, &cli_opt_output, &cli_opt_csv, &cli_opt_write_dat,
	&cli_opt_time_limit, &cli_opt_verbose, &cli_opt_quiet, NULL
};

const struct cmd_entry cmd_rota_entry = {
	.name = "rota",
	.summary = "SCENARIO.ini [options]  headcount, FTE and a rota of people on "
	    "contracts",
	.usage = "SCENARIO.ini [options]",
	.help = rota_help,
	.options = rota_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct cli_opts, scenario),
	.style = CMD_STYLE_SCENARIO,
	.check = cli_opts_check,
	.exec = cli_job_exec,
	.job = &rota_steps,
};
