"""Who may log, edit and delete sessions and review topic suggestions."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import PortalSettings
from rooms.permissions import can_manage_room, is_staff, rooms_managed_by

from .models import Session, TopicSuggestion


def can_log_session(user, room) -> bool:
    """A convener logs sessions for the rooms they convene; staff for any room."""
    return can_manage_room(user, room)


def sessions_editable_by(user) -> QuerySet:
    """The sessions whose edit page a user may open (the edit window is checked per object)."""
    if is_staff(user):
        return Session.objects.all()
    return Session.objects.filter(room__in=rooms_managed_by(user))


def edit_window_open(session, now=None, window_days=None) -> bool:
    """A convener may change a session until `session_edit_window_days` after it was logged.
    Pass `window_days` when checking many sessions, to read the setting once."""
    now = now or timezone.now()
    if window_days is None:
        window_days = PortalSettings.load().session_edit_window_days
    window = datetime.timedelta(days=window_days)
    return session.created_at is None or now - session.created_at <= window


def can_edit_session(user, session) -> bool:
    """Staff always; the room's convener within the edit window (see `check_can_edit_session`)."""
    try:
        check_can_edit_session(user, session)
    except PermissionDenied:
        return False
    return True


def can_delete_session(user, session) -> bool:
    """The same rule as editing: staff always, the convener within the window."""
    return can_edit_session(user, session)


class SessionNotYours(PermissionDenied):
    """The session is outside the user's rooms: answered like "does not exist" (404)."""


class EditWindowClosed(PermissionDenied):
    """The session is the user's, but its edit window has closed: answered 403 with the reason."""


def edit_window_closed_reason(window_days: int) -> str:
    return _("该议事活动录入已超过 %(days)s 天，召集人不能再修改或删除，请联系区政协机关工作人员。") % {
        "days": window_days
    }


def check_can_edit_session(user, session) -> None:
    """The one answer to "may this user change or delete this session?", for the HTML pages, the
    API and the services alike. Returns quietly when allowed; raises `SessionNotYours` (shown as
    404) for a session outside the user's rooms, and `EditWindowClosed` (403, with the reason in
    Chinese) for the user's own session after `session_edit_window_days`."""
    if is_staff(user):
        return
    if not can_manage_room(user, session.room):
        raise SessionNotYours(_("议事活动不存在或不属于您管理的议事室。"))
    window_days = PortalSettings.load().session_edit_window_days
    if not edit_window_open(session, window_days=window_days):
        raise EditWindowClosed(edit_window_closed_reason(window_days))


def suggestions_reviewable_by(user) -> QuerySet:
    return TopicSuggestion.objects.filter(room__in=rooms_managed_by(user))


def can_review_suggestion(user, suggestion) -> bool:
    """The room's convener or staff accept or decline a resident's topic suggestion."""
    return can_manage_room(user, suggestion.room)
