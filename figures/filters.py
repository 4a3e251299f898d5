"""Filters of the publicity records (media reports and visits), read by the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, PublicFilterSet, SearchFilter
from figures.models import MediaReport, Visit


class MediaReportFilter(PublicFilterSet):
    level = django_filters.ChoiceFilter(choices=MediaReport.Level.choices, label=_("媒体级别。"))
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("发布日期不早于（YYYY-MM-DD）。")
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("发布日期不晚于（YYYY-MM-DD）。")
    )
    search = SearchFilter(search_fields=["outlet", "title"], label=_("按媒体或标题搜索。"))

    class Meta:
        model = MediaReport
        fields = []


class VisitFilter(PublicFilterSet):
    room = IdFilter(field_name="rooms", label=_("参观过的议事室编号。"), distinct=True)
    visited_after = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=_("来访日期不早于（YYYY-MM-DD）。")
    )
    visited_before = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="lte", label=_("来访日期不晚于（YYYY-MM-DD）。")
    )
    search = SearchFilter(search_fields=["delegation", "note"], label=_("按来访单位或备注搜索。"))

    class Meta:
        model = Visit
        fields = []
