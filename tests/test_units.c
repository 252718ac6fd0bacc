/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_units.c — the value parsers of units.c and the distributions of dist.c. */
#include <gsl/gsl_rng.h>

#include "civil.h"
#include "check.h"
#include "err.h"
#include "scenario/dist.h"
#include "engine/dist_sample.h"
#include "scenario/units.h"
#include "utf8.h"

/* Parse a number; NAN when it fails. */
static double
num(const char *s)
{
	const char *why = NULL;
	double v;

	return unit_parse_number(s, &v, &why) == 0 ? v : NAN;
}

/* Parse a duration in minutes; -1 when it fails. */
static double
dur(const char *s)
{
	const char *why = NULL;
	double v;

	if (unit_parse_duration(s, &v, &why) != 0) {
		if (why == NULL || why[0] == '\0')
			return -2;   /* a failure must say why */
		return -1;
	}
	return v;
}

/* Parse a rate per minute; -1 when it fails. */
static double
rate(const char *s)
{
	const char *why;
	double v;

	return unit_parse_rate(s, &v, &why) == 0 ? v : -1;
}

/* Parse a clock time; -1 when it fails. */
static int
clk(const char *s)
{
	const char *why;
	int v;

	return unit_parse_clock(s, &v, &why) == 0 ? v : -1;
}

/* Parse days; 0xffff when it fails. */
static unsigned
days(const char *s)
{
	const char *why;
	unsigned v;

	return unit_parse_days(s, &v, &why) == 0 ? v : 0xffff;
}

/* Parse a share; -1 when it fails. */
static double
share(const char *s)
{
	const char *why;
	double v;

	return unit_parse_share(s, &v, &why) == 0 ? v : -1;
}

/* Parse a distribution; returns its kind or -1. */
static int
dist(const char *s, int is_time, struct dist *d)
{
	const char *why;

	return dist_parse(s, is_time, d, &why) == 0 ? (int)d->kind : -1;
}

/* Numbers: plain decimals only, finite and not absurd. */
static void
test_numbers(void)
{
	const char *why = NULL;
	long l;
	uint64_t u;
	double v;

	CHECK_NEAR(num("1400"), 1400, 0);
	CHECK_NEAR(num(" 0.25 "), 0.25, 0);
	CHECK_NEAR(num("-3.5e2"), -350, 0);
	CHECK_NEAR(num("1e12"), 1e12, 0);
	CHECK(isnan(num("nan")));
	CHECK(isnan(num("NaN")));
	CHECK(isnan(num("inf")));
	CHECK(isnan(num("-infinity")));
	CHECK(isnan(num("1e308")));
	CHECK(isnan(num("1e13")));
	CHECK(isnan(num("0x10")));
	CHECK(isnan(num("12abc")));
	CHECK(isnan(num("")));
	CHECK(isnan(num("   ")));
	CHECK(isnan(num("1 2")));
	CHECK(unit_parse_number("abc", &v, &why) == -1);
	CHECK_HAS(why, "expected a number");
	CHECK(unit_parse_number("1e300", &v, &why) == -1);
	CHECK_HAS(why, "1e12");

	CHECK(unit_parse_int("42", 0, 100, &l, &why) == 0 && l == 42);
	CHECK(unit_parse_int("101", 0, 100, &l, &why) == -1);
	CHECK(unit_parse_int("4.5", 0, 100, &l, &why) == -1);
	CHECK(unit_parse_int("", 0, 100, &l, &why) == -1);
	CHECK(unit_parse_int("99999999999999999999999", 0, 100, &l, &why) == -1);
	CHECK(unit_parse_u64("18446744073709551615", &u, &why) == 0 && u == UINT64_MAX);
	CHECK(unit_parse_u64("18446744073709551616", &u, &why) == -1);
	CHECK(unit_parse_u64("-1", &u, &why) == -1);
	CHECK(unit_parse_u64("12x", &u, &why) == -1);
}

