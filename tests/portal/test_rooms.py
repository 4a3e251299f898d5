"""The room directory, the coverage view and a room's page."""

import pytest
from django.urls import reverse

from tests.factories import ConvenershipFactory, RoomFactory, UserFactory

pytestmark = pytest.mark.django_db


def names_in(response):
    return [room.name for room in response.context["page"].object_list]


def test_room_list_shows_active_rooms_with_their_figures(client, world):
    response = client.get(reverse("rooms:list"))
    assert response.status_code == 200
    names = names_in(response)
    assert world.room.name in names and world.sector_room.name in names
    assert world.inactive.name not in names
    room = next(r for r in response.context["page"].object_list if r.pk == world.room.pk)
    assert (room.sessions_held, room.person_times, room.issues_resolved) == (1, 36, 1)
    html = response.content.decode()
    assert "<strong>36</strong>" in html
    assert 'aria-current="page"' in html  # the navigation marks the directory


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=sector", {"经济界协商议事室"}),
        ("level=street", {"陈桥街道协商议事室", "文峰街道协商议事室"}),
        ("q=世伦桥&ordering=name", {"世伦桥社区协商议事室"}),  # q alone opens the one room (test_room_directory)
    ],
)
def test_room_list_filters(client, world, query, expected):
    assert set(names_in(client.get(reverse("rooms:list") + "?" + query))) == expected


def test_room_list_filters_by_street_and_sector(client, world):
    by_street = names_in(client.get(reverse("rooms:list"), {"street": world.north.pk}))
    assert set(by_street) == {world.room.name, world.street_room.name}
    by_sector = names_in(client.get(reverse("rooms:list"), {"sector": world.sector.pk}))
    assert by_sector == [world.sector_room.name]


def test_room_list_sorts_by_person_times(client, world):
    names = names_in(client.get(reverse("rooms:list"), {"ordering": "-person_times"}))
    assert names[:2] == [world.room.name, world.south_room.name]


@pytest.mark.parametrize(
    "query", ["level=castle", "street=999999", "street=abc", "sector=-1", "ordering=password", "level=<script>"]
)
def test_unknown_filter_values_give_an_empty_list_with_an_error(client, world, query):
    response = client.get(reverse("rooms:list") + "?" + query)
    assert response.status_code == 200
    assert names_in(response) == []
    assert "筛选条件有误" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "0", "abc", "99999999999999999999"])
def test_out_of_range_pages_answer_404(client, world, page):
    response = client.get(reverse("rooms:list"), {"page": page})
    assert response.status_code == 404
    assert "没有找到这个页面" in response.content.decode()


def test_filter_state_is_kept_in_pagination_links(client, db):
    from tests.factories import RoomFactory, StreetFactory

    street = StreetFactory()
    for _n in range(25):
        RoomFactory(level="street", community=None, street=street)
    html = client.get(reverse("rooms:list"), {"street": street.pk, "level": "street"}).content.decode()
    assert f"?street={street.pk}&amp;level=street&amp;page=2" in html
    second = client.get(reverse("rooms:list"), {"street": street.pk, "level": "street", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_coverage_marks_streets_and_communities(client, world):
    response = client.get(reverse("rooms:coverage"))
    html = response.content.decode()
    assert response.status_code == 200
    streets = {street.name: street for street in response.context["streets"]}
    assert streets["陈桥街道"].covered and streets["文峰街道"].covered
    communities = {c.name: c.covered for s in streets.values() for c in s.community_list}
    assert communities == {"世伦桥社区": True, "无室社区": False}
    assert '无室社区 <span class="tag">未建</span>' in html
    assert 'data-figure="communities_covered">1/2' in html
    assert 'data-figure="sectors_covered">1/1' in html


def test_room_page_shows_everything_a_resident_needs(client, world):
    response = client.get(world.room.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        world.room.name,
        "社区",
        world.room.address,
        "王召集",  # the convener's name
        "0513-85551234",  # the office phone
        world.room.description,
        world.held.topic,
        world.planned.topic,
        world.resolved.title,
        world.accepted.topic,
        "2019年5月1日",
    ):
        assert text in html, text
    assert 'data-figure="person_times">36' in html
    assert 'data-figure="satisfaction_rate">50.0' in html
    assert f'href="{reverse("portal:feed-room", args=[world.room.pk])}"' in html
    assert 'aria-label="当前位置"' in html  # breadcrumb
    assert '<meta property="og:title" content="世伦桥社区协商议事室">' in html


def test_inactive_or_missing_room_answers_404(client, world):
    assert client.get(world.inactive.get_absolute_url()).status_code == 404
    assert client.get(reverse("rooms:detail", args=[999999])).status_code == 404


def test_room_page_never_shows_a_convener_username(client):
    room = RoomFactory()
    ConvenershipFactory(room=room, user=UserFactory(username="13912345678", full_name=""))
    ConvenershipFactory(room=room, user=UserFactory(username="li-convener", full_name="李召集"))
    html = client.get(room.get_absolute_url()).content.decode()
    assert "李召集" in html
    assert "13912345678" not in html
    assert "li-convener" not in html
