"""Filters of the members' public records: the /members/ page and the API read the same ones."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.filtersets import PAGE_OPTIONS_MAX, ModelIdFilter, PublicFilterSet, SearchFilter
from rooms.models import Sector

from .selectors import member_search


class MemberFilter(PublicFilterSet):
    search = SearchFilter(
        search=member_search,
        label=_("姓名、拼音首字母、界别或简介"),
        help_text=_("按姓名、拼音（或首字母，例如 xl）、界别或委员简介搜索。"),
    )
    sector = ModelIdFilter(
        queryset=Sector.objects.order_by("ordering", "name"),
        label=_("界别"),
        help_text=_("所属界别编号。"),
        empty_label=_("全部界别"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    page_fields = ("search", "sector")

    class Meta:
        model = get_user_model()
        fields = []
