"""The public issue page shows the loop: the department (name and office phone) and where it
stands, timeline entries under the department's name, escalation to the street room (and the
street room's page lists it back), merged duplicates both ways, and the 回访 outcome. Query
counts pinned, the same at 1x and 10x."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from issues.following import follow_up_record
from issues.handling import handling_accept, handling_confirm, handling_progress, handling_report_done
from issues.models import Feedback, FollowUpVisit, Issue
from issues.services import feedback_submit, issue_escalate, issue_mark_duplicate, issue_report
from rooms.models import Room
from tests.factories import (
    CommunityFactory,
    ConvenershipFactory,
    DepartmentFactory,
    IssueCategoryFactory,
    LiaisonFactory,
    RoomFactory,
    StreetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIAISON = {
    "username": "liaison-ouyang-x7",
    "full_name": "欧阳联络员",
    "email": "ouyang.liaison.x7@dept-mail.example",
    "phone": "13812349876",
}
CONVENER = {
    "username": "convener-zhuge-k3",
    "full_name": "诸葛召集人",
    "email": "zhuge.convener.k3@room-mail.example",
    "phone": "13698761234",
}
DEPARTMENT = "崇川区市政设施管理处"
OFFICE_PHONE = "0513-83501234"


def build_loop(prefix="", street=None, liaison_user=None, convener_user=None):
    """A community room's issue taken through the whole loop by the services: reported and
    routed to a department, accepted, answered, reported done, confirmed, rated 不满意,
    visited (重新办理), escalated to the street room; a second issue merged into it."""
    street = street or StreetFactory(name=f"{prefix}观音山街道")
    community_room = RoomFactory(
        name=f"{prefix}观音山社区协商议事室", community=CommunityFactory(name=f"{prefix}观音山社区", street=street)
    )
    street_room = Room.objects.filter(level=Room.Level.STREET, street=street, is_active=True).order_by("pk").first()
    street_room = street_room or RoomFactory(
        name=f"{prefix}观音山街道协商议事室", level=Room.Level.STREET, community=None, street=street
    )
    convener = convener_user or UserFactory(**CONVENER)
    ConvenershipFactory(user=convener, room=community_room)
    department = DepartmentFactory(name=DEPARTMENT, office_phone=OFFICE_PHONE)
    liaison = liaison_user or UserFactory(**LIAISON)
    if not hasattr(liaison, "liaison"):
        LiaisonFactory(user=liaison, department=department)
    category = IssueCategoryFactory(name="市政设施")
    today = timezone.localdate()
    issue = issue_report(
        room=community_room,
        title=f"{prefix}观音山路窨井盖破损",
        category=category,
        author=convener,
        reported_on=today - datetime.timedelta(days=20),
        department=department,
        note="居民在议事活动中反映。",
    )
    handling_accept(issue=issue, author=liaison)
    handling_progress(issue=issue, author=liaison, note="已派员现场查看，订购新井盖。")
    handling_report_done(issue=issue, author=liaison, resolution="已更换新井盖。")
    handling_confirm(issue=issue, author=convener, accept=True)
    issue.refresh_from_db()
    feedback = feedback_submit(issue=issue, rating=Feedback.Rating.DISSATISFIED, note="只换了一个，另一个还是坏的")
    visit = FollowUpVisit.objects.get(feedback=feedback)
    follow_up_record(
        visit=visit, author=convener, result=FollowUpVisit.Result.REOPENED, note="另一处井盖仍破损，重新办理。"
    )
    issue.refresh_from_db()
    visit.refresh_from_db()
    issue_escalate(issue=issue, author=convener, triage_to=Issue.Triage.STREET)
    duplicate = issue_report(
        room=community_room,
        title=f"{prefix}观音山路井盖松动",
        category=category,
        author=convener,
        reported_on=today - datetime.timedelta(days=3),
    )
    issue_mark_duplicate(issue=duplicate, of=issue, author=convener)
    issue.refresh_from_db()
    duplicate.refresh_from_db()
    return SimpleNamespace(**locals())


@pytest.fixture
def loop(db):
    return build_loop()


def page(client, issue):
    response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_names_the_department_and_its_public_phone_never_the_liaison(client, loop):
    html = page(client, loop.issue)
    assert DEPARTMENT in html
    assert f'href="tel:{OFFICE_PHONE}"' in html
    for secret in LIAISON.values():
        assert secret not in html


@pytest.mark.parametrize(
    "handling, words",
    [
        (Issue.Handling.ASSIGNED, "待承办单位签收"),
        (Issue.Handling.ACCEPTED, "承办单位办理中"),
        (Issue.Handling.DONE_REPORTED, "承办单位已报办结，待议事室确认"),
        (Issue.Handling.CONFIRMED, "已确认办结"),
        (Issue.Handling.RETURNED, "已退回，待重新交办"),
    ],
)
def test_handling_is_said_in_plain_words(client, loop, handling, words):
    Issue.objects.filter(pk=loop.issue.pk).update(handling=handling)
    html = page(client, loop.issue)
    assert f'data-handling="{handling}">{words}</span>' in html


def test_no_handling_line_without_a_department(client, loop):
    html = page(client, loop.duplicate)  # reported without a department (its category routes nowhere)
    assert "data-handling" not in html and 'data-loop="department"' not in html


def test_timeline_entries_of_the_department_carry_its_name_and_their_kind(client, loop):
    html = page(client, loop.issue)
    assert html.count(f'<div class="meta" data-author="department">{DEPARTMENT}</div>') == 3  # 签收, 进展, 报告办结
    for kind, label in (
        ("accept", "签收"),
        ("done_report", "报告办结"),
        ("confirm", "确认办结"),
        ("follow_up", "回访"),
        ("duplicate", "合并重复"),
    ):
        assert f'data-kind="{kind}">{label}</span>' in html, kind
    assert '<span class="badge">提级至街道</span>' in html  # the escalation says where, not twice
    assert 'data-kind="escalate"' not in html
    assert "已派员现场查看，订购新井盖。" in html
    assert CONVENER["full_name"] not in html and CONVENER["username"] not in html


def test_escalation_links_to_the_street_room_and_back(client, loop):
    html = page(client, loop.issue)
    assert f'已提级至<a href="{loop.street_room.get_absolute_url()}">{loop.street_room.name}</a>' in html
    room_html = client.get(loop.street_room.get_absolute_url()).content.decode()
    assert "提级到本室的问题" in room_html
    assert f'<a href="{loop.issue.get_absolute_url()}">{loop.issue.title}</a>' in room_html
    assert f"来自{loop.community_room.name}" in room_html
    assert "提级到本室的问题" not in client.get(loop.community_room.get_absolute_url()).content.decode()


def test_an_unpublished_escalated_issue_is_not_listed_on_the_street_room(client, loop):
    Issue.objects.filter(pk=loop.issue.pk).update(is_public=False)
    room_html = client.get(loop.street_room.get_absolute_url()).content.decode()
    assert loop.issue.title not in room_html and "提级到本室的问题" not in room_html


def test_district_escalation_says_so(client, loop):
    Issue.objects.filter(pk=loop.issue.pk).update(escalated_to=None, triage_level=Issue.Triage.DISTRICT)
    assert "已提级至区政协机关" in page(client, loop.issue)


def test_duplicates_link_both_ways(client, loop):
    html = page(client, loop.duplicate)
    assert f'已合并至问题<a href="{loop.issue.get_absolute_url()}">“{loop.issue.title}”</a>' in html
    survivor = page(client, loop.issue)
    assert "合并到本问题的重复问题" in survivor
    assert f'<a href="{loop.duplicate.get_absolute_url()}">{loop.duplicate.title}</a>' in survivor


def test_a_duplicate_of_an_unpublished_issue_does_not_link_it(client, loop):
    Issue.objects.filter(pk=loop.issue.pk).update(is_public=False)
    html = page(client, loop.duplicate)
    assert "已合并至另一个问题办理。" in html
    assert f'href="{loop.issue.get_absolute_url()}"' not in html
    assert 'data-loop="duplicate-of">已合并至另一个问题办理。</p>' in html


def test_unpublished_duplicates_are_not_listed_on_the_survivor(client, loop):
    Issue.objects.filter(pk=loop.duplicate.pk).update(is_public=False)
    html = page(client, loop.issue)
    assert f'href="{loop.duplicate.get_absolute_url()}"' not in html and "合并到本问题的重复问题" not in html


def test_merging_with_an_unpublished_issue_does_not_publish_its_title(client, loop):
    private = issue_report(
        room=loop.community_room,
        title="未公开的井盖问题",
        category=loop.category,
        author=loop.convener,
        reported_on=timezone.localdate(),
    )
    Issue.objects.filter(pk=private.pk).update(is_public=False)
    private.refresh_from_db()
    public = issue_report(
        room=loop.community_room,
        title="公开的井盖问题",
        category=loop.category,
        author=loop.convener,
        reported_on=timezone.localdate(),
    )
    issue_mark_duplicate(issue=public, of=private, author=loop.convener)
    assert "未公开的井盖问题" not in page(client, public)


def test_the_follow_up_outcome_is_shown_with_date_and_note(client, loop):
    html = page(client, loop.issue)
    assert 'data-follow-up="reopened"><strong>回访：重新办理</strong>' in html
    assert "另一处井盖仍破损，重新办理。" in html
    assert loop.visit.visited_on.strftime("%Y-%m-%d") in html
    assert "只换了一个，另一个还是坏的" not in html  # the resident's own note stays private
    FollowUpVisit.objects.filter(pk=loop.visit.pk).update(result=FollowUpVisit.Result.SATISFIED)
    assert 'data-follow-up="satisfied"><strong>回访后满意</strong>' in page(client, loop.issue)


def test_a_pending_follow_up_is_not_shown(client, loop):
    FollowUpVisit.objects.create(issue=loop.issue)
    html = page(client, loop.issue)
    assert html.count("data-follow-up=") == 1


@pytest.mark.slow
def test_loop_pages_keep_the_same_query_count_at_1x_and_10x(client, query_pins):
    """The issue page and the street room's page cost the same whatever the loop holds."""
    from issues.models import IssueUpdate

    state = {}

    def grow(times):
        loop = state.get("loop")
        if loop is None:
            loop = state["loop"] = build_loop(prefix="查询")
        for n in range(times):
            extra = issue_report(
                room=loop.community_room,
                title=f"重复问题{len(state)}-{n}",
                category=loop.category,
                author=loop.convener,
                reported_on=timezone.localdate(),
            )
            issue_mark_duplicate(issue=extra, of=loop.issue, author=loop.convener)
            IssueUpdate.objects.create(
                issue=loop.issue,
                kind=IssueUpdate.Kind.PROGRESS,
                note=f"承办单位进展{n}",
                occurred_on=timezone.localdate(),
                department=loop.department,
                author=loop.liaison,
            )
            FollowUpVisit.objects.create(
                issue=loop.issue, visited_on=timezone.localdate(), result=FollowUpVisit.Result.SATISFIED, note="满意"
            )
            other = issue_report(
                room=loop.community_room,
                title=f"提级问题{len(state)}-{n}",
                category=loop.category,
                author=loop.convener,
                reported_on=timezone.localdate(),
            )
            issue_escalate(issue=other, author=loop.convener, triage_to=Issue.Triage.STREET)
        state[times] = True
        return loop

    def measure():
        loop = grow(2 if len(state) == 0 else 20)
        return query_pins.measure(
            client,
            {
                "issue": (loop.issue.get_absolute_url(), ISSUE_PAGE_QUERIES),
                "duplicate": (loop.duplicate.get_absolute_url(), ISSUE_PAGE_QUERIES),
                "street_room": (loop.street_room.get_absolute_url(), ROOM_PAGE_QUERIES),
            },
        )

    query_pins.same_at_1x_and_10x(measure)


ISSUE_PAGE_QUERIES = 7  # the public issue pin (5) + duplicates + recorded 回访
ROOM_PAGE_QUERIES = 7  # the public room pin (6) + issues escalated to the room
