"""Public pages of the 典型案例: the list by category and street, and each case's page, which
prints as a one-page handout for a visiting delegation."""

from django.shortcuts import get_object_or_404, render

from cases.filters import CaseFilter
from cases.permissions import cases_visible_to
from core.listing import apply_filters, filters_active, paginate
from figures.selectors import public_cases


def case_list(request):
    """典型案例: filtered by category and street (and a keyword), the newest first."""
    filterset, cases = apply_filters(CaseFilter, request, public_cases())
    return render(
        request,
        "cases/case_list.html",
        {"filter": filterset, "page": paginate(request, cases), "filtered": filters_active(filterset)},
    )


def case_detail(request, pk):
    """A case: the story, before and after, the consensus, the departments and the result. Staff
    also see an unpublished case (to check it before publishing); anyone else gets 404."""
    case = get_object_or_404(
        cases_visible_to(request.user)
        .select_related("category", "street", "room", "issue", "session")
        .prefetch_related("departments"),
        pk=pk,
    )
    return render(request, "cases/case_detail.html", {"case": case})
