/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx.c — the workbook for managers (doc/workbook.md), written with libxlsxwriter
 * from the same struct meas as the JSON and CSV: Summary (targets, waits, cost,
 * safety, warnings), Roster (shifts and a coverage grid), Backlog (queue by hour
 * of week, line chart), Waits (distribution per class, column chart), Roles
 * (utilization and hours, charts).  doc/workbook.md describes each sheet.
 *
 * Durations are Excel durations (days, [h]:mm), shares are percentages, the
 * creation date is the scenario's start date so that the same run gives the
 * same bytes.  The file is written to a temporary name and renamed into place.
 */
#include "rpt.h"
#include "rpt_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "hist.h"
#include "units.h"

#define EXCEL_EPOCH_DAY 25569.0   /* the Excel serial of 1970-01-01 */
#define MIN_PER_DAY 1440.0

/* Colours: verdicts (as Excel's good/neutral/bad styles), headers, the coverage scale. */
#define C_GOOD_BG 0xC6EFCE
#define C_GOOD_FG 0x006100
#define C_AMBER_BG 0xFFEB9C
#define C_AMBER_FG 0x9C5700
#define C_BAD_BG 0xFFC7CE
#define C_BAD_FG 0x9C0006
#define C_HEAD_BG 0xDDEBF7
#define C_NOTE 0x595959
#define C_SCALE_LO 0xFFFFFF
#define C_SCALE_HI 0x63BE7B
#define RPT_NO_COLOR 0xFFFFFFFFu   /* not a colour: leave the default */

static const char *const day_name[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
    "Sun" };

/* ---- cells ---------------------------------------------------------------- */

/* Keep the first libxlsxwriter error and what was being done. */
void
rpt_xlsx_check(struct rpt_xlsx *x, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR) {
		x->lerr = e;
		x->lwhat = what;
	}
}

/* Widen a column to at least w characters. */
void
rpt_xlsx_width(struct rpt_xsheet *sh, int col, double w)
{
	if (col >= 0 && col < RPT_XLSX_MAX_COLS && sh->width[col] < w)
		sh->width[col] = w;
}

/* Display width of a UTF-8 string: code points, not bytes. */
static double
text_width(const char *s)
{
	double n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Write text; the column widens to fit it (not for titles and notes). */
void
rpt_xlsx_str(struct rpt_xsheet *sh, int row, int col, const char *s, enum rpt_xf f)
{
	double w = text_width(s);

	if (f == RPT_XF_LABEL || f == RPT_XF_TOTAL_LABEL || f == RPT_XF_HEAD)
		w *= 1.1;           /* bold */
	/* Titles and notes may run over the next cells: they set no width. */
	if (f != RPT_XF_TITLE && f != RPT_XF_SECTION && f != RPT_XF_NOTE)
		rpt_xlsx_width(sh, col, w + 2);
	rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, s, sh->x->f[f]), "writing a cell");
}

/* Width a number needs in a given format. */
static double
num_width(double v, enum rpt_xf f)
{
	char buf[64];

	switch (f) {
	case RPT_XF_PCT:
	case RPT_XF_TOTAL_PCT:
		snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
		break;
	case RPT_XF_DATE:
		return 12;
	case RPT_XF_DUR:
	case RPT_XF_CLOCK:
		return 8;
	case RPT_XF_INT:
	case RPT_XF_TOTAL_INT:
	case RPT_XF_MONEY:
	case RPT_XF_TOTAL_MONEY:
		snprintf(buf, sizeof buf, "%.0f", v);
		return (double)strlen(buf) * 1.35 + 2;   /* thousands separators */
	case RPT_XF_CHANGE:
	case RPT_XF_TOTAL_CHANGE:
		snprintf(buf, sizeof buf, "%+.0f", v);
		return (double)strlen(buf) * 1.35 + 2;
	default:
		snprintf(buf, sizeof buf, "%.2f", v);
		return (double)strlen(buf) * 1.35 + 2;
	}
	return (double)strlen(buf) + 2;
}

/* Write a number, or an en dash for NaN and infinities (never "nan" in the XML). */
void
rpt_xlsx_num(struct rpt_xsheet *sh, int row, int col, double v, enum rpt_xf f)
{
	if (!isfinite(v)) {
		rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)col, "\xe2\x80\x93", sh->x->dash), "writing a cell");
		return;
	}
	rpt_xlsx_width(sh, col, num_width(v, f));
	rpt_xlsx_check(sh->x, worksheet_write_number(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, v == 0.0 ? 0.0 : v, sh->x->f[f]), "writing a cell");
}

/* The "N d h:mm" format for a whole number of days (1..31), made once. */
static lxw_format *
days_format(struct rpt_xlsx *x, int days)
{
	char nf[32];

	if (x->dur_days[days] == NULL) {
		x->dur_days[days] = workbook_add_format(x->wb);
		if (x->dur_days[days] == NULL)
			return NULL;
		snprintf(nf, sizeof nf, "\"%d d \"h:mm", days);
		format_set_num_format(x->dur_days[days], nf);
		format_set_align(x->dur_days[days], LXW_ALIGN_RIGHT);
	}
	return x->dur_days[days];
}

/*
 * Below a day: the exact value in [h]:mm.  From a day on, the value rounded to
 * the minute (so that every program shows the same hour) in a format that
 * carries the day count as text, "2 d 4:30"; the cell still holds the duration.
 * Past 31 days, [h]:mm again ("800:00").
 */
void
rpt_xlsx_dur(struct rpt_xsheet *sh, int row, int col, double minutes)
{
	struct rpt_xlsx *x = sh->x;
	lxw_format *f = x->f[RPT_XF_DUR];
	double v;

	if (!isfinite(minutes) || minutes < 0.0) {
		rpt_xlsx_num(sh, row, col, NAN, RPT_XF_DUR);
		return;
	}
	v = minutes / MIN_PER_DAY;
	if (minutes >= MIN_PER_DAY - 0.5) {
		double r = round(minutes);
		int days = (int)floor(r / MIN_PER_DAY);

		if (days >= 1 && days <= 31) {
			if ((f = days_format(x, days)) == NULL) {
				rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "making a format");
				return;
			}
			v = r / MIN_PER_DAY;
			rpt_xlsx_width(sh, col, days >= 10 ? 11 : 10);
		}
	}
	rpt_xlsx_width(sh, col, 8);
	rpt_xlsx_check(x, worksheet_write_number(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    v, f), "writing a cell");
}

/* Write a formula with its computed value cached. */
void
rpt_xlsx_formula(struct rpt_xsheet *sh, int row, int col, const char *formula,
    double value, enum rpt_xf f)
{
	rpt_xlsx_width(sh, col, num_width(value, f));
	rpt_xlsx_check(sh->x, worksheet_write_formula_num(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, formula, sh->x->f[f], value), "writing a formula");
}

/* Write a header row; columns widen to show each name on two lines at most. */
void
rpt_xlsx_head(struct rpt_xsheet *sh, int row, int col, const char *const *names,
    int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *s = names[i], *sp;
		double longest = 0, w;

		/* Wrapped on two lines at most: the longest word, or half the name. */
		while (*s != '\0') {
			sp = strchr(s, ' ');
			w = sp ? (double)(sp - s) : text_width(s);
			if (w > longest)
				longest = w;
			s = sp ? sp + 1 : s + strlen(s);
		}
		w = ceil(text_width(names[i]) / 2.0);
		rpt_xlsx_width(sh, col + i, 1.1 * (w > longest ? w : longest) + 2);
		rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)(col + i), names[i], sh->x->f[RPT_XF_HEAD]), "writing a cell");
	}
	rpt_xlsx_check(sh->x, worksheet_set_row(sh->ws, (lxw_row_t)row, 30, NULL),
	    "sizing a row");
}

/* Notes wait until the columns' widths are known: then they are merged across
 * their columns, wrapped, and their row made tall enough. */
struct rpt_xnote {
	struct rpt_xsheet *sh;
	int row, col0, col1;
	enum rpt_xf f;
	char *text;
};

/* Keep a note for notes_flush(). */
void
rpt_xlsx_note(struct rpt_xsheet *sh, int row, int col0, int col1, const char *s,
    enum rpt_xf f)
{
	struct rpt_xlsx *x = sh->x;
	struct rpt_xnote *p;

	if (x->nnotes == x->cnotes) {
		int nc = x->cnotes ? 2 * x->cnotes : 32;

		if ((p = realloc(x->notes, (size_t)nc * sizeof *p)) == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "keeping a note");
			return;
		}
		x->notes = p;
		x->cnotes = nc;
	}
	p = &x->notes[x->nnotes];
	if ((p->text = strdup(s)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "keeping a note");
		return;
	}
	p->sh = sh;
	p->row = row;
	p->col0 = col0;
	p->col1 = col1 > col0 ? col1 : col0;
	p->f = f;
	x->nnotes++;
}

