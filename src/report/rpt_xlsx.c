/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx.c — the workbook for managers (doc/workbook.md), written with libxlsxwriter
 * from the same struct meas as the JSON and CSV.  This file holds what every
 * sheet shares: the cell writers (columns sized to fit, the first libxlsxwriter
 * error kept), the notes written last, the formats, the sheet's page setup,
 * total rows, and the workbook itself: it opens it, writes Summary, the extra
 * sheets of rpt_xlsx_ext() (Optimization, Sweep), then Roster, Backlog, Waits
 * and Roles, and closes it.  The sheets are in rpt_xlsx_summary.c,
 * rpt_xlsx_roster.c, rpt_xlsx_misses.c and rpt_xlsx_charts.c, the week grids'
 * cells in rpt_xlsx_grid.c, their tables
 * written from the description of their columns by rpt_xlsx_table.c
 * (rpt_col.h, rpt_xlsx_int.h).
 *
 * Durations are Excel durations (days, [h]:mm), shares are percentages, the
 * creation date is the scenario's start date so that the same run gives the
 * same bytes.  The file is written to a temporary name and renamed into place.
 */
#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "utf8.h"

/* Colours: verdicts (as Excel's good/neutral/bad styles), headers, notes. */
#define C_GOOD_BG 0xC6EFCE
#define C_GOOD_FG 0x006100
#define C_AMBER_BG 0xFFEB9C
#define C_AMBER_FG 0x9C5700
#define C_BAD_BG 0xFFC7CE
#define C_BAD_FG 0x9C0006
#define C_HEAD_BG 0xDDEBF7
#define C_NOTE 0x595959
#define RPT_NO_COLOR 0xFFFFFFFFu   /* not a colour: leave the default */

/* Monday first, as the week of the scenario. */

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