/* Durations: units, bare minutes, sums, and what is refused. */
static void
test_durations(void)
{
	const char *why;
	double v;

	CHECK_NEAR(dur("15min"), 15, 0);
	CHECK_NEAR(dur("15 min"), 15, 0);
	CHECK_NEAR(dur("4h"), 240, 0);
	CHECK_NEAR(dur("2d"), 2880, 0);
	CHECK_NEAR(dur("1w"), 10080, 0);
	CHECK_NEAR(dur("90s"), 1.5, 1e-12);
	CHECK_NEAR(dur("45"), 45, 0);
	CHECK_NEAR(dur("0.5h"), 30, 0);
	CHECK_NEAR(dur("1h 30min"), 90, 0);
	CHECK_NEAR(dur("2d 3h"), 3060, 0);
	CHECK_NEAR(dur("0"), 0, 0);
	CHECK_NEAR(dur("-5min"), -1, 0);
	CHECK_NEAR(dur("-0"), -1, 0);
	CHECK_NEAR(dur("5 parsecs"), -1, 0);
	CHECK_NEAR(dur("5m"), -1, 0);
	CHECK_NEAR(dur("1h 30"), -1, 0);
	CHECK_NEAR(dur(""), -1, 0);
	CHECK_NEAR(dur("h"), -1, 0);
	CHECK_NEAR(dur("nan"), -1, 0);
	CHECK_NEAR(dur("inf min"), -1, 0);
	CHECK_NEAR(dur("1e308min"), -1, 0);
	CHECK_NEAR(dur("1000000w"), -1, 0);
	CHECK_NEAR(dur("15min,"), -1, 0);
	CHECK(unit_parse_duration("abc", &v, &why) == -1);
	CHECK_HAS(why, "expected a duration like 15min, 4h, 2d or 1w");
	CHECK(unit_parse_duration("-5min", &v, &why) == -1);
	CHECK_HAS(why, "negative");
	/* A duration is one value: each unit once, largest first. */
	CHECK_NEAR(dur("1h 1h 1h"), -1, 0);
	CHECK_NEAR(dur("30min 1h"), -1, 0);
	CHECK_NEAR(dur("1min 1min"), -1, 0);
	CHECK_NEAR(dur("1w 2d 3h 4min 5s"), 10080 + 2880 + 180 + 4 + 5.0 / 60, 1e-12);
	CHECK(unit_parse_duration("1h 1h 1h", &v, &why) == -1);
	CHECK_HAS(why, "a duration is one value");
}

/* What the formatters print reads back to the very same double, however
 * awkward the value (a rounded unit form would change it). */
static void
test_format_exact(void)
{
	static const double durs[] = { 1e-300, 1e-9, 1e-7, 0.1, 1.0 / 3, 2.0 / 3, 0.1 + 0.2,
		20.0 / 60, 1439.9999999, 1440 + 1e-9, 59.999999999999, 1e-5, 123456.789e-3,
		UNIT_MAX_MINUTES, 10080 * 3 + 1e-10, 4.9e-324, 1e6 + 1.0 / 60 };
	static const double nums[] = { 0.1 + 0.2, 1.0 / 3, 1e-300, 123456789.123456789,
		-2.5e-7, 1e12, 0.9, 5e-324 };
	const char *why;
	char buf[128];
	double v;
	size_t i;

	for (i = 0; i < sizeof durs / sizeof durs[0]; i++) {
		unit_format_duration(durs[i], buf, sizeof buf);
		CHECK(unit_parse_duration(buf, &v, &why) == 0 && v == durs[i]);
	}
	unit_format_duration(1e-300, buf, sizeof buf);
	CHECK_STR(buf, "1e-300min");
	unit_format_duration(1e-9, buf, sizeof buf);
	CHECK_STR(buf, "1e-09min");
	unit_format_duration(2880, buf, sizeof buf);
	CHECK_STR(buf, "2d");
	for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		unit_format_number(nums[i], buf, sizeof buf);
		CHECK(strtod(buf, NULL) == nums[i]);
	}
	unit_format_number(0.9, buf, sizeof buf);
	CHECK_STR(buf, "0.9");
}

