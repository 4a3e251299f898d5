"""Reads of the CPPCC members' public records, shared by the public pages, the API, the
open-data ZIP and the staff's annual review, so that the four never disagree.

A member is an `accounts.User` with `is_cppcc_member` (see the commit that introduced this app:
the identity stays where the session form and the admin already pick it). Their record
(履职档案) is read from what the platform already holds, so it always agrees with attendance:
- sessions attended: held sessions that name the member (`Session.cppcc_members`);
- issues raised or followed: public issues raised in those sessions, or deliberated in them;
- outcomes (proposals, 社情民意信息, suggestions): outcomes that came out of those sessions or of
  the issues raised in them.
Only a member's public duties are read: never the phone, user name, e-mail or login data.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from deliberations.models import Attendance, Session
from issues.models import Issue, Outcome

from .models import DEFAULT_POINTS, ActivityKind, ActivityWeight

# The fields of a member that may be shown publicly; every public read is limited to them.
PUBLIC_FIELDS = ("id", "full_name", "member_note", "sector", "full_name_pinyin", "full_name_initials")


def _year_bounds(year: int | None):
    if year is None:
        return None
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _session_filter(prefix: str, member, year=None) -> Q:
    """Held sessions that name `member` (a user or an OuterRef), seen through `prefix`."""
    path = f"{prefix}__" if prefix else ""
    q = Session.held_q(prefix) & Q(**{f"{path}cppcc_members": member})
    bounds = _year_bounds(year)
    if bounds:
        q &= Q(**{f"{path}starts_at__gte": bounds[0], f"{path}starts_at__lt": bounds[1]})
    return q


def _count(queryset) -> Coalesce:
    """A correlated COUNT(DISTINCT pk) of `queryset`, 0 when empty: one subquery per column, so
    the members' list stays one query and no join multiplies another's rows."""
    counted = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Count("pk", distinct=True))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def _outcomes_of(member, year=None):
    return Outcome.objects.filter(
        _session_filter("sessions", member, year) | _session_filter("issues__raised_in", member, year)
    )


def with_activity(queryset: QuerySet, *, year: int | None = None, outcome_kinds: bool = False) -> QuerySet:
    """Members with their record's counts annotated: `session_count`, `issue_raised_count`,
    `issue_followed_count`, `outcome_count` and, with `outcome_kinds`, one count per outcome kind
    (`outcome_proposal_count`, …). `year` limits all of them
    to the sessions held that year (Asia/Shanghai)."""
    member = OuterRef("pk")
    annotations = {
        "session_count": _count(Session.objects.filter(_session_filter("", member, year))),
        "issue_raised_count": _count(Issue.objects.public().filter(_session_filter("raised_in", member, year))),
        "issue_followed_count": _count(Issue.objects.public().filter(_session_filter("deliberated_in", member, year))),
        "outcome_count": _count(_outcomes_of(member, year)),
    }
    if outcome_kinds:
        for kind in Outcome.Kind.values:
            annotations[f"outcome_{kind}_count"] = _count(_outcomes_of(member, year).filter(kind=kind))
    return queryset.annotate(**annotations)


def member_search(queryset: QuerySet, text: str) -> QuerySet:
    """Members whose name, its pinyin or initials (“xl” finds 向磊), sector or note match `text`."""
    text = (text or "").strip()[:50]
    if not text:
        return queryset
    compact = text.replace(" ", "").lower()
    return queryset.filter(
        Q(full_name__icontains=text)
        | Q(full_name_initials__startswith=compact)
        | Q(full_name_pinyin__startswith=text.lower())
        | Q(sector__name__icontains=text)
        | Q(member_note__icontains=text)
    )


def public_members() -> QuerySet:
    """The CPPCC members anyone may see (active members), by sector and then in pinyin order,
    with their record's counts. Only the public fields are read."""
    members = (
        get_user_model()
        .objects.filter(is_cppcc_member=True, is_active=True)
        .select_related("sector")
        .only(*PUBLIC_FIELDS, "sector__name", "sector__ordering")
        .order_by("sector__ordering", "sector__name", "full_name_pinyin", "pk")
    )
    return with_activity(members)


def public_members_named() -> QuerySet:
    """Public members with their public fields only, no counts: the members a session names,
    as its public page lists them (prefetched through `Session.cppcc_members`)."""
    return (
        get_user_model()
        .objects.filter(is_cppcc_member=True, is_active=True)
        .select_related("sector")
        .only(*PUBLIC_FIELDS, "sector__name")
        .order_by("full_name_pinyin", "pk")
    )


