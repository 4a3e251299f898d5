"""The department workspace pages: the desk at /dept/ and an issue's page with its steps.

Every step goes through issues/handling.py; an issue of another department answers 404; a stale
form answers 409 and keeps the text; a step no longer open answers 403 with the reason; bad
input answers 400 next to the field, text kept. Query counts are pinned at 1x and 10x. The
liaison's name and phone never reach the public issue page or the API."""

import datetime
import re

import pytest
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from departments.models import Department, Liaison
from issues import handling
from issues.models import ExtensionRequest, Issue, IssueUpdate
from notifications.models import Notification
from tests.factories import IssueFactory, SessionFactory

from .conftest import LIAISON_NAME, LIAISON_PHONE, assigned_issue

pytestmark = pytest.mark.django_db

Handling = Issue.Handling
TODAY = timezone.localdate


def url(issue):
    return f"/dept/issues/{issue.pk}/"


def post(client, issue, step, **fields):
    data = {"step": step, f"{step}-expected_version": issue.version}
    data.update({f"{step}-{name}": value for name, value in fields.items()})
    return client.post(url(issue), data)


def forms_on(html):
    """The steps whose form (with a submit button) the page offers."""
    return re.findall(r'<details class="card step" id="step-(\w+)"', html)


# ---- /dept/ -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, issue):
    for path in ("/dept/", url(issue)):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["resident", "convener", "staff", "superuser"])
def test_who_is_not_a_liaison_gets_404(client, users_by_role, issue, role):
    client.force_login(users_by_role[role])
    assert client.get("/dept/").status_code == 404
    assert client.get(url(issue)).status_code == 404


def test_desk_shows_the_department_and_its_issues_by_state_overdue_first(
    client, liaison, department, other_department, room
):
    late = assigned_issue(room, department, due_in=-3, title="逾期三天的问题")
    soon = assigned_issue(room, department, due_in=2, title="两天后到期的问题")
    latest = assigned_issue(room, department, due_in=None, title="未设定期限的问题")
    in_hand = assigned_issue(room, department, handling=Handling.ACCEPTED, due_in=-12, title="办理中逾期")
    waiting = assigned_issue(room, department, handling=Handling.ACCEPTED, title="申请延期的问题")
    ExtensionRequest.objects.create(
        issue=waiting, department=department, requested_due_on=TODAY() + datetime.timedelta(days=60), reason="工程量大"
    )
    reported = assigned_issue(room, department, handling=Handling.DONE_REPORTED, title="已报办结的问题")
    confirmed = assigned_issue(
        room,
        department,
        handling=Handling.CONFIRMED,
        status=Issue.Status.RESOLVED,
        resolved_on=TODAY(),
        resolution="已修复",
        title="已确认办结的问题",
    )
    returned = assigned_issue(room, department, handling=Handling.RETURNED, title="已退回的问题")
    foreign = assigned_issue(room, other_department, title="别的单位的问题")
    client.force_login(liaison)
    response = client.get("/dept/")
    html = response.content.decode()
    assert response.status_code == 200
    assert department.name in html and department.office_phone in html
    sections = {
        key: html.split(f'id="group-{key}"')[1].split("</section>")[0]
        for key in ("assigned", "accepted", "extension", "done_reported")
    }
    assert (
        sections["assigned"].index(late.title)
        < sections["assigned"].index(soon.title)
        < sections["assigned"].index(latest.title)
    )
    assert "逾期 3 天" in sections["assigned"]
    assert in_hand.title in sections["accepted"] and "逾期 12 天" in sections["accepted"]
    assert waiting.title in sections["extension"] and waiting.title not in sections["accepted"]
    assert reported.title in sections["done_reported"]
    assert confirmed.title in html.split('id="confirmed-title"')[1]
    assert returned.title not in html and foreign.title not in html
    assert 'data-figure="overdue">2<' in html
    assert room.name in sections["assigned"] and late.category.name in sections["assigned"]


