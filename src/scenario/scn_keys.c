/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_keys.c — what a scenario file may say: the section types, the keys each
 * takes, how many sections of a type a file may hold, and the near-miss
 * suggestions of messages ("did you mean 'rate'?").  scn_ini.c's reader asks
 * it; the sections' loaders interpret the values.
 */
#include "scn_keys.h"

#include <stdio.h>
#include <string.h>

static const char *const type_names[SEC_NTYPES] = {
	"scenario", "calendar", "pattern", "stream", "class", "role", "shift",
	"escalation", "contact", "targets", "sweep", "shift_template"
};
static const int type_named[SEC_NTYPES] = { 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1 };
static const int type_limit[SEC_NTYPES] = {
	1, 1, SCN_MAX_PATTERNS, SCN_MAX_STREAMS, SCN_MAX_CLASSES, SCN_MAX_ROLES,
	SCN_MAX_SHIFTS, 1, 1, 1, 1, SCN_MAX_TEMPLATES
};
static const char *const type_limit_name[SEC_NTYPES] = {
	"", "", "SCN_MAX_PATTERNS", "SCN_MAX_STREAMS", "SCN_MAX_CLASSES",
	"SCN_MAX_ROLES", "SCN_MAX_SHIFTS", "", "", "", "", "SCN_MAX_TEMPLATES"
};

/* The keys each section type takes (doc/scenario.md, plus on_call, cost_per_hour of a
 * shift and follow_up_class); scn.c interprets them. */
static const char *const keys_scenario[] = {
	"name", "start_date", "weeks", "warmup", "replications", "seed", "max_events",
	"max_waiting", "confirm_replications", NULL
};
static const char *const keys_calendar[] = { "holidays", "holiday_arrivals", NULL };
static const char *const keys_pattern[] = { "weight", NULL };
static const char *const keys_stream[] = {
	"kind", "per_week", "rate", "pattern", "classes", "patients",
	"per_patient_per_day", "value", "alert_above", "alert_class", "trace", NULL
};
static const char *const keys_class[] = {
	"mode", "service", "acute", "target", "safe_window", "patience", "next",
	"measure_from", NULL
};
static const char *const keys_role[] = {
	"cost_per_hour", "serves", "preempt", "absence", NULL
};
static const char *const keys_shift[] = {
	"role", "days", "start", "end", "staff", "min", "max", "skip_holidays",
	"on_call", "cost_per_hour", "absence", "break", NULL
};
static const char *const keys_escalation[] = {
	"cost_missed_acute", "cost_sync_contact", "to_class", "capacity",
	"screen_at_arrival", "screen_sensitivity", NULL
};
static const char *const keys_contact[] = {
	"reach", "attempt", "retry_after", "max_attempts", "follow_up_class", NULL
};
static const char *const keys_targets[] = { "safety_miss_rate", "max_utilization", NULL };
static const char *const keys_sweep[] = { "vary", "mode", "action", NULL };
static const char *const keys_shift_template[] = {
	"role", "days", "start", "length", "min", "max", "max_shifts", "skip_holidays",
	"on_call", "cost_per_hour", "absence", "break", NULL
};

static const char *const *const type_keys[SEC_NTYPES] = {
	keys_scenario, keys_calendar, keys_pattern, keys_stream, keys_class,
	keys_role, keys_shift, keys_escalation, keys_contact, keys_targets, keys_sweep,
	keys_shift_template
};

/* The reader's state, shared with the inih handler. */
/* Section type name ("stream"). */
const char *
scn_ini_type_name(enum scn_sec_type t)
{
	return t < SEC_NTYPES ? type_names[t] : "?";
}

/* Whether sections of this type carry a name ([stream portal]). */
int
scn_ini_type_named(enum scn_sec_type t)
{
	return t < SEC_NTYPES && type_named[t];
}

/* The label of a section for messages: "stream portal" or "scenario". */
void
scn_ini_label(const struct scn_ini_sec *sec, char *buf, size_t n)
{
	if (sec->name[0] != '\0')
		snprintf(buf, n, "%s %s", type_names[sec->type], sec->name);
	else
		snprintf(buf, n, "%s", type_names[sec->type]);
}

