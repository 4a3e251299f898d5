"""The convener's side of the loop at the service level: escalation hands the issue over,
duplicates carry followers and ratings to the surviving issue, 回访 either settles or reopens,
and the notifications of each step reach the right inboxes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from chongchuan.urls import urlpatterns as root_urlpatterns
from issues.following import follow_up_record
from issues.handling import handling_confirm, issue_assign
from issues.models import Feedback, FollowUpVisit, Issue, IssueFollower, IssueUpdate
from issues.permissions import can_update_issue, issues_editable_by
from issues.services import (
    ConcurrentEditError,
    escalation_where,
    feedback_submit,
    issue_escalate,
    issue_mark_duplicate,
    issue_post_update,
)
from notifications.models import Notification
from rooms.models import Room, StreetStaff
from tests.factories import (
    ConvenershipFactory,
    DepartmentFactory,
    FeedbackFactory,
    IssueFactory,
    LiaisonFactory,
    ResolvedIssueFactory,
    RoomFactory,
    StaffFactory,
    StreetFactory,
    UserFactory,
)

# The department's pages (liaison:issue) may live on another branch: the notifications link
# to them, so this module adds a stand-in when the project has none yet.
urlpatterns = list(root_urlpatterns)
if not any(getattr(pattern, "namespace", None) == "liaison" for pattern in root_urlpatterns):
    urlpatterns.append(
        path(
            "dept/",
            include(([path("issues/<int:pk>/", lambda request, pk: HttpResponse(), name="issue")], "liaison")),
        )
    )

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def street():
    return StreetFactory(name="和平桥街道")


@pytest.fixture
def street_room(street):
    return RoomFactory(name="和平桥街道协商议事室", level=Room.Level.STREET, community=None, street=street)


@pytest.fixture
def community_room(street):
    room = RoomFactory(name="桃坞路社区协商议事室")
    room.community.street = street
    room.community.save()
    room.street = street
    room.save()
    return room


@pytest.fixture
def community_convener(community_room):
    user = UserFactory(username="community-convener")
    ConvenershipFactory(user=user, room=community_room)
    return user


@pytest.fixture
def street_convener(street_room):
    user = UserFactory(username="street-convener")
    ConvenershipFactory(user=user, room=street_room)
    return user


@pytest.fixture
def street_staff(street):
    user = UserFactory(username="street-staff")
    StreetStaff.objects.create(user=user, street=street)
    return user


@pytest.fixture
def foreign_convener():
    """The convener of another street's street room."""
    other = RoomFactory(level=Room.Level.STREET, community=None, street=StreetFactory())
    user = UserFactory(username="foreign-convener")
    ConvenershipFactory(user=user, room=other)
    return user


