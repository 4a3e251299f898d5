"""Script injection and very long CJK text in every user-typed field are shown as plain text."""

import pytest
from django.urls import reverse

from deliberations.models import TopicSuggestion
from tests.factories import IssueUpdateFactory, TopicSuggestionFactory

from .pages import body

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
LONG_CJK = "崇川区协商议事室有事好商量" * 200  # 2,600 characters, no break opportunity but CJK's own


@pytest.fixture
def hostile(world):
    world.room.description = f"{SCRIPT}{IMG}{LONG_CJK}"
    world.room.address = IMG
    world.room.save()
    world.resolved.title = f"{SCRIPT}停车{IMG}"
    world.resolved.description = LONG_CJK
    world.resolved.resolution = IMG
    world.resolved.save()
    world.held.topic = f"{IMG}议题"
    world.held.minutes = SCRIPT
    world.held.consensus = LONG_CJK
    world.held.save()
    IssueUpdateFactory(issue=world.resolved, note=f"{SCRIPT}{IMG}")
    TopicSuggestionFactory(room=world.room, topic=f"{IMG}采纳", status=TopicSuggestion.Status.ACCEPTED)
    world.north.name = f"{IMG}街道"
    world.north.save()
    return world


def assert_escaped(html):
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html or "&quot;&gt;&lt;img" in html


def test_hostile_text_is_escaped_on_every_page(client, hostile):
    urls = [
        reverse("portal:home"),
        reverse("rooms:list"),
        reverse("rooms:coverage"),
        hostile.room.get_absolute_url(),
        reverse("deliberations:list"),
        hostile.held.get_absolute_url(),
        reverse("issues:list"),
        hostile.resolved.get_absolute_url(),
        reverse("portal:stats"),
        reverse("portal:search") + "?q=停车",
        reverse("portal:feed-resolved"),
        reverse("portal:feed-room", args=[hostile.room.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(body(response))
    room_page = body(client.get(hostile.room.get_absolute_url()))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in room_page
    assert LONG_CJK in room_page
    issue_page = body(client.get(hostile.resolved.get_absolute_url()))
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in issue_page
    assert LONG_CJK in issue_page


def test_hostile_query_strings_are_escaped(client, world):
    for url in (
        reverse("portal:search"),
        reverse("issues:list"),
        reverse("rooms:list"),
        reverse("deliberations:list"),
    ):
        response = client.get(url, {"q": f"{SCRIPT}{IMG}", "month": IMG, "year": SCRIPT})
        assert response.status_code == 200, url
        assert_escaped(body(response))
    long_query = client.get(reverse("portal:search"), {"q": LONG_CJK})
    assert long_query.status_code == 200


def test_hostile_form_input_is_escaped_when_shown_back(client, world):
    response = client.post(world.resolved.get_absolute_url(), {"rating": IMG, "note": SCRIPT + IMG})
    assert response.status_code == 200
    assert_escaped(body(response))
    response = client.post(world.room.get_absolute_url(), {"topic": "", "description": SCRIPT, "contact": IMG})
    assert response.status_code == 200
    assert_escaped(body(response))


def test_long_cjk_and_script_are_stored_and_searchable(client, world):
    client.post(world.room.get_absolute_url(), {"topic": LONG_CJK[:200], "description": SCRIPT})
    assert TopicSuggestion.objects.filter(topic=LONG_CJK[:200], description=SCRIPT).exists()
    response = client.post(world.room.get_absolute_url(), {"topic": LONG_CJK[:201]})
    assert "议题最多 200 个字（您填写了 201 个）" in body(response)


def test_spreadsheet_formulas_in_names_are_neutralised(client, world):
    world.north.name = '=HYPERLINK("http://evil")'
    world.north.save()
    csv_text = body(client.get(reverse("portal:stats-download", args=["street", "csv"])))
    assert "'=HYPERLINK" in csv_text
