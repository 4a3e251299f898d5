"""The pieces every endpoint of the open-data API (/api/v1/) shares.

- `CappedPagination`: page numbers with a documented page-size cap; a bad page or page size is a
  400 with a field error, a page past the last one a 404.
- `StrictOrderingFilter`: one ordering field out of a documented list; anything else is a 400.
- `api_exception_handler`: every error is JSON; Django's ValidationError becomes a 400 with field
  errors, PermissionDenied a 404 (the same answer as "does not exist", so nothing leaks).
- `AnonThrottle` / `UserThrottle`: rates read from settings at request time (so tests and the fuzz
  run can change them).
- `PublicReadMixin`: `?format=csv` on lists (cells escaped against formula injection) and
  conditional GET (ETag, 304) on detail endpoints.
"""

import hashlib
import json

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.exports import csv_response

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 2**31 - 1


# --- errors -------------------------------------------------------------------------------------


def _django_validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def api_exception_handler(exc, context):
    """DRF's handler, plus: Django ValidationError → 400 with field errors, Django PermissionDenied
    and Http404 → 404, and a bare list of messages wrapped as `non_field_errors`."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.NotFound(str(exc) or _("未找到。"))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到。"))
    from rest_framework.views import exception_handler as drf_exception_handler  # views import this module

    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return response


# The JSON shapes of errors, for the schema.
ErrorSerializer = inline_serializer(
    name="Error",
    fields={"detail": serializers.CharField(help_text=_("错误说明(中文)。"))},
)
FieldErrorsSerializer = inline_serializer(
    name="FieldErrors",
    fields={
        "non_field_errors": serializers.ListField(
            child=serializers.CharField(), required=False, help_text=_("不属于某个字段的错误。")
        ),
    },
)
ERROR_400 = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=str(_("请求有误:键为字段名(或 non_field_errors),值为该字段的中文错误说明列表。")),
)
ERROR_401 = OpenApiResponse(response=ErrorSerializer, description=str(_("未提供或提供了无效的令牌。")))
ERROR_404 = OpenApiResponse(
    response=ErrorSerializer, description=str(_("对象不存在、不公开、不属于您管理的议事室,或页码超出范围。"))
)
ERROR_429 = OpenApiResponse(
    response=ErrorSerializer, description=str(_("请求过于频繁;响应头 Retry-After 给出需等待的秒数。"))
)
NOT_MODIFIED_304 = OpenApiResponse(description=str(_("内容未变化(与 If-None-Match 或 If-Modified-Since 相符)。")))


# --- throttling ---------------------------------------------------------------------------------


class _SettingsRateMixin:
    def get_rate(self):
        # Read at request time, not at import time, so an override takes effect at once.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_SettingsRateMixin, AnonRateThrottle):
    """Requests without a token, counted per client IP."""


class UserThrottle(_SettingsRateMixin, UserRateThrottle):
    """Requests with a token, counted per user."""


# --- pagination ---------------------------------------------------------------------------------


def _positive_int(raw, name, maximum=None):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise exceptions.ValidationError({name: [_("请输入一个正整数。")]}) from None
    if value < 1:
        raise exceptions.ValidationError({name: [_("必须大于或等于 1。")]})
    if maximum is not None and value > maximum:
        raise exceptions.ValidationError({name: [_("不能超过 %(max)s。") % {"max": maximum}]})
    return value


class CappedPagination(PageNumberPagination):
    """`?page=` (from 1) and `?page_size=` (1 to 100, default 20)."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def validate(self, request):
        """400 with a field error for a page or page size that is not a whole number in range."""
        if self.page_query_param in request.query_params:
            _positive_int(request.query_params[self.page_query_param], self.page_query_param, maximum=MAX_ID)
        if self.page_size_query_param in request.query_params:
            _positive_int(request.query_params[self.page_size_query_param], self.page_size_query_param, MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset, request, view=None):
        self.validate(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound:
            raise exceptions.NotFound(_("页码超出范围。")) from None

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("页码,从 1 开始;超出最后一页时返回 404。")),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("每页条数,默认 %(default)s,最多 %(max)s。"))
                % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE},
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "description": str(_("符合条件的总条数。"))},
                "next": {"type": "string", "nullable": True, "format": "uri", "description": str(_("下一页地址。"))},
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": str(_("上一页地址。")),
                },
                "results": schema,
            },
        }


