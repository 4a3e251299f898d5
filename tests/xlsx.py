"""Reading the site's Excel files back in tests: the header and data rows of a sheet.

Every laid-out sheet (core.exports) may open with a title row and end with a totals row; its
autofilter covers exactly the header and the data, so that range is the table.
"""

from openpyxl.utils.cell import range_boundaries


def table_rows(sheet) -> list[list]:
    """The header row and the data rows of a worksheet (title and totals rows left out)."""
    _min_col, min_row, _max_col, max_row = range_boundaries(sheet.auto_filter.ref)
    return [list(row) for row in sheet.iter_rows(min_row=min_row, max_row=max_row, values_only=True)]


def totals_row(sheet) -> list:
    """The row under the data (the totals row), or [] if the sheet has none."""
    _min_col, _min_row, _max_col, max_row = range_boundaries(sheet.auto_filter.ref)
    rows = list(sheet.iter_rows(min_row=max_row + 1, max_row=max_row + 1, values_only=True))
    return list(rows[0]) if rows and any(cell is not None for cell in rows[0]) else []