/* Drop the notes not yet written. */
static void
notes_free(struct rpt_xlsx *x)
{
	int i;

	for (i = 0; i < x->nnotes; i++)
		free(x->notes[i].text);
	free(x->notes);
	x->notes = NULL;
	x->nnotes = x->cnotes = 0;
}

/* Width of a column as it will be set (Excel's default is 8.43). */
static double
col_width(const struct rpt_xsheet *sh, int col)
{
	return sh->width[col] > 0 ? sh->width[col] : 8.43;
}

/* Write the pending notes, now that the columns have their widths. */
static void
notes_flush(struct rpt_xlsx *x)
{
	int i, c;

	for (i = 0; i < x->nnotes; i++) {
		struct rpt_xnote *p = &x->notes[i];
		struct rpt_xsheet *sh = p->sh;
		double w = 0, lines;
		enum rpt_xf f = p->f;

		for (c = p->col0; c <= p->col1; c++)
			w += col_width(sh, c);
		lines = ceil(1.1 * text_width(p->text) / (w > 1 ? w : 1));
		if (p->col1 > p->col0) {
			if (f == RPT_XF_TEXT)
				f = RPT_XF_WRAP;
			rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)p->row,
			    (lxw_col_t)p->col0, (lxw_row_t)p->row, (lxw_col_t)p->col1, p->text,
			    x->f[f]), "merging cells");
			if (lines > 1)
				rpt_xlsx_check(x, worksheet_set_row(sh->ws, (lxw_row_t)p->row,
				    15.0 * lines + 2, NULL), "sizing a row");
		} else {
			rpt_xlsx_check(x, worksheet_write_string(sh->ws, (lxw_row_t)p->row,
			    (lxw_col_t)p->col0, p->text, x->f[f]), "writing a cell");
		}
	}
	notes_free(x);
}

/* ---- formats and sheets ------------------------------------------------------ */

/* One format; NULL on allocation failure. */
static lxw_format *
new_format(lxw_workbook *wb, const char *num, int bold, lxw_color_t fg, lxw_color_t bg)
{
	lxw_format *f = workbook_add_format(wb);

	if (f == NULL)
		return NULL;
	if (num != NULL)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (fg != RPT_NO_COLOR)
		format_set_font_color(f, fg);
	if (bg != RPT_NO_COLOR) {
		format_set_bg_color(f, bg);
		format_set_pattern(f, LXW_PATTERN_SOLID);
	}
	return f;
}

/* The shared formats; -1 on allocation failure. */
static int
make_formats(struct rpt_xlsx *x)
{
	const lxw_color_t none = RPT_NO_COLOR;
	lxw_format **f = x->f;
	int i;

	f[RPT_XF_TITLE] = new_format(x->wb, NULL, 1, none, none);
	f[RPT_XF_SECTION] = new_format(x->wb, NULL, 1, 0x1F4E79, none);
	f[RPT_XF_NOTE] = new_format(x->wb, NULL, 0, C_NOTE, none);
	f[RPT_XF_HEAD] = new_format(x->wb, NULL, 1, none, C_HEAD_BG);
	f[RPT_XF_LABEL] = new_format(x->wb, NULL, 1, none, none);
	f[RPT_XF_TEXT] = new_format(x->wb, NULL, 0, none, none);
	f[RPT_XF_WRAP] = new_format(x->wb, NULL, 0, none, none);
	f[RPT_XF_INT] = new_format(x->wb, "#,##0", 0, none, none);
	f[RPT_XF_NUM1] = new_format(x->wb, "#,##0.0", 0, none, none);
	f[RPT_XF_NUM2] = new_format(x->wb, "0.00", 0, none, none);
	f[RPT_XF_PCT] = new_format(x->wb, "0.0%", 0, none, none);
	f[RPT_XF_DUR] = new_format(x->wb, "[h]:mm", 0, none, none);
	f[RPT_XF_CLOCK] = new_format(x->wb, "[h]:mm", 0, none, none);
	f[RPT_XF_DATE] = new_format(x->wb, "yyyy-mm-dd", 0, none, none);
	f[RPT_XF_MONEY] = new_format(x->wb, "#,##0", 0, none, none);
	f[RPT_XF_VALUE_INT] = new_format(x->wb, "#,##0", 0, none, none);
	f[RPT_XF_VALUE_DATE] = new_format(x->wb, "yyyy-mm-dd", 0, none, none);
	f[RPT_XF_VALUE_SEED] = new_format(x->wb, "0", 0, none, none);
	f[RPT_XF_GOOD] = new_format(x->wb, NULL, 1, C_GOOD_FG, C_GOOD_BG);
	f[RPT_XF_AMBER] = new_format(x->wb, NULL, 1, C_AMBER_FG, C_AMBER_BG);
	f[RPT_XF_BAD] = new_format(x->wb, NULL, 1, C_BAD_FG, C_BAD_BG);
	f[RPT_XF_NO_VERDICT] = new_format(x->wb, NULL, 0, C_NOTE, none);
	f[RPT_XF_PCT_AMBER] = new_format(x->wb, "0.0%", 0, C_AMBER_FG, C_AMBER_BG);
	f[RPT_XF_PCT_BAD] = new_format(x->wb, "0.0%", 0, C_BAD_FG, C_BAD_BG);
	f[RPT_XF_CHANGE] = new_format(x->wb, "+#,##0;-#,##0;0", 0, none, none);
	f[RPT_XF_TOTAL_LABEL] = new_format(x->wb, NULL, 1, none, none);
	f[RPT_XF_TOTAL_INT] = new_format(x->wb, "#,##0", 1, none, none);
	f[RPT_XF_TOTAL_NUM1] = new_format(x->wb, "#,##0.0", 1, none, none);
	f[RPT_XF_TOTAL_PCT] = new_format(x->wb, "0.0%", 1, none, none);
	f[RPT_XF_TOTAL_MONEY] = new_format(x->wb, "#,##0", 1, none, none);
	f[RPT_XF_TOTAL_CHANGE] = new_format(x->wb, "+#,##0;-#,##0;0", 1, none, none);
	x->dash = new_format(x->wb, NULL, 0, none, none);
	x->clock_next = new_format(x->wb, "h:mm\" next day\"", 0, none, none);
	x->grid_int = new_format(x->wb, "0;-0;\"\"", 0, none, none);
	x->grid_frac = new_format(x->wb, "0.0;-0.0;\"\"", 0, none, none);
	for (i = 0; i < RPT_XF_N; i++)
		if (f[i] == NULL)
			return -1;
	if (x->grid_int == NULL || x->grid_frac == NULL || x->dash == NULL ||
	    x->clock_next == NULL)
		return -1;
	format_set_align(x->dash, LXW_ALIGN_RIGHT);
	/* Text after a right-aligned number should not touch it. */
	format_set_indent(f[RPT_XF_TEXT], 1);
	/* The run's particulars read as one left-aligned column. */
	format_set_align(f[RPT_XF_VALUE_INT], LXW_ALIGN_LEFT);
	format_set_indent(f[RPT_XF_VALUE_INT], 1);
	format_set_align(f[RPT_XF_VALUE_DATE], LXW_ALIGN_LEFT);
	format_set_indent(f[RPT_XF_VALUE_DATE], 1);
	format_set_align(f[RPT_XF_VALUE_SEED], LXW_ALIGN_LEFT);
	format_set_indent(f[RPT_XF_VALUE_SEED], 1);
	format_set_font_size(f[RPT_XF_TITLE], 16);
	format_set_font_size(f[RPT_XF_SECTION], 12);
	format_set_italic(f[RPT_XF_NOTE]);
	format_set_text_wrap(f[RPT_XF_NOTE]);
	format_set_align(f[RPT_XF_NOTE], LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(f[RPT_XF_WRAP]);
	format_set_indent(f[RPT_XF_WRAP], 1);
	format_set_align(f[RPT_XF_WRAP], LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(f[RPT_XF_HEAD]);
	format_set_align(f[RPT_XF_HEAD], LXW_ALIGN_CENTER);
	format_set_align(f[RPT_XF_HEAD], LXW_ALIGN_VERTICAL_CENTER);
	format_set_bottom(f[RPT_XF_HEAD], LXW_BORDER_THIN);
	for (i = RPT_XF_GOOD; i <= RPT_XF_NO_VERDICT; i++)
		format_set_align(f[i], LXW_ALIGN_CENTER);
	format_set_italic(f[RPT_XF_NO_VERDICT]);
	for (i = RPT_XF_TOTAL_LABEL; i <= RPT_XF_TOTAL_CHANGE; i++)
		format_set_top(f[i], LXW_BORDER_THIN);
	format_set_align(x->grid_int, LXW_ALIGN_CENTER);
	format_set_align(x->grid_frac, LXW_ALIGN_CENTER);
	format_set_border(x->grid_int, LXW_BORDER_THIN);
	format_set_border(x->grid_frac, LXW_BORDER_THIN);
	format_set_border_color(x->grid_int, 0xD9D9D9);
	format_set_border_color(x->grid_frac, 0xD9D9D9);
	return 0;
}

/* Escape '&' for a page header, which uses it for codes; cut at n - 1 bytes,
 * never inside a UTF-8 sequence (the header is limited to 255 characters). */
static void
header_escape(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s != '\0'; s++) {
		size_t need = *s == '&' ? 2 : 1;

		if (k + need >= n)
			break;
		if (*s == '&')
			out[k++] = '&';
		out[k++] = *s;
	}
	/* Drop a sequence cut short: continuation bytes and their lead byte. */
	if (*s != '\0' && k > 0 && ((unsigned char)*s & 0xC0) == 0x80) {
		while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0)
			k--;
	}
	out[k] = '\0';
}

/* Add a sheet with the page setup every sheet shares. */
struct rpt_xsheet *
rpt_xlsx_sheet(struct rpt_xlsx *x, const char *name, const char *title)
{
	struct rpt_xsheet *sh;
	char esc[160], hdr[256];

	if (x->nsheets >= RPT_XLSX_MAX_SHEETS) {
		rpt_xlsx_check(x, LXW_ERROR_PARAMETER_VALIDATION, "adding a sheet");
		return NULL;
	}
	sh = &x->sheets[x->nsheets];
	memset(sh, 0, sizeof *sh);
	sh->x = x;
	snprintf(sh->name, sizeof sh->name, "%s", name);
	if ((sh->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_PARAMETER_VALIDATION, "adding a sheet");
		return NULL;
	}
	x->nsheets++;
	worksheet_set_landscape(sh->ws);
	worksheet_fit_to_pages(sh->ws, 1, 0);        /* one page wide, as long as needed */
	worksheet_set_margins(sh->ws, 0.5, 0.5, 0.75, 0.75);
	header_escape(x->scn->name, esc, 100);
	snprintf(hdr, sizeof hdr, "&L%s&R%s", esc, name);
	rpt_xlsx_check(x, worksheet_set_header(sh->ws, hdr), "setting the page header");
	rpt_xlsx_check(x, worksheet_set_footer(sh->ws, "&Lclinicq&RPage &P of &N"),
	    "setting the page footer");
	rpt_xlsx_check(x, worksheet_write_string(sh->ws, 0, 0, title, x->f[RPT_XF_TITLE]),
	    "writing a title");
	rpt_xlsx_check(x, worksheet_set_row(sh->ws, 0, 24, NULL), "sizing a row");
	return sh;
}

/* Set every column of every sheet to the width it needs. */
static void
fit_columns(struct rpt_xlsx *x)
{
	int i, c;

	for (i = 0; i < x->nsheets; i++) {
		struct rpt_xsheet *sh = &x->sheets[i];

		for (c = 0; c < RPT_XLSX_MAX_COLS; c++)
			if (sh->width[c] > 0)
				rpt_xlsx_check(x, worksheet_set_column(sh->ws, (lxw_col_t)c,
				    (lxw_col_t)c, sh->width[c] > 60 ? 60 : sh->width[c], NULL),
				    "sizing a column");
	}
}

/* The first column that starts at least px pixels from the sheet's left edge. */
static int
col_after(const struct rpt_xsheet *sh, double px)
{
	double at = 0;
	int c;

	for (c = 0; c < RPT_XLSX_MAX_COLS - 1 && at < px; c++)
		at += floor(col_width(sh, c) * 7 + 5);   /* Calibri 11: 7 px a digit */
	return c;
}

/* A cell reference such as "B7". */
static void
cell_ref(int row, int col, char buf[LXW_MAX_CELL_NAME_LENGTH])
{
	lxw_rowcol_to_cell(buf, (lxw_row_t)row, (lxw_col_t)col);
}

/* A total row's cell: =SUM of column col over rows first..last, with its
 * value written too (readers that do not compute still see it). */
static void
column_total(struct rpt_xsheet *sh, int row, int col, int first, int last,
    double value, enum rpt_xf f)
{
	char f1[LXW_MAX_CELL_NAME_LENGTH], f2[LXW_MAX_CELL_NAME_LENGTH], formula[64];

	cell_ref(first, col, f1);
	cell_ref(last, col, f2);
	snprintf(formula, sizeof formula, "=SUM(%s:%s)", f1, f2);
	rpt_xlsx_formula(sh, row, col, formula, value, f);
}

/* A total row's label in column 0, and the total style on columns 1..last
 * except those marked in `figures` (bit i: column i), which get totals. */
static void
total_row(struct rpt_xsheet *sh, int row, const char *label, int last, unsigned figures)
{
	int i;

	rpt_xlsx_str(sh, row, 0, label, RPT_XF_TOTAL_LABEL);
	for (i = 1; i <= last; i++)
		if (!(figures & 1u << i))
			rpt_xlsx_check(sh->x, worksheet_write_blank(sh->ws, (lxw_row_t)row,
			    (lxw_col_t)i, sh->x->f[RPT_XF_TOTAL_LABEL]), "writing a cell");
}

/*
 * An interval's end within what the quantity can be: a share in [0, 1], a count
 * or a cost at least 0.  The Student-t interval of a mean near a bound can
 * cross it (100.4%, -1.3 items), which no reader should have to explain away.
 */
static double
bound(double v, double top)
{
	if (isnan(v))
		return v;
	return v < 0 ? 0 : v > top ? top : v;
}

/* ---- Summary ----------------------------------------------------------------- */

/* Staff of shift i in the roster the workbook shows. */
static int
shown_staff(const struct rpt_xlsx *x, int i)
{
	return x->staff != NULL ? x->staff[i] : x->scn->shifts[i].staff;
}

/* Cost per week of the roster shown (as written if as_written). */
static double
roster_cost(const struct rpt_xlsx *x, int as_written)
{
	const struct scn *s = x->scn;
	double c = 0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += (as_written ? s->shifts[i].staff : shown_staff(x, i)) *
		    scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
	return c;
}

/* An amount with thousands separators, "16,999". */
static void
fmt_money(double v, char *buf, size_t n)
{
	char d[32];
	size_t len, i, k = 0;

	snprintf(d, sizeof d, "%.0f", fabs(v));
	len = strlen(d);
	if (v <= -0.5 && k + 1 < n)
		buf[k++] = '-';
	for (i = 0; i < len && k + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = d[i];
	}
	buf[k] = '\0';
}


/* "2027-01-04". */
static void
fmt_date(long epoch_day, char *buf, size_t n)
{
	int y, mo, d;

	unit_epoch_day_to_date(epoch_day, &y, &mo, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, mo, d);
}

/* A target's time as people say it: "30 min", "4 h", "24 h", "2 days". */
static void
fmt_within(double minutes, char *buf, size_t n)
{
	if (minutes >= 2 * MIN_PER_DAY && fmod(minutes, MIN_PER_DAY) == 0)
		snprintf(buf, n, "%g days", minutes / MIN_PER_DAY);
	else if (minutes >= 60 && fmod(minutes, 60) == 0)
		snprintf(buf, n, "%g h", minutes / 60);
	else if (minutes < 60 && minutes == floor(minutes))
		snprintf(buf, n, "%g min", minutes);
	else
		rpt_fmt_duration(minutes, buf, n);
}

/* The verdict in words, with its colour. */
void
rpt_xlsx_verdict(struct rpt_xsheet *sh, int row, int col, enum meas_met met)
{
	switch (met) {
	case MEAS_MET_CONFIDENT:
		rpt_xlsx_str(sh, row, col, "Met", RPT_XF_GOOD);
		break;
	case MEAS_MET_ON_AVERAGE:
		rpt_xlsx_str(sh, row, col, "Met on average", RPT_XF_AMBER);
		break;
	case MEAS_MET_NO:
		rpt_xlsx_str(sh, row, col, "Missed", RPT_XF_BAD);
		break;
	case MEAS_MET_NA:
		rpt_xlsx_str(sh, row, col, "no items", RPT_XF_NO_VERDICT);
		break;
	default:
		rpt_xlsx_str(sh, row, col, "no target", RPT_XF_NO_VERDICT);
		break;
	}
}

void
rpt_xlsx_attained(struct rpt_xsheet *sh, int row, int col, double share,
    enum meas_met met)
{
	if (met == MEAS_MET_NA) {
		rpt_xlsx_str(sh, row, col, "no items", RPT_XF_NO_VERDICT);
		return;
	}
	rpt_xlsx_num(sh, row, col, share, met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER :
	    met == MEAS_MET_NO ? RPT_XF_PCT_BAD : RPT_XF_PCT);
}

/* An optimize workbook: which roster the figures are of, and its cost against
 * the roster as written.  Returns the next row. */
