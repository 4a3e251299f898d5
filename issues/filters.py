"""Filters of the public issue list, including the Chinese full-text search."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from rooms.models import Room, Street

from .models import Issue, IssueCategory
from .search import filter_issues


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("error_messages", {"invalid": _("请填写四位数的年份,例如 2020。")})
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(reported_on__year=value)


class IssueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("关键词"))
    category = django_filters.ModelChoiceFilter(
        queryset=IssueCategory.objects.all(), label=_("类别"), empty_label=_("全部类别")
    )
    street = django_filters.ModelChoiceFilter(
        field_name="room__street", queryset=Street.objects.all(), label=_("所属街道"), empty_label=_("全部街道")
    )
    room = django_filters.ModelChoiceFilter(queryset=Room.objects.all(), label=_("议事室"), empty_label=_("全部议事室"))
    status = django_filters.ChoiceFilter(choices=Issue.Status.choices, label=_("状态"), empty_label=_("全部状态"))
    triage_level = django_filters.ChoiceFilter(
        choices=Issue.Triage.choices, label=_("三事分流层级"), empty_label=_("全部层级")
    )
    year = YearFilter(label=_("反映年份"))
    ordering = django_filters.OrderingFilter(
        fields=(("reported_on", "reported_on"), ("resolved_on", "resolved_on")),
        field_labels={"reported_on": _("反映日期"), "resolved_on": _("解决日期")},
        label=_("排序"),
        empty_label=_("最新反映在前"),
    )

    class Meta:
        model = Issue
        fields = ["q", "category", "street", "room", "status", "triage_level", "year"]

    def search(self, queryset, name, value):
        return filter_issues(queryset, value)
