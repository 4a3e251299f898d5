"""Request size limit: a body larger than settings.REQUEST_BODY_MAX_SIZE is answered with 413.

Django checks only the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) and answers 400
when it is exceeded; uploaded files are not counted at all, and DRF reads the stream itself. So
the whole body is checked here, from its Content-Length, before anything is read: the person
sees a page in Chinese telling what is allowed, an API client a 413 JSON answer.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from core.photos import MAX_PHOTO_BYTES

# The session form takes at most this many photos (REQUEST_BODY_MAX_SIZE is sized for them).
MAX_SESSION_PHOTOS = 12


def _megabytes(size):
    return size // (1024 * 1024)


def too_large_response(request):
    limit = _megabytes(settings.REQUEST_BODY_MAX_SIZE)
    if request.path.startswith("/api/"):
        detail = _("请求内容过大:每次提交不能超过 %(limit)s MB。") % {"limit": limit}
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
