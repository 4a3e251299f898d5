"""Who may log, edit and delete sessions and review topic suggestions."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

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
    """Staff always; the room's convener within the edit window."""
    if is_staff(user):
        return True
    return can_manage_room(user, session.room) and edit_window_open(session)


def can_delete_session(user, session) -> bool:
    """The same rule as editing: staff always, the convener within the window."""
    return can_edit_session(user, session)


def suggestions_reviewable_by(user) -> QuerySet:
    return TopicSuggestion.objects.filter(room__in=rooms_managed_by(user))


def can_review_suggestion(user, suggestion) -> bool:
    """The room's convener or staff accept or decline a resident's topic suggestion."""
    return can_manage_room(user, suggestion.room)
