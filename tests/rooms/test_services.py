"""The registry services the Excel import writes through: create, update, or change nothing."""

import pytest
from django.core.exceptions import ValidationError

from accounts.services import convener_account_save
from rooms.models import Community, Convenership, Room, Sector, Street
from rooms.services import community_save, convenership_save, room_save, sector_create, street_save

pytestmark = pytest.mark.django_db


def test_a_street_is_created_then_updated_then_left_alone():
    street, action = street_save(name="和平桥街道", kind=Street.Kind.STREET, ordering=3)
    assert action == "created" and street.ordering == 3
    street, action = street_save(street=street, name="和平桥街道", kind=Street.Kind.TOWN)
    assert action == "updated" and Street.objects.get().kind == Street.Kind.TOWN
    _street, action = street_save(street=street, name="和平桥街道", kind=Street.Kind.TOWN)
    assert action == "unchanged" and Street.objects.get().ordering == 3


def test_community_and_sector():
    street, _action = street_save(name="任港街道", kind=Street.Kind.STREET, ordering=1)
    community, action = community_save(street=street, name="任港社区", kind=Community.Kind.COMMUNITY)
    assert action == "created" and community.street == street
    sector, action = sector_create(name="经济界", ordering=1)
    assert action == "created" and Sector.objects.get() == sector


def test_a_room_is_created_and_updated_with_its_registry_values_only():
    street, _action = street_save(name="任港街道", kind=Street.Kind.STREET, ordering=1)
    room, action = room_save(name="任港社区议事室", level=Room.Level.STREET, street=street, address="任港路1号")
    assert action == "created" and room.pk
    room, action = room_save(room=room, name=room.name, level=Room.Level.STREET, street=street, is_active=False)
    assert action == "updated"
    room.refresh_from_db()
    assert not room.is_active and room.address == ""


def test_a_room_that_breaks_a_model_rule_is_refused_and_nothing_is_written():
    with pytest.raises(ValidationError):
        room_save(name="", level=Room.Level.STREET)
    assert not Room.objects.exists()


def test_a_convener_account_and_convenership():
    street, _action = street_save(name="任港街道", kind=Street.Kind.STREET, ordering=1)
    room, _action = room_save(name="任港街道议事室", level=Room.Level.STREET, street=street)
    user, action = convener_account_save(username="zhangsan", full_name="张三")
    assert action == "created" and not user.has_usable_password() and user.full_name == "张三"
    user, action = convener_account_save(user=user, username="zhangsan", full_name="张三丰")
    assert action == "updated" and user.full_name == "张三丰"
    assert convener_account_save(user=user, username="zhangsan", full_name="")[1] == "unchanged"
    membership, action = convenership_save(user=user, room=room)
    assert action == "created" and Convenership.objects.get() == membership
    assert convenership_save(convenership=membership, user=user, room=room)[1] == "unchanged"
