/* SPDX-License-Identifier: GPL-3.0-or-later */
/* week.c — the weekday names (week.h). */
#include "week.h"

const char *const week_day_key[WEEK_DAYS] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
const char *const week_day_short[WEEK_DAYS] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
const char *const week_day_long[WEEK_DAYS] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};
