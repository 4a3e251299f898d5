"""Reads about rooms that several pages and the API share."""

import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from rooms.models import Community, Room, Sector, Street


def established_by_q(day: datetime.date) -> Q:
    """Rooms established on or before `day`; a room with no establishment date counts (it was
    registered before the registry kept the date)."""
    return Q(established_on__isnull=True) | Q(established_on__lte=day)


def active_room_exists(level, field, established_by: datetime.date | None = None):
    """`Exists` an active room of `level` whose `field` is the outer row: coverage of that row;
    with `established_by`, only rooms established by that day count."""
    rooms = Room.objects.active().filter(level=level, **{field: OuterRef("pk")})
    if established_by is not None:
        rooms = rooms.filter(established_by_q(established_by))
    return Exists(rooms)


def active_room_pk(level, field):
    """The pk of the active room of `level` whose `field` is the outer row (a `Subquery`), so a
    coverage chip can link to its room without a query per chip."""
    return Subquery(
        Room.objects.active().filter(level=level, **{field: OuterRef("pk")}).order_by("pk").values("pk")[:1]
    )


def coverage_counts(established_by: datetime.date | None = None):
    """Totals and covered counts of streets, communities and sectors, in two queries whatever
    the size of the registry: the three totals, then one pass over the active rooms (a street is
    covered by a street-level room of it, a community by a community-level one, a sector by a
    sector-level one). With `established_by`, coverage as of that day (rooms established by then)."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in (Street, Community, Sector)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables))
        streets, communities, sectors = cursor.fetchone()
    rooms = Room.objects.active()
    if established_by is not None:
        rooms = rooms.filter(established_by_q(established_by))
    covered = rooms.aggregate(
        streets=Count("street", distinct=True, filter=Q(level=Room.Level.STREET)),
        communities=Count("community", distinct=True, filter=Q(level=Room.Level.COMMUNITY)),
        sectors=Count("sector", distinct=True, filter=Q(level=Room.Level.SECTOR)),
    )
    return {
        "streets": (streets, covered["streets"]),
        "communities": (communities, covered["communities"]),
        "sectors": (sectors, covered["sectors"]),
    }


def streets_with_coverage():
    """Each street with its communities, each marked covered when it has an active room.

    Two queries: the streets and the communities, both annotated.
    """
    streets = list(
        Street.objects.annotate(
            covered=active_room_exists(Room.Level.STREET, "street"),
            room_pk=active_room_pk(Room.Level.STREET, "street"),
        )
    )
    communities = Community.objects.annotate(
        covered=active_room_exists(Room.Level.COMMUNITY, "community"),
        room_pk=active_room_pk(Room.Level.COMMUNITY, "community"),
    )
    by_street = {}
    for community in communities:
        by_street.setdefault(community.street_id, []).append(community)
    for street in streets:
        street.community_list = by_street.get(street.pk, [])
        street.communities_covered = sum(1 for c in street.community_list if c.covered)
    return streets


def room_conveners(room) -> list:
    """The active users who convene `room` (who to tell about its issues)."""
    return [c.user for c in room.convenerships.select_related("user") if c.user.is_active]


def street_room(street):
    """The active street-level room of `street`, which takes over issues escalated to 街道."""
    if street is None:
        return None
    return Room.objects.active().filter(level=Room.Level.STREET, street=street).order_by("pk").first()


def street_staff_users(street) -> list:
    """The active street staff (街道政协工委) of `street`."""
    if street is None:
        return []
    return [s.user for s in street.staff.select_related("user") if s.user.is_active]
