"""The permission matrix extended with two roles: the liaison of the issue's department and the
liaison of another department. Each predicate and scope of issues/permissions.py, and the room
and session predicates, called directly for them; the department predicates also for every role
of tests/roles.py (none of whom acts for a department)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from deliberations.permissions import can_log_session, sessions_editable_by
from issues import permissions
from issues.models import ExtensionRequest, Issue
from rooms.permissions import can_manage_room, rooms_managed_by
from tests.factories import DepartmentFactory, IssueFactory, LiaisonFactory, UserFactory
from tests.roles import ROLES

from .conftest import assigned_issue

pytestmark = pytest.mark.django_db

LIAISON_ROLES = ("liaison", "other_liaison")
Handling = Issue.Handling


@pytest.fixture
def issues(room, other_room, department, other_department):
    """here = the liaison's department, there = the other department; two rooms."""
    return {
        "public_here": assigned_issue(room, department, is_public=True),
        "private_here": assigned_issue(other_room, department, is_public=False),
        "public_there": assigned_issue(room, other_department, is_public=True),
        "private_there": assigned_issue(other_room, other_department, is_public=False),
        "unassigned": IssueFactory(room=room, department=None, is_public=False),
    }


@pytest.fixture
def liaisons(liaison, other_liaison):
    return {"liaison": liaison, "other_liaison": other_liaison}


PUBLIC = {"public_here", "public_there"}
# scope -> liaison role -> the issues it answers
LIAISON_SCOPES = {
    "issues_handled_by": {
        "liaison": {"public_here", "private_here"},
        "other_liaison": {"public_there", "private_there"},
    },
    "issues_visible_to": {"liaison": PUBLIC | {"private_here"}, "other_liaison": PUBLIC | {"private_there"}},
    "issues_editable_by": {"liaison": set(), "other_liaison": set()},
}


@pytest.mark.parametrize(
    ("scope", "role"), [pytest.param(s, r, id=f"{s}-{r}") for s in LIAISON_SCOPES for r in LIAISON_ROLES]
)
def test_liaison_scopes_return_exactly_the_expected_issues(liaisons, issues, scope, role):
    found = list(getattr(permissions, scope)(liaisons[role]))
    assert len(found) == len(set(found))
    assert set(found) == {issues[name] for name in LIAISON_SCOPES[scope][role]}


@pytest.mark.parametrize("role", ROLES)
def test_no_other_role_handles_any_issue(users_by_role, issues, role):
    """Conveners, staff and residents act on issues through the workspace or the admin, never
    as a department: the department scope is empty and no department step is theirs."""
    user = users_by_role[role]
    assert list(permissions.issues_handled_by(user)) == []
    for issue in issues.values():
        assert not permissions.can_handle_issue(user, issue)
        assert permissions.handling_steps(user, issue) == ()


# predicate -> (liaison of the issue's department, liaison of another department)
LIAISON_PREDICATES = {
    "can_handle_issue": (True, False),
    "can_update_issue": (False, False),
    "can_urge_issue": (False, False),
}


@pytest.mark.parametrize("predicate", LIAISON_PREDICATES)
def test_liaison_predicates(liaison, other_liaison, issues, predicate):
    own, other = LIAISON_PREDICATES[predicate]
    for name in ("public_here", "private_here"):
        assert getattr(permissions, predicate)(liaison, issues[name]) is own, name
        assert getattr(permissions, predicate)(other_liaison, issues[name]) is other, name


def test_only_staff_decide_extensions(liaison, other_liaison, staff, issue, department):
    extension = ExtensionRequest.objects.create(
        issue=issue, department=department, requested_due_on=datetime.date(2030, 1, 1), reason="工程量大"
    )
    assert not permissions.can_decide_extension(liaison, extension)
    assert not permissions.can_decide_extension(other_liaison, extension)
    assert permissions.can_decide_extension(staff, extension)


@pytest.mark.parametrize("role", LIAISON_ROLES)
def test_liaisons_manage_no_room_and_log_no_session(liaisons, room, other_room, role):
    user = liaisons[role]
    assert list(rooms_managed_by(user)) == []
    assert list(sessions_editable_by(user)) == []
    for a_room in (room, other_room):
        assert not can_manage_room(user, a_room)
        assert not can_log_session(user, a_room)


# handling state -> the steps the department's liaison may take
STEPS = {
    Handling.ASSIGNED: ("accept", "return"),
    Handling.ACCEPTED: ("progress", "extension", "done"),
    Handling.RETURNED: (),
    Handling.DONE_REPORTED: (),
}


@pytest.mark.parametrize("handling", list(STEPS))
def test_steps_follow_the_handling_state(liaison, other_liaison, room, department, handling):
    issue = assigned_issue(room, department, handling=handling)
    assert permissions.handling_steps(liaison, issue) == STEPS[handling]
    assert permissions.can_handle_issue(liaison, issue) is bool(STEPS[handling])
    assert permissions.handling_steps(other_liaison, issue) == ()
    for step in permissions.HANDLING_STEPS:
        refusal = permissions.handling_refusal(liaison, issue, step)
        assert (refusal is None) is (step in STEPS[handling])
        assert permissions.handling_refusal(other_liaison, issue, step) == "该问题不由您的单位承办。"


def test_nothing_to_handle_once_the_issue_is_closed_or_confirmed(liaison, room, department):
    confirmed = assigned_issue(
        room,
        department,
        handling=Handling.CONFIRMED,
        status=Issue.Status.RESOLVED,
        resolution="已修复",
        resolved_on=datetime.date(2020, 7, 1),
    )
    closed = assigned_issue(
        room, department, handling=Handling.ACCEPTED, status=Issue.Status.CLOSED, closed_reason="产权纠纷"
    )
    for issue in (confirmed, closed):
        assert permissions.handling_steps(liaison, issue) == ()
        assert not permissions.can_handle_issue(liaison, issue)
    assert "已办结或已关闭" in permissions.handling_refusal(liaison, closed, "progress")


def test_refusals_say_why(liaison, issue, accepted_issue):
    assert permissions.handling_refusal(liaison, issue, "progress") == "请先签收该问题，再办理。"
    assert permissions.handling_refusal(liaison, accepted_issue, "accept") == "该问题已经签收。"
    assert "不能再退回" in permissions.handling_refusal(liaison, accepted_issue, "return")
    with pytest.raises(ValueError):
        permissions.handling_refusal(liaison, issue, "delete")


def test_an_inactive_liaison_or_department_handles_nothing(room, department, issue):
    inactive = UserFactory(username="liaison-gone", is_active=False)
    LiaisonFactory(user=inactive, department=department)
    closed_department = DepartmentFactory(name="已撤销的单位", is_active=False)
    orphan = UserFactory(username="liaison-orphan")
    LiaisonFactory(user=orphan, department=closed_department)
    old_issue = assigned_issue(room, closed_department)
    for user, an_issue in ((inactive, issue), (orphan, old_issue)):
        assert list(permissions.issues_handled_by(user)) == []
        assert not permissions.can_handle_issue(user, an_issue)
        assert permissions.handling_steps(user, an_issue) == ()
        assert an_issue not in permissions.issues_visible_to(user) or an_issue.is_public


def test_anonymous_handles_nothing(issue):
    assert list(permissions.issues_handled_by(AnonymousUser())) == []
    assert permissions.handling_steps(AnonymousUser(), issue) == ()
