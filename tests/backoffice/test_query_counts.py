"""Every staff page, admin changelist and export runs a pinned number of queries, the same at
1x and 10x the demo data."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from core.models import PortalSettings
from issues.models import Issue
from rooms.models import Street

# (url, max queries). The admin pages include the session, user and admin-log lookups. The staff
# pages that render the site header (base.html) include the unread-message count (消息(n)): +1.
PAGES = {
    "/staff/": 43,  # + the header's unread count; extensions, the escalation queue, returned issues (2 each),
    # departments (3), failed deliveries
    "/staff/report/2020-07/": 43,  # + the header's unread count and the department ranking
    "/staff/ledger/?street={street}": 10,  # + the header's unread-message count
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
    "/admin/accounts/user/": 12,  # + the group filter (staff groups)
    "/admin/members/activityweight/": 8,
    "/staff/members/review/": 5,  # + the header's unread-message count
    "/staff/members/review/?year=2020&download=1": 4,
}


EXPORT_MAX_QUERIES = 11  # the changelist is built twice for an action; each lists the departments to filter by


def pages():
    street = Street.objects.order_by("pk").values_list("pk", flat=True)[0]
    return {url: (url.format(street=street), max_queries) for url, max_queries in PAGES.items()}


def export_issues(query_pins, client):
    selected = list(Issue.objects.order_by("pk").values_list("pk", flat=True)[:300])

    def is_a_workbook(response):
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")

    return query_pins.count(
        client,
        reverse("admin:issues_issue_changelist"),
        EXPORT_MAX_QUERIES,
        data={"action": "export_xlsx", ACTION_CHECKBOX_NAME: selected},
        check=is_a_workbook,
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_staff_pages_and_changelists_run_the_same_pinned_query_count_at_1x_and_10x(client, staff, query_pins):
    client.force_login(staff)

    def measure():
        PortalSettings.load()  # the settings row exists, as it does after the first visit
        # The statistics are computed, not read from the cache, at both sizes (cold cache).
        counts = query_pins.measure(client, pages())
        counts["export"] = export_issues(query_pins, client)
        return counts

    query_pins.same_at_1x_and_10x(measure)
