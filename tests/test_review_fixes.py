"""Regression tests for the points a review of the merged portal found."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from figures.selectors import campaign_progress
from issues.models import Issue
from issues.services import issue_post_update
from rooms.models import Room
from tests.factories import (
    CampaignFactory,
    ConvenershipFactory,
    IssueFactory,
    IssueUpdateFactory,
    ResolvedIssueFactory,
    RoomFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_room_page_never_shows_a_convener_username(client):
    room = RoomFactory()
    ConvenershipFactory(room=room, user=UserFactory(username="13912345678", full_name=""))
    ConvenershipFactory(room=room, user=UserFactory(username="li-convener", full_name="李召集"))
    html = client.get(room.get_absolute_url()).content.decode()
    assert "李召集" in html
    assert "13912345678" not in html
    assert "li-convener" not in html


def test_campaign_progress_counts_published_issues_only():
    campaign = CampaignFactory()
    day = campaign.starts_on
    ResolvedIssueFactory(resolved_on=day, reported_on=day)
    ResolvedIssueFactory(resolved_on=day, reported_on=day, is_public=False)
    resolved = next(item for item in campaign_progress(campaign) if item["label"] == "解决问题")
    assert resolved["value"] == Issue.objects.filter(is_public=True, status="resolved").count() == 1


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


def test_issue_update_refuses_dates_in_the_future():
    membership = ConvenershipFactory()
    issue = IssueFactory(room=membership.room, status=Issue.Status.IN_PROGRESS)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(Exception) as error:
        issue_post_update(
            issue=issue,
            author=membership.user,
            note="已解决",
            status_to="resolved",
            resolution="完工",
            resolved_on=tomorrow,
        )
    assert "解决日期不能晚于今天" in str(error.value)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS
