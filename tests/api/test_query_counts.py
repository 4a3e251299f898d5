"""Every list and detail endpoint runs a fixed number of SQL queries: the same at 1x and 10x the
demo data, and no more than the pinned figure."""

import pytest

from cases.models import Case
from deliberations.models import Campaign, Session
from figures.models import MediaReport, Visit
from issues.models import Issue, IssueCategory, Outcome
from rooms.models import Community, Room, Sector, Street

# endpoint → (model for a detail id, pinned queries for the list page, pinned for the detail)
PINNED = {
    "streets": (Street, 2, 1),
    "communities": (Community, 2, 1),
    "sectors": (Sector, 2, 1),
    "rooms": (Room, 2, 1),
    "sessions": (Session, 4, 3),  # + the CPPCC members named
    "campaigns": (Campaign, 3, 8),  # + the street targets; the detail adds its street rows
    "issues": (Issue, 3, 2),
    "issue-categories": (IssueCategory, 2, 1),
    "outcomes": (Outcome, 4, 3),
    "media-reports": (MediaReport, 2, 1),
    "visits": (Visit, 4, 3),  # + the cases the delegation saw
    "cases": (Case, 3, 2),
}
STATS_MAX = 28  # a cold cache (every selector computes); a warm one is 0 queries


def _counts(query_pins, api):
    counts = {}
    for name, (model, list_max, detail_max) in PINNED.items():
        listed = query_pins.count(api, f"/api/v1/{name}/?page_size=100", list_max, cold_cache=False)
        pk = (
            model.objects.filter(**({"is_public": True} if model is Issue else {}))
            .order_by("-pk")
            .values_list("pk", flat=True)[0]
        )
        detail = query_pins.count(api, f"/api/v1/{name}/{pk}/", detail_max, cold_cache=False)
        counts[name] = (listed, detail)
    counts["stats"] = query_pins.count(api, "/api/v1/stats/", STATS_MAX)
    return counts


@pytest.mark.slow
@pytest.mark.django_db
def test_query_counts_are_pinned_and_do_not_grow_with_the_data(api, token_client, staff, query_pins):
    small, large = query_pins.same_at_1x_and_10x(lambda: _counts(query_pins, api))
    assert small == large
    for name, (_model, list_max, detail_max) in PINNED.items():
        assert small[name][0] <= list_max, (name, small[name])
        assert small[name][1] <= detail_max, (name, small[name])
    assert small["stats"] <= STATS_MAX
    # A token costs one query more (the token lookup), whatever the data size. (Its first use also
    # records last_used_at, at most once every few minutes: that request is made before counting.)
    client = token_client(staff)
    client.get("/api/v1/issues/?page_size=1")
    with_token = small["issues"][0] + 1
    assert query_pins.count(client, "/api/v1/issues/?page_size=100", with_token, cold_cache=False) == with_token
