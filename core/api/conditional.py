"""Conditional GET: an ETag over the JSON body, and 304 when the client already has it."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.http import http_date, parse_http_date_safe
from rest_framework import status
from rest_framework.response import Response


def etag_for(data) -> str:
    body = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False).encode()
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _etag_matches(request, etag) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return etag in candidates


def conditional_response(request, data, last_modified=None) -> Response:
    """200 with ETag (and Last-Modified when given), or 304 when the client already has it."""
    etag = etag_for(data)
    not_modified = _etag_matches(request, etag)
    if not not_modified and last_modified is not None and "If-None-Match" not in request.headers:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        not_modified = since is not None and int(last_modified.timestamp()) <= since
    response = Response(status=status.HTTP_304_NOT_MODIFIED) if not_modified else Response(data)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "no-cache"
    return response
