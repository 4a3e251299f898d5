"""Departments (承办单位) in the open-data API: the department's public name, kind, office phone
and street, with its figures from `figures.selectors.breakdown_by_department` (the statistics
page's rows). Explicit fields only: its liaisons (names, accounts, phones, e-mails) never appear."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import help_texts
from departments.models import Department


class _Figure:
    """A figure of the department read from the serializer's context (`figures`: id → row); a
    department with no published issue has 0 of each count and no rates."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(*args, **kwargs)

    def get_attribute(self, instance):
        row = self.context.get("figures", {}).get(instance.pk)
        if row is None:
            return None if self.allow_null else 0
        return row.get(self.field_name)


class CountFigure(_Figure, serializers.IntegerField):
    pass


class RateFigure(_Figure, serializers.FloatField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(*args, **kwargs)


class DepartmentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))
    street_name = serializers.CharField(
        source="street.name", read_only=True, allow_null=True, default=None, help_text=_("所在街道名称。")
    )
    issues_total = CountFigure(help_text=_("交办给该单位的公开民生问题数。"))
    issues_open = CountFigure(help_text=_("其中仍在办理的。"))
    issues_resolved = CountFigure(help_text=_("其中已解决的。"))
    on_time = CountFigure(help_text=_("在办理期限内解决的（未设期限的已解决问题计为按期）。"))
    overdue = CountFigure(help_text=_("今天已超过办理期限仍未办结的。"))
    average_days = RateFigure(help_text=_("已解决问题从反映到解决的平均天数，一位小数；没有已解决问题时为 null。"))
    resolution_rate = RateFigure(help_text=_("解决率（%）。"))
    on_time_rate = RateFigure(help_text=_("按期办结率（%）：按期解决数占已解决数。"))
    feedback_total = CountFigure(help_text=_("群众对其已解决问题的评价数。"))
    satisfaction_rate = RateFigure(help_text=_("群众满意率（%）：满意和基本满意占全部评价。"))

    class Meta:
        model = Department
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "office_phone",
            "street",
            "street_name",
            "issues_total",
            "issues_open",
            "issues_resolved",
            "on_time",
            "overdue",
            "average_days",
            "resolution_rate",
            "on_time_rate",
            "feedback_total",
            "satisfaction_rate",
        ]
        extra_kwargs = help_texts(
            Department,
            fields,
            id=_("承办单位编号。"),
            office_phone=_("单位公开的办公电话（不是个人手机）。"),
            street=_("所在街道编号（街道办事处）；其他单位为 null。"),
        )
