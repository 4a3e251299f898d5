"""core.redis_cache: a Redis URL in CACHE_URL uses Django's RedisCache with one client per
connection pool, made once (Django's own makes a client per operation)."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from chongchuan.settings.base import redis_cache_settings


def _redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
        return True
    except OSError:
        return False


def test_a_redis_url_selects_the_reused_client_cache():
    django = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://h:6379/1"}
    assert redis_cache_settings(django) == {**django, "BACKEND": "core.redis_cache.RedisCache"}
    old = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://h:6379/1", "OPTIONS": {"x": 1}}
    assert redis_cache_settings(old) == {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": "redis://h:6379/1"}
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"}
    assert redis_cache_settings(local) == local


@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_one_client_per_pool_and_the_cache_works():
    prefix = f"redis-cache-test-{uuid.uuid4().hex}"
    config = {"default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}}
    config["default"]["KEY_PREFIX"] = prefix
    with override_settings(CACHES=config):
        cache = caches.create_connection("default")
        try:
            cache.set("k", {"a": 1}, 30)
            assert cache.get_many(["k", "missing"]) == {"k": {"a": 1}}
            client = cache._cache
            assert client.get_client(write=True) is client.get_client(write=True)
            assert client.get_client() is client.get_client()
        finally:
            cache.delete("k")
