/* SPDX-License-Identifier: GPL-3.0-or-later */
/* models.c — where the MathProg models are found (models.h). */
#include "models.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
readable(const char *dir, const char *name, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, "%s/%s", dir, name) >= n)
		return 0;
	return access(buf, R_OK) == 0;
}

int
models_path(const char *name, char *buf, size_t n, struct cq_err *err)
{
	const char *env = getenv("CLINICQ_MODELS");
	char exe[4096], dir[4200];
	ssize_t k;
	char *slash;

	if (env != NULL && *env != '\0') {
		if (readable(env, name, buf, n))
			return 0;
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot read %s/%s "
		    "(CLINICQ_MODELS): set it to the folder that holds the model", env, name);
	}
#ifdef CQ_SRCDIR
	if (readable(CQ_SRCDIR "/models", name, buf, n))
		return 0;
#endif
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/models", exe);
			if (readable(dir, name, buf, n))
				return 0;
			/* PREFIX/bin/clinicq: the installed tree, wherever it was
			 * moved. */
			snprintf(dir, sizeof dir, "%s/../share/clinicq/models", exe);
			if (readable(dir, name, buf, n))
				return 0;
		}
	}
	if (readable(CQ_PKGDATADIR "/models", name, buf, n))
		return 0;
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot find the model %s (looked in "
	    "the source tree and %s/models); set CLINICQ_MODELS to its folder", name,
	    CQ_PKGDATADIR);
}
