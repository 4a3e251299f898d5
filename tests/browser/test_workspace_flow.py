"""The convener's whole flow in real Chromium on a 375 px phone: log in, log a held session
with attendance, a photo and two new issues (surviving a reload through the local draft), see
it on the public session page and in the home-page totals, resolve one issue, and see the
update on the public timeline."""

import io
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from deliberations.models import Session
from issues.models import Issue
from tests.factories import (
    AttendanceFactory,
    ConvenershipFactory,
    DepartmentFactory,
    IssueCategoryFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
)

PASSWORD = "secret-pass-123"


def figure(page, name):
    text = page.locator(f'[data-figure="{name}"]').first.inner_text()
    return int(re.sub(r"[^\d]", "", text))


def serve_media(page):
    """Media files are served by the web server in production; here the test serves them."""

    def handle(route):
        relative = unquote(route.request.url.split(settings.MEDIA_URL, 1)[1].split("?", 1)[0])
        path = Path(settings.MEDIA_ROOT) / relative
        if path.is_file():
            route.fulfill(path=str(path), content_type=mimetypes.guess_type(path.name)[0] or "image/jpeg")
        else:
            route.fulfill(status=404, body="")

    page.route(f"**{settings.MEDIA_URL}**", handle)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "#a31519").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_convener_logs_a_session_and_resolves_an_issue_on_a_phone(live_server, phone_page):
    page = phone_page
    serve_media(page)
    room = RoomFactory(name="世伦桥社区协商议事室")
    convener = UserFactory(username="gu-convener", full_name="顾召集")
    ConvenershipFactory(user=convener, room=room)
    category = IssueCategoryFactory(name="环境卫生")
    city_management = DepartmentFactory(name="区城管局")
    IssueCategoryFactory(name="停车管理")
    AttendanceFactory(session=SessionFactory(room=room), headcount=17)  # earlier activity on the home page

    page.goto(live_server.url + "/")
    sessions_before = figure(page, "sessions_held")
    people_before = figure(page, "person_times")

    # 1. Log in.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", convener.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/my/$"))
    assert page.get_by_role("heading", name="世伦桥社区协商议事室").is_visible()

    # 2. Log a held session.
    page.get_by_role("link", name="记录议事活动").first.click()
    page.wait_for_url(re.compile(r"/my/sessions/new/"))
    page.fill("#id_topic", "菜场周边环境整治")
    page.check("#id_status_1")  # 已举行
    page.get_by_text("结束时间、地点、议事月（选填）").click()  # optional parts are folded
    page.fill("#id_place", "世伦桥社区议事厅")
    page.fill("#id_att-cppcc_member", "3")
    page.fill("#id_att-resident", "25")
    page.fill("#id_att-department", "2")
    assert page.locator("#headcount-total").inner_text() == "30"
    page.get_by_text("纪要与共识（选填）").click()
    page.fill("#id_minutes", "居民代表、城管和市场方共同协商。")
    page.fill("#id_consensus", "设置疏导区，每日清运两次。")
    page.get_by_text("本次提出的民生问题（选填）").click()
    page.fill("#id_issues-0-title", "菜场门口占道经营")
    page.select_option("#id_issues-0-category", str(category.pk))
    page.get_by_role("button", name="+ 添加一个问题").click()
    page.fill("#id_issues-1-title", "垃圾清运不及时")
    page.select_option("#id_issues-1-category", str(category.pk))
    page.select_option("#id_issues-1-department", label="区城管局")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the form scrolls sideways on a phone"

    # The connection drops; after a reload the local draft is offered and restored.
    page.wait_for_timeout(500)
    page.reload()
    assert page.locator("#draft-offer").is_visible()
    page.get_by_role("button", name="恢复草稿").click()
    assert page.input_value("#id_topic") == "菜场周边环境整治"
    assert page.input_value("#id_issues-1-title") == "垃圾清运不及时"
    assert page.input_value("#id_issues-1-department") == str(city_management.pk)
    assert page.locator("#headcount-total").inner_text() == "30"

    page.set_input_files(
        "#id_photos-0-image", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.fill("#id_photos-0-caption", "议事现场")
    page.fill("#id_photos-0-alt_text", "居民和部门代表围坐在议事厅讨论")
    page.get_by_role("button", name="保存议事活动").click()
    page.wait_for_url(re.compile(r"/my/\?room="))
    assert "已保存议事活动" in page.content()
    assert page.evaluate("localStorage.length") == 0, "the draft is cleared after a successful save"

    session = Session.objects.get(topic="菜场周边环境整治")
    assert session.photos.count() == 1
    assert sorted(session.issues_raised.values_list("title", flat=True)) == ["垃圾清运不及时", "菜场门口占道经营"]

    # 3. The public session page and the home-page totals.
    page.goto(live_server.url + reverse("deliberations:detail", args=[session.pk]))
    assert "菜场周边环境整治" in page.content()
    page.goto(live_server.url + "/")
    assert figure(page, "sessions_held") == sessions_before + 1
    assert figure(page, "person_times") == people_before + 30

    # 4. Post an update that resolves one issue.
    issue = Issue.objects.get(title="菜场门口占道经营")
    page.goto(live_server.url + "/my/")
    page.get_by_role("link", name="菜场门口占道经营").click()
    page.wait_for_url(re.compile(rf"/my/issues/{issue.pk}/$"))
    page.fill("#id_note", "城管与市场方划定疏导区，占道摊位已全部入场经营。")
    page.select_option("#id_status_to", "resolved")
    page.fill("#id_resolution", "划定疏导区，占道问题解决。")
    page.get_by_role("button", name="发布进展").click()
    page.wait_for_url(re.compile(rf"/my/issues/{issue.pk}/$"))
    assert "进展已发布" in page.content()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.RESOLVED

    # 5. The public timeline shows it.
    page.goto(live_server.url + reverse("issues:detail", args=[issue.pk]))
    assert "城管与市场方划定疏导区，占道摊位已全部入场经营。" in page.content()
