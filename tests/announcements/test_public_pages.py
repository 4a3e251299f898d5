"""The public side: the session page shows the announcement and the result notice, residents sign
up, cancel and comment without logging in, the calendar files parse with icalendar, and bad input
answers a clear Chinese message with everything typed kept."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from announcements.models import Comment, SignUp
from announcements.services import announcement_cancel, signup_submit, signup_token
from deliberations.models import Session
from deliberations.services import SessionData, session_update
from tests.factories import RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


def page(client, session):
    return client.get(session.get_absolute_url()).content.decode()


def test_the_session_page_shows_the_announcement_and_the_form(client, announcement):
    html = page(client, announcement.session)
    assert "议题公示" in html and "小区居民、物业公司" in html and "讨论方案" in html
    assert "剩余 2 个" in html and 'name="contact"' in html


def test_signing_up_lands_on_the_residents_own_page(client, announcement):
    url = reverse("announcements:signup-submit", args=[announcement.session.pk])
    response = client.post(url, {"name": "王阿姨", "contact": "13912345678"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "报名成功" in html and "已报名" in html and "取消报名" in html
    signup = SignUp.objects.get()
    assert response.redirect_chain[-1][0] == reverse("announcements:signup", args=[signup_token(signup)])
    assert "王阿姨" not in html and "13912345678" not in html  # not even on the resident's own page
    assert "剩余 1 个" in page(client, announcement.session)


def test_cancel_by_the_link(client, announcement):
    signup = signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    url = reverse("announcements:signup", args=[signup_token(signup)])
    response = client.post(url, follow=True)
    assert "已取消报名" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED
    response = client.post(url)
    assert response.status_code == 200 and "已经取消" in response.content.decode()


def test_a_tampered_link_is_a_clear_404(client):
    response = client.get(reverse("announcements:signup", args=["abc:def"]))
    assert response.status_code == 404 and "报名链接无效" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "contact": "13912345678"}, "请填写您的姓名"),
        ({"name": "王阿姨", "contact": "12345"}, "11 位手机号码或电子邮箱"),
        ({"name": "王阿姨", "contact": ""}, "请填写手机号码或电子邮箱"),
    ],
)
def test_bad_signup_keeps_what_was_typed(client, announcement, data, message):
    response = client.post(reverse("announcements:signup-submit", args=[announcement.session.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    for value in data.values():
        if value:
            assert f'value="{value}"' in html


def test_full_session_is_refused_in_chinese(client, announcement):
    for n in range(3):
        signup_submit(announcement=announcement, name=f"居民{n}", contact=f"1390000000{n}")
    url = reverse("announcements:signup-submit", args=[announcement.session.pk])
    response = client.post(url, {"name": "晚来的", "contact": "13700000000"})
    html = response.content.decode()
    assert response.status_code == 200 and "名额已满" in html and 'value="晚来的"' in html


def test_duplicate_contact_is_refused(client, announcement):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    url = reverse("announcements:signup-submit", args=[announcement.session.pk])
    response = client.post(url, {"name": "王阿姨", "contact": "139 1234 5678"})
    assert response.status_code == 200 and "已经报过名" in response.content.decode()


def test_a_past_session_takes_no_signup(client, announcement):
    Session.objects.filter(pk=announcement.session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=2))
    url = reverse("announcements:signup-submit", args=[announcement.session.pk])
    response = client.post(url, {"name": "王阿姨", "contact": "13912345678"})
    assert response.status_code == 200 and "已经开始或结束" in response.content.decode()


@override_settings(PUBLIC_FORM_RATE_LIMITS={"signup": (2, 600)})
def test_signups_are_rate_limited(client, announcement):
    url = reverse("announcements:signup-submit", args=[announcement.session.pk])
    for n in range(2):
        client.post(url, {"name": f"居民{n}", "contact": f"1390000000{n}"})
    response = client.post(url, {"name": "第三位", "contact": "13900000009"})
    assert response.status_code == 429 and "太频繁" in response.content.decode()
    assert 'value="第三位"' in response.content.decode()


def test_the_result_notice_and_comment(client, notice, convener):
    html = page(client, notice.session)
    assert "公示中" in html and "结果公示" in html
    url = reverse("announcements:comment", args=[notice.session.pk])
    response = client.post(
        url, {"kind": "objection", "body": "低楼层住户有顾虑", "contact": "13900000000"}, follow=True
    )
    assert "感谢您的意见" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.kind == "objection"
    assert "低楼层住户有顾虑" not in page(client, notice.session)  # pending: not public yet
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED, answer="已入户听取意见")
    html = page(client, notice.session)
    assert "低楼层住户有顾虑" in html and "已入户听取意见" in html and "13900000000" not in html


def test_a_comment_after_the_period_is_refused(client, notice):
    notice.starts_on = notice.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    notice.save()
    assert "公示期满" in page(client, notice.session)
    response = client.post(
        reverse("announcements:comment", args=[notice.session.pk]), {"kind": "comment", "body": "迟到"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "公示期已于" in html and "迟到" in html


def test_the_lists(client, announcement, notice):
    html = client.get(reverse("announcements:upcoming")).content.decode()
    assert announcement.session.topic in html and "已报名 0/2" in html
    html = client.get(reverse("announcements:results")).content.decode()
    assert notice.session.topic in html and "公示中" in html


# ---- calendars ----


def events(content):
    return [component for component in Calendar.from_ical(content).walk("VEVENT")]


def test_session_ics_parses(client, announcement):
    response = client.get(reverse("announcements:session-ics", args=[announcement.session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="session-{announcement.session.pk}.ics"'
    [event] = events(response.content)
    assert str(event["summary"]) == "小区停车难怎么办" and str(event["location"]) == "社区议事厅"
    assert event.decoded("dtstart") == announcement.session.starts_at.replace(microsecond=0)
    assert int(event["sequence"]) == 0 and str(event["status"]) == "CONFIRMED"


def test_cancelled_and_moved_sessions_update_the_feeds(client, announcement, convener):
    other = SessionFactory(
        room=RoomFactory(), status=Session.Status.PLANNED, starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    announcement_cancel(announcement=announcement, author=convener, reason="场地维修")
    district = events(client.get(reverse("announcements:district-ics")).content)
    by_uid = {str(event["uid"]): event for event in district}
    cancelled = by_uid[f"session-{announcement.session.pk}@127.0.0.1"]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1
    assert f"session-{other.pk}@127.0.0.1" in by_uid
    room_feed = events(client.get(reverse("announcements:room-ics", args=[announcement.session.room_id])).content)
    assert [str(event["uid"]) for event in room_feed] == [f"session-{announcement.session.pk}@127.0.0.1"]


def test_calendar_pages_offer_webcal(client, room):
    html = client.get(reverse("announcements:calendar")).content.decode()
    assert "webcal://testserver/calendar/district.ics" in html and "http://testserver/calendar/district.ics" in html
    html = client.get(reverse("announcements:room-calendar", args=[room.pk])).content.decode()
    assert f"webcal://testserver/calendar/rooms/{room.pk}.ics" in html


def test_a_moved_session_is_a_new_version_of_the_same_event(client, announcement, convener):
    session = announcement.session
    url = reverse("announcements:session-ics", args=[session.pk])
    [before] = events(client.get(url).content)
    moved_to = session.starts_at + datetime.timedelta(days=2)
    session_update(
        session=session,
        author=convener,
        data=SessionData(topic=session.topic, starts_at=moved_to, status=Session.Status.PLANNED, place="新地点"),
    )
    [after] = events(client.get(url).content)
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("dtstart") == moved_to.replace(microsecond=0) and str(after["location"]) == "新地点"
