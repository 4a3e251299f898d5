"""Filters of the issue and outcome endpoints; they mirror the public issue list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, SearchFilter, StrictFilterSet
from rooms.models import Room

from .models import Issue, Outcome


class IssueFilter(StrictFilterSet):
    room = IdFilter(field_name="room_id", label=_("议事室编号。"))
    street = IdFilter(field_name="room__street_id", label=_("议事室所属街道编号。"))
    level = django_filters.ChoiceFilter(field_name="room__level", choices=Room.Level.choices, label=_("议事室层级。"))
    category = IdFilter(field_name="category_id", label=_("类别编号。"))
    status = django_filters.ChoiceFilter(choices=Issue.Status.choices, label=_("状态。"))
    triage_level = django_filters.ChoiceFilter(choices=Issue.Triage.choices, label=_("三事分流层级。"))
    raised_in = IdFilter(field_name="raised_in_id", label=_("提出该问题的议事活动编号。"))
    reported_after = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="gte", label=_("反映日期不早于(YYYY-MM-DD)。")
    )
    reported_before = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="lte", label=_("反映日期不晚于(YYYY-MM-DD)。")
    )
    resolved_after = django_filters.DateFilter(
        field_name="resolved_on", lookup_expr="gte", label=_("解决日期不早于(YYYY-MM-DD)。")
    )
    resolved_before = django_filters.DateFilter(
        field_name="resolved_on", lookup_expr="lte", label=_("解决日期不晚于(YYYY-MM-DD)。")
    )
    search = SearchFilter(
        search_fields=["title", "description", "department", "resolution"],
        label=_("按标题、描述、承办单位或解决情况搜索。"),
    )

    class Meta:
        model = Issue
        fields = []


class OutcomeFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=Outcome.Kind.choices, label=_("类型。"))
    adoption = django_filters.ChoiceFilter(choices=Outcome.Adoption.choices, label=_("采纳情况。"))
    submitted_after = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="gte", label=_("报送日期不早于(YYYY-MM-DD)。")
    )
    submitted_before = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="lte", label=_("报送日期不晚于(YYYY-MM-DD)。")
    )
    search = SearchFilter(search_fields=["title", "summary", "submitted_to"], label=_("按标题、摘要或报送单位搜索。"))

    class Meta:
        model = Outcome
        fields = []
