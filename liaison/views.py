"""The department workspace (承办单位工作台): the department's desk and one issue's page with a
form for each step the department may take now. Every write goes through issues/handling.py;
an issue outside the user's department answers 404, like a page that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.landing import DEPARTMENT_WORKSPACE_KEY
from departments.permissions import department_of
from issues import handling
from issues.permissions import handling_refusal, handling_steps, issues_handled_by
from issues.services import ConcurrentEditError

from .forms import STEP_FORMS
from .selectors import department_desk, issue_page

SERVICES = {
    "accept": handling.handling_accept,
    "return": handling.handling_return,
    "progress": handling.handling_progress,
    "extension": handling.extension_request_submit,
    "done": handling.handling_report_done,
}
SUCCESS = {
    "accept": gettext_lazy("已签收，问题进入办理中。"),
    "return": gettext_lazy("已退回，区政协机关或召集人将另行交办。"),
    "progress": gettext_lazy("办理进展已以本单位名义发布到公开页面。"),
    "extension": gettext_lazy("延期申请已提交，等待区政协机关审批。"),
    "done": gettext_lazy("已报告办结，等待召集人确认。"),
}
# The step the page shows open (the others fold away, to keep the page short on a phone).
PRIMARY_STEPS = {"accept", "progress"}


def _remember(request, acts_for_department: bool) -> None:
    """Keep the header's 承办工作台 link in step with what the user is now."""
    if acts_for_department and not request.session.get(DEPARTMENT_WORKSPACE_KEY):
        request.session[DEPARTMENT_WORKSPACE_KEY] = True
    elif not acts_for_department and DEPARTMENT_WORKSPACE_KEY in request.session:
        del request.session[DEPARTMENT_WORKSPACE_KEY]


@login_required
def home(request):
    """The department's issues: open ones by handling state, overdue first; recently confirmed."""
    department = department_of(request.user)
    _remember(request, department is not None)
    if department is None:
        raise Http404(_("您不是承办单位联络员。"))
    today = timezone.localdate()
    desk = department_desk(issues_handled_by(request.user), today)
    return render(request, "liaison/home.html", {"department": department, "desk": desk, "today": today})


def _page(request, pk):
    issue, updates, pending = issue_page(issues_handled_by(request.user), pk)
    if issue is None:
        raise Http404(_("没有找到该问题。"))
    return issue, updates, pending


def _render(request, issue, updates, pending, *, posted=None, alert="", status=200):
    """The issue page. `posted` is the step form the user sent (bound, with their text): it
    takes the place of the blank form, or, when that step is no longer open to them, is shown
    with the reason and without a submit button, so nothing typed is lost."""
    allowed = [step for step in handling_steps(request.user, issue) if not (step == "extension" and pending)]
    steps = []
    for step in allowed:
        form = posted if posted is not None and posted.step == step else STEP_FORMS[step](issue=issue)
        steps.append({"form": form, "open": step in PRIMARY_STEPS or form.is_bound})
    kept, kept_reason = None, ""
    if posted is not None and posted.step not in allowed:
        kept = posted
        kept_reason = (
            _("已有一份延期申请正在审批，请等待结果。")
            if posted.step == "extension" and pending
            else handling_refusal(request.user, issue, posted.step)
        )
    today = timezone.localdate()
    context = {
        "issue": issue,
        "updates": updates,
        "pending_extension": pending,
        "steps": steps,
        "kept": kept,
        "kept_reason": kept_reason,
        "alert": alert,
        "days_overdue": (today - issue.due_on).days if issue.is_open and issue.due_on and issue.due_on < today else 0,
    }
    return render(request, "liaison/issue.html", context, status=status)


@login_required
def issue_detail(request, pk):
    """One issue of the user's department and the steps the department may take now."""
    issue, updates, pending = _page(request, pk)
    if request.method != "POST":
        return _render(request, issue, updates, pending)
    form_class = STEP_FORMS.get(request.POST.get("step", ""))
    if form_class is None:
        return _render(request, issue, updates, pending, alert=_("请选择一项办理操作。"), status=400)
    form = form_class(request.POST, issue=issue)
    if not form.is_valid():
        return _render(request, issue, updates, pending, posted=form, status=400)
    try:
        SERVICES[form.step](issue=issue, author=request.user, **form.service_kwargs())
    except ConcurrentEditError as error:
        # Show the latest state and keep the text; the form now carries the current version,
        # so sending it again (if the step is still open) takes it.
        issue, updates, pending = _page(request, pk)
        data = request.POST.copy()
        data[form.add_prefix("expected_version")] = issue.version
        form = form_class(data, issue=issue)
        form.is_valid()
        alert = " ".join(error.messages) + _("您填写的内容保留在下方。")
        return _render(request, issue, updates, pending, posted=form, alert=alert, status=409)
    except PermissionDenied as error:
        issue, updates, pending = _page(request, pk)
        return _render(request, issue, updates, pending, posted=form, alert=str(error), status=403)
    except ValidationError as error:
        for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
            form.add_error(field if field in form.fields else None, errors)
        return _render(request, issue, updates, pending, posted=form, status=400)
    messages.success(request, SUCCESS[form.step])
    return redirect(reverse("liaison:issue", args=[issue.pk]))
