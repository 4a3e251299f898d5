"""The statistics page: figures agree with the home page, the CSV and independent counts; cached
(a repeat visit reads nothing) and never stale (a write shows at once); downloads of every breakdown."""

import csv
import io

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from deliberations.models import Attendance, Session
from figures.models import MediaReport, Visit
from issues.models import Feedback, Issue
from portal.breakdowns import BREAKDOWNS
from rooms.models import Room
from tests.factories import AttendanceFactory, FeedbackFactory, SessionFactory
from tests.portal.test_home import figure
from tests.xlsx import table_rows, totals_row

pytestmark = pytest.mark.django_db


def download(client, slug, fmt):
    response = client.get(reverse("portal:stats-download", args=[slug, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return table_rows(sheet)


def test_stats_home_and_csv_agree_with_each_other_and_with_independent_counts(client, demo):
    stats = client.get(reverse("portal:stats")).content.decode()
    home = client.get(reverse("portal:home")).content.decode()

    held = Session.objects.filter(status="held")
    independent = {
        "rooms_active": Room.objects.filter(is_active=True).count(),
        "sessions_held": held.count(),
        "person_times": Attendance.objects.filter(session__status="held").aggregate(s=Sum("headcount"))["s"],
        "issues_resolved": Issue.objects.filter(is_public=True, status="resolved").count(),
        "media_reports": MediaReport.objects.count(),
        "visits": Visit.objects.count(),
    }
    for name, value in independent.items():
        assert int(figure(stats, name)) == value, name
        if name != "media_reports":  # the home page counts the article's reports (below)
            assert int(figure(home, name)) == value, name
    central_provincial = MediaReport.objects.filter(level__in=["central", "provincial"]).count()
    assert int(figure(home, "media_reports_central_provincial")) == central_provincial
    public_total = Issue.objects.filter(is_public=True).count()
    assert int(figure(stats, "issues_total")) == public_total
    assert float(figure(stats, "resolution_rate")) == round(100 * independent["issues_resolved"] / public_total, 1)

    # Every breakdown's rows add up to the totals, on the page's table and in the CSV alike.
    street_rows = download(client, "street", "csv")
    header, rows = street_rows[0], street_rows[1:]
    column = {name: header.index(name) for name in header}
    assert sum(int(r[column["议事活动（场次）"]]) for r in rows) == independent["sessions_held"]
    assert sum(int(r[column["参与人次"]]) for r in rows) == independent["person_times"]
    assert sum(int(r[column["已解决（个）"]]) for r in rows) == independent["issues_resolved"]
    for slug in ("level",):
        level = download(client, slug, "csv")
        assert sum(int(r[2]) for r in level[1:]) == independent["sessions_held"]
    month = download(client, "month", "csv")
    assert sum(int(r[1]) for r in month[1:]) == independent["sessions_held"]
    assert sum(int(r[2]) for r in month[1:]) == independent["person_times"]
    category = download(client, "category", "csv")
    assert sum(int(r[2]) for r in category[1:]) == independent["issues_resolved"]
    satisfaction = download(client, "satisfaction", "csv")
    assert sum(int(r[1]) for r in satisfaction[1:]) == Feedback.objects.filter(issue__is_public=True).count()
    # ... and the page shows the same table cells as the file (first street row).
    first = rows[0]
    assert f'<th scope="row">{first[0]}</th>' in stats


@pytest.mark.parametrize("slug", list(BREAKDOWNS))
def test_each_breakdown_downloads_as_csv_and_excel_with_the_same_rows(client, world, slug):
    as_csv = download(client, slug, "csv")
    as_xlsx = download(client, slug, "xlsx")
    assert as_csv[0] == [str(header) for _key, header in BREAKDOWNS[slug].columns]

    def same(cell):
        try:
            return float(cell)
        except (TypeError, ValueError):
            return "" if cell is None else str(cell)

    assert [[same(c) for c in row] for row in as_xlsx] == [[same(c) for c in row] for row in as_csv]
    assert len(as_csv) == len(BREAKDOWNS[slug].rows()) + 1


def test_download_names_and_types(client, world):
    response = client.get(reverse("portal:stats-download", args=["street", "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert client.get("/stats/download/nothing.csv").status_code == 404
    assert client.get("/stats/download/street.pdf").status_code == 404


def test_stats_page_has_a_chart_and_a_table_for_each_breakdown(client, world):
    html = client.get(reverse("portal:stats")).content.decode()
    for slug in BREAKDOWNS:
        assert f'id="chart-{slug}-svg"' in html and f'id="chart-{slug}-table"' in html
        assert reverse("portal:stats-download", args=[slug, "csv"]) in html
        assert reverse("portal:stats-download", args=[slug, "xlsx"]) in html
    assert html.count("<svg") == len(BREAKDOWNS)
    assert html.count('role="img"') == len(BREAKDOWNS)
    assert "陈桥街道" in html and "2020年6月" in html


def test_stats_page_is_cached_and_does_not_scan_attendance_again(client, world):
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("portal:stats"))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("portal:stats"))
    # the figures come from the rollups, not from a scan of the attendance rows
    assert any("rollup" in q["sql"] for q in first.captured_queries)
    assert len(second) < len(first)
    assert not any("attendance" in q["sql"] for q in second.captured_queries)
    assert len(second) == 0


def test_stats_figures_are_never_stale_after_a_write(client, world):
    before = client.get(reverse("portal:stats")).content.decode()
    assert figure(before, "person_times") == "51"
    assert figure(before, "sessions_held") == "2"
    session = SessionFactory(room=world.room)
    AttendanceFactory(session=session, headcount=9)
    FeedbackFactory(issue=world.resolved, rating="satisfied")
    after = client.get(reverse("portal:stats")).content.decode()
    assert figure(after, "person_times") == "60"
    assert figure(after, "sessions_held") == "3"
    # satisfaction: 2 satisfied + 0 mostly over 3 public ratings
    assert figure(after, "satisfaction_rate").startswith("66.7")
    rows = download(client, "street", "csv")
    north = next(row for row in rows if row[0] == "陈桥街道")
    assert north[3] == "45"  # person-times of 陈桥街道: 36 before, plus the new session's 9


def test_feedback_counts_in_issue_and_room_satisfaction(client, world):
    room_before = client.get(world.room.get_absolute_url()).content.decode()
    assert 'data-figure="satisfaction_rate">50.0' in room_before
    client.post(world.resolved.get_absolute_url(), {"rating": "mostly"})
    issue = client.get(world.resolved.get_absolute_url()).content.decode()
    assert "满意率 66.7%（共 3 条评价）" in issue
    room_after = client.get(world.room.get_absolute_url()).content.decode()
    assert 'data-figure="satisfaction_rate">66.7' in room_after
    stats = client.get(reverse("portal:stats")).content.decode()
    assert figure(stats, "satisfaction_rate").startswith("66.7")


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["street", "department"])
def test_statistics_workbook_has_title_widths_totals_and_print_setup(client, world, slug):
    response = client.get(reverse("portal:stats-download", args=[slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    breakdown = BREAKDOWNS[slug]
    title = sheet["A1"].value.splitlines()
    assert title[0] == f"崇川区协商议事室统计 · {breakdown.title}"
    assert title[1].startswith("筛选条件：全区公开数据　导出时间：")
    header = [str(header) for _key, header in breakdown.columns]
    assert [cell.value for cell in sheet[2]] == header
    assert sheet.freeze_panes == "A3"
    assert len(sheet.column_dimensions) == len(header)
    rows = table_rows(sheet)[1:]
    totals = totals_row(sheet)
    assert totals[0] == f"合计（{len(rows)} 行）"
    for index, (key, _header) in enumerate(breakdown.columns[1:], start=1):
        if key.endswith("_rate") or key == "average_days":
            assert totals[index] is None, key
        else:
            assert totals[index] == sum(row[index] or 0 for row in rows), key
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.fitToWidth) == 1
    assert sheet.print_title_rows == "$2:$2"


@pytest.mark.django_db
def test_stats_reads_on_a_phone(client, world):
    """Labels sized for a 300-unit viewBox, the monthly trend as columns, satisfaction in three
    colours with a legend, units kept with their numbers, toggle labels from the server."""
    html = client.get("/stats/").content.decode()
    assert 'viewBox="0 0 300 ' in html and 'viewBox="0 0 340' not in html
    assert 'class="column-chart"' in html
    for key in ("satisfied", "mostly", "dissatisfied"):
        assert f'legend-swatch chart-bar-{key}"' in html
    assert "&nbsp;条评价" in html
    assert 'data-label-table="以表格显示"' in html and 'data-label-chart="以图表显示"' in html
    assert 'aria-pressed="false"' in html
    css = open("static/css/site.css", encoding="utf-8").read()
    assert ".chart-label { font-size: 14px;" in css
    for status in ("reported", "deliberating", "agreed", "in_progress"):
        assert f".badge-{status}" in css
