"""CSV and Excel downloads shared by the statistics page, the API and the staff ledger.

Every cell a user could have typed goes through `safe_cell()`: a text that starts with
`=`, `+`, `-` or `@` (or a tab/carriage return) would run as a formula in Excel, so it is
prefixed with a quote. Numbers and dates stay real numbers and dates.

Every workbook is laid out to be handed on as it is (`xlsx_workbook`): columns as wide as their
content (CJK characters count double), dates shown as 2020年8月26日 14:30, a title row naming the
export, its filter and when it was made, the header frozen and filtered, a totals row where the
sheet asks for one, and a landscape A4 page one page wide that repeats the header on every page.
Files that are read back by the registry import keep their header in the first row (no title).
"""

import csv
import datetime
import io
import itertools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_WIDTH = 20  # 2020年12月26日 14:30
DATE_WIDTH = 15  # 2020年12月26日
WIDTH_SAMPLE = 200  # rows read ahead to size the columns (write-only mode writes widths first)
MIN_WIDTH, MAX_WIDTH = 6, 36  # longer text wraps inside its column (the page stays legible one page wide)
HEADER_ONE_LINE = 6  # headers wider than this wrap onto two lines
WIDTH_PADDING = 2
LINE_HEIGHT = 15  # points per line of the title row
PAPER_A4 = 9

TITLE_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTALS_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True)  # bottom-aligned, as the unstyled cells beside it
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")


def safe_cell(value):
    """A value safe to put in a spreadsheet cell (formula injection escaped)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _content_disposition(filename):
    return f"attachment; filename*=UTF-8''{quote(filename)}"


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """Stream rows as a UTF-8 CSV (with BOM, so Excel on Windows reads the Chinese)."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _content_disposition(filename)
    return response


# ---- Excel --------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet: its name, header and rows (generated lazily).

    `totals` names the header columns summed in a totals row under the data (counts and
    person-times, never rates or ids); None means no totals row, () a row with the row count only.
    """

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    totals: Sequence[str] | None = None


@dataclass(frozen=True)
class SheetTitle:
    """The title row above the header: what the export is, its filter in words, when it was made."""

    title: str
    filters: str = ""
    exported_at: datetime.datetime | None = None

    def text(self, sheet_name: str) -> str:
        moment = timezone.localtime(self.exported_at or timezone.now())
        heading = self.title if self.title == sheet_name else f"{self.title} · {sheet_name}"
        return "\n".join(
            [
                heading,
                _("筛选条件：%(filters)s　导出时间：%(time)s")
                % {"filters": self.filters or _("全部"), "time": chinese_datetime(moment)},
            ]
        )


def chinese_date(day: datetime.date) -> str:
    """2020年8月26日"""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: datetime.datetime) -> str:
    """2020年8月26日 14:30 (in the time zone it carries)."""
    return f"{chinese_date(moment)} {moment:%H:%M}"


def display_width(value) -> int:
    """How many character cells a value takes in a spreadsheet column (CJK characters count 2)."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return DATETIME_WIDTH
    if isinstance(value, datetime.date):
        return DATE_WIDTH
    if isinstance(value, float):
        value = f"{value:.2f}"
    text = str(value)
    longest = 0
    for line in text.splitlines() or [""]:
        longest = max(longest, sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line))
    return longest


def _header_width(name) -> int:
    """A long header may wrap onto two lines (the header row wraps) rather than widen a narrow column."""
    width = display_width(name)
    return width if width <= HEADER_ONE_LINE else math.ceil(width / 2) + 1


def column_widths(header: Sequence[str], sample: Sequence[Sequence]) -> list[float]:
    """Widths fitted to the header and a sample of rows, between MIN_WIDTH and MAX_WIDTH."""
    widths = [_header_width(name) for name in header]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            if isinstance(value, datetime.date):
                widths[index] = max(widths[index], display_width(value) - WIDTH_PADDING)  # fixed, padding included
            else:
                widths[index] = max(widths[index], display_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width + WIDTH_PADDING)) for width in widths]


def _styled(sheet, value, *, font=None, fill=None, alignment=None, number_format=None):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


