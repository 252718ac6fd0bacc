/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * units.c — the value syntax of scenario files: numbers, durations, rates,
 * clock times, days, targets, shares, booleans and dates.
 *
 * Every parser is strict: the whole string must be consumed (blanks around it
 * are fine), numbers are plain decimals (no hex, nan or inf) of magnitude at
 * most UNIT_MAX_NUMBER, and on failure *why points to a static text that says
 * what was expected.  No parser allocates.
 */
#include "units.h"
#include "civil.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "week.h"

/* Largest magnitude of any number in a scenario. */
#define UNIT_MAX_NUMBER 1e12


/* Set *why (when given) and return -1. */
static int
fail(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return -1;
}

const char *
unit_skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int
unit_at_end(const char *s)
{
	return *unit_skip_blanks(s) == '\0';
}

/*
 * Scan a plain decimal number at s: [+-]digits[.digits][e[+-]digits].  Sets
 * *end past it; returns -1 with a reason when there is none or it is out of range.
 */
static int
scan_number(const char *s, double *out, const char **end, const char **why)
{
	const char *p = s;
	char buf[64];
	size_t n;
	int digits = 0;
	double v;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return fail(why, "expected a number like 1400 or 0.25");
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;

		if (*q == '+' || *q == '-')
			q++;
		if (isdigit((unsigned char)*q)) {
			while (isdigit((unsigned char)*q))
				q++;
			p = q;
		}
	}
	n = (size_t)(p - s);
	if (n >= sizeof buf)
		return fail(why, "number too long");
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	v = strtod(buf, NULL);
	if (!isfinite(v) || fabs(v) > UNIT_MAX_NUMBER)
		return fail(why, "number out of range (the limit is 1e12)");
	*out = v;
	*end = p;
	return 0;
}

/* Parse a plain decimal number. */
int
unit_parse_number(const char *s, double *out, const char **why)
{
	const char *end;
	double v;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected a number, found nothing");
	if (scan_number(s, &v, &end, why) != 0)
		return -1;
	if (!unit_at_end(end))
		return fail(why, "expected a number like 1400 or 0.25");
	*out = v;
	return 0;
}

/* Parse a whole number in [lo, hi]. */
int
unit_parse_int(const char *s, long lo, long hi, long *out, const char **why)
{
	const char *p;
	char *end;
	long v;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected a whole number, found nothing");
	p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return fail(why, "expected a whole number");
	errno = 0;
	v = strtol(s, &end, 10);
	if (!unit_at_end(end))
		return fail(why, "expected a whole number");
	if (errno == ERANGE || v < lo || v > hi)
		return fail(why, "whole number out of range");
	*out = v;
	return 0;
}

/* Parse an unsigned 64-bit whole number (seeds). */
int
unit_parse_u64(const char *s, uint64_t *out, const char **why)
{
	char *end;
	unsigned long long v;

	s = unit_skip_blanks(s);
	if (!isdigit((unsigned char)*s))
		return fail(why, "expected an unsigned whole number like 12345");
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!unit_at_end(end))
		return fail(why, "expected an unsigned whole number like 12345");
	if (errno == ERANGE)
		return fail(why, "number too large for 64 bits");
	*out = (uint64_t)v;
	return 0;
}

size_t
unit_word_len(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	return n;
}

/* True when the n characters at s spell one of the NULL-terminated names. */
static int
word_is(const char *s, size_t n, const char *const *names)
{
	for (; *names != NULL; names++) {
		if (strlen(*names) == n && strncasecmp(s, *names, n) == 0)
			return 1;
	}
	return 0;
}

/* Minutes in one time unit named by the n characters at s; 0 if unknown. */
static double
time_unit(const char *s, size_t n)
{
	static const char *const sec[] = { "s", "sec", "secs", "second", "seconds", NULL };
	static const char *const min[] = { "min", "mins", "minute", "minutes", NULL };
	static const char *const hour[] = { "h", "hr", "hrs", "hour", "hours", NULL };
	static const char *const day[] = { "d", "day", "days", NULL };
	static const char *const week[] = { "w", "wk", "wks", "week", "weeks", NULL };

	if (word_is(s, n, sec))
		return 1.0 / 60.0;
	if (word_is(s, n, min))
		return 1.0;
	if (word_is(s, n, hour))
		return 60.0;
	if (word_is(s, n, day))
		return DAY_MIN;
	if (word_is(s, n, week))
		return WEEK_MIN;
	return 0.0;
}

