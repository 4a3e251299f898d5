"""The CPPCC members' public records in the open-data API. Explicit fields only, and only a
member's public duties: name, sector, note and the record. Never a phone, user name, e-mail or
anything of the login."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from deliberations.models import Session
from issues.models import Issue, Outcome


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name", read_only=True, help_text=_("姓名。"))
    sector_name = serializers.CharField(
        source="sector.name", read_only=True, allow_null=True, default=None, help_text=_("所属界别名称。")
    )
    note = serializers.CharField(
        source="member_note", read_only=True, help_text=_("委员简介（公开的身份说明，用于区分同名委员）。")
    )
    sessions_attended = serializers.IntegerField(
        source="session_count", read_only=True, help_text=_("参加的已举行议事活动场次。")
    )
    issues_raised = serializers.IntegerField(
        source="issue_raised_count", read_only=True, help_text=_("所参加议事活动中提出的公开民生问题数。")
    )
    issues_followed = serializers.IntegerField(
        source="issue_followed_count", read_only=True, help_text=_("所参加议事活动中继续协商的公开民生问题数。")
    )
    outcomes = serializers.IntegerField(
        source="outcome_count",
        read_only=True,
        help_text=_("由这些议事活动和问题形成的成果数（提案、社情民意信息、建议）。"),
    )
    page_url = serializers.SerializerMethodField(help_text=_("委员履职档案公开页面的地址。"))

    class Meta:
        model = get_user_model()
        fields = [
            "id",
            "name",
            "sector",
            "sector_name",
            "note",
            "sessions_attended",
            "issues_raised",
            "issues_followed",
            "outcomes",
            "page_url",
        ]
        extra_kwargs = {
            "id": {"help_text": _("委员编号。")},
            "sector": {"help_text": _("所属界别编号；未填界别时为 null。")},
        }

    def get_page_url(self, member) -> str:
        return reverse("members:detail", args=[member.pk])


class MemberSessionSerializer(serializers.ModelSerializer):
    room_name = serializers.CharField(source="room.name", read_only=True, help_text=_("议事室名称。"))

    class Meta:
        model = Session
        fields = ["id", "topic", "starts_at", "room", "room_name"]
        extra_kwargs = {"id": {"help_text": _("议事活动编号。")}, "room": {"help_text": _("议事室编号。")}}


class MemberIssueSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True, help_text=_("状态的中文名称。"))

    class Meta:
        model = Issue
        fields = ["id", "title", "status", "status_label", "reported_on"]
        extra_kwargs = {"id": {"help_text": _("问题编号。")}}


class MemberOutcomeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))

    class Meta:
        model = Outcome
        fields = ["id", "kind", "kind_label", "title", "submitted_on", "adoption"]
        extra_kwargs = {"id": {"help_text": _("成果编号。")}}


class MemberRecordSerializer(MemberSerializer):
    """One member with the 履职档案: the sessions, issues and outcomes themselves (the most
    recent 100 of each; the counts are complete)."""

    sessions = serializers.SerializerMethodField(help_text=_("参加的已举行议事活动，最近的在前。"))
    issues = serializers.SerializerMethodField(help_text=_("提出或跟进的公开民生问题。"))
    outcome_list = serializers.SerializerMethodField(help_text=_("形成的成果。"))

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "sessions", "issues", "outcome_list"]

    def _record(self, member):
        return self.context["record"]

    def get_sessions(self, member) -> list[dict]:
        return MemberSessionSerializer(self._record(member).sessions, many=True).data

    def get_issues(self, member) -> list[dict]:
        return MemberIssueSerializer(self._record(member).issues, many=True).data

    def get_outcome_list(self, member) -> list[dict]:
        return MemberOutcomeSerializer(self._record(member).outcomes, many=True).data
