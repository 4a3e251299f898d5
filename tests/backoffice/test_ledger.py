"""The ledger (台账) export: one sheet per kind, Chinese headers, real numbers and dates,
row counts equal to the database for each filter, formula injection escaped, nothing personal."""

import datetime
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from backoffice.ledger import (
    ISSUE_HEADER,
    OUTCOME_HEADER,
    SESSION_HEADER,
    LedgerFilter,
    ledger_issues,
    ledger_outcomes,
    ledger_sessions,
    ledger_workbook,
)
from deliberations.models import Attendance, Session
from issues.models import Issue, Outcome
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    IssueFactory,
    IssueUpdateFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
)
from tests.xlsx import table_rows, totals_row

TZ = ZoneInfo("Asia/Shanghai")


def read(content):
    workbook = load_workbook(io.BytesIO(content))
    return {name: table_rows(workbook[name]) for name in workbook.sheetnames}


@pytest.fixture
def ledger_data(db):
    room = RoomFactory(name="和平社区协商议事室")
    other = RoomFactory(name="桃园社区协商议事室")
    campaign = CampaignFactory(name="议事月")
    creator = UserFactory(username="writer", phone="13912345678")
    evil = SessionFactory(
        room=room,
        topic='=HYPERLINK("http://evil","x")',
        starts_at=datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ),
        campaign=campaign,
        created_by=creator,
    )
    AttendanceFactory(session=evil, role=Attendance.Role.RESIDENT, headcount=30)
    AttendanceFactory(session=evil, role=Attendance.Role.CPPCC_MEMBER, headcount=3)
    SessionFactory(room=room, topic="+SUM(A1)", starts_at=datetime.datetime(2020, 7, 1, 23, 30, tzinfo=TZ))
    SessionFactory(room=other, topic="普通议题", starts_at=datetime.datetime(2020, 7, 2, 9, 0, tzinfo=TZ))
    issue = IssueFactory(room=room, title="@SUM(1)", department="-区民政局", raised_in=evil)
    IssueUpdateFactory(issue=issue, is_urge=True, note="催办")
    ResolvedIssueFactory(room=other, title="路灯修好了")
    IssueFactory(room=room, title="不公开的问题", is_public=False)
    outcome = OutcomeFactory(title="=cmd|' /C calc'!A0", kind=Outcome.Kind.PROPOSAL)
    outcome.issues.add(issue)
    outcome.sessions.add(evil)
    OutcomeFactory(title="与和平无关的成果")
    return {"room": room, "other": other, "campaign": campaign, "issue": issue}


@pytest.mark.django_db
def test_workbook_has_one_sheet_per_kind_with_headers_types_and_counts(ledger_data):
    sheets = read(ledger_workbook(LedgerFilter()))
    assert list(sheets) == ["议事活动", "民生问题", "成果转化"]
    sessions, issues, outcomes = sheets["议事活动"], sheets["民生问题"], sheets["成果转化"]
    assert sessions[0] == SESSION_HEADER and issues[0] == ISSUE_HEADER and outcomes[0] == OUTCOME_HEADER
    assert len(sessions) - 1 == Session.objects.count()
    assert len(issues) - 1 == Issue.objects.count()
    assert len(outcomes) - 1 == Outcome.objects.count()

    first = dict(zip(SESSION_HEADER, sessions[1], strict=True))
    assert isinstance(first["编号"], int)
    assert first["开始时间"] == datetime.datetime(2020, 6, 1, 9, 0)  # local time, a real date cell
    assert first["居民群众"] == 30 and first["政协委员"] == 3 and first["参与人次合计"] == 33
    assert first["提出问题数"] == 1
    assert first["议事月"] == "议事月"
    late = dict(zip(SESSION_HEADER, sessions[2], strict=True))
    assert late["开始时间"] == datetime.datetime(2020, 7, 1, 23, 30)
    assert late["参与人次合计"] == 0

    by_title = {row[1]: dict(zip(ISSUE_HEADER, row, strict=True)) for row in issues[1:]}
    resolved = by_title["路灯修好了"]
    assert isinstance(resolved["反映日期"], datetime.datetime) and isinstance(resolved["解决日期"], datetime.datetime)
    assert resolved["状态"] == "已解决"
    assert by_title["'@SUM(1)"]["催办次数"] == 1
    assert by_title["不公开的问题"]["公开"] == "否"

    proposal = next(dict(zip(OUTCOME_HEADER, row, strict=True)) for row in outcomes[1:] if row[1] == "提案")
    assert proposal["来源问题数"] == 1 and proposal["来源议事活动数"] == 1
    assert isinstance(proposal["报送日期"], datetime.datetime)


