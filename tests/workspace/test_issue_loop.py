"""The steps of the loop on the convener's issue page (/my/issues/<pk>/): 交办/改派, 确认办结 or
退回, 提级, 合并重复 and 回访. Stale posts answer 409 and keep the text; foreign issues 404."""

import datetime

import pytest
from django.utils import timezone

from issues.models import Feedback, FollowUpVisit, Issue, IssueUpdate
from issues.services import feedback_submit
from rooms.models import Room
from tests.factories import DepartmentFactory, IssueFactory, ResolvedIssueFactory, RoomFactory

pytestmark = pytest.mark.django_db

# session, user, unread count, issue, active departments, duplicate candidates, pending visits, timeline
ISSUE_PAGE_QUERIES = 8


def url(issue):
    return f"/my/issues/{issue.pk}/"


def page(client, issue):
    return client.get(url(issue)).content.decode()


def after_redirect(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def housing(db):
    return DepartmentFactory(name="区住建局")


def test_page_shows_the_handling_facts(client, convener, room, housing):
    issue = IssueFactory(
        room=room, department=housing, handling=Issue.Handling.ACCEPTED, due_on=datetime.date(2030, 1, 5)
    )
    issue.category.default_department = housing
    issue.category.save()
    client.force_login(convener)
    html = page(client, issue)
    assert "区住建局" in html and "已签收" in html and "按问题类别默认交办" in html
    assert "改派承办单位" in html and "提级" in html and "合并重复问题" in html
    assert "确认办结" not in html  # nothing reported done yet


def test_assign_to_another_department(client, convener, room, housing):
    issue = IssueFactory(room=room)
    DepartmentFactory(name="已撤销的局", is_active=False)
    client.force_login(convener)
    html = page(client, issue)
    assert "区住建局" in html and "已撤销的局" not in html
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    response = client.post(
        url(issue),
        {"action": "assign", "assign-department": housing.pk, "assign-due_on": due, "assign-version": issue.version},
    )
    assert "已交办区住建局办理。" in after_redirect(client, response)
    issue.refresh_from_db()
    assert issue.department == housing and issue.handling == Issue.Handling.ASSIGNED
    assert issue.due_on.isoformat() == due and issue.due_on_set_by_hand
    assert issue.updates.get().kind == IssueUpdate.Kind.ASSIGN


def test_assign_errors_sit_next_to_the_field(client, convener, room, housing):
    issue = IssueFactory(room=room)
    client.force_login(convener)
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url(issue), {"action": "assign", "assign-department": "", "assign-due_on": past, "assign-version": 1}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请选择承办单位。" in html and "办理期限不能早于今天。" in html
    assert 'id="id_assign-department_errors"' in html
    assert not issue.updates.exists()


def test_stale_assign_answers_409_and_keeps_the_text(client, convener, room, housing):
    issue = IssueFactory(room=room)
    client.force_login(convener)
    stale = issue.version
    Issue.objects.filter(pk=issue.pk).update(version=stale + 1)
    response = client.post(
        url(issue),
        {
            "action": "assign",
            "assign-department": housing.pk,
            "assign-note": "请住建局牵头处理加装电梯",
            "assign-version": stale,
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "该问题刚刚已被他人更新" in html and "请住建局牵头处理加装电梯" in html
    assert f'name="assign-version" value="{stale + 1}"' in html  # the next submit goes through
    issue.refresh_from_db()
    assert issue.department.name != "区住建局"


def _done_reported(room, department):
    return IssueFactory(
        room=room,
        department=department,
        status=Issue.Status.IN_PROGRESS,
        handling=Issue.Handling.DONE_REPORTED,
        resolution="已更换水管，漏水已解决",
    )


def test_confirm_done(client, convener, room, housing):
    issue = _done_reported(room, housing)
    client.force_login(convener)
    html = page(client, issue)
    assert "已更换水管，漏水已解决" in html and "退回继续办理" in html
    response = client.post(
        url(issue), {"action": "confirm", "confirm-decision": "accept", "confirm-version": issue.version}
    )
    assert "已确认办结，问题标记为已解决。" in after_redirect(client, response)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.RESOLVED and issue.resolved_on == timezone.localdate()
    assert issue.handling == Issue.Handling.CONFIRMED


def test_reject_done_needs_a_note(client, convener, room, housing):
    issue = _done_reported(room, housing)
    client.force_login(convener)
    data = {"action": "confirm", "confirm-decision": "reject", "confirm-version": issue.version}
    response = client.post(url(issue), data)
    assert response.status_code == 200 and "请说明还需要承办单位做什么。" in response.content.decode()
    issue.refresh_from_db()
    assert issue.handling == Issue.Handling.DONE_REPORTED
    response = client.post(url(issue), {**data, "confirm-note": "三楼仍然渗水"})
    assert "已退回承办单位继续办理。" in after_redirect(client, response)
    issue.refresh_from_db()
    assert issue.handling == Issue.Handling.ACCEPTED and issue.status == Issue.Status.IN_PROGRESS


def test_stale_confirm_answers_409_and_keeps_the_note(client, convener, room, housing):
    issue = _done_reported(room, housing)
    client.force_login(convener)
    Issue.objects.filter(pk=issue.pk).update(version=issue.version + 1)
    response = client.post(
        url(issue),
        {"action": "confirm", "confirm-decision": "reject", "confirm-note": "三楼仍然渗水", "confirm-version": 1},
    )
    assert response.status_code == 409 and "三楼仍然渗水" in response.content.decode()


def test_escalate_to_the_street_room(client, convener, room):
    street_room = RoomFactory(name="和平桥街道协商议事室", level=Room.Level.STREET, community=None, street=room.street)
    issue = IssueFactory(room=room)
    client.force_login(convener)
    response = client.post(url(issue), {"action": "escalate", "escalate-triage_to": "street", "escalate-version": 1})
    html = after_redirect(client, response)
    assert "已提级至和平桥街道协商议事室。" in html
    assert "由和平桥街道协商议事室接手" in html
    issue.refresh_from_db()
    assert issue.escalated_to == street_room


def test_escalate_to_the_district(client, convener, room):
    issue = IssueFactory(room=room, triage_level=Issue.Triage.STREET)
    client.force_login(convener)
    assert '<option value="street">' not in page(client, issue).split('id="escalate"')[1]
    response = client.post(url(issue), {"action": "escalate", "escalate-triage_to": "district", "escalate-version": 1})
    assert "已提级至区政协机关。" in after_redirect(client, response)
    assert 'id="escalate"' not in page(client, issue)  # nothing higher to offer once at 区
    # A second tab still showing the form: refused, with the reason next to the field.
    response = client.post(url(issue), {"action": "escalate", "escalate-triage_to": "district", "escalate-version": 2})
    assert response.status_code == 200 and "三事分流层级只能向上提级。" in response.content.decode()
    issue.refresh_from_db()
    assert issue.triage_level == Issue.Triage.DISTRICT


def test_escalate_needs_a_level(client, convener, room):
    issue = IssueFactory(room=room)
    client.force_login(convener)
    response = client.post(url(issue), {"action": "escalate", "escalate-triage_to": "", "escalate-version": 1})
    assert response.status_code == 200 and "请选择提级的层级。" in response.content.decode()


def test_mark_duplicate(client, convener, room, other_room):
    keep = IssueFactory(room=room, title="路灯不亮")
    dup = IssueFactory(room=room, title="小区路灯坏了")
    foreign = IssueFactory(room=other_room, title="别的议事室的问题")
    client.force_login(convener)
    html = page(client, dup)
    assert "路灯不亮" in html and "别的议事室的问题" not in html
    response = client.post(
        url(dup), {"action": "duplicate", "duplicate-duplicate_of": foreign.pk, "duplicate-version": dup.version}
    )
    assert response.status_code == 200 and "只能选择本议事室其他未被合并的问题。" in response.content.decode()
    response = client.post(
        url(dup), {"action": "duplicate", "duplicate-duplicate_of": keep.pk, "duplicate-version": dup.version}
    )
    html = after_redirect(client, response)
    assert "已合并到问题“路灯不亮”，本问题已关闭。" in html and "已合并关闭" in html
    dup.refresh_from_db()
    assert dup.status == Issue.Status.CLOSED and dup.duplicate_of == keep


def test_follow_up_listed_and_recorded_reopened(client, convener, room, housing):
    issue = ResolvedIssueFactory(room=room, department=housing, handling=Issue.Handling.CONFIRMED, title="楼道漏水")
    visit = feedback_submit(issue=issue, rating=Feedback.Rating.DISSATISFIED, note="还在漏水").follow_up
    client.force_login(convener)
    home = client.get("/my/").content.decode()
    assert 'data-list="pending_visits"' in home and f"#visit-{visit.pk}" in home
    html = page(client, issue)
    assert "还在漏水" in html and "回访后满意" in html and "重新办理" in html
    prefix = f"visit-{visit.pk}"
    data = {"action": "follow_up", "visit": visit.pk, f"{prefix}-visited_on": timezone.localdate().isoformat()}
    response = client.post(url(issue), {**data, f"{prefix}-result": "reopened", f"{prefix}-note": ""})
    assert response.status_code == 200 and "请填写回访情况。" in response.content.decode()
    response = client.post(url(issue), {**data, f"{prefix}-result": "reopened", f"{prefix}-note": "顶楼仍漏"})
    assert "问题重新办理，已通知承办单位" in after_redirect(client, response)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS and issue.handling == Issue.Handling.ASSIGNED
    assert 'data-list="pending_visits"' not in client.get("/my/").content.decode()
    # The same visit again: it is no longer pending.
    response = client.post(url(issue), {**data, f"{prefix}-result": "satisfied", f"{prefix}-note": "好"})
    assert response.status_code == 404


def test_follow_up_satisfied(client, convener, room):
    issue = ResolvedIssueFactory(room=room)
    visit = feedback_submit(issue=issue, rating=Feedback.Rating.DISSATISFIED).follow_up
    client.force_login(convener)
    prefix = f"visit-{visit.pk}"
    response = client.post(
        url(issue),
        {
            "action": "follow_up",
            "visit": visit.pk,
            f"{prefix}-visited_on": timezone.localdate().isoformat(),
            f"{prefix}-result": "satisfied",
            f"{prefix}-note": "已当面解释",
        },
    )
    assert "已记录回访：回访后满意。" in after_redirect(client, response)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.RESOLVED
    assert FollowUpVisit.objects.get().result == "satisfied"


def test_portal_dissatisfied_rating_reaches_the_convener_list(client, convener, room):
    issue = ResolvedIssueFactory(room=room, title="噪音扰民")
    response = client.post(issue.get_absolute_url(), {"rating": "dissatisfied", "note": "晚上仍然吵"})
    assert response.status_code == 302
    client.force_login(convener)
    home = client.get("/my/").content.decode()
    assert 'data-list="pending_visits"' in home and "噪音扰民" in home


@pytest.mark.parametrize(
    "data",
    [
        {"action": "assign", "assign-department": "1", "assign-version": "1"},
        {"action": "confirm", "confirm-decision": "accept", "confirm-version": "1"},
        {"action": "escalate", "escalate-triage_to": "street", "escalate-version": "1"},
        {"action": "duplicate", "duplicate-duplicate_of": "1", "duplicate-version": "1"},
        {"action": "follow_up", "visit": "1"},
    ],
)
def test_another_rooms_issue_is_404_for_every_step(client, convener, other_room, data):
    issue = IssueFactory(room=other_room, handling=Issue.Handling.DONE_REPORTED)
    client.force_login(convener)
    assert client.get(url(issue)).status_code == 404
    assert client.post(url(issue), data).status_code == 404
    issue.refresh_from_db()
    assert issue.version == 1 and not issue.updates.exists()


def test_unknown_action_and_foreign_visit_are_404(client, convener, room, other_room):
    issue = ResolvedIssueFactory(room=room)
    foreign = ResolvedIssueFactory(room=other_room)
    foreign_visit = feedback_submit(issue=foreign, rating=Feedback.Rating.DISSATISFIED).follow_up
    client.force_login(convener)
    assert client.post(url(issue), {"action": "delete"}).status_code == 404
    assert client.post(url(issue), {"action": "follow_up", "visit": foreign_visit.pk}).status_code == 404


def test_issue_page_query_count_does_not_grow(client, convener, room, housing, django_assert_max_num_queries):
    """The page with every section showing, at one and at ten of each listed thing."""

    def build(n):
        issue = _done_reported(room, housing)
        Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.IN_PROGRESS)
        for i in range(n):
            DepartmentFactory(name=f"承办单位{n}-{i}")
            IssueFactory(room=room)
            IssueUpdate.objects.create(issue=issue, note=f"进展{i}", occurred_on=timezone.localdate(), author=convener)
            FollowUpVisit.objects.create(issue=issue)
        return issue

    client.force_login(convener)
    counts = []
    for n in (1, 10):
        issue = build(n)
        client.get(url(issue))  # warm per-process caches
        with django_assert_max_num_queries(ISSUE_PAGE_QUERIES) as queries:
            response = client.get(url(issue))
        assert response.status_code == 200 and "确认办结" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    print("issue page queries:", counts)
