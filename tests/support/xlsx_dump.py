"""Dumps an .xlsx as JSON with openpyxl, an independent reader of what we write.

Usage: python3 xlsx_dump.py FILE.xlsx [--styles]
Output: {"sheets": [{"name", "freeze", "merged", "widths", "cells": [[row, col, type, value, bold, numFmt]]}]}
Dates come out as ISO strings with type "d"; formulas keep type "f".
Each sheet's "print" is its page setup: orientation, paperSize, fitToPage,
fitToWidth, fitToHeight, printTitleRows, printArea, margins (inches), hidden columns.
With --styles each sheet also has "styles": the look of every cell, empty ones
included: [row, col, {font, size, bold, fill, horizontal, vertical, wrap, border, numFmt, isDate}].
"""
import datetime
import json
import sys

import openpyxl


def value_of(cell):
    v = cell.value
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d") if v.time() == datetime.time(0) else v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def style_of(cell):
    fill = cell.fill
    sides = cell.border
    return {
        "font": cell.font.name,
        "size": cell.font.sz,
        "bold": bool(cell.font.b),
        "fill": fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None,
        "horizontal": cell.alignment.horizontal,
        "vertical": cell.alignment.vertical,
        "wrap": bool(cell.alignment.wrap_text),
        # One word for the four sides: the style they share, or "mixed".
        "border": (lambda s: s.pop() if len(s) == 1 else "mixed")(
            {side.style for side in (sides.left, sides.right, sides.top, sides.bottom)}
        ),
        "numFmt": cell.number_format,
        "isDate": getattr(cell, "is_date", False),
    }


def print_of(ws):
    setup = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    m = ws.page_margins
    return {
        "orientation": setup.orientation,
        "paperSize": int(setup.paperSize) if setup.paperSize is not None else None,
        "fitToPage": bool(props is not None and props.fitToPage),
        "fitToWidth": int(setup.fitToWidth) if setup.fitToWidth is not None else None,
        "fitToHeight": int(setup.fitToHeight) if setup.fitToHeight is not None else None,
        "printTitleRows": ws.print_title_rows,
        "printArea": ws.print_area,
        "margins": {"left": m.left, "right": m.right, "top": m.top, "bottom": m.bottom},
        "hiddenColumns": sorted(
            k for k, d in ws.column_dimensions.items() if d.hidden
        ),
    }


def main(path, styles=False):
    wb = openpyxl.load_workbook(path)  # formulas stay formulas (data_only=False)
    out = {"sheets": []}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells.append([
                    cell.row,
                    cell.column,
                    "d" if cell.is_date else cell.data_type,
                    value_of(cell),
                    bool(cell.font and cell.font.b),
                    cell.number_format,
                ])
        widths = {i: None for i in range(1, ws.max_column + 1)}
        # Neighbouring columns of one width are stored as one <col min max> range.
        for dim in ws.column_dimensions.values():
            if dim.min is None:
                continue
            for i in range(dim.min, (dim.max or dim.min) + 1):
                if i in widths:
                    widths[i] = dim.width
        sheet = {
            "name": ws.title,
            "freeze": ws.freeze_panes,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": widths,
            "hyperlinks": len(ws._hyperlinks),
            "cells": cells,
            "print": print_of(ws),
        }
        if styles:
            sheet["styles"] = [
                [cell.row, cell.column, style_of(cell)] for row in ws.iter_rows() for cell in row
            ]
        out["sheets"].append(sheet)
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1], "--styles" in sys.argv[2:])
