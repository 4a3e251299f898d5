"""Media reports, visits and the district statistics in the open-data API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import help_texts
from figures.models import MediaReport, Visit


class MediaReportSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True, help_text=_("级别的中文名称。"))

    class Meta:
        model = MediaReport
        fields = ["id", "outlet", "level", "level_label", "title", "published_on", "url"]
        extra_kwargs = help_texts(MediaReport, fields, id=_("报道编号。"))


class VisitSerializer(serializers.ModelSerializer):
    rooms = serializers.SerializerMethodField(help_text=_("参观的议事室编号。"))
    cases = serializers.SerializerMethodField(help_text=_("看过的典型案例编号（仅公开的）。"))

    class Meta:
        model = Visit
        fields = ["id", "delegation", "visited_on", "headcount", "rooms", "cases", "note"]
        extra_kwargs = help_texts(Visit, fields, id=_("来访编号。"))

    def get_rooms(self, visit) -> list[int]:
        return [room.pk for room in visit.rooms.all()]

    def get_cases(self, visit) -> list[int]:
        return [case.pk for case in visit.cases.all()]  # prefetched: public cases only


# --- statistics (documentation of `figures.selectors` output) ---------------------------


def _rate(text):
    return serializers.FloatField(allow_null=True, help_text=text)


class TotalsSerializer(serializers.Serializer):
    rooms_active = serializers.IntegerField(help_text=_("启用的协商议事室数。"))
    streets_total = serializers.IntegerField(help_text=_("街道（镇、开发区）总数。"))
    streets_covered = serializers.IntegerField(help_text=_("建有启用的街道级议事室的街道数。"))
    street_coverage = _rate(_("街道覆盖率（%），一位小数。"))
    communities_total = serializers.IntegerField(help_text=_("社区（村）总数。"))
    communities_covered = serializers.IntegerField(help_text=_("建有启用的社区级议事室的社区数。"))
    community_coverage = _rate(_("社区覆盖率（%）。"))
    sectors_total = serializers.IntegerField(help_text=_("界别总数。"))
    sectors_covered = serializers.IntegerField(help_text=_("建有启用的界别议事室的界别数。"))
    sector_coverage = _rate(_("界别覆盖率（%）。"))
    sessions_held = serializers.IntegerField(help_text=_("已举行的议事活动场次。"))
    person_times = serializers.IntegerField(help_text=_("参与人次（已举行活动的各身份人数之和）。"))
    issues_total = serializers.IntegerField(help_text=_("公开的民生问题数。"))
    issues_resolved = serializers.IntegerField(help_text=_("已解决的公开民生问题数。"))
    resolution_rate = _rate(_("解决率（%）。"))
    media_reports = serializers.IntegerField(help_text=_("媒体报道次数。"))
    media_reports_central_provincial = serializers.IntegerField(
        help_text=_("其中中央、省级媒体的报道次数（首页“中央、省级媒体报道”的口径）。")
    )
    visits = serializers.IntegerField(help_text=_("兄弟政协来访考察批次。"))
    computed_at = serializers.DateTimeField(help_text=_("统计时间。"))


class _RoomBreakdownRow(serializers.Serializer):
    label = serializers.CharField(help_text=_("分组名称。"))
    rooms = serializers.IntegerField(help_text=_("启用的议事室数。"))
    sessions_held = serializers.IntegerField(help_text=_("已举行场次。"))
    person_times = serializers.IntegerField(help_text=_("参与人次。"))
    issues_total = serializers.IntegerField(help_text=_("公开的民生问题数。"))
    issues_resolved = serializers.IntegerField(help_text=_("已解决数。"))
    resolution_rate = _rate(_("解决率（%）。"))


class StreetRowSerializer(_RoomBreakdownRow):
    key = serializers.IntegerField(allow_null=True, help_text=_("街道编号；不分街道的议事室（多为界别）为 null。"))


class LevelRowSerializer(_RoomBreakdownRow):
    key = serializers.CharField(help_text=_("议事室层级代码。"))


class CategoryRowSerializer(serializers.Serializer):
    key = serializers.IntegerField(help_text=_("问题类别编号。"))
    label = serializers.CharField(help_text=_("问题类别名称。"))
    issues_total = serializers.IntegerField(help_text=_("公开的民生问题数。"))
    issues_resolved = serializers.IntegerField(help_text=_("已解决数。"))
    resolution_rate = _rate(_("解决率（%）。"))


class MonthRowSerializer(serializers.Serializer):
    key = serializers.DateField(help_text=_("月份第一天（北京时间）。"))
    label = serializers.CharField(help_text=_("月份，如“2020年8月”。"))
    sessions_held = serializers.IntegerField(help_text=_("当月已举行场次。"))
    person_times = serializers.IntegerField(help_text=_("当月参与人次。"))


class SatisfactionRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("评价代码。"))
    label = serializers.CharField(help_text=_("评价名称。"))
    count = serializers.IntegerField(help_text=_("评价数。"))


class SatisfactionSerializer(serializers.Serializer):
    rows = SatisfactionRowSerializer(many=True, help_text=_("按评价分列。"))
    total = serializers.IntegerField(help_text=_("评价总数。"))
    positive = serializers.IntegerField(help_text=_("满意与基本满意之和。"))
    rate = _rate(_("满意率（%）。"))


class OutcomeRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("成果类型代码。"))
    label = serializers.CharField(help_text=_("成果类型名称。"))
    total = serializers.IntegerField(help_text=_("成果数。"))
    adopted = serializers.IntegerField(help_text=_("已采纳数。"))
    adoption_rate = _rate(_("采纳率（%）。"))


class OutcomeSummarySerializer(serializers.Serializer):
    rows = OutcomeRowSerializer(many=True, help_text=_("按类型分列。"))
    total = serializers.IntegerField(help_text=_("成果总数。"))
    adopted = serializers.IntegerField(help_text=_("已采纳总数。"))
    adoption_rate = _rate(_("采纳率（%）。"))


class StatsSerializer(serializers.Serializer):
    totals = TotalsSerializer(help_text=_("全区总数，与首页和统计页相同。"))
    by_street = StreetRowSerializer(many=True, help_text=_("按街道分列。"))
    by_level = LevelRowSerializer(many=True, help_text=_("按议事室层级分列。"))
    by_category = CategoryRowSerializer(many=True, help_text=_("按问题类别分列。"))
    by_month = MonthRowSerializer(many=True, help_text=_("按月分列。"))
    satisfaction = SatisfactionSerializer(help_text=_("群众满意度。"))
    outcomes = OutcomeSummarySerializer(help_text=_("成果转化。"))
