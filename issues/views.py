from django.shortcuts import get_object_or_404, render

from .permissions import issues_visible_to


def issue_detail(request, pk):
    issue = get_object_or_404(
        issues_visible_to(request.user).select_related("room", "category").prefetch_related("updates"), pk=pk
    )
    return render(request, "issues/issue_detail.html", {"issue": issue})
