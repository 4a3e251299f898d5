"""Filters of the 典型案例 list: one set for the page and the API."""

from django.utils.translation import gettext_lazy as _

from core.filtersets import PAGE_OPTIONS_MAX, ModelIdFilter, PublicFilterSet, SearchFilter
from issues.models import IssueCategory
from rooms.models import Street

from .models import Case


class CaseFilter(PublicFilterSet):
    category = ModelIdFilter(
        queryset=IssueCategory.objects.all(),
        label=_("类别"),
        help_text=_("问题类别编号。"),
        empty_label=_("全部类别"),
    )
    street = ModelIdFilter(
        queryset=Street.objects.all(),
        label=_("街道"),
        help_text=_("街道编号。"),
        empty_label=_("全部街道"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    search = SearchFilter(
        search_fields=["title", "summary", "story", "result"],
        label=_("关键词"),
        help_text=_("按标题、故事或成效搜索。"),
    )

    page_fields = ("search", "category", "street")
    api_fields = ("category", "street", "search")

    class Meta:
        model = Case
        fields = []
