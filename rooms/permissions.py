"""Who may act on a room. The other apps' permission modules build on these predicates."""

from django.db.models import QuerySet

from accounts.roles import is_staff

from .models import Room

__all__ = ["is_staff", "is_convener", "rooms_managed_by", "can_manage_room", "can_edit_room"]


def is_convener(user) -> bool:
    """True when the user convenes at least one room (one query)."""
    return bool(user and user.is_authenticated and user.is_active and user.convenerships.exists())


def rooms_managed_by(user) -> QuerySet:
    """The rooms a user may act for: every room for staff, the rooms they convene otherwise."""
    if is_staff(user):
        return Room.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Room.objects.none()
    return Room.objects.filter(convenerships__user=user).distinct()


def can_manage_room(user, room) -> bool:
    """May this user log sessions, post updates and review suggestions for `room`?"""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return room.convenerships.filter(user=user).exists()


def can_edit_room(user, room) -> bool:
    """Only staff change the registry itself (name, level, address, conveners)."""
    return is_staff(user)
