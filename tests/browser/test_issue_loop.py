"""One issue round the whole loop in real Chromium on 375 px phones, with the background worker
run by the test where mail should go out: a convener logs a session with a new issue, which is
routed to its category's department; a resident follows it by e-mail (double opt-in); the
department's liaison signs for it, posts progress and reports it done; the convener confirms;
the resident hears of each status change and rates it 不满意; the 回访 reopens it and the
department is told; the resident unsubscribes with one click."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from issues.models import FollowUpVisit, Issue, IssueFollower
from tests.browser.conftest import PHONE
from tests.factories import (
    ConvenershipFactory,
    DepartmentFactory,
    IssueCategoryFactory,
    LiaisonFactory,
    RoomFactory,
    UserFactory,
)

PASSWORD = "secret-pass-123"
RESIDENT = "resident@example.cn"
TITLE = "小区东门路灯不亮"
SHOTS = "/tmp/issue-loop-{}.png"


def run_worker():
    """Run the queued tasks as the production worker would, and check that none failed. The
    worker closes "old" connections between tasks; in a test that would close the test's own."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    failed = DBTaskResult.objects.exclude(status="SUCCESSFUL")
    assert not failed.exists(), [(r.task_path, r.status, r.traceback) for r in failed]


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def link_in(message, part):
    return re.search(rf"https?://\S+/{part}/", message.body).group(0)


