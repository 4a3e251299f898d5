"""Reads for the staff back office: the supervision dashboard and the monthly report.

Month-scoped figures reuse the public statistics' helpers (`_grouped`, `_merge`, `_with_rates`,
`percent`, `cached_statistic`), and count with the same rules (held sessions, published issues),
so a month's figures add up to what the statistics page shows for that month.
Every function runs a fixed number of queries, whatever the data size.

Scope: the functions the dashboard and the report call take `scope`: None for the whole
district (区政协机关), a `Street` for its street staff (街道政协工委), who see their street's
rooms, issues and figures only. The scope adds a filter, never a query.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.cache import cached_statistic
from core.dates import year_month
from core.models import PortalSettings
from deliberations.models import Attendance, Session
from figures.models import MediaReport, Visit
from figures.selectors import _grouped, _merge, _with_rates, average_days, department_issue_figures, percent
from issues.models import ExtensionRequest, Issue, IssueCategory, IssueUpdate, Outcome
from notifications.models import Delivery
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


def _scope_key(scope) -> str:
    return "district" if scope is None else f"street-{scope.pk}"


def _scoped(queryset, scope, field="room__street"):
    """`queryset` kept to the street `scope` through `field`; unchanged for the district."""
    return queryset if scope is None else queryset.filter(**{field: scope})


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
        ("sessions_held", _("议事活动（场次）")),
        ("person_times", _("参与人次")),
        ("issues_reported", _("新反映民生问题（个）")),
        ("issues_resolved", _("解决民生问题（个）")),
        ("outcomes_submitted", _("报送成果（件）")),
        ("outcomes_adopted", _("成果被采纳（件）")),
        ("media_reports", _("媒体报道（次）")),
        ("visits", _("来访考察（批次）")),
    )

    @property
    def label(self):
        """The month in the active language: 2020年8月 / August 2020."""
        return year_month(self.year, self.month)


def month_figures(year: int, month: int, scope=None) -> MonthFigures:
    """One month's totals: sessions held and their person-times, published issues reported and
    resolved, outcomes submitted and adopted, media reports and visits (eight aggregate queries).

    For a street: its rooms' sessions and issues, the outcomes that came from them and the
    visits to its rooms; media reports are the district's (None).
    """

    def compute():
        held = _scoped(_held_in(year, month), scope)
        public = _scoped(Issue.objects.public(), scope)
        outcomes = Outcome.objects.all()
        if scope is not None:
            from_street = Q(issues__room__street=scope) | Q(sessions__room__street=scope)
            outcomes = Outcome.objects.filter(pk__in=Outcome.objects.filter(from_street).values("pk"))
        visits = _scoped(Visit.objects.all(), scope, "rooms__street")
        if scope is not None:
            visits = Visit.objects.filter(pk__in=visits.values("pk"))
        return MonthFigures(
            year=year,
            month=month,
            sessions_held=held.count(),
            person_times=Attendance.objects.filter(session__in=held).person_times(),
            issues_reported=public.filter(**_day_filter("reported_on", year, month)).count(),
            issues_resolved=public.resolved().filter(**_day_filter("resolved_on", year, month)).count(),
            outcomes_submitted=outcomes.filter(**_day_filter("submitted_on", year, month)).count(),
            outcomes_adopted=outcomes.adopted().filter(**_day_filter("adopted_on", year, month)).count(),
            media_reports=(
                MediaReport.objects.filter(**_day_filter("published_on", year, month)).count()
                if scope is None
                else None
            ),
            visits=visits.filter(**_day_filter("visited_on", year, month)).count(),
        )

    return cached_statistic(f"month_figures:{year}-{month}:{_scope_key(scope)}", compute)


@dataclass(frozen=True)
class CumulativeFigures:
    """Running totals as of a day (inclusive): what a report says “截至” that day."""

    as_of: datetime.date
    rooms_active: int
    sessions_held: int
    person_times: int
    issues_resolved: int
    outcomes_submitted: int
    outcomes_adopted: int


def _scoped_outcomes(scope):
    if scope is None:
        return Outcome.objects.all()
    from_street = Q(issues__room__street=scope) | Q(sessions__room__street=scope)
    return Outcome.objects.filter(pk__in=Outcome.objects.filter(from_street).values("pk"))


def cumulative_figures(as_of: datetime.date, scope=None) -> CumulativeFigures:
    """Totals up to and including `as_of`, counted with the month figures' rules: sessions held
    that started by the end of that day and their person-times, published issues resolved by
    then, outcomes submitted and adopted by then (by their dates). Rooms: active rooms that were
    established by then (a room without an establishment date counts). Six aggregate queries."""

    def compute():
        end = _aware(as_of + datetime.timedelta(days=1))
        held = _scoped(Session.objects.held().filter(starts_at__lt=end), scope)
        rooms = _scoped(Room.objects.active(), scope, "street").filter(
            Q(established_on__isnull=True) | Q(established_on__lte=as_of)
        )
        outcomes = _scoped_outcomes(scope)
        return CumulativeFigures(
            as_of=as_of,
            rooms_active=rooms.count(),
            sessions_held=held.count(),
            person_times=Attendance.objects.filter(session__in=held).person_times(),
            issues_resolved=_scoped(Issue.objects.public(), scope).resolved().filter(resolved_on__lte=as_of).count(),
            outcomes_submitted=outcomes.filter(submitted_on__lte=as_of).count(),
            outcomes_adopted=outcomes.adopted().filter(adopted_on__lte=as_of).count(),
        )

    return cached_statistic(f"cumulative_figures:{as_of.isoformat()}:{_scope_key(scope)}", compute)


def month_end(year: int, month: int) -> datetime.date:
    return month_range(year, month)[1] - datetime.timedelta(days=1)


def month_comparison(year: int, month: int, scope=None) -> list[dict]:
    """This month against the same month last year: one row per figure with the change (the
    figures a street does not have are left out)."""
    current = month_figures(year, month, scope)
    previous = month_figures(year - 1, month, scope)
    rows = []
    for name, label in MonthFigures.FIELDS:
        value, before = getattr(current, name), getattr(previous, name)
        if value is None or before is None:
            continue
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


def month_breakdown_by_street(year: int, month: int, scope=None) -> list[dict]:
    """Per street, for one month: sessions held, person-times, published issues reported and resolved.

    The same grouping as `breakdown_by_street()` (rooms without a street form a last row), so the
    rows add up to `month_figures()`. A street sees its own row only.
    """
    rows = _month_breakdown_by_street(year, month)
    return rows if scope is None else [row for row in rows if row["key"] == scope.pk]


def _month_breakdown_by_street(year: int, month: int) -> list[dict]:

    def compute():
        streets = list(Street.objects.values_list("pk", "name"))
        labels = dict(streets)
        labels[None] = "界别及其他（不分街道）"
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


def month_top_categories(year: int, month: int, limit: int = 5, scope=None) -> list[dict]:
    """The categories with the most published issues reported in the month, with those resolved."""

    def compute():
        categories = list(IssueCategory.objects.values_list("pk", "name"))
        public = _scoped(Issue.objects.public(), scope)
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

    return cached_statistic(f"month_top_categories:{year}-{month}:{limit}:{_scope_key(scope)}", compute)


def month_resolved_issues(year: int, month: int, limit: int = 10, scope=None) -> list:
    """Notable resolved issues of the month: published, resolved in the month, most residents'
    ratings first (one query)."""
    return list(
        _scoped(Issue.objects.public(), scope)
        .resolved()
        .filter(**_day_filter("resolved_on", year, month))
        .select_related("room", "room__street", "category", "department")
        .annotate(feedback_count=Count("feedback"))
        .order_by("-feedback_count", "-resolved_on", "-pk")[:limit]
    )


def month_outcomes(year: int, month: int, limit: int = 20, scope=None) -> list:
    """Outcomes submitted in the month; for a street, those that came from its rooms' issues or
    sessions (one query).

    Each carries its adoption as of the month's end, the rule the month's “成果被采纳” count
    uses (adopted when its adoption date falls by then): `adopted_by_month_end` (adopted on or
    before the last day), `adopted_later` (adopted after the month; the table names the month)."""
    last_day = month_end(year, month)
    outcomes = list(
        _scoped_outcomes(scope)
        .filter(**_day_filter("submitted_on", year, month))
        .order_by("submitted_on", "pk")[:limit]
    )
    for outcome in outcomes:
        adopted = outcome.adoption == Outcome.Adoption.ADOPTED
        outcome.adopted_by_month_end = adopted and (outcome.adopted_on is None or outcome.adopted_on <= last_day)
        outcome.adopted_later = adopted and outcome.adopted_on is not None and outcome.adopted_on > last_day
    return outcomes


def month_department_ranking(year: int, month: int, scope=None) -> list[dict]:
    """承办单位排名: per department, the published issues it resolved in the month, how many on
    time (on or before the due date; none set counts as on time, as on the statistics page) and
    the average days from report to resolution; ranked by on-time rate, then fewer days, then
    more issues resolved (one query).
    """

    def compute():
        resolved = _scoped(Issue.objects.public().resolved(), scope).filter(
            department__isnull=False, **_day_filter("resolved_on", year, month)
        )
        figures = department_issue_figures(resolved, month_range(year, month)[1], extra=("department__name",))
        rows = []
        for pk, counts in figures.items():
            days = average_days(counts["days_to_resolve"])
            rows.append(
                {
                    "key": pk,
                    "label": counts["department__name"],
                    "issues_resolved": counts["issues_resolved"],
                    "on_time": counts["on_time"],
                    "late": counts["issues_resolved"] - counts["on_time"],
                    "on_time_rate": percent(counts["on_time"], counts["issues_resolved"]),
                    "average_days": days,
                }
            )
        rows.sort(
            key=lambda row: (
                -(row["on_time_rate"] or 0),
                row["average_days"] if row["average_days"] is not None else float("inf"),
                -row["issues_resolved"],
                row["label"],
            )
        )
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
        return rows

    return cached_statistic(f"month_department_ranking:{year}-{month}:{_scope_key(scope)}", compute)


# ---- dashboard ----------------------------------------------------------------------------------


def quiet_since(days: int | None = None, today: datetime.date | None = None) -> datetime.datetime:
    days = days if days is not None else PortalSettings.load().quiet_room_days
    today = today or timezone.localdate()
    return _aware(today - datetime.timedelta(days=days))


def rooms_quiet(since: datetime.datetime, scope=None):
    """Active rooms that held no session since `since`, the longest quiet first, with the date
    of their last held session (None when they never held one)."""
    held = Session.objects.held().filter(room=OuterRef("pk"))
    last_held = held.order_by().values("room").annotate(last=Max("starts_at")).values("last")[:1]
    return (
        _scoped(Room.objects.active(), scope, "street")
        .exclude(Exists(held.filter(starts_at__gte=since)))
        .annotate(last_held=Subquery(last_held))
        .select_related("street", "community", "sector")
        .order_by(F("last_held").asc(nulls_first=True), "name")
    )


def rooms_without_convener(scope=None):
    """Active rooms nobody convenes."""
    return (
        _scoped(Room.objects.active(), scope, "street")
        .exclude(Exists(Convenership.objects.filter(room=OuterRef("pk"))))
        .select_related("street", "community", "sector")
        .order_by("street__ordering", "name")
    )


def issues_overdue(today: datetime.date | None = None, scope=None):
    """Open issues (published or not) whose due date has passed."""
    today = today or timezone.localdate()
    return _scoped(Issue.objects.overdue(today), scope)


def overdue_by_department(today: datetime.date | None = None, per_department: int = 5, scope=None) -> list[dict]:
    """Overdue open issues grouped by responsible department, most overdue issues first:
    each group has its count and its `per_department` longest-overdue issues with the date they
    were last urged (two queries: the counts, and the ranked issues via a window function)."""
    today = today or timezone.localdate()
    overdue = issues_overdue(today, scope)
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


def coverage_gaps(scope=None) -> dict:
    """Streets, communities and sectors without an active room of their level (three queries;
    two for a street, which sees its own communities and no sectors)."""
    streets = streets_with_coverage()
    if scope is not None:
        streets = [street for street in streets if street.pk == scope.pk]
        return {
            "streets": [street for street in streets if not street.covered],
            "communities": [c for street in streets for c in street.community_list if not c.covered],
            "sectors": [],
            "communities_total": sum(len(street.community_list) for street in streets),
            "streets_total": len(streets),
        }
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


# ---- the loop: extensions, escalations, returned issues, deliveries ------------------------------


def _open_issues(scope):
    return _scoped(Issue.objects.open(), scope).select_related("room", "room__street", "category", "department")


def escalated_queue(scope=None):
    """Open issues escalated to this level and waiting on it (三事分流): for the district, those
    at 区 level; for a street, those at 街道 level whose room is in the street. Oldest first."""
    level = Issue.Triage.DISTRICT if scope is None else Issue.Triage.STREET
    return _open_issues(scope).filter(triage_level=level).order_by("reported_on", "pk")


def issues_returned(scope=None):
    """Open issues a department sent back (已退回): they wait to be assigned again."""
    return _open_issues(scope).filter(handling=Issue.Handling.RETURNED).order_by("updated_at", "pk")


def extensions_pending(scope=None):
    """Departments' requests for more time waiting for a decision, oldest first."""
    return (
        _scoped(ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING), scope, "issue__room__street")
        .select_related("issue", "issue__room", "department")
        .order_by("created_at", "pk")
    )


def deliveries_failed_count() -> int:
    """Messages (e-mail, SMS, WeChat) that could not be sent (one query)."""
    return Delivery.objects.failed().count()
