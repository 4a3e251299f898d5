"""What the OpenAPI schema says about responses and parameters every endpoint shares."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

# The JSON shapes of errors, for the schema.
ErrorSerializer = inline_serializer(
    name="Error",
    fields={"detail": serializers.CharField(help_text=_("错误说明（中文）。"))},
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
    description=str(_("请求有误：键为字段名（或 non_field_errors），值为该字段的中文错误说明列表。")),
)
ERROR_401 = OpenApiResponse(response=ErrorSerializer, description=str(_("未提供或提供了无效的令牌。")))
ERROR_404 = OpenApiResponse(
    response=ErrorSerializer, description=str(_("对象不存在、不公开、不属于您管理的议事室，或页码超出范围。"))
)
ERROR_429 = OpenApiResponse(
    response=ErrorSerializer, description=str(_("请求过于频繁；响应头 Retry-After 给出需等待的秒数。"))
)
ERROR_409 = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=str(
        _(
            "对象在您读取后已被他人修改（版本号不符）：detail 为中文说明，current_version 为当前版本号；"
            "议事活动另给出 changes（改动了什么）。"
        )
    ),
)
NOT_MODIFIED_304 = OpenApiResponse(description=str(_("内容未变化（与 If-None-Match 或 If-Modified-Since 相符）。")))


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description=str(_("json（默认，分页）或 csv（按当前筛选条件导出全部结果，不分页，UTF-8 带 BOM）。")),
)


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


def path_ids_are_integers(result, generator, request, public):
    """Postprocessing hook: the `{id}` path parameter is a positive integer.

    The router lets any path segment through (so `/rooms/abc/` answers a JSON 404), which makes
    drf-spectacular guess "string"; the ids are integers.
    """
    labels = {}
    for path, _regex, _method, view in getattr(generator, "endpoints", None) or []:
        filterset_class = getattr(getattr(view, "cls", None), "filterset_class", None)
        if filterset_class is not None:
            labels[path] = {
                name: str(f.extra.get("help_text") or f.label)
                for name, f in filterset_class.base_filters.items()
                if f.extra.get("help_text") or f.label
            }
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1}
                    parameter["description"] = str(_("记录编号。"))
                elif parameter.get("in") == "query" and not parameter.get("description"):
                    # drf-spectacular drops the description (help text, else label) of a filter whose schema is
                    # overridden.
                    label = labels.get(path, {}).get(parameter["name"])
                    if label:
                        parameter["description"] = label
    return result