/* UTF-8 that XML can carry is accepted; everything else is found and named. */
static void
test_utf8(void)
{
	static const struct {
		const char *text;
		size_t off;
		const char *why;
	} bad[] = {
		{ "Caf\xe9", 3, "not UTF-8" },
		{ "Caf\xe9 au lait", 3, "not UTF-8" },
		{ "x\xed\xa0\x80", 1, "surrogate" },
		{ "x\xed\xbf\xbf", 1, "surrogate" },
		{ "\xef\xbf\xbf", 0, "U+FFFE or U+FFFF" },
		{ "ab\xef\xbf\xbe", 2, "U+FFFE or U+FFFF" },
		{ "\xc0\xaf", 0, "overlong" },
		{ "\xe0\x80\xaf", 0, "overlong" },
		{ "\xf0\x80\x80\xaf", 0, "overlong" },
		{ "\xf4\x90\x80\x80", 0, "above U+10FFFF" },
		{ "\xf5\x80\x80\x80", 0, "not UTF-8" },
		{ "a\x01", 1, "control" },
		{ "a\x7f", 1, "control" },
		{ "a\xc2\x85", 1, "control" },
		{ "a\rb", 1, "control" },
		{ "\x80", 0, "not UTF-8" },
		{ "\xe2\x82", 0, "not UTF-8" },
	};
	const char *why;
	size_t off, i;

	CHECK(utf8_check("plain\ttext", 10, 0, &off, &why) == 0);
	CHECK(utf8_check("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbd", 18, 0,
	    &off, &why) == 0);
	CHECK(utf8_check("a\nb\r\nc", 6, 1, &off, &why) == 0);
	CHECK(utf8_check("a\nb", 3, 0, &off, &why) == -1 && off == 1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		off = 99;
		CHECK(utf8_check(bad[i].text, strlen(bad[i].text), 1, &off, &why) == -1);
		CHECK(off == bad[i].off);
		CHECK_HAS(why, bad[i].why);
	}
	/* Cutting to fit never splits a character. */
	CHECK(utf8_fit("abc", 5) == 3);
	CHECK(utf8_fit("ab\xc3\xa9", 3) == 2);
	CHECK(utf8_fit("ab\xc3\xa9", 4) == 4);
	CHECK(utf8_fit("a\xe2\x82\xac" "b", 3) == 1);
	CHECK(utf8_fit("a\xe2\x82\xac" "b", 4) == 4);
	CHECK(utf8_fit("\xf0\x9f\x98\x80", 2) == 0);
	/* A buffer already cut loses the character cut short, and only that. */
	CHECK(utf8_complete("ab", 2) == 2);
	CHECK(utf8_complete("ab\xc3", 3) == 2);
	CHECK(utf8_complete("ab\xc3\xa9", 4) == 4);
	CHECK(utf8_complete("a\xe2\x82", 3) == 1);
	CHECK(utf8_complete("a\xf0\x9f\x98\x80", 5) == 5);
	CHECK(utf8_complete("\xf0\x9f\x98", 3) == 0);
	CHECK(utf8_complete("", 0) == 0);
	/* Width counts characters. */
	CHECK(utf8_length("Caf\xc3\xa9 \xe2\x82\xac") == 6);
	CHECK(utf8_length("") == 0);
}

/* Durations for people: one form at every magnitude, never h:mm (which reads
 * like a clock time: "12:00" for a 12-hour target). */
static void
test_format_readable(void)
{
	static const struct { double min; const char *want; } cases[] = {
		{ 20.0 / 60, "20 s" }, { 0, "0 s" }, { 4.5, "4.5 min" }, { 5, "5 min" },
		{ 45, "45 min" }, { 59.4, "59 min" }, { 118, "1 h 58 min" }, { 720, "12 h" },
		{ 1439.6, "1 d" }, { 1440, "1 d" }, { 2520, "1 d 18 h" }, { 2880, "2 d" },
		{ 10080, "7 d" }, { -45, "-45 min" }, { NAN, "-" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unit_format_readable(cases[i].min, buf, sizeof buf);
		CHECK_STR(buf, cases[i].want);
	}
}

/* Formatting durations reads back to the same value. */
static void
test_format_duration(void)
{
	static const double cases[] = { 15, 240, 2880, 10080, 90, 3060, 1.5, 0.5, 4.25,
		0, 20160, 100000, 1e-3, 61 };
	char buf[64];
	size_t i;

	unit_format_duration(15, buf, sizeof buf);
	CHECK_STR(buf, "15min");
	unit_format_duration(240, buf, sizeof buf);
	CHECK_STR(buf, "4h");
	unit_format_duration(2880, buf, sizeof buf);
	CHECK_STR(buf, "2d");
	unit_format_duration(10080, buf, sizeof buf);
	CHECK_STR(buf, "1w");
	unit_format_duration(90, buf, sizeof buf);
	CHECK_STR(buf, "1h 30min");
	unit_format_duration(1.5, buf, sizeof buf);
	CHECK_STR(buf, "1min 30s");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unit_format_duration(cases[i], buf, sizeof buf);
		CHECK_NEAR(dur(buf), cases[i], 1e-9 * (1 + cases[i]));
	}
}

