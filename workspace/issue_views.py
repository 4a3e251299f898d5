"""The convener's issue page: the timeline and a form to post progress, resolve or escalate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from issues.permissions import issues_editable_by
from issues.services import ConcurrentEditError, issue_post_update
from workspace.issue_forms import IssueUpdateForm


def _issue(request, pk):
    queryset = issues_editable_by(request.user).select_related("room", "category", "raised_in", "department")
    return get_object_or_404(queryset, pk=pk)


def _render(request, issue, form, status=200):
    updates = issue.updates.select_related("author", "department").order_by("-occurred_on", "-pk")
    return render(
        request, "workspace/issue_update.html", {"issue": issue, "form": form, "updates": updates}, status=status
    )


@login_required
def issue_update(request, pk):
    """Post an update on an issue of the user's room (404 for any other issue)."""
    issue = _issue(request, pk)
    if request.method != "POST":
        return _render(request, issue, IssueUpdateForm(issue=issue))
    form = IssueUpdateForm(request.POST, issue=issue)
    if form.is_illegal_transition():
        form.is_valid()
        form.add_error(
            None,
            _("不能从“%(from)s”直接改为该状态,未作任何修改。") % {"from": issue.get_status_display()},
        )
        return _render(request, issue, form, status=403)
    if form.is_valid():
        try:
            update = issue_post_update(issue=issue, author=request.user, **form.service_kwargs())
        except ConcurrentEditError as error:
            # Show the latest timeline and keep what was typed; the next submit confirms it.
            issue = _issue(request, pk)
            data = request.POST.copy()
            data["version"] = issue.version
            form = IssueUpdateForm(data, issue=issue)
            form.is_valid()
            form.add_error(None, error.messages)
            return _render(request, issue, form, status=409)
        except PermissionDenied:
            return _render(request, issue, form, status=403)
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("进展已发布到公开页面(%(date)s)。") % {"date": update.occurred_on.strftime("%Y-%m-%d")}
            )
            return redirect(reverse("workspace:issue", args=[issue.pk]))
    return _render(request, issue, form)
