# SPDX-License-Identifier: GPL-3.0-or-later
"""xlsx_check.py WORKBOOK JSON — the workbook of `clinicq run -o` holds the
numbers of the JSON of the same run, in the sheets, formats and charts that
doc/workbook.md promises.  Prints one line per failure; exits 1 if any."""
import datetime
import json
import math
import posixpath
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import to_excel

xlsx_path, json_path = sys.argv[1], sys.argv[2]
d = json.load(open(json_path))
wb = openpyxl.load_workbook(xlsx_path)
values = openpyxl.load_workbook(xlsx_path, data_only=True)   # formulas' cached results
failures = []


def fail(msg):
    failures.append(msg)


def close(a, b, tol=1e-9, what=""):
    """a (from the workbook) equals b (from the JSON) within tol, relative or absolute."""
    if b is None:
        if a not in (None, "\u2013"):
            fail(f"{what}: {a!r} in the workbook, null in the JSON")
        return
    if not isinstance(a, (int, float)) or isinstance(a, bool):
        fail(f"{what}: {a!r} is not a number (JSON {b!r})")
        return
    if abs(a - b) > tol * max(1.0, abs(b)):
        fail(f"{what}: {a!r} in the workbook, {b!r} in the JSON")


def clamp(x, top=math.inf):
    """An interval's end as the workbook shows it: within [0, top]."""
    return x if x is None else min(max(x, 0.0), top)


def minutes(v):
    """A duration cell as minutes (openpyxl turns them into timedelta/datetime)."""
    if isinstance(v, (datetime.datetime, datetime.timedelta, datetime.time)):
        return to_excel(v) * 1440.0
    if isinstance(v, (int, float)):
        return v * 1440.0
    return v


def close_min(cell, want, what, clock=False):
    # Below a day the duration is exact (openpyxl rounds to the millisecond);
    # from a day on it is rounded to the minute.
    tol = 0.51 if want is not None and want >= 1439.5 else 0.001
    got = minutes(cell.value)
    if want is None:
        close(got, None, what=what)
    elif not isinstance(got, (int, float)) or abs(got - want) > tol:
        fail(f"{what}: {got!r} min in the workbook, {want!r} in the JSON")
    # A duration with its units ("8 min", "16 h 08 min", "2 d 4 h 30 min"),
    # never a clock time's h:mm.
    fmt = cell.number_format
    if clock:                   # a time of day reads as one
        if fmt != "[h]:mm":
            fail(f"{what}: number format {fmt!r} is not a time of day")
    elif not (fmt == '[<0.04166666666666][m]" min";[h]" h "mm" min"' or re.fullmatch(r'\[=(\d+)\]"\1 d";"\1 d "h" h "mm" min"', fmt)):
        fail(f"{what}: number format {fmt!r} is not a duration with its units")


def find_row(ws, col, text, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, col).value == text:
            return r
    fail(f"{ws.title}: no row with {text!r} in column {col}")
    return None


def header_cols(ws, row):
    """Column header text -> column number (first occurrence)."""
    cols = {}
    for c in range(1, ws.max_column + 1):
        v = ws.cell(row, c).value
        if isinstance(v, str) and v not in cols:
            cols[v] = c
    return cols


# ---- sheets, properties, page setup -----------------------------------------
want_sheets = ["Summary", "Roster", "Misses", "Backlog", "Waits", "Roles"]
if wb.sheetnames != want_sheets:
    fail(f"sheets {wb.sheetnames}, want {want_sheets}")
props = wb.properties
if d["scenario"] not in (props.title or ""):
    fail(f"document title {props.title!r} lacks the scenario name")
if props.creator != "clinicq":
    fail(f"document author {props.creator!r}")
if props.created is None or props.created.year < 2000:
    fail(f"document created {props.created!r}: want the scenario's start date")