def public_member_links() -> QuerySet:
    """The links between sessions and the public members they name (the open-data table)."""
    return Session.cppcc_members.through.objects.filter(user__is_cppcc_member=True, user__is_active=True)


def public_member(pk) -> object | None:
    """One public member with the counts, or None (not a member, inactive, or no such user)."""
    return public_members().filter(pk=pk).first()


@dataclass
class MemberRecord:
    """A member's 履职档案: what the profile page, the API detail and the review show."""

    member: object
    sessions: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    outcome_counts: dict = field(default_factory=dict)


def member_record(member, *, limit: int | None = None) -> MemberRecord:
    """The sessions (newest first, with their room), public issues raised or followed in them,
    and the outcomes from them, of one member. Three queries plus one for the outcome counts;
    `limit` caps each list (the counts on the member stay complete)."""
    sessions = (
        Session.objects.filter(_session_filter("", member))
        .select_related("room")
        .only("id", "topic", "starts_at", "kind", "room__id", "room__name")
        .order_by("-starts_at", "-pk")
    )
    issues = (
        Issue.objects.public()
        .filter(_session_filter("raised_in", member) | _session_filter("deliberated_in", member))
        .distinct()
        .select_related("room", "category")
        .only("id", "title", "status", "reported_on", "room__id", "room__name", "category__name")
        .order_by("-reported_on", "-pk")
    )
    outcomes = (
        _outcomes_of(member)
        .distinct()
        .only("id", "kind", "title", "submitted_on", "adoption", "submitted_to")
        .order_by("-submitted_on", "-pk")
    )
    if limit:
        sessions, issues, outcomes = sessions[:limit], issues[:limit], outcomes[:limit]
    counts = dict(
        Outcome.objects.filter(pk__in=_outcomes_of(member).values("pk"))
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return MemberRecord(
        member=member,
        sessions=list(sessions),
        issues=list(issues),
        outcomes=list(outcomes),
        outcome_counts={kind: counts.get(kind, 0) for kind in Outcome.Kind.values},
    )


def activity_weights() -> dict:
    """The points of each kind of activity: the staff's table, the defaults where a kind has
    no row."""
    stored = dict(ActivityWeight.objects.values_list("kind", "points"))
    return {kind: stored.get(kind, DEFAULT_POINTS[kind]) for kind in ActivityKind.values}


# Which annotation of `with_activity(outcome_kinds=True)` counts each kind of activity.
ACTIVITY_COLUMNS = {
    ActivityKind.SESSION: "session_count",
    ActivityKind.ISSUE_RAISED: "issue_raised_count",
    ActivityKind.ISSUE_FOLLOWED: "issue_followed_count",
    ActivityKind.PROPOSAL: "outcome_proposal_count",
    ActivityKind.OPINION: "outcome_opinion_count",
    ActivityKind.SUGGESTION: "outcome_suggestion_count",
}


@dataclass
class ReviewRow:
    member: object
    counts: dict  # ActivityKind → count
    points: dict  # ActivityKind → points earned
    total: Decimal


def annual_review(year: int) -> tuple[dict, list[ReviewRow]]:
    """Every CPPCC member's activities in `year` (sessions held that year and what came of
    them), with the points of each kind weighted by the staff's table and the total. Inactive
    members are included: the review covers the whole year. Two queries."""
    weights = activity_weights()
    members = with_activity(
        get_user_model()
        .objects.filter(is_cppcc_member=True)
        .select_related("sector")
        .only(*PUBLIC_FIELDS, "is_active", "sector__name", "sector__ordering")
        .order_by("sector__ordering", "sector__name", "full_name_pinyin", "pk"),
        year=year,
        outcome_kinds=True,
    )
    rows = []
    for member in members:
        counts = {kind: getattr(member, column) for kind, column in ACTIVITY_COLUMNS.items()}
        points = {kind: weights[kind] * counts[kind] for kind in counts}
        rows.append(ReviewRow(member=member, counts=counts, points=points, total=sum(points.values(), Decimal(0))))
    return weights, rows


def sessions_naming_more_than_counted() -> QuerySet:
    """Sessions whose named members outnumber their 政协委员 headcount, with `named` and
    `counted` annotated. None can be written since the triggers; rows older than them can."""
    counted = Attendance.objects.filter(session=OuterRef("pk"), role=Attendance.Role.CPPCC_MEMBER).values("headcount")
    return (
        Session.objects.annotate(
            named=Count("cppcc_members", distinct=True),
            counted=Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0)),
        )
        .filter(named__gt=F("counted"))
        .select_related("room")
        .order_by("starts_at", "pk")
    )
