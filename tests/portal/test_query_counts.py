"""Every public page has its SQL query count pinned, the same at 1x and 10x the demo
data: no page issues a query per row. Counts are taken with a cold statistics cache (the worst
case); the statistics page's cached repeat visit is pinned in test_stats.py."""

import functools

import pytest

from .pages import public_urls

MAX_QUERIES = {
    "home": 21,  # + a few model cases, and the same figures as of FIGURES_REPORTED_AS_OF
    "rooms": 5,  # + the place names of the search box (one query)
    "rooms_by_street": 6,
    "coverage": 3,
    "room": 7,  # 6 + the issues escalated to the room (提级到本室的问题), one query
    "sessions": 6,  # + the upcoming sessions above the list
    "sessions_filtered": 6,
    "session": 8,  # 5 + the CPPCC members named, its announcement (议题公示) and its result notice (结果公示)
    "issues": 5,
    "issues_search": 5,
    "issue": 7,  # 5 + the merged duplicates and the recorded 回访, one prefetch each
    "stats": 31,  # + the figures by department (three queries)
    "search": 6,
    "campaigns": 3,  # the count and the page of campaigns, their figures as subqueries
    "cases": 5,  # + the categories and streets of the filter form
    "feed": 1,
    "room_feed": 2,
    "download_street_csv": 6,
    "download_level_csv": 5,
    "download_category_csv": 3,
    "download_month_csv": 2,
    "download_satisfaction_csv": 1,
    "download_outcomes_csv": 2,
    "download_department_csv": 3,
}


@pytest.mark.django_db
@pytest.mark.slow
def test_every_page_has_a_pinned_query_count_the_same_at_1x_and_10x(client, query_pins):
    @functools.cache
    def pins():  # the URLs of the 1x objects, requested again at 10x
        urls = public_urls()
        assert set(urls) == set(MAX_QUERIES)
        return {name: (url, MAX_QUERIES[name]) for name, url in urls.items()}

    query_pins.same_at_1x_and_10x(lambda: query_pins.measure(client, pins()))
