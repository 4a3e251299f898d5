"""Sessions, attendance and campaigns in the open-data API: public reads and the convener's writes.

The write serializers only check the shape of the request; the rules (edit window, held sessions
not in the future, headcount range, ...) stay in `deliberations.services`, which the API calls exactly
as the HTML form does.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictPrimaryKeyRelatedField,
    help_texts,
    plausible_year,
)
from deliberations.models import MAX_HEADCOUNT, Attendance, Campaign, CampaignStreetTarget, Session
from figures.selectors import campaign_figures
from rooms.models import Room

MAX_NAMED_MEMBERS = 500  # more named members than any session has; bounds the request


class AttendanceSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True, help_text=_("身份的中文名称。"))

    class Meta:
        model = Attendance
        fields = ["role", "role_label", "headcount"]
        extra_kwargs = help_texts(Attendance, fields, headcount=_("该身份的参与人数。"))


class CampaignStreetTargetSerializer(serializers.ModelSerializer):
    street_name = serializers.CharField(source="street.name", read_only=True, help_text=_("街道名称。"))

    class Meta:
        model = CampaignStreetTarget
        fields = ["street", "street_name", "target_sessions", "target_person_times", "target_issues_resolved"]
        extra_kwargs = help_texts(CampaignStreetTarget, fields, street=_("街道编号。"))


class CampaignSerializer(serializers.ModelSerializer):
    """A campaign with its own figures (`figures.selectors.campaigns_with_figures`): the held
    sessions tagged with it, their person-times, and the published issues raised in them."""

    sessions_held = serializers.IntegerField(read_only=True, help_text=_("归入本议事月并已举行的议事活动场次。"))
    person_times = serializers.IntegerField(read_only=True, help_text=_("这些议事活动的参与人次。"))
    issues_raised = serializers.IntegerField(read_only=True, help_text=_("在这些议事活动中提出的公开民生问题数。"))
    issues_resolved = serializers.IntegerField(read_only=True, help_text=_("其中已解决的问题数。"))
    outcomes = serializers.IntegerField(read_only=True, help_text=_("由这些议事活动和问题形成的成果转化数。"))
    street_targets = CampaignStreetTargetSerializer(many=True, read_only=True, help_text=_("各街道的目标。"))
    page_url = serializers.SerializerMethodField(help_text=_("议事月公开页面的地址。"))

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "theme",
            "starts_on",
            "ends_on",
            "target_sessions",
            "target_person_times",
            "target_issues_resolved",
            "street_targets",
            "sessions_held",
            "person_times",
            "issues_raised",
            "issues_resolved",
            "outcomes",
            "summary",
            "page_url",
        ]
        extra_kwargs = help_texts(Campaign, fields, id=_("议事月编号。"))

    def get_page_url(self, campaign) -> str:
        return campaign.get_absolute_url()


class CampaignStreetRowSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text=_("街道编号；不分街道的议事室（多为界别）为 null。"))
    label = serializers.CharField(help_text=_("街道名称。"))
    sessions_held = serializers.IntegerField(help_text=_("已举行场次。"))
    person_times = serializers.IntegerField(help_text=_("参与人次。"))
    issues_raised = serializers.IntegerField(help_text=_("提出的公开民生问题数。"))
    issues_resolved = serializers.IntegerField(help_text=_("其中已解决数。"))
    target_sessions = serializers.IntegerField(allow_null=True, help_text=_("目标场次；没有目标时为 null。"))
    target_person_times = serializers.IntegerField(allow_null=True, help_text=_("目标参与人次。"))
    target_issues_resolved = serializers.IntegerField(allow_null=True, help_text=_("目标解决问题数。"))
    sessions_percent = serializers.FloatField(allow_null=True, help_text=_("场次完成率（%）。"))
    person_times_percent = serializers.FloatField(allow_null=True, help_text=_("人次完成率（%）。"))
    issues_resolved_percent = serializers.FloatField(allow_null=True, help_text=_("解决问题完成率（%）。"))


class CampaignDetailSerializer(CampaignSerializer):
    streets = serializers.SerializerMethodField(help_text=_("各街道的完成情况与目标对照，与议事月页面相同。"))

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "streets"]

    @extend_schema_field(CampaignStreetRowSerializer(many=True))
    def get_streets(self, campaign) -> list:
        return CampaignStreetRowSerializer(campaign_figures(campaign).streets, many=True).data


class SessionSerializer(serializers.ModelSerializer):
    room_name = serializers.CharField(source="room.name", read_only=True, help_text=_("议事室名称。"))
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))
    status_label = serializers.CharField(source="get_status_display", read_only=True, help_text=_("状态的中文名称。"))
    campaign_name = serializers.CharField(
        source="campaign.name", read_only=True, allow_null=True, default=None, help_text=_("所属议事月名称。")
    )
    attendance = AttendanceSerializer(many=True, read_only=True, help_text=_("按身份分列的参与人数。"))
    person_times = serializers.SerializerMethodField(help_text=_("参与人次：各身份人数之和。"))
    cppcc_members = serializers.SerializerMethodField(
        help_text=_("点名参加的政协委员编号（见 /api/v1/members/），人数不超过“政协委员”身份的参与人数。")
    )
    page_url = serializers.SerializerMethodField(help_text=_("议事活动公开页面的地址。"))

    class Meta:
        model = Session
        fields = [
            "id",
            "room",
            "room_name",
            "topic",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "starts_at",
            "ends_at",
            "place",
            "campaign",
            "campaign_name",
            "minutes",
            "consensus",
            "attendance",
            "person_times",
            "cppcc_members",
            "page_url",
            "version",
            "updated_at",
        ]
        extra_kwargs = help_texts(
            Session,
            fields,
            version=_("版本号：每次修改加 1。修改时作为 version 传回（或用 If-Match 传回 ETag），防止覆盖他人的修改。"),
            id=_("议事活动编号。"),
            room=_("议事室编号。"),
            campaign=_("所属议事月编号；不属于议事月时为 null。"),
        )

    def get_person_times(self, session) -> int:
        return session.person_times  # annotated by Session.objects.with_person_times()

    def get_cppcc_members(self, session) -> list[int]:
        # Prefetched as `named_members` (public members only) by the views that list sessions.
        return [member.pk for member in session.named_members]

    def get_page_url(self, session) -> str:
        return session.get_absolute_url()


class AttendanceInputSerializer(serializers.Serializer):
    role = StrictChoiceField(choices=Attendance.Role.choices, help_text=_("身份。"))
    headcount = StrictIntegerField(
        min_value=0, max_value=MAX_HEADCOUNT, help_text=_("该身份的参与人数（0 至 100000）。")
    )


class SessionUpdateSerializer(serializers.Serializer):
    """The fields a convener sends to change a session (the room cannot change)."""

    topic = StrictCharField(max_length=200, help_text=_("议题。"))
    kind = StrictChoiceField(
        choices=Session.Kind.choices, default=Session.Kind.REGULAR, help_text=_("类型，默认常规议事。")
    )
    status = StrictChoiceField(
        choices=Session.Status.choices,
        default=Session.Status.HELD,
        help_text=_("状态：已举行（held，开始时间不能在将来）或计划中（planned）。"),
    )
    starts_at = serializers.DateTimeField(
        validators=[plausible_year], help_text=_("开始时间（ISO 8601，带时区；不带时区按北京时间），2000 至 2100 年。")
    )
    ends_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        validators=[plausible_year],
        help_text=_("结束时间，不能早于开始时间。"),
    )
    place = StrictCharField(max_length=200, required=False, allow_blank=True, default="", help_text=_("地点。"))
    campaign = StrictPrimaryKeyRelatedField(
        queryset=Campaign.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("所属议事月编号。"),
    )
    minutes = StrictCharField(required=False, allow_blank=True, default="", help_text=_("纪要。"))
    consensus = StrictCharField(required=False, allow_blank=True, default="", help_text=_("共识。"))
    attendance = AttendanceInputSerializer(
        many=True,
        required=False,
        max_length=len(Attendance.Role.choices),
        help_text=_("按身份分列的参与人数，每个身份至多一行；省略时（修改）保留原有人数。"),
    )

    cppcc_members = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        max_length=MAX_NAMED_MEMBERS,
        help_text=_(
            "点名参加的政协委员编号（见 /api/v1/members/）。人数不能超过“政协委员”身份的参与人数，"
            "否则返回 400；省略时（修改）保留原有名单。"
        ),
    )

    version = StrictIntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "您读取到的版本号（见读取结果的 version）。修改时必须提供 version 或 If-Match 请求头（读取时的 ETag）；"
            "缺少两者返回 400，版本已过时返回 409。"
        ),
    )

    def validate_attendance(self, rows):
        # In a PATCH the nested rows are partial too: a row still needs both of its fields.
        if any("role" not in row or "headcount" not in row for row in rows):
            raise serializers.ValidationError(_("每一行都需要填写身份（role）和人数（headcount）。"))
        roles = [row["role"] for row in rows]
        if len(roles) != len(set(roles)):
            raise serializers.ValidationError(_("每个身份只能填写一行。"))
        return rows

    def validate_cppcc_members(self, ids):
        """The members themselves, looked up in one query: every id must be a CPPCC member's."""
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError(_("同一位政协委员只能出现一次。"))
        found = {member.pk: member for member in get_user_model().objects.filter(is_cppcc_member=True, pk__in=ids)}
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise serializers.ValidationError(
                _("编号为 %(ids)s 的政协委员不存在。") % {"ids": "、".join(str(pk) for pk in missing)}
            )
        return [found[pk] for pk in ids]


class SessionCreateSerializer(SessionUpdateSerializer):
    room = StrictPrimaryKeyRelatedField(
        queryset=Room.objects.all(), help_text=_("议事室编号；必须是您担任召集人的议事室。")
    )
    version = None  # a new session has no version yet
    client_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "可选的一次性标识（UUID）。带同一标识重复提交（例如超时后重试）时不会重复登记，"
            "而是返回已登记的议事活动（200）。也可用 Idempotency-Key 请求头传递。"
        ),
    )
