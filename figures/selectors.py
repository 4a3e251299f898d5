"""District statistics. The home page, the statistics page, the API and the exports all read
their figures from here, so they can never disagree.

Every selector counts in the database with a fixed number of queries, whatever the data size,
and its result is cached until a write changes the data (see `core.cache`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Case
from core.cache import cached_statistic
from deliberations.models import Attendance, Campaign, Session
from departments.models import Department
from figures.models import MediaReport, RoomRollup, StreetMonthRollup, Visit
from issues.models import Feedback, Issue, IssueCategory, Outcome
from rooms.models import Room, Street
from rooms.selectors import coverage_counts, established_by_q

ROOM_FIGURES = (
    "sessions_held",
    "person_times",
    "issues_total",
    "issues_resolved",
    "feedback_total",
    "feedback_positive",
)


def room_figures_annotations(prefix=""):
    """Annotations for sessions held, person-times, issues (total, resolved) and ratings (total,
    positive) of each room, read from its rollup row (`figures.rollups`; 0 when it has none)."""
    return {
        name: Coalesce(F(f"{prefix}rollup__{name}"), Value(0), output_field=IntegerField()) for name in ROOM_FIGURES
    }


def rooms_with_figures(queryset: QuerySet | None = None) -> QuerySet:
    """Rooms with their public figures annotated, in one query however many rooms and sessions
    there are: a join with each room's rollup row, never an aggregate over the sessions."""
    queryset = Room.objects.all() if queryset is None else queryset
    return queryset.select_related("street", "community", "sector").annotate(**room_figures_annotations())


def percent(part, whole):
    """`part` as a percentage of `whole`, one decimal; None when there is no whole."""
    if not whole:
        return None
    return round(part * 100 / whole, 1)


@dataclass(frozen=True)
class DistrictTotals:
    rooms_active: int
    streets_total: int
    streets_covered: int
    communities_total: int
    communities_covered: int
    sectors_total: int
    sectors_covered: int
    sessions_held: int
    person_times: int
    issues_total: int
    issues_resolved: int
    media_reports: int
    visits: int
    computed_at: datetime.datetime = field(compare=False)
    # 中央、省级媒体: the reports the article counts (“中央、省级媒体……100余次报道”).
    media_reports_central_provincial: int = 0
    # The day the figures count up to (inclusive); None for the live figures (up to now).
    as_of: datetime.date | None = None

    @property
    def street_coverage(self):
        return percent(self.streets_covered, self.streets_total)

    @property
    def community_coverage(self):
        return percent(self.communities_covered, self.communities_total)

    @property
    def sector_coverage(self):
        return percent(self.sectors_covered, self.sectors_total)

    @property
    def resolution_rate(self):
        return percent(self.issues_resolved, self.issues_total)

    def as_dict(self):
        return {
            "rooms_active": self.rooms_active,
            "streets_total": self.streets_total,
            "streets_covered": self.streets_covered,
            "street_coverage": self.street_coverage,
            "communities_total": self.communities_total,
            "communities_covered": self.communities_covered,
            "community_coverage": self.community_coverage,
            "sectors_total": self.sectors_total,
            "sectors_covered": self.sectors_covered,
            "sector_coverage": self.sector_coverage,
            "sessions_held": self.sessions_held,
            "person_times": self.person_times,
            "issues_total": self.issues_total,
            "issues_resolved": self.issues_resolved,
            "resolution_rate": self.resolution_rate,
            "media_reports": self.media_reports,
            "media_reports_central_provincial": self.media_reports_central_provincial,
            "visits": self.visits,
            "computed_at": self.computed_at,
        }


CENTRAL_PROVINCIAL_MEDIA = (MediaReport.Level.CENTRAL, MediaReport.Level.PROVINCIAL)


