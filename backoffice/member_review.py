"""The annual 履职 review workbook: every CPPCC member's activities in a year, with the points of
each kind weighted by the staff's table (members.ActivityWeight, edited in the admin).

The counts come from `members.selectors.annual_review`, the selector behind the public records,
so the review and the public profile count the same sessions, issues and outcomes. The layout is
core.exports': a title row naming the year and the weights, a frozen, filtered header, columns as
wide as their content, a totals row and a landscape A4 page."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Sheet, SheetTitle
from members.models import ActivityKind
from members.selectors import annual_review

FIRST_YEAR = 2015


def review_years() -> list[int]:
    """The years a review can be made for, newest first."""
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def _points(value):
    """A whole number of points stays an integer cell; 0.5 steps stay decimals."""
    return int(value) if value == int(value) else float(value)


def review_sheets(year: int) -> tuple[list[Sheet], SheetTitle]:
    """Two sheets: the members' counts and points for `year`, and the weights used."""
    weights, rows = annual_review(year)
    header = [_("界别"), _("姓名"), _("委员简介"), _("状态")]
    totals = []
    for label in ActivityKind.labels:
        count_column = _("%(label)s（项）") % {"label": label}
        points_column = _("%(label)s（分）") % {"label": label}
        header += [count_column, points_column]
        totals += [count_column, points_column]
    header.append(_("合计积分"))
    totals.append(_("合计积分"))

    def member_rows():
        for row in rows:
            member = row.member
            cells = [
                member.sector.name if member.sector_id else "",
                member.full_name,
                member.member_note,
                _("在任") if member.is_active else _("离任"),
            ]
            for kind in ActivityKind.values:
                cells += [row.counts[kind], _points(row.points[kind])]
            cells.append(_points(row.total))
            yield cells

    weight_rows = [(str(label), _points(weights[kind])) for kind, label in ActivityKind.choices]
    weights_text = "；".join(f"{label}{_points(weights[kind])}分" for kind, label in ActivityKind.choices)
    sheets = [
        Sheet(_("委员履职积分"), header, member_rows(), totals=totals),
        Sheet(_("积分标准"), [_("履职项目"), _("每项分值")], weight_rows),
    ]
    title = SheetTitle(
        _("%(year)d年度政协委员履职情况") % {"year": year},
        filters=_("%(year)d年举行的议事活动；积分标准：%(weights)s") % {"year": year, "weights": weights_text},
        exported_at=timezone.now(),
    )
    return sheets, title


def review_filename(year: int) -> str:
    return _("政协委员履职积分_%(year)d年_%(day)s.xlsx") % {
        "year": year,
        "day": datetime.date.today().isoformat(),
    }
