"""The admin's check-in screens: staff see them; posters are written through the service; check-ins
and codes are view-only."""

import hashlib

import pytest
from django.urls import reverse

from checkins.models import Checkin, RoomPoster
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_staff_see_checkins_and_codes_view_only(client, staff, today_session):
    Checkin.objects.create(session=today_session, role="resident", device_key=hashlib.sha256(b"x").hexdigest())
    client.force_login(staff)
    for name in ("checkins_checkin", "checkins_checkincode", "checkins_roomposter"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:checkins_checkin_add")).status_code == 403
    checkin = Checkin.objects.get()
    page = client.get(reverse("admin:checkins_checkin_change", args=[checkin.pk])).content.decode()
    assert checkin.device_key not in page
    assert (
        today_session.checkin_code.token
        not in client.get(reverse("admin:checkins_checkincode_changelist")).content.decode()
    )


def test_staff_set_opening_hours_in_the_admin(client, staff, room):
    client.force_login(staff)
    response = client.post(reverse("admin:checkins_roomposter_add"), {"room": room.pk, "opening_hours": "每周五上午"})
    assert response.status_code == 302
    assert RoomPoster.objects.get(room=room).opening_hours == "每周五上午"


def test_convener_has_no_admin(client, convener):
    SessionFactory()
    client.force_login(convener)
    assert client.get(reverse("admin:checkins_checkin_changelist")).status_code == 302
