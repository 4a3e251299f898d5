"""Filters of rooms and communities: the public room directory and the API read the same ones."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, ModelIdFilter, PublicFilterSet, SearchFilter, StrictBooleanFilter

from .models import Community, Room, Sector, Street


class CommunityFilter(PublicFilterSet):
    street = IdFilter(field_name="street_id", label=_("所属街道编号。"))
    search = SearchFilter(search_fields=["name"], label=_("按名称搜索。"))

    class Meta:
        model = Community
        fields = []


class RoomFilter(PublicFilterSet):
    search = SearchFilter(
        search_fields=["name", "address", "description"], label=_("关键词"), help_text=_("按名称、地址或简介搜索。")
    )
    level = django_filters.ChoiceFilter(
        choices=Room.Level.choices, label=_("层级"), help_text=_("层级。"), empty_label=_("全部层级")
    )
    street = ModelIdFilter(
        queryset=Street.objects.all(), label=_("所属街道"), help_text=_("所属街道编号。"), empty_label=_("全部街道")
    )
    community = IdFilter(field_name="community_id", label=_("所属社区编号。"))
    sector = ModelIdFilter(
        queryset=Sector.objects.all(), label=_("所属界别"), help_text=_("所属界别编号。"), empty_label=_("全部界别")
    )
    is_active = StrictBooleanFilter(field_name="is_active", label=_("是否启用：true 或 false。"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("sessions_held", "sessions_held"),
            ("person_times", "person_times"),
            ("issues_resolved", "issues_resolved"),
        ),
        field_labels={
            "name": _("名称"),
            "sessions_held": _("议事场次"),
            "person_times": _("参与人次"),
            "issues_resolved": _("解决问题数"),
        },
        label=_("排序"),
        empty_label=_("默认排序"),
    )

    # The page lists active rooms only and sorts with its own `ordering`; the API sorts through
    # `core.api.ordering.StrictOrderingFilter`.
    page_fields = ("search", "level", "street", "sector", "ordering")
    api_fields = ("street", "community", "sector", "level", "is_active", "search")

    class Meta:
        model = Room
        fields = []
