"""Publicity records, district statistics and the open-data ZIP in the API.

`/api/v1/stats/` returns exactly what the home and statistics pages show: it calls the same
selectors (`figures.selectors`), which count in the database and cache the result.
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.views import APIView

from api.opendata import opendata_zip
from api.serializers.figures import MediaReportSerializer, StatsSerializer, VisitSerializer
from cases.models import Case
from core.api.conditional import conditional_response
from core.api.renderers import ZipRenderer
from core.api.schema import ERROR_429, FORMAT_PARAMETER, NOT_MODIFIED_304, detail_responses, list_responses
from core.api.views import PublicReadMixin
from figures.filters import MediaReportFilter, VisitFilter
from figures.models import MediaReport, Visit
from figures.selectors import (
    breakdown_by_category,
    breakdown_by_level,
    breakdown_by_month,
    breakdown_by_street,
    district_totals,
    outcome_summary,
    satisfaction_summary,
)


@extend_schema_view(
    list=extend_schema(
        tags=["宣传与交流"],
        summary=_("媒体报道列表"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(MediaReportSerializer),
    ),
    retrieve=extend_schema(
        tags=["宣传与交流"], summary=_("单篇媒体报道"), responses=detail_responses(MediaReportSerializer)
    ),
)
class MediaReportViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = MediaReport.objects.all()
    serializer_class = MediaReportSerializer
    filterset_class = MediaReportFilter
    ordering_fields = ["published_on", "outlet"]
    ordering = ["-published_on", "-pk"]
    csv_filename = "media-reports"


@extend_schema_view(
    list=extend_schema(
        tags=["宣传与交流"],
        summary=_("来访考察列表"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(VisitSerializer),
    ),
    retrieve=extend_schema(tags=["宣传与交流"], summary=_("单次来访考察"), responses=detail_responses(VisitSerializer)),
)
class VisitViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Visit.objects.prefetch_related("rooms", Prefetch("cases", queryset=Case.objects.public()))
    serializer_class = VisitSerializer
    filterset_class = VisitFilter
    ordering_fields = ["visited_on", "delegation"]
    ordering = ["-visited_on", "-pk"]
    csv_filename = "visits"


def stats_payload() -> dict:
    """The statistics as the API returns them: the selectors' results, unchanged."""
    return {
        "totals": district_totals().as_dict(),
        "by_street": breakdown_by_street(),
        "by_level": breakdown_by_level(),
        "by_category": breakdown_by_category(),
        "by_month": breakdown_by_month(),
        "satisfaction": satisfaction_summary(),
        "outcomes": outcome_summary(),
    }


class StatsView(PublicReadMixin, APIView):
    @extend_schema(
        tags=["统计"],
        summary=_("全区统计"),
        description=_(
            "全区总数（议事室、覆盖率、场次、人次、问题解决数、媒体报道、来访），以及按街道、层级、类别、月份的分列、"
            "群众满意度和成果转化。与首页和统计页使用同一组统计函数，数字完全一致。支持 ETag / Last-Modified 条件请求。"
        ),
        responses={200: StatsSerializer, 304: NOT_MODIFIED_304, 429: ERROR_429},
    )
    def get(self, request):
        payload = StatsSerializer(stats_payload()).data
        return conditional_response(request, payload, last_modified=district_totals().computed_at)


class OpenDataZipView(PublicReadMixin, APIView):
    renderer_classes = [ZipRenderer]

    def get_renderers(self):
        return [ZipRenderer()]

    @extend_schema(
        tags=["统计"],
        summary=_("开放数据全量下载（ZIP）"),
        description=_("每张公开数据表一个 CSV 文件（UTF-8 带 BOM），附 README.md 说明每一列。只含公开数据。"),
        responses={
            (200, "application/zip"): OpenApiResponse(response=OpenApiTypes.BINARY, description=_("ZIP 文件。")),
            429: ERROR_429,
        },
    )
    def get(self, request):
        response = HttpResponse(opendata_zip(), content_type="application/zip")
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="chongchuan-opendata-{stamp}.zip"'
        return response
