/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile.c — log profiles (data/log_profile*.c): the loader's defaults
 * and keys, the format parser (two-digit years, unpadded fields, AM/PM), and
 * rows read through a profile: separators, joined date and time, units, code
 * maps, skipped rows counted by reason, quoted fields. */
#include <stdlib.h>

#include "civil.h"
#include "check.h"
#include "err.h"
#include "data/log.h"
#include "data/log_profile.h"

static struct log_profile *
load(const char *text, struct cq_err *err)
{
	struct log_profile *pr;

	memset(err, 0, sizeof *err);
	if (log_profile_parse("p.ini", text, strlen(text), &pr, err) != 0)
		return NULL;
	return pr;
}

static void
test_loader(void)
{
	struct log_profile *pr;
	struct cq_err err;

	pr = load("[columns]\narrived_at = when\n", &err);
	CHECK(pr != NULL);
	if (pr != NULL) {
		CHECK(pr->sep == ',');
		CHECK_STR(pr->src[PC_ARRIVED][0], "when");
		CHECK_STR(pr->src[PC_ARRIVED][1], "");
		CHECK_STR(pr->date_fmt.s, "%Y-%m-%d");
		CHECK_STR(pr->time_fmt.s, "%H:%M:%S");
		CHECK_STR(pr->stamp_fmt.s, "");
		CHECK(pr->unit[PC_SERVICE] == PU_MINUTES);
	}
	log_profile_free(pr);
	pr = load("\xef\xbb\xbf; a comment\n[export]\nseparator = semicolon ; inline\n"
	    "[columns]\narrived_at = Received Date + Received Time\n"
	    "started_at = Received Date + Opened\n[units]\nwait_min = hours\n"
	    "[columns]\n", &err);
	CHECK(pr == NULL);
	CHECK(err.line == 9);
	CHECK_HAS(err.msg, "section [columns] twice (first at line 4)");
	pr = load("[export]\nseparator = semicolon ; inline\n"
	    "[columns]\narrived_at = Received Date + Received Time\n"
	    "started_at = Received Date + Opened\nwait_min = w\noutcome = o\n"
	    "[units]\nwait_min = hours\n[outcome]\nSeen by MD = served\n", &err);
	CHECK(pr != NULL);
	if (pr != NULL) {
		CHECK(pr->sep == ';');
		CHECK_STR(pr->src[PC_ARRIVED][0], "Received Date");
		CHECK_STR(pr->src[PC_ARRIVED][1], "Received Time");
		CHECK_STR(pr->src[PC_STARTED][0], "Received Date");   /* a date shared */
		CHECK(pr->unit[PC_WAIT] == PU_HOURS);
		CHECK(pr->outcome.n == 1);
		CHECK_STR(pr->outcome.e[0].code, "Seen by MD");
		CHECK(pr->outcome.e[0].to == PT_SERVED);
	}
	log_profile_free(pr);
	pr = load("[columns]\narrived_at = at\n[unit]\n", &err);
	CHECK(pr == NULL && err.line == 3 && err.code == CQ_EXIT_USAGE);
	CHECK_HAS(err.msg, "did you mean 'units'?");
}

