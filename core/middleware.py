"""Middleware that keeps bad input and a database outage from becoming a 500.

- `RejectNulCharactersMiddleware`: a NUL character in the path, or in a name or value of a GET
  or POST parameter, gets 400 with a Chinese message (JSON on the API). Nothing legitimate holds
  one, no form field accepts one, and PostgreSQL refuses even to compare a string with one
  ("A string literal cannot contain NUL (0x00) characters"), so a search or filter with %00
  would otherwise answer 500. One check here covers every page, API filter, admin search and form.
- `DatabaseUnavailableMiddleware`: a view that meets an unreachable database (OperationalError,
  InterfaceError) answers 503 with Retry-After and a static page, JSON on the API. Errors raised
  outside views reach `core.errors.server_error` (handler500), which answers the same.
"""

from django.http.multipartparser import MultiPartParserError

from .errors import database_unavailable_response, is_database_unavailable, nul_character_response

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