/* Write text; the column widens to fit it (not for titles and notes). */
void
rpt_xlsx_str(struct rpt_xsheet *sh, int row, int col, const char *s, enum rpt_xf f)
{
	double w = (double)utf8_length(s);

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
		return 12;              /* "16 h 08 min" */
	case RPT_XF_CLOCK:
		return 8;
	case RPT_XF_INT:
	case RPT_XF_TOTAL_INT:
	case RPT_XF_MONEY:
	case RPT_XF_TOTAL_MONEY:
		snprintf(buf, sizeof buf, "%.0f", v);   /* and " EUR" */
		return (double)strlen(buf) * 1.35 + 6;   /* thousands separators */
	case RPT_XF_MONEY2:
		snprintf(buf, sizeof buf, "%.2f", v);
		return (double)strlen(buf) * 1.35 + 6;
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

/* The "N d H h MM min" format for a whole number of days (1..31), "N d" for
 * exactly N days (a target of 1 d), made once. */
static lxw_format *
days_format(struct rpt_xlsx *x, int days)
{
	char nf[80];

	if (x->dur_days[days] == NULL) {
		x->dur_days[days] = workbook_add_format(x->wb);
		if (x->dur_days[days] == NULL)
			return NULL;
		snprintf(nf, sizeof nf, "[=%d]\"%d d\";\"%d d \"h\" h \"mm\" min\"", days,
		    days, days);
		format_set_num_format(x->dur_days[days], nf);
		format_set_align(x->dur_days[days], LXW_ALIGN_RIGHT);
	}
	return x->dur_days[days];
}

/*
 * A duration, never a clock time: below a day the exact value as "8 min" or
 * "16 h 08 min".
 * From a day on, the value rounded to the minute (so that every program shows
 * the same hour) in a format that carries the day count as text,
 * "2 d 4 h 30 min"; the cell still holds the duration (a fraction of a day).
 * Past 31 days, hours again ("800 h 00 min").
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
	v = minutes / DAY_MIN;
	if (minutes >= DAY_MIN - 0.5) {
		double r = round(minutes);
		int days = (int)floor(r / DAY_MIN);

		if (days >= 1 && days <= 31) {
			if ((f = days_format(x, days)) == NULL) {
				rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "making a format");
				return;
			}
			v = r / DAY_MIN;
			rpt_xlsx_width(sh, col, days >= 10 ? 16 : 15);
		}
	}
	rpt_xlsx_width(sh, col, 12);
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
			w = sp ? (double)(sp - s) : (double)utf8_length(s);
			if (w > longest)
				longest = w;
			s = sp ? sp + 1 : s + strlen(s);
		}
		w = ceil((double)utf8_length(names[i]) / 2.0);
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
		lines = ceil(1.1 * (double)utf8_length(p->text) / (w > 1 ? w : 1));
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

/* The verdict in words, with its colour. */
void
rpt_xlsx_verdict(struct rpt_xsheet *sh, int row, int col, enum meas_met met)
{
	switch (met) {
	case MEAS_MET_CONFIDENT:
		rpt_xlsx_str(sh, row, col, rpt_verdict_word(met), RPT_XF_GOOD);
		break;
	case MEAS_MET_ON_AVERAGE:
		rpt_xlsx_str(sh, row, col, rpt_verdict_word(met), RPT_XF_AMBER);
		break;
	case MEAS_MET_NO:
		rpt_xlsx_str(sh, row, col, rpt_verdict_word(met), RPT_XF_BAD);
		break;
	case MEAS_MET_NA:
		rpt_xlsx_str(sh, row, col, rpt_verdict_word(met), RPT_XF_NO_VERDICT);
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
		rpt_xlsx_str(sh, row, col, rpt_verdict_word(met), RPT_XF_NO_VERDICT);
		return;
	}
	rpt_xlsx_num(sh, row, col, share, met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER :
	    met == MEAS_MET_NO ? RPT_XF_PCT_BAD : RPT_XF_PCT);
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

/* What the shared formats add to their number format, bold and colours. */
static void
style_formats(struct rpt_xlsx *x)
{
	lxw_format **f = x->f;
	int i;

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
}

/* Money with the scenario's currency, "#,##0\" EUR\"" (quotes and
 * backslashes of the name left out: they would end the format's text). */
static void
money_format(const struct scn *s, const char *num, char *buf, size_t n)
{
	size_t k = 0;
	const char *c;

	k = (size_t)snprintf(buf, n, "%s", num);
	if (s == NULL || s->currency[0] == '\0')
		return;
	k += (size_t)snprintf(buf + k, n - k, "\" ");
	for (c = s->currency; *c != '\0' && k + 2 < n; c++)
		if (*c != '"' && *c != '\\')
			buf[k++] = *c;
	buf[k++] = '"';
	buf[k] = '\0';
}

/* The shared formats; -1 on allocation failure. */
static int
make_formats(struct rpt_xlsx *x)
{
	const lxw_color_t none = RPT_NO_COLOR;
	lxw_format **f = x->f;
	char money[64], money2[64];
	int i;

	money_format(x->scn, "#,##0", money, sizeof money);
	money_format(x->scn, "#,##0.00", money2, sizeof money2);
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
	f[RPT_XF_DUR] = new_format(x->wb, RPT_XLSX_DUR_FORMAT, 0, none, none);
	f[RPT_XF_CLOCK] = new_format(x->wb, "[h]:mm", 0, none, none);
	f[RPT_XF_DATE] = new_format(x->wb, "yyyy-mm-dd", 0, none, none);
	f[RPT_XF_MONEY] = new_format(x->wb, money, 0, none, none);
	f[RPT_XF_MONEY2] = new_format(x->wb, money2, 0, none, none);
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
	f[RPT_XF_TOTAL_MONEY] = new_format(x->wb, money, 1, none, none);
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
	style_formats(x);
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
	k = utf8_complete(out, k);
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

/* ---- shared by the sheets ---------------------------------------------------- */

/* The first column that starts at least px pixels from the sheet's left edge. */
int
rpt_xlsx_col_after(const struct rpt_xsheet *sh, double px)
{
	double at = 0;
	int c;

	for (c = 0; c < RPT_XLSX_MAX_COLS - 1 && at < px; c++)
		at += floor(col_width(sh, c) * 7 + 5);   /* Calibri 11: 7 px a digit */
	return c;
}

/* A cell reference such as "B7". */
void
rpt_xlsx_cell_ref(int row, int col, char buf[LXW_MAX_CELL_NAME_LENGTH])
{
	lxw_rowcol_to_cell(buf, (lxw_row_t)row, (lxw_col_t)col);
}

/* A total row's cell: =SUM of column col over rows first..last, with its
 * value written too (readers that do not compute still see it). */
void
rpt_xlsx_column_total(struct rpt_xsheet *sh, int row, int col, int first,
    int last, double value, enum rpt_xf f)
{
	char f1[LXW_MAX_CELL_NAME_LENGTH], f2[LXW_MAX_CELL_NAME_LENGTH], formula[64];

	rpt_xlsx_cell_ref(first, col, f1);
	rpt_xlsx_cell_ref(last, col, f2);
	snprintf(formula, sizeof formula, "=SUM(%s:%s)", f1, f2);
	rpt_xlsx_formula(sh, row, col, formula, value, f);
}

/*
 * An interval's end within what the quantity can be: a share in [0, 1], a count
 * or a cost at least 0.  The Student-t interval of a mean near a bound can
 * cross it (100.4%, -1.3 items), which no reader should have to explain away.
 */
double
rpt_xlsx_bound(double v, double top)
{
	if (isnan(v))
		return v;
	return v < 0 ? 0 : v > top ? top : v;
}

/* ---- the workbook ---------------------------------------------------------------- */

/* The document properties.  The creation date is the scenario's start date,
 * so that the same run gives the same bytes (0 would mean "now"). */
static void
set_properties(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	lxw_doc_properties props;
	char title[sizeof x->scn->name + 32], comments[512];

	memset(&props, 0, sizeof props);
	snprintf(title, sizeof title, "Staffing simulation: %s", s->name);
	if (x->m != NULL)
		snprintf(comments, sizeof comments, "%d replications of %g weeks after a "
		    "warm-up, seed %llu, from %.400s", x->m->replications, s->weeks,
		    (unsigned long long)s->seed, s->file);
	else
		snprintf(comments, sizeof comments, "from %.400s", s->file);
	props.title = title;
	props.subject = "Clinic staffing: targets, roster, backlog, waits, roles";
	props.author = "clinicq";
	props.category = "Staffing plan";
	props.keywords = "clinicq, staffing, simulation";
	props.comments = comments;
	props.created = (time_t)s->start_epoch_day * 86400;
	if (props.created == 0)
		props.created = 1;
	rpt_xlsx_check(x, workbook_set_properties(x->wb, &props), "setting properties");
}

/* The libxlsxwriter error kept in x, as err; returns -1. */
static int
lxw_failed(const struct rpt_xlsx *x, const char *path, struct cq_err *err)
{
	return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook (%s): %s",
	    x->lwhat ? x->lwhat : "libxlsxwriter", lxw_strerror(x->lerr ? x->lerr :
	    LXW_ERROR_MEMORY_MALLOC_FAILED));
}

/* Summary, the extra sheets, then the other sheets of a run; the columns'
 * widths and the notes last.  0, or -1 with err. */
static int
write_sheets(struct rpt_xlsx *x, const struct rpt_xlsx_extra *extra, int nextra,
    const char *path, struct cq_err *err)
{
	int i;

	if (x->m != NULL && rpt_xlsx_sheet_summary(x) != 0)
		return lxw_failed(x, path, err);
	for (i = 0; i < nextra; i++) {
		if (extra[i].add(x, extra[i].arg, err) != 0) {
			if (err->code == 0)
				cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook");
			return -1;
		}
		if (x->lerr != LXW_NO_ERROR)
			return lxw_failed(x, path, err);
	}
	if (x->m != NULL && (rpt_xlsx_sheet_roster(x) != 0 ||
	    rpt_xlsx_sheet_misses(x) != 0 || rpt_xlsx_sheet_backlog(x) != 0 ||
	    rpt_xlsx_sheet_waits(x) != 0 || rpt_xlsx_sheet_roles(x) != 0))
		return lxw_failed(x, path, err);
	if (x->nsheets == 0)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "nothing to write in the "
		    "workbook");
	fit_columns(x);
	notes_flush(x);
	if (x->lerr != LXW_NO_ERROR)
		return lxw_failed(x, path, err);
	return 0;
}

/* Close the workbook, which writes it (a full disk shows here): libxlsxwriter's
 * own lines are held back, their system error goes into our message.  0, or
 * -1 with err. */
static int
close_workbook(struct rpt_xlsx *x, const char *path, struct cq_err *err)
{
	struct cq_stderr_hold h;
	char said[1024];
	const char *sys;
	lxw_error e;

	cq_stderr_hold(&h);
	e = workbook_close(x->wb);
	cq_stderr_release(&h, said, sizeof said);
	x->wb = NULL;
	if (e == LXW_NO_ERROR)
		return 0;
	if ((sys = strstr(said, "System error = ")) != NULL)
		sys += strlen("System error = ");
	return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write the workbook: %.*s",
	    sys ? (int)strcspn(sys, "\n") : 200, sys ? sys : lxw_strerror(e));
}

/* Write the workbook to a temporary beside path, then rename it into place. */
int
rpt_xlsx_ext(const struct scn *s, const struct meas *m,
    const struct rpt_xlsx_opts *o, const struct rpt_xlsx_extra *extra, int nextra,
    const char *path, struct cq_err *err)
{
	struct rpt_xlsx *x = calloc(1, sizeof *x);
	struct afile af;

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
		x->why = o->why;
		x->nwhy = o->nwhy;
	}
	if ((x->wb = workbook_new(af.tmp)) == NULL || make_formats(x) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory writing the workbook");
		goto fail;
	}
	set_properties(x);
	if (write_sheets(x, extra, nextra, path, err) != 0 ||
	    close_workbook(x, path, err) != 0)
		goto fail;
	free(x);
	return afile_commit_path(&af, err);
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
