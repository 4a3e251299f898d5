"""Every staff page, admin changelist and export runs a pinned number of queries, the same at
1x and 10x the demo data."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import PortalSettings
from deliberations.models import Session
from demo.loader import load_demo
from issues.models import Issue
from rooms.models import Street

# (url, max queries). The admin pages include the session, user and admin-log lookups.
PAGES = {
    "/staff/": 32,
    "/staff/report/2020-07/": 41,
    "/staff/ledger/?street={street}": 9,
    "/staff/ledger/?download=1": 6,
    "/staff/registry.xlsx": 7,
    "/admin/": 7,
    "/admin/rooms/street/": 8,
    "/admin/rooms/community/": 9,
    "/admin/rooms/sector/": 8,
    "/admin/rooms/room/": 14,
    "/admin/rooms/room/?activity=quiet": 14,
    "/admin/rooms/room/?convener=none": 13,
    "/admin/rooms/convenership/": 11,
    "/admin/deliberations/session/": 12,
    "/admin/deliberations/session/?room__street__id__exact={street}": 12,
    "/admin/deliberations/campaign/": 10,
    "/admin/deliberations/topicsuggestion/": 11,
    "/admin/issues/issuecategory/": 8,
    "/admin/issues/issue/": 13,  # + the department filter
    "/admin/issues/issue/?overdue=yes": 13,
    "/admin/issues/issue/?room__street__id__exact={street}&status__exact=in_progress": 13,
    "/admin/issues/issueupdate/": 11,
    "/admin/issues/feedback/": 11,
    "/admin/issues/outcome/": 10,
    "/admin/figures/mediareport/": 10,
    "/admin/figures/visit/": 10,
    "/admin/accounts/user/": 11,
}


EXPORT_MAX_QUERIES = 9


def measure(client, url, assert_max):
    path = url.format(street=Street.objects.order_by("pk").values_list("pk", flat=True)[0])
    cache.clear()  # the statistics are computed, not read from the cache, at both sizes
    with assert_max(PAGES[url]), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, url
    return len(queries)


def export_issues(client, assert_max):
    cache.clear()
    selected = list(Issue.objects.order_by("pk").values_list("pk", flat=True)[:300])
    with assert_max(EXPORT_MAX_QUERIES), CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("admin:issues_issue_changelist"), {"action": "export_xlsx", ACTION_CHECKBOX_NAME: selected}
        )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return len(queries)


@pytest.mark.slow
@pytest.mark.django_db
def test_staff_pages_and_changelists_run_the_same_pinned_query_count_at_1x_and_10x(
    client, staff, django_assert_max_num_queries
):
    client.force_login(staff)
    load_demo(scale=1)
    PortalSettings.load()
    at_1x = {url: measure(client, url, django_assert_max_num_queries) for url in PAGES}
    export_1x = export_issues(client, django_assert_max_num_queries)
    load_demo(scale=10)
    assert Session.objects.count() >= 10 * 550
    at_10x = {url: measure(client, url, django_assert_max_num_queries) for url in PAGES}
    export_10x = export_issues(client, django_assert_max_num_queries)
    print("query counts at 1x:", at_1x, "export:", export_1x)
    assert at_10x == at_1x
    assert export_1x == export_10x