static void
test_formats(void)
{
	struct prof_fmt f;
	const char *why;
	long d;
	double m;

	snprintf(f.s, sizeof f.s, "%%y%%m%%d");
	CHECK(prof_fmt_parse(&f, "990101", &d, &m, &why) == 0 && d == civil_days(1999, 1, 1));
	CHECK(prof_fmt_parse(&f, "680229", &d, &m, &why) == 0 && d == civil_days(2068, 2, 29));
	CHECK(prof_fmt_parse(&f, "690101", &d, &m, &why) == 0 && d == civil_days(1969, 1, 1));
	CHECK(prof_fmt_parse(&f, "000101", &d, &m, &why) == 0 && d == civil_days(2000, 1, 1));
	CHECK(prof_fmt_parse(&f, "990230", &d, &m, &why) != 0);
	CHECK_HAS(why, "no such date");
	snprintf(f.s, sizeof f.s, "%%m/%%d/%%y");
	CHECK(prof_fmt_parse(&f, "1/4/27", &d, &m, &why) == 0 && d == civil_days(2027, 1, 4));
	CHECK(prof_fmt_parse(&f, "01/04/27", &d, &m, &why) == 0 && d == civil_days(2027, 1, 4));
	CHECK(prof_fmt_parse(&f, "1/4/2027", &d, &m, &why) != 0);
	snprintf(f.s, sizeof f.s, "%%H:%%M:%%S");
	CHECK(prof_fmt_parse(&f, "0:00:31", &d, &m, &why) == 0);
	CHECK_NEAR(m, 31 / 60.0, 1e-12);
	CHECK(prof_fmt_parse(&f, "7:05:31", &d, &m, &why) == 0);
	CHECK_NEAR(m, 7 * 60 + 5 + 31 / 60.0, 1e-12);
	CHECK(prof_fmt_parse(&f, "24:00:00", &d, &m, &why) != 0);
	snprintf(f.s, sizeof f.s, "%%H:%%M %%p");
	CHECK(prof_fmt_parse(&f, "12:05 AM", &d, &m, &why) == 0 && m == 5);
	CHECK(prof_fmt_parse(&f, "12:05 pm", &d, &m, &why) == 0 && m == 12 * 60 + 5);
	CHECK(prof_fmt_parse(&f, "7:05  PM", &d, &m, &why) == 0 && m == 19 * 60 + 5);
	CHECK(prof_fmt_parse(&f, "0:05 AM", &d, &m, &why) != 0);
	snprintf(f.s, sizeof f.s, "%%Y-%%m-%%dT%%H%%M");
	CHECK(prof_fmt_parse(&f, "2027-01-04T0830", &d, &m, &why) == 0 &&
	    d == civil_days(2027, 1, 4) && m == 510);
	f.s[0] = '\0';   /* the canonical timestamp */
	CHECK(prof_fmt_parse(&f, "2027-01-04 08:30", &d, &m, &why) == 0 && m == 510);
	CHECK(prof_fmt_check("%y%m%d", 1, 0, &why) == 0);
	CHECK(prof_fmt_check("%H:%M", 0, 1, &why) == 0);
	CHECK(prof_fmt_check("%y%m", 1, 0, &why) != 0);
	CHECK(prof_fmt_check("%Y%y%m%d", 1, 0, &why) != 0);
	CHECK(prof_fmt_check("%H:%M %Z", 0, 1, &why) != 0);
	CHECK(prof_fmt_check("100%% %H:%M", 0, 1, &why) == 0);
}

struct rows {
	int n;
	long day[8];
	double minute[8], service[8], wait[8];
	int abandoned[8];
	char cls[8][LOG_MAX_NAME], agent[8][LOG_MAX_NAME];
	struct log_cols cols;
};

static int
on_header(void *ctx, const struct log_cols *c, struct cq_err *err)
{
	(void)err;
	((struct rows *)ctx)->cols = *c;
	return 0;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct rows *rs = ctx;

	(void)err;
	if (rs->n < 8) {
		rs->day[rs->n] = r->day;
		rs->minute[rs->n] = r->minute;
		rs->service[rs->n] = r->service;
		rs->wait[rs->n] = r->wait;
		rs->abandoned[rs->n] = r->abandoned;
		snprintf(rs->cls[rs->n], LOG_MAX_NAME, "%s", r->cls ? r->cls : "");
		snprintf(rs->agent[rs->n], LOG_MAX_NAME, "%s", r->agent ? r->agent : "-");
	}
	rs->n++;
	return 0;
}

