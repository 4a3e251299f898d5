"""The statistics page's breakdowns: which selector each reads, its columns and its chart.

The page, its CSV and its Excel downloads all read the rows from the same selector through
this table, so a downloaded file always shows what the page shows.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from figures import selectors

NOT_SUMMED = {"label", "average_days"}


@dataclass(frozen=True)
class Breakdown:
    slug: str
    title: str
    rows: object  # a callable returning the rows (dicts)
    columns: tuple  # (key, header) pairs; the first is the row label
    chart_key: str
    chart_label: str
    chart_unit: str = ""

    def header(self):
        return [str(header) for _key, header in self.columns]

    def totals(self):
        """The headers summed in the Excel totals row: counts and person-times, never rates or averages."""
        return [str(header) for key, header in self.columns[1:] if key not in NOT_SUMMED and not key.endswith("_rate")]

    def table(self, rows=None):
        """The rows as lists of cells in column order (the page's table, the CSV and Excel files)."""
        rows = self.rows() if rows is None else rows
        return [[row.get(key) for key, _header in self.columns] for row in rows]


ROOM_COLUMNS = (
    ("rooms", _("议事室（个）")),
    ("sessions_held", _("议事活动（场次）")),
    ("person_times", _("参与人次")),
    ("issues_total", _("民生问题（个）")),
    ("issues_resolved", _("已解决（个）")),
    ("resolution_rate", _("解决率（%）")),
)

# Per department: only the department's public name, never a liaison's (see departments.models).
DEPARTMENT_COLUMNS = (
    ("label", _("承办单位")),
    ("issues_total", _("交办问题（个）")),
    ("issues_open", _("办理中（个）")),
    ("issues_resolved", _("已解决（个）")),
    ("on_time", _("按期办结（个）")),
    ("on_time_rate", _("按期办结率（%）")),
    ("overdue", _("逾期未办结（个）")),
    ("average_days", _("平均办结天数")),
    ("satisfaction_rate", _("群众满意率（%）")),
)

BREAKDOWNS = {
    breakdown.slug: breakdown
    for breakdown in (
        Breakdown(
            "street",
            _("按街道统计"),
            selectors.breakdown_by_street,
            (("label", _("街道")), *ROOM_COLUMNS),
            "sessions_held",
            _("议事活动场次"),
            _("场"),
        ),
        Breakdown(
            "level",
            _("按议事室层级统计"),
            selectors.breakdown_by_level,
            (("label", _("层级")), *ROOM_COLUMNS),
            "person_times",
            _("参与人次"),
            _("人次"),
        ),
        Breakdown(
            "category",
            _("按问题类别统计"),
            selectors.breakdown_by_category,
            (
                ("label", _("类别")),
                ("issues_total", _("民生问题（个）")),
                ("issues_resolved", _("已解决（个）")),
                ("resolution_rate", _("解决率（%）")),
            ),
            "resolution_rate",
            _("解决率"),
            "%",
        ),
        Breakdown(
            "department",
            _("按承办单位统计"),
            selectors.breakdown_by_department,
            DEPARTMENT_COLUMNS,
            "on_time_rate",
            _("按期办结率"),
            "%",
        ),
        Breakdown(
            "month",
            _("按月份统计"),
            selectors.breakdown_by_month,
            (("label", _("月份")), ("sessions_held", _("议事活动（场次）")), ("person_times", _("参与人次"))),
            "sessions_held",
            _("议事活动场次"),
            _("场"),
        ),
        Breakdown(
            "satisfaction",
            _("群众满意度"),
            lambda: selectors.satisfaction_summary()["rows"],
            (("label", _("评价")), ("count", _("评价数"))),
            "count",
            _("评价数"),
            _("条"),
        ),
        Breakdown(
            "outcomes",
            _("成果转化"),
            lambda: selectors.outcome_summary()["rows"],
            (
                ("label", _("类型")),
                ("total", _("报送（件）")),
                ("adopted", _("采纳（件）")),
                ("adoption_rate", _("采纳率（%）")),
            ),
            "total",
            _("报送件数"),
            _("件"),
        ),
    )
}


# The page shows at most this many rows of a breakdown (a province has 1,300 streets): the rows
# with the largest chart figure, with a note; the CSV and Excel downloads keep every row.
PAGE_ROWS_MAX = 30


def rows_for_page(breakdown, rows):
    """The rows the page draws and tabulates: all of them up to `PAGE_ROWS_MAX`, else the ones
    with the largest chart figure (the monthly trend keeps its order: it is a time series)."""
    if len(rows) <= PAGE_ROWS_MAX or breakdown.slug == "month":
        return rows
    return sorted(rows, key=lambda row: row.get(breakdown.chart_key) or 0, reverse=True)[:PAGE_ROWS_MAX]


# The SVG is 300 units wide, about its width in CSS pixels on a 375 px phone, so the 14-unit
# labels read at 14 px there (and at most ~19 px on a desktop, where the chart is capped at 400 px).
CHART_WIDTH = 300
CHART_ROW_HEIGHT = 46
CHART_BAR_WIDTH = 220  # SVG units for the largest value; the labels sit above the bars

# The monthly trend: one column per month, a label under every few columns.
COLUMN_CHART_HEIGHT = 200
COLUMN_AREA = (8, 20, 292, 160)  # left, top, right, bottom of the plot area
COLUMN_LABELS = 3  # at most this many month labels under the columns (a label is ~70 units wide)


def chart_bars(rows, key):
    """The bars the SVG chart draws: label, value, vertical offset and width (largest = full)."""
    values = [row.get(key) or 0 for row in rows]
    largest = max(values, default=0)
    return [
        {
            "label": row["label"],
            "key": row.get("key", ""),
            "value": row.get(key),
            "y": index * CHART_ROW_HEIGHT,
            "width": round(value * CHART_BAR_WIDTH / largest, 1) if largest else 0,
        }
        for index, (row, value) in enumerate(zip(rows, values, strict=True))
    ]


def chart_columns(rows, key):
    """The columns of the monthly trend: x, y, width and height of each (largest = full height),
    and the few month labels under them (first, last and evenly between)."""
    left, top, right, bottom = COLUMN_AREA
    values = [row.get(key) or 0 for row in rows]
    largest = max(values, default=0)
    count = len(values)
    step = (right - left) / count if count else 0
    every = max(1, -(-count // COLUMN_LABELS))  # ceil
    columns = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        height = round(value * (bottom - top) / largest, 1) if largest else 0
        columns.append(
            {
                "label": row["label"],
                "value": row.get(key),
                "x": round(left + index * step + step * 0.15, 1),
                "width": round(step * 0.7, 1),
                "y": round(bottom - height, 1),
                "height": height,
                "center": round(left + index * step + step / 2, 1),
                "labelled": index % every == 0,
                "tick_x": round(left + index * step, 1),  # labels start at their column, left-aligned
            }
        )
    return {"columns": columns, "largest": largest, "bottom": bottom, "top": top, "left": left, "right": right}