def new_phone(browser):
    """Another person's phone: a fresh browser context (own cookies) that records page errors."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **PHONE)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return context, page


def log_in(page, base, username, landing):
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(landing))


@pytest.mark.django_db(transaction=True)
def test_an_issue_goes_round_the_loop_from_session_to_follow_up(live_server, phone_page, browser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_BASE_URL = live_server.url  # the links in the mails open the test server
    base = live_server.url
    room = RoomFactory(name="世伦桥社区协商议事室")
    convener = UserFactory(username="gu-convener", full_name="顾召集")
    ConvenershipFactory(user=convener, room=room)
    department = DepartmentFactory(name="区城管局")
    liaison = LiaisonFactory(
        department=department, user=UserFactory(username="dept-liaison", full_name="钱联络", email="qian@example.cn")
    ).user
    category = IssueCategoryFactory(name="市政设施", default_department=department, deadline_days=20)
    convener_page = phone_page
    resident_context, resident = new_phone(browser)
    liaison_context, liaison_page = new_phone(browser)

    # 1. The convener logs a held session with a new issue, through the real session form.
    log_in(convener_page, base, convener.username, r"/my/$")
    convener_page.get_by_role("link", name="记录议事活动").first.click()
    convener_page.wait_for_url(re.compile(r"/my/sessions/new/"))
    convener_page.fill("#id_topic", "小区夜间照明")
    convener_page.check("#id_status_1")  # 已举行
    convener_page.get_by_text("结束时间、地点、议事月（选填）").click()  # optional parts are folded
    convener_page.fill("#id_place", "世伦桥社区议事厅")
    convener_page.fill("#id_att-resident", "12")
    convener_page.get_by_text("纪要与共识（选填）").click()
    convener_page.fill("#id_minutes", "居民反映东门路灯坏了两个月。")
    convener_page.get_by_text("本次提出的民生问题（选填）").click()
    convener_page.fill("#id_issues-0-title", TITLE)
    convener_page.select_option("#id_issues-0-category", str(category.pk))
    convener_page.get_by_role("button", name="保存议事活动").click()
    convener_page.wait_for_url(re.compile(r"/my/\?room="))
    assert "已保存议事活动" in convener_page.content()
    run_worker()  # the department's liaisons are told

    # 2. The issue went to the category's department, 待签收, due after the category's deadline.
    issue = Issue.objects.get(title=TITLE)
    reported_on = issue.reported_on
    assert reported_on == timezone.localdate()
    assert (issue.department, issue.handling) == (department, Issue.Handling.ASSIGNED)
    assert issue.due_on == reported_on + datetime.timedelta(days=20) and not issue.due_on_set_by_hand
    convener_page.goto(base + reverse("workspace:issue", args=[issue.pk]))
    assert "区城管局" in convener_page.inner_text('[data-fact="department"]')
    assert "按问题类别默认交办" in convener_page.inner_text('[data-fact="department"]')
    assert convener_page.inner_text('[data-fact="handling"]') == "待签收"
    assert convener_page.inner_text('[data-fact="due_on"]').startswith(f"{issue.due_on.year}年")
    convener_page.screenshot(path=SHOTS.format("1-routed"), full_page=True)

    # 3. A resident follows the issue by e-mail; the worker sends the confirmation; the link
    # in it shows a button, which confirms.
    public_url = base + issue.get_absolute_url()
    resident.goto(public_url)
    assert resident.inner_text('[data-loop="handling"]') == "承办进度\n待承办单位签收"
    resident.fill("#follow_email", RESIDENT)
    resident.locator("#follow").get_by_role("button", name="关注").click()
    resident.wait_for_url(re.compile(r"#follow$"))
    assert "确认邮件已发送到您的邮箱" in resident.content()
    assert not mails_to(RESIDENT), "nothing is sent before the worker runs"
    run_worker()
    (confirmation,) = mails_to(RESIDENT)
    resident.goto(link_in(confirmation, "confirm"))
    assert not IssueFollower.objects.get().confirmed_at, "opening the link changes nothing"
    resident.get_by_role("button", name="确认关注").click()
    resident.wait_for_load_state()
    assert IssueFollower.objects.get(email=RESIDENT).confirmed_at

    # 4. The liaison lands on the department desk, signs for the issue, posts progress and
    # reports it done; the inbox holds the assignment.
    log_in(liaison_page, base, liaison.username, r"/dept/$")
    liaison_page.get_by_role("link", name=TITLE).first.click()
    liaison_page.wait_for_url(re.compile(rf"/dept/issues/{issue.pk}/$"))
    liaison_page.locator("#step-accept").get_by_role("button", name="签收").click()
    liaison_page.wait_for_url(re.compile(rf"/dept/issues/{issue.pk}/$"))
    assert "已签收，问题进入办理中。" in liaison_page.content()
    run_worker()  # the resident hears of 办理中
    liaison_page.fill("#id_progress-note", "已派维修班组更换东门两盏路灯的灯头。")
    liaison_page.locator("#step-progress").get_by_role("button", name="发布进展").click()
    liaison_page.wait_for_url(re.compile(rf"/dept/issues/{issue.pk}/$"))
    assert "办理进展已以本单位名义发布到公开页面。" in liaison_page.content()
    liaison_page.locator("#step-done summary").click()
    liaison_page.fill("#id_done-resolution", "东门两盏路灯已修复，夜间照明恢复。")
    liaison_page.locator("#step-done").get_by_role("button", name="报告办结").click()
    liaison_page.wait_for_url(re.compile(rf"/dept/issues/{issue.pk}/$"))
    assert "已报告办结，等待召集人确认。" in liaison_page.content()
    liaison_page.screenshot(path=SHOTS.format("2-reported"), full_page=True)
    issue.refresh_from_db()
    assert (issue.status, issue.handling) == (Issue.Status.IN_PROGRESS, Issue.Handling.DONE_REPORTED)
    liaison_page.goto(base + reverse("notifications:inbox"))
    assert liaison_page.get_by_role("link", name=f"新交办问题：{TITLE}").is_visible()

    # 5. The convener confirms; the public page shows 已解决 and the department, never the person.
    run_worker()  # the conveners are told of the report
    convener_page.goto(base + reverse("workspace:issue", args=[issue.pk]))
    assert "东门两盏路灯已修复" in convener_page.inner_text('[data-fact="resolution"]')
    convener_page.locator("#confirm").get_by_role("button", name="确认办结").click()
    convener_page.wait_for_url(re.compile(rf"/my/issues/{issue.pk}/$"))
    assert "已确认办结，问题标记为已解决。" in convener_page.content()
    resident.goto(public_url)
    assert resident.get_attribute("[data-status]", "data-status") == "resolved"
    assert resident.inner_text("[data-status]") == "已解决"
    timeline = resident.inner_text("#timeline")
    assert "区城管局" in timeline and "已派维修班组更换东门两盏路灯的灯头。" in timeline
    page_text = resident.content()
    assert "钱联络" not in page_text and "qian@example.cn" not in page_text and liaison.phone not in page_text
    resident.screenshot(path=SHOTS.format("3-resolved"), full_page=True)

    # 6. The resident got a mail when it went 办理中 and when it was resolved, each with a link
    # to unsubscribe in one click.
    run_worker()
    updates = mails_to(RESIDENT)[1:]
    assert [m.subject for m in updates] == [
        f"您关注的问题有新进展：{TITLE}（办理中）",
        f"您关注的问题有新进展：{TITLE}（已解决）",
    ]
    assert all("/unsubscribe/" in m.body for m in updates)
    assert "东门两盏路灯已修复，夜间照明恢复。" in updates[1].body

    # 7. A resident rates it 不满意: it is on the convener's 回访 list.
    resident.locator("#feedback").get_by_label("不满意").check()
    resident.fill("#id_note", "西门的路灯也不亮。")
    resident.get_by_role("button", name="提交评价").click()
    resident.wait_for_url(re.compile(r"#feedback$"))
    assert "感谢您的评价" in resident.content()
    run_worker()
    convener_page.goto(base + reverse("workspace:home"))
    visits = convener_page.locator('[data-list="pending_visits"]')
    assert visits.get_by_role("link", name=TITLE).is_visible()

    # 8. The 回访 reopens the issue: 办理中 again on the public page; the department is told.
    visits.get_by_role("link", name=TITLE).click()
    convener_page.wait_for_url(re.compile(rf"/my/issues/{issue.pk}/#visit-\d+$"))
    visit = FollowUpVisit.objects.get(issue=issue)
    form = convener_page.locator(f"#visit-{visit.pk}")
    form.locator('input[value="reopened"]').check()
    form.get_by_label("回访情况").fill("居民反映西门路灯也坏了，需一并修复。")
    form.get_by_role("button", name="记录回访").click()
    # The redirect keeps the form's #visit-N (a Location without a fragment inherits it).
    convener_page.wait_for_selector(".message-success")
    assert "已记录回访，问题重新办理，已通知承办单位。" in convener_page.content()
    convener_page.screenshot(path=SHOTS.format("4-reopened"), full_page=True)
    issue.refresh_from_db()
    assert (issue.status, issue.handling) == (Issue.Status.IN_PROGRESS, Issue.Handling.ASSIGNED)
    resident.goto(public_url)
    assert resident.inner_text("[data-status]") == "办理中"
    assert resident.inner_text('[data-follow-up="reopened"]').startswith("回访：重新办理")
    run_worker()
    liaison_page.goto(base + reverse("notifications:inbox"))
    assert liaison_page.get_by_role("link", name=f"回访后重新办理：{TITLE}").is_visible()
    liaison_page.screenshot(path=SHOTS.format("5-inbox"), full_page=True)

    # The reopening reached the resident too; one click on its link and no more mail.
    reopened = mails_to(RESIDENT)[-1]
    assert reopened.subject == f"您关注的问题有新进展：{TITLE}（办理中）"
    resident.goto(link_in(reopened, "unsubscribe"))
    resident.get_by_role("button", name="一键退订").click()
    resident.wait_for_load_state()
    assert not IssueFollower.objects.filter(email=RESIDENT).exists()

    errors = resident.console_errors + liaison_page.console_errors
    resident_context.close()
    liaison_context.close()
    assert not errors, errors