def _compute_district_totals():
    coverage = coverage_counts()
    sums = RoomRollup.objects.aggregate(
        sessions=Sum("sessions_held"),
        person_times=Sum("person_times"),
        issues_total=Sum("issues_total"),
        issues_resolved=Sum("issues_resolved"),
    )
    return DistrictTotals(
        rooms_active=Room.objects.active().count(),
        streets_total=coverage["streets"][0],
        streets_covered=coverage["streets"][1],
        communities_total=coverage["communities"][0],
        communities_covered=coverage["communities"][1],
        sectors_total=coverage["sectors"][0],
        sectors_covered=coverage["sectors"][1],
        sessions_held=sums["sessions"] or 0,
        person_times=sums["person_times"] or 0,
        issues_total=sums["issues_total"] or 0,
        issues_resolved=sums["issues_resolved"] or 0,
        **_media_counts(MediaReport.objects.all()),
        visits=Visit.objects.count(),
        computed_at=timezone.now(),
    )


def _media_counts(reports):
    """All `reports` and those of central and provincial media, in one query."""
    counts = reports.aggregate(
        all=Count("pk"), central_provincial=Count("pk", filter=Q(level__in=CENTRAL_PROVINCIAL_MEDIA))
    )
    return {"media_reports": counts["all"], "media_reports_central_provincial": counts["central_provincial"]}


