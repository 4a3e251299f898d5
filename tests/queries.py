"""Pinned query counts, measured one way for every page, download and API endpoint.

A pin is `name -> (url, most queries allowed)`. `QueryPins.measure` requests each URL under
pytest-django's `django_assert_max_num_queries` and returns the counts it saw;
`QueryPins.same_at_1x_and_10x` loads the demo district at 1x, measures, loads it at 10x,
measures again and asserts the two are equal: a page whose count grows with the data issues a
query per row. Tests get a `QueryPins` from the `query_pins` fixture (tests/conftest.py).
"""

from collections.abc import Callable, Mapping

from django.core.cache import cache
from django.db import connection

from deliberations.models import Session
from demo.loader import load_demo

DEMO_SESSIONS_AT_1X = 550  # the 1x demo district holds at least this many sessions


def consume(response):
    """The whole body: streaming downloads run their queries while they stream."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def analyze():
    """On PostgreSQL, statistics for the rows this test's transaction loaded (autovacuum cannot
    see them): the pins count queries, but the planner's guesses for empty tables make each one
    slow at 10x."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class QueryPins:
    def __init__(self, assert_max_num_queries):
        self.assert_max = assert_max_num_queries

    def count(self, client, url, max_queries, *, data=None, cold_cache=True, warm=False, status=200, check=None):
        """Queries of one request to `url` (a POST when `data` is given), at most `max_queries`.

        cold_cache: clear the cache first, so the statistics are computed (the worst case).
        warm: request the page once before, so per-process caches (content types, the
        PortalSettings row) are filled and only the page's own queries are counted.
        check: called with the response, for what else the test asserts about it."""
        if warm:
            client.get(url)
        if cold_cache:
            cache.clear()
        with self.assert_max(max_queries, info=str(url)) as queries:
            response = client.get(url) if data is None else client.post(url, data)
            assert response.status_code == status, (url, response.status_code)
            consume(response)
        if check is not None:
            check(response)
        return len(queries)

    def measure(self, client, pins: Mapping[str, tuple[str, int]], **options) -> dict[str, int]:
        """`count` for each `name -> (url, max_queries)`; returns `name -> queries`."""
        return {name: self.count(client, url, max_queries, **options) for name, (url, max_queries) in pins.items()}

    def same_at_1x_and_10x(self, measure: Callable[[], dict]) -> tuple[dict, dict]:
        """Load the demo district at 1x and run `measure`, then at 10x and run it again; the
        counts must be equal. Returns both (1x, 10x)."""
        load_demo(scale=1)
        analyze()
        at_1x = measure()
        load_demo(scale=10)
        analyze()
        assert Session.objects.count() >= 10 * DEMO_SESSIONS_AT_1X
        at_10x = measure()
        assert at_1x == at_10x, f"query counts grew with the data: 1x {at_1x}, 10x {at_10x}"
        print("query counts:", at_1x)
        return at_1x, at_10x