static int
summary_roster(struct rpt_xsheet *sh, int row)
{
	struct rpt_xlsx *x = sh->x;
	double cost, base;
	char line[512], a[32], b[32], c[32];

	if (x->staff == NULL)
		return row;
	cost = roster_cost(x, 0);
	base = roster_cost(x, 1);
	fmt_money(cost, a, sizeof a);
	fmt_money(base, b, sizeof b);
	fmt_money(fabs(cost - base), c, sizeof c);
	rpt_xlsx_str(sh, row++, 0, x->feasible ? "Recommended roster" :
	    "No roster met the targets: the best roster found", RPT_XF_SECTION);
	if (x->feasible)
		snprintf(line, sizeof line, "The cheapest roster clinicq optimize found that "
		    "meets every target with confidence.  It costs %s per week "
		    "against %s for the roster as written (%s %s).  Every figure of this "
		    "workbook is of the recommended roster; the Roster sheet shows it beside "
		    "the roster as written.", a, b, cost <= base ? "a saving of" :
		    "an extra cost of", c);
	else
		snprintf(line, sizeof line, "Within the shifts' bounds no roster that clinicq "
		    "optimize tried meets every target with confidence.  The figures of this workbook are of the best roster "
		    "found, which costs %s per week against %s for the roster as written "
		    "(%s %s); the Roster sheet shows it beside the roster as written.", a, b,
		    c, cost <= base ? "less" : "more");
	rpt_xlsx_note(sh, row++, 0, 11, line, RPT_XF_TEXT);
	return row + 1;
}

/* The run's particulars: file, dates, replications, seed. */
static int
summary_about(struct rpt_xsheet *sh, int row)
{
	const struct scn *s = sh->x->scn;
	const struct meas *m = sh->x->m;
	const char *base = strrchr(s->file, '/');
	char a[64], b[64], c[64], line[256];
	double from = s->warmup, to = s->warmup + s->weeks * 7 * MIN_PER_DAY;

	rpt_xlsx_str(sh, row, 0, "Scenario file", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row++, 1, base ? base + 1 : s->file, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Start date", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, (double)s->start_epoch_day + EXCEL_EPOCH_DAY,
	    RPT_XF_VALUE_DATE);
	rpt_xlsx_str(sh, row, 0, "Warm-up (not measured)", RPT_XF_LABEL);
	rpt_fmt_span(s->warmup, a, sizeof a);
	rpt_xlsx_str(sh, row++, 1, a, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Measured period", RPT_XF_LABEL);
	fmt_date(s->start_epoch_day + (long)floor(from / MIN_PER_DAY), a, sizeof a);
	fmt_date(s->start_epoch_day + (long)ceil(to / MIN_PER_DAY) - 1, b, sizeof b);
	rpt_fmt_span(to - from, c, sizeof c);
	snprintf(line, sizeof line, "%s to %s (%s)", a, b, c);
	rpt_xlsx_note(sh, row++, 1, 4, line, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Replications", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, m->replications, RPT_XF_VALUE_INT);
	rpt_xlsx_str(sh, row, 0, "Seed", RPT_XF_LABEL);
	if (s->seed <= (1ULL << 53)) {
		rpt_xlsx_check(sh->x, worksheet_write_number(sh->ws, (lxw_row_t)row, 1,
		    (double)s->seed, sh->x->f[RPT_XF_VALUE_SEED]), "writing a cell");
		row++;
	} else {
		snprintf(a, sizeof a, "%llu", (unsigned long long)s->seed);
		rpt_xlsx_str(sh, row++, 1, a, RPT_XF_TEXT);
	}
	rpt_xlsx_str(sh, row, 0, "Events simulated", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, (double)m->events, RPT_XF_VALUE_INT);
	row++;
	rpt_xlsx_note(sh, row++, 0, 11, "Figures are means over the replications; "
	    "\"95% CI\" is the 95% confidence interval of the mean (Student t). "
	    "Durations read h:mm, or days then h:mm past a day.", RPT_XF_NOTE);
	return row + 1;
}

/* Targets against attainment, one row per class. */
static int
summary_targets(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Class", "Mode", "Arrived per week",
	    "Target share", "Within", "Measured", "Attained", "95% CI low",
	    "95% CI high", "Verdict", "Abandoned", "Still open at end" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	int c;

	rpt_xlsx_str(sh, row++, 0, "Targets", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, 12);
	for (c = 0; c < s->nclasses; c++, row++) {
		const struct scn_class *k = &s->classes[c];
		const struct meas_class *mc = &m->cls[c];

		rpt_xlsx_str(sh, row, 0, k->name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, k->mode == SCN_SYNC ? "sync" : "async", RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, mc->arrived.mean / s->weeks, RPT_XF_NUM1);
		if (k->has_target) {
			rpt_xlsx_num(sh, row, 3, k->target_share, RPT_XF_PCT);
			rpt_xlsx_dur(sh, row, 4, k->target_within);
			rpt_xlsx_str(sh, row, 5, k->mode == SCN_SYNC ? "wait" : "response",
			    RPT_XF_TEXT);
			rpt_xlsx_num(sh, row, 6, mc->attainment.mean, RPT_XF_PCT);
			rpt_xlsx_num(sh, row, 7, bound(mc->attainment.lo, 1), RPT_XF_PCT);
			rpt_xlsx_num(sh, row, 8, bound(mc->attainment.hi, 1), RPT_XF_PCT);
		}
		rpt_xlsx_verdict(sh, row, 9, k->has_target ? mc->met : MEAS_MET_NONE);
		if (k->mode == SCN_SYNC)
			rpt_xlsx_num(sh, row, 10, mc->abandon_rate.mean, RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 11, mc->waiting_at_end.mean, RPT_XF_NUM1);
	}
	rpt_xlsx_note(sh, row++, 0, 11, "Measured: the wait to the first contact for live "
	    "(sync) classes, the response to completion for inbox (async) classes.  "
	    "Met: the 95% interval of the attained share "
	    "lies at or above the target.  Met on average: the mean does, the interval's "
	    "low end does not; more replications may settle it.  Missed: the mean is "
	    "below the target.", RPT_XF_NOTE);
	return row + 1;
}

/* Wait and response quantiles, one row per class. */
static int
summary_waits(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Class", "Mean", "Median", "90th pct",
	    "95th pct", "99th pct", "Longest", "Mean", "Median", "90th pct", "95th pct",
	    "99th pct", "Longest" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	struct rpt_xlsx *x = sh->x;
	int c;

	rpt_xlsx_str(sh, row++, 0, "Waits and responses", RPT_XF_SECTION);
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, 1, (lxw_row_t)row,
	    6, "Wait: arrival to first contact (sync) or to start of work (async)",
	    x->f[RPT_XF_HEAD]), "merging cells");
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, 7, (lxw_row_t)row,
	    12, "Response: arrival to completion", x->f[RPT_XF_HEAD]), "merging cells");
	rpt_xlsx_check(x, worksheet_write_blank(sh->ws, (lxw_row_t)row, 0,
	    x->f[RPT_XF_HEAD]), "writing a cell");
	rpt_xlsx_check(x, worksheet_set_row(sh->ws, (lxw_row_t)row, 30, NULL),
	    "sizing a row");
	row++;
	rpt_xlsx_head(sh, row++, 0, head, 13);
	for (c = 0; c < s->nclasses; c++, row++) {
		const struct meas_class *mc = &m->cls[c];
		const struct est *v[] = { &mc->wait_mean, &mc->wait_p50, &mc->wait_p90,
		    &mc->wait_p95, &mc->wait_p99, &mc->wait_max, &mc->resp_mean, &mc->resp_p50,
		    &mc->resp_p90, &mc->resp_p95, &mc->resp_p99, &mc->resp_max };
		int i;

		rpt_xlsx_str(sh, row, 0, s->classes[c].name, RPT_XF_LABEL);
		for (i = 0; i < 12; i++)
			rpt_xlsx_dur(sh, row, 1 + i, v[i]->mean);
	}
	return row + 1;
}

/* A small table of estimates: label, mean, CI low, CI high (all non-negative). */
static void
est_row(struct rpt_xsheet *sh, int row, const char *label, const struct est *e,
    enum rpt_xf f)
{
	double top = f == RPT_XF_PCT ? 1 : INFINITY;

	rpt_xlsx_str(sh, row, 0, label, RPT_XF_LABEL);
	rpt_xlsx_num(sh, row, 1, e->mean, f);
	rpt_xlsx_num(sh, row, 2, bound(e->lo, top), f);
	rpt_xlsx_num(sh, row, 3, bound(e->hi, top), f);
}

/* Cost per week: rostered, overtime, total. */
static int
summary_cost(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "", "Mean", "95% CI low", "95% CI high" };
	const struct meas *m = sh->x->m;

	rpt_xlsx_str(sh, row++, 0, "Cost per week", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, 4);
	est_row(sh, row++, "Rostered hours", &m->cost_staff, RPT_XF_MONEY);
	est_row(sh, row++, "Overtime", &m->cost_overtime, RPT_XF_MONEY);
	est_row(sh, row, "Total", &m->cost_total, RPT_XF_TOTAL_MONEY);
	rpt_xlsx_str(sh, row++, 0, "Total", RPT_XF_TOTAL_LABEL);
	rpt_xlsx_note(sh, row++, 0, 11, "In the scenario's currency: hours on duty times "
	    "each shift's cost per hour; overtime is work finished after a shift's end.",
	    RPT_XF_NOTE);
	return row + 1;
}