/* Rates in items per minute. */
static void
test_rates(void)
{
	CHECK_NEAR(rate("40/h"), 40.0 / 60, 1e-15);
	CHECK_NEAR(rate("300/d"), 300.0 / 1440, 1e-15);
	CHECK_NEAR(rate("1400/w"), 1400.0 / 10080, 1e-15);
	CHECK_NEAR(rate("2/min"), 2, 0);
	CHECK_NEAR(rate("8 / h"), 8.0 / 60, 1e-15);
	CHECK_NEAR(rate("0/h"), 0, 0);
	CHECK_NEAR(rate("-1/h"), -1, 0);
	CHECK_NEAR(rate("40"), -1, 0);
	CHECK_NEAR(rate("40/"), -1, 0);
	CHECK_NEAR(rate("40/fortnight"), -1, 0);
	CHECK_NEAR(rate("40/h extra"), -1, 0);
	CHECK_NEAR(rate("nan/h"), -1, 0);
	CHECK_NEAR(rate(""), -1, 0);
}

/* Clock times 00:00..24:00. */
static void
test_clock(void)
{
	CHECK(clk("08:00") == 480);
	CHECK(clk("8:30") == 510);
	CHECK(clk("00:00") == 0);
	CHECK(clk("24:00") == 1440);
	CHECK(clk("23:59") == 1439);
	CHECK(clk("25:00") == -1);
	CHECK(clk("24:01") == -1);
	CHECK(clk("12:60") == -1);
	CHECK(clk("12:5") == -1);
	CHECK(clk("123:00") == -1);
	CHECK(clk("noon") == -1);
	CHECK(clk("") == -1);
	CHECK(clk("08:00x") == -1);
}

/* Days: names, ranges (wrapping), lists, all. */
static void
test_days(void)
{
	char buf[64];

	CHECK(days("mon-fri") == 0x1f);
	CHECK(days("mon,wed,fri") == 0x15);
	CHECK(days("mon, wed, fri") == 0x15);
	CHECK(days("sat-sun") == 0x60);
	CHECK(days("all") == 0x7f);
	CHECK(days("fri-mon") == (0x10 | 0x20 | 0x40 | 0x01));
	CHECK(days("Monday") == 0x01);
	CHECK(days("sun") == 0x40);
	CHECK(days("mon-") == 0xffff);
	CHECK(days("-fri") == 0xffff);
	CHECK(days("mon fri") == 0xffff);
	CHECK(days("mon,") == 0xffff);
	CHECK(days("funday") == 0xffff);
	CHECK(days("") == 0xffff);
	unit_format_days(0x1f, buf, sizeof buf);
	CHECK_STR(buf, "mon-fri");
	unit_format_days(0x15, buf, sizeof buf);
	CHECK_STR(buf, "mon,wed,fri");
	unit_format_days(0x7f, buf, sizeof buf);
	CHECK_STR(buf, "all");
	unit_format_days(0x71, buf, sizeof buf);
	CHECK_STR(buf, "mon,fri-sun");
	CHECK(days(buf) == 0x71);
}

/* Targets, shares and booleans. */
static void
test_targets(void)
{
	const char *why;
	double s, w;
	int b;

	CHECK(unit_parse_target("90% <= 48h", &s, &w, &why) == 0);
	CHECK_NEAR(s, 0.9, 1e-15);
	CHECK_NEAR(w, 2880, 0);
	CHECK(unit_parse_target("0.9<=48h", &s, &w, &why) == 0);
	CHECK_NEAR(s, 0.9, 1e-15);
	CHECK(unit_parse_target("95 % <= 30 min", &s, &w, &why) == 0);
	CHECK_NEAR(w, 30, 0);
	CHECK(unit_parse_target("90% < 48h", &s, &w, &why) == -1);
	CHECK(unit_parse_target("190% <= 48h", &s, &w, &why) == -1);
	CHECK(unit_parse_target("<= 48h", &s, &w, &why) == -1);
	CHECK(unit_parse_target("90% <= ", &s, &w, &why) == -1);
	CHECK(unit_parse_target("90% <= -1h", &s, &w, &why) == -1);

	CHECK_NEAR(share("1%"), 0.01, 1e-15);
	CHECK_NEAR(share("0.01"), 0.01, 0);
	CHECK_NEAR(share("100%"), 1, 0);
	CHECK_NEAR(share("0"), 0, 0);
	CHECK_NEAR(share("1.5"), -1, 0);
	CHECK_NEAR(share("-1%"), -1, 0);
	CHECK_NEAR(share("101%"), -1, 0);
	CHECK_NEAR(share("%"), -1, 0);
	CHECK_NEAR(share("nan"), -1, 0);
	/* A fraction (volume_cv): a share's syntax without its range. */
	CHECK(unit_parse_fraction("300%", &s, &why) == 0 && s == 3);
	CHECK(unit_parse_fraction(" 15 % ", &s, &why) == 0 && fabs(s - 0.15) < 1e-15);
	CHECK(unit_parse_fraction("-0.5", &s, &why) == 0 && s == -0.5);
	CHECK(unit_parse_fraction("15x", &s, &why) == -1);
	CHECK(unit_parse_fraction("", &s, &why) == -1);
	CHECK(unit_parse_fraction("nan", &s, &why) == -1);

	CHECK(unit_parse_bool("yes", &b, &why) == 0 && b == 1);
	CHECK(unit_parse_bool("No", &b, &why) == 0 && b == 0);
	CHECK(unit_parse_bool("true", &b, &why) == 0 && b == 1);
	CHECK(unit_parse_bool("off", &b, &why) == 0 && b == 0);
	CHECK(unit_parse_bool("1", &b, &why) == 0 && b == 1);
	CHECK(unit_parse_bool("0", &b, &why) == 0 && b == 0);
	CHECK(unit_parse_bool("maybe", &b, &why) == -1);
	CHECK(unit_parse_bool("yes please", &b, &why) == -1);
	CHECK(unit_parse_bool("", &b, &why) == -1);
}

