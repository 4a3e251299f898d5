"""Reads for the convener workspace (我的议事室). A fixed number of queries however many rooms,
sessions and issues there are: counts are correlated subqueries, lists are prefetches."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from deliberations.models import Session, TopicSuggestion
from issues.models import Issue
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
    - `recent_sessions` (list, newest first, at most RECENT_SESSIONS).

    Four queries in all (the rooms with their counts, then one prefetch each for open issues,
    suggestions and recent sessions), independent of the data size.
    """
    today = today or timezone.localdate()
    month_start, next_month, year_start, next_year = _period_bounds(today)
    held = Session.objects.held()
    open_issues = Issue.objects.open().select_related("category", "department").order_by("due_on", "-reported_on", "pk")
    pending = TopicSuggestion.objects.filter(status=TopicSuggestion.Status.PENDING).order_by("-created_at", "-pk")
    recent = Session.objects.order_by("-starts_at", "-pk")
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
        )
        .order_by("name")
    )
    result = list(queryset)
    for room in result:
        for issue in room.open_issues:
            issue.is_overdue = bool(issue.due_on and issue.due_on < today)
        room.open_issues.sort(key=lambda issue: (not issue.is_overdue,))
    return result
