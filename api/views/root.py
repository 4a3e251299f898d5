"""The API's front doors: `/api/` lists the versions, `/api/v1/` lists the endpoints.

Both answer JSON with absolute URLs, so a client (or a person trying the API in a browser) can
start at the root and follow links: every list endpoint of the router, the statistics, the
open-data ZIP, the OpenAPI schema, Swagger UI, Redoc and the rate limits in words.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import ERROR_429
from core.api.views import PublicReadMixin

API_NAME = gettext_lazy("有事好商量 · 协商议事室平台 开放数据接口")
CURRENT_VERSION = "v1"

# What each list holds, for people reading the root; a registered list missing here shows its prefix.
ENDPOINT_TITLES = {
    "street": gettext_lazy("街道"),
    "community": gettext_lazy("社区"),
    "sector": gettext_lazy("界别"),
    "room": gettext_lazy("议事室"),
    "session": gettext_lazy("议事活动"),
    "campaign": gettext_lazy("议事月活动"),
    "issue": gettext_lazy("民生问题"),
    "issuecategory": gettext_lazy("问题类别"),
    "outcome": gettext_lazy("成果转化"),
    "department": gettext_lazy("承办单位"),
    "mediareport": gettext_lazy("媒体报道"),
    "visit": gettext_lazy("来访考察"),
    "case": gettext_lazy("典型案例"),
    "member": gettext_lazy("政协委员履职记录"),
    "announcement": gettext_lazy("议题公示"),
    "resultnotice": gettext_lazy("结果公示"),
    "calendar": gettext_lazy("议事日历"),
}

_SECOND, _MINUTE, _HOUR, _DAY = gettext_lazy("秒"), gettext_lazy("分钟"), gettext_lazy("小时"), gettext_lazy("天")
UNITS = {"s": _SECOND, "sec": _SECOND, "m": _MINUTE, "min": _MINUTE, "h": _HOUR, "hour": _HOUR, "d": _DAY, "day": _DAY}


def rate_in_words(rate: str | None) -> str:
    """'120/min' → '每分钟 120 次'."""
    if not rate:
        return _("不限")
    count, _slash, period = rate.partition("/")
    unit = UNITS.get(period.strip().lower(), period)
    return _("每%(unit)s %(count)s 次") % {"unit": unit, "count": count.strip()}


def rate_limits() -> dict:
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    return {
        "anonymous": _("不带令牌：每个 IP %(rate)s。") % {"rate": rate_in_words(rates.get("anon"))},
        "token": _("带令牌：每个用户 %(rate)s。") % {"rate": rate_in_words(rates.get("user"))},
        "over_limit": _("超出后返回 429，响应头 Retry-After 给出需等待的秒数。"),
    }


def docs_links(request) -> dict:
    return {
        "openapi_schema": request.build_absolute_uri(reverse("api:schema")),
        "swagger_ui": request.build_absolute_uri(reverse("api:docs")),
        "redoc": request.build_absolute_uri(reverse("api:redoc")),
    }


class ApiDocsLinksSerializer(serializers.Serializer):
    openapi_schema = serializers.URLField(help_text=gettext_lazy("OpenAPI 3 描述（YAML；?format=json 为 JSON）。"))
    swagger_ui = serializers.URLField(help_text=gettext_lazy("Swagger UI 交互式文档。"))
    redoc = serializers.URLField(help_text=gettext_lazy("Redoc 文档。"))


RootSerializer = inline_serializer(
    name="ApiRoot",
    fields={
        "name": serializers.CharField(help_text=gettext_lazy("接口名称。")),
        "version": serializers.CharField(help_text=gettext_lazy("本目录所属的接口版本，例如 v1。")),
        "endpoints": inline_serializer(
            name="ApiEndpoint",
            many=True,
            fields={
                "name": serializers.CharField(help_text=gettext_lazy("路径名，例如 rooms。")),
                "title": serializers.CharField(help_text=gettext_lazy("中文说明。")),
                "url": serializers.URLField(help_text=gettext_lazy("接口的绝对地址。")),
            },
            help_text=gettext_lazy("本版本的全部列表接口和统计接口。"),
        ),
        "docs": ApiDocsLinksSerializer(help_text=gettext_lazy("接口文档地址。")),
        "opendata_zip": serializers.URLField(help_text=gettext_lazy("全部公开数据的 CSV 打包下载。")),
        "rate_limits": inline_serializer(
            name="ApiRateLimits",
            fields={
                "anonymous": serializers.CharField(help_text=gettext_lazy("不带令牌时的频率限制。")),
                "token": serializers.CharField(help_text=gettext_lazy("带令牌时的频率限制。")),
                "over_limit": serializers.CharField(help_text=gettext_lazy("超出限制时的答复。")),
            },
            help_text=gettext_lazy("访问频率限制（文字说明）。"),
        ),
    },
)

VersionsSerializer = inline_serializer(
    name="ApiVersions",
    fields={
        "name": serializers.CharField(help_text=gettext_lazy("接口名称。")),
        "current_version": serializers.CharField(help_text=gettext_lazy("当前版本。")),
        "versions": inline_serializer(
            name="ApiVersion",
            many=True,
            fields={
                "version": serializers.CharField(help_text=gettext_lazy("版本号。")),
                "url": serializers.URLField(help_text=gettext_lazy("该版本接口目录的绝对地址。")),
            },
            help_text=gettext_lazy("接口的各个版本。"),
        ),
        "docs": ApiDocsLinksSerializer(help_text=gettext_lazy("接口文档地址。")),
    },
)


class ApiRootView(PublicReadMixin, APIView):
    """/api/v1/: the endpoints of version 1 with their absolute URLs, the docs and the rate limits."""

    registry = ()  # the router's (prefix, viewset, basename) triples, handed over in api/urls.py

    @extend_schema(
        tags=["接口目录"],
        summary=gettext_lazy("v1 接口目录"),
        description=gettext_lazy(
            "列出 v1 的全部接口（绝对地址）、OpenAPI 描述、Swagger UI 与 Redoc 文档、开放数据 ZIP 和访问频率限制。"
        ),
        responses={200: RootSerializer, 429: ERROR_429},
    )
    def get(self, request):
        endpoints = [
            {
                "name": prefix,
                "title": str(ENDPOINT_TITLES.get(basename, prefix)),
                "url": request.build_absolute_uri(reverse(f"api:{basename}-list")),
            }
            for prefix, _viewset, basename in self.registry
        ]
        endpoints.append(
            {"name": "stats", "title": _("全区统计"), "url": request.build_absolute_uri(reverse("api:stats"))}
        )
        return Response(
            {
                "name": API_NAME,
                "version": CURRENT_VERSION,
                "endpoints": endpoints,
                "docs": docs_links(request),
                "opendata_zip": request.build_absolute_uri(reverse("api:opendata-zip")),
                "rate_limits": rate_limits(),
            }
        )


class ApiVersionsView(PublicReadMixin, APIView):
    """/api/: the versions of the API (one today) and the docs."""

    @extend_schema(
        tags=["接口目录"],
        summary=gettext_lazy("接口版本"),
        description=gettext_lazy("列出接口的各个版本（目前只有 v1）及文档地址。"),
        responses={200: VersionsSerializer, 429: ERROR_429},
    )
    def get(self, request):
        return Response(
            {
                "name": API_NAME,
                "current_version": CURRENT_VERSION,
                "versions": [{"version": CURRENT_VERSION, "url": request.build_absolute_uri(reverse("api:root"))}],
                "docs": docs_links(request),
            }
        )
