"""Who may act on a room. The other apps' permission modules build on these predicates."""

from django.db.models import Q, QuerySet

from accounts.roles import is_active_user, is_staff

from .models import Room, Street, StreetStaff

__all__ = [
    "is_staff",
    "is_convener",
    "rooms_managed_by",
    "can_manage_room",
    "can_edit_room",
    "street_of",
    "is_street_staff",
]


def is_convener(user) -> bool:
    """True when the user convenes at least one room (one query)."""
    return bool(user and user.is_authenticated and user.is_active and user.convenerships.exists())


def _managed_q(user) -> Q:
    """Rooms a user convenes, and every room of the street they serve as street staff."""
    return Q(convenerships__user=user) | Q(street__staff__user=user)


def rooms_managed_by(user) -> QuerySet:
    """The rooms a user may act for: every room for staff, the rooms of their street for street
    staff (街道政协工委), the rooms they convene otherwise. Liaisons manage no room."""
    if is_staff(user):
        return Room.objects.all()
    if not is_active_user(user):
        return Room.objects.none()
    return Room.objects.filter(pk__in=Room.objects.filter(_managed_q(user)).values("pk"))


def can_manage_room(user, room) -> bool:
    """May this user log sessions, post updates and review suggestions for `room`? (one query)"""
    if is_staff(user):
        return True
    if not is_active_user(user):
        return False
    return Room.objects.filter(_managed_q(user), pk=room.pk).exists()


def street_of(user) -> Street | None:
    """The street a street-staff user (街道政协工委) oversees, or None (one query)."""
    if not is_active_user(user):
        return None
    staff = StreetStaff.objects.select_related("street").filter(user=user).first()
    return staff.street if staff else None


def is_street_staff(user) -> bool:
    return street_of(user) is not None


def can_edit_room(user, room) -> bool:
    """Only staff change the registry itself (name, level, address, conveners)."""
    return is_staff(user)
