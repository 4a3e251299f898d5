"""Public pages of the livelihood issues (民生问题): the list with search, each issue's page with
its handling loop (department, escalation, duplicates, 回访), and following an issue by e-mail
(double opt-in; the confirm and unsubscribe links show a page whose button POSTs, so mail
scanners that open links change nothing)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.confirmations import confirm_at, confirmed_at
from core.listing import apply_filters, filters_active, paginate
from core.ratelimit import ip_hash, is_limited
from deliberations.models import Session
from figures.selectors import issue_satisfaction, public_issues
from issues.filters import IssueFilter
from issues.following import (
    ExpiredLinkError,
    InvalidLinkError,
    follower_by_token,
    follower_confirm,
    follower_subscribe,
    follower_unsubscribe,
)
from issues.models import FollowUpVisit, Issue, IssueUpdate
from issues.permissions import issues_visible_to
from issues.services import feedback_submit
from portal.forms import FeedbackForm, FollowForm

# Where the department stands, in the words a resident understands.
HANDLING_WORDS = {
    Issue.Handling.ASSIGNED: gettext_lazy("待承办单位签收"),
    Issue.Handling.ACCEPTED: gettext_lazy("承办单位办理中"),
    Issue.Handling.DONE_REPORTED: gettext_lazy("承办单位已报办结，待议事室确认"),
    Issue.Handling.CONFIRMED: gettext_lazy("已确认办结"),
    Issue.Handling.RETURNED: gettext_lazy("已退回，待重新交办"),
}

TOO_OFTEN = gettext_lazy("您提交得太频繁了，请过几分钟再试。您填写的内容仍保留在下面。")


def issue_list(request):
    """民生问题: filtered by category, street, room, status, triage level and year, with search."""
    filterset, issues = apply_filters(IssueFilter, request, public_issues())
    page = paginate(request, issues)
    return render(
        request,
        "issues/issue_list.html",
        {"filter": filterset, "page": page, "filtered": filters_active(filterset)},
    )


def _issue_for_page(request, pk):
    """The issue with everything its page shows, in a constant number of queries."""
    return get_object_or_404(
        issues_visible_to(request.user)
        .select_related(
            "room",
            "room__street",
            "category",
            "raised_in",
            "department",
            "escalated_to",
            "duplicate_of",
        )
        .prefetch_related(
            Prefetch(
                "updates",
                # Newest first, as on the workspace page: the latest step is what a resident looks for.
                queryset=IssueUpdate.objects.select_related("department").order_by("-occurred_on", "-pk"),
            ),
            Prefetch("deliberated_in", queryset=Session.objects.order_by("starts_at")),
            "outcomes",
            Prefetch(
                "duplicates",
                queryset=Issue.objects.public().order_by("reported_on", "pk").only("pk", "title", "duplicate_of"),
                to_attr="public_duplicates",
            ),
            Prefetch(
                "follow_ups",
                queryset=FollowUpVisit.objects.exclude(result="")
                .order_by("visited_on", "pk")
                .only("pk", "issue", "visited_on", "result", "note"),
                to_attr="recorded_follow_ups",
            ),
        ),
        pk=pk,
    )


def _can_follow(issue):
    return issue.is_public and issue.duplicate_of_id is None


def _issue_context(request, issue, form, follow_form=None):
    return {
        "confirmed_at": confirmed_at(request),
        "issue": issue,
        "satisfaction": issue_satisfaction(issue),
        "form": form,
        "can_rate": issue.is_public and issue.status == Issue.Status.RESOLVED,
        "handling_words": HANDLING_WORDS.get(issue.handling, ""),
        "can_follow": _can_follow(issue),
        "follow_form": follow_form or FollowForm(auto_id="follow_%s"),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def issue_detail(request, pk):
    """An issue: status, department and its handling, the timeline from raised to resolved,
    escalation, duplicates, 回访, outcomes and the residents' satisfaction; a POST is a
    resident's rating of the resolved issue."""
    issue = _issue_for_page(request, pk)
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if not (issue.is_public and issue.status == Issue.Status.RESOLVED):
            messages.error(request, _("只能评价已解决的公开问题。"))
            status = 400
        elif is_limited(request, "feedback"):
            form.is_valid()
            form.add_error(None, TOO_OFTEN)
            status = 429
        elif form.is_valid():
            try:
                feedback = feedback_submit(
                    issue=issue, ip_hash=ip_hash(request), user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if feedback.replaced_earlier:
                    confirm_at(
                        request,
                        "feedback",
                        _("感谢您的评价！您之前对本问题的评价已被这次的评价替换，满意率对每位群众只计一次。"),
                    )
                else:
                    confirm_at(request, "feedback", _("感谢您的评价！它已计入本问题和议事室的满意率。"))
                return redirect(issue.get_absolute_url() + "#feedback")
    else:
        form = FeedbackForm()
    return render(request, "issues/issue_detail.html", _issue_context(request, issue, form), status=status)


@require_POST
def issue_follow(request, pk):
    """关注办理进展: a resident leaves an e-mail address; a confirmation mail is sent. The answer
    is the same whether or not the address already follows the issue."""
    issue = _issue_for_page(request, pk)
    follow_form = FollowForm(request.POST, auto_id="follow_%s")
    status = 400
    if not issue.is_public:  # only people who may see an unpublished issue get this far
        raise Http404
    if not _can_follow(issue):  # the page shows no form: say it at the top
        messages.error(request, _("本问题已合并到另一个问题办理，请关注合并后的问题。"))
    elif is_limited(request, "follow"):
        follow_form.is_valid()
        follow_form.add_error(None, TOO_OFTEN)
        status = 429
    elif follow_form.is_valid():
        try:
            follower_subscribe(issue=issue, email=follow_form.cleaned_data["email"])
        except ValidationError as error:
            for message in error.messages:
                follow_form.add_error(None, message)
        else:
            # Shown in the #follow section, in place of the form, where the redirect lands.
            confirm_at(request, "follow", _("确认邮件已发送到您的邮箱，请在 7 天内点击邮件中的链接完成关注。"))
            return redirect(issue.get_absolute_url() + "#follow")
    context = _issue_context(request, issue, FeedbackForm(), follow_form)
    return render(request, "issues/issue_detail.html", context, status=status)


def _link_page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    # The token is in the address: keep it out of other sites' Referer headers and out of search
    # engines. Not "no-referrer": with it the browser sends `Origin: null` on the page's own
    # POST (the confirm button), which Django's CSRF check refuses (403).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _bad_link(request, error, message=None):
    status = 410 if isinstance(error, ExpiredLinkError) else 404
    message = message or error.messages[0]
    return _link_page(request, "issues/follow_link_invalid.html", {"message": message}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_confirm(request, token):
    """The link in the confirmation e-mail: GET shows a button, its POST confirms."""
    try:
        if request.method == "POST":
            follower = follower_confirm(token=token)
            return _link_page(request, "issues/follow_confirmed.html", {"issue": follower.issue})
        follower = follower_by_token(token=token)
    except InvalidLinkError as error:
        return _bad_link(request, error)
    return _link_page(
        request,
        "issues/follow_confirm.html",
        {"issue": follower.issue, "already": bool(follower.confirmed_at)},
    )


@csrf_exempt  # RFC 8058 one-click unsubscribe: the mail client POSTs without a CSRF token; the token is the secret
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unfollow(request, token):
    """The unsubscribe link in every follower e-mail: GET shows a one-click button; a POST (the
    button, or a mail client's `List-Unsubscribe=One-Click`) deletes the address."""
    try:
        if request.method == "POST":
            issue = follower_unsubscribe(token=token)
            return _link_page(request, "issues/follow_unsubscribed.html", {"issue": issue})
        follower = follower_by_token(token=token, confirming=False)
    except InvalidLinkError as error:
        return _bad_link(request, error, _("这个退订链接无效或已经用过。如果您已经退订，我们不会再给您发信。"))
    return _link_page(request, "issues/follow_unsubscribe.html", {"issue": follower.issue})
