"""Rollups: the figures' counters kept per room and month, per room and per street and month.

Reading the figures from these tables costs O(rooms) or O(months) however many sessions,
attendance rows and issues there are. They are kept exact by recomputation, never by adding
deltas: a write to a session, an attendance row, an issue or a rating recomputes the
(room, month) rows it touches from the raw rows (O(one room-month)), then the room's totals from
its month rows and the street's month row from its rooms' rows, inside the writer's
transaction. `figures.apps` connects the receivers; docs/architecture.md ("Rollups") says why.

`rebuild()` recomputes everything set-based (INSERT … SELECT … GROUP BY); `refresh(room_ids=…)`
does the same for some rooms; `differences()` compares the tables with the raw rows.
"""

import contextlib
import contextvars
import datetime

from django.db import connection, transaction
from django.db.models import Count, DateField, IntegerField, Max, Q, Sum, Value
from django.db.models.functions import Cast, TruncDate, TruncMonth
from django.utils import timezone

from core.bulk import batch_closing, batch_pending
from deliberations.models import Attendance, Session
from figures.models import RollupCounters, RoomMonthRollup, RoomRollup, StreetMonthRollup
from issues.models import Feedback, Issue
from rooms.models import Room

_deferred = contextvars.ContextVar("rollups_deferred", default=False)

COUNTERS = RollupCounters.COUNTERS
COLUMNS = (*COUNTERS, "last_session_date")
ZERO = dict.fromkeys(COUNTERS, 0)

# ---- months -------------------------------------------------------------------------------------


def month_of(value):
    """The first day of the month of a date, or of an aware datetime in Asia/Shanghai."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, timezone.get_default_timezone()).date()
    return value.replace(day=1)


def month_bounds(month):
    """The aware datetimes [start, end) of a month in Asia/Shanghai."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=tz)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start, datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)


def _month_expr(field, of_datetime=True):
    tz = timezone.get_default_timezone() if of_datetime else None
    return Cast(TruncMonth(field, output_field=DateField(), tzinfo=tz), DateField())


# ---- the raw counts, set-based ------------------------------------------------------------------


def _zero(*names):
    return {name: Value(0, output_field=IntegerField()) for name in names}


def _partials(room_ids=None):
    """One grouped query per source, (room, month) → its share of the counters, as a UNION ALL
    of rows (k_room, k_month, sessions_held, …, last_session_date). `room_ids` keeps some rooms."""
    tz = timezone.get_default_timezone()
    no_date = Value(None, output_field=DateField())
    columns = ("k_room", "k_month", *COLUMNS)

    def keep(queryset, room_field):
        return queryset if room_ids is None else queryset.filter(**{f"{room_field}__in": room_ids})

    sessions = (
        keep(Session.objects.held(), "room")
        .order_by()
        .annotate(k_room=Cast("room", IntegerField()), k_month=_month_expr("starts_at"))
        .values("k_room", "k_month")
        .annotate(
            sessions_held=Count("pk"),
            **_zero("person_times", "issues_total", "issues_open", "issues_resolved"),
            **_zero("feedback_total", "feedback_positive"),
            last_session_date=Max(Cast(TruncDate("starts_at", tzinfo=tz), DateField())),
        )
        .values_list(*columns)
    )
    attendance = (
        keep(Attendance.objects.held(), "session__room")
        .order_by()
        .annotate(k_room=Cast("session__room", IntegerField()), k_month=_month_expr("session__starts_at"))
        .values("k_room", "k_month")
        .annotate(
            **_zero("sessions_held"),
            person_times=Attendance.person_times_sum(),
            **_zero("issues_total", "issues_open", "issues_resolved", "feedback_total", "feedback_positive"),
            last_session_date=no_date,
        )
        .values_list(*columns)
    )
    issues = (
        keep(Issue.objects.public(), "room")
        .order_by()
        .annotate(k_room=Cast("room", IntegerField()), k_month=_month_expr("reported_on", of_datetime=False))
        .values("k_room", "k_month")
        .annotate(
            **_zero("sessions_held", "person_times"),
            issues_total=Count("pk"),
            issues_open=Count("pk", filter=Issue.open_q()),
            issues_resolved=Count("pk", filter=Issue.resolved_q()),
            **_zero("feedback_total", "feedback_positive"),
            last_session_date=no_date,
        )
        .values_list(*columns)
    )
    feedback = (
        keep(Feedback.objects.public(), "issue__room")
        .order_by()
        .annotate(
            k_room=Cast("issue__room", IntegerField()), k_month=_month_expr("issue__reported_on", of_datetime=False)
        )
        .values("k_room", "k_month")
        .annotate(
            **_zero("sessions_held", "person_times", "issues_total", "issues_open", "issues_resolved"),
            feedback_total=Count("pk"),
            feedback_positive=Count("pk", filter=Q(rating__in=Feedback.POSITIVE_RATINGS)),
            last_session_date=no_date,
        )
        .values_list(*columns)
    )
    return sessions.union(attendance, issues, feedback, all=True).query.sql_with_params()