def test_desk_of_a_department_with_no_issues(client, liaison):
    client.force_login(liaison)
    html = client.get("/dept/").content.decode()
    assert html.count("暂无。") == 5


# ---- the issue page -----------------------------------------------------------------------


def test_issue_of_another_department_answers_404(client, other_liaison, issue):
    client.force_login(other_liaison)
    assert client.get(url(issue)).status_code == 404
    response = post(client, issue, "accept")
    assert response.status_code == 404
    issue.refresh_from_db()
    assert issue.handling == Handling.ASSIGNED and issue.version == 1


def test_missing_issue_answers_404(client, liaison):
    client.force_login(liaison)
    assert client.get("/dept/issues/999999/").status_code == 404


def test_page_shows_the_issue_and_before_acceptance_offers_accept_or_return(client, liaison, issue):
    client.force_login(liaison)
    html = client.get(url(issue)).content.decode()
    assert issue.title in html and issue.description in html and issue.room.name in html
    assert issue.category.name in html and "待签收" in html
    assert issue.due_on.strftime("%Y") in html
    assert forms_on(html) == ["accept", "return"]
    assert f'name="accept-expected_version" value="{issue.version}"' in html


def test_after_acceptance_offers_progress_extension_done(client, liaison, accepted_issue):
    client.force_login(liaison)
    html = client.get(url(accepted_issue)).content.decode()
    assert forms_on(html) == ["progress", "extension", "done"]
    assert 'data-handling="accepted">已签收</span>' in html


@pytest.mark.parametrize("handling_state", [Handling.RETURNED, Handling.DONE_REPORTED])
def test_no_step_once_the_issue_has_left_the_department(client, liaison, room, department, handling_state):
    issue = assigned_issue(room, department, handling=handling_state)
    client.force_login(liaison)
    response = client.get(url(issue))
    assert response.status_code == 200 and forms_on(response.content.decode()) == []


def follow_message(client, response, issue, text):
    """The redirect leads back to the page (no anchor), with the success message above the title."""
    assert response.status_code == 302 and response.url == url(issue)
    html = client.get(response.url).content.decode()
    assert text in html and html.index(text) < html.index("<h1>")
    return html


def test_accept(client, liaison, issue, department):
    client.force_login(liaison)
    response = post(client, issue, "accept", note="")
    html = follow_message(client, response, issue, "已签收，问题进入办理中。")
    issue.refresh_from_db()
    assert issue.handling == Handling.ACCEPTED and issue.status == Issue.Status.IN_PROGRESS and issue.version == 2
    entry = IssueUpdate.objects.get(issue=issue, kind=IssueUpdate.Kind.ACCEPT)
    assert entry.department == department and entry.author == liaison
    assert forms_on(html) == ["progress", "extension", "done"]