/* Dates with real calendar validation. */
static void
test_dates(void)
{
	const char *why;
	long z;
	int wd, y, m, d;

	CHECK(unit_parse_date("1970-01-01", &z, &wd, &why) == 0 && z == 0 && wd == 3);
	CHECK(unit_parse_date("2027-01-04", &z, &wd, &why) == 0 && wd == 0);
	civil_date(z, &y, &m, &d);
	CHECK(y == 2027 && m == 1 && d == 4);
	CHECK(unit_parse_date("2024-02-29", &z, &wd, &why) == 0 && wd == 3);
	CHECK(unit_parse_date("2000-02-29", &z, &wd, &why) == 0);
	CHECK(unit_parse_date("1900-02-29", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-02-29", &z, &wd, &why) == -1);
	CHECK_HAS(why, "no such day");
	CHECK(unit_parse_date("2027-04-31", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-13-01", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-00-10", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-1-4", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-01-04x", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("", &z, &wd, &why) == -1);
	CHECK(unit_parse_date("2027-12-31", &z, &wd, &why) == 0);
	civil_date(z + 1, &y, &m, &d);
	CHECK(y == 2028 && m == 1 && d == 1);
}

/* Distributions: syntax, validation, moments and sampling. */
static void
test_dists(void)
{
	const char *why;
	struct dist d;
	gsl_rng *r;
	double sum, sum2, x, mn;
	char buf[128];
	int i, n = 200000;

	CHECK(dist("exp(6min)", 1, &d) == DIST_EXP);
	CHECK_NEAR(d.a, 6, 0);
	CHECK(dist("lognormal(6min,4min)", 1, &d) == DIST_LOGNORMAL);
	CHECK_NEAR(dist_mean(&d), 6, 0);
	CHECK_NEAR(dist_sd(&d), 4, 0);
	CHECK(dist("lognormal(1h, 30min)", 1, &d) == DIST_LOGNORMAL && d.a == 60 && d.b == 30);
	CHECK(dist("gamma(10,5)", 1, &d) == DIST_GAMMA);
	CHECK_NEAR(d.p1, 4, 1e-12);
	CHECK_NEAR(d.p2, 2.5, 1e-12);
	CHECK(dist("normal(138,18)", 0, &d) == DIST_NORMAL);
	CHECK(dist("normal(-5,2)", 0, &d) == DIST_NORMAL);
	CHECK(dist("beta(1,400)", 0, &d) == DIST_BETA);
	CHECK_NEAR(dist_mean(&d), 1.0 / 401, 1e-15);
	CHECK(dist("const(0.01)", 0, &d) == DIST_CONST);
	CHECK(dist("uniform(2min,4min)", 1, &d) == DIST_UNIFORM);
	CHECK(dist("lognormal(6min,0)", 1, &d) == DIST_LOGNORMAL);

	CHECK(dist("beta(1)", 0, &d) == -1);
	CHECK(dist_parse("beta(1)", 0, &d, &why) == -1);
	CHECK_HAS(why, "beta(A,B)");
	CHECK(dist_parse("lognormal(6min)", 1, &d, &why) == -1);
	CHECK_HAS(why, "lognormal(MEAN,SD)");
	CHECK(dist_parse("exp(0)", 1, &d, &why) == -1);
	CHECK_HAS(why, "positive");
	CHECK(dist("exp(-1min)", 1, &d) == -1);
	CHECK(dist("exp(6min", 1, &d) == -1);
	CHECK(dist("exp(6min) x", 1, &d) == -1);
	CHECK(dist("exp()", 1, &d) == -1);
	CHECK(dist("exp(6min,2)", 1, &d) == -1);
	CHECK(dist("weibull(1,2)", 1, &d) == -1);
	CHECK(dist("lognormal(6min,-1)", 1, &d) == -1);
	CHECK(dist("lognormal(,4min)", 1, &d) == -1);
	CHECK(dist("uniform(5,2)", 0, &d) == -1);
	CHECK(dist("beta(0,1)", 0, &d) == -1);
	CHECK(dist("beta(1,2)", 1, &d) == -1);
	CHECK(dist("normal(138min,18)", 0, &d) == -1);
	CHECK(dist("exp(nan)", 0, &d) == -1);
	CHECK(dist("exp(inf)", 0, &d) == -1);
	CHECK(dist("exp(1e308)", 0, &d) == -1);
	CHECK(dist("", 1, &d) == -1);

	/* Printing reads back. */
	CHECK(dist("lognormal(6min,4min)", 1, &d) == DIST_LOGNORMAL);
	dist_format(&d, buf, sizeof buf);
	CHECK_STR(buf, "lognormal(6min,4min)");
	CHECK(dist("beta(1,400)", 0, &d) == DIST_BETA);
	dist_format(&d, buf, sizeof buf);
	CHECK_STR(buf, "beta(1,400)");
	CHECK(dist("exp(90min)", 1, &d) == DIST_EXP);
	dist_format(&d, buf, sizeof buf);
	CHECK_STR(buf, "exp(1h 30min)");
	CHECK(dist(buf, 1, &d) == DIST_EXP && d.a == 90);
	CHECK_STR(dist_kind_name(DIST_GAMMA), "gamma");

	/* Sample moments agree with dist_mean and dist_sd. */
	r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 42);
	{
		static const char *const specs[] = { "exp(6min)", "lognormal(6min,4min)",
			"gamma(10min,5min)", "uniform(2min,4min)", "normal(3min,4min)",
			"normal(10min,2min)", "const(5min)" };
		size_t k;

		for (k = 0; k < sizeof specs / sizeof specs[0]; k++) {
			CHECK(dist(specs[k], 1, &d) >= 0);
			sum = sum2 = 0;
			mn = 1e300;
			for (i = 0; i < n; i++) {
				x = dist_sample(&d, r);
				sum += x;
				sum2 += x * x;
				if (x < mn)
					mn = x;
			}
			CHECK(mn >= 0);   /* times are never negative */
			CHECK_NEAR(sum / n, dist_mean(&d), 0.02 * dist_mean(&d) + 1e-9);
			CHECK_NEAR(sqrt(sum2 / n - (sum / n) * (sum / n)), dist_sd(&d),
			    0.03 * dist_sd(&d) + 1e-6);
		}
	}
	/* Truncated normal: mean above the untruncated mean, P(X > 0) = 1. */
	CHECK(dist("normal(3min,4min)", 1, &d) == DIST_NORMAL);
	CHECK(dist_mean(&d) > 3);
	CHECK_NEAR(dist_sf(&d, 0), 1, 0);
	CHECK(dist("beta(2,5)", 0, &d) == DIST_BETA);
	sum = 0;
	for (i = 0; i < n; i++)
		sum += dist_sample(&d, r) > 0.3;
	CHECK_NEAR(sum / n, dist_sf(&d, 0.3), 0.005);
	CHECK(dist("lognormal(6min,4min)", 1, &d) == DIST_LOGNORMAL);
	sum = 0;
	for (i = 0; i < n; i++)
		sum += dist_sample(&d, r) > 10;
	CHECK_NEAR(sum / n, dist_sf(&d, 10), 0.005);
	CHECK(dist("exp(6min)", 1, &d) == DIST_EXP);
	CHECK_NEAR(dist_sf(&d, 6), exp(-1), 1e-15);
	CHECK(dist("gamma(10,0)", 1, &d) == DIST_GAMMA);
	CHECK_NEAR(dist_sample(&d, r), 10, 0);
	CHECK_NEAR(dist_sf(&d, 9.9), 1, 0);
	CHECK_NEAR(dist_sf(&d, 10), 0, 0);
	CHECK(dist("uniform(2,4)", 0, &d) == DIST_UNIFORM);
	CHECK_NEAR(dist_sf(&d, 3.5), 0.25, 1e-15);
	gsl_rng_free(r);
}

/* Run every test; exit 1 if any check failed. */
/* An error message is one line of whole UTF-8 characters (err.c), whatever
 * text went into it and wherever its buffer cut it. */
static void
test_err_one_line(void)
{
	struct cq_err e;
	char big[2 * CQ_ERR_MSG], path[600];
	size_t i, n, off;
	const char *why;

	cq_err_set(&e, CQ_EXIT_USAGE, "a\nb.ini", 0, "malformed schema (run) - \"x\n  y\tz\"");
	CHECK(strchr(e.msg, '\n') == NULL && strchr(e.msg, '\t') == NULL);
	CHECK(strchr(e.file, '\n') == NULL);
	for (i = 0; i + 2 < sizeof big; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);   /* e-acute, two bytes each */
	big[i] = '\0';
	for (n = 1; n < 4; n++) {           /* cut at every offset of a character */
		cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "%.*s%s", (int)n, "xyz", big);
		CHECK(utf8_check(e.msg, strlen(e.msg), 0, &off, &why) == 0);
	}
	for (i = 0; i + 2 < sizeof path; i += 2)
		memcpy(path + i, "\xc3\xa9", 2);
	path[i] = '\0';
	cq_err_set(&e, CQ_EXIT_FAIL, path, 0, "x");
	CHECK(utf8_check(e.file, strlen(e.file), 0, &off, &why) == 0);
	cq_err_set(&e, CQ_EXIT_FAIL, path + 2, 0, "x");
	CHECK(utf8_check(e.file, strlen(e.file), 0, &off, &why) == 0);
}

/* triangular and empirical: validation, moments, tail and the inverse rule. */
static void
test_dists_new(void)
{
	static double xs[] = { 1, 3, 4, 8, 20 };
	struct dist_emp e;
	struct dist d, de;
	const char *why;
	gsl_rng *r;
	double u, sum = 0, x;
	char buf[128];
	int i, n = 400000;

	CHECK(dist("triangular(2min,6min,13min)", 1, &d) == DIST_TRIANGULAR);
	CHECK_NEAR(dist_mean(&d), 7, 1e-12);
	/* var = (a2+b2+c2-ab-ac-bc)/18 = (4+36+169-12-26-78)/18 = 93/18 */
	CHECK_NEAR(dist_sd(&d), sqrt(93.0 / 18.0), 1e-12);
	CHECK_NEAR(dist_sf(&d, 6), 1 - 16.0 / 44.0, 1e-12);  /* F(mode) = (b-a)/(c-a) */
	CHECK_NEAR(dist_sf(&d, 10), 9.0 / 77.0, 1e-12);      /* (c-x)^2/((c-a)(c-b)) */
	CHECK_NEAR(dist_inverse(&d, 4.0 / 11.0), 6, 1e-12);
	for (i = 1; i < 10; i++)
		CHECK_NEAR(dist_sf(&d, dist_inverse(&d, i / 10.0)), 1 - i / 10.0, 1e-12);
	dist_format(&d, buf, sizeof buf);
	CHECK_STR(buf, "triangular(2min,6min,13min)");
	CHECK(dist("triangular(0,0,5)", 0, &d) == DIST_TRIANGULAR);  /* MIN = MODE */
	CHECK(dist("triangular(0,5,5)", 0, &d) == DIST_TRIANGULAR);  /* MODE = MAX */
	CHECK(dist_parse("triangular(5,2,9)", 0, &d, &why) == -1);
	CHECK_HAS(why, "MIN <= MODE <= MAX");
	CHECK(dist_parse("triangular(3,3,3)", 0, &d, &why) == -1);
	CHECK_HAS(why, "MIN < MAX");
	CHECK(dist_parse("triangular(1,2)", 0, &d, &why) == -1);
	CHECK_HAS(why, "triangular(MIN,MODE,MAX)");
	CHECK(dist("triangular(1,2,3,4)", 0, &d) == -1);
	CHECK(dist("triangular(-1min,2min,3min)", 1, &d) == -1);
	CHECK(dist("triangular(-1,2,3)", 0, &d) == DIST_TRIANGULAR);
	CHECK(dist_parse("empirical(x.csv)", 1, &d, &why) == -1);  /* no file context */

	/* Empirical, values 1 3 4 8 20: the inverse at u is position 4u between
	 * order statistics; the mean averages the gaps' midpoints 2, 3.5, 6, 14. */
	memset(&e, 0, sizeof e);
	e.x = xs;
	e.n = 5;
	e.mean = 6.375;
	memset(&de, 0, sizeof de);
	de.kind = DIST_EMPIRICAL;
	de.is_time = 1;
	de.emp = &e;
	CHECK_NEAR(dist_inverse(&de, 0.0), 1, 0);
	CHECK_NEAR(dist_inverse(&de, 0.125), 2, 1e-12);   /* halfway from 1 to 3 */
	CHECK_NEAR(dist_inverse(&de, 0.5), 4, 1e-12);     /* x_3 exactly */
	CHECK_NEAR(dist_inverse(&de, 0.9), 15.2, 1e-12);  /* 8 + 0.6 * 12 */
	CHECK_NEAR(dist_inverse(&de, 0.999999), 20, 1e-4);
	for (i = 0; i < 20; i++) {
		u = i / 20.0;
		CHECK_NEAR(dist_emp_sf(&e, dist_inverse(&de, u)), 1 - u, 1e-12);
	}
	CHECK_NEAR(dist_emp_sf(&e, 0.5), 1, 0);
	CHECK_NEAR(dist_emp_sf(&e, 20), 0, 0);
	/* Draws: their mean is 6.375 within 4 SE (SD about 5.2, n = 400000). */
	r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 7);
	for (i = 0; i < n; i++) {
		x = dist_sample(&de, r);
		CHECK(x >= 1 && x <= 20);
		sum += x;
	}
	CHECK_NEAR(sum / n, 6.375, 4 * 5.3 / sqrt(n));
	gsl_rng_free(r);
	e.n = 1;     /* one value: a constant */
	CHECK_NEAR(dist_inverse(&de, 0.7), 1, 0);
	CHECK_NEAR(dist_emp_sf(&e, 0.5), 1, 0);
	CHECK_NEAR(dist_emp_sf(&e, 1), 0, 0);
}

