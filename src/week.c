/* SPDX-License-Identifier: GPL-3.0-or-later */
/* week.c — the weekday names (week.h). */
#include "week.h"

#include <stdio.h>
#include <string.h>

const char *const week_day_key[WEEK_DAYS] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
const char *const week_day_short[WEEK_DAYS] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
const char *const week_day_long[WEEK_DAYS] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

void
week_days_words(unsigned days, char *buf, size_t n)
{
	size_t len = 0;
	int d = 0, e;

	buf[0] = '\0';
	if ((days & 0x7f) == 0x7f) {
		snprintf(buf, n, "every day");
		return;
	}
	while (d < WEEK_DAYS && len + 1 < n) {
		if (!(days & (1u << d))) {
			d++;
			continue;
		}
		for (e = d; e + 1 < WEEK_DAYS && (days & (1u << (e + 1))); e++)
			;
		snprintf(buf + len, n - len, "%s%s%s%s", len ? ", " : "", week_day_short[d],
		    e > d ? (e > d + 1 ? "-" : ", ") : "", e > d ? week_day_short[e] : "");
		len = strlen(buf);
		d = e + 1;
	}
}
