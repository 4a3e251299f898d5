"""The permission matrix: every role against every convener action, each cell asserting the
status code and what the database holds afterwards.

Roles: anonymous, a logged-in resident (no room), the convener of this room, the convener of
another room, staff, superuser.
Actions: view my rooms, log a session, edit, delete, post an issue update, accept a suggestion.
Allowed cells succeed; anonymous is sent to the login page; the other room's convener gets 404
(the same answer as for an id that does not exist) and nothing changes.
"""

import pytest

from deliberations.models import Session, TopicSuggestion
from issues.models import IssueUpdate
from tests.factories import IssueFactory, SessionFactory, TopicSuggestionFactory, UserFactory

from .session_forms import session_post

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "convener", "other_convener", "staff", "superuser"]
ALLOWED = {"convener", "staff", "superuser"}


@pytest.fixture
def actor(request, client, convener, other_convener, staff, superuser):
    user = {
        "anonymous": None,
        "resident": UserFactory(username="resident-user"),
        "convener": convener,
        "other_convener": other_convener,
        "staff": staff,
        "superuser": superuser,
    }[request.param]
    if user is not None:
        client.force_login(user)
    return request.param


def assert_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_view_my_rooms(client, actor, room):
    response = client.get("/my/", {"room": room.pk})
    if actor in ALLOWED:
        assert response.status_code == 200 and room.name in response.content.decode()
    else:
        assert_refused(response, actor)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_log_a_session(client, actor, room):
    form = client.get("/my/sessions/new/", {"room": room.pk})
    response = client.post("/my/sessions/new/", session_post(room, topic="矩阵测试议题"))
    if actor in ALLOWED:
        assert form.status_code == 200
        assert response.status_code == 302
        assert Session.objects.filter(room=room, topic="矩阵测试议题").count() == 1
    else:
        assert_refused(form, actor)
        assert_refused(response, actor)
        assert not Session.objects.exists()


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_edit_a_session(client, actor, room):
    session = SessionFactory(room=room, topic="原议题")
    form = client.get(f"/my/sessions/{session.pk}/edit/")
    response = client.post(f"/my/sessions/{session.pk}/edit/", session_post(room, topic="改后的议题"))
    session.refresh_from_db()
    if actor in ALLOWED:
        assert form.status_code == 200
        assert response.status_code == 302 and session.topic == "改后的议题"
    else:
        assert_refused(form, actor)
        assert_refused(response, actor)
        assert session.topic == "原议题" and not session.attendance.exists()


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_delete_a_session(client, actor, room):
    session = SessionFactory(room=room)
    confirm = client.get(f"/my/sessions/{session.pk}/delete/")
    response = client.post(f"/my/sessions/{session.pk}/delete/")
    if actor in ALLOWED:
        assert confirm.status_code == 200
        assert response.status_code == 302 and not Session.objects.filter(pk=session.pk).exists()
    else:
        assert_refused(confirm, actor)
        assert_refused(response, actor)
        assert Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_post_an_issue_update(client, actor, room):
    issue = IssueFactory(room=room)
    page = client.get(f"/my/issues/{issue.pk}/")
    response = client.post(
        f"/my/issues/{issue.pk}/",
        {"note": "矩阵进展", "status_to": "in_progress", "occurred_on": "2020-06-10", "version": issue.version},
    )
    issue.refresh_from_db()
    if actor in ALLOWED:
        assert page.status_code == 200
        assert response.status_code == 302 and issue.status == "in_progress"
        assert IssueUpdate.objects.get(issue=issue).note == "矩阵进展"
    else:
        assert_refused(page, actor)
        assert_refused(response, actor)
        assert issue.status == "deliberating" and issue.version == 1 and not IssueUpdate.objects.exists()


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_accept_a_suggestion(client, actor, room):
    suggestion = TopicSuggestionFactory(room=room)
    response = client.post(f"/my/suggestions/{suggestion.pk}/review/", {"action": "accept"})
    suggestion.refresh_from_db()
    if actor in ALLOWED:
        assert response.status_code == 302 and suggestion.status == TopicSuggestion.Status.ACCEPTED
    else:
        assert_refused(response, actor)
        assert suggestion.status == TopicSuggestion.Status.PENDING and suggestion.reviewed_by is None


def test_my_rooms_without_a_room_lists_only_ones_own(client, convener, other_convener, room, other_room):
    client.force_login(other_convener)
    html = client.get("/my/").content.decode()
    assert other_room.name in html and room.name not in html
