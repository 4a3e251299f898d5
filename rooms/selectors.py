"""Reads about rooms that several pages and the API share."""

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from issues.models import Feedback, Issue
from sessions.models import Attendance, Session

from .models import Community, Room, Sector, Street


def _scalar(queryset, group_field, aggregate):
    """A correlated subquery that returns one aggregate per outer room (0 when there are none).

    Subqueries, not joins: joining sessions, attendance and issues at once would multiply the
    rows and inflate every sum.
    """
    inner = queryset.filter(**{group_field: OuterRef("pk")}).order_by().values(group_field)
    return Coalesce(
        Subquery(inner.annotate(value=aggregate).values("value")[:1], output_field=IntegerField()),
        Value(0),
    )


def room_figures_annotations(prefix=""):
    """Annotations for sessions held, person-times, issues resolved and satisfaction of each room."""
    return {
        "sessions_held": _scalar(Session.objects.filter(status=Session.Status.HELD), "room", Count("pk")),
        "person_times": _scalar(
            Attendance.objects.filter(session__status=Session.Status.HELD), "session__room", Sum("headcount")
        ),
        "issues_total": _scalar(Issue.objects.filter(is_public=True), "room", Count("pk")),
        "issues_resolved": _scalar(
            Issue.objects.filter(is_public=True, status=Issue.Status.RESOLVED), "room", Count("pk")
        ),
        "feedback_total": _scalar(Feedback.objects.filter(issue__is_public=True), "issue__room", Count("pk")),
        "feedback_positive": _scalar(
            Feedback.objects.filter(
                issue__is_public=True, rating__in=[Feedback.Rating.SATISFIED, Feedback.Rating.MOSTLY]
            ),
            "issue__room",
            Count("pk"),
        ),
    }


def rooms_with_figures(queryset: QuerySet | None = None) -> QuerySet:
    """Rooms with their public figures annotated, in one query however many rooms there are."""
    queryset = Room.objects.all() if queryset is None else queryset
    return queryset.select_related("street", "community", "sector").annotate(**room_figures_annotations())


def active_room_exists(level, field):
    """`Exists` an active room of `level` whose `field` is the outer row: coverage of that row."""
    return Exists(Room.objects.filter(is_active=True, level=level, **{field: OuterRef("pk")}))


def coverage_counts():
    """Totals and covered counts of streets, communities and sectors (three aggregate queries)."""
    result = {}
    for name, model, level, field in (
        ("streets", Street, Room.Level.STREET, "street"),
        ("communities", Community, Room.Level.COMMUNITY, "community"),
        ("sectors", Sector, Room.Level.SECTOR, "sector"),
    ):
        figures = model.objects.aggregate(
            total=Count("pk"), covered=Count("pk", filter=active_room_exists(level, field))
        )
        result[name] = (figures["total"], figures["covered"])
    return result


def streets_with_coverage():
    """Each street with its communities, each marked covered when it has an active room.

    Two queries: the streets and the communities, both annotated.
    """
    streets = list(Street.objects.annotate(covered=active_room_exists(Room.Level.STREET, "street")))
    communities = Community.objects.annotate(covered=active_room_exists(Room.Level.COMMUNITY, "community"))
    by_street = {}
    for community in communities:
        by_street.setdefault(community.street_id, []).append(community)
    for street in streets:
        street.community_list = by_street.get(street.pk, [])
        street.communities_covered = sum(1 for c in street.community_list if c.covered)
    return streets
