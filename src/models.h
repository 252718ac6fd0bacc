/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * models.h — where the MathProg models (models/staffing.mod, models/rota.mod)
 * are found: CLINICQ_MODELS, the source tree, beside the program, the
 * installed tree wherever it was moved (PREFIX/bin/../share/clinicq/models),
 * the configured installed tree.
 */
#ifndef CQ_MODELS_H
#define CQ_MODELS_H

#include <stddef.h>

#include "err.h"

/* The path of model file name ("rota.mod") in buf (n bytes).  0, or -1 with
 * err saying where it looked and how to point at it. */
int models_path(const char *name, char *buf, size_t n, struct cq_err *err);

#endif
