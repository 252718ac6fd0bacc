# sweep_xlsx.py — helpers of tests/sweep_xlsx.sh and tests/sweep.sh: the Sweep
# sheet's columns by (group header, column header), and what a chart's series
# show, followed through the Sweep charts sheet's formulas to the Sweep sheet.
import re
from openpyxl.utils import column_index_from_string


def columns(ws, group_row=2, head_row=3):
    """{(group, header): column} with each merged group header carried over
    the columns it spans."""
    out, group = {}, None
    merged = {r.min_col: r.max_col for r in ws.merged_cells.ranges if r.min_row == group_row}
    end = 0
    for k in range(1, ws.max_column + 1):
        g = ws.cell(group_row, k).value
        if g is not None or k > end:
            group, end = g, merged.get(k, k)
        out[(group, ws.cell(head_row, k).value)] = k
    return out


def series_sources(wb, chart):
    """For each series of chart: the Sweep sheet columns its values come from
    (the formulas of the Sweep charts cells it points at)."""
    out = []
    for s in chart.series:
        ref = s.val.numRef.f
        m = re.match(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", ref)
        assert m, ref
        ws = wb[m.group(1)]
        col = column_index_from_string(m.group(2))
        cols = set()
        for r in range(int(m.group(3)), int(m.group(5)) + 1):
            v = ws.cell(r, col).value
            if v is None:     # no figure: a gap in the line
                continue
            f = re.match(r"=Sweep!\$([A-Z]+)\$\d+", str(v))
            assert f, (ref, r, v)
            cols.add(column_index_from_string(f.group(1)))
        out.append(cols)
    return out


def series_cells(wb, series):
    """The cells a series' values are read from."""
    m = re.match(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", series.val.numRef.f)
    ws = wb[m.group(1)]
    col = column_index_from_string(m.group(2))
    return [ws.cell(r, col) for r in range(int(m.group(3)), int(m.group(5)) + 1)]
