"""Session endpoints: public reads, and creating and changing sessions for conveners.

Writes go through `deliberations.services.session_log` / `session_update`, the functions the HTML
form calls, so the API has the same validation, transaction and audit trail (simple_history).
A room or session the user does not manage answers 404; the user's own session after the edit
window answers 403 with the reason, the same answer as the HTML edit page
(`deliberations.permissions.check_can_edit_session` decides both).

Lost updates: a PUT/PATCH must say which version it changes, either the `version` field or an
`If-Match` header with the ETag of a GET of the session. Neither answers 400 with a field error on
`version` (not 428, so that every client error of a write has the same JSON shape); a version that
is no longer current answers 409 with what changed since. Creating is idempotent with a
`client_token` field or an `Idempotency-Key` header (a UUID): the same token again answers 200
with the session the first request logged.
"""

import uuid

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.serializers.deliberations import (
    CampaignDetailSerializer,
    CampaignSerializer,
    SessionCreateSerializer,
    SessionSerializer,
    SessionUpdateSerializer,
)
from core.api.conditional import etag_for
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
from deliberations.filters import SessionFilter
from deliberations.models import Attendance, Campaign, CampaignStreetTarget, Session
from deliberations.permissions import EditWindowClosed, can_log_session, check_can_edit_session, sessions_editable_by
from deliberations.services import SessionChangedError, SessionData, session_log, session_update
from figures.selectors import campaigns_with_figures
from members.selectors import public_members_named

WRITE_RESPONSES = {400: ERROR_400, 401: ERROR_401, 404: ERROR_404, 429: ERROR_429}
ERROR_403_EDIT_WINDOW = OpenApiResponse(
    response=ERROR_401.response,  # the same {"detail": "..."} shape
    description=str(_("议事活动录入已超过可修改期限，召集人不能再修改（detail 给出中文原因）。")),
)
UPDATE_RESPONSES = {**WRITE_RESPONSES, 403: ERROR_403_EDIT_WINDOW, 409: ERROR_409}
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=str(_("读取该议事活动时响应头中的 ETag。可代替请求体中的 version；与当前内容不符时返回 409。")),
)
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=str(_("可选的一次性标识（UUID），作用同请求体中的 client_token。")),
)


def _named_members() -> Prefetch:
    """The public members each session names, as `session.named_members` (ids in the answer)."""
    return Prefetch(
        "cppcc_members", queryset=public_members_named().select_related(None).only("id"), to_attr="named_members"
    )


def _session_data(values) -> SessionData:
    return SessionData(
        topic=values["topic"],
        starts_at=values["starts_at"],
        kind=values["kind"],
        status=values["status"],
        ends_at=values["ends_at"],
        place=values["place"],
        campaign=values["campaign"],
        minutes=values["minutes"],
        consensus=values["consensus"],
        attendance={row["role"]: row["headcount"] for row in values.get("attendance", [])},
        cppcc_members=values.get("cppcc_members", []),
    )


