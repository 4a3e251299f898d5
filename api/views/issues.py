"""Issue endpoints: published issues with their timeline, categories and outcomes; conveners
post progress through `issues.services.issue_post_update`, the same function as the HTML form."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.serializers.issues import (
    IssueCategorySerializer,
    IssueSerializer,
    IssueUpdateInputSerializer,
    OutcomeSerializer,
    TimelineEntrySerializer,
)
from core.api.errors import Conflict
from core.api.pagination import KeysetPagination
from core.api.schema import (
    ERROR_400,
    ERROR_401,
    ERROR_404,
    ERROR_409,
    ERROR_429,
    FORMAT_PARAMETER,
    detail_responses,
    list_responses,
)
from core.api.views import PublicReadMixin
from deliberations.models import Session
from issues.filters import IssueFilter, OutcomeFilter
from issues.models import Issue, IssueCategory, IssueUpdate, Outcome
from issues.permissions import issues_editable_by
from issues.services import ConcurrentEditError, issue_post_update


@extend_schema_view(
    list=extend_schema(
        tags=["民生问题"],
        summary=_("民生问题列表"),
        description=_("公开的民生问题及其进展时间线。可按议事室、街道、层级、类别、状态、日期筛选并搜索。"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(IssueSerializer),
    ),
    retrieve=extend_schema(tags=["民生问题"], summary=_("单个民生问题"), responses=detail_responses(IssueSerializer)),
    post_update=extend_schema(
        tags=["民生问题"],
        summary=_("发布问题进展（召集人）"),
        description=_(
            "召集人为自己议事室的问题发布进展，可同时按流程改变状态或向上提级。需要令牌；其他议事室的问题返回 404。"
            "必须提供读取到的 expected_version（缺少时返回 400）；问题已被他人更新时返回 409。"
        ),
        request=IssueUpdateInputSerializer,
        responses={
            201: TimelineEntrySerializer,
            400: ERROR_400,
            401: ERROR_401,
            404: ERROR_404,
            409: ERROR_409,
            429: ERROR_429,
        },
    ),
)
class IssueViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = KeysetPagination  # numbered pages, then ?cursor= for deep pages
    filterset_class = IssueFilter
    ordering_fields = ["reported_on", "resolved_on", "due_on", "title"]
    ordering = ["-reported_on", "-pk"]
    csv_filename = "issues"

    def get_queryset(self):
        if self.action == "post_update":
            return issues_editable_by(self.request.user)
        return (
            Issue.objects.public()
            .select_related("room", "category", "department")
            .prefetch_related(Prefetch("updates", queryset=IssueUpdate.objects.order_by("occurred_on", "pk")))
        )

    def get_serializer_class(self):
        if self.action == "post_update":
            return IssueUpdateInputSerializer
        return IssueSerializer

    @action(detail=True, methods=["post"], url_path="updates", permission_classes=[IsAuthenticated])
    def post_update(self, request, pk=None):
        issue = self.get_object()  # 404 unless the user manages the issue's room
        serializer = IssueUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            update = issue_post_update(issue=issue, author=request.user, **serializer.validated_data)
        except ConcurrentEditError as error:
            current_version = Issue.objects.filter(pk=issue.pk).values_list("version", flat=True).first()
            raise Conflict(error.messages[0], current_version=current_version) from error
        return Response(TimelineEntrySerializer(update).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        tags=["民生问题"],
        summary=_("问题类别列表"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(IssueCategorySerializer),
    ),
    retrieve=extend_schema(
        tags=["民生问题"], summary=_("单个问题类别"), responses=detail_responses(IssueCategorySerializer)
    ),
)
class IssueCategoryViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = IssueCategory.objects.all()
    serializer_class = IssueCategorySerializer
    ordering_fields = ["name", "ordering"]
    ordering = ["ordering", "name"]
    csv_filename = "issue-categories"


@extend_schema_view(
    list=extend_schema(
        tags=["成果转化"],
        summary=_("成果转化列表"),
        description=_("由协商形成的建议、提案和社情民意信息，及其采纳情况。"),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(OutcomeSerializer),
    ),
    retrieve=extend_schema(tags=["成果转化"], summary=_("单个成果"), responses=detail_responses(OutcomeSerializer)),
)
class OutcomeViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    ordering_fields = ["submitted_on", "title"]
    ordering = ["-submitted_on", "-pk"]
    csv_filename = "outcomes"

    def get_queryset(self):
        return Outcome.objects.prefetch_related(
            Prefetch("issues", queryset=Issue.objects.public().only("pk"), to_attr="public_issues"),
            Prefetch("sessions", queryset=Session.objects.only("pk")),
        )
