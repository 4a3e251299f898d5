"""Every new list page, feed, download and API list pins its query count, the same at 1x and 10x
the demo data (tests/queries.py): none issues a query per row."""

import functools

import pytest
from django.urls import reverse

from accounts.models import User
from announcements.models import Announcement, ResultNotice
from announcements.services import signup_token
from demo.announcements import CONVENER_ROOM, CONVENER_USERNAME
from rooms.models import Room

PUBLIC = {
    "upcoming": 2,  # the capped count and the page, with the sign-up counts
    "results": 2,
    "session_announced": 8,  # the session page (5) + the CPPCC members named, its announcement and its result notice
    "session_result": 9,  # + the published comments (a prefetch)
    "signup_page": 1,
    "session_ics": 1,
    "district_ics": 1,
    "room_ics": 2,  # the room, then its sessions
    "calendar_about": 1,
    "api_announcements": 2,
    "api_result_notices": 3,  # + the published comments (a prefetch)
    "api_calendar": 2,
    "api_calendar_csv": 1,
}
CONVENER = {
    "participation_list": 4,  # + the header's unread count and the user's rooms
    "announcement_page": 6,
    "result_page": 6,
    "signups_export": 5,
}


def public_urls():
    room = Room.objects.get(name=CONVENER_ROOM)
    announcement = Announcement.objects.filter(session__room=room).select_related("session").order_by("pk").first()
    notice = ResultNotice.objects.filter(session__room=room).order_by("-ends_on").first()
    signup = announcement.signups.order_by("pk").first()
    return {
        "upcoming": reverse("announcements:upcoming"),
        "results": reverse("announcements:results"),
        "session_announced": announcement.session.get_absolute_url(),
        "session_result": notice.session.get_absolute_url(),
        "signup_page": reverse("announcements:signup", args=[signup_token(signup)]),
        "session_ics": reverse("announcements:session-ics", args=[announcement.session_id]),
        "district_ics": reverse("announcements:district-ics"),
        "room_ics": reverse("announcements:room-ics", args=[room.pk]),
        "calendar_about": reverse("announcements:room-calendar", args=[room.pk]),
        "api_announcements": "/api/v1/announcements/?page_size=100",
        "api_result_notices": "/api/v1/result-notices/?page_size=100",
        "api_calendar": "/api/v1/calendar/?page_size=100",
        "api_calendar_csv": "/api/v1/calendar/?format=csv",
    }


def convener_urls():
    room = Room.objects.get(name=CONVENER_ROOM)
    announcement = Announcement.objects.filter(session__room=room).order_by("pk").first()
    notice = ResultNotice.objects.filter(session__room=room).order_by("-ends_on").first()
    return {
        "participation_list": reverse("workspace:announcements"),
        "announcement_page": reverse("workspace:announcement", args=[announcement.session_id]),
        "result_page": reverse("workspace:result", args=[notice.session_id]),
        "signups_export": reverse("workspace:signups_export", args=[announcement.session_id]),
    }


@pytest.mark.django_db
@pytest.mark.slow
def test_pinned_query_counts_the_same_at_1x_and_10x(client, query_pins):
    @functools.cache
    def pins():
        public = {name: (url, PUBLIC[name]) for name, url in public_urls().items()}
        convener = {name: (url, CONVENER[name]) for name, url in convener_urls().items()}
        return public, convener

    def measure():
        public, convener = pins()
        client.logout()
        counts = query_pins.measure(client, public)
        client.force_login(User.objects.get(username=CONVENER_USERNAME))
        counts.update(query_pins.measure(client, convener, warm=True))
        return counts

    query_pins.same_at_1x_and_10x(measure)
