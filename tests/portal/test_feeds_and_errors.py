"""Atom feeds of resolved issues; friendly 404 and 500 pages; Open Graph and breadcrumbs."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import ResolvedIssueFactory

from .pages import body, public_urls

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href")) for entry in root.iter(f"{ATOM}entry")
    ]


def test_resolved_feed_lists_resolved_public_issues_newest_first(client, world):
    newer = ResolvedIssueFactory(
        room=world.south_room, title="南区路灯修复", resolved_on=world.resolved.resolved_on.replace(year=2021)
    )
    items = entries(client, reverse("portal:feed-resolved"))
    assert [title for title, _link in items] == [newer.title, world.resolved.title]
    assert items[0][1].endswith(newer.get_absolute_url())
    assert world.open_issue.title not in body(client.get(reverse("portal:feed-resolved")))


def test_room_feed_lists_that_rooms_resolved_issues(client, world):
    ResolvedIssueFactory(room=world.south_room, title="别的议事室的问题")
    items = entries(client, reverse("portal:feed-room", args=[world.room.pk]))
    assert [title for title, _link in items] == [world.resolved.title]
    assert client.get(reverse("portal:feed-room", args=[world.inactive.pk])).status_code == 404
    assert client.get("/feeds/rooms/999999/").status_code == 404


def test_feeds_are_linked(client, world):
    assert reverse("portal:feed-resolved") in body(client.get(reverse("portal:home")))
    assert reverse("portal:feed-resolved") in body(client.get(reverse("issues:list")))


def test_friendly_404_in_chinese_with_navigation(client, world):
    response = client.get("/no-such-page/")
    html = body(response)
    assert response.status_code == 404
    assert "抱歉，没有找到这个页面" in html
    assert 'id="site-nav"' in html and 'href="/rooms/"' in html


def test_500_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "抱歉，服务器暂时出错了" in html and 'lang="zh-CN"' in html


def test_server_error_uses_the_friendly_page(client, world, monkeypatch, settings):
    from portal import issue_views as views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "issue_satisfaction", broken)
    client.raise_request_exception = False
    response = client.get(world.resolved.get_absolute_url())
    assert response.status_code == 500
    assert "抱歉，服务器暂时出错了" in body(response)


def test_every_page_is_linked_from_the_navigation_and_has_open_graph_tags(client, world):
    home = body(client.get(reverse("portal:home")))
    for path in ("/rooms/", "/sessions/", "/issues/", "/stats/", "/search/"):
        assert f'href="{path}"' in home
    assert 'href="/rooms/coverage/"' in body(client.get("/rooms/"))
    for name, url in public_urls().items():
        if name.startswith(("download", "feed", "room_feed")):
            continue
        html = body(client.get(url))
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:image"', 'property="og:url"'):
            assert tag in html, (name, tag)


@pytest.mark.parametrize("name", ["room", "session", "issue"])
def test_detail_pages_have_a_breadcrumb(client, world, name):
    html = body(client.get(public_urls()[name]))
    assert '<nav class="breadcrumb" aria-label="当前位置">' in html
    assert 'aria-current="page"' in html
