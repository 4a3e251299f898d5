"""The room predicates called directly, for every role: who is staff, who convenes, who may act
for a room and who may change the registry."""

import pytest

from rooms import permissions
from tests.factories import ConvenershipFactory, RoomFactory
from tests.roles import ROLES, cases, table

pytestmark = pytest.mark.django_db

# predicate (called with the user, and with `room` where it takes one) -> role -> expected answer
USER_PREDICATES = {
    "is_staff": table("staff", "superuser"),
    "is_convener": table("convener", "other_convener"),
}
ROOM_PREDICATES = {
    "can_manage_room": table("convener", "staff", "superuser"),
    "can_edit_room": table("staff", "superuser"),
}
# role -> the rooms rooms_managed_by answers, by fixture name ("all" for every room)
MANAGED_ROOMS = {
    "anonymous": set(),
    "resident": set(),
    "convener": {"room"},
    "other_convener": {"other_room"},
    "staff": {"all"},
    "superuser": {"all"},
    "inactive_convener": set(),
}


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(USER_PREDICATES))
def test_user_predicates(users_by_role, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role]) is expected


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(ROOM_PREDICATES))
def test_room_predicates(users_by_role, room, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role], room) is expected


@pytest.mark.parametrize("role", ROLES)
def test_rooms_managed_by_returns_exactly_the_rooms_of_the_role(users_by_role, room, other_room, role):
    unconvened = RoomFactory()
    named = {"room": room, "other_room": other_room}
    expected = (
        {room, other_room, unconvened} if MANAGED_ROOMS[role] == {"all"} else {named[n] for n in MANAGED_ROOMS[role]}
    )
    managed = list(permissions.rooms_managed_by(users_by_role[role]))
    assert len(managed) == len(set(managed))  # no duplicates from the convenership join
    assert set(managed) == expected


def test_a_convener_of_two_rooms_manages_both_and_is_counted_once(convener, room, other_room):
    ConvenershipFactory(user=convener, room=other_room)
    assert list(permissions.rooms_managed_by(convener).order_by("pk")) == sorted([room, other_room], key=lambda r: r.pk)
    assert permissions.can_manage_room(convener, other_room)
