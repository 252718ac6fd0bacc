/* SPDX-License-Identifier: GPL-3.0-or-later */
/* err.c — filling and printing error values. */
#include "err.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "utf8.h"

/* A message is one line of whole characters, whatever a library handed us
 * (SQLite quotes a schema with its newlines) and wherever the buffer cut it:
 * line breaks and tabs become blanks, and a character cut at the end goes. */
static void
tidy(char *s, int cut)
{
	size_t n = strlen(s);
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	if (!cut || n == 0)
		return;
	s[utf8_complete(s, n)] = '\0';
}

int
cq_err_vset(struct cq_err *e, int code, const char *file, int line,
    const char *fmt, va_list ap)
{
	int n;

	if (e == NULL)
		return -1;
	e->code = code;
	n = snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	tidy(e->file, n >= (int)sizeof e->file);
	e->line = line;
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	tidy(e->msg, n >= (int)sizeof e->msg);
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

void
cq_stderr_hold(struct cq_stderr_hold *h)
{
	FILE *f;

	h->saved = h->cap = -1;
	fflush(stderr);
	/* An unnamed scratch file; failing that, the messages are dropped. */
	if ((f = tmpfile()) != NULL) {
		h->cap = dup(fileno(f));
		fclose(f);
	}
	if (h->cap < 0)
		h->cap = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (h->cap < 0)
		return;
	if ((h->saved = dup(STDERR_FILENO)) >= 0 && dup2(h->cap, STDERR_FILENO) < 0) {
		close(h->saved);
		h->saved = -1;
	}
}

void
cq_stderr_release(struct cq_stderr_hold *h, char *text, size_t n)
{
	ssize_t got = 0;

	text[0] = '\0';
	fflush(stderr);
	if (h->saved >= 0) {
		dup2(h->saved, STDERR_FILENO);
		close(h->saved);
	}
	if (h->cap >= 0) {
		if (n > 1 && lseek(h->cap, 0, SEEK_SET) == 0 &&
		    (got = read(h->cap, text, n - 1)) < 0)
			got = 0;
		if (n > 0)
			text[got] = '\0';
		close(h->cap);
	}
	h->saved = h->cap = -1;
}
