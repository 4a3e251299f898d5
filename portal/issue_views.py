"""Public pages of the livelihood issues (民生问题): the list with search, and each issue's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.listing import apply_filters, filters_active, paginate
from core.ratelimit import ip_hash, is_limited
from deliberations.models import Session
from figures.selectors import issue_satisfaction, public_issues
from issues.filters import IssueFilter
from issues.models import Issue, IssueUpdate
from issues.permissions import issues_visible_to
from issues.services import feedback_submit
from portal.forms import FeedbackForm


def issue_list(request):
    """民生问题: filtered by category, street, room, status, triage level and year, with search."""
    filterset, issues = apply_filters(IssueFilter, request, public_issues())
    page = paginate(request, issues)
    return render(
        request,
        "issues/issue_list.html",
        {"filter": filterset, "page": page, "filtered": filters_active(filterset)},
    )


def _issue_context(issue, form):
    return {
        "issue": issue,
        "satisfaction": issue_satisfaction(issue),
        "form": form,
        "can_rate": issue.is_public and issue.status == Issue.Status.RESOLVED,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def issue_detail(request, pk):
    """An issue: status, department, the timeline from raised to resolved, outcomes and the
    residents' satisfaction; a POST is a resident's rating of the resolved issue."""
    issue = get_object_or_404(
        issues_visible_to(request.user)
        .select_related("room", "room__street", "category", "raised_in", "department", "escalated_to", "duplicate_of")
        .prefetch_related(
            Prefetch(
                "updates", queryset=IssueUpdate.objects.select_related("department").order_by("occurred_on", "pk")
            ),
            Prefetch("deliberated_in", queryset=Session.objects.order_by("starts_at")),
            "outcomes",
        ),
        pk=pk,
    )
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if not (issue.is_public and issue.status == Issue.Status.RESOLVED):
            messages.error(request, _("只能评价已解决的公开问题。"))
            status = 400
        elif is_limited(request, "feedback"):
            form.is_valid()
            form.add_error(None, _("您提交得太频繁了,请过几分钟再试。您填写的内容仍保留在下面。"))
            status = 429
        elif form.is_valid():
            try:
                feedback_submit(issue=issue, ip_hash=ip_hash(request), **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("感谢您的评价!它已计入本问题和议事室的满意率。"))
                return redirect(issue.get_absolute_url() + "#feedback")
    else:
        form = FeedbackForm()
    return render(request, "issues/issue_detail.html", _issue_context(issue, form), status=status)
