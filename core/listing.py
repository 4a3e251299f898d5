"""Helpers the public list pages share: strict filtering and pagination that answers 404.

A filter value the form rejects (an unknown room, a malformed month) gives an empty list with
the form's error shown, never the unfiltered list and never a 500; a page number out of range or
not a number answers the friendly 404 page.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

PER_PAGE = 20


def apply_filters(filterset_class, request, queryset):
    """Bind the filter set to the query string; (filterset, queryset) with `none()` when invalid."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request, page=True)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page of `queryset` (two queries: the count and the page)."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("没有这一页。")) from error


def filters_active(filterset):
    """True when the reader narrowed the list (any filter other than the ordering is set)."""
    data = filterset.form.data
    return any(data.get(name) for name in filterset.filters if name != "ordering")