/* Values by day: "mon 4, tue-thu 3, fri 2", its forms and its errors; the
 * compact form reads back. */
static void
test_day_ints(void)
{
	static const char *const bad[] = { "", "mon", "4 mon", "mon 4,", "mon 4,, tue 3",
	    "mon- 3", "mon x", "mon 4 5", "mon 2.5" };
	long v[WEEK_DAYS];
	int w[WEEK_DAYS] = { 4, 3, 3, 3, 2, 0, 0 }, twice, d;
	unsigned given;
	const char *why;
	char buf[128];
	size_t i;

	CHECK(unit_parse_day_ints("mon 4, tue-thu 3, fri 2", 0, 10, v, &given, &twice, &why) == 0);
	CHECK(given == 0x1f && v[0] == 4 && v[1] == 3 && v[3] == 3 && v[4] == 2);
	/* Blanks for commas, a day list sharing the next number, names in full. */
	CHECK(unit_parse_day_ints(" Monday 4 tue,wed - thu 3 fri 2 ", 0, 10, v, &given, &twice,
	    &why) == 0);
	CHECK(given == 0x1f && v[0] == 4 && v[2] == 3 && v[4] == 2);
	CHECK(unit_parse_day_ints("weekdays 1, sat-sun 0", 0, 10, v, &given, &twice, &why) == 0);
	CHECK(given == 0x7f && v[4] == 1 && v[5] == 0);
	CHECK(unit_parse_day_ints("fri-mon 2", 0, 10, v, &given, &twice, &why) == 0);
	CHECK(given == 0x71);
	CHECK(unit_parse_day_ints("mon 4, tue-thu 3, wed 2", 0, 10, v, &given, &twice, &why) != 0);
	CHECK(twice == 2);
	CHECK(unit_parse_day_ints("mon 11", 0, 10, v, &given, &twice, &why) != 0 && twice < 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		CHECK(unit_parse_day_ints(bad[i], 0, 10, v, &given, &twice, &why) != 0);
		CHECK(why != NULL && twice < 0);
	}
	unit_format_day_ints(w, 0x1f, buf, sizeof buf);
	CHECK_STR(buf, "mon 4, tue-thu 3, fri 2");
	CHECK(unit_parse_day_ints(buf, 0, 10, v, &given, &twice, &why) == 0 && given == 0x1f);
	for (d = 0; d < 5; d++)
		CHECK(v[d] == w[d]);
	unit_format_day_ints(w, 0x71, buf, sizeof buf);
	CHECK_STR(buf, "mon 4, fri 2, sat-sun 0");
}

int
main(void)
{
	test_numbers();
	test_durations();
	test_format_duration();
	test_format_readable();
	test_format_exact();
	test_utf8();
	test_rates();
	test_clock();
	test_days();
	test_day_ints();
	test_targets();
	test_dates();
	test_dists();
	test_dists_new();
	test_err_one_line();
	CHECK_DONE();
}
