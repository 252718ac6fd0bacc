/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_parse.c — the one parser: a command line read with getopt_long against
 * the tables its command's entry gives, each option stored as its descriptor
 * says, in the order given, and each usage error worded in the entry's style.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most options one command reads: its own, --help and, for the commands
 * that share struct cli_opts, the others' (tests/test_cmd.c checks). */
#define CMD_MAX_READ 48

/* Every command takes -h and --help. */
static const struct cmd_option help_option =
    { "help", 'h', CMD_SHORT, CMD_FLAG, 0, NULL };

/* What getopt_long reads for one command: each option with the command that
 * owns it (another's is named as such), and the tables built from them. */
struct optset {
	const struct cmd_option *opt[CMD_MAX_READ];
	const struct cmd_entry *owner[CMD_MAX_READ];
	int n;
	struct option longopts[CMD_MAX_READ + 1];
	char shortopts[2 * CMD_MAX_READ + 2];
};

/* The usage errors the parser itself finds. */
enum problem { NEEDS_VALUE, UNKNOWN, FOREIGN, NO_OPERAND, EXTRA_OPERAND };

/* The message in one write per line, as a single fprintf does: MPI ranks
 * that say the same at once interleave whole lines, not words. */
static int __attribute__((format(printf, 3, 0)))
vsay(const struct cmd_entry *e, int usage, const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL)
		vsnprintf(msg, (size_t)n + 1, fmt, aq);
	va_end(aq);
	if (msg == NULL)
		msg = small;        /* no memory: the message cut short */
	if (usage && e->style == CMD_STYLE_SEE_HELP)
		fprintf(stderr, "clinicq: %s: %s (see 'clinicq %s --help')\n", e->name, msg,
		    e->name);
	else
		fprintf(stderr, "clinicq: %s: %s\n", e->name, msg);
	if (usage && e->style == CMD_STYLE_USAGE)
		fprintf(stderr, "usage: clinicq %s %s\n", e->name, e->usage);
	if (msg != small)
		free(msg);
	return -1;
}

