"""Pagination of the long lists: the capped count and the API's keyset cursor."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest

from core import listing
from core.api import pagination
from core.listing import CappedPaginator
from issues.models import Issue
from tests.factories import IssueFactory, ResolvedIssueFactory, RoomFactory, SectorFactory, SessionFactory

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def test_the_count_stops_at_the_cap_and_says_so():
    for _n in range(7):
        IssueFactory()
    capped = CappedPaginator(Issue.objects.order_by("pk"), 2, cap=5)
    assert (capped.count, capped.count_is_capped, capped.num_pages) == (5, True, 3)
    exact = CappedPaginator(Issue.objects.order_by("pk"), 2, cap=7)
    assert (exact.count, exact.count_is_capped, exact.num_pages) == (7, False, 4)


def test_a_list_page_over_the_cap_shows_a_lower_bound(client, monkeypatch):
    for _n in range(5):
        IssueFactory()
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    text = client.get("/issues/").content.decode()
    assert "共 3+ 条" in text
    monkeypatch.setattr(listing, "COUNT_CAP", 10)
    assert "共 5 条" in client.get("/issues/").content.decode()


def test_the_api_count_is_capped_with_a_flag(client, monkeypatch):
    for _n in range(5):
        IssueFactory()
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    body = client.get("/api/v1/issues/").json()
    assert (body["count"], body["count_is_capped"], len(body["results"])) == (3, True, 5)
    monkeypatch.setattr(listing, "COUNT_CAP", 10)
    body = client.get("/api/v1/issues/").json()
    assert (body["count"], body["count_is_capped"]) == (5, False)


def test_the_schema_documents_the_flag_and_the_cursor(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/issues/"]["get"]
    assert "cursor" in {parameter["name"] for parameter in operation["parameters"]}
    page = next(parameter for parameter in operation["parameters"] if parameter["name"] == "page")
    assert page["schema"]["maximum"] == pagination.MAX_PAGE_NUMBER
    text = str(schema)
    assert "count_is_capped" in text


def walk(client, monkeypatch, path, page_size=2):
    """Every id of the list, following `next` from page 1 with cursors from page 2 on."""
    monkeypatch.setattr(pagination, "MAX_PAGE_NUMBER", 1)
    ids, url, links = [], f"{path}{'&' if '?' in path else '?'}page_size={page_size}", 0
    while url:
        body = client.get(url).json()
        assert "results" in body, body
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
        if url and links:
            assert "cursor=" in url and "page=" not in url
        links += 1
        assert links < 50
    return ids


def every_id(client, path):
    body = client.get(f"{path}{'&' if '?' in path else '?'}page_size=100").json()
    return [row["id"] for row in body["results"]]


@pytest.fixture
def issues():
    """Issues with equal dates and empty due/resolved dates, where a cursor is easiest to get wrong."""
    room = RoomFactory()
    for n in range(9):
        factory = ResolvedIssueFactory if n % 3 == 0 else IssueFactory
        factory(
            room=room,
            title=f"问题{n % 4}",
            reported_on=datetime.date(2020, 6, 1 + n % 3),
            due_on=datetime.date(2020, 9, 1) if n % 2 else None,
        )


@pytest.mark.parametrize(
    "ordering", ["", "reported_on", "-reported_on", "resolved_on", "-resolved_on", "due_on", "-due_on", "title"]
)
def test_a_cursor_walks_every_issue_once_in_order(client, monkeypatch, issues, ordering):
    path = f"/api/v1/issues/?ordering={ordering}" if ordering else "/api/v1/issues/"
    expected = every_id(client, path)
    assert len(expected) == 9
    assert walk(client, monkeypatch, path) == expected


@pytest.mark.parametrize("ordering", ["", "starts_at", "-topic"])
def test_a_cursor_walks_every_session_once_in_order(client, monkeypatch, ordering):
    room = RoomFactory()
    for n in range(7):
        SessionFactory(
            room=room,
            topic=f"议题{n % 3}",
            starts_at=datetime.datetime(2020, 6, 1 + n % 2, 9, 0, n, 123456 * (n % 2), tzinfo=TZ),
        )
    path = f"/api/v1/sessions/?ordering={ordering}" if ordering else "/api/v1/sessions/"
    assert walk(client, monkeypatch, path, page_size=3) == every_id(client, path)


@pytest.mark.parametrize("ordering", ["", "name", "-established_on", "person_times"])
def test_a_cursor_walks_every_room_once_in_order(client, monkeypatch, ordering):
    # Sector rooms have no street: the default order (street, level, name) has NULLs to step over.
    for n in range(4):
        RoomFactory(name=f"议事室{n % 2}{n}", established_on=None if n % 2 else datetime.date(2019, 1, 1))
    for n in range(3):
        RoomFactory(level="sector", community=None, street=None, sector=SectorFactory(), name=f"界别{n}")
    path = f"/api/v1/rooms/?ordering={ordering}" if ordering else "/api/v1/rooms/"
    expected = every_id(client, path)
    assert len(expected) == 7
    assert walk(client, monkeypatch, path) == expected


def test_pages_past_the_numbered_ones_ask_for_the_cursor(client):
    response = client.get(f"/api/v1/issues/?page={pagination.MAX_PAGE_NUMBER + 1}")
    assert response.status_code == 400
    assert "cursor" in response.json()["page"][0] and "页码不能超过" in response.json()["page"][0]


def test_the_last_numbered_page_links_to_a_cursor(client, issues):
    body = client.get("/api/v1/issues/?page_size=1&page=9").json()
    assert body["next"] is None
    response = client.get(f"/api/v1/issues/?page_size=1&page={pagination.MAX_PAGE_NUMBER}")
    assert response.status_code == 404  # 9 issues: page 50 does not exist


@pytest.mark.parametrize(
    "cursor",
    ["", "abc", "!!!", "e30", "W10", "eyJvIjpbXSwicyI6MiwidiI6W119", "x" * 2000],
)
def test_a_malformed_cursor_is_a_400_in_chinese(client, issues, cursor):
    response = client.get(f"/api/v1/issues/?page_size=2&cursor={cursor}")
    assert response.status_code == 400
    assert any("\u4e00" <= char <= "\u9fff" for char in response.json()["cursor"][0])


def test_a_cursor_keeps_its_ordering_and_page_size(client, monkeypatch, issues):
    monkeypatch.setattr(pagination, "MAX_PAGE_NUMBER", 1)
    link = client.get("/api/v1/issues/?page_size=2").json()["next"]
    cursor = parse_qs(urlparse(link).query)["cursor"][0]
    assert client.get(f"/api/v1/issues/?page_size=2&cursor={cursor}").status_code == 200
    for query in (f"page_size=3&cursor={cursor}", f"page_size=2&ordering=title&cursor={cursor}"):
        response = client.get(f"/api/v1/issues/?{query}")
        assert response.status_code == 400
        assert "ordering" in response.json()["cursor"][0]
    response = client.get(f"/api/v1/issues/?page_size=2&page=1&cursor={cursor}")
    assert response.status_code == 400


def test_the_portal_pages_stay_stable_on_equal_dates(client):
    room = RoomFactory()
    for _n in range(25):
        SessionFactory(room=room, starts_at=datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ))
    first = client.get("/sessions/").context["page"].object_list
    second = client.get("/sessions/?page=2").context["page"].object_list
    ids = [session.pk for session in first] + [session.pk for session in second]
    assert len(set(ids)) == 25
    assert ids == sorted(ids, reverse=True)
