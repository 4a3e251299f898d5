"""The convener's pages: announce, the sign-up list and its export, messages, cancelling,
publishing the result and moderating and answering comments."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from announcements.services import comment_submit, signup_submit
from notifications.models import Delivery
from tests.xlsx import table_rows

pytestmark = pytest.mark.django_db


def test_announce_a_planned_session(client, convener, planned):
    client.force_login(convener)
    url = reverse("workspace:announcement", args=[planned.pk])
    assert "发布公示" in client.get(url).content.decode()
    deadline = timezone.localtime(planned.starts_at - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {"invited": "居民", "agenda": "一\n二", "capacity": "20", "waitlist_size": "5", "signup_deadline": deadline},
        follow=True,
    )
    assert "已公示议事活动" in response.content.decode()
    announcement = Announcement.objects.get(session=planned)
    assert announcement.capacity == 20 and announcement.created_by == convener


def test_bad_announcement_keeps_what_was_typed(client, convener, planned):
    client.force_login(convener)
    late = timezone.localtime(planned.starts_at + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("workspace:announcement", args=[planned.pk]),
        {"invited": "小区居民", "agenda": "", "capacity": "-1", "waitlist_size": "5", "signup_deadline": late},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "名额不能小于 0" in html and "小区居民" in html


def test_deadline_after_start_is_refused_on_its_field(client, convener, planned):
    client.force_login(convener)
    late = timezone.localtime(planned.starts_at + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("workspace:announcement", args=[planned.pk]),
        {"invited": "小区居民", "capacity": "5", "waitlist_size": "5", "signup_deadline": late},
    )
    assert response.status_code == 200 and "报名截止时间不能晚于活动开始时间" in response.content.decode()


def test_signup_list_export_and_message(client, convener, announcement):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    signup_submit(announcement=announcement, name="=HYPERLINK()", contact="li@example.com")
    client.force_login(convener)
    html = client.get(reverse("workspace:announcement", args=[announcement.session.pk])).content.decode()
    assert "王阿姨" in html and "13912345678" in html
    response = client.get(reverse("workspace:signups_export", args=[announcement.session.pk]))
    disposition = response["Content-Disposition"]
    assert "王阿姨" not in disposition and "13912345678" not in disposition and "小区停车" not in disposition
    rows = table_rows(load_workbook(io.BytesIO(response.content)).active)
    flat = [str(cell) for row in rows for cell in row]
    assert "王阿姨" in flat and "'=HYPERLINK()" in flat
    response = client.post(
        reverse("workspace:signups_message", args=[announcement.session.pk]),
        {"subject": "明日提醒", "body": "请带上身份证", "include_waitlisted": "on"},
        follow=True,
    )
    assert "已向 2 位报名居民发送消息" in response.content.decode()
    assert Delivery.objects.filter(subject="明日提醒").count() == 2


def test_cancel_the_session(client, convener, announcement):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    client.force_login(convener)
    response = client.post(
        reverse("workspace:announcement_cancel", args=[announcement.session.pk]), {"reason": "台风"}, follow=True
    )
    assert "已取消议事活动" in response.content.decode()
    announcement.refresh_from_db()
    assert announcement.is_cancelled and Delivery.objects.filter(subject="议事活动取消通知").count() == 1


def test_publish_the_result_and_moderate(client, convener, held):
    client.force_login(convener)
    url = reverse("workspace:result", args=[held.pk])
    assert held.consensus in client.get(url).content.decode()
    response = client.post(url, {"text": held.consensus, "working_days": "5"}, follow=True)
    assert "已发布结果公示" in response.content.decode()
    notice = ResultNotice.objects.get(session=held)
    comment = comment_submit(notice=notice, body="建议先试点", contact="13900000000")
    html = client.get(url).content.decode()
    assert "建议先试点" in html and "13900000000" in html  # the convener sees the contact
    client.post(reverse("workspace:comment", args=[comment.pk]), {"action": "approve"})
    client.post(reverse("workspace:comment", args=[comment.pk]), {"action": "answer", "answer": "采纳,先在 3 幢试点。"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.answer.startswith("采纳")
    public = client.get(held.get_absolute_url()).content.decode()
    assert "采纳,先在 3 幢试点" in public and "13900000000" not in public


@pytest.mark.parametrize(("days", "message"), [("0", "1 到 30"), ("x", "整数"), ("", "请填写公示期")])
def test_bad_period_keeps_the_text(client, convener, held, days, message):
    client.force_login(convener)
    response = client.post(
        reverse("workspace:result", args=[held.pk]), {"text": "补充说明的公示内容", "working_days": days}
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "补充说明的公示内容" in html


def test_a_planned_session_has_no_result_form(client, convener, planned):
    client.force_login(convener)
    html = client.get(reverse("workspace:result", args=[planned.pk])).content.decode()
    assert "举行后才能进行结果公示" in html


def test_participation_list(client, convener, announcement, notice):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    comment_submit(notice=notice, body="意见")
    client.force_login(convener)
    html = client.get(reverse("workspace:announcements")).content.decode()
    assert "已报名 1/2，候补 0" in html and "1 条意见待审核" in html


def test_unknown_comment_action_is_400(client, convener, notice):
    comment = comment_submit(notice=notice, body="意见")
    client.force_login(convener)
    assert client.post(reverse("workspace:comment", args=[comment.pk]), {"action": "delete"}).status_code == 400
    assert SignUp.objects.count() == 0