/* Parse a duration: "15min", "4h", "1h 30min", or bare minutes. */
int
unit_parse_duration(const char *s, double *minutes, const char **why)
{
	static const char expect[] = "expected a duration like 15min, 4h, 2d or 1w";
	double total = 0.0, v, mult, prev = 0.0;
	const char *end;
	size_t n;
	int terms = 0;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected a duration like 15min, 4h, 2d or 1w, found nothing");
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s) && *s != '.' && *s != '-' && *s != '+')
			return fail(why, expect);
		if (scan_number(s, &v, &end, why) != 0)
			return -1;
		if (v < 0 || (v == 0 && *s == '-'))
			return fail(why, "a duration cannot be negative");
		s = unit_skip_blanks(end);
		n = unit_word_len(s);
		if (n == 0) {
			/* A bare number is minutes, and only alone. */
			if (terms > 0 || *s != '\0')
				return fail(why, expect);
			mult = 1.0;
		} else {
			mult = time_unit(s, n);
			if (mult == 0.0)
				return fail(why, "unknown time unit: use s, min, h, d or w");
			/* One value: "1h 30min" is a duration, "1h 1h 1h" a slip. */
			if (terms > 0 && !(mult < prev))
				return fail(why, "a duration is one value: give each unit once, "
				    "largest first, like 1h 30min");
			prev = mult;
			s = unit_skip_blanks(s + n);
		}
		total += v * mult;
		terms++;
	}
	if (!(total <= UNIT_MAX_MINUTES))
		return fail(why, "duration too long (the limit is 100 years)");
	*minutes = total;
	return 0;
}

/* Parse a rate "40/h" into items per minute. */
int
unit_parse_rate(const char *s, double *per_minute, const char **why)
{
	static const char expect[] = "expected a rate like 40/h, 300/d or 1400/w";
	const char *end;
	double v, mult;
	size_t n;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected a rate like 40/h, 300/d or 1400/w, found nothing");
	if (scan_number(s, &v, &end, why) != 0)
		return fail(why, expect);
	if (v < 0 || (v == 0 && *s == '-'))
		return fail(why, "a rate cannot be negative");
	s = unit_skip_blanks(end);
	if (*s != '/')
		return fail(why, expect);
	s = unit_skip_blanks(s + 1);
	n = unit_word_len(s);
	mult = n > 0 ? time_unit(s, n) : 0.0;
	if (mult == 0.0 || !unit_at_end(s + n))
		return fail(why, expect);
	*per_minute = v / mult;
	return 0;
}

/* Parse a clock time HH:MM, 00:00..24:00, into minutes after midnight. */
int
unit_parse_clock(const char *s, int *minute, const char **why)
{
	static const char expect[] = "expected a clock time HH:MM between 00:00 and 24:00";
	int h = 0, m, nd = 0;

	s = unit_skip_blanks(s);
	while (isdigit((unsigned char)*s) && nd < 3) {
		h = h * 10 + (*s++ - '0');
		nd++;
	}
	if (nd < 1 || nd > 2 || *s != ':')
		return fail(why, expect);
	s++;
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return fail(why, expect);
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (!unit_at_end(s + 2) || m > 59 || h > 24 || (h == 24 && m != 0))
		return fail(why, expect);
	*minute = h * 60 + m;
	return 0;
}

/* Parse one day name at s (n letters); returns 0..6 or -1. */
static int
day_index(const char *s, size_t n)
{
	int i;

	for (i = 0; i < 7; i++) {
		if ((n == 3 && strncasecmp(s, week_day_key[i], 3) == 0) ||
		    (n == strlen(week_day_long[i]) && strncasecmp(s, week_day_long[i], n) == 0))
			return i;
	}
	return -1;
}

