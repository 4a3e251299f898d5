"""The session and suggestion predicates and scopes called directly, for every role. A convener
may change a session of their room within the edit window and not after it; staff always may."""

import datetime

import pytest
from django.utils import timezone

from core.models import PortalSettings
from deliberations import permissions
from deliberations.models import Session
from tests.factories import SessionFactory, TopicSuggestionFactory
from tests.roles import ROLES, cases, table

pytestmark = pytest.mark.django_db

MANAGE = table("convener", "staff", "superuser")
STAFF_ONLY = table("staff", "superuser")

# predicate -> role -> expected answer, called with the user and an object of `room`
ROOM_PREDICATES = {"can_log_session": MANAGE}
FRESH_SESSION_PREDICATES = {"can_edit_session": MANAGE, "can_delete_session": MANAGE}
OLD_SESSION_PREDICATES = {"can_edit_session": STAFF_ONLY, "can_delete_session": STAFF_ONLY}
SUGGESTION_PREDICATES = {"can_review_suggestion": MANAGE}
# scope -> role -> which objects it answers (here = `room`, there = `other_room`)
SCOPES = {
    "sessions_editable_by": {
        "anonymous": set(),
        "resident": set(),
        "convener": {"here"},
        "other_convener": {"there"},
        "staff": {"here", "there"},
        "superuser": {"here", "there"},
        "inactive_convener": set(),
    },
    "suggestions_reviewable_by": {
        "anonymous": set(),
        "resident": set(),
        "convener": {"here"},
        "other_convener": {"there"},
        "staff": {"here", "there"},
        "superuser": {"here", "there"},
        "inactive_convener": set(),
    },
}


def fresh_session(room):
    """Held an hour ago and logged just now: well within any edit window."""
    now = timezone.now()
    return SessionFactory(
        room=room, starts_at=now - datetime.timedelta(hours=2), ends_at=now - datetime.timedelta(hours=1)
    )


def old_session(room):
    """Held and logged long past the edit window."""
    days = PortalSettings.load().session_edit_window_days + 30
    long_ago = timezone.now() - datetime.timedelta(days=days)
    session = SessionFactory(room=room, starts_at=long_ago, ends_at=long_ago + datetime.timedelta(hours=1))
    Session.objects.filter(pk=session.pk).update(created_at=long_ago)
    return Session.objects.get(pk=session.pk)


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(ROOM_PREDICATES))
def test_room_predicates(users_by_role, room, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role], room) is expected


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(FRESH_SESSION_PREDICATES))
def test_session_predicates_within_the_edit_window(users_by_role, room, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role], fresh_session(room)) is expected


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(OLD_SESSION_PREDICATES))
def test_session_predicates_past_the_edit_window(users_by_role, room, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role], old_session(room)) is expected


@pytest.mark.parametrize(("predicate", "role", "expected"), cases(SUGGESTION_PREDICATES))
def test_suggestion_predicates(users_by_role, room, predicate, role, expected):
    assert getattr(permissions, predicate)(users_by_role[role], TopicSuggestionFactory(room=room)) is expected


@pytest.fixture
def scoped_objects(room, other_room):
    return {
        "sessions_editable_by": {"here": fresh_session(room), "there": fresh_session(other_room)},
        "suggestions_reviewable_by": {
            "here": TopicSuggestionFactory(room=room),
            "there": TopicSuggestionFactory(room=other_room),
        },
    }


@pytest.mark.parametrize(
    ("scope", "role"), [pytest.param(scope, role, id=f"{scope}-{role}") for scope in SCOPES for role in ROLES]
)
def test_scopes_return_exactly_the_expected_objects(users_by_role, scoped_objects, scope, role):
    found = list(getattr(permissions, scope)(users_by_role[role]))
    assert len(found) == len(set(found))
    assert set(found) == {scoped_objects[scope][name] for name in SCOPES[scope][role]}


def test_the_convener_of_another_room_may_not_log_edit_or_review_there(other_convener, room):
    session = fresh_session(room)
    assert not permissions.can_log_session(other_convener, room)
    assert not permissions.can_edit_session(other_convener, session)
    assert not permissions.can_review_suggestion(other_convener, TopicSuggestionFactory(room=room))
