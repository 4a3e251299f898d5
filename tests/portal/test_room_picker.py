"""The room dropdown of the session and issue filters: every room in a district, the rooms of
the chosen street once there are more than `ROOM_PICKER_ALL_MAX` (a city, a province)."""

import pytest
from django.urls import reverse

from rooms import filters as room_filters
from tests.factories import RoomFactory, StreetFactory

pytestmark = pytest.mark.django_db

LISTS = ["deliberations:list", "issues:list"]


@pytest.fixture
def two_streets():
    east, west = StreetFactory(name="东街道"), StreetFactory(name="西街道")
    rooms = {
        "east": [RoomFactory(street=east, name=f"东{n}社区协商议事室") for n in range(2)],
        "west": [RoomFactory(street=west, name=f"西{n}社区协商议事室") for n in range(2)],
    }
    return east, west, rooms


def room_options(response):
    field = response.context["filter"].form.fields["room"]
    return [value for value, _label in field.widget.choices if value != ""]


@pytest.mark.parametrize("page", LISTS)
def test_a_district_lists_every_room(client, two_streets, page):
    _east, _west, rooms = two_streets
    assert len(room_options(client.get(reverse(page)))) >= 4


@pytest.mark.parametrize("page", LISTS)
def test_past_the_limit_the_street_comes_first(client, two_streets, page, monkeypatch):
    monkeypatch.setattr(room_filters, "ROOM_PICKER_ALL_MAX", 3)
    east, west, rooms = two_streets
    response = client.get(reverse(page))
    assert room_options(response) == []
    html = response.content.decode()
    assert "请先选择所属街道，再选择议事室。" in html
    assert 'aria-describedby="id_room_help"' in html

    response = client.get(reverse(page), {"street": east.pk})
    assert sorted(room_options(response)) == sorted(room.pk for room in rooms["east"])

    # A room chosen from its page (`?room=`) keeps its street's rooms on offer, itself selected.
    chosen = rooms["west"][1]
    response = client.get(reverse(page), {"room": chosen.pk})
    assert sorted(room_options(response)) == sorted(room.pk for room in rooms["west"])
    assert f'<option value="{chosen.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("page", LISTS)
def test_a_room_of_another_street_still_filters(client, two_streets, page, monkeypatch):
    """The dropdown is narrowed, not the field: a link with any room id is a valid filter."""
    monkeypatch.setattr(room_filters, "ROOM_PICKER_ALL_MAX", 3)
    east, _west, rooms = two_streets
    response = client.get(reverse(page), {"street": east.pk, "room": rooms["west"][0].pk})
    assert response.status_code == 200
    assert not response.context["filter"].form.errors


def test_the_options_endpoint_matches_the_dropdown(client, two_streets, monkeypatch):
    monkeypatch.setattr(room_filters, "ROOM_PICKER_ALL_MAX", 3)
    east, _west, rooms = two_streets
    data = client.get(reverse("rooms:options"), {"street": east.pk}).json()
    page = client.get(reverse("deliberations:list"), {"street": east.pk})
    assert [room["id"] for room in data["rooms"]] == room_options(page)
    assert data["narrowed"] is False
    assert client.get(reverse("rooms:options")).json() == {"rooms": [], "narrowed": True}
    assert client.get(reverse("rooms:options"), {"street": "x"}).json()["narrowed"] is True


@pytest.mark.parametrize("page", LISTS)
def test_the_dropdown_costs_one_query_at_any_size(client, page, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(room_filters, "ROOM_PICKER_ALL_MAX", 3)
    street = StreetFactory()
    for size in (5, 40):
        for _n in range(size - street.rooms.count()):
            RoomFactory(street=StreetFactory())
        with django_assert_max_num_queries(12):
            client.get(reverse(page))
        with django_assert_max_num_queries(12):
            client.get(reverse(page), {"street": street.pk})


def test_the_room_search_suggests_street_names_only_past_the_limit(client, monkeypatch):
    from portal import room_views
    from tests.factories import CommunityFactory

    east, west = StreetFactory(name="东街道"), StreetFactory(name="西街道")
    rooms = [
        RoomFactory(community=CommunityFactory(street=street), name=f"{street.name[0]}{n}社区协商议事室")
        for street in (east, west)
        for n in range(2)
    ]
    names = client.get(reverse("rooms:list")).context["place_names"]
    assert rooms[0].name in names and east.name in names
    monkeypatch.setattr(room_views, "PLACE_NAMES_MAX_ROOMS", 3)
    names = client.get(reverse("rooms:list")).context["place_names"]
    assert names == ["东街道", "西街道"]