/* Parse days ("mon-fri", "mon,wed,fri", "fri-mon", "all") into a mask. */
int
unit_parse_days(const char *s, unsigned *mask, const char **why)
{
	static const char expect[] =
	    "expected days like mon-fri, mon,wed,fri, sat-sun or all";
	static const char *const all[] = { "all", "daily", NULL };
	static const char *const weekdays[] = { "weekdays", NULL };
	static const char *const weekend[] = { "weekend", "weekends", NULL };
	unsigned m = 0;
	size_t n;
	int a, b;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected days like mon-fri, sat-sun or all, found nothing");
	for (;;) {
		s = unit_skip_blanks(s);
		n = unit_word_len(s);
		if (n == 0)
			return fail(why, expect);
		if (word_is(s, n, all))
			m |= 0x7f;
		else if (word_is(s, n, weekdays))
			m |= 0x1f;
		else if (word_is(s, n, weekend))
			m |= 0x60;
		else {
			if ((a = day_index(s, n)) < 0)
				return fail(why, "unknown day name: days are mon, tue, wed, thu, "
				    "fri, sat, sun, in ranges like mon-fri, lists like mon,wed,fri, "
				    "or all");
			b = a;
			s = unit_skip_blanks(s + n);
			if (*s == '-') {
				s = unit_skip_blanks(s + 1);
				n = unit_word_len(s);
				if (n == 0)
					return fail(why, "a day range needs two days, like mon-fri");
				if ((b = day_index(s, n)) < 0)
					return fail(why, "unknown day name after '-': days are mon, "
					    "tue, wed, thu, fri, sat, sun");
			} else
				n = 0;
			/* A range may wrap around the week: fri-mon. */
			for (;;) {
				m |= 1u << a;
				if (a == b)
					break;
				a = (a + 1) % 7;
			}
		}
		s = unit_skip_blanks(s + n);
		if (*s == '\0')
			break;
		if (*s != ',')
			return fail(why, expect);
		s++;
	}
	*mask = m;
	return 0;
}

/* One day token at s ("mon", "tue-thu", "all"; blanks around '-'): its mask
 * and *end past it.  Returns 0, or -1 with why. */
static int
day_token(const char *s, unsigned *mask, const char **end, const char **why)
{
	char tok[48];
	const char *p = s;
	size_t n = unit_word_len(p), len;

	if (n == 0)
		return fail(why, "expected a number, or a number for each day like mon 4, "
		    "tue-thu 3, fri 2");
	p = unit_skip_blanks(p + n);
	if (*p == '-' && unit_word_len(unit_skip_blanks(p + 1)) > 0) {
		p = unit_skip_blanks(p + 1);
		p += unit_word_len(p);
	} else {
		p = s + n;
	}
	len = (size_t)(p - s);
	if (len >= sizeof tok)
		return fail(why, "unknown day name: days are mon, tue, wed, thu, fri, sat, sun");
	memcpy(tok, s, len);
	tok[len] = '\0';
	*end = p;
	return unit_parse_days(tok, mask, why);
}

/* Parse "mon 4, tue-thu 3, fri 2" (see units.h). */
int
unit_parse_day_ints(const char *s, long lo, long hi, long v[WEEK_DAYS], unsigned *given,
    int *twice, const char **why)
{
	unsigned pending = 0, got = 0, m;
	const char *end;
	char num[32];
	int d, comma = 1;
	long x;
	size_t n;

	*twice = -1;
	for (;;) {
		s = unit_skip_blanks(s);
		if (*s == ',' || *s == '\0') {
			if (comma && (*s == ',' || got != 0 || pending != 0))
				return fail(why, "an empty item (two commas, or one at an end); give "
				    "a number for each day, like mon 4, tue-thu 3, fri 2");
			if (*s == '\0')
				break;
			comma = 1;
			s++;
			continue;
		}
		comma = 0;
		if (isdigit((unsigned char)*s) || ((*s == '+' || *s == '-') &&
		    isdigit((unsigned char)s[1]))) {
			n = strspn(s + 1, "0123456789") + 1;
			if (n >= sizeof num)
				return fail(why, "whole number out of range");
			memcpy(num, s, n);
			num[n] = '\0';
			if (unit_parse_int(num, lo, hi, &x, why) != 0)
				return -1;
			if (pending == 0)
				return fail(why, "a number must follow the days it is for, like "
				    "mon 4, tue-thu 3, fri 2");
			for (d = 0; d < WEEK_DAYS; d++)
				if (pending & (1u << d))
					v[d] = x;
			got |= pending;
			pending = 0;
			s += n;
			continue;
		}
		if (day_token(s, &m, &end, why) != 0)
			return -1;
		if ((m & (got | pending)) != 0) {
			for (d = 0; !(m & (got | pending) & (1u << d)); d++)
				;
			*twice = d;
			return fail(why, "a day is given twice; give each day once");
		}
		pending |= m;
		s = end;
	}
	if (pending != 0)
		return fail(why, "the last days have no number; give one after them, like "
		    "fri 2");
	if (got == 0)
		return fail(why, "expected a number, or a number for each day like mon 4, "
		    "tue-thu 3, fri 2");
	*given = got;
	return 0;
}

/* Parse a fraction: "15%", "0.15", "300%"; any sign or size (the caller
 * checks the range, so that its message can name its key and limit). */
