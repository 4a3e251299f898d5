"""Bad input answers 400 with field errors in Chinese, never 500; a page past the end is a 404."""

import pytest

from tests.factories import IssueFactory, SessionFactory


@pytest.fixture
def some_data(db, room):
    SessionFactory(room=room)
    IssueFactory(room=room)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/sessions/?held_after=notadate", "held_after"),
        ("/api/v1/sessions/?held_before=2020-13-45", "held_before"),
        ("/api/v1/issues/?room=abc", "room"),
        ("/api/v1/issues/?room=", "room"),
        ("/api/v1/issues/?room=99999999999999999999", "room"),
        ("/api/v1/issues/?status=nonsense", "status"),
        ("/api/v1/rooms/?is_active=maybe", "is_active"),
        ("/api/v1/issues/?page=-1", "page"),
        ("/api/v1/issues/?page=0", "page"),
        ("/api/v1/issues/?page=abc", "page"),
        ("/api/v1/issues/?page_size=101", "page_size"),
        ("/api/v1/issues/?page_size=0", "page_size"),
        ("/api/v1/issues/?ordering=phone", "ordering"),
        ("/api/v1/issues/?ordering=title,-title", "ordering"),
        ("/api/v1/issues/?format=csv&page=-1", "page"),
        ("/api/v1/rooms/?search=" + "长" * 101, "search"),
        ("/api/v1/rooms/?format=", "format"),
        ("/api/v1/rooms/?format=xml", "format"),
        ("/api/v1/rooms/?page=1&page=2", "page"),
    ],
)
def test_malformed_query_is_a_400_with_a_chinese_field_error(api, some_data, url, field):
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    messages = response.json()[field]
    assert messages and all(any("\u4e00" <= char <= "\u9fff" for char in message) for message in messages)


@pytest.mark.django_db
def test_page_past_the_end_is_a_json_404(api, some_data):
    response = api.get("/api/v1/issues/?page=49")
    assert response.status_code == 404
    assert response.json()["detail"] == "页码超出范围。"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/rooms/abc/", "/api/v1/rooms/0.5/", "/api/v1/issues/99999999999999999999/"])
def test_unknown_ids_are_json_404s(api, some_data, path):
    response = api.get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_valid_filters_and_ordering_work(api, room, other_room):
    mine = IssueFactory(room=room, title="甲")
    IssueFactory(room=other_room, title="乙")
    data = api.get(f"/api/v1/issues/?room={room.pk}&ordering=-title&page_size=5").json()
    assert [row["id"] for row in data["results"]] == [mine.pk]
    assert api.get(f"/api/v1/issues/?room={room.pk + 1000}").json()["count"] == 0


@pytest.mark.django_db
def test_unsupported_method_is_405_before_authentication(api, some_data):
    response = api.delete("/api/v1/rooms/1/")
    assert response.status_code == 405
    assert "Allow" in response