def _sums(prefix="u."):
    return ", ".join(
        [f"SUM({prefix}{name}) AS {name}" for name in COUNTERS]
        + [f"MAX({prefix}last_session_date) AS last_session_date"]
    )


def _expected_sql(level, room_ids=None):
    """SQL (and params) of the rollup rows computed from the raw rows: level is "room_month",
    "room" or "street_month"."""
    union, params = _partials(room_ids)
    source = f"({union}) u"
    if level == "room_month":
        return (
            f"SELECT u.k_room AS room_id, u.k_month AS month, {_sums()} FROM {source} GROUP BY u.k_room, u.k_month",
            params,
        )
    if level == "room":
        return f"SELECT u.k_room AS room_id, {_sums()} FROM {source} GROUP BY u.k_room", params
    room = Room._meta.db_table
    return (
        f"SELECT r.street_id AS street_id, u.k_month AS month, {_sums()} FROM {source} "
        f"JOIN {room} r ON r.id = u.k_room GROUP BY r.street_id, u.k_month"
    ), params


def _street_sql(street_filter=""):
    """Street-month rows from the room-month rollups (already exact)."""
    room, room_month = Room._meta.db_table, RoomMonthRollup._meta.db_table
    return (
        f"SELECT r.street_id, m.month, {_sums('m.')} FROM {room_month} m JOIN {room} r ON r.id = m.room_id "
        f"{street_filter} GROUP BY r.street_id, m.month"
    )


def _columns(*keys):
    return ", ".join([*keys, *COLUMNS])


# ---- rebuild and refresh ------------------------------------------------------------------------


@transaction.atomic
def refresh(room_ids=None):
    """Recompute the rollups of these rooms (all rooms when None) from the raw rows, set-based.

    Writes that bypass the signals the rollups listen to (raw SQL, a COPY) call this.
    """
    room_ids = None if room_ids is None else sorted(set(room_ids))
    if room_ids == []:
        return
    _lock_rooms(room_ids)
    room_month, room_total, street_month = (
        RoomMonthRollup._meta.db_table,
        RoomRollup._meta.db_table,
        StreetMonthRollup._meta.db_table,
    )
    with connection.cursor() as cursor:
        if room_ids is None:
            for table in (room_month, room_total, street_month):
                cursor.execute(f"DELETE FROM {table}")
            streets = None
        else:
            streets = sorted(
                {s for s in Room.objects.filter(pk__in=room_ids).values_list("street_id", flat=True)},
                key=lambda s: (s is not None, s or 0),
            )
            RoomMonthRollup.objects.filter(room__in=room_ids).delete()
            RoomRollup.objects.filter(room__in=room_ids).delete()
        sql, params = _expected_sql("room_month", room_ids)
        cursor.execute(f"INSERT INTO {room_month} ({_columns('room_id', 'month')}) {sql}", params)
        totals = f"SELECT room_id, {_sums('m.')} FROM {room_month} m"
        if room_ids is not None:
            totals += f" WHERE m.room_id IN ({', '.join(['%s'] * len(room_ids))})"
        cursor.execute(f"INSERT INTO {room_total} ({_columns('room_id')}) {totals} GROUP BY room_id", room_ids or [])
        if streets is None:
            cursor.execute(f"INSERT INTO {street_month} ({_columns('street_id', 'month')}) {_street_sql()}")
        else:
            for street in streets:
                _lock_street(street)
            named = [s for s in streets if s is not None]
            conditions = []
            if named:
                conditions.append(f"r.street_id IN ({', '.join(['%s'] * len(named))})")
            if None in streets:
                conditions.append("r.street_id IS NULL")
            StreetMonthRollup.objects.filter(
                Q(street__in=named) | (Q(street__isnull=True) if None in streets else Q(pk__in=[]))
            ).delete()
            cursor.execute(
                f"INSERT INTO {street_month} ({_columns('street_id', 'month')}) "
                f"{_street_sql('WHERE ' + ' OR '.join(conditions))}",
                named,
            )


