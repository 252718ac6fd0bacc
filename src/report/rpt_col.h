/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_col.h — a table described once, column by column.  A column says its
 * header in the workbook, its name in a CSV file (and the JSON), its header in
 * the text table, its cell format, how the value of a row is found, whether
 * and how it totals, and which chart draws it.  The workbook (rpt_xtable_*),
 * the CSV files (rpt_csv_table_*) and the text tables (rpt_text_table_*)
 * iterate over the same description, so that adding a column is one entry:
 *
 *     static const struct rpt_col cols[] = {
 *         { .head = "Role", .key = "role", .xf = RPT_XF_LABEL, .get = role_name },
 *         { .head = "Cost per week", .key = "cost_per_week", .xf = RPT_XF_MONEY,
 *           RPT_EST(struct meas_role, cost_per_week, RPT_MEAN),
 *           .total = RPT_TOTAL_SUM },
 *     };
 *     static const struct rpt_table roles = { cols, RPT_NCOLS(cols), role_record };
 *
 * as libxlsxwriter's lxw_table_column describes a worksheet table's columns.
 * A description is constant (a table with a column per class builds its
 * array on the stack); getters only read, and the text they give is borrowed
 * until the cell is written.  Nothing here allocates.
 */
#ifndef CQ_RPT_COL_H
#define CQ_RPT_COL_H

#include <stddef.h>
#include <stdio.h>

#include "rpt.h"
#include "rpt_xlsx.h"

/* Which figure of an estimate a column shows; RPT_GET: the column's get(). */
enum rpt_part { RPT_GET = 0, RPT_MEAN, RPT_LO, RPT_HI };

/* How a column totals in a total row (rpt_xtable_total). */
enum rpt_total {
	RPT_TOTAL_NONE,   /* a blank cell in the total style */
	RPT_TOTAL_SUM,    /* =SUM of the column (its value: total_value, or the sum) */
	RPT_TOTAL_MEAN,   /* the mean weighted by the RPT_COL_WEIGHT columns'
	                   * sum: =SUMPRODUCT(col, w1 + w2...)/SUM(w1, w2...) */
};

/* What a cell holds, as get() gives it. */
enum rpt_cell_kind {
	RPT_CELL_NONE,    /* nothing: the cell stays empty */
	RPT_CELL_NUM,     /* num, in format xf (RPT_XF_DUR: num minutes as a duration) */
	RPT_CELL_STR,     /* str */
	RPT_CELL_VERDICT, /* met, in words and coloured (CSV: its name, "" for none) */
	RPT_CELL_FMT,     /* num in the workbook's own format fmt, width at least width */
};

struct rpt_cell {
	enum rpt_cell_kind kind;
	enum rpt_xf xf;           /* set to the column's before get() */
	double num;
	const char *str;          /* may point into buf */
	enum meas_met met;
	lxw_format *fmt;
	double width;
	char buf[512];            /* room for text that get() makes */
};

/* Column flags. */
#define RPT_COL_WEIGHT 0x1u   /* weights the RPT_TOTAL_MEAN columns */
#define RPT_COL_NOCSV 0x2u    /* not in the CSV file (the JSON, measures.csv have it) */
#define RPT_COL_TARGET 0x4u   /* the figure its section's target is on */
#define RPT_COL_UNNAMED 0x8u  /* its chart series has no name */

struct rpt_table;
struct rpt_xtable;

struct rpt_col {
	const char *head;         /* workbook header (NULL: not in the workbook) */
	const char *key;          /* CSV column, JSON key (NULL: not in CSV); an
	                           * estimate is KEY_mean,KEY_lo,KEY_hi there */
	const char *text;         /* text table header (NULL: not there) */
	int tw, tprec;            /* text: width, and decimals (a share: a percentage) */
	enum rpt_xf xf;           /* workbook format; RPT_XF_PCT is a share everywhere */
	/* The value of row i: part of the struct est at byte est of the row's
	 * record (rpt_table.record), clamped to [0, top] when top > 0 ... */
	enum rpt_part part;
	size_t est;
	double top;
	/* ... or what get() says (arg is the column's own parameter). */
	void (*get)(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell);
	int arg;
	int (*only)(const void *ctx, int i);  /* rows that have a value (NULL: all) */
	unsigned when;            /* table modes that show it (0: every mode) */
	unsigned flags;           /* RPT_COL_* */
	enum rpt_total total;
	double (*total_value)(const struct rpt_xtable *t); /* a SUM's value, if not the sum */
	unsigned chart;           /* the charts (bits) that draw it as a series */
	const char *series;       /* its name there (NULL: its header cell, unless
	                           * RPT_COL_UNNAMED) */
	const char *labels;       /* number format of its data labels (NULL: none) */
	const char *group;        /* a heading merged over consecutive columns of one group */
	int span;                 /* columns it covers, merged (0: one) */
	const char *na;           /* RPT_CELL_VERDICT: the words for MEAS_MET_NA */
};

