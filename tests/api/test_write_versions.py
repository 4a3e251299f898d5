"""Lost updates through the API: a session write must name its version (the `version` field or
If-Match with the ETag of a GET), a stale one answers 409; an issue update must send
`expected_version`; creating a session with the same client token twice logs it once."""

import uuid

import pytest

from deliberations.models import Attendance, Session
from deliberations.services import SessionData, session_update
from issues.models import IssueUpdate
from tests.factories import IssueFactory, SessionFactory

from .test_writes import NEW_SESSION

pytestmark = pytest.mark.django_db

VERSION_REQUIRED = "请提供您读取到的版本号 version，或用 If-Match 请求头传回读取时的 ETag。"


def _corrected_by_staff(session, staff):
    """Staff change the minutes and the headcount (version 1 → 2)."""
    return session_update(
        session=session,
        author=staff,
        data=SessionData(
            topic=session.topic, starts_at=session.starts_at, minutes="工作人员更正的纪要", attendance={"resident": 9}
        ),
        expected_version=session.version,
    )


def test_a_session_detail_carries_its_version_and_an_etag(api, room):
    session = SessionFactory(room=room)
    response = api.get(f"/api/v1/sessions/{session.pk}/")
    assert response.json()["version"] == 1 and response["ETag"]


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_write_without_a_version_is_a_400_on_version(token_client, convener, room, method):
    session = SessionFactory(room=room, place="原地点")
    response = getattr(token_client(convener), method)(
        f"/api/v1/sessions/{session.pk}/", {**NEW_SESSION, "place": "新地点"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"version": [VERSION_REQUIRED]}
    assert Session.objects.get().place == "原地点"


def test_a_stale_version_is_a_409_with_what_changed(token_client, convener, staff, room):
    session = SessionFactory(room=room, minutes="原纪要")
    Attendance.objects.create(session=session, role="resident", headcount=5)
    _corrected_by_staff(session, staff)
    response = token_client(convener).patch(
        f"/api/v1/sessions/{session.pk}/", {"minutes": "召集人的旧稿", "version": 1}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert "已被他人修改" in body["detail"] and body["current_version"] == 2
    assert "纪要" in body["changes"]
    session.refresh_from_db()
    assert session.minutes == "工作人员更正的纪要" and session.attendance.get().headcount == 9


def test_if_match_with_the_etag_of_a_get_works_and_a_stale_one_is_a_409(token_client, convener, staff, room):
    session = SessionFactory(room=room)
    client = token_client(convener)
    etag = client.get(f"/api/v1/sessions/{session.pk}/")["ETag"]
    response = client.patch(f"/api/v1/sessions/{session.pk}/", {"place": "新地点"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["version"] == 2
    # The same ETag again is stale now.
    response = client.patch(
        f"/api/v1/sessions/{session.pk}/", {"place": "又一个地点"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 409 and response.json()["current_version"] == 2
    assert Session.objects.get().place == "新地点"


def test_the_same_client_token_creates_the_session_once(token_client, convener, room):
    client = token_client(convener)
    body = {**NEW_SESSION, "room": room.pk, "client_token": str(uuid.uuid4())}
    first = client.post("/api/v1/sessions/", body, format="json")
    again = client.post("/api/v1/sessions/", body, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Session.objects.count() == 1


def test_an_idempotency_key_header_works_like_the_client_token(token_client, convener, room):
    client = token_client(convener)
    key = str(uuid.uuid4())
    body = {**NEW_SESSION, "room": room.pk}
    assert client.post("/api/v1/sessions/", body, format="json", HTTP_IDEMPOTENCY_KEY=key).status_code == 201
    assert client.post("/api/v1/sessions/", body, format="json", HTTP_IDEMPOTENCY_KEY=key).status_code == 200
    assert Session.objects.count() == 1
    response = client.post("/api/v1/sessions/", body, format="json", HTTP_IDEMPOTENCY_KEY="not-a-uuid")
    assert response.status_code == 400 and "Idempotency-Key" in response.json()


def test_an_issue_update_without_expected_version_is_a_400_in_chinese(token_client, convener, room):
    issue = IssueFactory(room=room)
    response = token_client(convener).post(f"/api/v1/issues/{issue.pk}/updates/", {"note": "进展"}, format="json")
    assert response.status_code == 400
    assert "expected_version" in response.json()
    assert "版本号" in response.json()["expected_version"][0]
    assert not IssueUpdate.objects.filter(issue=issue).exists()


def test_a_stale_issue_update_is_a_409(token_client, convener, room):
    issue = IssueFactory(room=room)
    client = token_client(convener)
    url = f"/api/v1/issues/{issue.pk}/updates/"
    assert client.post(url, {"note": "第一条", "expected_version": issue.version}, format="json").status_code == 201
    response = client.post(url, {"note": "基于旧版本", "expected_version": issue.version}, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == issue.version + 1
    assert IssueUpdate.objects.filter(issue=issue).count() == 1