int
unit_parse_fraction(const char *s, double *v, const char **why)
{
	const char *end;
	double x;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return fail(why, "expected a share like 1% or 0.01, found nothing");
	if (scan_number(s, &x, &end, why) != 0)
		return fail(why, "expected a share like 1% or 0.01");
	end = unit_skip_blanks(end);
	if (*end == '%') {
		x /= 100.0;
		end++;
	}
	if (!unit_at_end(end))
		return fail(why, "expected a share like 1% or 0.01");
	*v = x;
	return 0;
}

/* Parse a share: "90%", "0.9"; in [0,1]. */
int
unit_parse_share(const char *s, double *share, const char **why)
{
	double v;

	if (unit_parse_fraction(s, &v, why) != 0)
		return -1;
	if (v < 0.0 || v > 1.0)
		return fail(why, "a share must lie between 0 and 1 (0% and 100%)");
	*share = v;
	return 0;
}

/* Parse a target "90% <= 48h" into a share and minutes. */
int
unit_parse_target(const char *s, double *share, double *within, const char **why)
{
	static const char expect[] = "expected a target like 90% <= 48h";
	const char *le = strstr(s, "<=");
	char buf[128];
	size_t n;

	if (le == NULL)
		return fail(why, expect);
	n = (size_t)(le - s);
	if (n >= sizeof buf)
		return fail(why, expect);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (unit_at_end(buf) || unit_parse_share(buf, share, why) != 0)
		return fail(why, "expected a target like 90% <= 48h: the share before <= is a percentage or a fraction in [0,1]");
	if (unit_parse_duration(le + 2, within, why) != 0)
		return fail(why, "expected a target like 90% <= 48h: the time after <= is a duration like 30min or 48h");
	return 0;
}

/* Parse yes/no, true/false, on/off, 1/0. */
int
unit_parse_bool(const char *s, int *out, const char **why)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	const char *e;
	size_t n;

	s = unit_skip_blanks(s);
	for (e = s; *e != '\0' && *e != ' ' && *e != '\t'; e++)
		;
	n = (size_t)(e - s);
	if (n > 0 && unit_at_end(e) && word_is(s, n, yes)) {
		*out = 1;
		return 0;
	}
	if (n > 0 && unit_at_end(e) && word_is(s, n, no)) {
		*out = 0;
		return 0;
	}
	return fail(why, "expected yes or no");
}

/* Parse a real calendar date YYYY-MM-DD. */
int
unit_parse_date(const char *s, long *epoch_day, int *weekday, const char **why)
{
	static const char expect[] = "expected a date YYYY-MM-DD like 2027-01-04";
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d, leap;
	long z;

	s = unit_skip_blanks(s);
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return fail(why, expect);
		} else if (!isdigit((unsigned char)s[i]))
			return fail(why, expect);
	}
	if (!unit_at_end(s + 10))
		return fail(why, expect);
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900)
		return fail(why, "a date must be in the year 1900 or later");
	if (m < 1 || m > 12)
		return fail(why, "no such month: expected a date YYYY-MM-DD");
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return fail(why, "no such day in that month: expected a date YYYY-MM-DD");
	z = civil_days(y, m, d);
	*epoch_day = z;
	*weekday = civil_weekday(z);
	return 0;
}

/* Format a number as briefly as reads back to the same double. */
int
unit_format_number(double v, char *buf, size_t n)
{
	char tmp[64];
	int prec, len = 0;

	for (prec = 15; prec <= 17; prec++) {
		len = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (!isfinite(v) || strtod(tmp, NULL) == v)
			break;
	}
	snprintf(buf, n, "%s", tmp);
	return len;
}

/* Whether text reads back as exactly this many minutes. */
static int
duration_exact(const char *text, double minutes)
{
	const char *why;
	double v;

	return unit_parse_duration(text, &v, &why) == 0 && v == minutes;
}

