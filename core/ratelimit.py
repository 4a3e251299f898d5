"""A simple per-IP rate limit for the residents' forms (feedback, topic suggestions).

Counters live in Django's cache, keyed by a salted SHA-256 hash of the client IP: the address
itself is never stored, in the cache or in the database (Feedback.ip_hash holds the same hash).
The client IP comes from `core.clientip.client_ip` (REMOTE_ADDR, or the address the trusted
reverse proxies put in X-Forwarded-For when TRUSTED_PROXY_HOPS says there are some), the same
answer the login lockout and the API throttles use.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.clientip import client_ip

# Submissions allowed per IP and scope within the window (seconds). Settings may override.
DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 10 * 60


def ip_hash(request):
    """A salted hash of the client's IP: the same IP gives the same hash, the IP cannot be read back."""
    salted = f"{settings.SECRET_KEY}:ratelimit:{client_ip(request) or 'unknown'}"
    return hashlib.sha256(salted.encode()).hexdigest()


def limit_for(scope):
    limits = getattr(settings, "PUBLIC_FORM_RATE_LIMITS", {})
    return limits.get(scope, (DEFAULT_LIMIT, DEFAULT_WINDOW))


def is_limited(request, scope):
    """Count this attempt; True when the IP has made more than the allowed attempts in the window."""
    limit, window = limit_for(scope)
    key = f"ratelimit:{scope}:{ip_hash(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count > limit