/* Safety measures, per replication of the measured span. */
static int
summary_safety(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "", "Mean per run", "95% CI low",
	    "95% CI high", "Target", "Verdict" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	const struct meas_safety *sf = &m->safety;
	char note[512], span[64];

	rpt_xlsx_str(sh, row++, 0, "Safety", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, s->has_safety_target ? 6 : 4);
	est_row(sh, row++, "Acute items", &sf->acute, RPT_XF_NUM1);
	est_row(sh, row++, "Escalated to call-back", &sf->escalated, RPT_XF_NUM1);
	est_row(sh, row++, "Screened at arrival", &sf->screened, RPT_XF_NUM1);
	est_row(sh, row++, "Reached in safe window", &sf->reached_in_window, RPT_XF_NUM1);
	est_row(sh, row++, "Missed", &sf->missed, RPT_XF_NUM1);
	est_row(sh, row, "Miss rate", &sf->miss_rate, RPT_XF_PCT);
	if (s->has_safety_target) {
		rpt_xlsx_num(sh, row, 4, s->safety_miss_rate, RPT_XF_PCT);
		rpt_xlsx_verdict(sh, row, 5, sf->met);
	}
	row++;
	est_row(sh, row++, "Acute under threshold", &sf->false_negatives, RPT_XF_NUM1);
	est_row(sh, row++, "Call-backs unreached", &sf->unreached, RPT_XF_NUM1);
	rpt_fmt_span(s->weeks * 7 * MIN_PER_DAY, span, sizeof span);
	snprintf(note, sizeof note, "Counts are totals over the measured %s of one run, "
	    "averaged over the runs.  Missed: acute items not reached within their "
	    "class's safe window.  Acute under threshold: acute messages whose risk "
	    "was at or under the escalation threshold, so no call-back was made.%s", span, sf->acute.mean > 0 ? "" :
	    "  No item in this scenario was acute.");
	rpt_xlsx_note(sh, row++, 0, 11, note, RPT_XF_NOTE);
	return row + 1;
}

/* Warnings in words. */
static int
summary_warnings(struct rpt_xsheet *sh, int row)
{
	const struct meas *m = sh->x->m;
	int i;

	rpt_xlsx_str(sh, row++, 0, "Warnings", RPT_XF_SECTION);
	if (m->nwarnings == 0)
		rpt_xlsx_note(sh, row++, 0, 11, "None.", RPT_XF_TEXT);
	for (i = 0; i < m->nwarnings; i++) {
		char buf[600];

		/* Sentence case for people; the message itself stays as written. */
		snprintf(buf, sizeof buf, "\xe2\x80\xa2 %s.", m->warnings[i]);
		if (buf[4] >= 'a' && buf[4] <= 'z')
			buf[4] = (char)(buf[4] - 'a' + 'A');
		rpt_xlsx_note(sh, row++, 0, 11, buf, RPT_XF_TEXT);
	}
	return row;
}

/* Summary: the run, targets, waits, cost, safety, warnings. */
static int
sheet_summary(struct rpt_xlsx *x)
{
	struct rpt_xsheet *sh;
	int row;

	if ((sh = rpt_xlsx_sheet(x, "Summary", x->scn->name)) == NULL)
		return -1;
	/* The summary is the one page a manager prints: fit it on one. */
	worksheet_fit_to_pages(sh->ws, 1, 1);
	row = summary_about(sh, summary_roster(sh, 2));
	row = summary_targets(sh, row);
	row = summary_waits(sh, row);
	row = summary_cost(sh, row);
	row = summary_safety(sh, row);
	summary_warnings(sh, row);
	worksheet_freeze_panes(sh->ws, 1, 1);
	return 0;
}

/* ---- Roster ------------------------------------------------------------------ */

/* Add each shift's staff to the hours it covers, pro rata within an hour. */
void
rpt_coverage(const struct scn *s, const int *staff, int role, double out[SCN_HOW])
{
	int i, d;

	memset(out, 0, SCN_HOW * sizeof out[0]);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];
		int n = staff != NULL ? staff[i] : sh->staff;

		if (sh->role != role || n <= 0)
			continue;
		for (d = 0; d < 7; d++) {
			double t, b;

			if (!(sh->days & (1u << d)))
				continue;
			t = d * MIN_PER_DAY + sh->start;
			b = d * MIN_PER_DAY + sh->end;
			while (t < b) {
				double next = (floor(t / 60.0) + 1) * 60.0;
				double seg = (b < next ? b : next) - t;
				int h = (int)floor(t / 60.0) % SCN_HOW;

				out[h] += n * seg / 60.0;
				t += seg;
			}
		}
	}
}

/* "Mon-Fri", "Mon, Wed, Fri", "Every day". */
static void
fmt_days(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	int i, j;

	mask &= 0x7f;
	buf[0] = '\0';
	if (mask == 0x7f) {
		snprintf(buf, n, "Every day");
		return;
	}
	for (i = 0; i < 7 && len + 1 < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		for (j = i; j + 1 < 7 && (mask & (1u << (j + 1))); j++)
			;
		if (j > i + 1)
			snprintf(buf + len, n - len, "%s%s\xe2\x80\x93%s", len ? ", " : "",
			    day_name[i], day_name[j]);
		else if (j == i + 1)
			snprintf(buf + len, n - len, "%s%s, %s", len ? ", " : "", day_name[i],
			    day_name[j]);
		else
			snprintf(buf + len, n - len, "%s%s", len ? ", " : "", day_name[i]);
		len = strlen(buf);
		i = j;
	}
}

/* The shifts table; returns the next free row.  An optimize workbook puts the
 * staff as written beside the staff shown, and its cost and the change in cost
 * after the cost. */
static int
roster_shifts(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Shift", "Role", "Days", "Start", "End",
	    "Hours per shift", "Staff", "Min", "Max", "Cost per hour",
	    "Person-hours per week", "Cost per week", "Notes" };
	static const char *const head_opt[] = { "Shift", "Role", "Days", "Start", "End",
	    "Hours per shift", "Recommended staff", "Staff as written", "Min", "Max",
	    "Cost per hour", "Person-hours per week", "Cost per week",
	    "Cost per week as written", "Change in cost per week", "Notes" };
	struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	/* From Min on the columns move one right in an optimize workbook. */
	const int opt = x->staff != NULL, o = opt, notes = opt ? 15 : 12;
	double total_cost = 0, total_hours = 0, total_staff = 0, total_base = 0,
	    total_base_staff = 0;
	const char *hd[16];
	char buf[128];
	int i, first;

	if (opt) {
		memcpy(hd, head_opt, sizeof head_opt);
		if (!x->feasible)
			hd[6] = "Staff of the best roster found";
	} else {
		memcpy(hd, head, sizeof head);
	}
	rpt_xlsx_head(sh, row++, 0, hd, notes + 1);
	first = row;
	for (i = 0; i < s->nshifts; i++, row++) {
		const struct scn_shift *t = &s->shifts[i];
		double per = scn_shift_hours_per_week(s, i);
		double hours = shown_staff(x, i) * per;
		double cost = hours * t->cost_per_hour;
		double base = t->staff * per * t->cost_per_hour;

		rpt_xlsx_str(sh, row, 0, t->name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, s->roles[t->role].name, RPT_XF_TEXT);
		fmt_days(t->days, buf, sizeof buf);
		rpt_xlsx_str(sh, row, 2, buf, RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 3, t->start / MIN_PER_DAY, RPT_XF_CLOCK);
		if (t->end > MIN_PER_DAY) {
			/* Past midnight: the clock time, said to be the next day. */
			rpt_xlsx_width(sh, 4, 15);
			rpt_xlsx_check(x, worksheet_write_number(sh->ws, (lxw_row_t)row, 4,
			    (t->end - MIN_PER_DAY) / MIN_PER_DAY, x->clock_next), "writing a cell");
		} else {
			rpt_xlsx_num(sh, row, 4, t->end / MIN_PER_DAY, RPT_XF_CLOCK);
		}
		rpt_xlsx_dur(sh, row, 5, t->end - t->start);
		rpt_xlsx_num(sh, row, 6, shown_staff(x, i), RPT_XF_INT);
		if (opt)
			rpt_xlsx_num(sh, row, 7, t->staff, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 7 + o, t->min, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 8 + o, t->max, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 9 + o, t->cost_per_hour, RPT_XF_NUM2);
		rpt_xlsx_num(sh, row, 10 + o, hours, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 11 + o, cost, RPT_XF_MONEY);
		if (opt) {
			rpt_xlsx_num(sh, row, 13, base, RPT_XF_MONEY);
			rpt_xlsx_num(sh, row, 14, cost - base, RPT_XF_CHANGE);
		}
		buf[0] = '\0';
		if (t->on_call)
			snprintf(buf, sizeof buf, "on call (live work only)");
		if (t->skip_holidays)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%snot on holidays",
			    buf[0] ? "; " : "");
		if (buf[0] != '\0')
			rpt_xlsx_str(sh, row, notes, buf, RPT_XF_TEXT);
		total_cost += cost;
		total_hours += hours;
		total_staff += shown_staff(x, i);
		total_base += base;
		total_base_staff += t->staff;
	}
	total_row(sh, row, "Total", notes, 1u << 6 | 1u << (10 + o) | 1u << (11 + o) |
	    (opt ? 1u << 7 | 1u << 13 | 1u << 14 : 0));
	if (s->nshifts > 0) {
		column_total(sh, row, 6, first, row - 1, total_staff, RPT_XF_TOTAL_INT);
		column_total(sh, row, 10 + o, first, row - 1, total_hours, RPT_XF_TOTAL_NUM1);
		column_total(sh, row, 11 + o, first, row - 1, total_cost, RPT_XF_TOTAL_MONEY);
		if (opt) {
			column_total(sh, row, 7, first, row - 1, total_base_staff,
			    RPT_XF_TOTAL_INT);
			column_total(sh, row, 13, first, row - 1, total_base, RPT_XF_TOTAL_MONEY);
			column_total(sh, row, 14, first, row - 1, total_cost - total_base,
			    RPT_XF_TOTAL_CHANGE);
		}
	}
	row++;
	if (opt)
		rpt_xlsx_note(sh, row++, 0, notes, x->feasible ? "Recommended: the roster "
		    "clinicq optimize recommends, the cheapest it found that meets every "
		    "target with confidence; the coverage grids and the other sheets show "
		    "it.  As written: the staff in the scenario file.  Change: the cost "
		    "of the recommended roster less that of the roster as written "
		    "(negative is a saving)." : "No roster within the shifts' bounds met "
		    "every target: this is the best roster clinicq optimize found, and the "
		    "coverage grids and the other sheets show it.  As written: the staff in "
		    "the scenario file.  Change: the cost of the best roster found less that "
		    "of the roster as written (negative is a saving).", RPT_XF_NOTE);
	rpt_xlsx_note(sh, row++, 0, notes, "Person-hours and cost per week are averaged "
	    "over the measured weeks, holidays included: a shift that does not run on "
	    "holidays costs less in a week with one.", RPT_XF_NOTE);
	return row + 1;
}

