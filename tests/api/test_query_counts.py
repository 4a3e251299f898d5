"""Every list and detail endpoint runs a fixed number of SQL queries: the same at 1x and 10x the
demo data, and no more than the pinned figure."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliberations.models import Campaign, Session
from demo.loader import load_demo
from figures.models import MediaReport, Visit
from issues.models import Issue, IssueCategory, Outcome
from rooms.models import Community, Room, Sector, Street

# endpoint → (model for a detail id, pinned queries for the list page, pinned for the detail)
PINNED = {
    "streets": (Street, 2, 1),
    "communities": (Community, 2, 1),
    "sectors": (Sector, 2, 1),
    "rooms": (Room, 2, 1),
    "sessions": (Session, 3, 2),
    "campaigns": (Campaign, 2, 1),
    "issues": (Issue, 3, 2),
    "issue-categories": (IssueCategory, 2, 1),
    "outcomes": (Outcome, 4, 3),
    "media-reports": (MediaReport, 2, 1),
    "visits": (Visit, 3, 2),
}
STATS_MAX = 28  # a cold cache (every selector computes); a warm one is 0 queries


def _counts(api):
    counts = {}
    for name, (model, _list_max, _detail_max) in PINNED.items():
        with CaptureQueriesContext(connection) as list_queries:
            assert api.get(f"/api/v1/{name}/?page_size=100").status_code == 200
        pk = (
            model.objects.filter(**({"is_public": True} if model is Issue else {}))
            .order_by("-pk")
            .values_list("pk", flat=True)[0]
        )
        with CaptureQueriesContext(connection) as detail_queries:
            assert api.get(f"/api/v1/{name}/{pk}/").status_code == 200
        counts[name] = (len(list_queries), len(detail_queries))
    cache.clear()
    with CaptureQueriesContext(connection) as stats_queries:
        api.get("/api/v1/stats/")
    counts["stats"] = len(stats_queries)
    return counts


@pytest.mark.slow
@pytest.mark.django_db
def test_query_counts_are_pinned_and_do_not_grow_with_the_data(api, token_client, staff):
    load_demo(scale=1)
    small = _counts(api)
    load_demo(scale=10)
    large = _counts(api)
    print("query counts 1x:", small, "10x:", large)
    assert small == large
    for name, (_model, list_max, detail_max) in PINNED.items():
        assert small[name][0] <= list_max, (name, small[name])
        assert small[name][1] <= detail_max, (name, small[name])
    assert small["stats"] <= STATS_MAX
    # A token costs one query more (the token lookup), whatever the data size.
    client = token_client(staff)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/issues/?page_size=100")
    assert len(queries) == small["issues"][0] + 1
