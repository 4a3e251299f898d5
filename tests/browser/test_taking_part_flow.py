"""Taking part, end to end, in real Chromium on a 375 px phone, on the day of a session:

1. a resident signs up for the announced session (议题公示) and adds it to the phone's calendar;
2. at the session they check in by the QR code's link, as does a CPPCC member;
3. the convener records the session held, taking the headcounts the check-ins suggest;
4. the convener publishes the result for its 公示期 (结果公示);
5. a resident comments, the convener answers, and both are on the public page, with no name or
   contact of anyone who signed up, checked in or commented."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from checkins.models import Checkin
from deliberations.models import Attendance, Session
from tests.browser.conftest import PHONE
from tests.factories import ConvenershipFactory, RoomFactory, SessionFactory, UserFactory

PASSWORD = "secret-pass-123"


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} scrolls sideways on a phone ({width}px)"


def log_in(page, base, user):
    page.goto(base + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))


def check_in(browser, url, role_label):
    """An attendee's own phone: open the link from the QR code, tick the role, send."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **PHONE)
    try:
        phone = context.new_page()
        phone.goto(url)
        phone.get_by_label(role_label).check()
        phone.get_by_role("button", name="签到").click()
        confirmation = phone.locator('[data-confirmation="checkin"]')
        confirmation.wait_for()
        no_sideways_scroll(phone)
        return confirmation.inner_text()
    finally:
        context.close()


def later_today(minutes):
    """A moment `minutes` from now, but still today in Beijing (check-in opens on the day only)."""
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=0, microsecond=0)
    return min(now + datetime.timedelta(minutes=minutes), end_of_day)


@pytest.mark.django_db(transaction=True)
def test_sign_up_check_in_record_publish_and_answer_on_a_phone(live_server, browser, phone_page, settings):
    settings.PORTAL_BASE_URL = live_server.url  # the QR code's link opens the test server
    page = phone_page
    room = RoomFactory(name="和平桥社区协商议事室")
    convener = UserFactory(username="he-convener", full_name="何召集")
    ConvenershipFactory(user=convener, room=room)
    session = SessionFactory(
        room=room,
        topic="老旧小区加装电梯费用分摊",
        status=Session.Status.PLANNED,
        starts_at=later_today(30),
        place="和平桥社区党群服务中心",
        minutes="",
        consensus="",
    )
    Announcement.objects.create(session=session, agenda="介绍方案\n分摊比例讨论", invited="3 幢居民", capacity=10)

    # 1. A resident signs up for the announced session and downloads its .ics.
    page.goto(live_server.url + reverse("announcements:upcoming"))
    page.get_by_role("link", name="老旧小区加装电梯费用分摊").click()
    page.wait_for_url(re.compile(rf"/sessions/{session.pk}/"))
    page.fill("#id_name", "陈阿姨")
    page.fill("#id_contact", "13800001111")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_url(re.compile(r"/sessions/signups/"))
    assert "报名成功" in page.content()
    assert SignUp.objects.get(announcement__session=session).status == SignUp.Status.CONFIRMED
    with page.expect_download() as download_info:
        page.get_by_role("link", name="加入手机日历（.ics）").click()
    [event] = Calendar.from_ical(Path(download_info.value.path()).read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "老旧小区加装电梯费用分摊"
    no_sideways_scroll(page)

    # 2. On the day, the convener shows the check-in code; two attendees check in by its link.
    log_in(page, live_server.url, convener)
    page.goto(live_server.url + reverse("workspace:session_checkin", args=[session.pk]))
    assert page.locator("svg.qr-code").is_visible()
    link = page.locator("[data-checkin-link]").get_attribute("href")
    assert "身份：居民群众" in check_in(browser, link, "居民群众")
    assert "身份：政协委员" in check_in(browser, link, "政协委员")
    assert Checkin.objects.filter(session=session).count() == 2

    # 3. The session has taken place; the convener records it with the suggested counts.
    Session.objects.filter(pk=session.pk).update(
        starts_at=max(timezone.now() - datetime.timedelta(minutes=1), timezone.localtime().replace(hour=0, minute=0))
    )
    page.goto(live_server.url + reverse("workspace:session_edit", args=[session.pk]))
    assert "扫码签到 2 人" in page.locator("[data-checkin-suggestion]").inner_text()
    page.get_by_role("button", name="使用签到人数").click()
    assert page.locator('input[name="att-resident"]').input_value() == "1"
    page.fill('input[name="att-resident"]', "14")  # more came than scanned: the convener's count wins
    page.get_by_label("已举行").check()
    page.get_by_text("纪要与共识（选填）").click()
    page.fill("#id_consensus", "按楼层分摊费用，一楼住户不承担。")
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_url(re.compile(r"/my/\?room="))
    recorded = dict(Attendance.objects.filter(session=session).values_list("role", "headcount"))
    assert recorded["resident"] == 14 and recorded["cppcc_member"] == 1

    # 4. The convener publishes the result for its 公示期.
    page.goto(live_server.url + reverse("workspace:result", args=[session.pk]))
    assert page.input_value("#id_text") == "按楼层分摊费用，一楼住户不承担。"
    page.get_by_role("button", name="发布公示").click()
    assert "已发布结果公示" in page.content()
    notice = ResultNotice.objects.get(session=session)

    # 5. A resident comments; the convener answers; both are on the public page.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("deliberations:detail", args=[session.pk]))
    assert page.locator('[data-status="running"]').is_visible()
    page.get_by_role("radio", name="异议").check()
    page.fill("#id_body", "二楼也很少用电梯，希望二楼少分摊一些。")
    page.get_by_role("button", name="提交意见").click()
    assert "感谢您的意见" in page.content()
    comment = Comment.objects.get(notice=notice)
    log_in(page, live_server.url, convener)
    page.goto(live_server.url + reverse("workspace:result", args=[session.pk]))
    page.fill(f"#answer-{comment.pk}", "已请设计单位重新测算，二楼比例下调。")
    page.get_by_role("button", name="发布答复").click()
    assert "已发布答复" in page.content()

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("deliberations:detail", args=[session.pk]))
    html = page.content()
    assert "二楼也很少用电梯" in html and "二楼比例下调" in html
    assert "陈阿姨" not in html and "13800001111" not in html
    no_sideways_scroll(page)
