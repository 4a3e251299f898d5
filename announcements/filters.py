"""Filters of announcements, result notices and the session calendar, read by the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, PublicFilterSet
from deliberations.models import Session

from .models import Announcement, ResultNotice


class AnnouncementFilter(PublicFilterSet):
    room = IdFilter(field_name="session__room", label=_("议事室编号。"))
    upcoming = django_filters.BooleanFilter(method="filter_upcoming", label=_("true:只列尚未开始的议事活动。"))

    class Meta:
        model = Announcement
        fields = []

    def filter_upcoming(self, queryset, name, value):
        if value is None:
            return queryset
        now = timezone.now()
        return queryset.filter(session__starts_at__gte=now) if value else queryset.filter(session__starts_at__lt=now)


class ResultNoticeFilter(PublicFilterSet):
    room = IdFilter(field_name="session__room", label=_("议事室编号。"))
    running = django_filters.BooleanFilter(method="filter_running", label=_("true:公示中；false:公示期满。"))

    class Meta:
        model = ResultNotice
        fields = []

    def filter_running(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.running() if value else queryset.ended()


class CalendarFilter(PublicFilterSet):
    room = IdFilter(field_name="room", label=_("议事室编号。"))

    class Meta:
        model = Session
        fields = []
