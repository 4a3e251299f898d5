"""Each feed has a page in plain Chinese: what it is, how to subscribe, its address to copy and a
pointer to following an issue by e-mail; the "订阅" links lead there, the XML stays where it was."""

import pytest
from django.urls import reverse

from rooms.models import Room

pytestmark = pytest.mark.django_db


def test_district_feed_page_explains_the_subscription(client, world):
    response = client.get(reverse("portal:feeds"))
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "怎样订阅" in html and "关注办理进展" in html
    assert 'value="http://testserver/feeds/resolved/"' in html
    assert client.get("/feeds/resolved/")["Content-Type"].startswith("application/atom+xml")


def test_room_feed_page_shows_the_room_feed_address(client, world):
    room = Room.objects.get(name="世伦桥社区协商议事室")
    html = client.get(reverse("portal:feed-room-about", args=[room.pk])).content.decode()
    assert f'value="http://testserver{reverse("portal:feed-room", args=[room.pk])}"' in html
    assert room.name in html
    assert client.get(reverse("portal:feed-room-about", args=[999999])).status_code == 404


def test_subscribe_links_lead_to_the_human_pages(client, world):
    room = Room.objects.get(name="世伦桥社区协商议事室")
    room_html = client.get(room.get_absolute_url()).content.decode()
    assert f'href="{reverse("portal:feed-room-about", args=[room.pk])}"' in room_html
    for html in (client.get(reverse("issues:list")).content.decode(), room_html):
        assert '<a href="/feeds/">订阅已解决问题</a>' in html  # the footer
