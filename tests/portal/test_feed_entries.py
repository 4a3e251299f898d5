"""The Atom feeds' entries: the summary is plain text (type="text", no markup), each entry has
its own `updated` and an author that is its room (the feed's is 崇川区政协), and no person's
name, phone or contact appears anywhere in the feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import IssueUpdateFactory, LiaisonFactory, ResolvedIssueFactory

from .conftest import CONVENER_EMAIL, CONVENER_PHONE

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), ET.fromstring(response.content)


@pytest.fixture
def marked_up(world):
    """A second resolved issue whose resolution was typed with markup, recorded a day later."""
    issue = ResolvedIssueFactory(
        room=world.south_room,
        title="南区路灯修复",
        resolution="<b>路灯</b>已修复，<a href='http://evil.example/'>详见</a>公示。",
        resolved_on=datetime.date(2021, 3, 1),
        department=world.resolved.department,
    )
    update = IssueUpdateFactory(issue=issue, status_to="resolved", note="已修复", occurred_on=issue.resolved_on)
    recorded = timezone.make_aware(datetime.datetime(2021, 3, 2, 9, 30))
    type(update).objects.filter(pk=update.pk).update(created_at=recorded)
    return issue, recorded


def test_summaries_are_plain_text_with_their_own_updated_and_the_room_as_author(client, world, marked_up):
    issue, recorded = marked_up
    _text, root = parse(client, reverse("portal:feed-resolved"))
    assert root.find(f"{ATOM}author/{ATOM}name").text == "崇川区政协"
    entries = {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}
    assert set(entries) == {issue.title, world.resolved.title}
    for entry in entries.values():
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "text"
        assert "<" not in summary.text and ">" not in summary.text
        assert entry.find(f"{ATOM}updated") is not None
    summary = entries[issue.title].find(f"{ATOM}summary").text
    assert "路灯已修复，详见公示。" in summary and "evil.example" not in summary
    # `updated` is when the resolution was recorded, each entry its own.
    updated = {title: entry.find(f"{ATOM}updated").text for title, entry in entries.items()}
    assert datetime.datetime.fromisoformat(updated[issue.title]) == recorded
    assert len(set(updated.values())) == len(updated)
    assert entries[issue.title].find(f"{ATOM}author/{ATOM}name").text == world.south_room.name
    assert entries[world.resolved.title].find(f"{ATOM}author/{ATOM}name").text == world.resolved.room.name


def test_room_feed_is_authored_by_the_room(client, world):
    _text, root = parse(client, reverse("portal:feed-room", args=[world.room.pk]))
    assert root.find(f"{ATOM}author/{ATOM}name").text == world.room.name
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author/{ATOM}name").text == world.room.name
        assert entry.find(f"{ATOM}summary").get("type") == "text"


def test_no_person_name_phone_or_contact_in_the_feeds(client, world, marked_up):
    liaison = LiaisonFactory(department=world.resolved.department, user__full_name="赵联络", user__phone="13800009999")
    convener = world.room.convenerships.get().user
    for url in (reverse("portal:feed-resolved"), reverse("portal:feed-room", args=[world.room.pk])):
        text, root = parse(client, url)
        assert root.iter(f"{ATOM}entry")
        for private in (
            CONVENER_PHONE,
            CONVENER_EMAIL,
            convener.full_name,
            liaison.user.full_name,
            liaison.user.phone,
            world.room.public_phone,
            "<email>",
        ):
            assert private not in text, (url, private)