class _CellStyles:
    """The data cells' three styles, looked up once per sheet: setting a style on a cell looks it up
    in the workbook's style tables, which would cost more than the rest of a ledger row."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.datetime = _styled(sheet, None, number_format=DATETIME_FORMAT)._style
        self.date = _styled(sheet, None, number_format=DATE_FORMAT)._style
        self.wrap = _styled(sheet, None, alignment=WRAP)._style

    def cell(self, value, style):
        cell = WriteOnlyCell(self.sheet, value=value)
        cell._style = copy(style)
        return cell


def _data_cells(styles: _CellStyles, row, wrapped: set[int]):
    cells = []
    for index, value in enumerate(row):
        value = safe_cell(value)
        if isinstance(value, datetime.datetime):
            cells.append(styles.cell(value, styles.datetime))
        elif isinstance(value, datetime.date):
            cells.append(styles.cell(value, styles.date))
        elif index in wrapped and isinstance(value, str):
            cells.append(styles.cell(value, styles.wrap))
        else:
            cells.append(value)
    return cells


def _set_page(sheet, header_row: int):
    """Landscape A4, one page wide (as many pages tall as needed), small margins, header on every page."""
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # written before the rows: set first
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins = PageMargins(left=0.3, right=0.3, top=0.4, bottom=0.5, header=0.2, footer=0.2)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = _("第 &P 页，共 &N 页")


def _lines(value, width) -> int:
    """How many lines a wrapped text takes in a column of this width."""
    if not isinstance(value, str):
        return 1
    return max(1, math.ceil(display_width(value) / max(1, width - WIDTH_PADDING)))


def _append(sheet, row_number: int, lines: int, cells) -> None:
    """Append a row, tall enough for its wrapped text (spreadsheets do not all fit heights on opening).
    The height is dropped once written: write-only mode keeps no per-row state."""
    if lines > 1:
        sheet.row_dimensions[row_number].height = lines * LINE_HEIGHT
    sheet.append(cells)
    if lines > 1:
        del sheet.row_dimensions[row_number]


def write_sheet(workbook: Workbook, sheet_spec: Sheet, title: SheetTitle | None = None) -> None:
    """Append one laid-out sheet to a write-only workbook (rows streamed, only a sample held)."""
    sheet = workbook.create_sheet(title=sheet_spec.name[:31])
    header = [str(name) for name in sheet_spec.header]
    rows = iter(sheet_spec.rows)
    sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE)]
    widths = column_widths(header, sample)
    columns = max(1, len(header))
    last_column = get_column_letter(columns)
    wrapped = {index for index, width in enumerate(widths) if width >= MAX_WIDTH}
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    header_row = 2 if title else 1
    _set_page(sheet, header_row)
    sheet.freeze_panes = f"A{header_row + 1}"

    if title:
        text = title.text(sheet_spec.name)
        total_width = sum(widths) or MAX_WIDTH
        lines = sum(max(1, math.ceil(display_width(line) / total_width)) for line in text.splitlines())
        sheet.row_dimensions[1].height = lines * LINE_HEIGHT + 6
        sheet.merged_cells.add(f"A1:{last_column}1")
        sheet.append([_styled(sheet, text, font=TITLE_FONT, alignment=WRAP)])
    header_lines = max((_lines(name, width) for name, width in zip(header, widths, strict=False)), default=1)
    _append(
        sheet,
        header_row,
        header_lines,
        [_styled(sheet, name, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT) for name in header],
    )

    summed = [header.index(name) for name in (sheet_spec.totals or ()) if name in header]
    sums = dict.fromkeys(summed, 0)
    count = 0
    styles = _CellStyles(sheet)
    for row in itertools.chain(sample, rows):
        count += 1
        for index in summed:
            value = row[index]
            if isinstance(value, int | float) and not isinstance(value, bool):
                sums[index] += value
        lines = max((_lines(row[index], widths[index]) for index in wrapped if index < len(row)), default=1)
        _append(sheet, header_row + count, lines, _data_cells(styles, row, wrapped))

    last_data_row = header_row + count
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{last_data_row}"
    if sheet_spec.totals is not None:
        # A computed value, not a formula: the figures are final, and no cell of ours is a formula.
        totals = [None] * columns
        totals[0] = _("合计（%(count)d 行）") % {"count": count}
        for index, value in sums.items():
            if index != 0:
                totals[index] = value
        sheet.append([_styled(sheet, value, font=TOTALS_FONT) for value in totals])


def xlsx_workbook(sheets: Iterable, *, title: SheetTitle | None = None) -> bytes:
    """An .xlsx file with one laid-out sheet per `Sheet` (or (name, header, rows) tuple), written in
    write-only mode so a large ledger streams through in bounded memory. With a `title`, each sheet
    starts with the title row; without one (files read back by the import) the header is row 1."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        write_sheet(workbook, spec if isinstance(spec, Sheet) else Sheet(*spec), title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets, *, title: SheetTitle | None = None) -> HttpResponse:
    response = HttpResponse(xlsx_workbook(sheets, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    return response
