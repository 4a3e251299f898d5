"""The CPPCC members' public records: a list (filterable by sector, searchable by name, pinyin
or initials) and one member with the 履职档案. Read through `members.selectors`, as the pages
and the open-data ZIP are."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.serializers.members import MemberRecordSerializer, MemberSerializer
from core.api.conditional import conditional_response
from core.api.schema import FORMAT_PARAMETER, detail_responses, list_responses
from core.api.views import PublicReadMixin
from members.filters import MemberFilter
from members.selectors import member_record, public_members

RECORD_LIMIT = 100


@extend_schema_view(
    list=extend_schema(
        tags=["政协委员"],
        summary=_("政协委员列表"),
        description=_(
            "政协委员的公开履职记录：姓名、界别、简介，以及参加议事活动场次、提出和跟进的民生问题数、成果数。"
            "可按界别筛选，按姓名、拼音首字母（例如 xl）、界别或简介搜索。不含电话等联系方式。"
        ),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(MemberSerializer),
    ),
    retrieve=extend_schema(
        tags=["政协委员"],
        summary=_("单个政协委员的履职档案"),
        responses=detail_responses(MemberRecordSerializer),
    ),
)
class MemberViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    ordering_fields = ["full_name_pinyin"]
    ordering = ["sector__ordering", "sector__name", "full_name_pinyin", "pk"]
    csv_filename = "members"

    def get_queryset(self):
        return public_members()

    def retrieve(self, request, *args, **kwargs):
        member = self.get_object()
        record = member_record(member, limit=RECORD_LIMIT)
        context = {**self.get_serializer_context(), "record": record}
        return conditional_response(request, MemberRecordSerializer(member, context=context).data)
