"""Reads for the staff back office: the supervision dashboard and the monthly report.

Month-scoped figures reuse the public statistics' helpers (`_grouped`, `_merge`, `_with_rates`,
`percent`, `cached_statistic`), and count with the same rules (held sessions, published issues),
so a month's figures add up to what the statistics page shows for that month.
Every function runs a fixed number of queries, whatever the data size.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.cache import cached_statistic
from core.models import PortalSettings
from deliberations.models import Attendance, Session
from figures.models import MediaReport, Visit
from figures.selectors import _grouped, _merge, _with_rates, percent
from issues.models import Issue, IssueCategory, IssueUpdate, Outcome
from rooms.models import Convenership, Room, Sector, Street
from rooms.selectors import active_room_exists, streets_with_coverage

NO_DEPARTMENT = _("未指定承办单位")


# ---- months -------------------------------------------------------------------------------------


def month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first day of the month and the first day of the next one (exclusive end)."""
    start = datetime.date(year, month, 1)
    end = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
    return start, end


def _aware(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the portal's time zone (Asia/Shanghai), like TruncMonth counts."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _held_in(year, month):
    start, end = month_range(year, month)
    return Session.objects.held().filter(starts_at__gte=_aware(start), starts_at__lt=_aware(end))


def _day_filter(field, year, month):
    start, end = month_range(year, month)
    return {f"{field}__gte": start, f"{field}__lt": end}


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    sessions_held: int
    person_times: int
    issues_reported: int
    issues_resolved: int
    outcomes_submitted: int
    outcomes_adopted: int
    media_reports: int
    visits: int

    FIELDS = (
        ("sessions_held", _("议事活动(场次)")),
        ("person_times", _("参与人次")),
        ("issues_reported", _("新反映民生问题(个)")),
        ("issues_resolved", _("解决民生问题(个)")),
        ("outcomes_submitted", _("报送成果(件)")),
        ("outcomes_adopted", _("成果被采纳(件)")),
        ("media_reports", _("媒体报道(次)")),
        ("visits", _("来访考察(批次)")),
    )

    @property
    def label(self):
        return f"{self.year}年{self.month}月"


def month_figures(year: int, month: int) -> MonthFigures:
    """One month's totals: sessions held and their person-times, published issues reported and
    resolved, outcomes submitted and adopted, media reports and visits (eight aggregate queries).
    """

    def compute():
        held = _held_in(year, month)
        public = Issue.objects.public()
        return MonthFigures(
            year=year,
            month=month,
            sessions_held=held.count(),
            person_times=Attendance.objects.filter(session__in=held).person_times(),
            issues_reported=public.filter(**_day_filter("reported_on", year, month)).count(),
            issues_resolved=public.resolved().filter(**_day_filter("resolved_on", year, month)).count(),
            outcomes_submitted=Outcome.objects.filter(**_day_filter("submitted_on", year, month)).count(),
            outcomes_adopted=Outcome.objects.adopted().filter(**_day_filter("adopted_on", year, month)).count(),
            media_reports=MediaReport.objects.filter(**_day_filter("published_on", year, month)).count(),
            visits=Visit.objects.filter(**_day_filter("visited_on", year, month)).count(),
        )

    return cached_statistic(f"month_figures:{year}-{month}", compute)


def month_comparison(year: int, month: int) -> list[dict]:
    """This month against the same month last year: one row per figure with the change."""
    current = month_figures(year, month)
    previous = month_figures(year - 1, month)
    rows = []
    for name, label in MonthFigures.FIELDS:
        value, before = getattr(current, name), getattr(previous, name)
        rows.append(
            {
                "key": name,
                "label": label,
                "value": value,
                "last_year": before,
                "change": value - before,
                "change_percent": percent(value - before, before),
            }
        )
    return rows


def month_breakdown_by_street(year: int, month: int) -> list[dict]:
    """Per street, for one month: sessions held, person-times, published issues reported and resolved.

    The same grouping as `breakdown_by_street()` (rooms without a street form a last row), so the
    rows add up to `month_figures()`.
    """

    def compute():
        streets = list(Street.objects.values_list("pk", "name"))
        labels = dict(streets)
        labels[None] = "界别及其他(不分街道)"
        held = _held_in(year, month)
        public = Issue.objects.public()
        series = {
            "sessions_held": _grouped(held, "room__street", Count("pk")),
            "person_times": _grouped(
                Attendance.objects.filter(session__in=held), "session__room__street", Attendance.person_times_sum()
            ),
            "issues_total": _grouped(
                public.filter(**_day_filter("reported_on", year, month)), "room__street", Count("pk")
            ),
            "issues_resolved": _grouped(
                public.resolved().filter(**_day_filter("resolved_on", year, month)),
                "room__street",
                Count("pk"),
            ),
        }
        keys = [pk for pk, _name in streets]
        if any(None in values for values in series.values()):
            keys.append(None)
        return _with_rates(_merge(keys, labels, **series))

    return cached_statistic(f"month_breakdown_by_street:{year}-{month}", compute)


def month_top_categories(year: int, month: int, limit: int = 5) -> list[dict]:
    """The categories with the most published issues reported in the month, with those resolved."""

    def compute():
        categories = list(IssueCategory.objects.values_list("pk", "name"))
        public = Issue.objects.public()
        rows = _merge(
            [pk for pk, _name in categories],
            dict(categories),
            issues_total=_grouped(public.filter(**_day_filter("reported_on", year, month)), "category", Count("pk")),
            issues_resolved=_grouped(
                public.resolved().filter(**_day_filter("resolved_on", year, month)),
                "category",
                Count("pk"),
            ),
        )
        rows = [row for row in _with_rates(rows) if row["issues_total"] or row["issues_resolved"]]
        rows.sort(key=lambda row: (-row["issues_total"], -row["issues_resolved"], row["label"]))
        return rows[:limit]

    return cached_statistic(f"month_top_categories:{year}-{month}:{limit}", compute)


def month_resolved_issues(year: int, month: int, limit: int = 10) -> list:
    """Notable resolved issues of the month: published, resolved in the month, most residents'
    ratings first (one query)."""
    return list(
        Issue.objects.public()
        .resolved()
        .filter(**_day_filter("resolved_on", year, month))
        .select_related("room", "room__street", "category", "department")
        .annotate(feedback_count=Count("feedback"))
        .order_by("-feedback_count", "-resolved_on", "-pk")[:limit]
    )


def month_outcomes(year: int, month: int, limit: int = 20) -> list:
    """Outcomes submitted in the month (one query)."""
    return list(
        Outcome.objects.filter(**_day_filter("submitted_on", year, month)).order_by("submitted_on", "pk")[:limit]
    )


# ---- dashboard ----------------------------------------------------------------------------------


def quiet_since(days: int | None = None, today: datetime.date | None = None) -> datetime.datetime:
    days = days if days is not None else PortalSettings.load().quiet_room_days
    today = today or timezone.localdate()
    return _aware(today - datetime.timedelta(days=days))


def rooms_quiet(since: datetime.datetime):
    """Active rooms that held no session since `since`, the longest quiet first, with the date
    of their last held session (None when they never held one)."""
    held = Session.objects.held().filter(room=OuterRef("pk"))
    last_held = held.order_by().values("room").annotate(last=Max("starts_at")).values("last")[:1]
    return (
        Room.objects.active()
        .exclude(Exists(held.filter(starts_at__gte=since)))
        .annotate(last_held=Subquery(last_held))
        .select_related("street", "community", "sector")
        .order_by(F("last_held").asc(nulls_first=True), "name")
    )


def rooms_without_convener():
    """Active rooms nobody convenes."""
    return (
        Room.objects.active()
        .exclude(Exists(Convenership.objects.filter(room=OuterRef("pk"))))
        .select_related("street", "community", "sector")
        .order_by("street__ordering", "name")
    )


def issues_overdue(today: datetime.date | None = None):
    """Open issues (published or not) whose due date has passed."""
    today = today or timezone.localdate()
    return Issue.objects.overdue(today)


def overdue_by_department(today: datetime.date | None = None, per_department: int = 5) -> list[dict]:
    """Overdue open issues grouped by responsible department, most overdue issues first:
    each group has its count and its `per_department` longest-overdue issues with the date they
    were last urged (two queries: the counts, and the ranked issues via a window function)."""
    today = today or timezone.localdate()
    overdue = issues_overdue(today)
    groups = list(
        overdue.order_by()
        .values("department", "department__name")
        .annotate(count=Count("pk"), oldest_due=Min("due_on"))
        .order_by("-count", "oldest_due", "department__name")
    )
    last_urged = (
        IssueUpdate.objects.filter(issue=OuterRef("pk"), is_urge=True)
        .order_by()
        .values("issue")
        .annotate(last=Max("occurred_on"))
        .values("last")[:1]
    )
    ranked = (
        overdue.annotate(
            rank=Window(RowNumber(), partition_by=[F("department")], order_by=[F("due_on").asc(), F("pk").asc()]),
            last_urged=Subquery(last_urged),
        )
        .filter(rank__lte=per_department)
        .select_related("room", "room__street", "category", "department")
        .order_by("department", "rank")
    )
    by_department = {}
    for issue in ranked:
        issue.days_overdue = (today - issue.due_on).days
        by_department.setdefault(issue.department_id, []).append(issue)
    for group in groups:
        group["label"] = group["department__name"] or NO_DEPARTMENT
        group["issues"] = by_department.get(group["department"], [])
    return groups


def coverage_gaps() -> dict:
    """Streets, communities and sectors without an active room of their level (three queries)."""
    streets = streets_with_coverage()
    return {
        "streets": [street for street in streets if not street.covered],
        "communities": [
            community for street in streets for community in street.community_list if not community.covered
        ],
        "sectors": list(
            Sector.objects.annotate(covered=active_room_exists(Room.Level.SECTOR, "sector")).filter(covered=False)
        ),
        "communities_total": sum(len(street.community_list) for street in streets),
        "streets_total": len(streets),
    }


def outcome_pipeline() -> list[dict]:
    """Outcomes by kind and adoption (pending, adopted, not adopted): the 成果转化 pipeline (one query)."""
    counts = {
        (row["kind"], row["adoption"]): row["count"]
        for row in Outcome.objects.order_by().values("kind", "adoption").annotate(count=Count("pk"))
    }
    return [
        {
            "key": kind,
            "label": label,
            **{adoption: counts.get((kind, adoption), 0) for adoption, _label in Outcome.Adoption.choices},
        }
        for kind, label in Outcome.Kind.choices
    ]
