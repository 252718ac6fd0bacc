/* SPDX-License-Identifier: GPL-3.0-or-later */
/* front.c — handing a command from clinicq to clinicq-full (see front.h). */
#include "front.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int (*front_xlsx)(const struct meas *m, const char *path, struct cq_err *err);

#define FULL_NAME "clinicq-full"

/* Where clinicq-full is: $CLINICQ_FULL, else next to this program (the build
 * tree), else in ../libexec/clinicq beside it (an installed tree, wherever it
 * was moved), else where `make install` puts it. */
static int
full_path(char *buf, size_t n)
{
	const char *env = getenv("CLINICQ_FULL");
	char exe[PATH_MAX];
	ssize_t k;
	char *slash;

	if (env != NULL && *env != '\0')
		return (size_t)snprintf(buf, n, "%s", env) < n ? 0 : -1;
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(buf, n, "%s/" FULL_NAME, exe) < n &&
			    access(buf, X_OK) == 0)
				return 0;
			if ((size_t)snprintf(buf, n, "%s/../libexec/clinicq/" FULL_NAME, exe) < n &&
			    access(buf, X_OK) == 0)
				return 0;
		}
	}
	return (size_t)snprintf(buf, n, "%s/" FULL_NAME, CQ_PKGLIBEXECDIR) < n ? 0 : -1;
}

int
front_exec_full(int argc, char **argv, struct cq_err *err)
{
	char path[PATH_MAX + 32];
	char **args;
	int i;

	if (full_path(path, sizeof path) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the path of " FULL_NAME
		    " is too long; set CLINICQ_FULL to the program");
	args = calloc((size_t)argc + 2, sizeof *args);
	if (args == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	args[0] = path;
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	execv(path, args);
	i = errno;
	free(args);
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot start %s (%s): it writes "
	    "workbooks and runs optimize and sweep; build it with 'make', or set "
	    "CLINICQ_FULL to the program", path, strerror(i));
}
