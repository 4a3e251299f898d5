"""One rule, one answer: the convener's HTML pages and the API answer the same for a session past
the edit window (403 with the same Chinese reason) and for another room's session (404)."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from deliberations.models import Session
from tests.factories import SessionFactory

REASON = "该议事活动录入已超过 30 天，召集人不能再修改或删除，请联系区政协机关工作人员。"


@pytest.fixture
def api(convener):
    client = APIClient()
    client.force_authenticate(convener)
    return client


def _past_the_window(session):
    Session.objects.filter(pk=session.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))


def test_past_the_window_html_and_api_both_answer_403_with_the_same_reason(client, api, convener, room):
    session = SessionFactory(room=room, place="原地点")
    _past_the_window(session)
    client.force_login(convener)
    for url in (f"/my/sessions/{session.pk}/edit/", f"/my/sessions/{session.pk}/delete/"):
        response = client.get(url)
        assert response.status_code == 403 and REASON in response.content.decode()
    response = api.patch(
        f"/api/v1/sessions/{session.pk}/", {"place": "新地点", "version": session.version}, format="json"
    )
    assert response.status_code == 403 and response.json() == {"detail": REASON}
    response = api.put(f"/api/v1/sessions/{session.pk}/", {"topic": ""}, format="json")
    assert response.status_code == 403  # the rule is answered before the body is read
    session.refresh_from_db()
    assert session.place == "原地点"


def test_another_rooms_session_is_404_on_both(client, api, convener, other_room):
    session = SessionFactory(room=other_room)
    client.force_login(convener)
    assert client.get(f"/my/sessions/{session.pk}/edit/").status_code == 404
    assert client.get(f"/my/sessions/{session.pk}/delete/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/sessions/{session.pk}/", {"place": "新地点", "version": session.version}, format="json"
        ).status_code
        == 404
    )
    _past_the_window(session)
    assert client.get(f"/my/sessions/{session.pk}/edit/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/sessions/{session.pk}/", {"place": "新地点", "version": session.version}, format="json"
        ).status_code
        == 404
    )


def test_within_the_window_both_let_the_convener_edit(client, api, convener, room):
    session = SessionFactory(room=room)
    client.force_login(convener)
    assert client.get(f"/my/sessions/{session.pk}/edit/").status_code == 200
    assert (
        api.patch(
            f"/api/v1/sessions/{session.pk}/", {"place": "新地点", "version": session.version}, format="json"
        ).status_code
        == 200
    )


def test_staff_are_not_held_by_the_window(api, staff, room):
    session = SessionFactory(room=room)
    _past_the_window(session)
    api.force_authenticate(staff)
    assert (
        api.patch(
            f"/api/v1/sessions/{session.pk}/", {"place": "新地点", "version": session.version}, format="json"
        ).status_code
        == 200
    )
