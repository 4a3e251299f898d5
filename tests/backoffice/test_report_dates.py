"""The monthly report writes its dates in the reader's language: 2020年8月31日 in Chinese,
August 31, 2020 in English (never a Chinese date inside English text, never "Aug." or "p.m.")."""

import datetime
import re

import pytest
from django.utils import translation

from core import dates
from tests.factories import AttendanceFactory, OutcomeFactory, SessionFactory

pytestmark = pytest.mark.django_db

AUGUST = "/staff/report/2020-08/"


@pytest.fixture
def august(room):
    session = SessionFactory(room=room, starts_at=datetime.datetime(2020, 8, 3, 9, tzinfo=datetime.UTC))
    AttendanceFactory(session=session, role="resident", headcount=10)
    OutcomeFactory(title="停车位建议", submitted_on=datetime.date(2020, 8, 5))


def report_in(client, language):
    client.cookies["django_language"] = language
    response = client.get(AUGUST, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_long_dates_follow_the_active_language():
    day = datetime.date(2020, 8, 26)
    with translation.override("zh-hans"):
        assert dates.long_date(day) == "2020年8月26日"
        assert dates.month_day(day) == "8月26日"
        assert dates.year_month(2020, 8) == "2020年8月"
    with translation.override("en"):
        assert dates.long_date(day) == "August 26, 2020"
        assert dates.month_day(day) == "August 26"
        assert dates.year_month(2020, 8) == "August 2020"
        assert dates.long_datetime(datetime.datetime(2020, 8, 26, 15, 4)) == "August 26, 2020, 15:04"


def test_report_in_english_has_english_dates(staff_client, august):
    html = report_in(staff_client, "en")
    assert "August 31, 2020" in html  # the cumulative figures' "as of" day
    assert "August 5, 2020" in html  # an outcome's submission date
    assert "August 2020" in html
    issued = re.search(r'data-report="issued-on">([^<]+)<', html).group(1)
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", issued), issued
    assert not re.search(r"\d{4}年\d{1,2}月", html), "a Chinese date in the English report"
    assert "p.m." not in html and "a.m." not in html


def test_report_in_chinese_keeps_chinese_dates(staff_client, august):
    html = report_in(staff_client, "zh-hans")
    assert "截至2020年8月31日" in html and "2020年8月5日" in html
    issued = re.search(r'data-report="issued-on">([^<]+)<', html).group(1)
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", issued), issued
