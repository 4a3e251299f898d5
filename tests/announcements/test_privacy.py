"""Sign-up names and contacts, and comment contacts, never reach a public page, a feed, a calendar
file, an API answer, the open-data ZIP or the name of a downloaded file."""

import io
import zipfile

import pytest
from django.urls import reverse

from announcements.models import Comment
from announcements.services import comment_submit, signup_submit, signup_token

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL, COMMENT_PHONE = "隐私甲乙丙", "13987654321", "secret.person@example.com", "13811112222"
SECRETS = (NAME, PHONE, EMAIL, COMMENT_PHONE, "139 8765 4321")


@pytest.fixture
def private_data(announcement, notice, convener):
    signup = signup_submit(announcement=announcement, name=NAME, contact=PHONE)
    signup_submit(announcement=announcement, name=NAME + "二", contact=EMAIL)
    comment = comment_submit(notice=notice, body="公开的意见内容", contact=COMMENT_PHONE)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED, answer="公开的答复")
    return {"signup": signup, "announcement": announcement, "notice": notice}


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_private(content: bytes, where: str):
    text = content.decode("utf-8", errors="replace")
    for secret in SECRETS:
        assert secret not in text, f"{secret} in {where}"


def public_urls(data):
    session, held = data["announcement"].session, data["notice"].session
    return [
        session.get_absolute_url(),
        held.get_absolute_url(),
        session.room.get_absolute_url(),
        reverse("portal:home"),
        reverse("deliberations:list"),
        reverse("announcements:upcoming"),
        reverse("announcements:results"),
        reverse("announcements:calendar"),
        reverse("announcements:signup", args=[signup_token(data["signup"])]),
        reverse("announcements:session-ics", args=[session.pk]),
        reverse("announcements:district-ics"),
        reverse("announcements:room-ics", args=[session.room_id]),
        reverse("portal:feed-resolved"),
        "/api/v1/announcements/",
        f"/api/v1/announcements/{data['announcement'].pk}/",
        "/api/v1/announcements/?format=csv",
        "/api/v1/result-notices/",
        f"/api/v1/result-notices/{data['notice'].pk}/",
        "/api/v1/result-notices/?format=csv",
        "/api/v1/calendar/",
        "/api/v1/calendar/?format=csv",
        "/api/v1/sessions/",
        f"/api/v1/sessions/{session.pk}/",
    ]


def test_nothing_private_on_public_pages_feeds_and_api(client, private_data):
    for url in public_urls(private_data):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(body_of(response), url)
        assert_private(response.get("Content-Disposition", "").encode(), f"file name of {url}")


def test_the_comment_itself_is_public_but_not_its_contact(client, private_data):
    html = client.get(private_data["notice"].session.get_absolute_url()).content.decode()
    assert "公开的意见内容" in html and "公开的答复" in html


def test_nothing_private_in_the_open_data_zip(client, private_data):
    response = client.get("/api/v1/export/opendata.zip")
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    names = archive.namelist()
    assert {"announcements.csv", "result_notices.csv", "result_comments.csv", "calendar.ics"} <= set(names)
    assert not any("signup" in name for name in names)
    for name in names:
        assert_private(archive.read(name), name)
    assert "公开的意见内容" in archive.read("result_comments.csv").decode("utf-8-sig")


def test_the_conveners_export_has_no_name_in_its_file_name(client, convener, private_data):
    client.force_login(convener)
    response = client.get(reverse("workspace:signups_export", args=[private_data["announcement"].session.pk]))
    assert response.status_code == 200
    assert_private(response["Content-Disposition"].encode(), "the export's file name")


def test_the_convener_sees_them_in_the_workspace(client, convener, private_data):
    client.force_login(convener)
    html = client.get(reverse("workspace:announcement", args=[private_data["announcement"].session.pk])).content
    assert NAME in html.decode() and PHONE in html.decode()
    # ... and the page with them is never stored by the page cache: a logged-in page is private
    html = client.get(reverse("workspace:result", args=[private_data["notice"].session.pk])).content.decode()
    assert COMMENT_PHONE in html


def test_the_sign_up_page_is_not_cached(client, private_data):
    response = client.get(reverse("announcements:signup", args=[signup_token(private_data["signup"])]))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
