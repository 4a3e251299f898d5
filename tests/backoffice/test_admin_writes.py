"""The admin writes through the services: a session saved in the admin keeps the rules of the
convener's form (photos without EXIF, history, statistics), and the admin actions call services."""

import datetime
import io
from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.storage import default_storage
from PIL import Image

from deliberations import services
from deliberations.models import Attendance, Session, SessionPhoto
from figures.selectors import district_totals
from rooms.services import rooms_set_active
from tests.core.test_photos import GPS_IFD, jpeg_with_gps
from tests.factories import CampaignFactory, IssueFactory, SessionFactory

CHANGE_URL = "/admin/deliberations/session/{pk}/change/"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def session_form(session, *, attendance=(), photos=(), **overrides):
    """The admin change form of `session` as posted, with both inline management forms."""
    data = {
        "room": session.room_id,
        "topic": session.topic,
        "kind": session.kind,
        "campaign": "",
        "status": session.status,
        "starts_at_0": "2020-06-01",
        "starts_at_1": "09:00:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "place": session.place,
        "minutes": session.minutes,
        "consensus": session.consensus,
        "created_by": "",
        "attendance-TOTAL_FORMS": str(len(attendance)),
        "attendance-INITIAL_FORMS": "0",
        "attendance-MIN_NUM_FORMS": "0",
        "attendance-MAX_NUM_FORMS": "1000",
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    for index, (role, headcount) in enumerate(attendance):
        data[f"attendance-{index}-role"] = role
        data[f"attendance-{index}-headcount"] = str(headcount)
        data[f"attendance-{index}-session"] = str(session.pk)
    for index, upload in enumerate(photos):
        data[f"photos-{index}-image"] = upload
        data[f"photos-{index}-alt_text"] = "居民围坐议事"
        data[f"photos-{index}-caption"] = ""
        data[f"photos-{index}-ordering"] = str(index)
        data[f"photos-{index}-session"] = str(session.pk)
    data.update(overrides)
    return data


def test_a_photo_uploaded_in_the_admin_loses_its_exif_and_gps(staff_client, room):
    session = SessionFactory(room=room)
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(GPS_IFD)
    upload.seek(0)
    response = staff_client.post(CHANGE_URL.format(pk=session.pk), session_form(session, photos=[upload]))
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = SessionPhoto.objects.get(session=session)
    with default_storage.open(photo.image.name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert "exif" not in image.info and not image.getexif()
    assert max(image.size) == 1600 and photo.alt_text == "居民围坐议事"


def test_a_photo_over_5_mb_is_refused_in_the_admin_form(staff_client, room):
    session = SessionFactory(room=room)
    with mock.patch("core.photos.MAX_PHOTO_BYTES", 100):
        response = staff_client.post(CHANGE_URL.format(pk=session.pk), session_form(session, photos=[jpeg_with_gps()]))
    assert response.status_code == 200
    assert "超过 5 MB" in response.content.decode()
    assert not SessionPhoto.objects.exists()


def test_an_admin_session_edit_records_history_and_updates_the_figures(staff_client, staff, room):
    session = SessionFactory(room=room)
    assert district_totals().person_times == 0  # cached now
    data = session_form(session, attendance=[("resident", 25)], topic="改过的议题")
    response = staff_client.post(CHANGE_URL.format(pk=session.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.topic == "改过的议题"
    assert Attendance.objects.get(session=session, role="resident").headcount == 25
    record = session.history.first()
    assert record.history_user == staff and record.topic == "改过的议题"
    assert "居民群众 —→25" in record.history_change_reason
    assert district_totals().person_times == 25


def test_tag_campaign_action_goes_through_the_service(staff_client, staff, room):
    campaign = CampaignFactory(starts_on=datetime.date(2020, 5, 15), ends_on=datetime.date(2020, 6, 15))
    session = SessionFactory(room=room)  # 2020-06-01
    with mock.patch(
        "backoffice.admin.deliberations.sessions_tag_campaign", wraps=services.sessions_tag_campaign
    ) as service:
        staff_client.post(
            "/admin/deliberations/session/", {"action": "tag_campaign", ACTION_CHECKBOX_NAME: [session.pk]}
        )
    assert service.call_args.kwargs["author"] == staff
    session.refresh_from_db()
    assert session.campaign_id == campaign.pk and session.kind == Session.Kind.CAMPAIGN
    assert session.history.first().history_user == staff


def test_room_activation_goes_through_the_service(staff_client, staff, room):
    with mock.patch("backoffice.admin.rooms.rooms_set_active", wraps=rooms_set_active) as service:
        staff_client.post("/admin/rooms/room/", {"action": "deactivate", ACTION_CHECKBOX_NAME: [room.pk]})
    assert service.call_args.kwargs["active"] is False and service.call_args.kwargs["author"] == staff
    room.refresh_from_db()
    assert not room.is_active and room.history.first().history_user == staff


def test_deleting_a_session_in_the_admin_keeps_its_issues_with_a_note(staff_client, room):
    session = SessionFactory(room=room, topic="井盖议题")
    issue = IssueFactory(room=room, raised_in=session)
    response = staff_client.post(f"/admin/deliberations/session/{session.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Session.objects.exists()
    assert "井盖议题" in issue.updates.get().note


def test_the_admin_form_carries_the_version_and_refuses_a_stale_save(staff_client, staff, convener, room):
    """A convener changed the session after staff opened it: the staff's save must not erase it."""
    from deliberations.services import SessionData, session_update

    session = SessionFactory(room=room, minutes="原纪要")
    page = staff_client.get(CHANGE_URL.format(pk=session.pk)).content.decode()
    assert 'name="expected_version" value="1"' in page
    session_update(
        session=session,
        author=convener,
        data=SessionData(topic=session.topic, starts_at=session.starts_at, minutes="召集人刚改的纪要"),
        expected_version=1,
    )
    response = staff_client.post(
        CHANGE_URL.format(pk=session.pk), session_form(session, minutes="工作人员的旧稿", expected_version="1")
    )
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    assert Session.objects.get(pk=session.pk).minutes == "召集人刚改的纪要"
    response = staff_client.post(
        CHANGE_URL.format(pk=session.pk), session_form(session, minutes="核对后的纪要", expected_version="2")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.minutes, session.version) == ("核对后的纪要", 3)


def test_a_photo_with_too_many_pixels_is_a_form_error_in_the_admin(staff_client, room):
    from tests.core.test_photos import png_header_claiming

    session = SessionFactory(room=room)
    upload = png_header_claiming(20000, 20000, name="航拍.png")
    response = staff_client.post(CHANGE_URL.format(pk=session.pk), session_form(session, photos=[upload]))
    assert response.status_code == 200
    assert "照片“航拍.png”的像素过大" in response.content.decode()
    assert not SessionPhoto.objects.exists()


def test_a_room_photo_with_too_many_pixels_is_a_form_error_and_a_room_photo_gets_a_random_name(staff_client, room):
    import re

    from tests.core.test_photos import png_header_claiming
    from tests.factories import png_upload

    url = f"/admin/rooms/room/{room.pk}/change/"
    page = staff_client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "photo"}
    data.update({key: "" for key in ("street", "community", "sector") if not data.get(key)})
    data["photo"] = png_header_claiming(20000, 20000, name="航拍.png")
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = staff_client.post(url, data)
    assert "照片“航拍.png”的像素过大" in response.content.decode()
    data["photo"] = png_upload("居民王芳_13912345678.png")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    room.refresh_from_db()
    assert re.fullmatch(r"rooms/[0-9a-f]{32}\.jpg", room.photo.name)
