"""The convener's issue page: the timeline, a form to post progress, and the steps of the loop
(交办/改派, 确认办结 or 退回, 提级, 合并重复, 回访). One URL; a POST names its step in `action`
and binds only that step's form, the others are shown fresh."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from issues.following import follow_up_record
from issues.handling import handling_confirm, issue_assign
from issues.models import FollowUpVisit, Issue
from issues.permissions import issues_editable_by
from issues.services import (
    ConcurrentEditError,
    escalation_where,
    issue_escalate,
    issue_mark_duplicate,
    issue_post_update,
)
from workspace.issue_forms import (
    AssignForm,
    ConfirmForm,
    DuplicateForm,
    EscalateForm,
    FollowUpForm,
    IssueUpdateForm,
)
from workspace.selectors import active_departments, duplicate_candidates, pending_visits


def _issue(request, pk):
    queryset = issues_editable_by(request.user).select_related(
        "room", "category", "raised_in", "department", "escalated_to", "duplicate_of"
    )
    return get_object_or_404(queryset, pk=pk)


def _form(request, issue, action, data=None):
    """The form of `action`, bound to `data` when given. An unknown action or visit is 404."""
    if action == "progress":
        return IssueUpdateForm(data, issue=issue)
    if action == "assign":
        return AssignForm(data, issue=issue, departments=active_departments())
    if action == "confirm":
        return ConfirmForm(data, issue=issue)
    if action == "escalate":
        return EscalateForm(data, issue=issue)
    if action == "duplicate":
        return DuplicateForm(data, issue=issue, candidates=duplicate_candidates(request.user, issue))
    if action == "follow_up":
        visit_id = (data or {}).get("visit", "")
        visit = FollowUpVisit.objects.filter(issue=issue, result="", pk=visit_id if str(visit_id).isdigit() else 0)
        visit = visit.first()
        if visit is None:
            raise Http404(_("找不到这次回访，可能已经记录过了。"))
        return FollowUpForm(data, visit=visit)
    raise Http404(_("未知的操作。"))


def _render(request, issue, bound=None, status=200):
    """The page with every form that applies to the issue now; `bound` replaces its fresh twin."""
    forms = {"progress": IssueUpdateForm(issue=issue)}
    if issue.is_open:
        forms["assign"] = AssignForm(issue=issue, departments=active_departments())
        forms["duplicate"] = DuplicateForm(issue=issue, candidates=duplicate_candidates(request.user, issue))
        escalate = EscalateForm(issue=issue)
        if escalate.levels:
            forms["escalate"] = escalate
    if issue.handling == Issue.Handling.DONE_REPORTED:
        forms["confirm"] = ConfirmForm(issue=issue)
    visit_forms = []
    for visit in pending_visits(issue):
        if isinstance(bound, FollowUpForm) and bound.visit.pk == visit.pk:
            visit_forms.append(bound)
        else:
            visit_forms.append(FollowUpForm(visit=visit))
    if bound is not None and not isinstance(bound, FollowUpForm):
        forms[bound.action] = bound
    updates = issue.updates.select_related("author", "department").order_by("-occurred_on", "-pk")
    context = {
        "issue": issue,
        "form": forms["progress"],
        "forms": forms,
        "visit_forms": visit_forms,
        "updates": updates,
        "follows_category": bool(issue.department_id) and issue.department_id == issue.category.default_department_id,
    }
    return render(request, "workspace/issue_update.html", context, status=status)


def _perform(request, issue, action, form) -> str:
    """Call the step's service; return the success message."""
    user = request.user
    if action == "progress":
        update = issue_post_update(issue=issue, author=user, **form.service_kwargs())
        if update.triage_to:
            return _("已提级至%(where)s。") % {"where": escalation_where(update.issue)}
        return _("进展已发布到公开页面（%(date)s）。") % {"date": update.occurred_on.strftime("%Y-%m-%d")}
    if action == "assign":
        kwargs = form.service_kwargs()
        issue_assign(issue=issue, author=user, **kwargs)
        return _("已交办%(department)s办理。") % {"department": kwargs["department"].name}
    if action == "confirm":
        kwargs = form.service_kwargs()
        handling_confirm(issue=issue, author=user, **kwargs)
        return _("已确认办结，问题标记为已解决。") if kwargs["accept"] else _("已退回承办单位继续办理。")
    if action == "escalate":
        update = issue_escalate(issue=issue, author=user, **form.service_kwargs())
        return _("已提级至%(where)s。") % {"where": escalation_where(update.issue)}
    if action == "duplicate":
        kwargs = form.service_kwargs()
        issue_mark_duplicate(issue=issue, author=user, **kwargs)
        return _("已合并到问题“%(title)s”，本问题已关闭。") % {"title": kwargs["of"].title}
    visit = follow_up_record(visit=form.visit, author=user, **form.service_kwargs())
    if visit.result == FollowUpVisit.Result.REOPENED:
        return _("已记录回访，问题重新办理，已通知承办单位。")
    return _("已记录回访：回访后满意。")


@login_required
def issue_update(request, pk):
    """The issue page of a user's room, or of an issue escalated to it (404 for any other)."""
    issue = _issue(request, pk)
    if request.method != "POST":
        return _render(request, issue)
    action = request.POST.get("action") or "progress"
    form = _form(request, issue, action, request.POST)
    if action == "progress" and form.is_illegal_transition():
        form.is_valid()
        form.add_error(
            None,
            _("不能从“%(from)s”直接改为该状态，未作任何修改。") % {"from": issue.get_status_display()},
        )
        return _render(request, issue, form, status=403)
    if form.is_valid():
        try:
            message = _perform(request, issue, action, form)
        except ConcurrentEditError as error:
            # Show the latest state and keep what was typed; the next submit confirms it.
            issue = _issue(request, pk)
            data = request.POST.copy()
            data[form.add_prefix("version")] = issue.version
            form = _form(request, issue, action, data)
            form.is_valid()
            form.add_error(None, error.messages)
            return _render(request, issue, form, status=409)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("您无权进行该操作。"))
            return _render(request, issue, form, status=403)
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, message)
            return redirect(reverse("workspace:issue", args=[issue.pk]))
    return _render(request, issue, form)