# --- ordering -----------------------------------------------------------------------------------


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=<field>` or `?ordering=-<field>` for one field of the view's `ordering_fields`.

    DRF's own filter silently ignores an unknown field; here it is a 400, so a client learns of
    its typo instead of getting a differently sorted list.
    """

    def allowed_terms(self, view):
        terms = []
        for name in view.ordering_fields:
            terms += [name, f"-{name}"]
        return terms

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        if raw not in self.allowed_terms(view):
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("不支持的排序字段“%(value)s”。可选:%(choices)s。")
                        % {
                            "value": raw[:50],
                            "choices": "、".join(self.allowed_terms(view)),
                        }
                    ]
                }
            )
        # A unique tie-breaker keeps pages stable.
        return [raw, "-pk" if raw.startswith("-") else "pk"]

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(_("排序字段;前加“-”为倒序。")),
                "schema": {"type": "string", "enum": self.allowed_terms(view)},
            }
        ]


# --- renderers and shared view behaviour --------------------------------------------------------


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


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description=str(_("json(默认,分页)或 csv(按当前筛选条件导出全部结果,不分页,UTF-8 带 BOM)。")),
)


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
                    {"format": [_("可选格式:%(formats)s。") % {"formats": "、".join(formats)}]}
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


def list_responses(serializer_class):
    return {
        (200, "application/json"): serializer_class(many=True),
        (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description=str(_("CSV 导出。"))),
        (400, "application/json"): ERROR_400,
        (404, "application/json"): ERROR_404,
        (429, "application/json"): ERROR_429,
    }


def detail_responses(serializer_class):
    return {200: serializer_class, 304: NOT_MODIFIED_304, 404: ERROR_404, 429: ERROR_429}


# --- filters and serializers --------------------------------------------------------------------


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A record id: a positive whole number (`?room=abc` is a 400, an unknown id an empty list)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class StrictBooleanFilter(django_filters.ChoiceFilter):
    """`true` or `false`; anything else is a 400 (Django's own boolean filter ignores it)."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("true", "true"), ("false", "false")]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


@extend_schema_field({"type": "string", "maxLength": 100})
class SearchFilter(django_filters.CharFilter):
    """A case-insensitive search over `search_fields`, at most 100 characters."""

    def __init__(self, *args, search_fields=(), **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("搜索"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        query = Q()
        for name in self.search_fields:
            query |= Q(**{f"{name}__icontains": value})
        return qs.filter(query)


def help_texts(model, names, **overrides):
    """`extra_kwargs` giving each model field among `names` its Chinese verbose name as help text.

    Pass the serializer's whole `fields` list: names that are not model fields (computed fields,
    reverse relations) are skipped, since they declare their own help text."""
    extra = {}
    for name in names:
        text = overrides.get(name)
        if text is None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.auto_created and not field.concrete:
                continue
            text = field.verbose_name
        extra[name] = {"help_text": text}
    return extra


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet where a filter given with an empty value (`?room=`) is a 400, as the schema
    says it must be a value; only the free-text search may be empty."""

    def is_valid(self):
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, SearchFilter):
                continue
            if name in self.data and self.data.get(name, None) == "":
                if name in self.form.fields and name not in self.form.errors:
                    self.form.add_error(name, _("不能为空;不需要筛选时请省略该参数。"))
                valid = False
        return valid


# --- written dates ------------------------------------------------------------------------------

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def plausible_year(value):
    """Dates a convener writes lie between 2000 and 2100 (a typo such as 0202 is a 400, not a record)."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise serializers.ValidationError(
            _("日期须在 %(start)s 年至 %(end)s 年之间。") % {"start": EARLIEST_YEAR, "end": LATEST_YEAR}
        )


def path_ids_are_integers(result, generator, request, public):
    """Postprocessing hook: the `{id}` path parameter is a positive integer.

    The router lets any path segment through (so `/rooms/abc/` answers a JSON 404), which makes
    drf-spectacular guess "string"; the ids are integers.
    """
    labels = {}
    for path, _regex, _method, view in getattr(generator, "endpoints", None) or []:
        filterset_class = getattr(getattr(view, "cls", None), "filterset_class", None)
        if filterset_class is not None:
            labels[path] = {name: str(f.label) for name, f in filterset_class.base_filters.items() if f.label}
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1}
                    parameter["description"] = str(_("记录编号。"))
                elif parameter.get("in") == "query" and not parameter.get("description"):
                    # drf-spectacular drops the label of a filter whose schema is overridden.
                    label = labels.get(path, {}).get(parameter["name"])
                    if label:
                        parameter["description"] = label
    return result


# --- strict JSON types for written fields -------------------------------------------------------
# DRF turns 0 into "0" for a text field and "5" into 5 for a number; a client that sends the wrong
# JSON type has a bug, so the API says so (400) instead of guessing.


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("请输入文本(JSON 字符串)。"))
        # The documented maxLength applies to what was sent, before surrounding spaces are trimmed.
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(_("请输入整数(JSON 数字)。"))
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("请输入可选值之一(JSON 字符串)。"))
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(_("请输入编号(JSON 整数)。"))
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)
