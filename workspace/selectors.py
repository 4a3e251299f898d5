"""Reads for the convener workspace (我的议事室). A fixed number of queries however many rooms,
sessions and issues there are: counts are correlated subqueries, lists are prefetches."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from deliberations.models import Session, TopicSuggestion
from departments.models import Department
from issues.models import FollowUpVisit, Issue
from issues.permissions import issues_editable_by
from rooms.models import Room

RECENT_SESSIONS = 8


def _count(queryset, room_field="room"):
    """Rows of `queryset` per outer room, 0 when none (a subquery, so sums never multiply)."""
    inner = queryset.filter(**{room_field: OuterRef("pk")}).order_by().values(room_field)
    return Coalesce(
        Subquery(inner.annotate(value=Count("pk")).values("value")[:1], output_field=IntegerField()), Value(0)
    )


def _period_bounds(today):
    """Start of this month, of next month, of this year and of next year, as aware datetimes."""
    tz = timezone.get_current_timezone()
    month_start = datetime.datetime(today.year, today.month, 1, tzinfo=tz)
    next_month = datetime.datetime(today.year + (today.month == 12), today.month % 12 + 1, 1, tzinfo=tz)
    year_start = datetime.datetime(today.year, 1, 1, tzinfo=tz)
    next_year = datetime.datetime(today.year + 1, 1, 1, tzinfo=tz)
    return month_start, next_month, year_start, next_year


def workspace_rooms(rooms: QuerySet, today=None) -> list[Room]:
    """The given rooms, each with:

    - `sessions_month`, `sessions_year`: sessions held this calendar month and year;
    - `sessions_planned`: planned sessions not yet completed;
    - `open_issues` (list, overdue first), each with `is_overdue`, and `overdue_count`;
    - `pending_suggestions` (list) of residents' topic suggestions awaiting review;
    - `recent_sessions` (list, newest first, at most RECENT_SESSIONS);
    - `escalated_open` (list): open issues of other rooms escalated to this one (提级到本室);
    - `awaiting_confirmation` (list): the room's and the escalated open issues whose department
      reported them done (待确认办结), read from the two lists above;
    - `pending_visits` (list): 回访 still to record for the room's or escalated issues.

    Six queries in all (the rooms with their counts, then one prefetch each for open issues,
    suggestions, recent sessions and escalated issues, and one for the pending visits),
    independent of the data size.
    """
    today = today or timezone.localdate()
    month_start, next_month, year_start, next_year = _period_bounds(today)
    held = Session.objects.held()
    open_issues = Issue.objects.open().select_related("category", "department").order_by("due_on", "-reported_on", "pk")
    pending = TopicSuggestion.objects.filter(status=TopicSuggestion.Status.PENDING).order_by("-created_at", "-pk")
    recent = Session.objects.order_by("-starts_at", "-pk")
    escalated = (
        Issue.objects.open().select_related("category", "department", "room").order_by("due_on", "-reported_on", "pk")
    )
    queryset = (
        rooms.select_related("street", "community", "sector")
        .annotate(
            sessions_month=_count(held.filter(starts_at__gte=month_start, starts_at__lt=next_month)),
            sessions_year=_count(held.filter(starts_at__gte=year_start, starts_at__lt=next_year)),
            sessions_planned=_count(Session.objects.planned()),
            overdue_count=_count(Issue.objects.overdue(today)),
        )
        .prefetch_related(
            Prefetch("issues", queryset=open_issues, to_attr="open_issues"),
            Prefetch("topic_suggestions", queryset=pending, to_attr="pending_suggestions"),
            Prefetch("sessions", queryset=recent[:RECENT_SESSIONS], to_attr="recent_sessions"),
            Prefetch("escalated_issues", queryset=escalated, to_attr="escalated_open"),
        )
        .order_by("name")
    )
    result = list(queryset)
    visits = _pending_visits_by_room([room.pk for room in result])
    for room in result:
        for issue in (*room.open_issues, *room.escalated_open):
            issue.is_overdue = bool(issue.due_on and issue.due_on < today)
        room.open_issues.sort(key=lambda issue: (not issue.is_overdue,))
        room.escalated_open.sort(key=lambda issue: (not issue.is_overdue,))
        room.awaiting_confirmation = [
            issue
            for issue in (*room.open_issues, *room.escalated_open)
            if issue.handling == Issue.Handling.DONE_REPORTED
        ]
        room.pending_visits = visits.get(room.pk, [])
    return result


def _pending_visits_by_room(room_ids) -> dict[int, list[FollowUpVisit]]:
    """Pending 回访 of the issues of `room_ids` or escalated to them, by room (one query)."""
    if not room_ids:
        return {}
    visits = (
        FollowUpVisit.objects.filter(result="")
        .filter(Q(issue__room__in=room_ids) | Q(issue__escalated_to__in=room_ids))
        .select_related("issue", "issue__room", "feedback")
        .order_by("created_at", "pk")
    )
    by_room = {}
    for visit in visits:
        for room_id in {visit.issue.room_id, visit.issue.escalated_to_id} & set(room_ids):
            by_room.setdefault(room_id, []).append(visit)
    return by_room


def active_departments() -> QuerySet:
    """The departments an issue may be assigned to (the 交办 menu)."""
    return Department.objects.active().only("pk", "name")


def duplicate_candidates(user, issue) -> QuerySet:
    """The issues `issue` may be merged into: the user's other issues of the same room that
    were not merged themselves (the 合并重复 menu)."""
    return (
        issues_editable_by(user)
        .filter(room_id=issue.room_id, duplicate_of__isnull=True)
        .exclude(pk=issue.pk)
        .only("pk", "title", "status")
        .order_by("-reported_on", "-pk")
    )


def pending_visits(issue) -> list[FollowUpVisit]:
    """The 回访 still to record for `issue`, with the rating that asked for each."""
    return list(
        FollowUpVisit.objects.filter(issue=issue, result="").select_related("feedback").order_by("created_at", "pk")
    )