def rebuild():
    """Recompute every rollup from the raw rows (set-based, a few statements)."""
    refresh(None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (RoomMonthRollup, RoomRollup, StreetMonthRollup):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


# ---- checking -----------------------------------------------------------------------------------


def _stored_sql(model, keys):
    return f"SELECT {', '.join([*keys, *COLUMNS])} FROM {model._meta.db_table}"


def differences(limit=50):
    """The rollup keys whose stored counters differ from the raw rows, set-based:
    {"room_month": [(room, month), …], "room": [room, …], "street_month": [(street, month), …]}.
    Empty lists when everything agrees."""
    result = {}
    for level, model, keys in (
        ("room_month", RoomMonthRollup, ("room_id", "month")),
        ("room", RoomRollup, ("room_id",)),
        ("street_month", StreetMonthRollup, ("street_id", "month")),
    ):
        expected, params = _expected_sql(level)
        stored = _stored_sql(model, keys)
        key_list = ", ".join(keys)
        # Rows in one side and not the other, both ways (EXCEPT treats NULLs as equal).
        sql = (
            f"SELECT {key_list} FROM (SELECT * FROM ({expected}) e EXCEPT SELECT * FROM ({stored}) s) a "
            f"UNION SELECT {key_list} FROM (SELECT * FROM ({stored}) s2 EXCEPT SELECT * FROM ({expected}) e2) b"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({sql}) d ORDER BY {key_list} LIMIT {int(limit)}", params + params)
            rows = cursor.fetchall()
        result[level] = [row[0] if len(row) == 1 else tuple(row) for row in rows]
    return result


# ---- one key at a time (the signal receivers) ---------------------------------------------------


def _lock(kind, key):
    """Serialise the recomputation of one key between concurrent transactions (PostgreSQL
    advisory lock held to the end of the transaction; SQLite has one writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [kind, key])


def _lock_rooms(room_ids):
    if room_ids is None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {RoomMonthRollup._meta.db_table} IN EXCLUSIVE MODE")
        return
    for room_id in room_ids:
        _lock(7301, room_id)


def _lock_street(street_id):
    _lock(7302, street_id or 0)


def _raw_room_month(room_id, month):
    start, end = month_bounds(month)
    following = end.date()
    held = Session.objects.held().filter(room_id=room_id, starts_at__gte=start, starts_at__lt=end)
    sessions = held.order_by().aggregate(n=Count("pk"), last=Max("starts_at"))
    issues = (
        Issue.objects.public()
        .filter(room_id=room_id, reported_on__gte=month, reported_on__lt=following)
        .order_by()
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=Issue.open_q()),
            resolved=Count("pk", filter=Issue.resolved_q()),
        )
    )
    feedback = (
        Feedback.objects.public()
        .filter(issue__room_id=room_id, issue__reported_on__gte=month, issue__reported_on__lt=following)
        .order_by()
        .aggregate(total=Count("pk"), positive=Count("pk", filter=Q(rating__in=Feedback.POSITIVE_RATINGS)))
    )
    last = sessions["last"]
    return {
        "sessions_held": sessions["n"],
        "person_times": Attendance.objects.filter(session__in=held).person_times() if sessions["n"] else 0,
        "issues_total": issues["total"],
        "issues_open": issues["open"],
        "issues_resolved": issues["resolved"],
        "feedback_total": feedback["total"],
        "feedback_positive": feedback["positive"],
        "last_session_date": timezone.localtime(last, timezone.get_default_timezone()).date() if last else None,
    }


def _store(model, lookup, values):
    """Write one rollup row; no row at all when every counter is zero (nothing to count)."""
    if not any(values[name] for name in COUNTERS):
        model.objects.filter(**lookup).delete()
    elif not model.objects.filter(**lookup).update(**values):
        model.objects.create(**lookup, **values)


def _sum_rows(queryset):
    sums = queryset.order_by().aggregate(
        **{name: Sum(name) for name in COUNTERS}, last_session_date=Max("last_session_date")
    )
    return {name: sums[name] or 0 for name in COUNTERS} | {"last_session_date": sums["last_session_date"]}


@contextlib.contextmanager
def deferred():
    """Bulk loads (the demo loader): skip the per-row recomputation and rebuild everything
    set-based at the end, which is far cheaper for many rows."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    rebuild()


def is_deferred():
    return _deferred.get()


def recompute(keys):
    """Recompute the rollups of these (room id, month) keys from the raw rows, then the totals of
    their rooms and the month rows of their streets. In the caller's transaction."""
    if _deferred.get():
        return
    keys = {(room, month) for room, month in keys if room is not None and month is not None}
    pending = batch_pending("rollups")
    if pending is not None:  # inside a write batch: recomputed once when it closes
        pending.update(keys)
        return
    keys = sorted(keys)
    if not keys:
        return
    # Inside the writer's transaction no savepoint is needed: an error rolls the whole write back.
    with transaction.atomic(savepoint=False):
        rooms = sorted({room for room, _month in keys})
        _lock_rooms(rooms)
        for room, month in keys:
            _store(RoomMonthRollup, {"room_id": room, "month": month}, _raw_room_month(room, month))
        for room in rooms:
            _store(RoomRollup, {"room_id": room}, _sum_rows(RoomMonthRollup.objects.filter(room_id=room)))
        streets = dict(Room.objects.filter(pk__in=rooms).values_list("pk", "street_id"))
        _recompute_streets({(streets.get(room), month) for room, month in keys if room in streets})


def _recompute_streets(keys):
    for street, month in sorted(keys, key=lambda key: (key[0] or 0, key[1])):
        _lock_street(street)
        rows = RoomMonthRollup.objects.filter(month=month)
        rows = rows.filter(room__street__isnull=True) if street is None else rows.filter(room__street_id=street)
        lookup = {"street__isnull": True} if street is None else {"street_id": street}
        values = _sum_rows(rows)
        if not any(values[name] for name in COUNTERS):
            StreetMonthRollup.objects.filter(month=month, **lookup).delete()
        elif not StreetMonthRollup.objects.filter(month=month, **lookup).update(**values):
            StreetMonthRollup.objects.create(street_id=street, month=month, **values)


def _batch_closing(sender, pending, **kwargs):
    recompute(pending.get("rollups", ()))


batch_closing.connect(_batch_closing, dispatch_uid="rollups-batch-closing")


def room_moved(room_id, old_street, new_street):
    """A room changed street: its months move from one street's rows to the other's."""
    if _deferred.get():
        return
    months = set(RoomMonthRollup.objects.filter(room_id=room_id).values_list("month", flat=True))
    with transaction.atomic():
        _recompute_streets({(street, month) for street in (old_street, new_street) for month in months})
