"""A member of staff, in Chromium: logs into the admin, filters issues by street, exports them
to Excel (the download is a real workbook with only that street's issues), opens the dashboard."""

import datetime

import pytest
from openpyxl import load_workbook

from rooms.models import Room
from tests.factories import IssueFactory, RoomFactory, StaffFactory, StreetFactory
from tests.xlsx import table_rows


@pytest.mark.django_db(transaction=True)
def test_staff_filter_export_and_dashboard(live_server, desktop_page):
    StaffFactory(username="clerk", full_name="机关干部")
    north, south = StreetFactory(name="北濠街道"), StreetFactory(name="南川街道")
    north_room = RoomFactory(name="北濠街道协商议事室", level=Room.Level.STREET, community=None, street=north)
    south_room = RoomFactory(name="南川社区协商议事室", community__street=south)
    for index in range(3):
        IssueFactory(room=north_room, title=f"北濠问题{index}", due_on=datetime.date(2020, 1, 1))
    IssueFactory(room=south_room, title="南川问题", due_on=datetime.date(2020, 1, 1))
    page = desktop_page

    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "secret-pass-123")
    page.locator("input[type=submit]").click()
    page.wait_for_selector("#site-name")
    assert "有事好商量 · 协商议事室平台 管理后台" in page.locator("#site-name").inner_text()

    page.goto(live_server.url + "/admin/issues/issue/")
    page.locator("#changelist-filter").get_by_role("link", name="北濠街道").click()
    page.wait_for_url("**room__street__id__exact=*")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert "南川问题" not in page.locator("#result_list").inner_text()

    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "export_xlsx")
    with page.expect_download() as download_info:
        page.locator("button[name=index]").click()
    download = download_info.value
    assert download.suggested_filename.startswith("民生问题_") and download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        sheet = load_workbook(handle)["民生问题"]
    values = table_rows(sheet)  # under the title row, above the totals row
    assert tuple(values[0][:2]) == ("编号", "标题")
    assert sorted(row[1] for row in values[1:]) == ["北濠问题0", "北濠问题1", "北濠问题2"]

    page.goto(live_server.url + "/staff/")
    assert page.get_by_role("heading", name="督办工作台").is_visible()
    overdue = page.locator("#overdue")
    assert "北濠问题0" in overdue.inner_text()
    page.locator("#overdue").get_by_role("button", name="催办").first.click()
    # The confirmation is inside the overdue list, where the page lands, not at its top.
    page.wait_for_selector('#overdue [data-confirmation="overdue"]')
    assert "已催办" in page.locator('#overdue [data-confirmation="overdue"]').inner_text()
