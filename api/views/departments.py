"""Read-only endpoint of the departments (承办单位) with their figures."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.serializers.departments import DepartmentSerializer
from core.api.schema import FORMAT_PARAMETER, detail_responses, list_responses
from core.api.views import PublicReadMixin
from departments.filters import DepartmentFilter
from departments.models import Department
from figures.selectors import department_figures

DESCRIPTION = _(
    "启用中的承办单位：名称、类型、公开的办公电话和所在街道，附交办给它的公开民生问题的办理情况"
    "（办理中、已解决、按期办结、逾期、平均办结天数、群众满意率）。数字与统计页“按承办单位统计”一致。"
    "不含联络员的任何信息。"
)


@extend_schema_view(
    list=extend_schema(
        tags=["民生问题"],
        summary=_("承办单位列表"),
        description=DESCRIPTION,
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(DepartmentSerializer),
    ),
    retrieve=extend_schema(
        tags=["民生问题"],
        summary=_("单个承办单位"),
        description=DESCRIPTION,
        responses=detail_responses(DepartmentSerializer),
    ),
)
class DepartmentViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Department.objects.active().select_related("street")
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
    ordering_fields = ["name", "ordering"]
    ordering = ["ordering", "name", "pk"]
    csv_filename = "departments"

    def get_serializer_context(self):
        # The figures of every department, from the statistics page's selector (cached).
        return {**super().get_serializer_context(), "figures": department_figures()}
