"""The CPPCC member picker on a 375 px phone: the filter finds members by pinyin initials, the
namesakes are told apart by sector and note, the keyboard reaches and ticks them; more named
members than the headcount is refused with the typed data kept; the public record shows them."""

import re

import pytest
from django.urls import reverse

from deliberations.models import Session
from tests.factories import ConvenershipFactory, RoomFactory, SectorFactory, UserFactory

PASSWORD = "secret-pass-123"


@pytest.mark.django_db(transaction=True)
def test_convener_picks_namesakes_by_initials_and_the_headcount_is_checked(live_server, phone_page):
    page = phone_page
    room = RoomFactory(name="世伦桥社区协商议事室")
    convener = UserFactory(username="gu-convener", full_name="顾召集")
    ConvenershipFactory(user=convener, room=room)
    economy, education = SectorFactory(name="经济界"), SectorFactory(name="教育界")
    UserFactory(full_name="向磊", is_cppcc_member=True, sector=economy, member_note="区工商联副主席")
    UserFactory(full_name="向磊", is_cppcc_member=True, sector=education, member_note="崇川中学教师")
    UserFactory(full_name="周强", is_cppcc_member=True, sector=economy, member_note="律师")

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", convener.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))
    page.goto(live_server.url + f"/my/sessions/new/?room={room.pk}")
    page.fill("#id_topic", "加装电梯协商")
    page.fill("#id_att-cppcc_member", "1")
    page.fill("#id_att-resident", "20")
    page.get_by_text("参加的政协委员（选填）").click()

    # The filter by initials leaves the two 向磊, each labelled with sector and note.
    page.fill("#member-filter", "xl")
    visible = [
        label.inner_text().strip() for label in page.locator("#id_cppcc_members label").all() if label.is_visible()
    ]
    assert visible == ["向磊（经济界·区工商联副主席）", "向磊（教育界·崇川中学教师）"]
    assert "2 / 3" in page.locator("#member-filter-count").inner_text()

    # Keyboard only: Tab from the filter to the first shown member, Space ticks it; then the next.
    page.focus("#member-filter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("#id_cppcc_members input:checked").count() == 2

    # Two named, one counted: refused, with everything kept.
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert page.get_by_text("点名的政协委员有 2 位").first.is_visible()
    assert page.input_value("#id_topic") == "加装电梯协商"
    assert page.locator("#id_cppcc_members input:checked").count() == 2
    assert not Session.objects.exists()

    page.fill("#id_att-cppcc_member", "2")
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_url(re.compile(r"/my/\?room="))
    session = Session.objects.get()
    assert session.cppcc_members.count() == 2

    # The public record lists the members by sector; the search by initials finds them.
    page.goto(live_server.url + "/members/?q=xl")
    assert page.get_by_role("link", name="向磊").count() == 2
    page.get_by_role("link", name="向磊").first.click()
    page.wait_for_url(re.compile(r"/members/\d+/$"))
    assert page.get_by_role("link", name="加装电梯协商").is_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, "the profile must not scroll sideways on a phone"
