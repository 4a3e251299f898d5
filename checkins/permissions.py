"""Who may print a room's poster and show a session's check-in QR code.

Both belong to whoever runs the room: its conveners, the street staff of its street, and staff
for every room (`rooms.permissions.rooms_managed_by`). Anything else answers 404, as for a room
or session that does not exist. Checking in itself needs no account: the token is the key.
"""

from django.db.models import QuerySet

from deliberations.models import Session
from rooms.permissions import can_manage_room, rooms_managed_by


def poster_rooms_for(user) -> QuerySet:
    """The rooms whose poster `user` may open (every room for staff)."""
    return rooms_managed_by(user)


def can_print_poster(user, room) -> bool:
    """The room's conveners, its street staff and staff print its poster."""
    return can_manage_room(user, room)


def checkin_sessions_for(user) -> QuerySet:
    """The sessions whose check-in QR code `user` may open: those of the rooms they run. No edit
    window here: the code is shown before and on the day, whatever the logging deadline."""
    return Session.objects.filter(room__in=rooms_managed_by(user))


def can_show_checkin_code(user, session) -> bool:
    return can_manage_room(user, session.room)
