"""The session form on a phone: photos survive a failed submit, required fields are marked,
the start defaults to a round time in the past, members are listed in pinyin order with a hint
for namesakes, and the deliberated issues are offered once."""

import datetime
import re

import pytest
from django.utils import timezone

from deliberations.models import Session, SessionPhoto
from tests.factories import IssueFactory, SectorFactory, UserFactory

from .session_forms import session_post

pytestmark = pytest.mark.django_db

NEW_URL = "/my/sessions/new/"


def _uploaded_names(html):
    return re.findall(r'name="remove_uploaded" value="([0-9a-f]{32}\.jpg)"', html)


def test_photo_survives_a_validation_error_and_is_saved_with_the_next_submit(client, convener, room):
    client.force_login(convener)
    data = session_post(room, photos=1, topic="")  # the topic is missing: the submit fails
    response = client.post(NEW_URL, data)
    html = response.content.decode()
    assert response.status_code == 200 and "请填写议题" in html
    assert "已上传的照片" in html
    names = _uploaded_names(html)
    assert len(names) == 1
    token = re.search(r'name="photo_upload_token" value="([0-9a-f-]{36})"', html)[1]
    # The thumbnail is served to the uploader only.
    thumbnail = f"/my/sessions/uploads/{token}/{names[0]}"
    assert thumbnail in html
    answer = client.get(thumbnail)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    assert b"".join(answer.streaming_content)[:2] == b"\xff\xd8"
    other = UserFactory(username="someone-else")
    client.force_login(other)
    assert client.get(thumbnail).status_code == 404
    client.force_login(convener)
    # Second submit: the topic is fixed, no file is chosen again; the kept photo is saved.
    retry = session_post(room, photos=0, photo_upload_token=token)
    retry[f"uploaded-{names[0]}-alt_text"] = "议事现场"
    retry[f"uploaded-{names[0]}-caption"] = "居民发言"
    response = client.post(NEW_URL, retry)
    assert response.status_code == 302
    photo = SessionPhoto.objects.get()
    assert photo.alt_text == "议事现场" and photo.caption == "居民发言"
    assert client.get(thumbnail).status_code == 404  # the kept copy is gone after the save


def test_kept_photo_needs_its_alt_text_and_can_be_removed(client, convener, room):
    client.force_login(convener)
    data = session_post(room, photos=1)
    data["photos-0-alt_text"] = ""  # only the alt text is missing
    html = client.post(NEW_URL, data).content.decode()
    assert "请为照片填写替代文字" in html
    names = _uploaded_names(html)
    assert len(names) == 1  # kept, although its own row failed
    token = re.search(r'name="photo_upload_token" value="([0-9a-f-]{36})"', html)[1]
    retry = session_post(room, photos=0, photo_upload_token=token)
    response = client.post(NEW_URL, retry)  # still no alt text for the kept photo
    assert response.status_code == 200 and "请为照片填写替代文字" in response.content.decode()
    assert not Session.objects.exists()
    retry["remove_uploaded"] = names[0]
    assert client.post(NEW_URL, retry).status_code == 302
    assert Session.objects.count() == 1 and not SessionPhoto.objects.exists()


def test_required_and_optional_fields_are_marked(client, convener, room):
    client.force_login(convener)
    html = client.get(NEW_URL, {"room": room.pk}).content.decode()
    assert re.search(r"议题\s*<span class=\"field-mark required\">（必填）</span>", html)
    assert "（选照片时必填）" in html or "（选了照片时必填）" in html
    assert re.search(r"地点\s*<span class=\"field-mark optional\">（选填）</span>", html)


def test_start_defaults_to_the_last_full_hour_and_planned_sessions_must_be_ahead(client, convener, room):
    client.force_login(convener)
    now = timezone.localtime()
    html = client.get(NEW_URL, {"room": room.pk}).content.decode()
    value = re.search(r'name="starts_at" value="([^"]+)"', html)[1]
    assert value == now.replace(minute=0).strftime("%Y-%m-%dT%H:00") or value.endswith(":00")
    past = (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(NEW_URL, session_post(room, status="planned", starts_at=past, ends_at=""))
    assert response.status_code == 200 and "开始时间应在将来" in response.content.decode()
    assert not Session.objects.exists()


def test_members_in_pinyin_order_labelled_with_their_sector(client, convener, room):
    sectors = {name: SectorFactory(name=name) for name in ("经济界", "教育界", "医卫界")}
    for name, sector in (("周强", "经济界"), ("向磊", "教育界"), ("安然", "经济界"), ("向磊", "医卫界")):
        UserFactory(full_name=name, is_cppcc_member=True, sector=sectors[sector])
    client.force_login(convener)
    html = client.get(NEW_URL, {"room": room.pk}).content.decode()
    labels = re.findall(r'name="cppcc_members" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert labels == ["安然（经济界）", "向磊（教育界）", "向磊（医卫界）", "周强（经济界）"]
    assert 'id="member-filter"' in html


def test_deliberated_issues_are_offered_once(client, convener, room):
    IssueFactory(room=room)
    client.force_login(convener)
    html = client.get(NEW_URL, {"room": room.pk}).content.decode()
    assert html.count("本次协商的已有问题") == 1
