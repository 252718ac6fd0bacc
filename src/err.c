/* SPDX-License-Identifier: GPL-3.0-or-later */
/* err.c — filling and printing error values. */
#include "err.h"

#include <stdio.h>
#include <string.h>

int
cq_err_vset(struct cq_err *e, int code, const char *file, int line,
    const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->code = code;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return -1;
}

int
cq_err_set(struct cq_err *e, int code, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cq_err_vset(e, code, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

void
cq_err_print(const struct cq_err *e)
{
	if (e->file[0] != '\0' && e->line > 0)
		fprintf(stderr, "clinicq: %s:%d: %s\n", e->file, e->line, e->msg);
	else if (e->file[0] != '\0')
		fprintf(stderr, "clinicq: %s: %s\n", e->file, e->msg);
	else
		fprintf(stderr, "clinicq: %s\n", e->msg);
}
