"""Who may see and change issues."""

from django.db.models import Q, QuerySet

from rooms.permissions import can_manage_room, is_staff, rooms_managed_by

from .models import Issue


def issues_visible_to(user) -> QuerySet:
    """Public issues for everyone, plus the unpublished issues of the rooms a user manages."""
    if is_staff(user):
        return Issue.objects.all()
    if user and user.is_authenticated:
        return Issue.objects.filter(Issue.public_q() | Q(room__in=rooms_managed_by(user)))
    return Issue.objects.public()


def issues_editable_by(user) -> QuerySet:
    """Issues whose progress a user may post: their rooms' issues, or all for staff."""
    if is_staff(user):
        return Issue.objects.all()
    return Issue.objects.filter(room__in=rooms_managed_by(user))


def can_update_issue(user, issue) -> bool:
    """Post progress, change status, resolve or escalate: the room's convener or staff."""
    return can_manage_room(user, issue.room)


def can_urge_issue(user, issue) -> bool:
    """催办 (urging an overdue issue) is a staff action."""
    return is_staff(user)
