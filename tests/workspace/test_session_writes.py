"""The convener's session form: a double submit logs once, a stale edit answers 409 with the
typed text kept, a photo with too many pixels is a form error, and photos are served through a
view that follows their session."""

import re

import pytest
from django.core.files.storage import default_storage

from deliberations.models import Session, SessionPhoto, SessionQuerySet
from deliberations.services import SessionData, session_update
from tests.core.test_photos import png_header_claiming
from tests.factories import png_upload

from .session_forms import session_post

pytestmark = pytest.mark.django_db


def _token_of(response) -> str:
    return re.search(r'name="client_token" value="([0-9a-f-]{36})"', response.content.decode()).group(1)


def test_the_new_session_form_carries_a_one_time_token(client, convener, room):
    client.force_login(convener)
    first = _token_of(client.get(f"/my/sessions/new/?room={room.pk}"))
    second = _token_of(client.get(f"/my/sessions/new/?room={room.pk}"))
    assert first != second


def test_a_double_submit_logs_one_session_and_both_answers_say_saved(client, convener, room):
    client.force_login(convener)
    token = _token_of(client.get(f"/my/sessions/new/?room={room.pk}"))
    post = session_post(room, client_token=token)
    first = client.post("/my/sessions/new/", post, follow=True)
    second = client.post("/my/sessions/new/", session_post(room, client_token=token), follow=True)
    assert Session.objects.count() == 1
    assert str(Session.objects.get().client_token) == token
    for response in (first, second):
        assert response.status_code == 200
        assert "已保存议事活动“小区停车难协商”" in response.content.decode()


def test_the_saved_confirmation_is_in_the_room_section_with_the_public_link(client, convener, room):
    """The redirect lands on the room's section (#room-<id>): the confirmation is there, not at
    the top of the page, with the way to the session's public page."""
    client.force_login(convener)
    response = client.post("/my/sessions/new/", session_post(room), follow=True)
    session = Session.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"#room-{room.pk}")
    html = response.content.decode()
    section = html[html.index(f'id="room-{room.pk}"') :]
    confirmation = re.search(r'<div class="confirmation[^>]*data-confirmation="room-\d+">(.*?)</div>', section, re.S)
    assert confirmation and "已保存议事活动“小区停车难协商”。" in confirmation.group(1)
    assert f'<a href="{session.get_absolute_url()}">查看公开页面</a>' in confirmation.group(1)
    assert (
        '<ul class="messages"' not in html
        or "已保存议事活动" not in html.split('<ul class="messages"')[1].split("</ul>")[0]
    )


def _edit_then_staff_corrects(client, convener, staff, room):
    client.force_login(convener)
    client.post("/my/sessions/new/", session_post(room))
    session = Session.objects.get()
    form = client.get(f"/my/sessions/{session.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form
    # Meanwhile staff correct the minutes and the headcount.
    session_update(
        session=session,
        author=staff,
        data=SessionData(
            topic=session.topic,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            place=session.place,
            minutes="工作人员更正后的纪要",
            consensus=session.consensus,
            attendance={"cppcc_member": 2, "resident": 26, "department": 3},
        ),
        expected_version=1,
    )
    return session


def test_a_stale_edit_answers_409_keeps_the_typed_text_and_loses_nothing(client, convener, staff, room):
    session = _edit_then_staff_corrects(client, convener, staff, room)
    response = client.post(
        f"/my/sessions/{session.pk}/edit/", session_post(room, minutes="召集人在旧表单里写的纪要", version="1")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "已被他人修改" in html and "召集人在旧表单里写的纪要" in html
    assert "纪要" in html and "居民群众 20→26" in html  # what changed
    assert 'name="version" value="2"' in html  # submitting again (after checking) saves
    session.refresh_from_db()
    assert session.minutes == "工作人员更正后的纪要" and session.version == 2
    assert session.attendance.get(role="resident").headcount == 26
    response = client.post(f"/my/sessions/{session.pk}/edit/", session_post(room, minutes="核对后的纪要", version="2"))
    assert response.status_code == 302
    assert Session.objects.get().minutes == "核对后的纪要"


def test_an_edit_without_its_version_is_refused(client, convener, room):
    client.force_login(convener)
    client.post("/my/sessions/new/", session_post(room))
    session = Session.objects.get()
    post = session_post(room, minutes="没有版本的表单")
    del post["version"]
    response = client.post(f"/my/sessions/{session.pk}/edit/", post)
    assert response.status_code == 200 and "表单缺少版本信息" in response.content.decode()
    assert Session.objects.get().minutes != "没有版本的表单"


def test_a_photo_with_too_many_pixels_is_a_form_error_not_a_500(client, convener, room):
    client.force_login(convener)
    post = session_post(room, photos=1)
    post["photos-0-image"] = png_header_claiming(20000, 20000, name="航拍.png")
    response = client.post("/my/sessions/new/", post)
    assert response.status_code == 200
    assert "照片“航拍.png”的像素过大" in response.content.decode()
    assert not Session.objects.exists()


def test_the_original_file_name_is_published_nowhere(client, convener, room):
    client.force_login(convener)
    post = session_post(room, photos=1)
    post["photos-0-image"] = png_upload("居民王芳_13912345678_家门口.png")
    assert client.post("/my/sessions/new/", post).status_code == 302
    session = Session.objects.get()
    client.logout()
    html = client.get(session.get_absolute_url()).content.decode()
    src = re.search(r'<img src="(/media/[^"]+)"', html).group(1)
    assert re.fullmatch(r"/media/sessions/photos/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", src)
    assert "13912345678" not in html and "王芳" not in html


def _logged_with_photo(client, convener, room):
    client.force_login(convener)
    assert client.post("/my/sessions/new/", session_post(room, photos=1)).status_code == 302
    photo = SessionPhoto.objects.get()
    return photo, f"/media/{photo.image.name}"


def test_a_public_sessions_photo_is_served_and_goes_with_its_session(client, convener, room):
    photo, url = _logged_with_photo(client, convener, room)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    with default_storage.open(photo.image.name) as stored:
        assert b"".join(response.streaming_content) == stored.read()
    client.force_login(convener)
    client.post(f"/my/sessions/{photo.session_id}/delete/")
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get("/media/sessions/photos/00/" + "0" * 32 + ".jpg").status_code == 404


def test_a_photo_of_a_session_the_public_may_not_see_is_404_except_for_its_editors(
    client, convener, other_convener, room, monkeypatch
):
    photo, url = _logged_with_photo(client, convener, room)
    monkeypatch.setattr(SessionQuerySet, "public", lambda self: self.none())
    assert client.get(url).status_code == 200  # the convener of the room
    assert client.get(url)["Cache-Control"] == "private, no-store"
    client.force_login(other_convener)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_the_web_server_can_send_the_file(client, convener, room, settings):
    photo, url = _logged_with_photo(client, convener, room)
    settings.PHOTO_SENDFILE_HEADER = "X-Accel-Redirect"
    settings.PHOTO_SENDFILE_PREFIX = "/protected-media/"
    response = client.get(url)
    assert response.status_code == 200 and response["X-Accel-Redirect"] == f"/protected-media/{photo.image.name}"
    assert response.content == b""
