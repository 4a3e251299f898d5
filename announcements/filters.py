"""Filters of announcements, result notices and the session calendar, read by the API."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, PublicFilterSet, StrictBooleanFilter
from deliberations.models import Session

from .models import Announcement, ResultNotice


class AnnouncementFilter(PublicFilterSet):
    room = IdFilter(field_name="session__room", label=_("议事室编号。"))
    upcoming = StrictBooleanFilter(method="filter_upcoming", label=_("true：只列尚未开始的议事活动。"))

    class Meta:
        model = Announcement
        fields = []

    def filter_upcoming(self, queryset, name, value):
        if value in ("", None):
            return queryset
        now = timezone.now()
        if value == "true":
            return queryset.filter(session__starts_at__gte=now)
        return queryset.filter(session__starts_at__lt=now)


class ResultNoticeFilter(PublicFilterSet):
    room = IdFilter(field_name="session__room", label=_("议事室编号。"))
    running = StrictBooleanFilter(method="filter_running", label=_("true：公示中；false：公示期满。"))

    class Meta:
        model = ResultNotice
        fields = []

    def filter_running(self, queryset, name, value):
        if value in ("", None):
            return queryset
        return queryset.running() if value == "true" else queryset.ended()


class CalendarFilter(PublicFilterSet):
    room = IdFilter(field_name="room", label=_("议事室编号。"))

    class Meta:
        model = Session
        fields = []