/* One role's grid: hours down, days across, at (row, col); returns rows used. */
static int
roster_grid(struct rpt_xsheet *sh, int row, int col, int role)
{
	struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	double cov[SCN_HOW], max = 0;
	lxw_conditional_format cf;
	char title[SCN_MAX_NAME + 32];
	int d, h;

	rpt_coverage(s, x->staff, role, cov);
	snprintf(title, sizeof title, "%s on duty%s", s->roles[role].name,
	    x->staff == NULL ? "" : x->feasible ? ", recommended roster" :
	    ", best roster found");
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    (lxw_row_t)row, (lxw_col_t)(col + 7), title, x->f[RPT_XF_SECTION]),
	    "merging cells");
	rpt_xlsx_str(sh, row + 1, col, "Hour", RPT_XF_HEAD);
	for (d = 0; d < 7; d++)
		rpt_xlsx_str(sh, row + 1, col + 1 + d, day_name[d], RPT_XF_HEAD);
	for (h = 0; h < 24; h++) {
		char lab[16];

		snprintf(lab, sizeof lab, "%02d:00", h);
		rpt_xlsx_str(sh, row + 2 + h, col, lab, RPT_XF_LABEL);
		for (d = 0; d < 7; d++) {
			double v = cov[d * 24 + h];
			double r = round(v);

			if (v > max)
				max = v;
			if (fabs(v - r) < 1e-9)
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), r,
				    x->grid_int), "writing a cell");
			else
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), v,
				    x->grid_frac), "writing a cell");
			rpt_xlsx_width(sh, col + 1 + d, 6);
		}
	}
	memset(&cf, 0, sizeof cf);
	cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
	cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.min_value = 0;
	cf.min_color = C_SCALE_LO;
	cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.max_value = max > 0 ? max : 1;
	cf.max_color = C_SCALE_HI;
	rpt_xlsx_check(x, worksheet_conditional_format_range(sh->ws, (lxw_row_t)(row + 2),
	    (lxw_col_t)(col + 1), (lxw_row_t)(row + 25), (lxw_col_t)(col + 7), &cf),
	    "colouring the coverage grid");
	return 26;
}

/* Roster: the shifts, then one coverage grid per role. */
static int
sheet_roster(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	struct rpt_xsheet *sh;
	lxw_row_t brk[SCN_MAX_ROLES + 2];
	double w = 0;
	int row, r, c, nbrk;

	if ((sh = rpt_xlsx_sheet(x, "Roster", x->staff == NULL ? "Roster" :
	    x->feasible ? "Roster: recommended, beside the roster as written" :
	    "Roster: the best found (no roster met every target), beside the roster "
	    "as written")) == NULL)
		return -1;
	row = roster_shifts(sh, 2);
	/* One role to a page; the first after the shifts if it fits there. */
	brk[0] = row + 30 > 42 ? (lxw_row_t)row : 0;
	rpt_xlsx_str(sh, row++, 0, "Coverage: staff on duty by hour of a typical week",
	    RPT_XF_SECTION);
	rpt_xlsx_note(sh, row++, 0, x->staff ? 15 : 12, "Each cell is the number of "
	    "people on duty in "
	    "that hour, averaged over the hour (2 people from 08:30 count 1 at 08:00); "
	    "darker is more.  Holidays and overtime are not shown.", RPT_XF_NOTE);
	for (r = 0, nbrk = brk[0] != 0; r < s->nroles; r++) {
		if (r > 0)
			brk[nbrk++] = (lxw_row_t)row;
		row += roster_grid(sh, row, 0, r) + 1;
	}
	brk[nbrk] = 0;
	if (nbrk > 0)
		rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, brk),
		    "setting page breaks");
	/* The seven day columns alike, whatever the shifts table put in them. */
	for (c = 1; c <= 7; c++)
		if (sh->width[c] > w)
			w = sh->width[c];
	for (c = 1; c <= 7; c++)
		sh->width[c] = w;
	worksheet_freeze_panes(sh->ws, 3, 1);
	return 0;
}

/* ---- Backlog ------------------------------------------------------------------ */

/* Backlog: mean queue per class by hour of week, a line chart per class. */
static int
sheet_backlog(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	int c, h, head = 3, first = 4, last = 4 + SCN_HOW - 1;

	if ((sh = rpt_xlsx_sheet(x, "Backlog", "Backlog by hour of week")) == NULL)
		return -1;
	rpt_xlsx_note(sh, 1, 0, 1 + s->nclasses, "Mean number of items waiting in each "
	    "hour of the week (Monday 00:00 first), averaged over the measured weeks and "
	    "the replications.", RPT_XF_NOTE);
	/* The day only on its first hour: a readable table, and chart labels one a day. */
	rpt_xlsx_str(sh, head, 0, "Day", RPT_XF_HEAD);
	rpt_xlsx_str(sh, head, 1, "Hour", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_head(sh, head, 2 + c, (const char *const[]){ s->classes[c].name }, 1);
	for (h = 0; h < SCN_HOW; h++) {
		rpt_xlsx_str(sh, first + h, 0, h % 24 == 0 ? day_name[h / 24] : "",
		    RPT_XF_LABEL);
		rpt_xlsx_num(sh, first + h, 1, (h % 24) / 24.0, RPT_XF_CLOCK);
		for (c = 0; c < s->nclasses; c++)
			rpt_xlsx_num(sh, first + h, 2 + c, m->cls[c].backlog[h], RPT_XF_NUM1);
	}
	rpt_xlsx_width(sh, 0, 6);
	worksheet_freeze_panes(sh->ws, (lxw_row_t)first, 1);
	rpt_xlsx_check(x, worksheet_repeat_rows(sh->ws, (lxw_row_t)head, (lxw_row_t)head),
	    "repeating the header row");

	/* One chart per class, each on its own scale: a class with a backlog of
	 * thousands would flatten one of a handful on a shared axis. */
	for (c = 0; c < s->nclasses; c++) {
		lxw_chart_series *se;
		lxw_chart_line line = { .width = 1.5 };
		char title[SCN_MAX_NAME + 32];

		if ((ch = workbook_add_chart(x->wb, LXW_CHART_LINE)) == NULL ||
		    (se = chart_add_series(ch, NULL, NULL)) == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
			return -1;
		}
		snprintf(title, sizeof title, "%s: items waiting", s->classes[c].name);
		chart_title_set_name(ch, title);
		chart_series_set_categories(se, "Backlog", (lxw_row_t)first, 0, (lxw_row_t)last,
		    0);
		chart_series_set_values(se, "Backlog", (lxw_row_t)first, (lxw_col_t)(2 + c),
		    (lxw_row_t)last, (lxw_col_t)(2 + c));
		chart_series_set_name_range(se, "Backlog", (lxw_row_t)head, (lxw_col_t)(2 + c));
		chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
		chart_series_set_line(se, &line);
		ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
		chart_axis_set_interval_unit(ax, 1);
		chart_axis_set_interval_tick(ax, 24);
		chart_axis_set_label_position(ax, LXW_CHART_AXIS_LABEL_POSITION_LOW);
		ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
		chart_axis_set_min(ax, 0);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		memset(&co, 0, sizeof co);
		co.x_offset = 10;
		co.x_scale = 2.2;
		co.y_scale = 0.95;   /* 274 px: 14 rows of 20 px, a row between charts */
		rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)(first + 15 * c),
		    (lxw_col_t)(3 + s->nclasses), ch, &co), "placing a chart");
	}
	/* Three charts to a printed page, none cut by a page break. */
	{
		lxw_row_t brk[SCN_HOW / 45 + SCN_MAX_CLASSES / 3 + 2];
		int k, n = 0, end = last > first + 15 * s->nclasses ? last : first + 15 * s->nclasses;

		for (k = first + 45; k < end && n < (int)(sizeof brk / sizeof brk[0]) - 1; k += 45)
			brk[n++] = (lxw_row_t)k;
		brk[n] = 0;
		if (n > 0)
			rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, brk),
			    "setting page breaks");
	}
	return 0;
}

