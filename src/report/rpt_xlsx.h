/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx.h — what a command needs to add its own sheet to the workbook
 * (optimize: Optimization, sweep: Sweep) so that it looks like the others:
 * the workbook being written, its shared formats, and cell writers that size
 * the columns to fit and remember the first libxlsxwriter error.
 *
 * An extra sheet is a struct rpt_xlsx_extra passed to rpt_xlsx_ext() (rpt.h);
 * its add() callback is called once, after the Summary sheet, and returns 0 or
 * -1 with err set.  Everything here belongs to the workbook: callers free nothing.
 */
#ifndef CQ_RPT_XLSX_H
#define CQ_RPT_XLSX_H

#include <xlsxwriter.h>

#include "rpt.h"

#define RPT_XLSX_MAX_SHEETS 16
#define RPT_XLSX_MAX_COLS 256

/* The shared cell formats. */
/* A duration's number format: minutes under an hour ("8 min"), else hours
 * and minutes ("16 h 08 min") with their units, never a clock time's "16:08".
 * The bound is a hair under 1/24 so that exactly an hour reads "1 h 00 min". */
#define RPT_XLSX_DUR_FORMAT "[<0.04166666666666][m]\" min\";[h]\" h \"mm\" min\""

enum rpt_xf {
	RPT_XF_TITLE,     /* the sheet's title in A1 */
	RPT_XF_SECTION,   /* a section heading */
	RPT_XF_NOTE,      /* grey explanatory text */
	RPT_XF_HEAD,      /* a table's column header: bold, wrapped, shaded */
	RPT_XF_LABEL,     /* a row label (bold) */
	RPT_XF_TEXT,
	RPT_XF_WRAP,      /* text that wraps within merged cells */
	RPT_XF_INT,       /* #,##0 */
	RPT_XF_NUM1,      /* #,##0.0 */
	RPT_XF_NUM2,      /* 0.00 */
	RPT_XF_PCT,       /* 0.0% */
	RPT_XF_DUR,       /* a duration, "16 h 08 min" (value in days) */
	RPT_XF_CLOCK,     /* [h]:mm, a time of day (24:00 allowed) */
	RPT_XF_DATE,      /* yyyy-mm-dd */
	RPT_XF_MONEY,     /* #,##0 "EUR" (the scenario's currency, when it has one) */
	RPT_XF_MONEY2,    /* #,##0.00 "EUR": a rate (cost per hour) */
	RPT_XF_VALUE_INT, /* left-aligned, for label: value lists */
	RPT_XF_VALUE_DATE,
	RPT_XF_VALUE_SEED,
	RPT_XF_GOOD,      /* verdicts: green, amber, red */
	RPT_XF_AMBER,
	RPT_XF_BAD,
	RPT_XF_NO_VERDICT, /* grey, centred: "no target", "n/a" */
	RPT_XF_PCT_AMBER, /* a share against its target: on average, missed */
	RPT_XF_PCT_BAD,
	RPT_XF_CHANGE,    /* +#,##0 / -#,##0: a difference (of cost, of staff) */
	RPT_XF_TOTAL_LABEL,
	RPT_XF_TOTAL_INT,
	RPT_XF_TOTAL_NUM1,
	RPT_XF_TOTAL_PCT,
	RPT_XF_TOTAL_MONEY,
	RPT_XF_TOTAL_CHANGE,
	RPT_XF_N
};

/* A sheet being written and the width each column needs. */
struct rpt_xsheet {
	struct rpt_xlsx *x;
	lxw_worksheet *ws;
	char name[32];
	double width[RPT_XLSX_MAX_COLS];
};

/* The workbook being written. */
struct rpt_xlsx {
	lxw_workbook *wb;
	const struct scn *scn;
	const struct meas *m;     /* NULL when only extra sheets are written */
	const int *staff;         /* the roster m is of (optimize), NULL: as written */
	int feasible;             /* staff meets every target (else the best found) */
	const char *const *why;   /* not feasible: why, and what would help */
	int nwhy;
	lxw_format *f[RPT_XF_N];
	lxw_format *dur_days[32]; /* "N d h h mm min" for 1..31 days, made on demand */
	lxw_format *grid_int, *grid_frac, *dash, *clock_next;
	lxw_error lerr;           /* the first libxlsxwriter error, LXW_NO_ERROR if none */
	const char *lwhat;        /* what was being done when it happened */
	int nsheets;
	struct rpt_xsheet sheets[RPT_XLSX_MAX_SHEETS];
	struct rpt_xnote *notes;  /* written last, when the columns' widths are known */
	int nnotes, cnotes;
};

/* Add a sheet with the shared page setup (landscape, one page wide, header and
 * footer) and title in A1.  NULL on failure (x->lerr is set). */
struct rpt_xsheet *rpt_xlsx_sheet(struct rpt_xlsx *x, const char *name,
    const char *title);
/* Cell writers.  Non-finite numbers are written as an en dash.  Columns widen
 * to fit what is written, except through rpt_xlsx_note. */
void rpt_xlsx_str(struct rpt_xsheet *sh, int row, int col, const char *s, enum rpt_xf f);
void rpt_xlsx_num(struct rpt_xsheet *sh, int row, int col, double v, enum rpt_xf f);
/* A verdict in words (rpt_verdict_word: "met", "met on average", "missed",
 * "n/a"; "no target" without one), coloured. */
void rpt_xlsx_verdict(struct rpt_xsheet *sh, int row, int col, enum meas_met met);
/* An attained share coloured by its verdict (amber on average, red missed);
 * "n/a" when there is no verdict for want of items. */
void rpt_xlsx_attained(struct rpt_xsheet *sh, int row, int col, double share,
    enum meas_met met);
/* A duration in minutes, shown as h:mm, or "N d h:mm" past a day. */
void rpt_xlsx_dur(struct rpt_xsheet *sh, int row, int col, double minutes);
/* A formula whose value is known (so readers that do not compute see it). */
void rpt_xlsx_formula(struct rpt_xsheet *sh, int row, int col, const char *formula,
    double value, enum rpt_xf f);
/* Text over columns col0..col1 (merged and wrapped when col1 > col0); the row
 * grows to show it all.  Does not widen columns. */
void rpt_xlsx_note(struct rpt_xsheet *sh, int row, int col0, int col1, const char *s,
    enum rpt_xf f);
/* A table's header row: the row is made tall enough for wrapped names. */
void rpt_xlsx_head(struct rpt_xsheet *sh, int row, int col, const char *const *names,
    int n);
/* Week grids (rpt_xlsx_grid.c).  Colour a 7 x 24 grid whose cells start at
 * (row, col): white at 0 to max_color at max (1 when max is 0).  `what`
 * names it in an error. */
void rpt_xlsx_grid_scale(struct rpt_xsheet *sh, int row, int col, double max,
    lxw_color_t max_color, const char *what);
/* Persons on call in a grid cell, never read as persons on site: "1 on
 * call", "2 + 1 on call", in the format rpt_xlsx_on_call_format makes (light
 * blue, italic). */
lxw_format *rpt_xlsx_on_call_format(struct rpt_xlsx *x);
void rpt_xlsx_on_call_cell(struct rpt_xsheet *sh, int row, int col, double site,
    double call, lxw_format *f);
/* At least this width for a column (characters). */
void rpt_xlsx_width(struct rpt_xsheet *sh, int col, double w);
/* Record a libxlsxwriter status: keeps the first error. */
void rpt_xlsx_check(struct rpt_xlsx *x, lxw_error e, const char *what);

#endif
