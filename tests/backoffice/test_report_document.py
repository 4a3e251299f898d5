"""The monthly report as a document: cumulative figures as of the month's end, the adoption
count and table agreeing on one rule, the issuing block and summary, and the PDF download."""

import datetime
import shutil
import subprocess

import pytest
from django.utils import timezone

from backoffice.selectors import cumulative_figures
from issues.models import Outcome
from tests.factories import AttendanceFactory, OutcomeFactory, SessionFactory

pytestmark = pytest.mark.django_db

AUGUST = "/staff/report/2020-08/"


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def august(room):
    """Two sessions in August 2020, one in September; three outcomes submitted in August, two
    of them adopted in September."""
    for day in (datetime.date(2020, 8, 3), datetime.date(2020, 8, 31), datetime.date(2020, 9, 2)):
        session = SessionFactory(room=room, starts_at=_at(day, 20 if day.day == 31 else 9))
        AttendanceFactory(session=session, role="resident", headcount=10)
    OutcomeFactory(title="停车位建议", submitted_on=datetime.date(2020, 8, 5))
    for title in ("加装电梯建议", "垃圾分类提案"):
        OutcomeFactory(
            title=title,
            submitted_on=datetime.date(2020, 8, 10),
            adoption=Outcome.Adoption.ADOPTED,
            adopted_on=datetime.date(2020, 9, 15),
        )


def test_cumulative_figures_count_up_to_the_day(august):
    end_of_august = cumulative_figures(datetime.date(2020, 8, 31))
    assert end_of_august.sessions_held == 2 and end_of_august.person_times == 20
    assert end_of_august.outcomes_submitted == 3 and end_of_august.outcomes_adopted == 0
    later = cumulative_figures(datetime.date(2020, 9, 30))
    assert later.sessions_held == 3 and later.outcomes_adopted == 2


def test_report_speaks_of_the_month_end_and_agrees_with_its_table(staff_client, august):
    html = staff_client.get(AUGUST).content.decode()
    assert "截至2020年8月31日" in html
    assert "累计开展议事活动 2 场次" in html and "累计开展议事活动 3 场次" not in html
    assert "当月采纳 0 件" in html and "按采纳日期计" in html
    assert html.count('data-adoption="later"') == 2 and "（9月采纳）" in html
    assert "崇川区政协办公室" in html and 'data-report="issued-on"' in html
    assert "2020年8月，全区协商议事室共举行议事活动 2 场次，参与 20 人次" in html
    assert "/staff/report/2020-08.pdf" in html


def test_report_pdf_is_a_pdf_with_the_month_in_it(staff_client, august, tmp_path):
    response = staff_client.get("/staff/report/2020-08.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="report-2020-08.pdf"'
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "2020年8月" in text and "崇川区政协办公室" in text
        assert "第 1 页" in text or "第1页" in text


def test_report_pdf_is_for_overseers_only(client, convener, august):
    client.force_login(convener)
    assert client.get("/staff/report/2020-08.pdf").status_code in (403, 404)
