"""Reads of check-ins and posters, shared by the public check-in page, the convener's session
form and QR page, and the staff's poster list."""

import datetime
import enum
import hashlib

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from deliberations.models import AttendanceRole, Session
from rooms.models import Room

from .models import Checkin, CheckinCode, RoomPoster


class CheckinWindow(enum.Enum):
    """Where today stands against a session's check-in day."""

    NOT_YET = "not_yet"  # before the session's day
    OPEN = "open"  # the session's day (Asia/Shanghai)
    CLOSED = "closed"  # after it


def checkin_day(session) -> datetime.date:
    """The day check-in is open: the local date (Asia/Shanghai) the session starts on."""
    return timezone.localtime(session.starts_at).date()


def checkin_window(session, today=None) -> CheckinWindow:
    """Check-in opens on the session's day only: before it NOT_YET, after it CLOSED."""
    today = today or timezone.localdate()
    day = checkin_day(session)
    if today < day:
        return CheckinWindow.NOT_YET
    if today > day:
        return CheckinWindow.CLOSED
    return CheckinWindow.OPEN


def session_for_checkin_token(token: str) -> Session | None:
    """The session a check-in link names, with its room (one query), or None for an unknown token."""
    code = CheckinCode.objects.select_related("session__room").filter(token=token).first()
    return code.session if code else None


def checkin_counts(*, session) -> dict[str, int]:
    """How many phones checked in per role, every role present (0 when none). One query."""
    counts = dict.fromkeys(AttendanceRole.values, 0)
    rows = Checkin.objects.filter(session=session).order_by().values("role").annotate(total=Count("pk"))
    for row in rows:
        counts[row["role"]] = row["total"]
    return counts


def device_key(device_id: str) -> str:
    """The stored form of a phone's device cookie: a salted SHA-256, the cookie cannot be read back."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:checkin-device:{device_id}".encode()).hexdigest()


def device_checkin_role(*, session, device_id: str) -> str:
    """The role the phone with this device cookie ticked for `session`, or "" (one query)."""
    role = Checkin.objects.filter(session=session, device_key=device_key(device_id)).values_list("role", flat=True)
    return role.first() or ""


def absolute_url(path: str) -> str:
    """The address printed in a QR code: the portal's public base URL (DJANGO_PORTAL_BASE_URL),
    never the host a request happened to come in on."""
    return f"{settings.PORTAL_BASE_URL}{path}"


def checkin_url(code: CheckinCode) -> str:
    return absolute_url(reverse("checkins:checkin", args=[code.token]))


def room_page_url(room) -> str:
    return absolute_url(room.get_absolute_url())


def room_suggestion_url(room) -> str:
    """The topic-suggestion form: the form on the room's page, at its anchor."""
    return absolute_url(room.get_absolute_url()) + "#suggest"


def poster_details(room) -> dict:
    """What the room's poster prints: the conveners' public names (the real names staff recorded,
    as on the room's page; never a phone or a user name), the office phone and the opening hours.
    Two queries."""
    poster = RoomPoster.objects.filter(room=room).first()
    conveners = [
        membership.user.full_name.strip()
        for membership in room.convenerships.select_related("user").order_by("pk")
        if membership.user.full_name.strip()
    ]
    return {
        "conveners": conveners,
        "public_phone": room.public_phone,
        "opening_hours": poster.opening_hours if poster else "",
    }


def rooms_for_posters(rooms: QuerySet) -> QuerySet:
    """The given active rooms in directory order, with their street, for the staff's poster list
    (one query, however many rooms)."""
    return rooms.filter(Room.active_q()).select_related("street", "community").in_directory_order()


def checkin_suggestion(*, session) -> dict | None:
    """What the session form offers next to the headcounts: the check-ins per role and their
    total, or None when nobody checked in (or the session is not saved yet). One query at most."""
    if session is None or session.pk is None:
        return None
    counts = checkin_counts(session=session)
    total = sum(counts.values())
    if not total:
        return None
    return {
        "rows": [(role, label, counts[role]) for role, label in AttendanceRole.choices],
        "total": total,
    }
