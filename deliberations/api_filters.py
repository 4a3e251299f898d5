"""Filters of the session endpoint; they mirror the public session list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, SearchFilter, StrictFilterSet
from rooms.models import Room

from .models import Session


class SessionFilter(StrictFilterSet):
    room = IdFilter(field_name="room_id", label=_("议事室编号。"))
    street = IdFilter(field_name="room__street_id", label=_("议事室所属街道编号。"))
    level = django_filters.ChoiceFilter(field_name="room__level", choices=Room.Level.choices, label=_("议事室层级。"))
    kind = django_filters.ChoiceFilter(choices=Session.Kind.choices, label=_("议事活动类型。"))
    status = django_filters.ChoiceFilter(choices=Session.Status.choices, label=_("状态。"))
    campaign = IdFilter(field_name="campaign_id", label=_("议事月编号。"))
    held_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("开始日期不早于(YYYY-MM-DD,北京时间)。")
    )
    held_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("开始日期不晚于(YYYY-MM-DD,北京时间)。")
    )
    search = SearchFilter(search_fields=["topic", "place", "consensus"], label=_("按议题、地点或共识搜索。"))

    class Meta:
        model = Session
        fields = []
