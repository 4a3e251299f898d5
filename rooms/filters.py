"""Filters of the public room directory. Every filter is a query-string parameter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Room, Sector, Street


class RoomFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("名称包含"))
    level = django_filters.ChoiceFilter(choices=Room.Level.choices, label=_("层级"), empty_label=_("全部层级"))
    street = django_filters.ModelChoiceFilter(
        queryset=Street.objects.all(), label=_("所属街道"), empty_label=_("全部街道")
    )
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), label=_("所属界别"), empty_label=_("全部界别")
    )
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

    class Meta:
        model = Room
        fields = ["q", "level", "street", "sector"]
