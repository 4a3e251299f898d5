"""Pagination of the API lists.

`CappedPagination`: `?page=` and `?page_size=` with a documented page-size cap; a bad page or page
size is a 400 with a field error, a page past the last one a 404. `count` stops at
`core.listing.COUNT_CAP` (`count_is_capped` says when there are more rows), so a list of a
million sessions does not count them all on every request.

`KeysetPagination` (the big lists: rooms, sessions, issues) adds `?cursor=`: an opaque position
after the last row of a page, made of that row's ordering values and its id. The database seeks
to it through the (ordering…, id) index instead of reading and skipping every row before it, so
page 5,000 is as fast as page 1. `page` serves the first `MAX_PAGE_NUMBER` pages; a deeper page
is a 400 telling the client to follow `next`, which carries a cursor from the last numbered page
on. Every ordering the endpoint allows can be walked with a cursor (NULLs included); a cursor
made under another `ordering` or `page_size` than the request's is a 400.
"""

import base64
import binascii
import datetime
import json
import math
from collections import OrderedDict

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.listing import COUNT_CAP, CappedPaginator

from .limits import MAX_ID

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_NUMBER = 50
MAX_CURSOR_LENGTH = 1000


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
    """`?page=` (from 1) and `?page_size=` (1 to 100, default 20); `count` capped at `COUNT_CAP`."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()
    django_paginator_class = CappedPaginator
    max_page_number = MAX_ID

    def validate(self, request):
        """400 with a field error for a page or page size that is not a whole number in range."""
        if self.page_query_param in request.query_params:
            _positive_int(request.query_params[self.page_query_param], self.page_query_param, self.max_page_number)
        if self.page_size_query_param in request.query_params:
            _positive_int(request.query_params[self.page_size_query_param], self.page_size_query_param, MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset, request, view=None):
        self.validate(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound:
            raise exceptions.NotFound(_("页码超出范围。")) from None

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.page.paginator.count),
                    ("count_is_capped", self.page.paginator.count_is_capped),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def page_parameter(self):
        return {
            "name": self.page_query_param,
            "required": False,
            "in": "query",
            "description": str(_("页码，从 1 开始；超出最后一页时返回 404。")),
            "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_number},
        }

    def get_schema_operation_parameters(self, view):
        return [
            self.page_parameter(),
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("每页条数，默认 %(default)s，最多 %(max)s。"))
                % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE},
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_is_capped", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": str(
                        _("符合条件的总条数；超过 %(cap)s 条时只计到 %(cap)s（此时 count_is_capped 为 true）。")
                    )
                    % {"cap": COUNT_CAP},
                },
                "count_is_capped": {
                    "type": "boolean",
                    "description": str(_("为 true 时，符合条件的条数多于 count，count 只是下限。")),
                },
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


# ---- keyset (cursor) pagination ----------------------------------------------------------------


def _ordering_terms(queryset):
    """The queryset's ordering as [(name, descending)], or None when an entry is not a plain field
    name (an expression), which a cursor cannot follow."""
    terms = []
    for entry in queryset.query.order_by or queryset.query.get_meta().ordering:
        if isinstance(entry, str):
            terms.append((entry.lstrip("-"), entry.startswith("-")))
        elif isinstance(entry, OrderBy) and isinstance(entry.expression, F):
            terms.append((entry.expression.name, entry.descending))
        else:
            return None
    if not terms or terms[-1][0] not in ("pk", "id"):
        terms.append(("pk", terms[-1][1] if terms else False))
    return terms


def _model_field(model, name):
    """The model field behind `room__street__ordering` (None for an annotation)."""
    field = None
    for part in name.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field.target_field if field is not None and field.is_relation else field


def _value_of(instance, name):
    value = instance
    for part in name.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value.pk if isinstance(value, models.Model) else value


def _after(terms, values):
    """Q for "strictly after the row whose ordering values are `values`", NULLs placed as this
    database sorts them (PostgreSQL sorts NULL as the largest value, SQLite as the smallest)."""
    nulls_largest = connection.vendor == "postgresql"
    condition = Q(pk__in=[])
    equal = Q()
    for (name, descending), value in zip(terms, values, strict=True):
        larger = not descending  # "after" means larger on an ascending field
        if value is None:
            step = Q(**{f"{name}__isnull": False}) if larger != nulls_largest else Q(pk__in=[])
            same = Q(**{f"{name}__isnull": True})
        else:
            step = Q(**{f"{name}__gt" if larger else f"{name}__lt": value})
            if larger == nulls_largest:
                step |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        condition |= equal & step
        equal &= same
    return condition


def _seek(model, terms, values):
    """`_after()` with a bound on the first ordering field that the database can seek to in the
    (field, …, id) index: the OR of `_after` alone is read as a filter over every row before it."""
    condition = _after(terms, values)
    (name, descending), value = terms[0], values[0]
    if value is None or len(terms) < 2:
        return condition
    bound = Q(**{f"{name}__lte" if descending else f"{name}__gte": value})
    field = _model_field(model, name)
    # Through a relation (room__street__ordering) a NULL foreign key makes the value NULL too.
    nullable = field is None or field.null or "__" in name
    if nullable and (not descending) == (connection.vendor == "postgresql"):
        bound |= Q(**{f"{name}__isnull": True})  # the NULLs come after the values
    return bound & condition


def _json_value(value):
    # Full precision: DjangoJSONEncoder would cut a timestamp to milliseconds, and the cursor
    # would then skip or repeat rows that differ by microseconds.
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return DjangoJSONEncoder().default(value)


def _plain(value, field):
    """True for a cursor value this database can compare without an error."""
    if value is None:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_ID
    if isinstance(value, float):
        return field is None and math.isfinite(value)
    if isinstance(value, str):
        return field is not None and "\x00" not in value
    return False


class KeysetPagination(CappedPagination):
    """Numbered pages up to `MAX_PAGE_NUMBER`, then `?cursor=` (see the module's docstring)."""

    cursor_query_param = "cursor"
    max_page_number = MAX_PAGE_NUMBER

    def validate(self, request):
        if self.page_query_param in request.query_params:
            try:
                number = int(request.query_params[self.page_query_param])
            except (TypeError, ValueError):
                number = None
            if number is not None and number > MAX_PAGE_NUMBER:
                raise exceptions.ValidationError(
                    {
                        self.page_query_param: [
                            _(
                                "页码不能超过 %(max)s。更靠后的数据请使用上一页返回的 next 链接"
                                "（其中带 cursor 参数）继续翻页。"
                            )
                            % {"max": MAX_PAGE_NUMBER}
                        ]
                    }
                )
        super().validate(request)
        if self.cursor_query_param in request.query_params and self.page_query_param in request.query_params:
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("cursor 与 page 不能同时使用：cursor 已指明从哪里继续。")]}
            )

    def paginate_queryset(self, queryset, request, view=None):
        self.validate(request)
        self.request = request
        self.cursor_mode = self.cursor_query_param in request.query_params
        self.terms = _ordering_terms(queryset)
        if not self.cursor_mode:
            rows = super().paginate_queryset(queryset, request, view)
            self.last_row = rows[-1] if rows else None
            return rows
        if self.terms is None:
            raise exceptions.ValidationError({self.cursor_query_param: [_("当前排序不支持 cursor，请使用 page。")]})
        page_size = self.get_page_size(request)
        values = self.decode_cursor(request.query_params[self.cursor_query_param], queryset.model, page_size)
        self.count_paginator = CappedPaginator(queryset, page_size)
        rows = list(queryset.filter(_seek(queryset.model, self.terms, values))[: page_size + 1])
        self.has_next = len(rows) > page_size
        rows = rows[:page_size]
        self.last_row = rows[-1] if rows else None
        return rows

    # The cursor: base64 of {"o": the ordering, "s": the page size, "v": the last row's values}.

    def encode_cursor(self, row, page_size):
        values = [_value_of(row, name) for name, _descending in self.terms]
        ordering = [("-" if descending else "") + name for name, descending in self.terms]
        raw = json.dumps({"o": ordering, "s": page_size, "v": values}, default=_json_value, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode_cursor(self, raw, model, page_size):
        invalid = exceptions.ValidationError(
            {self.cursor_query_param: [_("cursor 无效：请使用列表返回的 next 链接，不要自行拼写。")]}
        )
        if not raw or len(raw) > MAX_CURSOR_LENGTH:
            raise invalid
        try:
            data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode())
            ordering, size, values = data["o"], data["s"], data["v"]
        except (binascii.Error, ValueError, UnicodeDecodeError, TypeError, KeyError):
            raise invalid from None
        expected = [("-" if descending else "") + name for name, descending in self.terms]
        if ordering != expected or size != page_size:
            raise exceptions.ValidationError(
                {
                    self.cursor_query_param: [
                        _("cursor 与本次请求的排序或每页条数不一致：翻页时请保持 ordering 和 page_size 不变。")
                    ]
                }
            )
        if not isinstance(values, list) or len(values) != len(self.terms):
            raise invalid
        cleaned = []
        for (name, _descending), value in zip(self.terms, values, strict=True):
            field = _model_field(model, name)
            if value is not None:
                if not _plain(value, field):
                    raise invalid
                if field is not None:
                    try:
                        value = field.to_python(value)
                    except (DjangoValidationError, TypeError, ValueError, OverflowError):
                        raise invalid from None
                    if isinstance(value, datetime.datetime) and value.tzinfo is None:
                        raise invalid
            if name in ("pk", "id") and not isinstance(value, int):
                raise invalid
            cleaned.append(value)
        return cleaned

    def cursor_link(self):
        if self.last_row is None or self.terms is None:
            return None
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(self.last_row, self.page_size_now))

    @property
    def page_size_now(self):
        return self.get_page_size(self.request)

    def get_next_link(self):
        if self.cursor_mode:
            return self.cursor_link() if self.has_next else None
        if not self.page.has_next():
            return None
        if self.page.number >= MAX_PAGE_NUMBER:
            return self.cursor_link()
        return super().get_next_link()

    def get_previous_link(self):
        # A cursor walks forward only: to go back, keep the links already followed.
        return None if self.cursor_mode else super().get_previous_link()

    def get_paginated_response(self, data):
        if not self.cursor_mode:
            return super().get_paginated_response(data)
        paginator = self.count_paginator
        return Response(
            OrderedDict(
                [
                    ("count", paginator.count),
                    ("count_is_capped", paginator.count_is_capped),
                    ("next", self.get_next_link()),
                    ("previous", None),
                    ("results", data),
                ]
            )
        )

    def page_parameter(self):
        parameter = super().page_parameter()
        parameter["description"] = str(
            _("页码，从 1 开始，最多 %(max)s；超出最后一页时返回 404。更靠后的数据请跟随 next 链接（cursor）。")
        ) % {"max": MAX_PAGE_NUMBER}
        return parameter

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "翻页位置（不透明字符串），取自上一页返回的 next 链接，不要自行拼写；"
                        "与 page 不能同时使用，翻页时 ordering 和 page_size 须保持不变。"
                        "按 cursor 翻页时只向后翻，previous 为 null。"
                    )
                ),
                "schema": {"type": "string", "maxLength": MAX_CURSOR_LENGTH},
            },
        ]
