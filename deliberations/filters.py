"""Filters of sessions: the public session list and the API read the same ones."""

import datetime
import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import PAGE_OPTIONS_MAX, ModelIdFilter, PublicFilterSet, SearchFilter
from rooms.filters import StreetFirstRoomPicker
from rooms.models import Room, Street

from .models import Campaign, Session

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthField(forms.CharField):
    """A month written YYYY-MM (what <input type="month"> sends); cleaned to a date on the 1st."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2020-08"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match or not (2000 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12):
            raise forms.ValidationError(_("请按“年-月”格式填写月份，例如 2020-08。"), code="invalid")
        return datetime.date(int(match[1]), int(match[2]), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, queryset, value):
        if not value:
            return queryset
        start = timezone.make_aware(datetime.datetime(value.year, value.month, 1))
        following = datetime.date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        end = timezone.make_aware(datetime.datetime(following.year, following.month, 1))
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)


class StartDateFilter(django_filters.DateFilter):
    """A bound on the start date (Beijing time), as a range on `starts_at` itself so that the
    (…, starts_at, id) indexes serve it: `starts_at__date__gte` would wrap the column in a time
    zone conversion that no index can read."""

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        if self.lookup_expr == "gte":
            if value < datetime.date(1, 1, 2):  # every session; and 0001-01-01 00:00+08 has no UTC
                return queryset
            return queryset.filter(
                starts_at__gte=timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
            )
        if value >= datetime.date.max:  # every session; and there is no day after 9999-12-31
            return queryset
        following = timezone.make_aware(
            datetime.datetime.combine(value + datetime.timedelta(days=1), datetime.time.min)
        )
        return queryset.filter(starts_at__lt=following)


class SessionFilter(StreetFirstRoomPicker, PublicFilterSet):
    search = SearchFilter(
        search_fields=["topic", "place", "consensus"], label=_("关键词"), help_text=_("按议题、地点或共识搜索。")
    )
    room = ModelIdFilter(
        queryset=Room.objects.all(), label=_("议事室"), help_text=_("议事室编号。"), empty_label=_("全部议事室")
    )
    street = ModelIdFilter(
        field_name="room__street",
        queryset=Street.objects.all(),
        label=_("所属街道"),
        help_text=_("议事室所属街道编号。"),
        empty_label=_("全部街道"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    level = django_filters.ChoiceFilter(field_name="room__level", choices=Room.Level.choices, label=_("议事室层级。"))
    kind = django_filters.ChoiceFilter(
        choices=Session.Kind.choices, label=_("类型"), help_text=_("议事活动类型。"), empty_label=_("全部类型")
    )
    campaign = ModelIdFilter(
        queryset=Campaign.objects.all(), label=_("议事月"), help_text=_("议事月编号。"), empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(
        choices=Session.Status.choices, label=_("状态"), help_text=_("状态。"), empty_label=_("全部状态")
    )
    month = MonthFilter(label=_("月份"))
    held_after = StartDateFilter(
        field_name="starts_at", lookup_expr="gte", label=_("开始日期不早于（YYYY-MM-DD，北京时间）。")
    )
    held_before = StartDateFilter(
        field_name="starts_at", lookup_expr="lte", label=_("开始日期不晚于（YYYY-MM-DD，北京时间）。")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("starts_at", "starts_at"), ("person_times", "person_times")),
        field_labels={"starts_at": _("时间"), "person_times": _("参与人次")},
        label=_("排序"),
        empty_label=_("最新在前"),
    )

    # The page picks a month and sorts with its own `ordering`; the API takes a date range and
    # sorts through `core.api.ordering.StrictOrderingFilter`.
    page_fields = ("search", "street", "room", "kind", "campaign", "status", "month", "ordering")
    api_fields = ("room", "street", "level", "kind", "status", "campaign", "held_after", "held_before", "search")

    class Meta:
        model = Session
        fields = []
