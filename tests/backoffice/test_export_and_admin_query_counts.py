"""Query counts pinned for the downloads, exports and admin pages that the per-area tests do not
cover: API CSV lists, the open-data ZIP, the statistics Excel downloads, the convener's delete
page, and the admin change and history pages with inlines. The same at 1x and 10x demo data."""

import pytest

from accounts.models import User
from api.urls import router
from cases.models import Case
from deliberations.models import Campaign, Session
from demo.loader import STAFF_LOGIN
from issues.models import Issue
from rooms.models import Room

API_LISTS = [prefix for prefix, _viewset, _basename in router.registry]  # every list endpoint
BREAKDOWNS = ["street", "level", "category", "month", "satisfaction", "outcomes", "department"]

MAX_QUERIES = {
    # API lists as CSV: every matching row in one or two queries (page_size does not apply).
    "api_csv_streets": 1,
    "api_csv_communities": 1,
    "api_csv_sectors": 1,
    "api_csv_rooms": 1,
    "api_csv_sessions": 3,  # + the CPPCC members named (a prefetch)
    "api_csv_campaigns": 2,  # + the street targets
    "api_csv_issues": 2,
    "api_csv_issue-categories": 1,
    "api_csv_outcomes": 3,
    "api_csv_media-reports": 1,
    "api_csv_visits": 3,  # + the cases the delegation saw
    "api_csv_cases": 2,  # the cases, and their departments
    "api_csv_departments": 4,  # the departments, and the three queries of their figures (cold cache)
    "api_csv_members": 1,
    "api_csv_announcements": 1,
    "api_csv_result-notices": 2,  # + the published comments (a prefetch)
    "api_csv_calendar": 1,
    # + street targets, cases, their departments, the cases visits saw; members and the members
    # each session names; announcements, result notices, comments and calendar.ics
    "opendata_zip": 27,
    # Excel downloads of the statistics breakdowns, cold cache.
    "stats_xlsx_street": 6,
    "stats_xlsx_level": 5,
    "stats_xlsx_category": 3,
    "stats_xlsx_month": 2,
    "stats_xlsx_satisfaction": 1,
    "stats_xlsx_outcomes": 2,
    "stats_xlsx_department": 3,
    "session_delete_page": 5,  # + the header's unread-message count (消息(n))
    # Admin pages as the demo staff member, who is not a superuser: Django reads their user and
    # group permissions once per request (2 queries) for the widgets of related users.
    "admin_room_change": 17,
    "admin_session_change": 12,
    "admin_issue_change": 14,
    "admin_issue_history": 7,
    "admin_campaign_change": 13,  # + the street targets inline (its streets read once per formset, not per row)
    "admin_case_change": 13,  # each autocomplete field reads its chosen record
}


def anonymous_urls():
    urls = {f"api_csv_{name}": f"/api/v1/{name}/?format=csv&page_size=100" for name in API_LISTS}
    urls["opendata_zip"] = "/api/v1/export/opendata.zip"
    urls.update({f"stats_xlsx_{name}": f"/stats/download/{name}.xlsx" for name in BREAKDOWNS})
    return urls


def staff_urls():
    room = Room.objects.get(name="世伦桥社区协商议事室")
    session = Session.objects.filter(room=room, status="held").order_by("pk").first()
    issue = Issue.objects.filter(room=room).order_by("pk").first() or Issue.objects.order_by("pk").first()
    return {
        "admin_room_change": f"/admin/rooms/room/{room.pk}/change/",
        "admin_session_change": f"/admin/deliberations/session/{session.pk}/change/",
        "admin_issue_change": f"/admin/issues/issue/{issue.pk}/change/",
        "admin_issue_history": f"/admin/issues/issue/{issue.pk}/history/",
        "session_delete_page": f"/my/sessions/{session.pk}/delete/",
        "admin_campaign_change": f"/admin/deliberations/campaign/{Campaign.objects.order_by('pk').first().pk}/change/",
        "admin_case_change": f"/admin/cases/case/{Case.objects.order_by('pk').first().pk}/change/",
    }


def pins(urls):
    return {name: (url, MAX_QUERIES[name]) for name, url in urls.items()}


@pytest.mark.django_db
@pytest.mark.slow
def test_exports_and_admin_pages_have_pinned_query_counts_the_same_at_1x_and_10x(client, query_pins):
    def measure():
        client.logout()
        counts = query_pins.measure(client, pins(anonymous_urls()))
        client.force_login(User.objects.get(username=STAFF_LOGIN[0]))
        staff_pins = pins(staff_urls())
        for url, _max_queries in staff_pins.values():  # warm the per-process caches (content types, settings row)
            client.get(url)
        counts.update(query_pins.measure(client, staff_pins))
        return counts

    query_pins.same_at_1x_and_10x(measure)
