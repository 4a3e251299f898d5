"""Filters of issues and outcomes: the public issue list and the API read the same ones, including
the Chinese full-text search (`issues.search.filter_issues`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filtersets import PAGE_OPTIONS_MAX, IdFilter, ModelIdFilter, PublicFilterSet, SearchFilter
from rooms.filters import StreetFirstRoomPicker
from rooms.models import Room, Street

from .models import Issue, IssueCategory, Outcome
from .search import filter_issues


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("error_messages", {"invalid": _("请填写四位数的年份，例如 2020。")})
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(reported_on__year=value)


class IssueFilter(StreetFirstRoomPicker, PublicFilterSet):
    search = SearchFilter(
        search=filter_issues,
        label=_("关键词"),
        help_text=_(
            "全文搜索标题和描述，中文按词查找（如“停车”）；以空格分隔的几个词须同时出现。"
            "与网站民生问题列表的关键词搜索（?q=）结果相同。"
        ),
    )
    category = ModelIdFilter(
        queryset=IssueCategory.objects.all(), label=_("类别"), help_text=_("类别编号。"), empty_label=_("全部类别")
    )
    street = ModelIdFilter(
        field_name="room__street",
        queryset=Street.objects.all(),
        label=_("所属街道"),
        help_text=_("议事室所属街道编号。"),
        empty_label=_("全部街道"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    room = ModelIdFilter(
        queryset=Room.objects.all(), label=_("议事室"), help_text=_("议事室编号。"), empty_label=_("全部议事室")
    )
    level = django_filters.ChoiceFilter(field_name="room__level", choices=Room.Level.choices, label=_("议事室层级。"))
    status = django_filters.ChoiceFilter(
        choices=Issue.Status.choices, label=_("状态"), help_text=_("状态。"), empty_label=_("全部状态")
    )
    triage_level = django_filters.ChoiceFilter(
        choices=Issue.Triage.choices, label=_("三事分流层级"), help_text=_("三事分流层级。"), empty_label=_("全部层级")
    )
    raised_in = IdFilter(field_name="raised_in_id", label=_("提出该问题的议事活动编号。"))
    year = YearFilter(label=_("反映年份"))
    reported_after = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="gte", label=_("反映日期不早于（YYYY-MM-DD）。")
    )
    reported_before = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="lte", label=_("反映日期不晚于（YYYY-MM-DD）。")
    )
    resolved_after = django_filters.DateFilter(
        field_name="resolved_on", lookup_expr="gte", label=_("解决日期不早于（YYYY-MM-DD）。")
    )
    resolved_before = django_filters.DateFilter(
        field_name="resolved_on", lookup_expr="lte", label=_("解决日期不晚于（YYYY-MM-DD）。")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("reported_on", "reported_on"), ("resolved_on", "resolved_on")),
        field_labels={"reported_on": _("反映日期"), "resolved_on": _("解决日期")},
        label=_("排序"),
        empty_label=_("最新反映在前"),
    )

    # The page picks a year and sorts with its own `ordering`; the API takes date ranges and sorts
    # through `core.api.ordering.StrictOrderingFilter`.
    page_fields = ("search", "category", "street", "room", "status", "triage_level", "year", "ordering")
    api_fields = (
        "room",
        "street",
        "level",
        "category",
        "status",
        "triage_level",
        "raised_in",
        "reported_after",
        "reported_before",
        "resolved_after",
        "resolved_before",
        "search",
    )

    class Meta:
        model = Issue
        fields = []


class OutcomeFilter(PublicFilterSet):
    kind = django_filters.ChoiceFilter(choices=Outcome.Kind.choices, label=_("类型。"))
    adoption = django_filters.ChoiceFilter(choices=Outcome.Adoption.choices, label=_("采纳情况。"))
    submitted_after = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="gte", label=_("报送日期不早于（YYYY-MM-DD）。")
    )
    submitted_before = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="lte", label=_("报送日期不晚于（YYYY-MM-DD）。")
    )
    search = SearchFilter(search_fields=["title", "summary", "submitted_to"], label=_("按标题、摘要或报送单位搜索。"))

    class Meta:
        model = Outcome
        fields = []
