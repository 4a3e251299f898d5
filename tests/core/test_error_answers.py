"""Error answers: a NUL character in any parameter is a 400 with a Chinese message (PostgreSQL
would answer 500), and an unreachable database is a 503 with Retry-After and a static page
(JSON on the API), after which the site is back at once.

The outage is simulated by making every query raise OperationalError; README "Production"
notes how it was also checked by hand against a stopped PostgreSQL cluster."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.template import loader
from django.test import Client, RequestFactory

from api.urls import router
from core.errors import server_error
from tests.factories import (
    FeedbackFactory,
    IssueFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    StaffFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "请求中含有不允许的空字符（NUL），请删除后重试。"
OUTAGE_MESSAGE = "系统正在维护或暂时无法连接数据库，请稍后再试。"


@pytest.fixture
def district(db):
    room = RoomFactory()
    session = SessionFactory(room=room)
    issue = ResolvedIssueFactory(room=room)
    IssueFactory(room=room)
    FeedbackFactory(issue=issue)
    return {"room": room, "session": session, "issue": issue}


def _api_lists():
    """Every API list with the names of its query parameters: its filters, ordering, paging."""
    for prefix, viewset, _basename in router.registry:
        names = {"ordering", "page", "page_size", "format", "search", "q"}
        filterset_class = getattr(viewset, "filterset_class", None)
        if filterset_class is not None:
            names |= set(filterset_class.base_filters)
        names |= set(getattr(viewset, "filterset_fields", None) or ())
        yield f"/api/v1/{prefix}/", sorted(names)


def _page_filters():
    from issues.filters import IssueFilter

    return sorted(IssueFilter.base_filters)


PUBLIC_PAGES = ["/", "/search/", "/issues/", "/sessions/", "/rooms/", "/feeds/resolved/"]


# NUL characters --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("param", ["q", "page", "status", "street", "room", "category", "year", "kind", "sort"])
def test_nul_in_a_page_parameter_is_a_400_in_chinese(client, district, path, param):
    response = client.get(path, {param: "停车\x00"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_nul_in_every_page_filter_is_a_400(client, district):
    for name in _page_filters():
        for path in ("/issues/", "/search/"):
            response = client.get(path, {name: "\x00"})
            assert response.status_code == 400, (path, name)


def test_nul_in_the_search_of_the_old_report_is_refused(client, district):
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert client.get("/search/?q=停车").status_code == 200


def test_nul_in_every_api_filter_is_a_json_400(client, district):
    checked = 0
    for path, names in _api_lists():
        assert client.get(path).status_code == 200, path
        for name in names:
            response = client.get(path, {name: "1\x00"})
            assert response.status_code == 400, (path, name)
            assert response.json() == {"detail": NUL_MESSAGE}
            checked += 1
    assert checked > 50
    assert client.get("/api/v1/issues/%00/").status_code == 400
    assert client.get("/api/v1/stats/", {"street": "\x00"}).status_code == 400


def test_nul_in_a_path_or_a_parameter_name_is_a_400(client, district):
    assert client.get("/rooms/%00/").status_code == 400
    assert client.get("/issues/", {"q\x00": "x"}).status_code == 400


def test_nul_in_the_admin_search_is_a_400(client, district):
    client.force_login(SuperuserFactory())
    for path in ("/admin/issues/issue/", "/admin/rooms/room/", "/admin/deliberations/session/"):
        assert client.get(path, {"q": "\x00"}).status_code == 400, path
        assert client.get(path, {"q": "停车"}).status_code == 200, path


def test_nul_in_a_form_is_a_400_and_nothing_is_saved(client, district):
    issue = district["issue"]
    before = issue.feedback.count()
    response = client.post(issue.get_absolute_url(), {"rating": "satisfied", "note": "好\x00"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert issue.feedback.count() == before
    response = client.post(district["room"].get_absolute_url(), {"topic": "议题\x00", "description": "x"})
    assert response.status_code == 400


def test_a_nul_free_request_is_untouched(client, district):
    assert client.get("/issues/", {"q": "停车", "page": "1"}).status_code == 200
    assert client.get("/api/v1/issues/", {"q": "停车"}).status_code == 200


# The database is down --------------------------------------------------------------------------


def _database_down():
    """Every query raises OperationalError, as when PostgreSQL is stopped."""
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    return mock.patch.multiple(
        "django.db.backends.utils.CursorWrapper",
        _execute=mock.Mock(side_effect=error),
        _executemany=mock.Mock(side_effect=error),
    )


def _assert_outage_page(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "系统正在维护，暂时无法访问" in html and "回到首页" in html


def _assert_outage_json(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": OUTAGE_MESSAGE}


def _pages(district):
    return [
        *(path for path in PUBLIC_PAGES if path != "/search/"),
        "/search/?q=停车",
        district["room"].get_absolute_url(),
        district["issue"].get_absolute_url(),
        district["session"].get_absolute_url(),
    ]


def _api_paths(district):
    return [
        *(path for path, _names in _api_lists()),
        f"/api/v1/issues/{district['issue'].pk}/",
        "/api/v1/stats/",
    ]


def test_pages_answer_503_with_a_static_page_while_the_database_is_down(district):
    client = Client(raise_request_exception=False)
    pages = _pages(district)
    with _database_down():
        for path in pages:
            _assert_outage_page(client.get(path))
        _assert_outage_page(client.post(district["issue"].get_absolute_url(), {"rating": "satisfied"}))
        # An anonymous 404 needs no database: it stays a 404.
        assert client.get("/no-such-page/").status_code == 404
    # Back at once.
    for path in pages:
        assert client.get(path).status_code == 200, path


def test_the_api_answers_json_503_while_the_database_is_down(district):
    client = Client(raise_request_exception=False)
    paths = _api_paths(district)
    with _database_down():
        for path in paths:
            _assert_outage_json(client.get(path))
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_logged_in_users_get_the_503_too(district):
    """Their session and user are looked up in the database, outside the view."""
    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory())
    with _database_down():
        _assert_outage_page(client.get("/"))
        _assert_outage_page(client.get("/staff/"))
        _assert_outage_page(client.get("/admin/"))
        _assert_outage_json(client.get("/api/v1/issues/"))
    assert client.get("/staff/").status_code == 200


def test_the_503_page_needs_no_database(django_assert_num_queries):
    with _database_down(), django_assert_num_queries(0):
        html = loader.render_to_string("503.html")
    assert "系统正在维护" in html


@pytest.mark.parametrize("path", ["/issues/", "/api/v1/issues/"])
def test_handler500_turns_an_outage_anywhere_into_the_503(path):
    request = RequestFactory().get(path)
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and int(response["Retry-After"]) > 0


def test_other_server_errors_on_the_api_are_json():
    request = RequestFactory().get("/api/v1/issues/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")
    assert "detail" in response.content.decode()


def test_a_broken_connection_is_closed_so_the_next_request_reconnects():
    from django.db import connection

    connection.ensure_connection()
    request = RequestFactory().get("/issues/")
    with (
        mock.patch.object(connection, "is_usable", return_value=False),
        mock.patch.object(connection, "in_atomic_block", False),  # as after a request's own transaction
        mock.patch.object(connection, "close") as close,
    ):
        connection.errors_occurred = True
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            response = server_error(request)
    assert response.status_code == 503
    close.assert_called()
    connection.errors_occurred = False


def test_persistent_connections_are_checked_before_reuse(settings):
    # Without the check, a worker holding a connection from before a database restart fails
    # its first request after the restart.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
