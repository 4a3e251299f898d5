"""Every public page of issue 3 has its SQL query count pinned, the same at 1x and 10x the demo
data: no page issues a query per row. Counts are taken with a cold statistics cache (the worst
case); the statistics page's cached repeat visit is pinned in test_stats.py."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliberations.models import Session
from demo.loader import load_demo

from .pages import body, public_urls

MAX_QUERIES = {
    "home": 13,
    "rooms": 4,
    "rooms_by_street": 5,
    "coverage": 3,
    "room": 6,
    "sessions": 5,
    "sessions_filtered": 5,
    "session": 5,
    "issues": 5,
    "issues_search": 5,
    "issue": 5,
    "stats": 28,
    "search": 6,
    "feed": 1,
    "room_feed": 2,
    "download_street_csv": 6,
    "download_level_csv": 5,
    "download_category_csv": 3,
    "download_month_csv": 2,
    "download_satisfaction_csv": 1,
    "download_outcomes_csv": 2,
}


def measure(client, urls, django_assert_max_num_queries):
    counts = {}
    for name, url in urls.items():
        cache.clear()
        with django_assert_max_num_queries(MAX_QUERIES[name]), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, (name, url)
            body(response)  # streaming downloads run their queries while they stream
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
@pytest.mark.slow
def test_every_page_has_a_pinned_query_count_the_same_at_1x_and_10x(client, django_assert_max_num_queries):
    load_demo(scale=1)
    urls = public_urls()
    assert set(urls) == set(MAX_QUERIES)
    at_1x = measure(client, urls, django_assert_max_num_queries)
    load_demo(scale=10)
    assert Session.objects.count() >= 10 * 550
    at_10x = measure(client, urls, django_assert_max_num_queries)
    assert at_1x == at_10x
    print("query counts:", at_1x)
