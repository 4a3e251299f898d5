"""The annual 履职 review workbook (staff only): every member's activities in the year, points
weighted by the table staff edit in the admin, laid out for printing (title row, frozen header,
column widths); opened back with openpyxl."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from members.models import ActivityKind, ActivityWeight
from tests.factories import UserFactory
from tests.xlsx import table_rows, totals_row

from .records import members_with_records

pytestmark = pytest.mark.django_db
URL = "/staff/members/review/"


def _workbook(client, year=2020):
    response = client.get(URL, {"year": year, "download": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "2020" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize(
    "who,status",
    [("anonymous", 302), ("resident", 403), ("convener", 403), ("other_convener", 403), ("staff", 200)],
)
def test_only_staff_may_export(client, users_by_role, who, status):
    user = users_by_role[who]
    if who != "anonymous":
        client.force_login(user)
    assert client.get(URL).status_code == status
    assert client.get(URL, {"year": 2020, "download": "1"}).status_code == status


def test_workbook_counts_each_kind_and_weights_the_points(client, staff):
    members = members_with_records(3)
    members_with_records_other_year = UserFactory(full_name="离任委员", is_cppcc_member=True, is_active=False)
    ActivityWeight.objects.update_or_create(kind=ActivityKind.PROPOSAL, defaults={"points": Decimal("4.5")})
    client.force_login(staff)
    workbook = _workbook(client)
    sheet = workbook["委员履职积分"]
    rows = table_rows(sheet)
    header = rows[0]
    assert header[:4] == ["界别", "姓名", "委员简介", "状态"]
    assert "参加议事活动（项）" in header and "形成提案（分）" in header and header[-1] == "合计积分"
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {m.full_name for m in members} | {members_with_records_other_year.full_name}
    first = by_name["委员000"]
    assert first["参加议事活动（项）"] == 4 and first["参加议事活动（分）"] == 8
    assert first["形成提案（项）"] == 4 and first["形成提案（分）"] == 18  # 4 × 4.5
    assert first["形成社情民意信息（项）"] == 4 and first["所在议事活动跟进协商民生问题（项）"] == 0
    assert first["合计积分"] == 8 + 4 + 18 + 12
    assert by_name["离任委员"]["状态"] == "离任" and by_name["离任委员"]["合计积分"] == 0
    # Laid out: a title row with the year and the weights, the header frozen under it, widths set.
    assert "2020年度政协委员履职情况" in sheet["A1"].value and "形成提案4.5分" in sheet["A1"].value
    assert sheet.freeze_panes == "A3"
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert len(widths) >= len(header) and all(width >= 6 for width in widths.values())
    assert totals_row(sheet)[header.index("参加议事活动（项）")] == 12
    weights = table_rows(workbook["积分标准"])
    assert ["形成提案", 4.5] in [list(row) for row in weights]
    # Nothing private.
    cells = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    for member in members:
        assert member.phone not in cells and member.username not in cells


def test_another_year_counts_nothing(client, staff):
    members_with_records(2)
    client.force_login(staff)
    response = client.get(URL, {"year": 2021, "download": "1"})
    rows = table_rows(load_workbook(io.BytesIO(response.content))["委员履职积分"])
    assert all(row[-1] == 0 for row in rows[1:])


@pytest.mark.parametrize("year", ["abc", "1999", "3000", ""])
def test_a_bad_year_is_a_chinese_error_not_a_500(client, staff, year):
    client.force_login(staff)
    response = client.get(URL, {"year": year, "download": "1"})
    assert response.status_code == 400
    assert "请" in response.content.decode()


def test_staff_edit_the_weights_in_the_admin(client, staff):
    client.force_login(staff)
    weight = ActivityWeight.objects.get(kind=ActivityKind.SESSION)
    assert weight.points == Decimal("2")  # the data migration's default
    page = client.get(f"/admin/members/activityweight/{weight.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/members/activityweight/{weight.pk}/change/", {"kind": "session", "points": "3.5", "note": "每场"}
    )
    assert response.status_code == 302
    assert ActivityWeight.objects.get(kind=ActivityKind.SESSION).points == Decimal("3.5")
    bad = client.post(
        f"/admin/members/activityweight/{weight.pk}/change/", {"kind": "session", "points": "-1", "note": ""}
    )
    assert bad.status_code == 200 and ActivityWeight.objects.get(kind=ActivityKind.SESSION).points == Decimal("3.5")
    assert client.get("/admin/members/activityweight/add/").status_code == 403  # every kind has its row
    review = client.get(URL).content.decode()
    assert "3.5" in review


@pytest.mark.parametrize("size", [3, 12])
def test_export_query_count_is_pinned(client, staff, django_assert_max_num_queries, size):
    members_with_records(size)
    client.force_login(staff)
    client.get(URL)
    with django_assert_max_num_queries(6):
        assert client.get(URL, {"year": 2020, "download": "1"}).status_code == 200