/* Edit distance of two short strings, a swap of neighbours counting as one
 * edit (optimal string alignment); -1 when too long to bother. */
static int
edit_distance(const char *a, const char *b)
{
	int d[3][128], i, j, v, la = (int)strlen(a), lb = (int)strlen(b);
	int *cur, *prev, *prev2;

	if (la > 120 || lb > 120)
		return -1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		cur = d[i % 3];
		prev = d[(i - 1) % 3];
		prev2 = d[(i + 1) % 3];
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
	}
	return d[la % 3][lb];
}

/* Start a did-you-mean search for word. */
void
scn_suggest_init(struct scn_suggest *sg, const char *word)
{
	sg->word = word;
	sg->best = NULL;
	sg->bestd = -1;
}

/* Consider one candidate; keeps the nearest, the first of equals. */
void
scn_suggest_add(struct scn_suggest *sg, const char *cand)
{
	int d = edit_distance(sg->word, cand);
	int len = (int)strlen(sg->word);
	int limit = len / 3 > 2 ? len / 3 : 2;

	if (d < 0 || d > limit || d >= len || strcmp(cand, sg->word) == 0)
		return;
	if (sg->best == NULL || d < sg->bestd) {
		sg->best = cand;
		sg->bestd = d;
	}
}

/* The nearest candidate seen, or NULL. */
const char *
scn_suggest_best(const struct scn_suggest *sg)
{
	return sg->best;
}

/* The index of a key in a NULL-terminated list, or -1. */
static int
key_index(const char *const *keys, const char *key)
{
	int i;

	for (i = 0; keys[i] != NULL; i++) {
		if (strcmp(keys[i], key) == 0)
			return i;
	}
	return -1;
}

/* Whether a key may be given more than once in a section. */
int
scn_keys_repeats(const char *key)
{
	return strcmp(key, "weight") == 0 || strcmp(key, "vary") == 0 ||
	    strcmp(key, "break") == 0;
}

/* Write "unknown key 'rat' in [stream portal]; did you mean 'rate'?" to msg. */
void
scn_keys_unknown_msg(const struct scn_ini_sec *sec, enum scn_sec_type type,
    const char *key, char *msg, size_t n)
{
	const char *const *keys = type_keys[type];
	struct scn_suggest sg;
	char label[SCN_MAX_NAME + 16];
	size_t len;
	int i;

	if (sec != NULL)
		scn_ini_label(sec, label, sizeof label);
	else
		snprintf(label, sizeof label, "%s", type_names[type]);
	scn_suggest_init(&sg, key);
	for (i = 0; keys[i] != NULL; i++)
		scn_suggest_add(&sg, keys[i]);
	if (scn_suggest_best(&sg) != NULL) {
		snprintf(msg, n, "unknown key '%s' in [%s]; did you mean '%s'?", key,
		    label, scn_suggest_best(&sg));
		return;
	}
	snprintf(msg, n, "unknown key '%s' in [%s]; [%s] takes ", key, label,
	    type_names[type]);
	for (i = 0; keys[i] != NULL; i++) {
		len = strlen(msg);
		snprintf(msg + len, n - len, "%s%s", i ? ", " : "", keys[i]);
	}
}

/* Find a section type by name; -1 if none. */
int
scn_keys_type_by_name(const char *s)
{
	int t;

	for (t = 0; t < SEC_NTYPES; t++) {
		if (strcmp(scn_ini_type_name(t), s) == 0)
			return t;
	}
	return -1;
}

int
scn_keys_known(enum scn_sec_type t, const char *key)
{
	return t < SEC_NTYPES && key_index(type_keys[t], key) >= 0;
}

int
scn_keys_limit(enum scn_sec_type t)
{
	return type_limit[t];
}

const char *
scn_keys_limit_name(enum scn_sec_type t)
{
	return type_limit_name[t];
}
