"""Filters of the registry endpoints; they mirror the room directory's filters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, SearchFilter, StrictBooleanFilter, StrictFilterSet

from .models import Community, Room


class CommunityFilter(StrictFilterSet):
    street = IdFilter(field_name="street_id", label=_("所属街道编号。"))
    search = SearchFilter(search_fields=["name"], label=_("按名称搜索。"))

    class Meta:
        model = Community
        fields = []


class RoomFilter(StrictFilterSet):
    street = IdFilter(field_name="street_id", label=_("所属街道编号。"))
    community = IdFilter(field_name="community_id", label=_("所属社区编号。"))
    sector = IdFilter(field_name="sector_id", label=_("所属界别编号。"))
    level = django_filters.ChoiceFilter(choices=Room.Level.choices, label=_("层级。"))
    is_active = StrictBooleanFilter(field_name="is_active", label=_("是否启用:true 或 false。"))
    search = SearchFilter(search_fields=["name", "address", "description"], label=_("按名称、地址或简介搜索。"))

    class Meta:
        model = Room
        fields = []
