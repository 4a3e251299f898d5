"""The street and sector filters of the public lists: a dropdown of every street in a district,
and past `PAGE_OPTIONS_MAX` (a province's 1,300 streets and 2,600 sectors) a box to type the name
in, so that the page does not carry thousands of options. Links with an id keep working."""

import pytest
from django.urls import reverse

from cases.filters import CaseFilter
from deliberations.filters import SessionFilter
from issues.filters import IssueFilter
from rooms.filters import RoomFilter
from tests.factories import RoomFactory, SectorFactory, StreetFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "rooms:list": RoomFilter,
    "deliberations:list": SessionFilter,
    "issues:list": IssueFilter,
    "cases:list": CaseFilter,
}


@pytest.fixture
def streets():
    names = ["文峰街道", "文峰北街道", "和平桥街道"]
    made = [StreetFactory(name=name) for name in names]
    for street in made:
        RoomFactory(street=street, name=f"{street.name}协商议事室")
    return dict(zip(names, made, strict=True))


@pytest.fixture
def province(monkeypatch):
    """Fewer streets allowed in a dropdown than the fixture has: the lists behave as a province's."""
    for filterset in LISTS.values():
        monkeypatch.setattr(filterset.declared_filters["street"], "page_options_max", 2)


@pytest.mark.parametrize("page", LISTS)
def test_a_district_lists_its_streets(client, streets, page):
    html = client.get(reverse(page)).content.decode()
    assert '<select name="street"' in html
    for street in streets.values():
        assert f'<option value="{street.pk}">{street.name}</option>' in html


@pytest.mark.parametrize("page", LISTS)
def test_a_province_types_the_street(client, streets, province, page):
    response = client.get(reverse(page))
    html = response.content.decode()
    assert '<select name="street"' not in html
    assert '<input type="text" name="street"' in html
    assert "输入名称或其中几个字，例如" in html
    assert 'aria-describedby="id_street_help"' in html and 'id="id_street_help"' in html
    assert "和平桥街道</option>" not in html


def test_a_unique_part_of_the_name_filters(client, streets, province):
    response = client.get(reverse("rooms:list"), {"street": "和平"})
    assert not response.context["filter"].form.errors
    assert [room.name for room in response.context["page"].object_list] == ["和平桥街道协商议事室"]
    # The box keeps what the resident typed.
    assert 'value="和平"' in response.content.decode()


def test_the_full_name_wins_over_longer_names(client, streets, province):
    response = client.get(reverse("rooms:list"), {"street": "文峰街道"})
    assert not response.context["filter"].form.errors
    assert [room.name for room in response.context["page"].object_list] == ["文峰街道协商议事室"]


def test_a_link_with_the_id_shows_the_name(client, streets, province):
    street = streets["文峰北街道"]
    response = client.get(reverse("rooms:list"), {"street": street.pk})
    assert not response.context["filter"].form.errors
    assert [room.name for room in response.context["page"].object_list] == ["文峰北街道协商议事室"]
    assert 'value="文峰北街道"' in response.content.decode()


def test_several_matches_are_named_in_the_error(client, streets, province):
    response = client.get(reverse("rooms:list"), {"street": "文峰"})
    html = response.content.decode()
    assert "名称含“文峰”的有文峰街道、文峰北街道，请输入完整的名称。" in html or (
        "名称含“文峰”的有文峰北街道、文峰街道，请输入完整的名称。" in html
    )
    assert 'value="文峰"' in html  # nothing typed is lost


def test_an_unknown_name_is_an_error(client, streets, province):
    html = client.get(reverse("issues:list"), {"street": "不存在"}).content.decode()
    assert "没有名称含“不存在”的所属街道。" in html
    assert 'value="不存在"' in html


def test_the_room_dropdown_follows_a_typed_street(client, streets, province, monkeypatch):
    from rooms import filters as room_filters

    monkeypatch.setattr(room_filters, "ROOM_PICKER_ALL_MAX", 1)
    response = client.get(reverse("deliberations:list"), {"street": "和平"})
    field = response.context["filter"].form.fields["room"]
    assert [label for value, label in field.widget.choices if value != ""] == ["和平桥街道协商议事室"]
    data = client.get(reverse("rooms:options"), {"street": "和平"}).json()
    assert [room["name"] for room in data["rooms"]] == ["和平桥街道协商议事室"]


def test_the_sector_filter_becomes_a_box_too(client, monkeypatch):
    monkeypatch.setattr(RoomFilter.declared_filters["sector"], "page_options_max", 1)
    workers, women = SectorFactory(name="工会界"), SectorFactory(name="妇联界")
    RoomFactory(sector=workers, street=None, level="sector", name="工会界协商议事室")
    RoomFactory(sector=women, street=None, level="sector", name="妇联界协商议事室")
    response = client.get(reverse("rooms:list"), {"sector": "妇联"})
    html = response.content.decode()
    assert '<select name="sector"' not in html and 'value="妇联"' in html
    assert [room.name for room in response.context["page"].object_list] == ["妇联界协商议事室"]