@extend_schema_view(
    list=extend_schema(
        tags=["议事活动"],
        summary=_("议事活动列表"),
        description=_(
            "全部议事活动（已举行和计划中的），附分身份参与人数。可按议事室、街道、层级、类型、状态、日期筛选。"
        ),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(SessionSerializer),
    ),
    retrieve=extend_schema(tags=["议事活动"], summary=_("单个议事活动"), responses=detail_responses(SessionSerializer)),
    create=extend_schema(
        tags=["议事活动"],
        summary=_("登记议事活动（召集人）"),
        description=_(
            "召集人为自己担任召集人的议事室登记一场议事活动及参与人数。需要令牌；其他议事室返回 404。"
            "带 client_token（或 Idempotency-Key 请求头）重复提交时返回已登记的议事活动（200），不会重复登记。"
        ),
        request=SessionCreateSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={201: SessionSerializer, 200: SessionSerializer, **WRITE_RESPONSES},
    ),
    update=extend_schema(
        tags=["议事活动"],
        summary=_("修改议事活动（召集人）"),
        description=_(
            "修改自己议事室的议事活动（在可修改期限内）。省略 attendance 时保留原有人数。"
            "必须提供读取到的 version（或 If-Match 请求头）：缺少时返回 400，已被他人修改时返回 409。"
        ),
        request=SessionUpdateSerializer,
        parameters=[IF_MATCH_PARAMETER],
        responses={200: SessionSerializer, **UPDATE_RESPONSES},
    ),
    partial_update=extend_schema(
        tags=["议事活动"],
        summary=_("部分修改议事活动（召集人）"),
        description=_(
            "只修改提交的字段，其余保持不变。同样必须提供 version（或 If-Match 请求头）："
            "缺少时返回 400，已被他人修改时返回 409。"
        ),
        request=SessionUpdateSerializer,
        parameters=[IF_MATCH_PARAMETER],
        responses={200: SessionSerializer, **UPDATE_RESPONSES},
    ),
)
class SessionViewSet(
    PublicReadMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    pagination_class = KeysetPagination  # numbered pages, then ?cursor= for deep pages
    filterset_class = SessionFilter
    ordering_fields = ["starts_at", "topic"]
    ordering = ["-starts_at", "-pk"]
    csv_filename = "sessions"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        if self.action in ("update", "partial_update"):
            queryset = sessions_editable_by(self.request.user)
        else:
            queryset = Session.objects.all()
        return (
            queryset.with_person_times()
            .select_related("room", "campaign")
            .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.order_by("role")), _named_members())
        )

    def get_serializer_class(self):
        if self.action == "create":
            return SessionCreateSerializer
        if self.action in ("update", "partial_update"):
            return SessionUpdateSerializer
        return SessionSerializer

    def get_permissions(self):
        if self.action in ("create", "update", "partial_update"):
            return [IsAuthenticated()]
        return super().get_permissions()

    def _answer(self, session, code):
        session = (
            Session.objects.with_person_times()
            .select_related("room", "campaign")
            .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.order_by("role")), _named_members())
            .get(pk=session.pk)
        )
        return Response(SessionSerializer(session, context=self.get_serializer_context()).data, status=code)

    def _client_token(self, request, validated):
        """The one-time token of a create: the body's `client_token`, else `Idempotency-Key`."""
        if validated.get("client_token"):
            return validated["client_token"]
        header = request.headers.get("Idempotency-Key")
        if not header:
            return None
        try:
            return uuid.UUID(header.strip())
        except ValueError as error:
            raise ValidationError({"Idempotency-Key": [_("Idempotency-Key 必须是 UUID。")]}) from error

    def create(self, request, *args, **kwargs):
        serializer = SessionCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        room = serializer.validated_data["room"]
        if not can_log_session(request.user, room):
            raise NotFound(_("议事室不存在或不属于您管理。"))
        session = session_log(
            room=room,
            author=request.user,
            data=_session_data(serializer.validated_data),
            client_token=self._client_token(request, serializer.validated_data),
        )
        return self._answer(session, status.HTTP_200_OK if session.replayed else status.HTTP_201_CREATED)

    def _expected_version(self, request, session, validated) -> int:
        """The version this write is based on: the `version` field, else the `If-Match` ETag
        (compared with the ETag a GET of the session answers now). Neither: 400 on `version`."""
        if validated.get("version") is not None:
            return validated["version"]
        header = request.headers.get("If-Match")
        if not header:
            raise ValidationError(
                {"version": [_("请提供您读取到的版本号 version，或用 If-Match 请求头传回读取时的 ETag。")]}
            )
        current = etag_for(SessionSerializer(session, context=self.get_serializer_context()).data)
        candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
        if "*" in candidates or current in candidates:
            return session.version
        raise Conflict(
            _("这场议事活动在您读取后已被他人修改（If-Match 与当前 ETag 不符），请重新读取后再提交。"),
            current_version=session.version,
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        session = self.get_object()  # 404 unless the user manages the session's room
        try:
            # Checked before the body, as the HTML edit page does; the service checks again under lock.
            check_can_edit_session(request.user, session)
        except EditWindowClosed as error:
            raise PermissionDenied(str(error)) from error
        serializer = SessionUpdateSerializer(data=request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        current = {
            "topic": session.topic,
            "kind": session.kind,
            "status": session.status,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "place": session.place,
            "campaign": session.campaign,
            "minutes": session.minutes,
            "consensus": session.consensus,
            "attendance": [{"role": row.role, "headcount": row.headcount} for row in session.attendance.all()],
        }
        # PUT sets every field (defaults for those it omits, but attendance is kept when omitted);
        # PATCH changes only the fields it names.
        expected_version = self._expected_version(request, session, serializer.validated_data)
        values = {**current, **serializer.validated_data}
        if "cppcc_members" not in serializer.validated_data:
            values["cppcc_members"] = list(session.cppcc_members.all())
        try:
            session = session_update(
                session=session,
                author=request.user,
                data=_session_data(values),
                expected_version=expected_version,
            )
        except EditWindowClosed as error:
            raise PermissionDenied(str(error)) from error
        except SessionChangedError as error:
            raise Conflict(error.messages[0], changes=error.changes, current_version=error.current_version) from error
        return self._answer(session, status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(
        tags=["议事活动"],
        summary=_("议事月列表"),
        description=_(
            "民生专题协商议事月：时段、主题、目标（全区与各街道）、总结，以及本议事月自己的数字："
            "归入本议事月并已举行的场次、参与人次、在这些活动中提出和解决的公开民生问题、成果转化。"
            "与议事月页面使用同一组统计函数。"
        ),
        parameters=[FORMAT_PARAMETER],
        responses=list_responses(CampaignSerializer),
    ),
    retrieve=extend_schema(
        tags=["议事活动"],
        summary=_("单个议事月"),
        description=_("同列表，另加各街道的完成情况与目标对照。"),
        responses=detail_responses(CampaignDetailSerializer),
    ),
)
class CampaignViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Campaign.objects.all()
    serializer_class = CampaignSerializer
    ordering_fields = ["starts_on", "name"]
    ordering = ["-starts_on", "-pk"]
    csv_filename = "campaigns"

    def get_queryset(self):
        return campaigns_with_figures().prefetch_related(
            Prefetch("street_targets", queryset=CampaignStreetTarget.objects.select_related("street"))
        )

    def get_serializer_class(self):
        return CampaignDetailSerializer if self.action == "retrieve" else CampaignSerializer