for ws in wb:
    if ws.page_setup.orientation != "landscape":
        fail(f"{ws.title}: not landscape")
    # Every sheet prints one page wide; the Summary on exactly one page.
    # (1 is the XML default, so a writer may leave it out: None.)
    tall = (None, 1, "1") if ws.title == "Summary" else ("0", 0)
    if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToWidth not in (None, 1, "1") \
            or ws.page_setup.fitToHeight not in tall:
        fail(f"{ws.title}: not fitted to one page wide ({'and one tall' if ws.title == 'Summary' else 'any length'})")
    if ws.freeze_panes is None:
        fail(f"{ws.title}: no frozen panes")
    for col in ("A", "B"):
        if ws.column_dimensions[col].width is None or ws.column_dimensions[col].width < 4:
            fail(f"{ws.title}: column {col} has no fitted width")

classes = d["classes"]
weeks = d["weeks"]

# ---- Summary ----------------------------------------------------------------
ws = wb["Summary"]
if ws["A1"].value != d["scenario"]:
    fail(f"Summary!A1 {ws['A1'].value!r}, want the scenario name")
r = find_row(ws, 1, "Seed")
if r:
    close(ws.cell(r, 2).value, d["seed"], what="seed")
r = find_row(ws, 1, "Replications")
if r:
    close(ws.cell(r, 2).value, d["replications"], what="replications")
r = find_row(ws, 1, "Events simulated")
if r:
    close(ws.cell(r, 2).value, d["events"], what="events")

verdict = {"confident": "met", "on_average": "met on average", "no": "missed", None: "no target"}
verdict_fill = {"confident": "C6EFCE", "on_average": "FFEB9C", "no": "FFC7CE"}
t = find_row(ws, 1, "Targets")
h = t + 1 if t else None
if h:
    cols = header_cols(ws, h)
    for name, c in classes.items():
        r = find_row(ws, 1, name, h + 1)
        if not r:
            continue
        what = f"Summary {name}"
        close(ws.cell(r, cols["Arrived per week"]).value, c["arrived"]["mean"] / weeks,
              what=what + " arrived per week")
        for key, col in (("mean", "Attained"), ("lo", "95% CI low"), ("hi", "95% CI high")):
            cell = ws.cell(r, cols[col])
            close(cell.value, clamp(c["attainment"][key], 1), what=f"{what} attainment {key}")
            if cell.number_format != "0.0%":
                fail(f"{what} {col}: format {cell.number_format!r}, want a percentage")
        if c["target"] is not None:
            close(ws.cell(r, cols["Target share"]).value, c["target"]["share"],
                  what=what + " target share")
            close_min(ws.cell(r, cols["Within"]), c["target"]["within_min"], what + " within")
            v = ws.cell(r, cols["Verdict"])
            if v.value != verdict[c["met"]]:
                fail(f"{what} verdict {v.value!r}, JSON says {c['met']!r}")
            rgb = (v.fill.fgColor.rgb or "")[-6:]
            if rgb != verdict_fill[c["met"]]:
                fail(f"{what} verdict colour {rgb!r}, want {verdict_fill[c['met']]}")
        # One "open at end" (doc/model.md): the JSON's open_at_end, a week.
        close(ws.cell(r, cols["Open at end per week"]).value,
              c["open_at_end"]["mean"] / weeks, what=what + " open at end per week")
        if c["mode"] == "sync":
            close(ws.cell(r, cols["Gave up (share)"]).value, c["abandon_rate"]["mean"],
                  what=what + " gave up")