/* ---- Waits --------------------------------------------------------------------- */

#define NBINS 13

/* Upper edges of the bins in minutes; bin 0 is "no wait" (the histogram's
 * bucket of zero), the last bin is open. */
static const double bin_hi[NBINS] = { 0, 5, 15, 30, 60, 120, 240, 480, 1440, 2880,
    4320, 10080, INFINITY };
static const char *const bin_name[NBINS] = { "No wait", "Under 5 min", "5\xe2\x80\x93"
    "15 min", "15\xe2\x80\x93" "30 min", "30 min\xe2\x80\x93" "1 h", "1\xe2\x80\x93" "2 h",
    "2\xe2\x80\x93" "4 h", "4\xe2\x80\x93" "8 h", "8\xe2\x80\x93" "24 h",
    "1\xe2\x80\x93" "2 days", "2\xe2\x80\x93" "3 days", "3\xe2\x80\x93" "7 days",
    "Over 7 days" };
static const char *const within_name[NBINS] = { "At once", "Within 5 min",
    "Within 15 min", "Within 30 min", "Within 1 h", "Within 2 h", "Within 4 h",
    "Within 8 h", "Within 24 h", "Within 2 days", "Within 3 days", "Within 7 days",
    "All" };

/* Counts of a histogram per bin; a bucket goes to the bin holding its middle. */
static void
bin_counts(const struct hist *hs, double out[NBINS])
{
	int i, b;

	memset(out, 0, NBINS * sizeof out[0]);
	out[0] = hs->count[0];
	for (i = 1; i < HIST_NBUCKETS; i++) {
		double mid;

		if (hs->count[i] == 0)
			continue;
		mid = 0.5 * (hist_bucket_lo(i) + hist_bucket_hi(i));
		for (b = 1; b < NBINS - 1 && mid >= bin_hi[b]; b++)
			;
		out[b] += hs->count[i];
	}
}

/* Waits: the distribution per class in readable bins, and a column chart. */
static int
sheet_waits(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	double (*cnt)[NBINS];
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	int c, b, lo = NBINS, hi = -1, row, head, first, last;

	if ((sh = rpt_xlsx_sheet(x, "Waits", "Distribution of waits")) == NULL)
		return -1;
	if ((cnt = calloc((size_t)s->nclasses + 1, sizeof *cnt)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "counting waits");
		return -1;
	}
	for (c = 0; c < s->nclasses; c++) {
		bin_counts(m->cls[c].dist, cnt[c]);
		for (b = 0; b < NBINS; b++)
			if (cnt[c][b] > 0) {
				if (b < lo)
					lo = b;
				if (b > hi)
					hi = b;
			}
	}
	if (hi < 0)
		lo = hi = 1;
	rpt_xlsx_note(sh, 1, 0, s->nclasses, "Share of items by time taken: "
	    "for live (sync) classes the wait from arrival to the first contact attempt, "
	    "for inbox (async) classes the response from arrival to completion.  All "
	    "items of all replications are pooled.", RPT_XF_NOTE);

	/* What is measured and the target, per class. */
	row = 3;
	rpt_xlsx_str(sh, row, 0, "Class", RPT_XF_HEAD);
	rpt_xlsx_str(sh, row + 1, 0, "Measured", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row + 2, 0, "Target", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row + 3, 0, "Items counted", RPT_XF_LABEL);
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];
		char t[64], d[32];

		rpt_xlsx_head(sh, row, 1 + c, (const char *const[]){ k->name }, 1);
		rpt_xlsx_str(sh, row + 1, 1 + c, k->mode == SCN_SYNC ? "wait" : "response",
		    RPT_XF_TEXT);
		if (k->has_target) {
			fmt_within(k->target_within, d, sizeof d);
			snprintf(t, sizeof t, "%g%% within %s", 100.0 * k->target_share, d);
			rpt_xlsx_str(sh, row + 2, 1 + c, t, RPT_XF_TEXT);
		}
		rpt_xlsx_num(sh, row + 3, 1 + c, (double)m->cls[c].dist->n, RPT_XF_INT);
	}

	/* Share per bin: the chart's data. */
	head = row + 5;
	rpt_xlsx_str(sh, head, 0, "Time taken", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_str(sh, head, 1 + c, s->classes[c].name, RPT_XF_HEAD);
	first = head + 1;
	for (b = lo; b <= hi; b++) {
		row = first + b - lo;
		rpt_xlsx_str(sh, row, 0, bin_name[b], RPT_XF_LABEL);
		for (c = 0; c < s->nclasses; c++) {
			double n = (double)m->cls[c].dist->n;

			rpt_xlsx_num(sh, row, 1 + c, n > 0 ? cnt[c][b] / n : NAN, RPT_XF_PCT);
		}
	}
	last = first + hi - lo;

	/* Cumulative: the share done within each bin's upper edge. */
	row = last + 2;
	rpt_xlsx_str(sh, row, 0, "Share done", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_str(sh, row, 1 + c, s->classes[c].name, RPT_XF_HEAD);
	row++;
	for (b = lo; b <= hi; b++, row++) {
		rpt_xlsx_str(sh, row, 0, within_name[b], RPT_XF_LABEL);
		for (c = 0; c < s->nclasses; c++) {
			double n = (double)m->cls[c].dist->n, sum = 0;
			int k;

			for (k = 0; k <= b; k++)
				sum += cnt[c][k];
			rpt_xlsx_num(sh, row, 1 + c, n > 0 ? sum / n : NAN, RPT_XF_PCT);
		}
	}
	rpt_xlsx_note(sh, row, 0, s->nclasses, "Bins are exact to within 1% of "
	    "their edges (the simulator keeps a histogram, not every item).", RPT_XF_NOTE);
	free(cnt);
	worksheet_freeze_panes(sh->ws, 4, 1);

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Share of items by time taken");
	for (c = 0; c < s->nclasses; c++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);

		if (se == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a series");
			return -1;
		}
		chart_series_set_categories(se, "Waits", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, "Waits", (lxw_row_t)first, (lxw_col_t)(1 + c),
		    (lxw_row_t)last, (lxw_col_t)(1 + c));
		chart_series_set_name_range(se, "Waits", (lxw_row_t)head, (lxw_col_t)(1 + c));
	}
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_num_format(ax, "0%");
	chart_axis_set_min(ax, 0);
	chart_axis_set_max(ax, 1);
	chart_axis_set_name(ax, "Share of the class's items");
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
	chart_axis_set_name(ax, "Time taken");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	memset(&co, 0, sizeof co);
	co.x_offset = 10;
	co.x_scale = 1.8;
	co.y_scale = 1.8;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, 3, (lxw_col_t)(2 + s->nclasses),
	    ch, &co), "placing a chart");
	return 0;
}

/* ---- Roles --------------------------------------------------------------------- */

