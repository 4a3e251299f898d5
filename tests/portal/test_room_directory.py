"""Finding "my room": the directory in pinyin order (street, then its rooms; rooms without a street
last), a search box that opens the one room a name means, and coverage chips that link to rooms."""

import re

import pytest
from django.urls import reverse

from rooms.models import Room, Street
from rooms.pinyin import pinyin_key

pytestmark = pytest.mark.django_db


def names_in(response):
    return [room.name for room in response.context["page"].object_list]


def test_pinyin_key_reads_names_as_residents_do():
    assert pinyin_key("长桥新村") == "chang qiao xin cun"
    assert pinyin_key("陈桥街道") < pinyin_key("文峰街道") < pinyin_key("五一港社区")


def test_sort_keys_are_kept_on_save(world):
    room = Room.objects.get(name="世伦桥社区协商议事室")
    assert room.name_pinyin == pinyin_key(room.name)
    room.name = "阿福社区协商议事室"
    room.save(update_fields=["name"])
    room.refresh_from_db()
    assert room.name_pinyin.startswith("a fu")
    assert Street.objects.get(name="文峰街道").name_pinyin == "wen feng jie dao"


def test_directory_lists_streets_in_pinyin_order_then_rooms_without_a_street(client, world):
    names = names_in(client.get(reverse("rooms:list")))
    # 陈桥 (chen) before 文峰 (wen); each street's own room before its communities; 界别 last.
    assert names == ["陈桥街道协商议事室", "世伦桥社区协商议事室", "文峰街道协商议事室", "经济界协商议事室"]


def test_an_explicit_ordering_still_wins(client, world):
    names = names_in(client.get(reverse("rooms:list") + "?ordering=-person_times"))
    assert names[0] == "世伦桥社区协商议事室"


def test_a_name_that_means_one_room_opens_it(client, world):
    room = Room.objects.get(name="世伦桥社区协商议事室")
    for term in ("世伦桥", "世伦桥社区", " 世伦桥社区协商议事室 "):
        response = client.get(reverse("rooms:list"), {"q": term})
        assert response.status_code == 302 and response["Location"] == room.get_absolute_url(), term
    street_room = Room.objects.get(name="文峰街道协商议事室")
    response = client.get(reverse("rooms:list"), {"q": "文峰"})
    assert response["Location"] == street_room.get_absolute_url()


def test_a_name_that_means_several_rooms_filters_the_list(client, world):
    response = client.get(reverse("rooms:list"), {"q": "街道"})
    assert response.status_code == 200
    assert {"陈桥街道协商议事室", "文峰街道协商议事室"} <= set(names_in(response))
    response = client.get(reverse("rooms:list"), {"q": "火星"})
    assert response.status_code == 200 and names_in(response) == []


def test_search_box_suggests_places(client, world):
    html = client.get(reverse("rooms:list")).content.decode()
    assert 'list="place-names"' in html and 'role="search"' in html
    options = re.findall(
        r'<option value="([^"]+)">', html.split('<datalist id="place-names">')[1].split("</datalist>")[0]
    )
    assert {"世伦桥社区", "陈桥街道", "经济界协商议事室"} <= set(options)
    assert "已停用协商议事室" not in options


def test_filters_are_folded_for_phones(client, world):
    html = client.get(reverse("rooms:list")).content.decode()
    assert re.search(r"<details class=\"filter-details\" data-filters>", html)  # closed; site.js opens it when wide


def test_coverage_chips_link_to_their_rooms(client, world):
    html = client.get(reverse("rooms:coverage")).content.decode()
    room = Room.objects.get(name="世伦桥社区协商议事室")
    sector_room = Room.objects.get(name="经济界协商议事室")
    street_room = Room.objects.get(name="陈桥街道协商议事室")
    assert re.search(rf'<a class="chip-link" href="{room.get_absolute_url()}">.*?世伦桥社区', html, re.S)
    assert re.search(rf'<a class="chip-link" href="{sector_room.get_absolute_url()}">.*?经济界', html, re.S)
    assert f'href="{street_room.get_absolute_url()}">✓ 街道议事室已建' in html
    assert "无室社区" in html and not re.search(r'<a [^>]*>[^<]*<span aria-hidden="true">✓</span> 无室社区', html)
