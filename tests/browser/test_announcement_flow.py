"""议题公示 and 结果公示 in real Chromium on a 375 px phone: a resident signs up for an announced
session and downloads its .ics; the session takes place, the convener records it held and
publishes the result for a 公示期; a resident comments, the convener answers, and the answer is
on the public page. (Check-in by QR code joins this flow when it lands.)"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from deliberations.models import Session
from tests.factories import ConvenershipFactory, RoomFactory, SessionFactory, UserFactory

PASSWORD = "secret-pass-123"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, page.url


@pytest.mark.django_db(transaction=True)
def test_sign_up_then_comment_on_the_result_on_a_phone(live_server, phone_page):
    page = phone_page
    room = RoomFactory(name="世伦桥社区协商议事室")
    convener = UserFactory(username="gu-convener", full_name="顾召集")
    ConvenershipFactory(user=convener, room=room)
    session = SessionFactory(
        room=room,
        topic="小区非机动车充电棚建设",
        status=Session.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="社区党群服务中心二楼",
        minutes="",
        consensus="",
    )
    Announcement.objects.create(
        session=session, agenda="介绍方案\n讨论选址", invited="小区居民、物业公司", capacity=20, waitlist_size=5
    )

    # 1. A resident finds the announcement and signs up, making a mistake first.
    page.goto(live_server.url + reverse("announcements:upcoming"))
    page.get_by_role("link", name="小区非机动车充电棚建设").click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/"))
    assert page.get_by_role("heading", name="议题公示").is_visible()
    no_sideways_scroll(page)
    page.fill("#id_name", "王阿姨")
    page.fill("#id_contact", "1391234")
    page.get_by_role("button", name="提交报名").click()
    assert "11 位手机号码或电子邮箱" in page.content()
    assert page.input_value("#id_name") == "王阿姨"  # nothing typed is lost
    page.fill("#id_contact", "13912345678")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_url(re.compile(r"/sessions/signups/"))
    assert "报名成功" in page.content()
    assert SignUp.objects.get().status == SignUp.Status.CONFIRMED
    no_sideways_scroll(page)

    # ... and adds it to the phone's calendar.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="加入手机日历（.ics）").click()
    download = download_info.value
    assert download.suggested_filename == f"session-{session.pk}.ics"
    [event] = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "小区非机动车充电棚建设" and str(event["location"]) == "社区党群服务中心二楼"

    # 2. The day comes and the session takes place (its start moves into the past).
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=2))

    # 3. The convener records it held, with its consensus, and publishes the result.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", convener.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))
    page.goto(live_server.url + reverse("workspace:session_edit", args=[session.pk]))
    page.check("#id_status_1")  # 已举行
    page.fill("#id_att-resident", "26")
    page.get_by_text("纪要与共识（选填）").click()
    page.fill("#id_consensus", "在 5 幢西侧建设充电棚,年底前投入使用。")
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_url(re.compile(r"/my/\?room="))
    page.get_by_role("link", name="结果公示").first.click()
    page.wait_for_url(re.compile(rf"/my/sessions/{session.pk}/result/"))
    assert page.input_value("#id_text") == "在 5 幢西侧建设充电棚,年底前投入使用。"
    page.get_by_role("button", name="发布公示").click()
    assert "已发布结果公示" in page.content()
    notice = ResultNotice.objects.get(session=session)
    no_sideways_scroll(page)

    # 4. A resident (logged out) sees 公示中 and comments.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("deliberations:detail", args=[session.pk]))
    assert page.locator('[data-status="running"]').is_visible()
    page.get_by_role("radio", name="异议").check()
    page.fill("#id_body", "充电棚离 3 幢窗户太近,希望再调整一下位置。")
    page.get_by_role("button", name="提交意见").click()
    assert "感谢您的意见" in page.content()
    comment = Comment.objects.get(notice=notice)
    assert comment.status == Comment.Status.PENDING and comment.kind == "objection"

    # 5. The convener answers; the answer and the comment show on the public page.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", convener.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))
    page.goto(live_server.url + reverse("workspace:result", args=[session.pk]))
    page.fill(f"#answer-{comment.pk}", "已与设计单位商定,充电棚向西移 5 米。")
    page.get_by_role("button", name="发布答复").click()
    assert "已发布答复" in page.content()
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("deliberations:detail", args=[session.pk]))
    html = page.content()
    assert "充电棚离 3 幢窗户太近" in html and "充电棚向西移 5 米" in html
    assert "13912345678" not in html and "王阿姨" not in html
    no_sideways_scroll(page)
