"""Public reads: the statistics equal the pages, conditional GET, rate limits, CSV and the ZIP."""

import csv
import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.settings import api_settings

from figures import selectors
from tests.factories import IssueFactory, ResolvedIssueFactory, RoomFactory


def home_figures(html):
    """Every `data-figure="name"` on the home page, as a number."""
    figures = {}
    for chunk in html.split('data-figure="')[1:]:
        name, rest = chunk.split('">', 1)
        text = rest.split("<", 1)[0].replace(",", "").replace("%", "").strip()
        figures[name] = float(text) if "." in text else int(text)
    return figures


@pytest.mark.django_db
def test_stats_equal_the_home_page_and_the_selectors(client, api, demo):
    html = client.get(reverse("portal:home")).content.decode()
    stats = api.get("/api/v1/stats/").json()
    figures = home_figures(html)
    assert set(figures) >= {"rooms_active", "sessions_held", "person_times", "issues_resolved", "street_coverage"}
    for name, value in figures.items():
        assert stats["totals"][name] == value, name

    totals = selectors.district_totals().as_dict()
    totals.pop("computed_at")
    assert {k: v for k, v in stats["totals"].items() if k != "computed_at"} == totals
    assert stats["by_level"] == selectors.breakdown_by_level()
    assert stats["by_category"] == selectors.breakdown_by_category()
    assert stats["by_street"] == selectors.breakdown_by_street()
    assert [row["key"] for row in stats["by_month"]] == [
        row["key"].isoformat() for row in selectors.breakdown_by_month()
    ]
    assert stats["satisfaction"] == selectors.satisfaction_summary()
    assert stats["outcomes"] == selectors.outcome_summary()
    # The breakdowns add up to the totals.
    assert sum(row["sessions_held"] for row in stats["by_street"]) == stats["totals"]["sessions_held"]
    assert sum(row["issues_resolved"] for row in stats["by_category"]) == stats["totals"]["issues_resolved"]


@pytest.mark.django_db
def test_stats_equal_the_statistics_page(client, api, demo):
    """The API, the statistics page and the home page show the same figures."""
    stats = api.get("/api/v1/stats/").json()
    page = home_figures(client.get(reverse("portal:stats")).content.decode())
    assert set(page) >= {
        "rooms_active",
        "sessions_held",
        "person_times",
        "issues_total",
        "issues_resolved",
        "resolution_rate",
        "media_reports",
        "visits",
        "street_coverage",
        "community_coverage",
        "sector_coverage",
        "satisfaction_rate",
        "adoption_rate",
    }
    for name, value in page.items():
        if name == "satisfaction_rate":
            assert stats["satisfaction"]["rate"] == value
        elif name == "adoption_rate":
            assert stats["outcomes"]["adoption_rate"] == value
        else:
            assert stats["totals"][name] == value, name
    home = home_figures(client.get(reverse("portal:home")).content.decode())
    assert all(page[name] == value for name, value in home.items())


@pytest.mark.django_db
def test_stats_and_details_answer_304_to_a_conditional_get(api, room):
    issue = IssueFactory(room=room)
    for url in ("/api/v1/stats/", f"/api/v1/issues/{issue.pk}/", f"/api/v1/rooms/{room.pk}/"):
        first = api.get(url)
        assert first.status_code == 200 and first["ETag"]
        again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again["ETag"] == first["ETag"]
        assert not again.content
    stats = api.get("/api/v1/stats/")
    assert api.get("/api/v1/stats/", HTTP_IF_MODIFIED_SINCE=stats["Last-Modified"]).status_code == 304
    # A change gives a new ETag.
    etag = api.get(f"/api/v1/issues/{issue.pk}/")["ETag"]
    issue.title = "改过的标题"
    issue.save()
    assert api.get(f"/api/v1/issues/{issue.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_throttling_answers_429_with_retry_after(api, token_client, convener):
    rates = {"anon": "3/min", "user": "5/min"}
    with override_settings(REST_FRAMEWORK={**_rest_settings(), "DEFAULT_THROTTLE_RATES": rates}):
        codes = [api.get("/api/v1/streets/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        blocked = api.get("/api/v1/streets/")
        assert blocked.status_code == 429
        assert int(blocked["Retry-After"]) > 0
        assert "detail" in blocked.json()
        client = token_client(convener)
        assert [client.get("/api/v1/streets/").status_code for _ in range(6)] == [200] * 5 + [429]


def _rest_settings():
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


@pytest.mark.django_db
def test_default_rates_are_the_documented_ones():
    assert api_settings.DEFAULT_THROTTLE_RATES == {"anon": "120/min", "user": "600/min"}


@pytest.mark.django_db
def test_list_exports_csv_with_formula_escaping(api, room):
    IssueFactory(room=room, title='=HYPERLINK("http://evil")')
    IssueFactory(room=room, is_public=False, title="不公开的问题")
    response = api.get(f"/api/v1/issues/?format=csv&room={room.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ['\'=HYPERLINK("http://evil")']
    assert "不公开的问题" not in text


@pytest.mark.django_db
def test_opendata_zip_has_every_public_table_and_a_readme(api, demo):
    response = api.get("/api/v1/export/opendata.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    expected = {
        "README.md",
        "streets.csv",
        "communities.csv",
        "sectors.csv",
        "rooms.csv",
        "campaigns.csv",
        "campaign_street_targets.csv",
        "sessions.csv",
        "attendance.csv",
        "issue_categories.csv",
        "issues.csv",
        "issue_timeline.csv",
        "issue_satisfaction.csv",
        "outcomes.csv",
        "outcome_issues.csv",
        "outcome_sessions.csv",
        "media_reports.csv",
        "visits.csv",
        "cases.csv",
        "case_departments.csv",
        "visit_cases.csv",
        "visit_rooms.csv",
        "members.csv",
        "session_members.csv",
        "announcements.csv",
        "result_notices.csv",
        "result_comments.csv",
    }
    assert names == expected | {"calendar.ics"}
    assert "## calendar.ics" in archive.read("README.md").decode()
    readme = archive.read("README.md").decode()
    for name in expected - {"README.md"}:
        header = archive.read(name).decode("utf-8-sig").splitlines()[0].split(",")
        assert f"## {name}" in readme
        for column in header:
            assert f"| {column} |" in readme, (name, column)
    issues = list(csv.DictReader(io.StringIO(archive.read("issues.csv").decode("utf-8-sig"))))
    stats = api.get("/api/v1/stats/").json()["totals"]
    assert len(issues) == stats["issues_total"]
    assert sum(row["status"] == "resolved" for row in issues) == stats["issues_resolved"]
    attendance = csv.DictReader(io.StringIO(archive.read("attendance.csv").decode("utf-8-sig")))
    sessions = {
        row["id"]: row["status"]
        for row in csv.DictReader(io.StringIO(archive.read("sessions.csv").decode("utf-8-sig")))
    }
    held_total = sum(int(row["headcount"]) for row in attendance if sessions[row["session_id"]] == "held")
    assert held_total == stats["person_times"]


@pytest.mark.django_db
def test_room_figures_count_only_public_issues(api):
    room = RoomFactory()
    ResolvedIssueFactory(room=room)
    ResolvedIssueFactory(room=room, is_public=False)
    data = api.get(f"/api/v1/rooms/{room.pk}/").json()
    assert (data["issues_total"], data["issues_resolved"]) == (1, 1)
