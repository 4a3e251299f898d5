"""The database refuses bad rooms, communities and convenerships, whatever code path writes them."""

import pytest
from django.db import IntegrityError, transaction

from rooms.models import Room
from tests.factories import CommunityFactory, ConvenershipFactory, RoomFactory, SectorFactory, StreetFactory

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_community_room_without_community_is_refused():
    street = StreetFactory()
    refused(lambda: Room.objects.create(name="无社区议事室", level=Room.Level.COMMUNITY, street=street))


def test_street_room_without_street_is_refused():
    refused(lambda: Room.objects.create(name="无街道议事室", level=Room.Level.STREET))


def test_sector_room_without_sector_is_refused():
    refused(lambda: Room.objects.create(name="无界别议事室", level=Room.Level.SECTOR))


def test_unknown_room_level_is_refused():
    refused(lambda: Room.objects.create(name="怪议事室", level="planet", sector=SectorFactory()))


def test_duplicate_room_name_is_refused():
    room = RoomFactory()
    refused(lambda: RoomFactory(name=room.name))


def test_duplicate_community_in_a_street_is_refused():
    community = CommunityFactory()
    refused(lambda: CommunityFactory(name=community.name, street=community.street))


def test_one_convenership_per_user_and_room():
    membership = ConvenershipFactory()
    refused(lambda: ConvenershipFactory(user=membership.user, room=membership.room))
