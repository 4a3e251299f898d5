"""Calendar files (iCalendar, RFC 5545) written with the `icalendar` package: one session's `.ics`
and the subscribable feeds of a room and of the district.

An event carries the topic, time, place, the agenda and who is invited, and the page's address;
never a resident's name or contact, nor a convener's. Its UID stays the same for the life of the
session, and SEQUENCE (the announcement's) goes up when the session is moved or cancelled, so a
calendar app that imported or subscribed replaces its copy; a cancelled session is sent with
STATUS:CANCELLED. Times are written in UTC, which every calendar app reads without a VTIMEZONE.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

DEFAULT_LENGTH = datetime.timedelta(hours=2)  # a session logged without an end time
REFRESH = datetime.timedelta(hours=6)


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"


def session_uid(session) -> str:
    return f"session-{session.pk}@{_host()}"


def _announcement(session):
    try:
        return session.announcement
    except session.__class__.announcement.RelatedObjectDoesNotExist:
        return None


def session_event(session) -> Event:
    """The VEVENT of one session (its room, and its announcement when it has one, loaded)."""
    announcement = _announcement(session)
    event = Event()
    event.add("uid", session_uid(session))
    stamp = (announcement.updated_at if announcement else session.updated_at) or timezone.now()
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    ends_at = session.ends_at or session.starts_at + DEFAULT_LENGTH
    event.add("dtend", ends_at.astimezone(datetime.UTC))
    event.add("summary", session.topic)
    event.add("location", session.place or session.room.address or session.room.name)
    lines = [_("议事室：%(room)s") % {"room": session.room.name}]
    if announcement is not None:
        if announcement.invited:
            lines.append(_("邀请对象：%(invited)s") % {"invited": announcement.invited})
        if announcement.agenda:
            lines.append(_("议程：") + "\n" + announcement.agenda)
        if announcement.is_cancelled:
            lines.insert(0, _("本次议事活动已取消。") + (announcement.cancel_reason or ""))
    url = settings.PORTAL_BASE_URL + session.get_absolute_url()
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("sequence", announcement.sequence if announcement else 0)
    cancelled = announcement is not None and announcement.is_cancelled
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def calendar_of(sessions, *, name: str, description: str = "") -> bytes:
    """A VCALENDAR holding one event per session, as bytes (CRLF lines, folded at 75 octets)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Chongchuan CPPCC//Consultation rooms//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", description)
    # How often a subscribed calendar should look again (Apple's and the RFC 7986 property).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for session in sessions:
        calendar.add_component(session_event(session))
    return calendar.to_ical()