static const char acd[] =
    "[export]\nseparator = tab\ndate_format = %y%m%d\ntime_format = %H:%M:%S\n"
    "[columns]\narrived_at = date + vru_entry\nclass = type\nservice_min = ser_time\n"
    "wait_min = q_time\noutcome = outcome\nagent = server\n"
    "[units]\nservice_min = seconds\nwait_min = seconds\n"
    "[outcome]\nAGENT = served\nHANG = abandoned\nPHANTOM = skip\n"
    "[class]\nPS = regular\nPE = regular\nTT = skip\n"
    "[agent]\nNO_SERVER = nobody\n"
    "[skip]\npriority = 9, 8\n";

static void
test_rows(void)
{
	struct log_profile *pr;
	struct cq_err err;
	struct rows rs;
	struct log_cb cb = { on_header, on_row, &rs, NULL };
	const char *log =
	    "vru+line\tpriority\ttype\tdate\tvru_entry\tq_time\toutcome\tser_time\tserver\n"
	    "AA01\t1\tPS\t990101\t0:00:31\t12\tAGENT\t90\tMORIAH\n"
	    "AA01\t1\tPE\t990101\t7:05:31\t30\tHANG\t0\tNO_SERVER\n"
	    "AA01\t1\tPS\t990101\t7:06:00\t0\tPHANTOM\t0\tNO_SERVER\n"
	    "AA01\t9\tPS\t990101\t7:07:00\t0\tAGENT\t5\tX\n"
	    "AA01\t8\tPS\t990101\t7:07:00\t0\tAGENT\t5\tX\n"
	    "AA01\t1\tTT\t990101\t7:08:00\t0\tAGENT\t5\tX\n"
	    "AA01\t1\tPS\t000101\t23:59:59\t\tAGENT\t\t\"A\tB\"\n";
	FILE *f;
	char buf[512];

	memset(&rs, 0, sizeof rs);
	CHECK((pr = load(acd, &err)) != NULL);
	if (pr == NULL)
		return;
	cb.profile = pr;
	CHECK(log_read_mem("calls.tsv", log, strlen(log), &cb, &err) == 0);
	CHECK(rs.n == 3);
	CHECK(rs.cols.has_class && rs.cols.has_outcome && rs.cols.has_agent);
	CHECK(!rs.cols.has_stream && !rs.cols.has_started);
	CHECK(rs.day[0] == civil_days(1999, 1, 1));
	CHECK_NEAR(rs.minute[0], 31 / 60.0, 1e-12);
	CHECK(rs.service[0] == 90 / 60.0 && rs.wait[0] == 12 / 60.0);
	CHECK_STR(rs.cls[0], "regular");
	CHECK_STR(rs.cls[1], "regular");
	CHECK_STR(rs.agent[0], "MORIAH");
	CHECK(rs.abandoned[1] == 1 && rs.abandoned[0] == 0);
	CHECK_STR(rs.agent[1], "-");   /* NO_SERVER is nobody */
	CHECK(rs.day[2] == civil_days(2000, 1, 1));
	CHECK(rs.service[2] == -1 && rs.wait[2] == -1);
	CHECK_STR(rs.agent[2], "A\tB");   /* a quoted field keeps its tab */
	CHECK(pr->skipped == 4);
	f = fmemopen(buf, sizeof buf, "w");
	log_profile_print_skips(pr, f);
	fclose(f);
	CHECK_STR(buf, "; 4 rows skipped by the profile p.ini: priority 9 1, priority 8 1, "
	    "outcome PHANTOM 1, type TT 1\n");
	/* A second read counts afresh. */
	memset(&rs, 0, sizeof rs);
	CHECK(log_read_mem("calls.tsv", log, strlen(log), &cb, &err) == 0);
	CHECK(rs.n == 3 && pr->skipped == 4);
	/* The canonical reader is untouched: without the profile the tabs are
	 * data, and arrived_at is missing. */
	cb.profile = NULL;
	CHECK(log_read_mem("calls.tsv", log, strlen(log), &cb, &err) != 0 && err.line == 1);
	CHECK_HAS(err.msg, "no 'arrived_at' column");
	log_profile_free(pr);
}

int
main(void)
{
	test_loader();
	test_formats();
	test_rows();
	CHECK_DONE();
}