@pytest.mark.django_db
def test_formula_injection_is_escaped_in_every_sheet(ledger_data):
    content = ledger_workbook(LedgerFilter())
    sheets = read(content)
    texts = [cell for rows in sheets.values() for row in rows[1:] for cell in row if isinstance(cell, str)]
    assert '\'=HYPERLINK("http://evil","x")' in texts
    assert "'+SUM(A1)" in texts and "'@SUM(1)" in texts and "'-区民政局" in texts
    assert "'=cmd|' /C calc'!A0" in texts
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]
    # No cell of the file is a formula.
    workbook = load_workbook(io.BytesIO(content))
    assert not [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


@pytest.mark.django_db
def test_nothing_personal_is_exported(ledger_data):
    content = ledger_workbook(LedgerFilter())
    archive = zipfile.ZipFile(io.BytesIO(content))
    xml = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert "13912345678" not in xml and "example.com" not in xml


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["room", "street", "campaign", "period"])
def test_each_filter_exports_exactly_the_matching_rows(ledger_data, kind):
    room = ledger_data["room"]
    ledger_filter = {
        "room": LedgerFilter(room=room),
        "street": LedgerFilter(street=room.street),
        "campaign": LedgerFilter(campaign=ledger_data["campaign"]),
        "period": LedgerFilter(date_from=datetime.date(2020, 7, 1), date_to=datetime.date(2020, 7, 1)),
    }[kind]
    sheets = read(ledger_workbook(ledger_filter))
    expected = {
        "room": (2, 2, 1),
        "street": (2, 2, 1),
        "campaign": (1, 1, 1),
        "period": (1, 0, 0),
    }[kind]
    assert (len(sheets["议事活动"]) - 1, len(sheets["民生问题"]) - 1, len(sheets["成果转化"]) - 1) == expected
    assert (
        ledger_sessions(ledger_filter).count(),
        ledger_issues(ledger_filter).count(),
        ledger_outcomes(ledger_filter).count(),
    ) == expected


@pytest.mark.django_db
def test_ledger_page_counts_and_downloads(staff_client, ledger_data):
    room = ledger_data["room"]
    page = staff_client.get(reverse("staff:ledger"), {"room": room.pk})
    html = page.content.decode()
    assert 'data-count="sessions">2<' in html and 'data-count="issues">2<' in html
    download = staff_client.get(reverse("staff:ledger"), {"room": room.pk, "download": "1"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in download["Content-Disposition"]
    assert len(read(download.content)["议事活动"]) == 3


@pytest.mark.django_db
def test_ledger_form_errors_are_in_chinese_and_keep_the_input(staff_client, ledger_data):
    page = staff_client.get(
        reverse("staff:ledger"), {"date_from": "2020-08-01", "date_to": "2020-07-01", "download": "1"}
    )
    html = page.content.decode()
    assert page["Content-Type"].startswith("text/html")
    assert "结束日期不能早于开始日期" in html
    assert 'value="2020-08-01"' in html


@pytest.mark.django_db
def test_downloaded_ledger_is_laid_out_to_hand_on(staff_client, ledger_data):
    """Title row with the filter in words and the export time, frozen and filtered header, fitted
    widths, Chinese date formats, a totals row and a landscape A4 page one page wide."""
    room = ledger_data["room"]
    query = {"room": room.pk, "date_from": "2020-06-01", "date_to": "2020-07-31", "download": "1"}
    download = staff_client.get(reverse("staff:ledger"), query)
    workbook = load_workbook(io.BytesIO(download.content))
    sessions = workbook["议事活动"]
    title = sessions["A1"].value.splitlines()
    assert title[0] == "议事台账 · 议事活动"
    assert title[1].startswith(f"筛选条件：议事室：{room}；时间：2020年6月1日至2020年7月31日　导出时间：")
    assert re.search(r"导出时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$", title[1])
    assert [cell.value for cell in sessions[2]] == SESSION_HEADER
    assert sessions.freeze_panes == "A3"
    assert sessions.auto_filter.ref == f"A2:{get_column_letter(len(SESSION_HEADER))}4"
    widths = {letter: dimension.width for letter, dimension in sessions.column_dimensions.items()}
    assert len(widths) == len(SESSION_HEADER) and all(width >= 6 for width in widths.values())
    start = get_column_letter(SESSION_HEADER.index("开始时间") + 1)
    assert widths[start] >= 20 and sessions[f"{start}3"].number_format == 'yyyy"年"m"月"d"日" hh:mm'
    totals = totals_row(sessions)
    assert totals[0] == "合计（2 行）"
    assert totals[SESSION_HEADER.index("参与人次合计")] == 33
    assert totals[SESSION_HEADER.index("居民群众")] == 30
    assert totals[SESSION_HEADER.index("议题")] is None
    for sheet in workbook:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$2:$2"
    issues = workbook["民生问题"]
    assert issues[f"{get_column_letter(ISSUE_HEADER.index('反映日期') + 1)}3"].number_format == 'yyyy"年"m"月"d"日"'
    assert totals_row(issues)[ISSUE_HEADER.index("催办次数")] == 1


def test_filter_in_words():
    assert LedgerFilter().describe_words() == "全部（未筛选）"
    assert LedgerFilter(date_from=datetime.date(2020, 8, 1)).describe_words() == "时间：2020年8月1日起"
    assert LedgerFilter(date_to=datetime.date(2020, 8, 26)).describe_words() == "时间：截至2020年8月26日"
