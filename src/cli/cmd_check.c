/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check.c — `clinicq check SCENARIO.ini [--set SECTION.KEY=VALUE]...`:
 * load and validate a scenario, and print it as understood, defaults filled in.
 * The output is itself a scenario that loads to the same thing; it ends with
 * each class's expected arrivals per week, as comments.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "err.h"
#include "scenario/scn.h"
#include "scenario/scn_files.h"

static const char check_help[] =
    "usage: clinicq check SCENARIO.ini [--set SECTION.KEY=VALUE]...\n"
    "       clinicq check --list-keys\n"
    "\n"
    "Validate a scenario and print it as clinicq understands it, with every\n"
    "default filled in; the output is itself a valid scenario.\n"
    "\n"
    "  --set SECTION.KEY=VALUE  override a value, e.g. --set stream.portal.per_week=1800\n"
    "                           (repeatable; named sections as TYPE.NAME.KEY)\n"
    "      --list-keys          print every section and key a scenario may hold,\n"
    "                           with its syntax, range, default and meaning\n"
    "  -h, --help               print this help\n"
    "\n"
    "Exit status: 0 valid, 2 usage or scenario error, 1 I/O error.\n";

/* Report point p's error e as `sweep` would: at the 'vary' line whose value
 * is at fault, else at the first 'vary' with the line the error names. */
static void
point_error(const struct scn *s, int p, char **texts, const struct cq_err *e,
    struct cq_err *err)
{
	const struct scn_sweep *sw = &s->sweep;
	char label[1024];
	size_t used = 0, n;
	int v;

	label[0] = '\0';
	for (v = 0; v < sw->nvars && used < sizeof label; v++)
		used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
		    v ? ", " : "", texts[v]);
	for (v = 0; v < sw->nvars; v++) {
		n = strlen(texts[v]);
		if (strncmp(e->msg, "--set ", 6) == 0 && strncmp(e->msg + 6, texts[v], n) == 0 &&
		    e->msg[6 + n] == ':') {
			cq_err_set(err, e->code, s->file, sw->vars[v].line, "point %d (%s): %s",
			    p + 1, texts[v], e->msg + 6 + n + 1 + (e->msg[7 + n] == ' '));
			return;
		}
	}
	if (e->line > 0)
		cq_err_set(err, e->code, s->file, sw->vars[0].line, "point %d (%.400s): %s "
		    "(line %d)", p + 1, label, e->msg, e->line);
	else
		cq_err_set(err, e->code ? e->code : CQ_EXIT_FAIL, s->file, sw->vars[0].line,
		    "point %d (%.400s): %s", p + 1, label, e->msg);
}

/* A copy of the text with the [sweep] section blanked out, lines kept: a
 * point's scenario need not parse the grid again (most of a load's time with
 * a large grid).  NULL on no memory. */
static char *
without_sweep(const char *text, size_t len, int header)
{
	char *t = malloc(len + 1), *p, *end;
	int line = 1, in = 0;

	if (t == NULL)
		return NULL;
	memcpy(t, text, len);
	t[len] = '\0';
	for (p = t, end = t + len; p < end; line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *q = p;

		if (nl == NULL)
			nl = end;
		while (q < nl && (*q == ' ' || *q == '\t'))
			q++;
		if (line == header)
			in = 1;
		else if (in && q < nl && *q == '[')
			in = 0;
		if (in)
			memset(p, ' ', (size_t)(nl - p));
		p = nl + 1;
	}
	return t;
}

/* Load every point of the [sweep] the way `sweep` does (the file's text with
 * the --set options, then one override per 'vary'), so that `check` refuses a
 * sweep whose points do not load. */
static int
check_points(const struct scn *s, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct scn_files *files, struct cq_err *err)
{
	const struct scn_sweep *sw = &s->sweep;
	struct scn_override *all;
	struct cq_err e;
	struct scn *ps;
	char **texts, *bare = NULL;
	int npoints = 1, p, q, v, k, rc = -1, keep = 0;

	for (v = 0; v < sw->nvars && !sw->zip; v++)
		npoints *= sw->vars[v].nvalues;
	if (sw->zip)
		npoints = sw->vars[0].nvalues;
	all = calloc((size_t)(nov + sw->nvars), sizeof *all);
	texts = calloc((size_t)sw->nvars, sizeof *texts);
	if (all == NULL || texts == NULL)
		goto oom;
	if (nov > 0)
		memcpy(all, ov, (size_t)nov * sizeof *all);
	/* A point that varies [sweep] itself needs the section. */
	for (v = 0; v < sw->nvars; v++)
		keep |= strncmp(sw->vars[v].key, "sweep.", 6) == 0;
	if (!keep) {
		if ((bare = without_sweep(text, len, sw->line)) == NULL)
			goto oom;
		text = bare;
	}
	for (p = 0; p < npoints; p++) {
		/* Grid: the last 'vary' changes fastest, as in `sweep`. */
		for (q = p, v = sw->nvars - 1; v >= 0; v--) {
			const struct scn_sweep_var *var = &sw->vars[v];
			const char *val;
			size_t n;

			k = sw->zip ? p : q % var->nvalues;
			q = sw->zip ? q : q / var->nvalues;
			val = var->values[k];
			n = strlen(var->key) + strlen(val) + 2;
			free(texts[v]);
			if ((texts[v] = malloc(n)) == NULL)
				goto oom;
			snprintf(texts[v], n, "%s=%s", var->key, val);
			all[nov + v].text = texts[v];
		}
		memset(&e, 0, sizeof e);
		if ((ps = scn_load_files(s->file, text, len, all, nov + sw->nvars, files,
		    &e)) == NULL) {
			point_error(s, p, texts, &e, err);
			goto out;
		}
		scn_free(ps);
	}
	rc = 0;
	goto out;
oom:
	cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
out:
	if (texts != NULL)
		for (v = 0; v < sw->nvars; v++)
			free(texts[v]);
	free(texts);
	free(all);
	free(bare);
	return rc;
}

