"""Page numbers with a documented page-size cap; a bad page or page size is a 400 with a field
error, a page past the last one a 404."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from .limits import MAX_ID

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


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
