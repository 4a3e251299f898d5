"""The read-only API of 议题公示, 结果公示 and the session calendar: what it answers, its filters,
and bad input (400 with field errors, 404, 405; never 500)."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from announcements.models import Comment
from announcements.services import announcement_cancel, comment_submit, signup_submit

pytestmark = pytest.mark.django_db


def test_announcements(client, announcement):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    data = client.get("/api/v1/announcements/").json()
    [row] = data["results"]
    assert row["topic"] == "小区停车难怎么办" and row["confirmed_count"] == 1 and row["capacity"] == 2
    assert row["signup_open"] is True and row["ics_url"] == f"/sessions/{announcement.session.pk}/calendar.ics"
    assert client.get("/api/v1/announcements/?upcoming=false").json()["results"] == []
    assert client.get(f"/api/v1/announcements/?room={announcement.session.room_id}").json()["results"]


def test_result_notices_show_published_comments_only(client, notice):
    comment_submit(notice=notice, body="待审核的意见")
    published = comment_submit(notice=notice, body="公开的意见", contact="13900000000")
    Comment.objects.filter(pk=published.pk).update(status=Comment.Status.APPROVED, answer="答复")
    [row] = client.get("/api/v1/result-notices/?running=true").json()["results"]
    assert row["is_running"] is True
    assert [c["body"] for c in row["comments"]] == ["公开的意见"] and row["comments"][0]["answer"] == "答复"
    assert "contact" not in row["comments"][0]
    assert client.get("/api/v1/result-notices/?running=false").json()["results"] == []


def test_calendar_matches_the_ics(client, announcement, convener):
    announcement_cancel(announcement=announcement, author=convener)
    [row] = client.get("/api/v1/calendar/").json()["results"]
    ics = Calendar.from_ical(client.get("/calendar/district.ics").content)
    [event] = ics.walk("VEVENT")
    assert row["uid"] == str(event["uid"]) and row["sequence"] == int(event["sequence"]) == 1
    assert row["calendar_status"] == str(event["status"]) == "CANCELLED"


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/v1/announcements/?upcoming=maybe", 400, "upcoming"),
        ("/api/v1/announcements/?room=abc", 400, "room"),
        ("/api/v1/result-notices/?running=x", 400, "running"),
        ("/api/v1/calendar/?room=-1", 400, "room"),
        ("/api/v1/announcements/99999/", 404, None),
        ("/api/v1/announcements/abc/", 404, None),
        ("/api/v1/calendar/?format=xml", 400, "format"),
    ],
)
def test_bad_input(client, announcement, url, status, field):
    response = client.get(url)
    assert response.status_code == status, response.content
    if field:
        assert field in response.json()


@pytest.mark.parametrize("url", ["/api/v1/announcements/", "/api/v1/result-notices/", "/api/v1/calendar/"])
def test_read_only(client, url):
    assert client.post(url, {}, content_type="application/json").status_code == 405


def test_a_past_announcement_says_signup_is_closed(client, announcement):
    session = announcement.session
    session.starts_at = timezone.now() - datetime.timedelta(days=1)
    session.save()
    [row] = client.get("/api/v1/announcements/?upcoming=false").json()["results"]
    assert row["signup_open"] is False