t = next((r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Occupancy"), None)
capped = any(ro["met"] is not None for ro in d["roles"].values())
if capped and not t:
    fail("Summary: no Occupancy section with max_utilization")
if t and not capped:
    fail("Summary: an Occupancy section without max_utilization")
if t:
    for name, ro in d["roles"].items():
        r = find_row(ws, 1, name, t + 2)
        if not r:
            fail(f"Summary Occupancy: no row for {name}")
            continue
        close(ws.cell(r, 2).value, ro["utilization"]["mean"], what=f"Summary {name} utilization")
        want = {"n/a": "n/a"}.get(ro["met"]) or verdict[ro["met"]]
        if ws.cell(r, 6).value != want:
            fail(f"Summary {name} occupancy verdict {ws.cell(r, 6).value!r}, want {want!r}")

t = find_row(ws, 1, "Waits and responses")
if t:
    h = t + 2
    keys = ["wait_mean_min", "wait_p50_min", "wait_p90_min", "wait_p95_min",
            "wait_p99_min", "wait_max_min", "response_mean_min", "response_p50_min",
            "response_p90_min", "response_p95_min", "response_p99_min", "response_max_min"]
    for name, c in classes.items():
        r = find_row(ws, 1, name, h + 1)
        if r:
            for i, k in enumerate(keys):
                close_min(ws.cell(r, 2 + i), c[k]["mean"], f"Summary {name} {k}")

t = find_row(ws, 1, "Cost per week")
if t:
    for label, key in (("Rostered hours", "staff"), ("Overtime", "overtime"), ("Total", "total")):
        r = find_row(ws, 1, label, t)
        if r:
            for i, part in enumerate(("mean", "lo", "hi")):
                close(ws.cell(r, 2 + i).value, clamp(d["cost_per_week"][key][part]),
                      what=f"cost per week {key} {part}")
t = find_row(ws, 1, "Safety")
if t:
    for label, key in (("Acute items", "acute"), ("Escalated to call-back", "escalated"),
                       ("Missed", "missed"), ("Miss rate", "miss_rate"),
                       ("Call-backs unreached", "unreached")):
        r = find_row(ws, 1, label, t)
        if r:
            # Counts a week; the rate as it is.
            v = d["safety"][key]["mean"]
            close(ws.cell(r, 2).value, v if v is None or key == "miss_rate" else v / weeks,
                  what=f"safety {key}")
t = find_row(ws, 1, "Warnings")
if t:
    text = " ".join(str(ws.cell(r, 1).value or "") for r in range(t + 1, ws.max_row + 1))
    for w in d["warnings"]:
        if w[1:] not in text:       # the first letter is capitalised
            fail(f"warning not in the Summary: {w!r}")
    if not d["warnings"] and "None" not in text:
        fail("no warnings, and the Summary does not say 'None.'")

# ---- Roster -----------------------------------------------------------------
ws = wb["Roster"]
cols = header_cols(ws, 3)
for k in ("Shift", "Role", "Days", "Start", "End", "Staff", "Cost per week"):
    if k not in cols:
        fail(f"Roster: no column {k!r}")
r = find_row(ws, 1, "Total")
if r and "Cost per week" in cols:
    # Rostered cost is deterministic: the shifts' total is the JSON's staff cost.
    cell = ws.cell(r, cols["Cost per week"])
    if not str(cell.value).startswith("=SUM("):
        fail(f"Roster total cost per week is {cell.value!r}, not a sum")
    close(values["Roster"].cell(r, cols["Cost per week"]).value,
          d["cost_per_week"]["staff"]["mean"], 1e-9, "Roster total cost per week")
r = find_row(ws, 1, "rn_day")
if r:
    if ws.cell(r, cols["Days"]).value != "Mon\u2013Fri":
        fail(f"Roster rn_day days {ws.cell(r, cols['Days']).value!r}")
    close_min(ws.cell(r, cols["Start"]), 8 * 60, "Roster rn_day start", clock=True)
    close(ws.cell(r, cols["Staff"]).value, 2, what="Roster rn_day staff")
# Coverage grid: rn_day is 2 people Mon-Fri 08:00-16:30.
g = find_row(ws, 1, "rn on duty")
if g:
    hdr = [ws.cell(g + 1, c).value for c in range(1, 9)]
    if hdr != ["Hour", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]:
        fail(f"Roster grid header {hdr}")
    grid = {(ws.cell(g + 2 + hh, 1).value, day): ws.cell(g + 2 + hh, 2 + day).value
            for hh in range(24) for day in range(7)}
    for (lab, day), want in ((("08:00", 0), 2), (("15:00", 4), 2), (("16:00", 2), 1),
                             (("17:00", 0), 0), (("10:00", 5), 0), (("03:00", 6), 0)):
        close(grid.get((lab, day)), want, what=f"coverage rn {lab} day {day}")
    if not any(cf for cf in ws.conditional_formatting):
        fail("Roster: the coverage grid has no colour scale")

# ---- Backlog ----------------------------------------------------------------
ws = wb["Backlog"]
# The charts first (the page prints what a reader looks at), the 168-row table
# below them, from a page of its own.
bh = find_row(ws, 1, "Day") or 4
if bh < 3 + 15 * len(classes):
    fail(f"Backlog: the table starts at row {bh}, above the charts' end")
# (A break's id is the last row of the page before it: the section title's row
# above the header starts the new page.)
if bh - 2 not in (b.id for b in ws.row_breaks.brk):
    fail("Backlog: the table does not start a printed page")
cols = header_cols(ws, bh)
for name, c in classes.items():
    if name not in cols:
        fail(f"Backlog: no column for {name}")
        continue
    n = len(failures)
    for i, want in enumerate(c["backlog_by_hour"]):
        close(ws.cell(bh + 1 + i, cols[name]).value, want, what=f"Backlog {name} hour {i}")
        if len(failures) > n:
            break                   # one failure per class is enough
if ws.cell(bh + 1, 1).value != "Mon" or ws.cell(bh + 1 + 24, 1).value != "Tue":
    fail("Backlog: day labels are not Mon, Tue... at hour 0")

# ---- Waits ------------------------------------------------------------------
ws = wb["Waits"]
h = find_row(ws, 1, "Time taken")
s = find_row(ws, 1, "Share of items counted done")
# A sync class's shares are of the answered: the label says so, and the
# Summary's attainment (of all arrivals) and the share who gave up stand beside.
mr = find_row(ws, 1, "Measured")
ar = find_row(ws, 1, "Attained, of all arrivals")
gr = find_row(ws, 1, "Gave up (not counted)")
if mr and ar and gr:
    cols = header_cols(ws, mr - 1)
    for name, c in classes.items():
        col = cols.get(name)
        if col is None:
            continue
        want = "wait, answered only" if c["mode"] == "sync" else "response"
        if ws.cell(mr, col).value != want:
            fail(f"Waits {name}: measured {ws.cell(mr, col).value!r}, want {want!r}")
        if c["target"] is not None:
            close(ws.cell(ar, col).value, c["attainment"]["mean"],
                  what=f"Waits {name} attainment of all arrivals")
        if c["mode"] == "sync":
            close(ws.cell(gr, col).value, c["abandon_rate"]["mean"],
                  what=f"Waits {name} gave up")
if h and s:
    cols = header_cols(ws, h)
    for name, c in classes.items():
        col = cols.get(name)
        if col is None:
            fail(f"Waits: no column for {name}")
            continue
        shares = [ws.cell(r, col).value for r in range(h + 1, s - 1)]
        if any(not isinstance(x, (int, float)) or x < 0 for x in shares):
            fail(f"Waits {name}: shares {shares}")
        elif abs(sum(shares) - 1) > 1e-9:
            fail(f"Waits {name}: shares add up to {sum(shares)}")
        # The pooled histogram agrees with the attainment (a mean of per-run
        # shares) within sampling noise and the bins' 1% edges.
        # (Of the answered for a sync class: only where nobody gave up.)
        if c["target"] is not None and not (c["abandoned"]["mean"] or 0) > 0:
            within = c["target"]["within_min"]
            label = {240: "Within 4 h", 1440: "Within 24 h", 2880: "Within 2 days"}.get(within)
            if label:
                r = find_row(ws, 1, label, s)
                if r:
                    close(ws.cell(r, col).value, c["attainment"]["mean"], 0.03,
                          f"Waits {name} {label} vs attainment")

# ---- Roles ------------------------------------------------------------------
ws = wb["Roles"]
cols = header_cols(ws, 3)
for name, ro in d["roles"].items():
    r = find_row(ws, 1, name, 4)
    if not r:
        continue
    close(ws.cell(r, cols["Utilization"]).value, ro["utilization"]["mean"], what=f"{name} utilization")
    close(ws.cell(r, cols["95% CI low"]).value, clamp(ro["utilization"]["lo"], 1),
          what=f"{name} utilization lo")
    close(ws.cell(r, cols["On-duty hours per week"]).value, ro["on_duty_hours_per_week"]["mean"],
          what=f"{name} on-duty hours")
    close(ws.cell(r, cols["Overtime hours per week"]).value, ro["overtime_hours_per_week"]["mean"],
          what=f"{name} overtime hours")
    close(ws.cell(r, cols["Cost per week"]).value, ro["cost_per_week"]["mean"], what=f"{name} cost")
    if ws.cell(r, cols["Utilization"]).number_format != "0.0%":
        fail(f"Roles {name}: utilization is not a percentage")
    close(ws.cell(r, cols["Absent hours per week"]).value, ro["absent_hours_per_week"]["mean"],
          what=f"{name} absent hours")
    verdict = {None: "no target", "confident": "met", "on_average": "met on average",
               "no": "missed", "n/a": "n/a"}[ro["met"]]
    if ws.cell(r, cols["Utilization verdict"]).value != verdict:
        fail(f"Roles {name}: verdict {ws.cell(r, cols['Utilization verdict']).value!r}, "
             f"want {verdict!r}")

# ---- charts: in the package, drawn from the sheets that promise them ---------
z = zipfile.ZipFile(xlsx_path)
names = set(z.namelist())
if z.testzip() is not None:
    fail("the package has a corrupt member")
wbrels = z.read("xl/_rels/workbook.xml.rels").decode()
wbxml = z.read("xl/workbook.xml").decode()
rid_target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', wbrels))
rid_target.update({a: b for b, a in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', wbrels)})


def rels(part):
    """Targets of a part's relationships, as package paths."""
    base, leaf = posixpath.split(part)
    rp = posixpath.join(base, "_rels", leaf + ".rels")
    if rp not in names:
        return []
    out = []
    for tgt in re.findall(r'Target="([^"]+)"', z.read(rp).decode()):
        out.append(posixpath.normpath(posixpath.join(base, tgt)))
    return out


# Misses: a causes chart per class with misses (the JSON's miss_causes).
with_misses = [n for n, c in d["classes"].items() if c["target"] is not None and
               sum(v["mean"] or 0 for v in c["miss_causes"].values()) > 0]
want_charts = {"Summary": 0, "Roster": 0, "Misses": len(with_misses),
               "Backlog": len(classes), "Waits": 1, "Roles": 2}
for sheet, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wbxml):
    part = posixpath.normpath(posixpath.join("xl", rid_target[rid]))
    charts = [c for dr in rels(part) if "/drawings/" in dr for c in rels(dr) if "/charts/" in c]
    if len(charts) != want_charts.get(sheet, 0):
        fail(f"{sheet}: {len(charts)} chart(s), want {want_charts.get(sheet, 0)}")
    for c in charts:
        if c not in names:
            fail(f"{sheet}: chart part {c} missing from the package")
            continue
        xml = z.read(c).decode()
        if f"{sheet}!$" not in xml:
            fail(f"{sheet}: chart {c} does not plot this sheet's cells")
        if xml.count("<c:ser>") < 1:
            fail(f"{sheet}: chart {c} has no series")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
