"""The API and the public list pages filter with the same FilterSet: the same query finds the same
records, and the same bad value is the page's Chinese error or the API's 400."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import IssueFactory, RoomFactory, SessionFactory

TZ = datetime.timezone(datetime.timedelta(hours=8))

pytestmark = pytest.mark.django_db


def page_ids(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [record.pk for record in response.context["page"].object_list]


def api_ids(api, url, params):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def issues(room, other_room):
    """Issues that the search must tell apart: 停车 in a title, in a description only, far apart."""
    return {
        "title": IssueFactory(room=room, title="小区停车位不足", reported_on=datetime.date(2020, 6, 1)),
        "description": IssueFactory(
            room=other_room,
            title="夜间噪声扰民",
            description="广场舞音响和违规停车引发矛盾",
            reported_on=datetime.date(2020, 7, 1),
        ),
        "apart": IssueFactory(
            title="停放电动车的车位太少", description="车棚拥挤", reported_on=datetime.date(2020, 8, 1)
        ),
        "other": IssueFactory(title="老年助餐点选址", description="助餐服务", reported_on=datetime.date(2020, 9, 1)),
    }


@pytest.mark.parametrize(
    ("word", "expected"),
    [("停车", ["title", "description"]), ("音响", ["description"]), ("助餐 选址", ["other"]), ("车位 停放", ["apart"])],
)
@pytest.mark.parametrize("ordering", ["reported_on", "-reported_on"])
def test_issue_search_finds_the_same_issues_on_the_page_and_in_the_api(client, api, issues, word, expected, ordering):
    on_page = page_ids(client, reverse("issues:list"), {"q": word, "ordering": ordering})
    in_api = api_ids(api, "/api/v1/issues/", {"search": word, "ordering": ordering})
    assert on_page == in_api
    assert set(on_page) == {issues[key].pk for key in expected}


def test_session_search_finds_the_same_sessions_on_the_page_and_in_the_api(client, api, room):
    in_topic = SessionFactory(room=room, topic="养老服务议事", starts_at=datetime.datetime(2020, 6, 1, 9, tzinfo=TZ))
    in_place = SessionFactory(place="养老院会议室", starts_at=datetime.datetime(2020, 7, 1, 9, tzinfo=TZ))
    in_consensus = SessionFactory(consensus="增设养老助餐点", starts_at=datetime.datetime(2020, 8, 1, 9, tzinfo=TZ))
    SessionFactory(topic="停车议事", starts_at=datetime.datetime(2020, 9, 1, 9, tzinfo=TZ))
    for ordering in ("starts_at", "-starts_at"):
        on_page = page_ids(client, reverse("deliberations:list"), {"q": "养老", "ordering": ordering})
        in_api = api_ids(api, "/api/v1/sessions/", {"search": "养老", "ordering": ordering})
        assert on_page == in_api
    assert set(on_page) == {in_topic.pk, in_place.pk, in_consensus.pk}
    by_room = {"room": room.pk, "street": room.street_id, "kind": "regular", "status": "held"}
    assert page_ids(client, reverse("deliberations:list"), by_room) == api_ids(api, "/api/v1/sessions/", by_room)
    assert api_ids(api, "/api/v1/sessions/", by_room) == [in_topic.pk]


def test_room_search_finds_the_same_rooms_on_the_page_and_in_the_api(client, api):
    by_name = RoomFactory(name="文峰社区协商议事室")
    by_address = RoomFactory(name="甲社区协商议事室", address="崇川区文峰路8号")
    by_description = RoomFactory(name="乙社区协商议事室", description="毗邻文峰公园")
    RoomFactory(name="文峰老街协商议事室", is_active=False)  # the page lists active rooms only
    RoomFactory(name="丙社区协商议事室")
    on_page = page_ids(client, reverse("rooms:list"), {"q": "文峰", "ordering": "name"})
    in_api = api_ids(api, "/api/v1/rooms/", {"search": "文峰", "is_active": "true", "ordering": "name"})
    assert on_page == in_api
    assert set(on_page) == {by_name.pk, by_address.pk, by_description.pk}
    by_street = {"street": by_name.street_id, "level": "community"}
    on_page = page_ids(client, reverse("rooms:list"), by_street)
    assert on_page == api_ids(api, "/api/v1/rooms/", by_street) == [by_name.pk]


@pytest.mark.parametrize(
    ("page", "api_url", "param", "value"),
    [
        ("issues:list", "/api/v1/issues/", "room", "abc"),
        ("issues:list", "/api/v1/issues/", "street", "-1"),
        ("issues:list", "/api/v1/issues/", "status", "lost"),
        ("deliberations:list", "/api/v1/sessions/", "campaign", "0.5"),
        ("deliberations:list", "/api/v1/sessions/", "kind", "party"),
        ("rooms:list", "/api/v1/rooms/", "sector", "99999999999999999999"),
        ("rooms:list", "/api/v1/rooms/", "level", "castle"),
    ],
)
def test_a_bad_value_is_the_pages_chinese_error_and_the_apis_400(client, api, issues, page, api_url, param, value):
    response = client.get(reverse(page), {param: value})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    page_errors = response.context["filter"].form.errors[param]
    assert "筛选条件有误" in response.content.decode()
    assert all(any("\u4e00" <= char <= "\u9fff" for char in message) for message in page_errors)

    answer = api.get(api_url, {param: value})
    assert answer.status_code == 400
    api_errors = answer.json()[param]
    assert all(any("\u4e00" <= char <= "\u9fff" for char in message) for message in api_errors)


def test_a_long_search_is_refused_by_both(client, api, issues):
    words = "停" * 101
    response = client.get(reverse("issues:list"), {"q": words})
    assert list(response.context["page"].object_list) == []
    assert response.context["filter"].form.errors["q"]
    assert api.get("/api/v1/issues/", {"search": words}).json()["search"]


def test_an_empty_value_means_all_on_the_page_and_is_a_400_in_the_api(client, api, issues):
    # The page's form submits every field, the empty ones too.
    assert len(page_ids(client, reverse("issues:list"), {"q": "", "room": "", "status": ""})) == len(issues)
    answer = api.get("/api/v1/issues/?room=&status=")
    assert answer.status_code == 400
    assert set(answer.json()) == {"room", "status"}


def test_an_unknown_id_is_the_pages_error_and_an_empty_api_list(client, api, issues):
    unknown = max(issue.room_id for issue in issues.values()) + 1000
    response = client.get(reverse("issues:list"), {"room": unknown})
    assert list(response.context["page"].object_list) == []
    assert response.context["filter"].form.errors["room"]
    answer = api.get("/api/v1/issues/", {"room": unknown})
    assert answer.status_code == 200
    assert answer.json()["count"] == 0
