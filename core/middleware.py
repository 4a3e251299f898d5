"""Middleware that keeps bad input, a too-large body and a database outage from becoming a 500.

- `RequestBodyLimitMiddleware`: a body larger than settings.REQUEST_BODY_MAX_SIZE is answered
  with 413. Django checks only the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) and
  answers 400 when it is exceeded; uploaded files are not counted at all, and DRF reads the stream
  itself. So the whole body is checked here, from its Content-Length, before anything is read: the
  person sees a page in Chinese telling what is allowed, an API client a 413 JSON answer.
- `RejectNulCharactersMiddleware`: a NUL character in the path, or in a name or value of a GET
  or POST parameter, gets 400 with a Chinese message (JSON on the API). Nothing legitimate holds
  one, no form field accepts one, and PostgreSQL refuses even to compare a string with one
  ("A string literal cannot contain NUL (0x00) characters"), so a search or filter with %00
  would otherwise answer 500. One check here covers every page, API filter, admin search and form.
- `DatabaseUnavailableMiddleware`: a view that meets an unreachable database (OperationalError,
  InterfaceError) answers 503 with Retry-After and a static page, JSON on the API. Errors raised
  outside views reach `core.errors.server_error` (handler500), which answers the same.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from core.photos import MAX_PHOTO_BYTES

from .errors import database_unavailable_response, is_database_unavailable, nul_character_response

# The session form takes at most this many photos (REQUEST_BODY_MAX_SIZE is sized for them).
MAX_SESSION_PHOTOS = 12


def _megabytes(size):
    return size // (1024 * 1024)


def too_large_response(request):
    limit = _megabytes(settings.REQUEST_BODY_MAX_SIZE)
    if request.path.startswith("/api/"):
        detail = _("请求内容过大：每次提交不能超过 %(limit)s MB。") % {"limit": limit}
        return JsonResponse({"detail": detail}, status=413)
    # Rendered without the request: this answer comes before the session and user are loaded.
    html = loader.render_to_string(
        "413.html", {"limit_mb": limit, "photo_mb": _megabytes(MAX_PHOTO_BYTES), "photo_count": MAX_SESSION_PHOTOS}
    )
    return HttpResponse(html, status=413)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_SIZE:
            return too_large_response(request)
        return self.get_response(request)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    """handler400: too many form fields or text over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 too."""
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(request)
    return defaults.bad_request(request, exception, template_name=template_name)


NUL = "\x00"


def _holds_nul(query_dict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


def _post_holds_nul(request) -> bool:
    if request.method != "POST":
        return False
    try:
        return _holds_nul(request.POST)
    except (OSError, MultiPartParserError):  # an unreadable body: the view answers it as before
        return False


class RejectNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or _holds_nul(request.GET) or _post_holds_nul(request):
            return nul_character_response(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request)
        return None