def _day_end(day: datetime.date) -> datetime.datetime:
    """The end of `day` in the portal's time zone (Asia/Shanghai): midnight of the next day."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def _counts_as_of(as_of: datetime.date) -> dict:
    """Sessions held and their person-times, published issues reported and published issues
    resolved, by the end of `as_of`. The street-month rollups give the whole months before its
    month (sessions count in the month of their start, Asia/Shanghai, issues in the month they were
    reported, as the rollups keep them); the raw rows give its own month up to that day; the
    resolved issues are counted on an index of published issues by status and date. Four queries
    whose cost does not grow with the years of history."""
    month = as_of.replace(day=1)
    before = StreetMonthRollup.objects.filter(month__lt=month).aggregate(
        sessions=Sum("sessions_held"), person_times=Sum("person_times"), issues=Sum("issues_total")
    )
    month_start = timezone.make_aware(
        datetime.datetime.combine(month, datetime.time.min), timezone.get_default_timezone()
    )
    # Sessions counted once each (distinct), their attendance rows summed: one query for both.
    held_in_month = (
        Session.objects.held()
        .filter(starts_at__gte=month_start, starts_at__lt=_day_end(as_of))
        .aggregate(sessions=Count("pk", distinct=True), person_times=Sum("attendance__headcount"))
    )
    # Two counts, each on its own index (one query with OR reads the whole table).
    reported_in_month = Issue.objects.public().filter(reported_on__gte=month, reported_on__lte=as_of).count()
    resolved = Issue.objects.public().resolved().filter(resolved_on__lte=as_of).count()
    return {
        "sessions": (before["sessions"] or 0) + held_in_month["sessions"],
        "person_times": (before["person_times"] or 0) + (held_in_month["person_times"] or 0),
        "issues_total": (before["issues"] or 0) + reported_in_month,
        "issues_resolved": resolved,
    }


def _compute_district_totals_as_of(as_of: datetime.date):
    """The live figures' rules with a date bound: held sessions that started by the end of
    `as_of` and their person-times, published issues reported and resolved by then
    (`_counts_as_of`), reports published and visits made by then, active rooms established by
    then and the coverage they gave."""
    coverage = coverage_counts(established_by=as_of)
    counts = _counts_as_of(as_of)
    return DistrictTotals(
        rooms_active=Room.objects.active().filter(established_by_q(as_of)).count(),
        streets_total=coverage["streets"][0],
        streets_covered=coverage["streets"][1],
        communities_total=coverage["communities"][0],
        communities_covered=coverage["communities"][1],
        sectors_total=coverage["sectors"][0],
        sectors_covered=coverage["sectors"][1],
        sessions_held=counts["sessions"],
        person_times=counts["person_times"],
        issues_total=counts["issues_total"],
        issues_resolved=counts["issues_resolved"],
        **_media_counts(MediaReport.objects.filter(published_on__lte=as_of)),
        visits=Visit.objects.filter(visited_on__lte=as_of).count(),
        computed_at=timezone.now(),
        as_of=as_of,
    )


def district_totals(as_of: datetime.date | None = None) -> DistrictTotals:
    """The headline figures of the whole district: rooms, coverage, sessions, person-times,
    issues resolved, media reports (all, and those of central and provincial media) and visits.
    Public data only (published issues, held sessions).

    Without `as_of`, the live figures (截至今日). With it, the same figures as they stood at the
    end of that day (Asia/Shanghai), by the same rules: what a report dated then would have said
    (e.g. the article's “至今年8月中旬”).
    """
    if as_of is None:
        return cached_statistic("district_totals", _compute_district_totals)
    return cached_statistic(f"district_totals:{as_of.isoformat()}", lambda: _compute_district_totals_as_of(as_of))


def _merge(keys, labels, **series):
    """Rows of {key, label, <series>...} for each key, 0 where a series has no value for it."""
    rows = []
    for key in keys:
        row = {"key": key, "label": labels.get(key, key)}
        for name, values in series.items():
            row[name] = values.get(key, 0) or 0
        rows.append(row)
    return rows


def _grouped(queryset, group_field, aggregate):
    return {row[group_field]: row["value"] for row in queryset.order_by().values(group_field).annotate(value=aggregate)}


def _room_breakdown(group_field):
    """Rooms, sessions held, person-times and issues (total/resolved) grouped by a room field:
    two grouped queries, the active rooms and the rooms' rollup rows."""
    series = ("sessions_held", "person_times", "issues_total", "issues_resolved")
    sums = {name: {} for name in series}
    for row in (
        RoomRollup.objects.order_by()
        .values(f"room__{group_field}")
        .annotate(**{f"sum_{name}": Sum(name) for name in series})
    ):
        for name in series:
            sums[name][row[f"room__{group_field}"]] = row[f"sum_{name}"] or 0
    return {"rooms": _grouped(Room.objects.active(), group_field, Count("pk")), **sums}


def _with_rates(rows):
    for row in rows:
        row["resolution_rate"] = percent(row["issues_resolved"], row["issues_total"])
    return rows


def breakdown_by_street():
    """Per street: active rooms, sessions held, person-times, issues and resolved issues.

    Rooms with no street (most sector rooms) are a last row of their own, so the rows add up
    to the district totals.
    """

    def compute():
        streets = list(Street.objects.values_list("pk", "name"))
        labels = dict(streets)
        labels[None] = _("界别及其他（不分街道）")
        series = _room_breakdown("street")
        keys = [pk for pk, _name in streets]
        if any(None in values for values in series.values()):
            keys.append(None)
        return _with_rates(_merge(keys, labels, **series))

    return cached_statistic("breakdown_by_street", compute)


def breakdown_by_level():
    """Per room level (street, community, sector, enterprise park): the same figures as by street."""

    def compute():
        labels = {value: str(label) for value, label in Room.Level.choices}
        return _with_rates(_merge(list(labels), labels, **_room_breakdown("level")))

    return cached_statistic("breakdown_by_level", compute)


def breakdown_by_category():
    """Per issue category: public issues, resolved issues and the resolution rate."""

    def compute():
        categories = list(IssueCategory.objects.values_list("pk", "name"))
        # Both counts in one pass over the published issues.
        counts = list(
            Issue.objects.public()
            .order_by()
            .values("category")
            .annotate(total=Count("pk"), resolved=Count("pk", filter=Issue.resolved_q()))
        )
        rows = _merge(
            [pk for pk, _name in categories],
            dict(categories),
            issues_total={row["category"]: row["total"] for row in counts},
            issues_resolved={row["category"]: row["resolved"] for row in counts},
        )
        return _with_rates(rows)

    return cached_statistic("breakdown_by_category", compute, issue_figures=True)


def breakdown_by_month(year=None):
    """Per month (Asia/Shanghai): sessions held and person-times; all months, or one year's.
    One grouped query over the streets' month rollups (a month counts once it has a held session)."""

    def compute():
        rows = StreetMonthRollup.objects.filter(sessions_held__gt=0)
        if year is not None:
            rows = rows.filter(month__year=year)
        sessions, person_times = {}, {}
        for row in rows.order_by().values("month").annotate(sessions=Sum("sessions_held"), people=Sum("person_times")):
            sessions[row["month"]] = row["sessions"]
            person_times[row["month"]] = row["people"] or 0
        months = sorted(sessions)
        labels = {month: date_format(month, "YEAR_MONTH_FORMAT") for month in months}
        return _merge(months, labels, sessions_held=sessions, person_times=person_times)

    return cached_statistic(f"breakdown_by_month:{year}", compute)


def days_between(later, earlier):
    """The days from `earlier` to `later` (two date fields), computed in the database."""
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def average_days(duration):
    """An average duration from the database as days, one decimal (None when there is none)."""
    if duration is None:
        return None
    if isinstance(duration, datetime.timedelta):
        return round(duration.total_seconds() / 86400, 1)
    return round(float(duration), 1)


def department_issue_figures(issues, today, group="department", extra=()):
    """Per department (`group`): issues assigned, open, resolved, resolved on time, overdue today
    and the average days from report to resolution, in one grouped query over `issues`; `extra`
    names more fields of the group to read with it (e.g. its name).

    On time: resolved on or before the due date; an issue resolved with no due date set had no
    deadline to miss and counts as on time. Overdue: open with a due date before `today`.
    """
    resolved = Issue.resolved_q()
    on_time = resolved & (Q(due_on__isnull=True) | Q(resolved_on__lte=F("due_on")))
    return {
        row[group]: row
        for row in issues.order_by()
        .values(group, *extra)
        .annotate(
            issues_total=Count("pk"),
            issues_open=Count("pk", filter=Issue.open_q()),
            issues_resolved=Count("pk", filter=resolved),
            on_time=Count("pk", filter=on_time),
            overdue=Count("pk", filter=Issue.open_q() & Q(due_on__lt=today)),
            days_to_resolve=Avg(days_between("resolved_on", "reported_on"), filter=resolved),
        )
    }


DEPARTMENT_FIGURES = (
    "issues_total",
    "issues_open",
    "issues_resolved",
    "on_time",
    "overdue",
    "average_days",
    "feedback_total",
    "feedback_positive",
    "resolution_rate",
    "on_time_rate",
    "satisfaction_rate",
)


def _department_rows(street, today):
    issues = Issue.objects.public().filter(department__is_active=True)
    if street is not None:
        issues = issues.filter(room__street=street)
    figures = department_issue_figures(issues, today)
    feedback = {
        row["issue__department"]: row
        for row in Feedback.objects.public()
        .filter(Issue.resolved_q("issue"), issue__in=issues)
        .order_by()
        .values("issue__department")
        .annotate(total=Count("pk"), positive=Count("pk", filter=Q(rating__in=Feedback.POSITIVE_RATINGS)))
    }
    departments = Department.objects.active().filter(pk__in=list(figures)).values_list("pk", "name", "kind")
    kinds = dict(Department.Kind.choices)
    rows = []
    for pk, name, kind in departments:
        counts, ratings = figures[pk], feedback.get(pk, {})
        row = {
            "key": pk,
            "label": name,
            "kind": kind,
            "kind_label": str(kinds.get(kind, kind)),
            **{
                field: counts[field]
                for field in ("issues_total", "issues_open", "issues_resolved", "on_time", "overdue")
            },
            "average_days": average_days(counts["days_to_resolve"]),
            "feedback_total": ratings.get("total", 0),
            "feedback_positive": ratings.get("positive", 0),
        }
        row["resolution_rate"] = percent(row["issues_resolved"], row["issues_total"])
        row["on_time_rate"] = percent(row["on_time"], row["issues_resolved"])
        row["satisfaction_rate"] = percent(row["feedback_positive"], row["feedback_total"])
        rows.append(row)
    return rows


def breakdown_by_department(street=None, today=None):
    """承办单位: per active department with published issues, the issues assigned to it, open,
    resolved, resolved on time, overdue today, the average days from report to resolution, and
    residents' satisfaction with its resolved issues (the satisfaction rule of
    `satisfaction_summary()`). Public issues only; `street` keeps the issues of that street's
    rooms. Three queries, in the departments' own order.
    """
    today = today or timezone.localdate()
    street_key = getattr(street, "pk", street)
    return cached_statistic(
        f"breakdown_by_department:{street_key}:{today.isoformat()}",
        lambda: _department_rows(street, today),
        issue_figures=True,
    )


def department_figures(street=None):
    """`breakdown_by_department()` keyed by department id (for the API)."""
    return {row["key"]: row for row in breakdown_by_department(street)}


def _satisfaction(feedback):
    """Counts by rating of `feedback` and the satisfaction rate: satisfied plus mostly satisfied,
    over all ratings (one query)."""
    counts = _grouped(feedback, "rating", Count("pk"))
    total = sum(counts.values())
    positive = sum(counts.get(rating, 0) for rating in Feedback.POSITIVE_RATINGS)
    rows = _merge(
        [value for value, _label in Feedback.Rating.choices],
        {value: str(label) for value, label in Feedback.Rating.choices},
        count=counts,
    )
    return {"rows": rows, "total": total, "positive": positive, "rate": percent(positive, total)}


def satisfaction_summary():
    """Residents' ratings of resolved issues: counts by rating and the satisfaction rate
    (satisfied plus mostly satisfied, over all ratings)."""

    def compute():
        return _satisfaction(Feedback.objects.public())

    return cached_statistic("satisfaction_summary", compute, issue_figures=True)


def outcome_summary():
    """成果转化: outcomes by kind, how many were adopted, and the adoption rate."""

    def compute():
        labels = {value: str(label) for value, label in Outcome.Kind.choices}
        rows = _merge(
            list(labels),
            labels,
            total=_grouped(Outcome.objects.all(), "kind", Count("pk")),
            adopted=_grouped(Outcome.objects.adopted(), "kind", Count("pk")),
        )
        for row in rows:
            row["adoption_rate"] = percent(row["adopted"], row["total"])
        total = sum(row["total"] for row in rows)
        adopted = sum(row["adopted"] for row in rows)
        return {"rows": rows, "total": total, "adopted": adopted, "adoption_rate": percent(adopted, total)}

    return cached_statistic("outcome_summary", compute)


def running_campaign(on=None):
    """The 议事月 campaign running today, if any (one query)."""
    on = on or timezone.localdate()
    return Campaign.objects.filter(starts_on__lte=on, ends_on__gte=on).order_by("-starts_on").first()


def latest_resolved_issues(limit=6):
    """The most recently resolved public issues, with room and category (one query)."""
    return list(
        Issue.objects.public().resolved().select_related("room", "category").order_by("-resolved_on", "-pk")[:limit]
    )


def upcoming_sessions(limit=5):
    """The next planned sessions from now on, with their rooms (one query)."""
    return list(
        Session.objects.planned()
        .filter(starts_at__gte=timezone.now())
        .select_related("room")
        .order_by("starts_at", "pk")[:limit]
    )


# ---- public pages (issue 3) -------------------------------------------------------------------


def issue_satisfaction(issue):
    """Residents' ratings of one issue: counts by rating and the satisfaction rate (one query).

    The same rule as `satisfaction_summary()`: satisfied plus mostly satisfied over all ratings.
    """
    return _satisfaction(Feedback.objects.filter(issue=issue))


def public_issues():
    """Published issues with their room and category, for the public list, search and feeds."""
    return Issue.objects.public().select_related("room", "category")


def sectors_with_coverage():
    """Each sector, marked covered when it has an active sector-level room (one query)."""
    from rooms.models import Sector
    from rooms.selectors import active_room_exists

    return list(Sector.objects.annotate(covered=active_room_exists(Room.Level.SECTOR, "sector")))


def site_search(query, limit=10):
    """Rooms, sessions and public issues matching `query`, the first `limit` of each with its total.

    Rooms match on name, address or description; sessions on topic, minutes or consensus;
    issues through the Chinese full-text search (issues.search). Six queries.
    """
    from issues.search import filter_issues

    query = (query or "").strip()
    if not query:
        return None
    rooms = Room.objects.active().filter(
        Q(name__icontains=query) | Q(address__icontains=query) | Q(description__icontains=query)
    )
    sessions = Session.objects.filter(
        Q(topic__icontains=query) | Q(minutes__icontains=query) | Q(consensus__icontains=query)
    )
    issues = filter_issues(public_issues(), query)
    return {
        "rooms": {"total": rooms.count(), "items": list(rooms.select_related("street")[:limit])},
        "sessions": {"total": sessions.count(), "items": list(sessions.select_related("room")[:limit])},
        "issues": {"total": issues.count(), "items": list(issues[:limit])},
    }


# ---- 议事月 board and 典型案例 ------------------------------------------------------------------
#
# A campaign is judged by its own sessions: the held sessions tagged with it, their attendance,
# and the issues raised in them (published ones), never by every district issue resolved in its
# period. The list, each campaign's page, the API and the open-data ZIP read these selectors, and
# none is cached, so a figure is exact right after the write that changes it.

CAMPAIGN_FIGURES = ("sessions_held", "person_times", "issues_raised", "issues_resolved", "outcomes")


def _campaign_subquery(queryset, link, aggregate):
    """A correlated subquery: `aggregate` over the rows of `queryset` whose `link` is the
    campaign of the outer row, 0 when there are none (one query however many campaigns)."""
    inner = queryset.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(value=aggregate).values("value")
    return Coalesce(Subquery(inner[:1], output_field=IntegerField()), Value(0))


def campaign_sessions_held(campaign):
    """The campaign's own held sessions (what its figures count)."""
    return Session.objects.held().filter(campaign=campaign)


def campaign_issues(campaign):
    """The published issues raised in the campaign's own held sessions."""
    return Issue.objects.public().filter(Session.held_q("raised_in"), raised_in__campaign=campaign)


def campaign_outcomes(campaign):
    """Outcomes (建议、提案、社情民意信息) drawn from the campaign's own held sessions or from the
    published issues raised in them."""
    sessions = campaign_sessions_held(campaign).values("pk")
    return Outcome.objects.filter(
        Q(sessions__in=sessions) | Q(issues__in=campaign_issues(campaign).values("pk"))
    ).distinct()


def campaigns_with_figures(queryset: QuerySet | None = None) -> QuerySet:
    """Campaigns with their own figures annotated (`CAMPAIGN_FIGURES`), in one query whatever
    the number of campaigns and sessions: correlated subqueries over the campaign index."""
    queryset = Campaign.objects.all() if queryset is None else queryset
    held = Session.objects.held()
    issues = Issue.objects.public().filter(Session.held_q("raised_in"))
    # An outcome may come from several of the campaign's sessions and issues: counted once.
    outcomes = (
        Outcome.objects.filter(
            (Q(sessions__campaign=OuterRef("pk")) & Session.held_q("sessions"))
            | (
                Q(issues__raised_in__campaign=OuterRef("pk"))
                & Issue.public_q("issues")
                & Session.held_q("issues__raised_in")
            )
        )
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(value=Count("pk", distinct=True))
        .values("value")
    )
    return queryset.annotate(
        sessions_held=_campaign_subquery(held, "campaign", Count("pk")),
        person_times=_campaign_subquery(Attendance.objects.held(), "session__campaign", Attendance.person_times_sum()),
        issues_raised=_campaign_subquery(issues, "raised_in__campaign", Count("pk")),
        issues_resolved=_campaign_subquery(issues.resolved(), "raised_in__campaign", Count("pk")),
        outcomes=Coalesce(Subquery(outcomes[:1], output_field=IntegerField()), Value(0)),
    )


def _street_rows(campaign, targets):
    """Per street: the campaign's held sessions, person-times, issues raised and resolved, against
    the street's targets. Streets with a target or with activity; the sessions of rooms with no
    street (sector rooms) are a last row, so the rows add up to the campaign's totals."""
    held = campaign_sessions_held(campaign)
    sessions = _grouped(held, "room__street", Count("pk"))
    person_times = _grouped(
        Attendance.objects.held().filter(session__campaign=campaign),
        "session__room__street",
        Attendance.person_times_sum(),
    )
    issues = campaign_issues(campaign)
    raised = _grouped(issues, "raised_in__room__street", Count("pk"))
    resolved = _grouped(issues.resolved(), "raised_in__room__street", Count("pk"))
    by_street = {target.street_id: target for target in targets}
    active = set(sessions) | set(person_times) | set(raised)
    streets = list(Street.objects.filter(pk__in=active | set(by_street)).values_list("pk", "name"))
    names = dict(streets)
    keys = [pk for pk, _name in streets] + ([None] if None in active else [])
    rows = []
    for key in keys:
        target = by_street.get(key)
        row = {
            "key": key,
            "label": names.get(key) or _("界别及其他（不分街道）"),
            "sessions_held": sessions.get(key, 0),
            "person_times": person_times.get(key, 0) or 0,
            "issues_raised": raised.get(key, 0),
            "issues_resolved": resolved.get(key, 0),
            "target_sessions": target.target_sessions if target else None,
            "target_person_times": target.target_person_times if target else None,
            "target_issues_resolved": target.target_issues_resolved if target else None,
        }
        for name in ("sessions", "person_times", "issues_resolved"):
            value = row[name if name != "sessions" else "sessions_held"]
            row[f"{name}_percent"] = percent(value, row[f"target_{name}"]) if target else None
        rows.append(row)
    return rows


@dataclass(frozen=True)
class CampaignFigures:
    """One campaign's result: its totals against its targets and the same per street."""

    campaign: Campaign
    sessions_held: int
    person_times: int
    issues_raised: int
    issues_resolved: int
    outcomes: int
    streets: list

    @property
    def resolution_rate(self):
        return percent(self.issues_resolved, self.issues_raised)

    def progress(self):
        """The three figures with a district target: value, target and percentage."""
        campaign = self.campaign
        return [
            {
                "key": key,
                "label": label,
                "value": value,
                "target": target,
                "percent": percent(value, target),
            }
            for key, label, value, target in (
                ("sessions_held", _("议事场次"), self.sessions_held, campaign.target_sessions),
                ("person_times", _("参与人次"), self.person_times, campaign.target_person_times),
                ("issues_resolved", _("解决问题"), self.issues_resolved, campaign.target_issues_resolved),
            )
        ]

    def as_dict(self):
        return {
            "sessions_held": self.sessions_held,
            "person_times": self.person_times,
            "issues_raised": self.issues_raised,
            "issues_resolved": self.issues_resolved,
            "resolution_rate": self.resolution_rate,
            "outcomes": self.outcomes,
            "progress": self.progress(),
            "streets": self.streets,
        }


def campaign_figures(campaign) -> CampaignFigures:
    """A campaign's own figures (sessions held, person-times, issues raised in its sessions and
    resolved, outcomes drawn from them) against its targets, in total and per street. The totals
    come from `campaigns_with_figures`, the street rows from grouped queries over the same
    sessions; both are computed on each call (no cache), so they are exact after every write."""
    annotated = campaigns_with_figures(Campaign.objects.filter(pk=campaign.pk)).values(*CAMPAIGN_FIGURES).first()
    annotated = annotated or dict.fromkeys(CAMPAIGN_FIGURES, 0)
    targets = list(campaign.street_targets.all()) if hasattr(campaign, "street_targets") else []
    return CampaignFigures(campaign=campaign, streets=_street_rows(campaign, targets), **annotated)


def campaign_progress(campaign):
    """A campaign's sessions held, person-times and issues resolved (of its own sessions) against
    its targets: what the home page and the staff dashboard show while it runs."""
    return campaign_figures(campaign).progress()


def campaign_topics(campaign):
    """The campaign's sessions, planned and held, with their rooms and person-times: the topics
    it chose, in date order (a queryset, paginated by its caller)."""
    return (
        Session.objects.with_person_times()
        .filter(campaign=campaign)
        .select_related("room", "room__street")
        .order_by("starts_at", "pk")
    )


def public_cases():
    """Public 典型案例 with what their list and page show (category, street, room)."""
    return Case.objects.public().select_related("category", "street", "room")


def featured_cases(limit=3):
    """A few public cases for the home page: the ones staff featured first, then the newest.
    Cached like the figures (a write to a case throws it away: `cases` is a watched app)."""
    return cached_statistic(
        f"featured_cases:{limit}", lambda: list(public_cases().order_by("-featured", "-published_on", "-pk")[:limit])
    )
