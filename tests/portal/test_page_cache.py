"""The whole-page cache of the public pages (core.pagecache): anonymous GETs are served whole
from the cache, exact after every write, per language; logged-in visitors, flash messages and
private areas never go through it; forms on cached pages keep working with CSRF checks on."""

import re
import socket
import uuid

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from figures.models import MediaReport
from tests.factories import MediaReportFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _without_tokens(response):
    return TOKEN.sub("", response.content.decode())


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, world, django_assert_num_queries):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert _without_tokens(second) == _without_tokens(first)  # each answer has its own masked token
    assert second["Content-Language"] == "zh-hans"
    vary = {v.strip().lower() for v in second["Vary"].split(",")}
    assert {"cookie", "accept-language"} <= vary
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/stats/",
        "/rooms/",
        "/sessions/",
        "/issues/",
        "/issues/?q=停车",
        "/search/?q=停车",
        "/feeds/resolved/",
        "/campaigns/",
        "/cases/",
        "/calendar/",
        "/calendar/district.ics",
        "/api/v1/rooms/",
        "/api/v1/stats/",
    ],
)
def test_public_pages_and_api_reads_are_cached(client, world, path):
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert client.get(path)["X-Page-Cache"] == "hit"


def test_detail_pages_are_cached(client, world):
    for url in (world.room.get_absolute_url(), world.held.get_absolute_url(), world.resolved.get_absolute_url()):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_next_request_after_a_write_sees_it(client, world):
    url = world.room.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    world.room.description = "新的议事室介绍。"
    world.room.save()
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "新的议事室介绍。" in fresh.content.decode()
    count = client.get("/api/v1/stats/").json()["totals"]["media_reports"]
    MediaReportFactory()
    assert client.get("/api/v1/stats/").json()["totals"]["media_reports"] == count + 1 == MediaReport.objects.count()


def test_each_language_has_its_own_copy(client, world):
    chinese = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert _without_tokens(client.get("/stats/", HTTP_ACCEPT_LANGUAGE="en")) == _without_tokens(english)
    again = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again["X-Page-Cache"] == "hit"
    assert _without_tokens(again) == _without_tokens(chinese) != _without_tokens(english)


def test_the_query_string_is_part_of_the_key(client, world):
    parking = client.get("/issues/?q=停车")
    elderly = client.get("/issues/?q=助餐")
    assert elderly["X-Page-Cache"] == "miss" and _without_tokens(parking) != _without_tokens(elderly)


def test_logged_in_visitors_always_get_their_own_page(client, world):
    client.get("/")  # stored for anonymous visitors
    client.force_login(UserFactory(full_name="李居民"))
    personal = client.get("/")
    assert "X-Page-Cache" not in personal
    assert "李居民" in personal.content.decode() or "退出" in personal.content.decode()
    client.logout()
    stranger = Client().get("/")
    assert "X-Page-Cache" in stranger and "李居民" not in stranger.content.decode()


@pytest.mark.parametrize("path", ["/my/", "/staff/", "/dept/", "/inbox/", "/accounts/login/", "/admin/login/"])
def test_private_areas_are_never_cached(client, world, path):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(path)


def test_a_page_with_a_flash_message_is_neither_served_from_nor_stored_into_the_cache(client, world):
    url = world.resolved.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    response = client.post(url, {"rating": "satisfied"}, follow=True)
    assert "感谢您的评价" in response.content.decode()
    assert "X-Page-Cache" not in response  # the page after the redirect carries the message
    stranger = Client().get(url)
    assert "感谢您的评价" not in stranger.content.decode()
    assert stranger["X-Page-Cache"] == "miss"  # the rating was a write: a new generation


def test_csrf_tokens_are_punched_into_the_cached_page(world):
    url = world.resolved.get_absolute_url()
    browser = Client(enforce_csrf_checks=True)
    browser.get(url)
    cached = browser.get(url)
    assert cached["X-Page-Cache"] == "hit"
    token = TOKEN.search(cached.content.decode()).group(1)
    assert "csrfhole" not in cached.content.decode()
    assert browser.post(url, {"rating": "satisfied", "csrfmiddlewaretoken": token}).status_code == 302

    # Another visitor gets the same cached page with a token that fits their own cookie.
    other = Client(enforce_csrf_checks=True)
    page = other.get(world.room.get_absolute_url())
    page = other.get(world.room.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    their_token = TOKEN.search(page.content.decode()).group(1)
    assert "csrftoken" in other.cookies
    posted = other.post(world.room.get_absolute_url(), {"topic": "楼道灯不亮", "csrfmiddlewaretoken": their_token})
    assert posted.status_code == 302


def test_the_stored_copy_holds_no_visitor_token(client, world):
    url = world.resolved.get_absolute_url()
    client.get(url)
    keys = [key.split(":", 2)[2] for key in list(cache._cache) if ":page:" in key]
    assert keys
    for key in keys:
        _generation, status, headers, body = cache.get(key)
        for token in re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body):
            assert token.startswith(b"csrfhole")


def test_the_api_rate_limit_still_counts_cached_answers(api_client_rates):
    codes = [Client().get("/api/v1/streets/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.fixture
def api_client_rates(world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/min"}}


def test_a_cached_api_answer_keeps_its_etag(client, world):
    first = client.get(f"/api/v1/issues/{world.resolved.pk}/")
    again = client.get(f"/api/v1/issues/{world.resolved.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def _redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_pages_are_cached_in_redis(world):
    redis = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",  # production's (settings.redis_cache_settings)
            "LOCATION": "redis://127.0.0.1:6379/1",
            "KEY_PREFIX": f"pagecache-test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=redis):
        try:
            assert Client().get("/stats/")["X-Page-Cache"] == "miss"
            assert Client().get("/stats/")["X-Page-Cache"] == "hit"
            MediaReportFactory()
            assert Client().get("/stats/")["X-Page-Cache"] == "miss"
        finally:
            # The Redis database is shared: remove only this test's keys.
            client = cache._cache.get_client(write=True)
            for key in client.scan_iter(f"{redis['default']['KEY_PREFIX']}:*"):
                client.delete(key)


def test_a_campaign_page_is_exact_after_a_write(client, world):
    """The 议事月 board is cached whole too: a session tagged with the campaign shows at once."""
    from tests.factories import AttendanceFactory, CampaignFactory, SessionFactory

    campaign = CampaignFactory()
    url = f"/campaigns/{campaign.pk}/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    session = SessionFactory(campaign=campaign, starts_at=world.held.starts_at)
    AttendanceFactory(session=session, headcount=37)
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.context["figures"].person_times == 37
