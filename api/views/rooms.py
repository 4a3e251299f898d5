"""Read-only endpoints of the registry: streets, communities, sectors and rooms."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.serializers.rooms import CommunitySerializer, RoomSerializer, SectorSerializer, StreetSerializer
from core.api.pagination import KeysetPagination
from core.api.schema import FORMAT_PARAMETER, detail_responses, list_responses
from core.api.views import PublicReadMixin
from figures.selectors import rooms_with_figures
from rooms.filters import CommunityFilter, RoomFilter
from rooms.models import Community, Sector, Street


def _read_only_schema(tag, serializer, list_summary, detail_summary, list_description=""):
    return extend_schema_view(
        list=extend_schema(
            tags=[tag],
            summary=list_summary,
            description=list_description or list_summary,
            parameters=[FORMAT_PARAMETER],
            responses=list_responses(serializer),
        ),
        retrieve=extend_schema(
            tags=[tag], summary=detail_summary, description=detail_summary, responses=detail_responses(serializer)
        ),
    )


@_read_only_schema("登记信息", StreetSerializer, _("街道列表"), _("单个街道"))
class StreetViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Street.objects.all()
    serializer_class = StreetSerializer
    ordering_fields = ["name", "ordering"]
    ordering = ["ordering", "name"]
    csv_filename = "streets"


@_read_only_schema("登记信息", CommunitySerializer, _("社区列表"), _("单个社区"))
class CommunityViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Community.objects.select_related("street")
    serializer_class = CommunitySerializer
    filterset_class = CommunityFilter
    ordering_fields = ["name"]
    ordering = ["street__ordering", "name"]
    csv_filename = "communities"


@_read_only_schema("登记信息", SectorSerializer, _("界别列表"), _("单个界别"))
class SectorViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    ordering_fields = ["name", "ordering"]
    ordering = ["ordering", "name"]
    csv_filename = "sectors"


@_read_only_schema(
    "议事室",
    RoomSerializer,
    _("议事室列表"),
    _("单个议事室"),
    _("全部协商议事室（含已停用的），附已举行场次、参与人次和民生问题数。可按街道、社区、界别、层级筛选并搜索。"),
)
class RoomViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RoomSerializer
    pagination_class = KeysetPagination  # numbered pages, then ?cursor= for deep pages
    filterset_class = RoomFilter
    ordering_fields = ["name", "established_on", "sessions_held", "person_times", "issues_resolved"]
    ordering = ["street__ordering", "level", "name", "pk"]
    csv_filename = "rooms"

    def get_queryset(self):
        return rooms_with_figures()
