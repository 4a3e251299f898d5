"""Who may announce a session, see its sign-ups, publish its result and moderate comments.

The room's conveners (and street staff for their street's rooms) and district staff: the same
people who log the room's sessions (`rooms.permissions.can_manage_room`). Anything else answers
404 in the pages ("not yours" looks like "does not exist").
"""

from django.db.models import QuerySet

from deliberations.models import Session
from rooms.permissions import can_manage_room, rooms_managed_by

from .models import Announcement, Comment, ResultNotice


def can_announce(user, session) -> bool:
    """Announce a planned session, change or cancel its announcement, see, export and message
    its sign-ups: the room's conveners and staff."""
    return can_manage_room(user, session.room)


def can_publish_result(user, session) -> bool:
    """Publish a held session's result for comments (结果公示): the room's conveners and staff."""
    return can_manage_room(user, session.room)


def can_moderate_comment(user, comment) -> bool:
    """Approve, reject or answer a resident's comment: the room's conveners and staff."""
    return can_manage_room(user, comment.notice.session.room)


def sessions_announceable_by(user) -> QuerySet:
    """The sessions whose announcement and result pages a user may open in the workspace."""
    return Session.objects.filter(room__in=rooms_managed_by(user))


def announcements_managed_by(user) -> QuerySet:
    return Announcement.objects.filter(session__room__in=rooms_managed_by(user))


def notices_managed_by(user) -> QuerySet:
    return ResultNotice.objects.filter(session__room__in=rooms_managed_by(user))


def comments_moderated_by(user) -> QuerySet:
    return Comment.objects.filter(notice__session__room__in=rooms_managed_by(user))
