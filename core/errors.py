"""Answers for requests the portal cannot serve: the database is unreachable (503), or a
parameter holds a NUL character (400).

Both answers are built without touching the database: the pages (templates/503.html,
templates/400.html) are rendered without a request, so no context processor, session or user
lookup runs, and the API (/api/…) gets JSON {"detail": "…"} instead of a page.

Used by core/middleware.py (exceptions of views, bad parameters), `server_error` (the project's
handler500: exceptions raised anywhere else, in middleware, context processors or error pages)
and core/api/errors.py (the API's exception handler).
"""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("chongchuan.outage")

# Seconds a client should wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 30


def _driver_errors():
    """The database drivers' own connection errors, for code that meets them unwrapped."""
    errors = []
    try:
        import psycopg2

        errors += [psycopg2.OperationalError, psycopg2.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg2 is in requirements.txt
        pass
    try:
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:
        pass
    return tuple(errors)


DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, *_driver_errors())


def is_database_unavailable(exc) -> bool:
    """True for the errors of a database that cannot be reached or whose connection broke."""
    return isinstance(exc, DATABASE_UNAVAILABLE_ERRORS)


def close_broken_connections():
    """Drop every connection the error left unusable, so the next request opens a fresh one and
    the site is back the moment the database is."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:  # the transaction's owner rolls back and cleans up
            continue
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # noqa: BLE001 - closing a dead connection may fail too; drop it anyway
            connection.connection = None


def is_api_request(request) -> bool:
    return request.path_info.startswith("/api/")


def database_unavailable_response(request):
    """503 with Retry-After: JSON on the API, the static page elsewhere."""
    close_broken_connections()
    logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
    message = _("系统正在维护或暂时无法连接数据库，请稍后再试。")
    if is_api_request(request):
        response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def nul_character_response(request):
    """400 for a parameter (or path) holding a NUL character, which no field accepts and
    PostgreSQL cannot even compare."""
    message = _("请求中含有不允许的空字符（NUL），请删除后重试。")
    if is_api_request(request):
        return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(loader.render_to_string("400.html", {"message": message}), status=400)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: a database outage becomes the 503 answer, wherever it was raised; any other
    error keeps Django's static 500 page (JSON on the API)."""
    import sys

    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return database_unavailable_response(request)
    if is_api_request(request):
        return JsonResponse(
            {"detail": _("服务器内部错误，请稍后再试。")}, status=500, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponseServerError(loader.render_to_string(template_name))