def inbox(user, kind=None):
    notifications = Notification.objects.filter(recipient=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    return list(notifications.values_list("title", flat=True))


# ---- escalation -------------------------------------------------------------------------


def test_escalating_to_the_street_hands_over_to_the_street_room_and_tells_it(
    django_capture_on_commit_callbacks,
    community_room,
    street_room,
    community_convener,
    street_convener,
    street_staff,
    foreign_convener,
):
    issue = IssueFactory(room=community_room, title="老旧小区加装电梯", status=Issue.Status.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        update = issue_escalate(
            issue=issue, author=community_convener, triage_to=Issue.Triage.STREET, expected_version=issue.version
        )
    issue.refresh_from_db()
    assert issue.triage_level == "street" and issue.escalated_to == street_room
    assert update.kind == IssueUpdate.Kind.ESCALATE and "和平桥街道协商议事室" in update.note
    assert escalation_where(issue) == "和平桥街道协商议事室"
    # The street room's convener and the street staff have it in their queue and inbox.
    for user in (street_convener, street_staff):
        assert issues_editable_by(user).filter(pk=issue.pk).exists()
        assert can_update_issue(user, issue)
        assert inbox(user, Notification.Kind.ISSUE_ESCALATED) == ["问题提级，请接手：老旧小区加装电梯"]
    # The original room keeps it; another street sees nothing.
    assert issues_editable_by(community_convener).filter(pk=issue.pk).exists()
    assert not issues_editable_by(foreign_convener).filter(pk=issue.pk).exists()
    assert inbox(foreign_convener) == []
    # The street room's convener can act on it.
    issue_post_update(issue=issue, author=street_convener, note="街道已协调住建部门", expected_version=issue.version)
    with pytest.raises(PermissionDenied):
        issue_post_update(issue=issue, author=foreign_convener, note="越权")


def test_escalating_to_the_district_goes_to_staff_and_the_street_room_keeps_it(
    django_capture_on_commit_callbacks, community_room, street_room, community_convener, street_convener
):
    staff = StaffFactory(username="district-staff")
    issue = IssueFactory(room=community_room, title="跨街道河道整治")
    issue_escalate(issue=issue, author=community_convener, triage_to=Issue.Triage.STREET)
    with django_capture_on_commit_callbacks(execute=True):
        update = issue_escalate(issue=issue, author=street_convener, triage_to=Issue.Triage.DISTRICT)
    issue.refresh_from_db()
    assert issue.triage_level == "district" and "区政协机关" in update.note
    assert issue.escalated_to == street_room  # still in the street room's queue
    assert Issue.objects.open().filter(triage_level=Issue.Triage.DISTRICT, pk=issue.pk).exists()  # staff's queue
    assert inbox(staff, Notification.Kind.ISSUE_ESCALATED) == ["问题提级，请接手：跨街道河道整治"]


def test_escalation_is_upward_only_open_only_and_checks_the_version(community_room, community_convener):
    issue = IssueFactory(room=community_room, triage_level=Issue.Triage.STREET)
    with pytest.raises(ValidationError) as error:
        issue_escalate(issue=issue, author=community_convener, triage_to=Issue.Triage.STREET)
    assert "triage_to" in error.value.message_dict
    with pytest.raises(ConcurrentEditError):
        issue_escalate(
            issue=issue, author=community_convener, triage_to=Issue.Triage.DISTRICT, expected_version=issue.version - 1
        )
    resolved = ResolvedIssueFactory(room=community_room)
    with pytest.raises(ValidationError, match="已办结"):
        issue_escalate(issue=resolved, author=community_convener, triage_to=Issue.Triage.DISTRICT)
    assert not IssueUpdate.objects.exists()


def test_a_street_rooms_own_issue_raised_to_the_street_stays_put(street_room, street_convener):
    issue = IssueFactory(room=street_room, triage_level=Issue.Triage.COMMUNITY)
    issue_escalate(issue=issue, author=street_convener, triage_to=Issue.Triage.STREET)
    issue.refresh_from_db()
    assert issue.triage_level == "street" and issue.escalated_to is None


def test_escalating_through_the_progress_form_hands_over_too(community_room, street_room, community_convener):
    issue = IssueFactory(room=community_room)
    update = issue_post_update(issue=issue, author=community_convener, note="需要街道协调", triage_to="street")
    issue.refresh_from_db()
    assert issue.escalated_to == street_room and update.kind == IssueUpdate.Kind.ESCALATE


def test_another_streets_convener_cannot_escalate(community_room, foreign_convener):
    issue = IssueFactory(room=community_room)
    with pytest.raises(PermissionDenied):
        issue_escalate(issue=issue, author=foreign_convener, triage_to=Issue.Triage.STREET)


# ---- duplicates -------------------------------------------------------------------------


def test_duplicate_moves_followers_ratings_and_visits_and_closes_with_a_pointer(community_room, community_convener):
    keep = IssueFactory(room=community_room, title="路灯不亮")
    dup = IssueFactory(room=community_room, title="小区路灯坏了")
    earlier = IssueFactory(
        room=community_room, title="路灯问题", status=Issue.Status.CLOSED, closed_reason="重复", duplicate_of=dup
    )
    IssueFollower.objects.create(issue=keep, email="both@example.com", token="t1")
    IssueFollower.objects.create(issue=dup, email="both@example.com", token="t2")
    IssueFollower.objects.create(issue=dup, email="only-dup@example.com", token="t3")
    rating = FeedbackFactory(issue=dup, rating=Feedback.Rating.DISSATISFIED)
    visit = FollowUpVisit.objects.create(issue=dup, feedback=rating)

    update = issue_mark_duplicate(issue=dup, of=keep, author=community_convener, expected_version=dup.version)

    dup.refresh_from_db()
    assert dup.status == Issue.Status.CLOSED and dup.duplicate_of == keep and "路灯不亮" in dup.closed_reason
    assert update.kind == IssueUpdate.Kind.DUPLICATE
    assert sorted(keep.followers.values_list("email", flat=True)) == ["both@example.com", "only-dup@example.com"]
    assert not dup.followers.exists()
    assert list(keep.feedback.all()) == [rating] and not dup.feedback.exists()
    visit.refresh_from_db()
    assert visit.issue == keep
    earlier.refresh_from_db()
    assert earlier.duplicate_of == keep  # no chain through a closed duplicate
    assert keep.updates.get(kind=IssueUpdate.Kind.DUPLICATE).note == "合并了重复问题“小区路灯坏了”。"


def test_duplicate_refusals(community_room, community_convener, other_room):
    a = IssueFactory(room=community_room)
    b = IssueFactory(room=community_room)
    with pytest.raises(ValidationError):
        issue_mark_duplicate(issue=a, of=a, author=community_convener)
    with pytest.raises(ConcurrentEditError):
        issue_mark_duplicate(issue=a, of=b, author=community_convener, expected_version=a.version + 1)
    foreign = IssueFactory(room=other_room)
    with pytest.raises(PermissionDenied):
        issue_mark_duplicate(issue=a, of=foreign, author=community_convener)
    a.refresh_from_db()
    assert a.is_open and a.duplicate_of is None


# ---- 回访 ---------------------------------------------------------------------------------


@pytest.fixture
def resolved_with_department(community_room):
    department = DepartmentFactory(name="区住建局")
    issue = ResolvedIssueFactory(
        room=community_room, department=department, handling=Issue.Handling.CONFIRMED, title="楼道漏水"
    )
    return issue


def test_dissatisfied_rating_opens_a_visit_and_tells_the_convener(
    django_capture_on_commit_callbacks, resolved_with_department, community_convener
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_submit(issue=resolved_with_department, rating=Feedback.Rating.DISSATISFIED, note="还在漏")
        feedback_submit(issue=resolved_with_department, rating=Feedback.Rating.SATISFIED)
    visit = FollowUpVisit.objects.get()
    assert visit.feedback == feedback and visit.is_pending
    assert inbox(community_convener, Notification.Kind.FOLLOW_UP) == ["群众评价不满意，请回访：楼道漏水"]


def test_follow_up_reopened_goes_back_to_the_department(
    django_capture_on_commit_callbacks, resolved_with_department, community_convener
):
    liaison = LiaisonFactory(department=resolved_with_department.department).user
    feedback = feedback_submit(issue=resolved_with_department, rating=Feedback.Rating.DISSATISFIED)
    visit = feedback.follow_up
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_record(visit=visit, author=community_convener, result="reopened", note="顶楼仍然漏水")
    issue = Issue.objects.get(pk=resolved_with_department.pk)
    assert issue.status == Issue.Status.IN_PROGRESS and issue.resolved_on is None
    assert issue.handling == Issue.Handling.ASSIGNED
    entry = issue.updates.get(kind=IssueUpdate.Kind.FOLLOW_UP)
    assert (entry.status_from, entry.status_to) == ("resolved", "in_progress") and "顶楼仍然漏水" in entry.note
    assert inbox(liaison, Notification.Kind.ISSUE_REOPENED) == ["回访后重新办理：楼道漏水"]
    with pytest.raises(ValidationError, match="已经记录"):
        follow_up_record(visit=visit, author=community_convener, result="satisfied", note="再记一次")


def test_follow_up_satisfied_leaves_it_resolved(
    django_capture_on_commit_callbacks, resolved_with_department, community_convener
):
    liaison = LiaisonFactory(department=resolved_with_department.department).user
    visit = feedback_submit(issue=resolved_with_department, rating=Feedback.Rating.DISSATISFIED).follow_up
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_record(
            visit=visit, author=community_convener, result="satisfied", note="已解释清楚", visited_on=yesterday
        )
    issue = Issue.objects.get(pk=resolved_with_department.pk)
    assert issue.status == Issue.Status.RESOLVED and issue.handling == Issue.Handling.CONFIRMED
    visit.refresh_from_db()
    assert (visit.result, visit.visited_on, visit.recorded_by) == ("satisfied", yesterday, community_convener)
    assert inbox(liaison) == []


def test_follow_up_refusals(resolved_with_department, community_convener, foreign_convener):
    visit = feedback_submit(issue=resolved_with_department, rating=Feedback.Rating.DISSATISFIED).follow_up
    with pytest.raises(PermissionDenied):
        follow_up_record(visit=visit, author=foreign_convener, result="satisfied", note="x")
    with pytest.raises(ValidationError) as error:
        follow_up_record(visit=visit, author=community_convener, result="", note="")
    assert "result" in error.value.message_dict
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        follow_up_record(visit=visit, author=community_convener, result="satisfied", note="好", visited_on=tomorrow)
    assert "visited_on" in error.value.message_dict


# ---- notifications of the convener's steps ------------------------------------------------


def test_assign_confirm_and_status_change_reach_the_right_inboxes(
    django_capture_on_commit_callbacks, monkeypatch, community_room, community_convener, street_convener
):
    housing = DepartmentFactory(name="区住建局")
    liaison = LiaisonFactory(department=housing).user
    other_liaison = LiaisonFactory(department=DepartmentFactory(name="区城管局")).user
    issue = IssueFactory(room=community_room, title="电梯故障", department=None)
    with django_capture_on_commit_callbacks(execute=True):
        issue_assign(issue=issue, author=community_convener, department=housing, expected_version=issue.version)
    assert inbox(liaison, Notification.Kind.ISSUE_ASSIGNED) == ["新交办问题：电梯故障"]
    assert inbox(other_liaison) == [] and inbox(street_convener) == []

    issue.refresh_from_db()
    Issue.objects.filter(pk=issue.pk).update(handling=Issue.Handling.DONE_REPORTED, resolution="已修好")
    issue.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        handling_confirm(issue=issue, author=community_convener, accept=True, expected_version=issue.version)
    assert inbox(liaison, Notification.Kind.ISSUE_CONFIRMED) == ["召集人已确认办结：电梯故障"]

    issue.refresh_from_db()
    told = []
    monkeypatch.setattr("issues.tasks.tell_followers", lambda issue, subject, text, key: told.append(subject))
    with django_capture_on_commit_callbacks(execute=True):
        issue_post_update(issue=issue, author=community_convener, note="再次漏水，重新办理", status_to="in_progress")
    assert told == ["您关注的问题有新进展：电梯故障（办理中）"]  # status_changed: the followers
    # Reopened by the convener: the department has it again and is told.
    assert inbox(liaison, Notification.Kind.ISSUE_ASSIGNED) == ["新交办问题：电梯故障", "新交办问题：电梯故障"]
    assert Issue.objects.get(pk=issue.pk).handling == Issue.Handling.ASSIGNED
