"""典型案例 in the API: public reads only (staff write them in the admin)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.serializers.cases import CaseSerializer
from cases.filters import CaseFilter
from core.api.schema import FORMAT_PARAMETER, detail_responses, list_responses
from core.api.views import PublicReadMixin
from figures.selectors import public_cases


@extend_schema_view(
    list=extend_schema(
        tags=["典型案例"],
        summary=_("典型案例列表"),
        description=_("已解决的民生问题或已举行的议事活动整理成的典型案例，可按类别和街道筛选。只含公开的案例。"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(CaseSerializer),
    ),
    retrieve=extend_schema(tags=["典型案例"], summary=_("单个典型案例"), responses=detail_responses(CaseSerializer)),
)
class CaseViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    ordering_fields = ["published_on", "title"]
    ordering = ["-published_on", "-pk"]
    csv_filename = "cases"

    def get_queryset(self):
        return public_cases().prefetch_related("departments")
