"""Every list page and API list can be read through an index (PostgreSQL only).

Each test requests a list exactly as a reader does, captures the SQL the view ran, and asks
PostgreSQL for the plan of each statement with sequential scans and sorts priced out of reach
(`enable_seqscan = off`, `enable_sort = off`). A plan that still reads a big table (sessions,
attendance, issues, issue updates) sequentially means no index can serve that filter; a plan that
still sorts means no index delivers the default ordering, so at a million rows the page would sort
the whole filtered set. This proves an index *can* serve each query, the honest check on a small
data set; the planner's choice at province scale follows from the statistics.
"""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.ledger import LedgerFilter, issue_rows, ledger_issues, ledger_sessions, session_rows
from core.api import pagination
from issues.models import Issue
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    IssueFactory,
    IssueUpdateFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]

BIG_TABLES = ("deliberations_session", "deliberations_attendance", "issues_issue", "issues_issueupdate")
SEQ_SCAN_RE = re.compile(r"Seq Scan on (\w+)")
DECLARE_RE = re.compile(r"^DECLARE .*? CURSOR .*? FOR ")
SORT_RE = re.compile(r"(?:^|->\s+)(?:Incremental )?Sort\b")


@pytest.fixture
def lists(db):
    """A few rows of everything the lists show, analysed so the planner knows the indexes."""
    rooms = [RoomFactory() for _n in range(3)]
    campaign = CampaignFactory()
    tz = datetime.timezone(datetime.timedelta(hours=8))
    for n in range(12):
        session = SessionFactory(
            room=rooms[n % 3],
            campaign=campaign if n % 2 else None,
            starts_at=datetime.datetime(2020, 1 + n % 12, 1 + n, 9, 0, tzinfo=tz),
        )
        AttendanceFactory(session=session)
    for n in range(12):
        factory = ResolvedIssueFactory if n % 3 == 0 else IssueFactory
        issue = factory(room=rooms[n % 3], reported_on=datetime.date(2020, 1 + n % 12, 1 + n), raised_in=None)
        IssueUpdateFactory(issue=issue)
    with connection.cursor() as cursor:
        for table in BIG_TABLES + ("rooms_room",):
            cursor.execute(f"ANALYZE {table}")
    return {"room": rooms[0], "street": rooms[0].street, "campaign": campaign, "category": issue.category}


def plans_of(statements):
    """The EXPLAIN text of each SELECT in `statements`, sequential scans and sorts disabled."""
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
        try:
            for sql in statements:
                sql = DECLARE_RE.sub("", sql)  # a server-side cursor (.iterator()) wraps its SELECT
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN " + sql)
                plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")
    return plans


def run_and_capture(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return [query["sql"] for query in captured.captured_queries]


def assert_indexed(statements, *, sorted_by_index=True):
    """No sequential scan of a big table in any statement; with `sorted_by_index`, no sort in the
    statement that reads the page (the one with a LIMIT and an ORDER BY on a big table)."""
    plans = plans_of(statements)
    assert plans
    for sql, plan in plans:
        scanned = set(SEQ_SCAN_RE.findall(plan)) & set(BIG_TABLES)
        assert not scanned, f"sequential scan of {scanned}:\n{sql}\n{plan}"
        reads_page = " LIMIT " in sql and " ORDER BY " in sql and any(f'FROM "{t}"' in sql for t in BIG_TABLES)
        if sorted_by_index and reads_page:
            assert not SORT_RE.search(plan), f"the page is sorted, not read in index order:\n{sql}\n{plan}"


def get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:500])

    return call


SESSION_FILTERS = [
    "",
    "room={room}",
    "kind=regular",
    "status=held",
    "campaign={campaign}",
    "month=2020-03",
    "ordering=starts_at",
    "ordering=-starts_at",
]


@pytest.mark.parametrize("query", SESSION_FILTERS)
def test_session_list_page_reads_an_index(client, lists, query):
    url = "/sessions/?" + query.format(room=lists["room"].pk, campaign=lists["campaign"].pk)
    assert_indexed(run_and_capture(get(client, url)))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "room={room}",
        "kind=regular",
        "status=held",
        "campaign={campaign}",
        "held_after=2020-03-01",
        "held_before=2020-05-01",
        "held_after=2020-03-01&held_before=2020-05-01",
        "ordering=starts_at",
        "ordering=topic",
        "ordering=-topic",
    ],
)
def test_session_api_reads_an_index(client, lists, query):
    url = "/api/v1/sessions/?" + query.format(room=lists["room"].pk, campaign=lists["campaign"].pk)
    assert_indexed(run_and_capture(get(client, url)))


