"""Site search: one box over rooms, sessions and issues; the issue search itself is in tests/issues/test_search.py."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_site_search_covers_rooms_sessions_and_issues(client, world):
    response = client.get(reverse("portal:search"), {"q": "停车"})
    html = response.content.decode().replace("<mark>", "").replace("</mark>", "")  # matches are marked
    assert response.status_code == 200
    assert world.resolved.title in html  # issue
    assert world.held.topic in html  # session
    assert world.private.title not in html
    rooms = client.get(reverse("portal:search"), {"q": "世伦桥"}).content.decode()
    assert world.room.name.replace("世伦桥", "<mark>世伦桥</mark>") in rooms and 'data-count="rooms">（1）' in rooms


@pytest.mark.django_db
def test_site_search_with_no_result_says_so(client, world):
    html = client.get(reverse("portal:search"), {"q": "不存在的内容"}).content.decode()
    assert "没有找到与“不存在的内容”相关的内容" in html
    assert client.get(reverse("portal:search")).status_code == 200


@pytest.mark.django_db
def test_matches_are_marked_safely_and_rooms_come_first(client, world):
    html = client.get(reverse("portal:search"), {"q": "停车"}).content.decode()
    assert "世伦桥小区<mark>停车</mark>位不足" in html
    assert html.index('id="r-rooms"') < html.index('id="r-issues"') < html.index('id="r-sessions"')
    from portal.templatetags.highlight import highlight

    marked = "<mark>&lt;b&gt;</mark><mark>停车</mark>&lt;/b&gt; &amp; <mark>停车</mark>"
    assert highlight("<b>停车</b> & 停车", "停车 <b>") == marked
    assert highlight("Parking lot", "parking") == "<mark>Parking</mark> lot"