/* Roles: utilization, hours and cost per role, with two charts. */
static int
sheet_roles(struct rpt_xlsx *x)
{
	static const char *const head[] = { "Role", "Serves (priority order)",
	    "Cost per hour", "Utilization", "95% CI low", "95% CI high",
	    "On-duty hours per week", "Overtime hours per week", "Cost per week",
	    "95% CI low", "95% CI high" };
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	double tot_on = 0, tot_ot = 0, tot_cost = 0, busy = 0, avail = 0;
	char f1[LXW_MAX_CELL_NAME_LENGTH], f2[LXW_MAX_CELL_NAME_LENGTH], formula[256];
	int r, row = 3, first = 3, last, i;

	if ((sh = rpt_xlsx_sheet(x, "Roles", "Roles")) == NULL)
		return -1;
	rpt_xlsx_head(sh, 2, 0, head, 11);
	for (r = 0; r < s->nroles; r++, row++) {
		const struct scn_role *ro = &s->roles[r];
		const struct meas_role *mr = &m->role[r];
		char serves[512];
		size_t len = 0;

		serves[0] = '\0';
		for (i = 0; i < ro->nserves && len + 1 < sizeof serves; i++) {
			snprintf(serves + len, sizeof serves - len, "%s%s", i ? ", " : "",
			    s->classes[ro->serves[i]].name);
			len = strlen(serves);
		}
		rpt_xlsx_str(sh, row, 0, ro->name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, serves, RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, ro->cost_per_hour, RPT_XF_NUM2);
		rpt_xlsx_num(sh, row, 3, mr->utilization.mean, RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 4, bound(mr->utilization.lo, 1), RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 5, bound(mr->utilization.hi, 1), RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 6, mr->on_duty_hours_per_week.mean, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 7, mr->overtime_hours_per_week.mean, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 8, mr->cost_per_week.mean, RPT_XF_MONEY);
		rpt_xlsx_num(sh, row, 9, bound(mr->cost_per_week.lo, INFINITY), RPT_XF_MONEY);
		rpt_xlsx_num(sh, row, 10, mr->cost_per_week.hi, RPT_XF_MONEY);
		if (isfinite(mr->on_duty_hours_per_week.mean))
			tot_on += mr->on_duty_hours_per_week.mean;
		if (isfinite(mr->overtime_hours_per_week.mean))
			tot_ot += mr->overtime_hours_per_week.mean;
		if (isfinite(mr->cost_per_week.mean))
			tot_cost += mr->cost_per_week.mean;
		if (isfinite(mr->utilization.mean)) {
			double h = mr->on_duty_hours_per_week.mean +
			    mr->overtime_hours_per_week.mean;

			busy += mr->utilization.mean * h;
			avail += h;
		}
	}
	last = row - 1;
	total_row(sh, row, "All roles", 10, 1u << 3 | 1u << 6 | 1u << 7 | 1u << 8);
	if (s->nroles > 0) {
		char g1[LXW_MAX_CELL_NAME_LENGTH], g2[LXW_MAX_CELL_NAME_LENGTH];
		char h1[LXW_MAX_CELL_NAME_LENGTH], h2[LXW_MAX_CELL_NAME_LENGTH];

		/* Busy hours over available hours, weighted by each role's hours. */
		cell_ref(first, 3, f1);
		cell_ref(last, 3, f2);
		cell_ref(first, 6, g1);
		cell_ref(last, 6, g2);
		cell_ref(first, 7, h1);
		cell_ref(last, 7, h2);
		snprintf(formula, sizeof formula, "=SUMPRODUCT(%s:%s,%s:%s+%s:%s)/SUM(%s:%s,%s:%s)",
		    f1, f2, g1, g2, h1, h2, g1, g2, h1, h2);
		if (avail > 0)
			rpt_xlsx_formula(sh, row, 3, formula, busy / avail, RPT_XF_TOTAL_PCT);
		column_total(sh, row, 6, first, last, tot_on, RPT_XF_TOTAL_NUM1);
		column_total(sh, row, 7, first, last, tot_ot, RPT_XF_TOTAL_NUM1);
		column_total(sh, row, 8, first, last, tot_cost, RPT_XF_TOTAL_MONEY);
	}
	row++;
	rpt_xlsx_note(sh, row++, 0, 10, "Utilization is the share of paid time (on duty "
	    "plus overtime) spent working on items.  Overtime is the time spent finishing "
	    "the item in hand after a shift's end.", RPT_XF_NOTE);
	worksheet_freeze_panes(sh->ws, 3, 1);
	row++;

	/* Utilization per role. */
	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Utilization");
	{
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);

		if (se == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a series");
			return -1;
		}
		chart_series_set_categories(se, "Roles", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, "Roles", (lxw_row_t)first, 3, (lxw_row_t)last, 3);
		chart_series_set_name(se, "Utilization");
		chart_series_set_labels(se);
		chart_series_set_labels_num_format(se, "0%");
	}
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_num_format(ax, "0%");
	chart_axis_set_min(ax, 0);
	chart_axis_set_max(ax, 1);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_scale = 1.2;
	co.y_scale = 1.2;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row, 0, ch, &co),
	    "placing a chart");

	/* Hours per week: on duty and overtime, stacked. */
	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Hours per week");
	for (i = 0; i < 2; i++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);

		if (se == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a series");
			return -1;
		}
		chart_series_set_categories(se, "Roles", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, "Roles", (lxw_row_t)first, (lxw_col_t)(6 + i),
		    (lxw_row_t)last, (lxw_col_t)(6 + i));
		chart_series_set_name(se, i == 0 ? "On duty" : "Overtime");
	}
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_name(ax, "Hours per week");
	chart_axis_set_min(ax, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col_after(sh, 480 * co.x_scale + 16), ch, &co), "placing a chart");
	return 0;
}

/* ---- the workbook ---------------------------------------------------------------- */

/* Write the workbook to a temporary beside path, then rename it into place. */
int
rpt_xlsx_ext(const struct scn *s, const struct meas *m,
    const struct rpt_xlsx_opts *o, const struct rpt_xlsx_extra *extra, int nextra,
    const char *path, struct cq_err *err)
{
	struct rpt_xlsx *x = calloc(1, sizeof *x);
	struct afile af;
	lxw_doc_properties props;
	lxw_error e;
	char title[192], comments[512];
	int i;

	memset(&af, 0, sizeof af);
	if (x == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory writing the "
		    "workbook");
	if (afile_reserve(&af, path, err) != 0) {
		free(x);
		return -1;
	}
	x->scn = s;
	x->m = m;
	if (o != NULL) {
		x->staff = o->staff;
		x->feasible = o->feasible;
	}
	if ((x->wb = workbook_new(af.tmp)) == NULL || make_formats(x) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory writing the workbook");
		goto fail;
	}

	memset(&props, 0, sizeof props);
	snprintf(title, sizeof title, "Staffing simulation: %s", s->name);
	if (m != NULL)
		snprintf(comments, sizeof comments, "%d replications of %g weeks after a "
		    "warm-up, seed %llu, from %.400s", m->replications, s->weeks,
		    (unsigned long long)s->seed, s->file);
	else
		snprintf(comments, sizeof comments, "from %.400s", s->file);
	props.title = title;
	props.subject = "Clinic staffing: targets, roster, backlog, waits, roles";
	props.author = "clinicq";
	props.category = "Staffing plan";
	props.keywords = "clinicq, staffing, simulation";
	props.comments = comments;
	/* Fixed, so that the same run gives the same bytes (0 would mean "now"). */
	props.created = (time_t)s->start_epoch_day * 86400;
	if (props.created == 0)
		props.created = 1;
	rpt_xlsx_check(x, workbook_set_properties(x->wb, &props), "setting properties");

	if (m != NULL && sheet_summary(x) != 0)
		goto lxw_fail;
	for (i = 0; i < nextra; i++) {
		if (extra[i].add(x, extra[i].arg, err) != 0) {
			if (err->code == 0)
				cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook");
			goto fail;
		}
		if (x->lerr != LXW_NO_ERROR)
			goto lxw_fail;
	}
	if (m != NULL && (sheet_roster(x) != 0 || sheet_backlog(x) != 0 ||
	    sheet_waits(x) != 0 || sheet_roles(x) != 0))
		goto lxw_fail;
	if (x->nsheets == 0) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "nothing to write in the workbook");
		goto fail;
	}
	fit_columns(x);
	notes_flush(x);
	if (x->lerr != LXW_NO_ERROR)
		goto lxw_fail;

	/* The workbook is written now (a full disk shows here): libxlsxwriter's
	 * own lines are held back, their system error goes into our message. */
	{
		struct cq_stderr_hold h;
		char said[1024];
		const char *sys;

		cq_stderr_hold(&h);
		e = workbook_close(x->wb);
		cq_stderr_release(&h, said, sizeof said);
		x->wb = NULL;
		if (e != LXW_NO_ERROR) {
			if ((sys = strstr(said, "System error = ")) != NULL)
				sys += strlen("System error = ");
			cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook: "
			    "%.*s", sys ? (int)strcspn(sys, "\n") : 200,
			    sys ? sys : lxw_strerror(e));
			goto fail;
		}
	}
	free(x);
	return afile_commit_path(&af, err);

lxw_fail:
	cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook (%s): %s",
	    x->lwhat ? x->lwhat : "libxlsxwriter", lxw_strerror(x->lerr ? x->lerr :
	    LXW_ERROR_MEMORY_MALLOC_FAILED));
fail:
	notes_free(x);
	if (x->wb != NULL)
		lxw_workbook_free(x->wb);
	free(x);
	afile_abort(&af);
	return -1;
}

/* The workbook of a run. */
int
rpt_xlsx(const struct meas *m, const char *path, struct cq_err *err)
{
	return rpt_xlsx_ext(m->scn, m, NULL, NULL, 0, path, err);
}
