"""Campaigns (with their own figures) and cases in the API and the open-data ZIP: the same numbers
as the pages, public reads only, no writes, no person, query counts pinned at two sizes."""

import csv
import io
import zipfile

import pytest

from figures.selectors import campaign_figures
from tests.cases.scenes import CONVENER_NAME, CONVENER_PHONE, LIAISON_NAME, LIAISON_PHONE, build
from tests.factories import CaseFactory
from tests.portal.pages import body

pytestmark = pytest.mark.django_db

PINNED = {
    "/api/v1/campaigns/?page_size=100": 3,
    "/api/v1/cases/?page_size=100": 3,
    "/api/v1/visits/?page_size=100": 4,
}
DETAIL_PINNED = {"campaign": 8, "case": 2}


def _measure(api, campaigns, cases, django_assert_max_num_queries):
    counts = {}
    urls = {
        **{url: bound for url, bound in PINNED.items()},
        f"/api/v1/campaigns/{campaigns[0].pk}/": DETAIL_PINNED["campaign"],
        f"/api/v1/cases/{cases[0].pk}/": DETAIL_PINNED["case"],
    }
    for url, bound in urls.items():
        api.get(url)
        with django_assert_max_num_queries(bound, info=url) as queries:
            assert api.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_counts_are_pinned_and_the_same_at_two_sizes(api, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    campaigns, cases = build(2)
    small = _measure(api, campaigns, cases, django_assert_max_num_queries)
    build(12)
    assert _measure(api, campaigns, cases, django_assert_max_num_queries) == small


def test_campaigns_carry_the_figures_of_the_page(api):
    campaigns, _cases = build(2)
    campaign = campaigns[0]
    figures = campaign_figures(campaign)
    listed = {row["id"]: row for row in api.get("/api/v1/campaigns/").json()["results"]}[campaign.pk]
    for name in ("sessions_held", "person_times", "issues_raised", "issues_resolved", "outcomes"):
        assert listed[name] == getattr(figures, name), name
    assert listed["summary"] == campaign.summary
    assert len(listed["street_targets"]) == 2
    detail = api.get(f"/api/v1/campaigns/{campaign.pk}/").json()
    assert [row["sessions_held"] for row in detail["streets"]] == [row["sessions_held"] for row in figures.streets]


def test_cases_are_read_only_public_and_filterable(api, token_client, staff):
    _campaigns, cases = build(2)
    hidden = CaseFactory(is_published=False)
    ids = {row["id"] for row in api.get("/api/v1/cases/").json()["results"]}
    assert ids == {case.pk for case in cases}
    assert api.get(f"/api/v1/cases/{hidden.pk}/").status_code == 404
    filtered = api.get(f"/api/v1/cases/?street={cases[1].street_id}").json()["results"]
    assert [row["id"] for row in filtered] == [cases[1].pk]
    assert api.get("/api/v1/cases/?category=abc").status_code == 400
    for client in (api, token_client(staff)):
        assert client.post("/api/v1/cases/", {"title": "x"}, format="json").status_code in (401, 403, 405)
        assert client.post("/api/v1/campaigns/", {"name": "x"}, format="json").status_code in (401, 403, 405)
        assert client.patch(f"/api/v1/cases/{cases[0].pk}/", {"title": "x"}, format="json").status_code in (
            401,
            403,
            405,
        )


def test_visits_list_only_public_cases(api):
    _campaigns, cases = build(2)
    hidden = CaseFactory(is_published=False)
    visit = cases[0].visits.first()
    visit.cases.add(hidden)
    row = api.get(f"/api/v1/visits/{visit.pk}/").json()
    assert set(row["cases"]) == {case.pk for case in cases}


def _zip_tables(api):
    response = api.get("/api/v1/export/opendata.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return {
        name[:-4]: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    } | {"README": archive.read("README.md").decode()}


def test_the_open_data_zip_has_campaigns_with_figures_and_public_cases(api):
    campaigns, cases = build(2)
    hidden = CaseFactory(is_published=False)
    tables = _zip_tables(api)
    row = {int(r["id"]): r for r in tables["campaigns"]}[campaigns[0].pk]
    figures = campaign_figures(campaigns[0])
    assert (int(row["sessions_held"]), int(row["person_times"]), int(row["issues_resolved"])) == (
        figures.sessions_held,
        figures.person_times,
        figures.issues_resolved,
    )
    assert len(tables["campaign_street_targets"]) == 4
    assert {int(r["id"]) for r in tables["cases"]} == {case.pk for case in cases}
    assert hidden.pk not in {int(r["case_id"]) for r in tables["visit_cases"]}
    assert {r["department__name"] for r in tables["case_departments"]} == {"区市场监督管理局"}
    assert "cases.csv" in tables["README"]


def test_no_person_in_the_api_or_the_zip(api):
    campaigns, cases = build(2)
    bodies = [
        body(api.get(url))
        for url in (
            "/api/v1/campaigns/",
            f"/api/v1/campaigns/{campaigns[0].pk}/",
            "/api/v1/cases/",
            f"/api/v1/cases/{cases[0].pk}/",
            "/api/v1/cases/?format=csv",
            "/api/v1/visits/",
        )
    ]
    tables = _zip_tables(api)
    bodies += [str(tables[name]) for name in ("campaigns", "cases", "case_departments", "visit_cases")]
    for text in bodies:
        for secret in (LIAISON_NAME, LIAISON_PHONE, CONVENER_NAME, CONVENER_PHONE):
            assert secret not in text
