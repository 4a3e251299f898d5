"""议题公示, 结果公示 and the session calendar: public, read-only. The querysets come from
`announcements.selectors`, as for the pages and the calendar feeds, so they never disagree; no
sign-up or contact is in any answer."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from announcements.filters import AnnouncementFilter, CalendarFilter, ResultNoticeFilter
from announcements.selectors import calendar_sessions, public_announcements, public_comments, public_notices
from api.serializers.announcements import AnnouncementSerializer, CalendarEntrySerializer, ResultNoticeSerializer
from core.api.schema import FORMAT_PARAMETER, detail_responses, list_responses
from core.api.views import PublicReadMixin

TAG = "议题公示与结果公示"


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary=_("议题公示列表"),
        description=_("公示的议事活动：议程、邀请对象、报名名额和已报名人数（不含报名人信息）。"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(AnnouncementSerializer),
    ),
    retrieve=extend_schema(tags=[TAG], summary=_("单个议题公示"), responses=detail_responses(AnnouncementSerializer)),
)
class AnnouncementViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AnnouncementSerializer
    filterset_class = AnnouncementFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]
    csv_filename = "announcements"

    def get_queryset(self):
        return public_announcements()


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary=_("结果公示列表"),
        description=_("议事活动结果的公示：公示内容、公示期、已公开的群众意见和答复（不含联系方式）。"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(ResultNoticeSerializer),
    ),
    retrieve=extend_schema(tags=[TAG], summary=_("单个结果公示"), responses=detail_responses(ResultNoticeSerializer)),
)
class ResultNoticeViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ResultNoticeSerializer
    filterset_class = ResultNoticeFilter
    ordering_fields = ["starts_on", "ends_on"]
    ordering = ["-starts_on", "-pk"]
    csv_filename = "result-notices"

    def get_queryset(self):
        return public_notices().prefetch_related(
            Prefetch("comments", queryset=public_comments(), to_attr="public_comments")
        )


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary=_("议事日历"),
        description=_(
            "计划中和已公示的议事活动（近半年起），与日历订阅（/calendar/district.ics）内容相同："
            "UID、SEQUENCE 和状态一致。"
        ),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(CalendarEntrySerializer),
    ),
    retrieve=extend_schema(tags=[TAG], summary=_("单个日历条目"), responses=detail_responses(CalendarEntrySerializer)),
)
class CalendarViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CalendarEntrySerializer
    filterset_class = CalendarFilter
    ordering_fields = ["starts_at"]
    ordering = ["starts_at", "pk"]
    csv_filename = "calendar"

    def get_queryset(self):
        return calendar_sessions()
