"""Issues, their public timeline, categories and outcomes in the open-data API.

Never serialized: authors of timeline entries, feedback (its notes and ip hashes), unpublished
issues (also not as ids inside an outcome).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import (
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    help_texts,
    plausible_year,
)
from issues.models import Issue, IssueCategory, IssueUpdate, Outcome


class IssueCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = IssueCategory
        fields = ["id", "name", "ordering"]
        extra_kwargs = help_texts(IssueCategory, fields, id=_("类别编号。"))


class TimelineEntrySerializer(serializers.ModelSerializer):
    """One entry of an issue's timeline, without its author."""

    class Meta:
        model = IssueUpdate
        fields = ["id", "occurred_on", "status_from", "status_to", "triage_to", "note", "is_urge", "created_at"]
        extra_kwargs = help_texts(
            IssueUpdate,
            fields,
            id=_("进展记录编号。"),
            status_from=_("原状态；没有改变状态时为空字符串。"),
            status_to=_("新状态；没有改变状态时为空字符串。"),
            triage_to=_("三事分流层级调整为；没有调整时为空字符串。"),
        )


class IssueSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True, help_text=_("类别名称。"))
    room_name = serializers.CharField(source="room.name", read_only=True, help_text=_("议事室名称。"))
    department = serializers.CharField(
        source="department.name", read_only=True, default="", help_text=_("承办单位名称；未交办时为空。")
    )
    department_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("承办单位编号（见 /api/v1/departments/）；未交办时为 null。")
    )
    street = serializers.IntegerField(
        source="room.street_id", read_only=True, allow_null=True, help_text=_("议事室所属街道编号。")
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True, help_text=_("状态的中文名称。"))
    triage_label = serializers.CharField(
        source="get_triage_level_display", read_only=True, help_text=_("三事分流层级的中文名称。")
    )
    timeline = TimelineEntrySerializer(source="updates", many=True, read_only=True, help_text=_("进展时间线。"))
    page_url = serializers.SerializerMethodField(help_text=_("民生问题公开页面的地址。"))

    class Meta:
        model = Issue
        fields = [
            "id",
            "title",
            "description",
            "category",
            "category_name",
            "room",
            "room_name",
            "street",
            "raised_in",
            "triage_level",
            "triage_label",
            "status",
            "status_label",
            "department",
            "department_id",
            "reported_on",
            "due_on",
            "resolution",
            "resolved_on",
            "closed_reason",
            "version",
            "updated_at",
            "timeline",
            "page_url",
        ]
        extra_kwargs = help_texts(
            Issue,
            fields,
            id=_("民生问题编号。"),
            category=_("类别编号。"),
            room=_("议事室编号。"),
            raised_in=_("提出该问题的议事活动编号；没有时为 null。"),
            version=_("版本号：每次更新加 1；发布进展时作为 expected_version 传回（必填），防止覆盖他人的更新。"),
        )

    def get_page_url(self, issue) -> str:
        return issue.get_absolute_url()


class IssueUpdateInputSerializer(serializers.Serializer):
    """A convener's progress note on an issue, optionally with a status change or escalation."""

    note = StrictCharField(max_length=5000, help_text=_("进展说明（必填）。关闭问题时即为关闭原因。"))
    status_to = StrictChoiceField(
        choices=Issue.Status.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("新状态；只能按规定的流程改变。留空表示不改变状态。"),
    )
    triage_to = StrictChoiceField(
        choices=Issue.Triage.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("三事分流层级只能向上提级。留空表示不调整。"),
    )
    resolution = StrictCharField(
        required=False, allow_blank=True, default="", help_text=_("解决情况；标记为已解决时必填。")
    )
    resolved_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[plausible_year],
        help_text=_("解决日期；省略时取进展日期。"),
    )
    occurred_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[plausible_year],
        help_text=_("进展日期；省略时为今天。"),
    )
    expected_version = StrictIntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": _("请提供您读取到的问题版本号 expected_version（见问题的 version），以免覆盖他人的更新。"),
            "null": _("请提供您读取到的问题版本号 expected_version（见问题的 version），以免覆盖他人的更新。"),
        },
        help_text=_("必填：您读取到的问题版本号（见问题的 version）。缺少时返回 400；问题已被他人更新时返回 409。"),
    )


class OutcomeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))
    adoption_label = serializers.CharField(
        source="get_adoption_display", read_only=True, help_text=_("采纳情况的中文名称。")
    )
    issues = serializers.SerializerMethodField(help_text=_("来源民生问题编号（只含公开的问题）。"))
    sessions = serializers.SerializerMethodField(help_text=_("来源议事活动编号。"))

    class Meta:
        model = Outcome
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "summary",
            "issues",
            "sessions",
            "submitted_to",
            "submitted_on",
            "adoption",
            "adoption_label",
            "adopted_on",
            "response",
        ]
        extra_kwargs = help_texts(
            Outcome,
            fields,
            id=_("成果编号。"),
        )

    def get_issues(self, outcome) -> list[int]:
        # Prefetched with only the public issues (see the view's queryset).
        return [issue.pk for issue in outcome.public_issues]

    def get_sessions(self, outcome) -> list[int]:
        return [session.pk for session in outcome.sessions.all()]