/* Format minutes in units ("2d 3h", "90s"), or "" when no unit form is near. */
static int
format_units(double minutes, char *buf, size_t n)
{
	static const struct {
		const char *unit;
		long minutes;
	} parts[] = { { "d", DAY_MINUTES }, { "h", 60 }, { "min", 1 } };
	double secs = minutes * 60.0;
	long long whole, rest;
	size_t i;
	int len = 0, w;

	if (n > 0)
		buf[0] = '\0';
	if (!isfinite(minutes) || minutes < 0)
		return snprintf(buf, n, "%.15gmin", minutes);
	if (minutes == 0)
		return snprintf(buf, n, "0min");
	if (fabs(minutes - floor(minutes + 0.5)) < 1e-9 && minutes < 1e15) {
		whole = (long long)floor(minutes + 0.5);
		if (whole % WEEK_MINUTES == 0)
			return snprintf(buf, n, "%lldw", whole / WEEK_MINUTES);
		rest = whole;
		for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
			if (rest >= parts[i].minutes && (size_t)len < n) {
				w = snprintf(buf + len, (size_t)len < n ? n - (size_t)len : 0,
				    "%s%lld%s", len > 0 ? " " : "", rest / parts[i].minutes,
				    parts[i].unit);
				len += w;
				rest %= parts[i].minutes;
			}
		}
		return len;
	}
	if (fabs(secs - floor(secs + 0.5)) < 1e-7 && minutes < DAY_MINUTES) {
		whole = (long long)floor(secs + 0.5);
		if (whole >= 60)
			return snprintf(buf, n, "%lldmin %llds", whole / 60, whole % 60);
		return snprintf(buf, n, "%llds", whole);
	}
	return 0;
}

/* Format minutes as a duration that unit_parse_duration reads back exactly:
 * the unit form when it is exact, else minutes with every digit needed. */
int
unit_format_duration(double minutes, char *buf, size_t n)
{
	char tmp[128];
	int len;

	if (!isfinite(minutes) || minutes < 0)
		return snprintf(buf, n, "%.17gmin", minutes);
	if (format_units(minutes, tmp, sizeof tmp) > 0 && duration_exact(tmp, minutes))
		return snprintf(buf, n, "%s", tmp);
	len = unit_format_number(minutes, tmp, sizeof tmp);
	return snprintf(buf, n, "%.*smin", len, tmp);
}

/* Minutes for people, one form for every magnitude: "20 s", "4.5 min", "45 min",
 * "1 h 58 min", "12 h", "1 d 18 h", "2 d".  Rounded to what the form shows. */
int
unit_format_readable(double minutes, char *buf, size_t n)
{
	double sec;
	long long total, hours;

	if (!isfinite(minutes))
		return snprintf(buf, n, "-");
	if (minutes < 0 && n > 1) {
		buf[0] = '-';
		return 1 + unit_format_readable(-minutes, buf + 1, n - 1);
	}
	sec = minutes * 60.0;
	if (sec < 59.5)
		return snprintf(buf, n, "%.0f s", sec);
	if (minutes < 9.95 && fabs(minutes - round(minutes)) > 1e-9)
		return snprintf(buf, n, "%.1f min", minutes);
	total = llround(minutes);
	if (total < 60)
		return snprintf(buf, n, "%lld min", total);
	if (total < DAY_MINUTES) {
		if (total % 60 == 0)
			return snprintf(buf, n, "%lld h", total / 60);
		return snprintf(buf, n, "%lld h %lld min", total / 60, total % 60);
	}
	hours = llround(minutes / 60.0);
	if (hours % 24 == 0)
		return snprintf(buf, n, "%lld d", hours / 24);
	return snprintf(buf, n, "%lld d %lld h", hours / 24, hours % 24);
}

/* Format a day mask as "mon-fri", "mon,wed,fri" or "all". */
void
unit_format_days(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	int i, j;

	mask &= 0x7f;
	if (n == 0)
		return;
	buf[0] = '\0';
	if (mask == 0x7f) {
		snprintf(buf, n, "all");
		return;
	}
	for (i = 0; i < 7; i++) {
		if (!(mask & (1u << i)))
			continue;
		for (j = i; j + 1 < 7 && (mask & (1u << (j + 1))); j++)
			;
		if (j > i)
			snprintf(buf + len, n - len, "%s%s-%s", len ? "," : "",
			    week_day_key[i], week_day_key[j]);
		else
			snprintf(buf + len, n - len, "%s%s", len ? "," : "", week_day_key[i]);
		len = strlen(buf);
		i = j;
	}
}

/* Format values by day as "mon 4, tue-thu 3, fri 2" (see units.h). */
void
unit_format_day_ints(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n)
{
	size_t len = 0;
	int i, j;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < WEEK_DAYS && len + 1 < n; i++) {
		if (!(days & (1u << i)))
			continue;
		for (j = i; j + 1 < WEEK_DAYS && (days & (1u << (j + 1))) && v[j + 1] == v[i]; j++)
			;
		if (j > i)
			snprintf(buf + len, n - len, "%s%s-%s %d", len ? ", " : "",
			    week_day_key[i], week_day_key[j], v[i]);
		else
			snprintf(buf + len, n - len, "%s%s %d", len ? ", " : "", week_day_key[i],
			    v[i]);
		len = strlen(buf);
		i = j;
	}
}
