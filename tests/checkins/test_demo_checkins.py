"""The demo's check-ins: a session today with check-ins the session form offers, recent held
sessions with fewer check-ins than attendees, a poster with opening hours for every room, and a
second run that adds nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from checkins.models import Checkin, CheckinCode, RoomPoster
from deliberations.models import Attendance, Session
from demo.checkins import TODAY_TOPIC, load_checkins
from rooms.models import Room

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_checkins(demo, client):
    today = timezone.localdate()
    session = Session.objects.get(topic=TODAY_TOPIC)
    assert timezone.localtime(session.starts_at).date() == today
    assert CheckinCode.objects.filter(session=session).exists()
    assert Checkin.objects.filter(session=session).count() == 13
    assert RoomPoster.objects.exclude(opening_hours="").count() == Room.objects.count()

    held = Checkin.objects.filter(session__status=Session.Status.HELD)
    assert held.values("session").distinct().count() >= 3
    per_session_role = held.values("session", "role").annotate(n=Count("pk"))
    for row in per_session_role:
        headcount = Attendance.objects.filter(session=row["session"], role=row["role"]).aggregate(h=Sum("headcount"))
        assert row["n"] <= headcount["h"]

    counts = (Checkin.objects.count(), CheckinCode.objects.count(), RoomPoster.objects.count())
    load_checkins()
    assert (Checkin.objects.count(), CheckinCode.objects.count(), RoomPoster.objects.count()) == counts

    client.force_login(get_user_model().objects.get(username="convener"))
    form = client.get(reverse("workspace:session_edit", args=[session.pk])).content.decode()
    assert "扫码签到 13 人" in form
