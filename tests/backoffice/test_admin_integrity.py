"""The admin goes through the same rules as the services: no status change around
issue_post_update, and room photos are re-encoded without EXIF like every other upload."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from issues.models import Issue
from rooms.models import Room
from tests.factories import (
    IssueFactory,
    IssueUpdateFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_cannot_change_an_issues_status_around_the_service(client, superuser):
    issue = IssueFactory(status=Issue.Status.IN_PROGRESS)
    IssueUpdateFactory(issue=issue, note="已转办")
    client.force_login(superuser)
    url = reverse("admin:issues_issue_change", args=[issue.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page
    assert reverse("workspace:issue", args=[issue.pk]) in page
    assert 'name="updates-0-note"' not in page  # the timeline is read-only here
    form = {
        "title": issue.title,
        "description": issue.description,
        "category": issue.category_id,
        "room": issue.room_id,
        "department": issue.department,
        "reported_on": "2020-06-01",
        "is_public": "on",
        "status": "reported",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "1",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }
    client.post(url, form)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS


def test_admin_room_photo_is_re_encoded_without_exif(client, superuser):
    room = RoomFactory()
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), "#a31519").save(buffer, format="JPEG", exif=exif)
    client.force_login(superuser)
    url = reverse("admin:rooms_room_change", args=[room.pk])
    data = {
        "name": room.name,
        "level": room.level,
        "street": room.street_id,
        "community": room.community_id,
        "is_active": "on",
        "address": room.address,
        "public_phone": room.public_phone,
        "photo": SimpleUploadedFile("room.jpg", buffer.getvalue(), content_type="image/jpeg"),
        "photo_alt": "议事室外景",
        "convenerships-TOTAL_FORMS": "0",
        "convenerships-INITIAL_FORMS": "0",
        "convenerships-MIN_NUM_FORMS": "0",
        "convenerships-MAX_NUM_FORMS": "1000",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    room = Room.objects.get(pk=room.pk)
    with room.photo.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert max(image.size) == 1600
    assert b"SecretCameraMaker" not in data
    assert not image.getexif()
