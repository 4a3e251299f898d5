"""The whole-page cache of the public pages, for visitors who are not logged in.

A public page (home, rooms, sessions, issues, statistics, search, feeds) and a public API read
(`/api/v1/…`) is kept whole in Django's default cache (Redis in production), stored with the
data generation of `core.cache` it was rendered under (a write replaces the generation when its
transaction commits, so the next request after a commit never serves an old copy: the generation
and the copy are read together, in one round trip, and a copy of another generation is rendered
again), under a key made of

* the language LocaleMiddleware chose, today's date (Asia/Shanghai: "overdue" and "upcoming"
  turn over at midnight), the scheme, host, full path with query string, and for the API the
  Accept header (DRF chooses the format by it).

Only 200 answers to GET are stored (HEAD is served from them), and only when nothing personal
can be in them: no session cookie of a logged-in user, no flash message waiting (messages
cookie, or `_messages` in the session), no Authorization header, no cookie set by the view, no
`private`/`no-store` Cache-Control. Logged-in people see their inbox count and edit links, so
they always get a freshly rendered page. A copy also expires after PAGE_CACHE_SECONDS, which
bounds how long a session stays "upcoming" after it started.

CSRF tokens are punched into the cached body. On a cacheable request `{% csrf_token %}` renders a
marker (context processor `csrf_marker`, listed after Django's own csrf processor so it wins),
the stored copy keeps the marker, and every response served (cached or fresh) gets
`get_token(request)` in its place, which also makes CsrfViewMiddleware set the visitor's CSRF
cookie. The key never includes cookies, so CSRF's `Vary: Cookie` does not split the cache.

A cached API answer is still counted by the API's rate limits (the default throttle classes of
REST framework); over the limit the request goes to the view, which answers 429 in the API's
own format.

The middleware sits after XFrameOptionsMiddleware: every middleware above it (session, locale,
common, CSRF, messages, clickjacking) still processes a cached answer, so Content-Language,
Vary: Accept-Language, X-Frame-Options and the CSRF cookie are set on each request as usual.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from core.cache import GENERATION_KEY, cache_writes_allowed, current_generation, writes_pending

SAFE_VARY = {"accept", "accept-language", "accept-encoding", "cookie"}
MAX_BODY = 2 * 1024 * 1024  # bigger answers (downloads) are not worth a cache slot


def _marker():
    # Secret-derived, so no visitor can put it into a page (an issue's text) to be replaced.
    digest = hashlib.sha256(f"page-cache-csrf:{settings.SECRET_KEY}".encode()).hexdigest()
    return f"csrfhole{digest[:40]}"


def csrf_marker(request):
    """Context processor: on a page the page cache may store, `{% csrf_token %}` renders the
    marker that `PageCacheMiddleware` replaces with the visitor's own token."""
    if getattr(request, "page_cache_candidate", False):
        return {"csrf_token": _marker()}
    return {}


class PageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.marker = _marker().encode()
        self.include = [re.compile(pattern) for pattern in settings.PAGE_CACHE_PATHS]
        self.exclude = [re.compile(pattern) for pattern in settings.PAGE_CACHE_EXCLUDED_PATHS]

    def __call__(self, request):
        if not self._candidate(request):
            return self.get_response(request)
        request.page_cache_candidate = True
        key = generation = None
        if not writes_pending():
            key = self._key(request)
            # One round trip: the generation and the stored copy together. A copy made under
            # another generation is stale (a write committed since) and is rendered again.
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or current_generation()
            stored = found.get(key)
            if stored is not None and stored[0] == generation and self._throttle_allows(request):
                response = self._thaw(stored[1:])
                response["X-Page-Cache"] = "hit"
                response = get_conditional_response(
                    request,
                    etag=response.get("ETag"),
                    last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                    response=response,
                )
                return self._finish(request, response)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and self._storable(request, response):
            if cache_writes_allowed():
                cache.set(key, (generation, *self._freeze(response)), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return self._finish(request, response)

    # Which requests and answers -------------------------------------------------------------

    def _candidate(self, request) -> bool:
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return False
        path = request.path_info
        if not any(p.search(path) for p in self.include) or any(p.search(path) for p in self.exclude):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        if settings.MESSAGE_STORAGE.endswith(("CookieStorage", "FallbackStorage")):
            if "messages" in request.COOKIES:  # a flash message waits to be shown
                return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # Someone with a session: only now read it (a query), to tell a logged-in user (their
            # page is personal) and a waiting flash message from an old, empty session.
            if request.user.is_authenticated or "_messages" in request.session:
                return False
        return True

    def _key(self, request) -> str:
        parts = [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", "") if request.path_info.startswith("/api/") else "",
        ]
        where = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"page:{language}:{timezone.localdate():%Y%m%d}:{where}"

    def _storable(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming or len(response.content) > MAX_BODY:
            return False
        if response.cookies or writes_pending():
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return False
        vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
        if vary - SAFE_VARY:
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        messages = getattr(request, "_messages", None)
        return not (messages is not None and len(messages))

    def _throttle_allows(self, request) -> bool:
        """A cached API answer still counts against the API's rate limits."""
        if not request.path_info.startswith("/api/"):
            return True
        from rest_framework.settings import api_settings

        return all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES)

    # The stored copy ------------------------------------------------------------------------

    @staticmethod
    def _freeze(response):
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _thaw(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    def _finish(self, request, response):
        """Put the visitor's CSRF token in place of the marker and say what the answer varies on."""
        if not response.streaming and self.marker in response.content:
            response.content = response.content.replace(self.marker, get_token(request).encode())
            if "Content-Length" in response:
                response["Content-Length"] = str(len(response.content))
        # A logged-in visitor (session cookie) gets another page; so does another language.
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response
