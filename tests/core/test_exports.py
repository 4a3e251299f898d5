"""The Excel layout every download shares (core.exports): widths, title row, frozen and filtered
header, totals row, print setup; formula-like text still escaped; CSV unchanged."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from core.exports import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MAX_WIDTH,
    Sheet,
    SheetTitle,
    column_widths,
    csv_response,
    display_width,
    xlsx_workbook,
)
from tests.xlsx import table_rows, totals_row

TZ = ZoneInfo("Asia/Shanghai")
HEADER = ["编号", "议题", "开始时间", "反映日期", "参与人次合计", "解决率（%）"]
ROWS = [
    [
        1,
        '=HYPERLINK("http://evil")',
        datetime.datetime(2020, 8, 26, 14, 30, tzinfo=TZ),
        datetime.date(2020, 8, 1),
        12,
        50.0,
    ],
    [2, "小区停车难问题协商" * 8, datetime.datetime(2020, 9, 1, 9, 0, tzinfo=TZ), datetime.date(2020, 9, 2), 30, 75.0],
    [3, "@SUM(A1)", None, None, None, None],
]
EXPORTED_AT = datetime.datetime(2020, 8, 26, 6, 30, tzinfo=datetime.UTC)  # 14:30 in Shanghai


TITLE = SheetTitle("议事台账", "街道：和平桥街道", EXPORTED_AT)


def workbook(title=TITLE, totals=("参与人次合计",)):
    content = xlsx_workbook([Sheet("议事活动", HEADER, iter(ROWS), totals=totals)], title=title)
    return load_workbook(io.BytesIO(content))["议事活动"]


def test_cjk_characters_count_double():
    assert display_width("abc") == 3
    assert display_width("议事室") == 6
    assert display_width("议事（室）") == 10
    assert display_width(datetime.datetime(2020, 12, 26, 14, 30)) >= display_width("2020年12月26日 14:30")
    assert display_width(datetime.date(2020, 12, 26)) >= display_width("2020年12月26日")
    assert column_widths(["议题"], [["a" * 500]]) == [MAX_WIDTH]  # capped: longer text wraps


def test_title_row_header_freeze_filter_and_widths():
    sheet = workbook()
    title = sheet["A1"].value
    assert title.splitlines() == ["议事台账 · 议事活动", "筛选条件：街道：和平桥街道　导出时间：2020年8月26日 14:30"]
    assert "A1:F1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[2]] == HEADER
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:F5"  # header and the three data rows, not the totals
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert set(widths) == {"A", "B", "C", "D", "E", "F"}
    assert widths["C"] >= display_width("2020年12月26日 14:30")  # no ### for datetimes
    assert widths["D"] >= display_width("2020年12月26日")
    assert widths["A"] >= display_width("编号") + 2
    # A long header is not cut off: it wraps onto at most two lines.
    assert widths["E"] >= display_width("参与人次合计") / 2 and sheet["E2"].alignment.wrap_text
    assert widths["B"] == MAX_WIDTH and sheet["B4"].alignment.wrap_text


def test_dates_are_real_dates_shown_in_chinese():
    sheet = workbook()
    assert sheet["C3"].value == datetime.datetime(2020, 8, 26, 14, 30)  # Shanghai time, a real datetime
    assert sheet["C3"].number_format == DATETIME_FORMAT == 'yyyy"年"m"月"d"日" hh:mm'
    assert sheet["D3"].number_format == DATE_FORMAT == 'yyyy"年"m"月"d"日"'


def test_totals_row_sums_the_named_columns_only():
    sheet = workbook()
    totals = totals_row(sheet)
    assert totals[0] == "合计（3 行）"
    assert totals[4] == 42
    assert totals[5] is None  # a rate is not summed
    assert sheet["A6"].font.b
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_formula_like_text_is_still_escaped():
    rows = table_rows(workbook())
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[3][1] == "'@SUM(A1)"


def test_print_setup_landscape_a4_one_page_wide_with_the_header_on_every_page():
    sheet = workbook()
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_margins.left <= 0.5 and sheet.page_margins.right <= 0.5
    assert "&P" in sheet.oddFooter.center.text


def test_without_a_title_the_header_is_the_first_row():
    """Files the registry import reads back keep the header in row 1."""
    sheet = workbook(title=None, totals=None)
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.max_row == 4
    assert totals_row(sheet) == []


def test_an_empty_sheet_still_has_its_title_header_and_zero_totals():
    content = xlsx_workbook(
        [Sheet("民生问题", ["编号", "催办次数"], [], totals=["催办次数"])], title=SheetTitle("议事台账")
    )
    sheet = load_workbook(io.BytesIO(content))["民生问题"]
    assert "筛选条件：全部" in sheet["A1"].value
    assert sheet.auto_filter.ref == "A2:B2"
    assert totals_row(sheet) == ["合计（0 行）", 0]


def test_plain_tuples_still_work():
    content = xlsx_workbook([("表", ["a"], [[1], [2]])])
    assert table_rows(load_workbook(io.BytesIO(content))["表"]) == [["a"], [1], [2]]


def test_csv_is_unchanged_no_title_no_totals():
    response = csv_response("x.csv", HEADER, ROWS)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff编号,议题,")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == HEADER and len(rows) == 4
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
