"""Writes of check-ins and posters.

A check-in keeps the role ticked and a salted hash of the phone's device cookie, nothing else:
the same phone ticking again updates its row (a double tap never counts twice).
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Checkin, CheckinCode, RoomPoster
from .permissions import can_print_poster, can_show_checkin_code
from .selectors import CheckinWindow, checkin_window, device_key


class CheckinRefused(ValidationError):
    """Check-in is not open for this session now; `window` says why (not yet, or closed)."""

    def __init__(self, message, *, window: CheckinWindow):
        super().__init__(message, code=window.value)
        self.window = window


def new_device_id() -> str:
    """A fresh random device cookie value (128 bits)."""
    return secrets.token_urlsafe(16)


@transaction.atomic
def checkin_code_for(*, session, user) -> CheckinCode:
    """The session's check-in code, made on first use with an unguessable token (128 random
    bits). Only those who run the session's room may have one made."""
    if not can_show_checkin_code(user, session):
        raise PermissionDenied(_("您无权查看该议事活动的签到二维码。"))
    existing = CheckinCode.objects.filter(session=session).first()
    if existing:
        return existing
    code = CheckinCode(session=session, token=secrets.token_urlsafe(16))
    code.full_clean()
    try:
        with transaction.atomic():
            code.save()
    except IntegrityError:  # made by a concurrent request a moment ago
        return CheckinCode.objects.get(session=session)
    return code


@transaction.atomic
def checkin_record(*, session, role: str, device_id: str, today=None) -> tuple[Checkin, bool]:
    """Record one phone's check-in to `session` with the role ticked. Returns the check-in and
    whether it is new (False: this phone had checked in already; its role is updated).

    Refused with `CheckinRefused` outside the session's day (Asia/Shanghai)."""
    window = checkin_window(session, today)
    if window is CheckinWindow.NOT_YET:
        raise CheckinRefused(_("签到还没有开始：本场议事活动当天才能签到。"), window=window)
    if window is CheckinWindow.CLOSED:
        raise CheckinRefused(_("本场议事活动的签到已经结束。"), window=window)
    key = device_key(device_id)
    existing = Checkin.objects.select_for_update().filter(session=session, device_key=key).first()
    if existing:
        if existing.role != role:
            existing.role = role
            existing.full_clean()
            existing.save(update_fields=["role", "updated_at"])
        return existing, False
    checkin = Checkin(session=session, role=role, device_key=key)
    checkin.full_clean()
    try:
        with transaction.atomic():
            checkin.save()
    except IntegrityError:  # the same phone's other tap won the race: count it once
        return Checkin.objects.get(session=session, device_key=key), False
    return checkin, True


@transaction.atomic
def poster_update(*, room, user, opening_hours: str) -> RoomPoster:
    """Set the opening hours the room's poster prints."""
    if not can_print_poster(user, room):
        raise PermissionDenied(_("您无权修改该议事室的海报。"))
    poster, _created = RoomPoster.objects.select_for_update().get_or_create(room=room)
    poster.opening_hours = opening_hours.strip()
    poster.full_clean()
    poster.save()
    return poster
