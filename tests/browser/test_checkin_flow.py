"""Check-in by QR code in real Chromium at phone size: on the session's day an attendee opens the
check-in link, ticks a role and is told it counted (a second tap does not count twice); the
convener then opens the session form, sees the check-ins per role beside the headcounts and
uses them, keeping the number they had typed themselves."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins.models import Checkin
from deliberations.models import Attendance
from tests.browser.conftest import PHONE
from tests.factories import ConvenershipFactory, RoomFactory, SessionFactory, UserFactory

PASSWORD = "secret-pass-123"


def _check_in(browser, url, role_label):
    """One attendee's phone: open the link, tick the role, send; returns the confirmation text."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **PHONE)
    try:
        phone = context.new_page()
        phone.goto(url)
        assert phone.get_by_role("heading", name="扫码签到").is_visible()
        phone.get_by_label(role_label).check()
        phone.get_by_role("button", name="签到").click()
        confirmation = phone.locator('[data-confirmation="checkin"]')
        confirmation.wait_for()
        text = confirmation.inner_text()
        # A double tap from the same phone: told it already counted.
        phone.goto(url)
        assert phone.locator('[data-checkin-state="done"]').is_visible()
        phone.get_by_role("button", name="签到").click()
        phone.locator('[data-confirmation="checkin"]').wait_for()
        assert "不会重复计数" in phone.locator('[data-confirmation="checkin"]').inner_text()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the check-in page scrolls sideways on a phone ({width}px)"
        return text
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_attendees_check_in_and_the_convener_uses_the_counts(live_server, browser, phone_page, settings):
    settings.PORTAL_BASE_URL = live_server.url  # the QR code's link opens the test server
    room = RoomFactory(name="任港社区协商议事室")
    convener = UserFactory(username="ren-convener", full_name="任召集")
    ConvenershipFactory(user=convener, room=room)
    now = timezone.localtime()
    start = max(now - datetime.timedelta(minutes=1), now.replace(hour=0, minute=0, second=0, microsecond=0))
    session = SessionFactory(room=room, topic="老旧小区加装电梯", status="planned", starts_at=start)

    page = phone_page
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", convener.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))

    # The convener opens the session's check-in code from the workspace.
    page.get_by_role("link", name=re.compile("签到二维码")).first.click()
    page.wait_for_url(re.compile(rf"/my/sessions/{session.pk}/checkin/$"))
    assert page.locator("svg.qr-code").is_visible()
    link = page.locator("[data-checkin-link]").get_attribute("href")
    assert link.startswith(live_server.url + "/checkin/")

    # Two attendees check in on their phones.
    assert "身份：居民群众" in _check_in(browser, link, "居民群众")
    assert "身份：政协委员" in _check_in(browser, link, "政协委员")
    assert Checkin.objects.filter(session=session).count() == 2

    # The convener records the session: the counts are offered, not filled in.
    page.goto(live_server.url + reverse("workspace:session_edit", args=[session.pk]))
    suggestion = page.locator("[data-checkin-suggestion]")
    assert "扫码签到 2 人" in suggestion.inner_text()
    resident = page.locator('input[name="att-resident"]')
    expert = page.locator('input[name="att-expert"]')
    assert resident.input_value() == ""
    assert page.locator(".checkin-hint").count() == 5
    expert.fill("3")  # typed by the convener: "use these" must leave it alone
    page.get_by_role("button", name="使用签到人数").click()
    assert resident.input_value() == "1"
    assert page.locator('input[name="att-cppcc_member"]').input_value() == "1"
    assert expert.input_value() == "3"
    assert page.locator("#headcount-total").inner_text() == "5"
    assert "已填入" in page.locator("#checkin-use-status").inner_text()

    page.get_by_label("已举行").check()
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_url(re.compile(r"/my/\?room="))
    recorded = dict(Attendance.objects.filter(session=session).values_list("role", "headcount"))
    assert {role: count for role, count in recorded.items() if count} == {"resident": 1, "cppcc_member": 1, "expert": 3}
