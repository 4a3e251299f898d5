"""Renderers that only select a format (`?format=csv`, the open-data ZIP); the views write the
bytes themselves."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    """Only selects `?format=csv`; the list view itself streams the CSV (see `PublicReadMixin`)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


class ZipRenderer(BaseRenderer):
    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