/* A column that shows part P of the struct est FIELD of record type T. */
#define RPT_EST(T, FIELD, P) .part = (P), .est = offsetof(T, FIELD)
#define RPT_NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Table flags. */
#define RPT_TABLE_HEAD_LINE 0x1u  /* headers on one line, not wrapped */

struct rpt_table {
	const struct rpt_col *cols;
	int ncols;
	/* Row i's record, where RPT_EST columns find their estimate (NULL: none). */
	const void *(*record)(const void *ctx, int i);
	int (*skip)(const void *ctx, int i);  /* rows left out (NULL: none) */
	unsigned flags;
};

/* Persons by weekday v on days as a cell: a number when all its days have
 * the same, else text by day ("mon 4, tue-thu 3, fri 2"). */
void rpt_cell_by_day(const int v[WEEK_DAYS], unsigned days, struct rpt_cell *cell);
/* The cell of column c in row i. */
void rpt_col_cell(const struct rpt_table *t, const struct rpt_col *c, const void *ctx,
    int i, struct rpt_cell *cell);
/* The estimate an RPT_EST column shows, or NULL for a get() column. */
const struct est *rpt_col_est(const struct rpt_table *t, const struct rpt_col *c,
    const void *ctx, int i);
/* The column headed head, or NULL. */
const struct rpt_col *rpt_col_find(const struct rpt_table *t, const char *head);
/* Whether c is a figure of the JSON and measures.csv: an estimate with a key. */
int rpt_col_figure(const struct rpt_col *c);

/* ---- the workbook (rpt_xlsx_table.c) -------------------------------------- */

/* A table being written on a sheet: the columns its mode shows, where they
 * are, the rows written and the sums its total row needs. */
struct rpt_xtable {
	struct rpt_xsheet *sh;
	const struct rpt_table *t;
	const void *ctx;
	int n;                    /* columns shown */
	int idx[RPT_XLSX_MAX_COLS];   /* each one's index in t->cols */
	int pos[RPT_XLSX_MAX_COLS];   /* its sheet column */
	int head, first, last;    /* header row; first and last rows written */
	int nrows;                /* rows of the source (some may be skipped) */
	double sum[RPT_XLSX_MAX_COLS], wsum[RPT_XLSX_MAX_COLS];
};

/* Start a table on sh at column col0 with the columns that mode shows. */
void rpt_xtable_init(struct rpt_xtable *xt, struct rpt_xsheet *sh,
    const struct rpt_table *t, const void *ctx, unsigned mode, int col0);
/* A row of group headings, merged over each run of one group. */
void rpt_xtable_groups(struct rpt_xtable *xt, int row);
/* The header row. */
void rpt_xtable_head(struct rpt_xtable *xt, int row);
/* Rows 0..n-1 of the source from sheet row row, row by row; returns the next row. */
int rpt_xtable_rows(struct rpt_xtable *xt, int row, int n);
/* The header and rows 0..n-1 column by column (a table whose columns are the
 * subjects: each column's cells follow its header); returns the next row. */
int rpt_xtable_by_column(struct rpt_xtable *xt, int row, int n);
/* The total row: label in the first column, each column's total. */
void rpt_xtable_total(struct rpt_xtable *xt, int row, const char *label);
/* The sheet column of the last column shown. */
int rpt_xtable_last_col(const struct rpt_xtable *xt);
/* The sheet column of column c, or -1 when it is not shown. */
int rpt_xtable_col(const struct rpt_xtable *xt, const struct rpt_col *c);
/* The sum of column c over the rows written (0 when not shown). */
double rpt_xtable_sum(const struct rpt_xtable *xt, const struct rpt_col *c);
/* Add to ch a series for each column shown whose chart has a bit of chart,
 * over the rows written, its categories the first column.  -1 on ENOMEM
 * (x->lerr set). */
int rpt_xtable_series(struct rpt_xtable *xt, lxw_chart *ch, unsigned chart);
/* The same for column c alone: its series, or NULL on ENOMEM (x->lerr set)
 * or when c is not shown. */
lxw_chart_series *rpt_xtable_series_of(struct rpt_xtable *xt, lxw_chart *ch,
    const struct rpt_col *c);

/* ---- CSV (rpt_csv.c) and text (rpt_text.c) --------------------------------- */

/* The header line of the columns that have a key (and no RPT_COL_NOCSV). */
void rpt_csv_table_head(FILE *f, const struct rpt_table *t);
/* Row i's line: an estimate as mean,lo,hi; a verdict as its name ("" for none);
 * text quoted as CSV needs. */
void rpt_csv_table_row(FILE *f, const struct rpt_table *t, const void *ctx, int i);
/* The header of the columns that have a text header; the first column is
 * left-aligned in w0 characters; a money column's says the currency ("EUR/wk")
 * when currency is not empty.  No line break. */
void rpt_text_table_head(FILE *f, const struct rpt_table *t, int w0,
    const char *currency);
/* Row i, the same way.  No line break. */
void rpt_text_table_row(FILE *f, const struct rpt_table *t, const void *ctx, int i,
    int w0);

#endif