def test_return_needs_a_reason_and_keeps_what_was_typed(client, liaison, issue):
    client.force_login(liaison)
    response = post(client, issue, "return", reason="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "请说明退回的理由" in html
    issue.refresh_from_db()
    assert issue.handling == Handling.ASSIGNED and issue.version == 1
    response = post(client, issue, "return", reason="不属于本单位职责，建议交区城管局办理。")
    follow_message(client, response, issue, "已退回")
    issue.refresh_from_db()
    assert issue.handling == Handling.RETURNED
    assert "不属于本单位职责" in IssueUpdate.objects.get(issue=issue, kind="return").note


def test_progress(client, liaison, accepted_issue, department):
    client.force_login(liaison)
    response = post(client, accepted_issue, "progress", note="已完成现场勘察，下周施工。")
    follow_message(client, response, accepted_issue, "办理进展已以本单位名义发布到公开页面。")
    entry = IssueUpdate.objects.get(issue=accepted_issue)
    assert entry.note == "已完成现场勘察，下周施工。" and entry.department == department


def test_progress_needs_text_and_the_error_sits_next_to_the_field(client, liaison, accepted_issue):
    client.force_login(liaison)
    response = post(client, accepted_issue, "progress", note="")
    html = response.content.decode()
    assert response.status_code == 400
    field = html.split('data-field="progress-note"')[1].split("</div>")[0]
    assert "请填写办理进展。" in field
    assert '<details class="card step" id="step-progress" open>' in html
    assert not IssueUpdate.objects.exists()


def test_extension_request(client, liaison, accepted_issue):
    client.force_login(liaison)
    wanted = accepted_issue.due_on + datetime.timedelta(days=30)
    response = post(client, accepted_issue, "extension", requested_due_on=wanted.isoformat(), reason="需协调管线迁改")
    html = follow_message(client, response, accepted_issue, "延期申请已提交")
    extension = ExtensionRequest.objects.get(issue=accepted_issue)
    assert extension.status == "pending" and extension.requested_due_on == wanted and extension.requested_by == liaison
    assert "data-pending-extension" in html and forms_on(html) == ["progress", "done"]
    # the desk now lists it under 延期审批中
    desk = client.get("/dept/").content.decode()
    assert accepted_issue.title in desk.split('id="group-extension"')[1].split("</section>")[0]


def test_extension_date_must_be_later_and_typed_text_stays(client, liaison, accepted_issue):
    client.force_login(liaison)
    response = post(client, accepted_issue, "extension", requested_due_on=TODAY().isoformat(), reason="需协调管线迁改")
    html = response.content.decode()
    assert response.status_code == 400
    assert "延期日期必须晚于现在的办理期限和今天。" in html.split('data-field="extension-requested_due_on"')[1]
    assert "需协调管线迁改" in html
    assert not ExtensionRequest.objects.exists()


def test_second_extension_while_one_is_pending_is_refused_with_the_reason(client, liaison, accepted_issue, department):
    ExtensionRequest.objects.create(
        issue=accepted_issue, department=department, requested_due_on=TODAY() + datetime.timedelta(days=90), reason="一"
    )
    client.force_login(liaison)
    wanted = accepted_issue.due_on + datetime.timedelta(days=30)
    response = post(client, accepted_issue, "extension", requested_due_on=wanted.isoformat(), reason="再延一次")
    html = response.content.decode()
    assert response.status_code == 400
    assert "已有一份延期申请正在审批" in html and "再延一次" in html
    assert ExtensionRequest.objects.count() == 1


def test_report_done(client, liaison, accepted_issue):
    client.force_login(liaison)
    response = post(client, accepted_issue, "done", resolution="雨污管网已改造完毕。")
    html = follow_message(client, response, accepted_issue, "已报告办结，等待召集人确认。")
    accepted_issue.refresh_from_db()
    assert accepted_issue.handling == Handling.DONE_REPORTED and accepted_issue.resolution == "雨污管网已改造完毕。"
    assert accepted_issue.status == Issue.Status.IN_PROGRESS  # resolved only when the convener confirms
    assert forms_on(html) == []


def test_stale_form_answers_409_and_keeps_the_text(client, liaison, accepted_issue):
    client.force_login(liaison)
    stale_version = accepted_issue.version
    handling.handling_progress(
        issue=accepted_issue, author=liaison, note="同事先发的进展", expected_version=stale_version
    )
    response = client.post(
        url(accepted_issue),
        {"step": "progress", "progress-expected_version": stale_version, "progress-note": "我写了很久的一段进展"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "该问题刚刚已被他人更新" in html and html.index("该问题刚刚已被他人更新") < html.index("<h1>")
    assert "我写了很久的一段进展" in html and "同事先发的进展" in html
    accepted_issue.refresh_from_db()
    assert f'name="progress-expected_version" value="{accepted_issue.version}"' in html
    assert IssueUpdate.objects.filter(issue=accepted_issue).count() == 1
    # sending it again (the form now carries the current version) posts it
    again = client.post(
        url(accepted_issue),
        {
            "step": "progress",
            "progress-expected_version": accepted_issue.version,
            "progress-note": "我写了很久的一段进展",
        },
    )
    assert again.status_code == 302 and IssueUpdate.objects.filter(issue=accepted_issue).count() == 2


def test_stale_form_of_a_step_that_closed_meanwhile_keeps_the_text_without_a_button(client, liaison, accepted_issue):
    client.force_login(liaison)
    stale_version = accepted_issue.version
    handling.handling_report_done(issue=accepted_issue, author=liaison, resolution="同事已报办结")
    response = client.post(
        url(accepted_issue),
        {"step": "progress", "progress-expected_version": stale_version, "progress-note": "保留这段文字"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    kept = html.split('class="card step step-kept"')[1].split("</form>")[0]
    assert "保留这段文字" in kept and "等待召集人确认" in kept and 'type="submit"' not in kept


def test_step_no_longer_allowed_answers_403_with_the_reason(client, liaison, accepted_issue):
    client.force_login(liaison)
    response = post(client, accepted_issue, "return", reason="其实不归我们管")
    html = response.content.decode()
    assert response.status_code == 403
    assert "该问题已经签收，不能再退回" in html and "其实不归我们管" in html
    accepted_issue.refresh_from_db()
    assert accepted_issue.handling == Handling.ACCEPTED and accepted_issue.version == 1


def test_progress_before_acceptance_answers_403(client, liaison, issue):
    client.force_login(liaison)
    response = post(client, issue, "progress", note="还没签收就发进展")
    assert response.status_code == 403 and "请先签收该问题" in response.content.decode()
    assert not IssueUpdate.objects.exists()


def test_unknown_step_answers_400(client, liaison, issue):
    client.force_login(liaison)
    response = client.post(url(issue), {"step": "delete"})
    assert response.status_code == 400 and "请选择一项办理操作。" in response.content.decode()


def test_missing_version_is_a_form_error(client, liaison, accepted_issue):
    client.force_login(liaison)
    response = client.post(url(accepted_issue), {"step": "progress", "progress-note": "没有版本号"})
    html = response.content.decode()
    assert response.status_code == 400 and "页面已过期" in html and "没有版本号" in html


def test_timeline_shows_department_entries_under_the_department_name(client, liaison, accepted_issue, department):
    handling.handling_progress(issue=accepted_issue, author=liaison, note="部门进展")
    client.force_login(liaison)
    html = client.get(url(accepted_issue)).content.decode()
    timeline = html.split('id="timeline-title"')[1]
    assert "部门进展" in timeline and department.name in timeline and LIAISON_NAME not in timeline


# ---- privacy -----------------------------------------------------------------------------


def test_liaison_names_never_reach_the_public_page_or_the_api(client, liaison, issue, department):
    client.force_login(liaison)
    assert post(client, issue, "accept").status_code == 302
    issue.refresh_from_db()
    assert post(client, issue, "progress", note="公开的办理进展").status_code == 302
    issue.refresh_from_db()
    wanted = (issue.due_on + datetime.timedelta(days=10)).isoformat()
    assert post(client, issue, "extension", requested_due_on=wanted, reason="延期理由").status_code == 302
    issue.refresh_from_db()
    assert post(client, issue, "done", resolution="办理结果").status_code == 302
    client.logout()
    public = client.get(issue.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/issues/{issue.pk}/").content.decode()
    timeline = client.get(f"/api/v1/issues/{issue.pk}/timeline/")
    answers = [public, api] + ([timeline.content.decode()] if timeline.status_code == 200 else [])
    assert "公开的办理进展" in public and department.name in public
    for text in answers:
        for secret in (LIAISON_NAME, LIAISON_PHONE, liaison.username, liaison.email):
            assert secret not in text


# ---- a liaison cannot touch sessions or rooms --------------------------------------------


def test_liaison_gets_the_answers_of_a_resident_on_sessions_rooms_admin_and_staff(
    client, liaison, resident, room, issue
):
    session = SessionFactory(room=room)
    workspace_issue = IssueFactory(room=room)
    paths = [
        "/my/",
        f"/my/?room={room.pk}",
        f"/my/sessions/new/?room={room.pk}",
        f"/my/sessions/{session.pk}/edit/",
        f"/my/sessions/{session.pk}/delete/",
        f"/my/issues/{workspace_issue.pk}/",
        f"/my/issues/{issue.pk}/",
        "/admin/",
        "/admin/issues/issue/",
        "/staff/",
    ]

    def answers(user):
        client.force_login(user)
        result = {}
        for path in paths:
            response = client.get(path)
            result[path] = (response.status_code, response.get("Location", "").split("?")[0])
        return result

    as_resident, as_liaison = answers(resident), answers(liaison)
    assert as_liaison == as_resident
    assert as_liaison[f"/my/issues/{issue.pk}/"][0] == 404  # even the issue its department handles
    assert as_liaison[f"/my/sessions/{session.pk}/edit/"][0] == 404
    assert as_liaison["/admin/"][0] == 302 and as_liaison["/staff/"][0] in (302, 403)


def test_liaison_posts_nothing_through_the_workspace(client, liaison, issue):
    client.force_login(liaison)
    response = client.post(
        f"/my/issues/{issue.pk}/",
        {"note": "越权", "occurred_on": TODAY().isoformat(), "version": issue.version, "status_to": "in_progress"},
    )
    assert response.status_code == 404 and not IssueUpdate.objects.exists()


# ---- query counts ------------------------------------------------------------------------

DESK_MAX_QUERIES = 7  # session, user, department, department scope, open issues, recently confirmed, unread count
ISSUE_PAGE_MAX_QUERIES = 8  # session, user, department (scope), issue, timeline, pending extension, steps, unread


def _demo_liaison():
    """The liaison of the demo department with the most issues (made once per demo load)."""
    department = Department.objects.annotate(n=Count("issues")).order_by("-n", "pk").first()
    user, _ = User.objects.get_or_create(username="demo-liaison", defaults={"full_name": "演示联络员"})
    Liaison.objects.update_or_create(user=user, defaults={"department": department})
    issue = (
        Issue.objects.filter(department=department, handling=Handling.ACCEPTED, status__in=Issue.OPEN_STATUSES)
        .annotate(n=Count("updates"))
        .order_by("-n", "pk")
        .first()
    )
    return user, issue


@pytest.mark.slow
def test_query_counts_are_pinned_and_the_same_at_1x_and_10x(client, query_pins):
    sizes = []

    def measure():
        user, issue = _demo_liaison()
        sizes.append(Issue.objects.filter(department=user.liaison.department).count())
        client.force_login(user)
        pins = {"desk": ("/dept/", DESK_MAX_QUERIES), "issue": (url(issue), ISSUE_PAGE_MAX_QUERIES)}
        return query_pins.measure(client, pins, cold_cache=False, warm=True)

    query_pins.same_at_1x_and_10x(measure)
    assert sizes[1] > 5 * sizes[0]


# ---- the loop: a new assignment reaches the liaison's inbox, with a link to this page ------


def test_assignment_notifies_the_liaison_with_a_link_to_the_department_page(
    client, liaison, other_liaison, staff, room, department, django_capture_on_commit_callbacks
):
    issue = IssueFactory(room=room, department=None)
    with django_capture_on_commit_callbacks(execute=True):
        handling.issue_assign(issue=issue, author=staff, department=department)
    note = Notification.objects.get(recipient=liaison)
    assert note.url == url(issue)
    assert not Notification.objects.filter(recipient=other_liaison).exists()
    client.force_login(liaison)
    assert client.get(note.url).status_code == 200
    assert 'aria-label="消息，1 条未读"' in client.get("/dept/").content.decode()
