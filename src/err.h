/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * err.h — errors as values.
 *
 * A failing function returns a negative status (or NULL) and fills a caller-owned
 * struct cq_err.  The message is lower case, without a trailing period, and says
 * what to do; main() prints it as "clinicq: FILE:LINE: message".
 */
#ifndef CQ_ERR_H
#define CQ_ERR_H

#include <stdarg.h>
#include <stddef.h>

#define CQ_ERR_MSG 512

/* Exit codes of the contract (doc/clinicq.1). */
enum cq_exit {
	CQ_EXIT_OK = 0,
	CQ_EXIT_FAIL = 1,    /* I/O, a library error */
	CQ_EXIT_USAGE = 2,   /* usage or scenario error */
	CQ_EXIT_NOROSTER = 3 /* optimize: no roster within bounds meets the targets */
};

struct cq_err {
	int code;              /* an enum cq_exit value; 0 when no error is set */
	char file[256];        /* "" when not about a file */
	int line;              /* 0 when no single line is at fault */
	char msg[CQ_ERR_MSG];
};

/* Set an error; returns -1 so callers can write "return cq_err_set(...)". */
int cq_err_set(struct cq_err *e, int code, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int cq_err_vset(struct cq_err *e, int code, const char *file, int line,
    const char *fmt, va_list ap);
/* Print "clinicq: FILE:LINE: message" (or shorter forms) to stderr. */
void cq_err_print(const struct cq_err *e);

/* Keep a library's own messages (libxlsxwriter prints "[ERROR]" lines on
 * stderr) off clinicq's stderr, where the command says what went wrong in one
 * line of its own: between hold and release, descriptor 2 goes to a scratch
 * file.  Release puts stderr back and copies what was said into text (n
 * bytes, "" when nothing), for the message.  One thread only: nothing else may
 * print meanwhile. */
struct cq_stderr_hold {
	int saved;             /* the real stderr; -1 when not redirected */
	int cap;               /* the scratch file */
};
void cq_stderr_hold(struct cq_stderr_hold *h);
void cq_stderr_release(struct cq_stderr_hold *h, char *text, size_t n);

#endif