int
cmd_say(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(e, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
cmd_usage(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(e, 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* A usage error of the parser's own, worded as the command always has: arg
 * is the word of argv at fault; for FOREIGN, opt is the option and owner the
 * command that takes it.  UNKNOWN in the SEE_HELP style reads getopt's
 * optopt. */
static int
problem(const struct cmd_entry *e, enum problem p, const char *arg,
    const struct cmd_option *opt, const struct cmd_entry *owner)
{
	const char *n = e->name;

	switch (e->style) {
	case CMD_STYLE_SCENARIO:
		if (p == NEEDS_VALUE)
			return cmd_usage(e, "option '%s' needs a value", arg);
		if (p == UNKNOWN)
			return cmd_usage(e, "unknown option '%s'; see 'clinicq %s --help'", arg, n);
		if (p == FOREIGN)
			return cmd_usage(e, "unknown option '--%s' (an option of 'clinicq %s'); "
			    "see 'clinicq %s --help'", opt->name, owner->name, n);
		return cmd_usage(e, "%s; usage: clinicq %s %s", p == NO_OPERAND ?
		    "no scenario file given" : "more than one scenario file given", n, e->usage);
	case CMD_STYLE_USAGE:
		if (p == NEEDS_VALUE)
			return cmd_usage(e, "option needs a value: %s", arg);
		if (p == NO_OPERAND)
			return cmd_usage(e, "missing %s", e->operand);
		if (p == EXTRA_OPERAND)
			return cmd_usage(e, "unexpected argument %s", arg);
		return cmd_usage(e, "unknown option %s", arg);
	case CMD_STYLE_SEE_HELP:
		if (p == NEEDS_VALUE)
			return cmd_usage(e, "%s needs a value", arg);
		if (p == NO_OPERAND)
			return cmd_usage(e, "missing %s", e->operand);
		if (p == EXTRA_OPERAND)
			return cmd_usage(e, "unexpected argument '%s'", arg);
		/* An unknown long option leaves optopt 0; name it from argv. */
		if (optopt != 0)
			return cmd_usage(e, "unknown option '-%c'", optopt);
		return cmd_usage(e, "unknown or ambiguous option '%s'", arg);
	}
	return -1;
}

/* Add o to the set unless an option of its name is there: the first command
 * to list an option owns it.  -1 when the set is full. */
static int
optset_add(struct optset *s, const struct cmd_option *o, const struct cmd_entry *owner)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->opt[i]->name, o->name) == 0)
			return 0;
	if (s->n == CMD_MAX_READ)
		return -1;
	s->opt[s->n] = o;
	s->owner[s->n++] = owner;
	return 0;
}

/* The options e reads and getopt_long's tables of them.  0, or -1 when they
 * are more than CMD_MAX_READ. */
static int
optset_build(struct optset *s, const struct cmd_entry *e)
{
	const struct cmd_entry *const *t;
	const struct cmd_option *const *o;
	size_t k = 0;
	int i;

	s->n = 0;
	for (o = e->options; *o != NULL; o++)
		if (optset_add(s, *o, e) != 0)
			return -1;
	if (optset_add(s, &help_option, e) != 0)
		return -1;
	for (t = cmd_table; e->job != NULL && *t != NULL; t++)
		for (o = (*t)->options; (*t)->job != NULL && *o != NULL; o++)
			if (optset_add(s, *o, *t) != 0)
				return -1;
	/* A leading ':' tells a missing value from an unknown option. */
	s->shortopts[k++] = ':';
	for (i = 0; i < s->n; i++) {
		const struct cmd_option *p = s->opt[i];
		int value = (p->flags & CMD_VALUE) != 0;

		s->longopts[i].name = p->name;
		s->longopts[i].has_arg = value ? required_argument : no_argument;
		s->longopts[i].flag = NULL;
		s->longopts[i].val = p->key;
		if ((p->flags & CMD_SHORT) && s->owner[i] == e) {
			s->shortopts[k++] = (char)p->key;
			if (value)
				s->shortopts[k++] = ':';
		}
	}
	memset(&s->longopts[s->n], 0, sizeof s->longopts[s->n]);
	s->shortopts[k] = '\0';
	return 0;
}

/* Keep an option's value in opts, as its descriptor says. */
static int
store(const struct cmd_entry *e, const struct cmd_option *o, void *opts, const char *arg)
{
	char *field = (char *)opts + o->at;

	switch (o->store) {
	case CMD_FLAG:
		*(int *)(void *)field = 1;
		return 0;
	case CMD_TEXT:
		*(const char **)(void *)field = arg;
		return 0;
	case CMD_PARSE:
		return o->parse(e, opts, arg);
	}
	return -1;
}

/* After the options: the operand (none needed after a CMD_ALONE option),
 * then the entry's own checks. */
static int
operands(const struct cmd_entry *e, int argc, char **argv, void *opts, int alone)
{
	if (e->operand == NULL && optind < argc)
		return problem(e, EXTRA_OPERAND, argv[optind], NULL, NULL);
	if (e->operand != NULL && !(alone && optind >= argc)) {
		if (optind >= argc)
			return problem(e, NO_OPERAND, NULL, NULL, NULL);
		if (e->operand2 != NULL && optind + 1 >= argc)
			return cmd_usage(e, "no %s given; usage: clinicq %s %s", e->operand2,
			    e->name, e->usage);
		if (optind + 1 + (e->operand2 != NULL) < argc)
			return problem(e, EXTRA_OPERAND, argv[optind + 1 + (e->operand2 != NULL)],
			    NULL, NULL);
		*(const char **)(void *)((char *)opts + e->operand_at) = argv[optind];
		if (e->operand2 != NULL)
			*(const char **)(void *)((char *)opts + e->operand2_at) = argv[optind + 1];
	}
	return e->check != NULL ? e->check(e, opts) : 0;
}

int
cmd_parse(const struct cmd_entry *e, int argc, char **argv, void *opts, unsigned flags)
{
	struct optset s;
	int ch, i, alone = 0;

	if (optset_build(&s, e) != 0)
		return cmd_say(e, "more than %d options; raise CMD_MAX_READ", CMD_MAX_READ);
	opterr = 0;     /* our own messages, in the command's style */
	optind = 0;     /* glibc: start afresh */
	while ((ch = getopt_long(argc, argv, s.shortopts, s.longopts, NULL)) != -1) {
		if (ch == ':')
			return problem(e, NEEDS_VALUE, argv[optind - 1], NULL, NULL);
		for (i = 0; ch != '?' && i < s.n && s.opt[i]->key != ch; i++)
			;
		if (ch == '?' || i == s.n)
			return problem(e, UNKNOWN, argv[optind - 1], NULL, NULL);
		/* Named from the table, not from argv, whose last word may be
		 * the option's value. */
		if (s.owner[i] != e)
			return problem(e, FOREIGN, argv[optind - 1], s.opt[i], s.owner[i]);
		if (s.opt[i] == &help_option) {
			if (!(flags & CMD_NO_HELP))
				fputs(e->help, stdout);
			return 1;
		}
		if (store(e, s.opt[i], opts, optarg) != 0)
			return -1;
		alone |= (s.opt[i]->flags & CMD_ALONE) != 0;
	}
	return operands(e, argc, argv, opts, alone);
}
