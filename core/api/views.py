"""Behaviour every public read endpoint shares: CSV lists, conditional details, strict query strings."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer

from core.exports import csv_response

from .conditional import conditional_response
from .renderers import CSVRenderer


def _flatten(row, prefix=""):
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False) if value else ""
        else:
            flat[name] = value
    return flat


class PublicReadMixin:
    """List with `?format=csv`; detail with ETag and 304; unknown methods 405 before auth."""

    csv_filename = "data"
    # Any path segment reaches the view, so `/rooms/abc/` is a JSON 404 rather than Django's HTML one.
    lookup_value_regex = "[^/]+"

    def get_renderers(self):
        if getattr(self, "action", None) == "list":
            return [JSONRenderer(), CSVRenderer()]
        return [JSONRenderer()]

    def initial(self, request, *args, **kwargs):
        # A method the endpoint does not have is a 405 for everyone, before authentication.
        if request.method.lower() != "options" and not hasattr(self, request.method.lower()):
            raise exceptions.MethodNotAllowed(request.method)
        repeated = [key for key in request.query_params if len(request.query_params.getlist(key)) > 1]
        if repeated:
            raise exceptions.ValidationError({key: [_("该参数只能出现一次。")] for key in repeated})
        if "format" in request.query_params:
            formats = [renderer.format for renderer in self.get_renderers()]
            if request.query_params["format"] not in formats:
                raise exceptions.ValidationError(
                    {"format": [_("可选格式：%(formats)s。") % {"formats": "、".join(formats)}]}
                )
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        # Errors are always JSON, even when the client asked for CSV.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            # The CSV holds every matching row, but a malformed page parameter is still a 400.
            if self.paginator is not None:
                self.paginator.validate(request)
            queryset = self.filter_queryset(self.get_queryset())
            rows = [_flatten(row) for row in self.get_serializer(queryset, many=True).data]
            header = list(rows[0]) if rows else list(_flatten(self.get_serializer().data))
            return csv_response(f"{self.csv_filename}.csv", header, ([row.get(k) for k in header] for row in rows))
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return conditional_response(request, self.get_serializer(instance).data)
