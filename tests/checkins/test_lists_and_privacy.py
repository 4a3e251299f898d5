"""The staff's poster list and the pages around check-in: pinned query counts at two data sizes,
who may open them, and that no check-in detail reaches a public page or the API."""

import hashlib

import pytest
from django.urls import reverse

from checkins.models import Checkin, CheckinCode, RoomPoster
from tests.factories import ConvenershipFactory, RoomFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

POSTER_LIST_MAX_QUERIES = 5  # session, user, the capped count, unread messages, the page of rooms with streets
CHECKIN_PAGE_MAX_QUERIES = 2  # the code with its session and room; the phone's own check-in when it has a cookie
# session, user, the session (scoped to the user's rooms), the room check and the code (in a
# savepoint: two statements more), the counts per role, unread messages
CHECKIN_CODE_MAX_QUERIES = 9


def _rooms(n):
    for _ in range(n):
        room = RoomFactory()
        ConvenershipFactory(user=UserFactory(), room=room)
        RoomPoster.objects.create(room=room, opening_hours="每周三下午")


@pytest.mark.parametrize("size", [3, 30])
def test_staff_poster_list_query_count_is_the_same_at_two_sizes(client, staff, size, django_assert_max_num_queries):
    _rooms(size)
    client.force_login(staff)
    with django_assert_max_num_queries(POSTER_LIST_MAX_QUERIES):
        response = client.get(reverse("staff:room-posters"))
    assert response.status_code == 200
    assert response.content.decode().count("data-room=") == min(size, 50)


def test_staff_poster_list_pages(client, staff):
    _rooms(55)
    client.force_login(staff)
    second = client.get(reverse("staff:room-posters") + "?page=2").content.decode()
    assert second.count("data-room=") == 5


@pytest.mark.parametrize(("role", "status"), [("convener", 403), ("resident", 403), ("anonymous", 302)])
def test_staff_poster_list_is_staff_only(client, users_by_role, role, status):
    user = users_by_role[role]
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(reverse("staff:room-posters")).status_code == status


def _checkins(session, count):
    for n in range(count):
        Checkin.objects.create(session=session, role="resident", device_key=hashlib.sha256(str(n).encode()).hexdigest())


@pytest.mark.parametrize("size", [1, 40])
def test_checkin_pages_query_counts_do_not_grow(client, convener, today_session, size, django_assert_max_num_queries):
    _checkins(today_session, size)
    url = reverse("checkins:checkin", args=[today_session.checkin_code.token])
    client.post(url, {"role": "expert"})  # this phone has checked in: its page looks its check-in up
    with django_assert_max_num_queries(CHECKIN_PAGE_MAX_QUERIES):
        assert client.get(url).status_code == 200
    client.force_login(convener)
    code_url = reverse("workspace:session_checkin", args=[today_session.pk])
    client.get(code_url)
    with django_assert_max_num_queries(CHECKIN_CODE_MAX_QUERIES):
        body = client.get(code_url).content.decode()
    assert f"已签到 {size + 1} 人" in body


def test_no_checkin_detail_on_public_pages_or_the_api(client, room, today_session):
    token = today_session.checkin_code.token
    client.post(reverse("checkins:checkin", args=[token]), {"role": "resident"})
    device = Checkin.objects.get().device_key
    pages = [
        reverse("deliberations:detail", args=[today_session.pk]),
        reverse("deliberations:list"),
        reverse("rooms:detail", args=[room.pk]),
        f"/api/v1/sessions/{today_session.pk}/",
        "/api/v1/sessions/",
    ]
    for url in pages:
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert token not in body, url
        assert device not in body, url
        assert "checkin" not in body.lower(), url


def test_checkin_code_is_not_made_for_someone_else(client, room, other_convener):
    session = SessionFactory(room=room)
    client.force_login(other_convener)
    assert client.get(reverse("workspace:session_checkin", args=[session.pk])).status_code == 404
    assert not CheckinCode.objects.exists()


def test_service_refuses_a_code_to_someone_else(room, other_convener):
    from django.core.exceptions import PermissionDenied

    from checkins.services import checkin_code_for, poster_update

    session = SessionFactory(room=room)
    with pytest.raises(PermissionDenied):
        checkin_code_for(session=session, user=other_convener)
    with pytest.raises(PermissionDenied):
        poster_update(room=room, user=other_convener, opening_hours="x")
