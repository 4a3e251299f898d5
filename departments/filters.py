"""Filters of the departments (承办单位) in the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import IdFilter, PublicFilterSet, SearchFilter

from .models import Department


class DepartmentFilter(PublicFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Department.Kind.choices, label=_("类型"), help_text=_("单位类型。"), empty_label=_("全部类型")
    )
    street = IdFilter(field_name="street_id", label=_("所在街道编号（街道办事处）。"))
    search = SearchFilter(search_fields=["name"], label=_("关键词"), help_text=_("按单位名称搜索。"))

    page_fields = ("search", "kind")
    api_fields = ("kind", "street", "search")

    class Meta:
        model = Department
        fields = []
