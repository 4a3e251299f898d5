"""The issue predicates and scopes called directly, for every role: who sees which issues,
whose progress they may post, and who may urge."""

import pytest

from issues import permissions
from tests.factories import IssueFactory
from tests.roles import ROLES, cases, table

pytestmark = pytest.mark.django_db

# predicate (called with the user and an issue of `room`) -> role -> expected answer
ISSUE_PREDICATES = {
    "can_update_issue": table("convener", "staff", "superuser"),
    "can_urge_issue": table("staff", "superuser"),
}
EVERY_ISSUE = {"public_here", "private_here", "public_there", "private_there"}
PUBLIC = {"public_here", "public_there"}
# scope -> role -> the issues it answers (here = `room`, there = `other_room`)
SCOPES = {
    "issues_visible_to": {
        "anonymous": PUBLIC,
        "resident": PUBLIC,
        "convener": PUBLIC | {"private_here"},
        "other_convener": PUBLIC | {"private_there"},
        "staff": EVERY_ISSUE,
        "superuser": EVERY_ISSUE,
        "inactive_convener": PUBLIC,
    },
    "issues_editable_by": {
        "anonymous": set(),
        "resident": set(),
        "convener": {"public_here", "private_here"},
        "other_convener": {"public_there", "private_there"},
        "staff": EVERY_ISSUE,
        "superuser": EVERY_ISSUE,
        "inactive_convener": set(),
    },
}


@pytest.fixture
def issues(room, other_room):
    return {
        "public_here": IssueFactory(room=room, is_public=True),
        "private_here": IssueFactory(room=room, is_public=False),
        "public_there": IssueFactory(room=other_room, is_public=True),
        "private_there": IssueFactory(room=other_room, is_public=False),
    }


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(ISSUE_PREDICATES))
def test_issue_predicates(users_by_role, issues, predicate, role, expected):
    for name in ("public_here", "private_here"):
        assert getattr(permissions, predicate)(users_by_role[role], issues[name]) is expected, name


@pytest.mark.parametrize(
    ("scope", "role"), [pytest.param(scope, role, id=f"{scope}-{role}") for scope in SCOPES for role in ROLES]
)
def test_scopes_return_exactly_the_expected_issues(users_by_role, issues, scope, role):
    found = list(getattr(permissions, scope)(users_by_role[role]))
    assert len(found) == len(set(found))
    assert set(found) == {issues[name] for name in SCOPES[scope][role]}


def test_a_convener_may_not_update_the_issue_of_another_room(convener, other_room):
    assert not permissions.can_update_issue(convener, IssueFactory(room=other_room))
