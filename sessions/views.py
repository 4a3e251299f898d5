from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from issues.models import Issue

from .models import Session


def session_detail(request, pk):
    public_issues = Issue.objects.filter(is_public=True).select_related("category")
    session = get_object_or_404(
        Session.objects.select_related("room", "campaign").prefetch_related(
            "attendance", "photos", Prefetch("issues_raised", queryset=public_issues)
        ),
        pk=pk,
    )
    return render(request, "deliberations/session_detail.html", {"session": session})