/* The alert volume each reading stream implies, as comments (the output still
 * loads): patients x per_patient_per_day x 7 x P(value > alert_above), from the
 * value distribution's survival function. */
static void
print_alerts(const struct scn *s, FILE *f)
{
	int i, first = 1;

	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];
		double p;

		if (st->kind != SCN_READING)
			continue;
		if (first)
			fputs("\n; expected alerts a week = patients x per_patient_per_day x 7 x "
			    "P(value > alert_above)\n", f);
		first = 0;
		p = dist_sf(&st->value, st->alert_above);
		fprintf(f, ";   stream %s: %d x %g x 7 x %.6g = %.1f alerts a week (%s)\n",
		    st->name, st->patients, st->per_patient_per_day, p,
		    st->patients * st->per_patient_per_day * 7.0 * p,
		    s->classes[st->alert_class].name);
	}
}

/* After the scenario, as comments (the output still loads back): each class's
 * expected arrivals per week, from the streams and, where classes route by
 * 'next', from the traffic equations. */
static void
print_arrivals(const struct scn *s, FILE *f)
{
	int c, routes = 0;

	for (c = 0; c < s->nclasses; c++)
		routes |= s->classes[c].nnext > 0;
	fprintf(f, "\n; expected arrivals per week, from the streams%s;\n; items made by "
	    "escalation or follow_up_class are not counted:\n", routes ? " and routed "
	    "by 'next' (the traffic equations)" : "");
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];

		fprintf(f, ";   %-20s %10.6g", k->name, k->per_week);
		if (k->per_week - k->per_week_external > 0.0)
			fprintf(f, "  (streams %.6g, routed %.6g)", k->per_week_external,
			    k->per_week - k->per_week_external);
		fputc('\n', f);
	}
}

/* scn_warnings' emit: "clinicq: FILE:LINE: warning: ..." on stderr, so that
 * stdout stays a scenario. */
static int
check_warning(void *ctx, int line, const char *msg)
{
	const struct scn *s = ctx;

	if (line > 0)
		fprintf(stderr, "clinicq: %s:%d: warning: %s\n", s->file, line, msg);
	else
		fprintf(stderr, "clinicq: %s: warning: %s\n", s->file, msg);
	return 0;
}

/* What check reads from its command line. */
struct check_opts {
	const char *file;          /* SCENARIO.ini */
	struct scn_override ov[SCN_MAX_OVERRIDES];
	int nov;
	int list_keys;             /* --list-keys: the key table, no scenario */
};

/* Keep the override text alive for the life of the options: argv outlives us. */
static int
parse_set(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct check_opts *o = opts;

	if (o->nov == SCN_MAX_OVERRIDES)
		return cmd_usage(e, "too many --set options; the limit is %d",
		    SCN_MAX_OVERRIDES);
	o->ov[o->nov++].text = arg;
	return 0;
}

/* Load and validate, then print the scenario as understood. */
static int
check_exec(const struct cmd_entry *e, int argc, char **argv)
{
	struct check_opts o;
	struct cq_err err;
	struct scn *s = NULL;
	struct scn_files *files;
	char *text = NULL;
	size_t len;
	int rc;

	memset(&o, 0, sizeof o);
	memset(&err, 0, sizeof err);
	if ((rc = cmd_parse(e, argc, argv, &o, 0)) != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if (o.list_keys) {
		scn_keys_print(stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "clinicq: check: cannot write the output\n");
			return CQ_EXIT_FAIL;
		}
		return CQ_EXIT_OK;
	}
	/* A sweep's points read the data files of the first load. */
	if ((files = scn_files_new()) == NULL)
		cq_err_set(&err, CQ_EXIT_FAIL, o.file, 0, "out of memory");
	if (files == NULL || (text = scn_read_file(o.file, &len, &err)) == NULL ||
	    (s = scn_load_files(o.file, text, len, o.ov, o.nov, files, &err)) == NULL ||
	    (s->sweep.nvars > 0 &&
	    check_points(s, text, len, o.ov, o.nov, files, &err) != 0)) {
		cq_err_print(&err);
		scn_free(s);
		free(text);
		scn_files_free(files);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	free(text);
	scn_files_free(files);
	scn_warnings(s, check_warning, s);
	scn_print(s, stdout);
	print_arrivals(s, stdout);
	print_alerts(s, stdout);
	scn_free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "clinicq: check: cannot write the output\n");
		return CQ_EXIT_FAIL;
	}
	return CQ_EXIT_OK;
}

static const struct cmd_option check_opt_set =
    { "set", 's', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_set };

static const struct cmd_option check_opt_list_keys =
    { "list-keys", 'K', CMD_ALONE, CMD_FLAG, offsetof(struct check_opts, list_keys), NULL };

static const struct cmd_option *const check_options[] = { &check_opt_set,
	&check_opt_list_keys, NULL };

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.summary = "SCENARIO.ini            validate; print the scenario as understood",
	.usage = "SCENARIO.ini [--set SECTION.KEY=VALUE]...",
	.help = check_help,
	.options = check_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct check_opts, file),
	.style = CMD_STYLE_USAGE,
	.exec = check_exec,
};