@pytest.mark.parametrize("query", ["street={street}", "level=community"])
def test_session_lists_by_the_rooms_street_or_level_never_scan_the_sessions(client, lists, query):
    # The street and level are the room's: the sessions are found room by room through the
    # (room, starts_at, id) index; a street's sessions are few enough to sort.
    query = query.format(street=lists["street"].pk)
    assert_indexed(run_and_capture(get(client, "/api/v1/sessions/?" + query)), sorted_by_index=False)
    assert_indexed(run_and_capture(get(client, "/sessions/?" + query)), sorted_by_index=False)


ISSUE_FILTERS = [
    "",
    "category={category}",
    "room={room}",
    "status=resolved",
    "triage_level=community",
    "year=2020",
    "ordering=reported_on",
    "ordering=-resolved_on",
]


@pytest.mark.parametrize("query", ISSUE_FILTERS)
def test_issue_list_page_reads_an_index(client, lists, query):
    url = "/issues/?" + query.format(room=lists["room"].pk, category=lists["category"].pk)
    assert_indexed(run_and_capture(get(client, url)))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "category={category}",
        "room={room}",
        "status=resolved",
        "triage_level=community",
        "reported_after=2020-03-01",
        "reported_before=2020-03-01",
        "resolved_after=2020-03-01",
        "ordering=reported_on",
        "ordering=resolved_on",
        "ordering=-due_on",
        "ordering=title",
    ],
)
def test_issue_api_reads_an_index(client, lists, query):
    url = "/api/v1/issues/?" + query.format(room=lists["room"].pk, category=lists["category"].pk)
    assert_indexed(run_and_capture(get(client, url)))


@pytest.mark.parametrize("url", ["/issues/?q=停车", "/api/v1/issues/?search=停车", "/search/?q=测试问题"])
def test_issue_search_reads_the_search_index(client, lists, url):
    # The matches are sorted (they are few); the issues are never scanned one by one.
    statements = [sql for sql in run_and_capture(get(client, url)) if "issues_issue" in sql]
    assert_indexed(statements, sorted_by_index=False)


def cursor_after_first_page(client, monkeypatch, path):
    """The cursor of the row after the first page, as the API's own `next` link carries it."""
    monkeypatch.setattr(pagination, "MAX_PAGE_NUMBER", 1)  # page 1 is the last numbered page
    link = client.get(path).json()["next"]
    monkeypatch.undo()
    return parse_qs(urlparse(link).query)["cursor"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/issues/?page_size=5",
        "/api/v1/issues/?page_size=5&ordering=resolved_on",
        "/api/v1/issues/?page_size=5&status=deliberating",
        "/api/v1/sessions/?page_size=5",
        "/api/v1/sessions/?page_size=5&ordering=topic",
        "/api/v1/sessions/?page_size=2&room={room}",
    ],
)
def test_cursor_pages_seek_through_an_index(client, lists, monkeypatch, path):
    path = path.format(room=lists["room"].pk)
    cursor = cursor_after_first_page(client, monkeypatch, path)
    assert_indexed(run_and_capture(get(client, f"{path}&cursor={cursor}")))


def test_issue_timeline_reads_its_index(client, lists):
    issue = Issue.objects.first()
    statements = [sql for sql in run_and_capture(get(client, issue.get_absolute_url())) if "issues_issueupdate" in sql]
    assert_indexed(statements)


def test_staff_ledger_never_scans_the_big_tables(lists):
    # The ledger exports every row of the filter; its rows come in date order from the index.
    for rows in (
        lambda: list(session_rows(ledger_sessions(LedgerFilter(room=lists["room"])))),
        lambda: list(issue_rows(ledger_issues(LedgerFilter(room=lists["room"])))),
        lambda: list(session_rows(ledger_sessions(LedgerFilter(date_from=datetime.date(2020, 3, 1))))),
    ):
        assert_indexed(run_and_capture(rows), sorted_by_index=False)
