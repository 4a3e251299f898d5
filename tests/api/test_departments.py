"""/api/v1/departments/: the departments (承办单位) with the statistics page's figures, filters,
privacy (no liaison ever appears) and a pinned query count at 1x and 10x the demo data."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from departments.models import Department
from figures.selectors import breakdown_by_department
from portal.breakdowns import BREAKDOWNS
from tests.factories import (
    DepartmentFactory,
    FeedbackFactory,
    IssueFactory,
    LiaisonFactory,
    ResolvedIssueFactory,
    StreetFactory,
    UserFactory,
)
from tests.xlsx import table_rows

LIST_MAX_QUERIES = 5  # count, page, and the three queries of the figures on a cold cache
DETAIL_MAX_QUERIES = 4  # the department, and the figures
FIGURES = ("issues_total", "issues_open", "issues_resolved", "on_time", "overdue", "average_days", "satisfaction_rate")


@pytest.fixture
def departments(db):
    street = StreetFactory(name="和平桥街道")
    roads = DepartmentFactory(name="区住建局", office_phone="0513-85000001", ordering=1)
    office = DepartmentFactory(
        name="和平桥街道办事处",
        kind=Department.Kind.STREET_OFFICE,
        street=street,
        office_phone="0513-85000002",
        ordering=2,
    )
    DepartmentFactory(name="已撤销单位", is_active=False)
    liaison = UserFactory(
        username="liaison-secret-login", full_name="联络员王秘密", phone="13988887777", email="liaison@secret.example"
    )
    LiaisonFactory(user=liaison, department=roads)
    d = datetime.date
    resolved = ResolvedIssueFactory(
        department=roads, reported_on=d(2020, 6, 1), due_on=d(2020, 6, 30), resolved_on=d(2020, 6, 5)
    )
    FeedbackFactory(issue=resolved, rating="satisfied")
    FeedbackFactory(issue=resolved, rating="dissatisfied")
    IssueFactory(department=roads, due_on=d(2020, 1, 1))
    IssueFactory(department=office)
    IssueFactory(department=roads, is_public=False, title="未公开")
    return {"roads": roads, "office": office, "street": street}


def _rows(response):
    assert response.status_code == 200, response.content
    return {row["name"]: row for row in response.json()["results"]}


@pytest.mark.django_db
def test_list_and_detail_show_public_fields_and_the_figures(api, departments):
    rows = _rows(api.get("/api/v1/departments/"))
    assert list(rows) == ["区住建局", "和平桥街道办事处"]  # active only, in the departments' order
    roads = rows["区住建局"]
    assert set(roads) == {
        "id",
        "name",
        "kind",
        "kind_label",
        "office_phone",
        "street",
        "street_name",
        "issues_total",
        "issues_open",
        "issues_resolved",
        "on_time",
        "overdue",
        "average_days",
        "resolution_rate",
        "on_time_rate",
        "feedback_total",
        "satisfaction_rate",
    }
    assert (roads["kind"], roads["kind_label"], roads["office_phone"]) == ("bureau", "区级部门", "0513-85000001")
    assert (roads["issues_total"], roads["issues_open"], roads["issues_resolved"], roads["overdue"]) == (2, 1, 1, 1)
    assert (roads["on_time"], roads["average_days"], roads["satisfaction_rate"]) == (1, 4.0, 50.0)
    office = rows["和平桥街道办事处"]
    assert (office["street"], office["street_name"], office["kind_label"]) == (
        departments["street"].pk,
        "和平桥街道",
        "街道办事处",
    )
    assert (office["issues_total"], office["average_days"], office["satisfaction_rate"]) == (1, None, None)

    detail = api.get(f"/api/v1/departments/{departments['roads'].pk}/")
    assert detail.status_code == 200 and detail["ETag"]
    assert detail.json() == roads


@pytest.mark.django_db
def test_a_department_without_issues_has_zero_counts(api, departments):
    DepartmentFactory(name="区民政局", ordering=9)
    row = _rows(api.get("/api/v1/departments/"))["区民政局"]
    assert (row["issues_total"], row["overdue"], row["on_time_rate"]) == (0, 0, None)


@pytest.mark.django_db
def test_an_inactive_or_unknown_department_is_a_404(api, departments):
    inactive = Department.objects.get(name="已撤销单位")
    assert api.get(f"/api/v1/departments/{inactive.pk}/").status_code == 404
    assert api.get("/api/v1/departments/999999/").status_code == 404
    assert api.get("/api/v1/departments/abc/").status_code == 404


@pytest.mark.django_db
def test_filters_by_kind_street_and_name(api, departments):
    assert list(_rows(api.get("/api/v1/departments/?kind=street_office"))) == ["和平桥街道办事处"]
    assert list(_rows(api.get(f"/api/v1/departments/?street={departments['street'].pk}"))) == ["和平桥街道办事处"]
    assert list(_rows(api.get("/api/v1/departments/?search=住建"))) == ["区住建局"]
    assert api.get("/api/v1/departments/?kind=nonsense").status_code == 400
    assert api.get("/api/v1/departments/?street=abc").status_code == 400
    assert api.post("/api/v1/departments/", {}).status_code == 405


@pytest.mark.django_db
def test_no_liaison_ever_appears(api, departments):
    bodies = [
        api.get("/api/v1/departments/").content.decode(),
        api.get(f"/api/v1/departments/{departments['roads'].pk}/").content.decode(),
        b"".join(api.get("/api/v1/departments/?format=csv").streaming_content).decode("utf-8-sig"),
    ]
    everything = "\n".join(bodies)
    for secret in ("liaison-secret-login", "联络员王秘密", "13988887777", "liaison@secret.example", "未公开"):
        assert secret not in everything
    keys = {key for row in json.loads(bodies[0])["results"] for key in row}
    assert not keys & {"liaisons", "user", "username", "phone", "email", "full_name"}


def _download(client, fmt):
    response = client.get(reverse("portal:stats-download", args=["department", fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    return table_rows(load_workbook(io.BytesIO(response.content)).active)


def _number(text):
    return None if text in ("", None, "—") else float(str(text).replace(",", ""))


@pytest.mark.django_db
def test_the_api_the_statistics_page_and_its_downloads_agree(api, client, departments):
    rows = breakdown_by_department()
    api_rows = _rows(api.get("/api/v1/departments/"))
    breakdown = BREAKDOWNS["department"]
    page = client.get(reverse("portal:stats")).content.decode()
    assert 'id="chart-department"' in page
    csv_rows, xlsx_rows = _download(client, "csv"), _download(client, "xlsx")
    assert csv_rows[0] == xlsx_rows[0] == breakdown.header()
    columns = [key for key, _header in breakdown.columns]
    for index, row in enumerate(rows, start=1):
        api_row = api_rows[row["label"]]
        for key in FIGURES:
            assert api_row[key] == row[key], key
        assert csv_rows[index][0] == xlsx_rows[index][0] == row["label"]
        for position, key in enumerate(columns[1:], start=1):
            assert _number(csv_rows[index][position]) == _number(xlsx_rows[index][position]) == row[key], key
        # The page's table row: the department's name, then the same cells.
        cells = "".join(f'<td class="num">{"—" if row[key] is None else row[key]}</td>' for key in columns[1:])
        assert f'<th scope="row">{row["label"]}</th>{cells}' in page
    for secret in ("联络员王秘密", "13988887777", "liaison@secret.example"):
        assert secret not in page


def _counts(query_pins, api):
    department = Department.objects.active().order_by("-pk").values_list("pk", flat=True)[0]
    return {
        "list": query_pins.count(api, "/api/v1/departments/?page_size=100", LIST_MAX_QUERIES),
        "detail": query_pins.count(api, f"/api/v1/departments/{department}/", DETAIL_MAX_QUERIES),
        "list_warm": query_pins.count(api, "/api/v1/departments/?page_size=100", 2, cold_cache=False, warm=True),
    }


@pytest.mark.slow
@pytest.mark.django_db
def test_query_counts_are_pinned_at_1x_and_10x(api, query_pins):
    small, _large = query_pins.same_at_1x_and_10x(lambda: _counts(query_pins, api))
    assert small["list"] <= LIST_MAX_QUERIES and small["detail"] <= DETAIL_MAX_QUERIES
    assert small["list_warm"] == 2  # with the figures cached: the count and the page
