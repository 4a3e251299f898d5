"""Helpers the public list pages share: strict filtering and pagination that answers 404.

A filter value the form rejects (an unknown room, a malformed month) gives an empty list with
the form's error shown, never the unfiltered list and never a 500; a page number out of range or
not a number answers the friendly 404 page.

The lists count at most `COUNT_CAP` rows (`CappedPaginator`): an exact COUNT(*) over a million
sessions reads them all, only to print "共 1,000,000 条". Past the cap the page says "10,000+ 条"
and offers the first `COUNT_CAP / per_page` pages; a reader who needs more narrows the filters.
The figures (statistics) never go through this: they stay exact.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

PER_PAGE = 20
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator whose `count` stops at `cap` (default `COUNT_CAP`).

    The count is `SELECT COUNT(*) FROM (... LIMIT cap + 1)`, which the database stops reading
    after cap + 1 rows. `count_is_capped` says whether there are more rows than `count`; small
    lists stay exact.
    """

    def __init__(self, object_list, per_page, *args, cap=None, **kwargs):
        self.cap = COUNT_CAP if cap is None else cap
        super().__init__(object_list, per_page, *args, **kwargs)

    @cached_property
    def _capped_count(self):
        object_list = self.object_list
        if hasattr(object_list, "query"):
            # Only the ids: the list's annotations (a session's person-times) are not worked out
            # for 10,001 rows just to count them.
            found = object_list.order_by().values("pk")[: self.cap + 1].count()
        else:
            found = len(object_list)
        return min(found, self.cap), found > self.cap

    @cached_property
    def count(self):
        return self._capped_count[0]

    @cached_property
    def count_is_capped(self):
        """True when the list holds more rows than `count` says."""
        return self._capped_count[1]

    def page(self, number):
        if not self.count_is_capped:
            return super().page(number)
        # More rows follow the capped count: every page up to the last one shown is full.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


def apply_filters(filterset_class, request, queryset):
    """Bind the filter set to the query string; (filterset, queryset) with `none()` when invalid."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request, page=True)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def with_tie_breaker(queryset):
    """`queryset` with its primary key appended to an ordering that lacks it, in the direction of
    the first field: rows with equal dates keep their place from one page to the next, and the
    ordering matches the (…, id) indexes the lists read."""
    ordering = list(queryset.query.order_by or queryset.query.get_meta().ordering)
    if not ordering or any(isinstance(field, str) and field.lstrip("-") in ("pk", "id") for field in ordering):
        return queryset
    first = ordering[0]
    descending = first.startswith("-") if isinstance(first, str) else getattr(first, "descending", False)
    return queryset.order_by(*ordering, "-pk" if descending else "pk")


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page of `queryset` (two queries: the capped count and the page)."""
    paginator = CappedPaginator(with_tie_breaker(queryset), per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("没有这一页。")) from error


def filters_active(filterset):
    """True when the reader narrowed the list (any filter other than the ordering is set)."""
    data = filterset.form.data
    return any(data.get(name) for name in filterset.filters if name != "ordering")
