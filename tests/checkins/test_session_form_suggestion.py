"""The session form offers the check-ins per role next to the headcounts, and fills in nothing
by itself."""

import hashlib
import re

import pytest
from django.urls import reverse

from checkins.models import Checkin
from tests.factories import AttendanceFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _checkins(session, **per_role):
    for role, count in per_role.items():
        for n in range(count):
            key = hashlib.sha256(f"{role}-{n}".encode()).hexdigest()
            Checkin.objects.create(session=session, role=role, device_key=key)


def test_edit_form_shows_the_checked_in_counts_per_role(client, room, convener):
    session = SessionFactory(room=room)
    _checkins(session, resident=12, cppcc_member=2)
    client.force_login(convener)
    body = client.get(reverse("workspace:session_edit", args=[session.pk])).content.decode()
    assert "扫码签到 14 人" in body
    assert 'data-checkin-role="resident" data-checkin-count="12"' in body
    assert 'data-checkin-role="cppcc_member" data-checkin-count="2"' in body
    assert 'data-checkin-role="expert" data-checkin-count="0"' in body
    # Not filled in: the headcount fields keep what was recorded (here: nothing).
    assert not re.search(r'name="att-resident"[^>]*value=', body)


def test_recorded_headcounts_are_left_as_they_are(client, room, convener):
    session = SessionFactory(room=room)
    AttendanceFactory(session=session, role="resident", headcount=30)
    _checkins(session, resident=12)
    client.force_login(convener)
    body = client.get(reverse("workspace:session_edit", args=[session.pk])).content.decode()
    assert re.search(r'name="att-resident"[^>]*value="30"', body)
    assert 'data-checkin-count="12"' in body


def test_no_suggestion_without_checkins_or_for_a_new_session(client, room, convener):
    session = SessionFactory(room=room)
    client.force_login(convener)
    edit = client.get(reverse("workspace:session_edit", args=[session.pk])).content.decode()
    assert "data-checkin-suggestion" not in edit
    new = client.get(reverse("workspace:session_new") + f"?room={room.pk}").content.decode()
    assert "data-checkin-suggestion" not in new


def test_suggestion_costs_one_query(client, room, convener, django_assert_max_num_queries):
    """The same number of queries with few or many check-ins (a count per role, in the database)."""
    session = SessionFactory(room=room)
    _checkins(session, resident=1)
    client.force_login(convener)
    url = reverse("workspace:session_edit", args=[session.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _checkins(session, expert=40, department=25)
    with django_assert_max_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert "扫码签到 66 人" in body


def test_workspace_links_to_the_poster_and_the_checkin_code(client, room, convener):
    session = SessionFactory(room=room)
    client.force_login(convener)
    body = client.get(reverse("workspace:home")).content.decode()
    assert reverse("workspace:room_poster", args=[room.pk]) in body
    assert reverse("workspace:session_checkin", args=[session.pk]) in body
