"""The public check-in page: open on the session's day only, one count per phone, rate-limited,
no personal data kept."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins.models import Checkin
from checkins.selectors import checkin_counts
from portal.checkin_views import DEVICE_COOKIE

from .conftest import session_on

pytestmark = pytest.mark.django_db


def url(session):
    return reverse("checkins:checkin", args=[session.checkin_code.token])


def test_checkin_counts_once_per_phone(client, today_session):
    page = client.get(url(today_session))
    assert page.status_code == 200
    assert "加装电梯协商" in page.content.decode()
    response = client.post(url(today_session), {"role": "resident"})
    assert response.status_code == 302
    assert DEVICE_COOKIE in response.cookies
    # A double tap, then a correction: still one check-in, with the latest role.
    client.post(url(today_session), {"role": "resident"})
    confirmed = client.post(url(today_session), {"role": "expert"}, follow=True)
    assert "身份已更新为：专家律师" in confirmed.content.decode()
    assert Checkin.objects.filter(session=today_session).count() == 1
    assert checkin_counts(session=today_session)["expert"] == 1
    # Another phone counts on its own.
    other = client.__class__()
    other.post(url(today_session), {"role": "resident"})
    assert checkin_counts(session=today_session) == {
        "cppcc_member": 0,
        "resident": 1,
        "department": 0,
        "expert": 1,
        "other": 0,
    }


def test_success_message_is_shown_in_chinese(client, today_session):
    response = client.post(url(today_session), {"role": "cppcc_member"}, follow=True)
    body = response.content.decode()
    assert "签到成功，身份：政协委员。" in body
    assert 'data-confirmation="checkin"' in body


@pytest.mark.parametrize(
    ("days", "state", "message"),
    [(1, "not_yet", "今天不能签到"), (-1, "closed", "签到已结束")],
)
def test_checkin_outside_the_day_is_refused(client, room, days, state, message):
    day = timezone.localdate() + datetime.timedelta(days=days)
    session = session_on(room, day, token=f"tok-{state}-xxxxxxxxxxxx")
    page = client.get(url(session))
    assert page.status_code == 200
    assert f'data-checkin-state="{state}"' in page.content.decode()
    assert message in page.content.decode()
    assert 'name="role"' not in page.content.decode()
    response = client.post(url(session), {"role": "resident"})
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Checkin.objects.exists()


def test_day_is_the_session_day_in_shanghai(client, room):
    """A session at 00:30 Shanghai time is on that Shanghai day (16:30 UTC the day before)."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(0, 30)))
    session = session_on(room, today, token="tok-midnight-xxxxxxxx")
    session.starts_at = start
    session.save()
    assert client.post(url(session), {"role": "resident"}).status_code == 302


def test_missing_or_bad_role_answers_in_chinese(client, today_session):
    response = client.post(url(today_session), {})
    assert response.status_code == 400
    assert "请选择您的身份。" in response.content.decode()
    response = client.post(url(today_session), {"role": "mayor"})
    assert response.status_code == 400
    assert "请从列表中选择您的身份。" in response.content.decode()
    assert not Checkin.objects.exists()


def test_unknown_token_is_404(client, today_session):
    assert client.get(reverse("checkins:checkin", args=["not-a-token"])).status_code == 404


def test_rate_limited_per_client_ip(client, today_session, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {"checkin": (3, 600)}
    for n in range(3):
        phone = client.__class__(REMOTE_ADDR="10.0.0.7")
        assert phone.post(url(today_session), {"role": "resident"}).status_code == 302, n
    phone = client.__class__(REMOTE_ADDR="10.0.0.7")
    refused = phone.post(url(today_session), {"role": "department"})
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "签到太频繁了，请过几分钟再试。" in body
    assert re.search(r'<input type="radio" name="role" value="department"[^>]*checked', body)  # the tick is kept
    assert Checkin.objects.count() == 3
    # Another address is not held back.
    other = client.__class__(REMOTE_ADDR="10.0.0.8")
    assert other.post(url(today_session), {"role": "resident"}).status_code == 302


def test_keeps_no_personal_data(client, today_session):
    client.post(
        url(today_session),
        {"role": "resident", "name": "张三", "phone": "13912345678"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone)",
    )
    checkin = Checkin.objects.get()
    stored = " ".join(str(getattr(checkin, field.attname)) for field in Checkin._meta.concrete_fields)
    for personal in ("张三", "13912345678", "203.0.113.9", "iPhone"):
        assert personal not in stored
    device = client.cookies[DEVICE_COOKIE].value
    assert device not in stored  # only a salted hash of the cookie
    assert {field.name for field in Checkin._meta.concrete_fields} == {
        "id",
        "session",
        "role",
        "device_key",
        "created_at",
        "updated_at",
    }


def test_page_is_not_cached_or_indexed(client, today_session):
    response = client.get(url(today_session))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
