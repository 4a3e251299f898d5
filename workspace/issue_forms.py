"""The convener's issue forms: progress (a note, a status change along the allowed transitions,
the resolution when resolved, an upward triage escalation), and the steps of the loop: 交办/改派,
确认办结 or 退回, 提级, 合并重复 and 回访."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from issues.models import ISSUE_TRANSITIONS, TRIAGE_ORDER, FollowUpVisit, Issue


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class IssueUpdateForm(forms.Form):
    """Offers only the transitions allowed from the issue's current status and only higher
    triage levels. `version` carries the issue version the page showed (optimistic locking)."""

    action = "progress"

    note = forms.CharField(
        label=_("进展说明"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("请填写进展说明。")},
    )
    status_to = forms.ChoiceField(label=_("状态改为"), required=False)
    resolution = forms.CharField(
        label=_("解决情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("标记为“已解决”时必填，会显示在公开页面上。"),
    )
    resolved_on = forms.DateField(
        label=_("解决日期"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则为进展日期。"),
        error_messages={"invalid": _("请输入有效的日期。")},
    )
    triage_to = forms.ChoiceField(label=_("三事分流提级"), required=False)
    occurred_on = forms.DateField(
        label=_("进展日期"),
        widget=DateInput(),
        error_messages={"required": _("请填写日期。"), "invalid": _("请输入有效的日期。")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, issue, **kwargs):
        self.issue = issue
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", issue.version)
        initial.setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        allowed = [status for status in Issue.Status if status in ISSUE_TRANSITIONS.get(issue.status, set())]
        self.allowed_statuses = {status.value for status in allowed}
        # The menu offers only the allowed transitions; a tampered post is caught by the view
        # (`is_illegal_transition`, answered 403) before anything is validated or saved.
        self.fields["status_to"].choices = [("", _("（状态不变）"))] + [(s.value, s.label) for s in allowed]
        self.fields["status_to"].error_messages["invalid_choice"] = _("不允许改为该状态。")
        higher = TRIAGE_ORDER[TRIAGE_ORDER.index(issue.triage_level) + 1 :]
        self.fields["triage_to"].choices = [("", _("（不提级）"))] + [
            (value, Issue.Triage(value).label) for value in higher
        ]
        self.fields["triage_to"].error_messages["invalid_choice"] = _("三事分流层级只能向上提级。")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status_to") == Issue.Status.RESOLVED and not (cleaned.get("resolution") or "").strip():
            self.add_error("resolution", _("标记为已解决时请填写解决情况。"))
        occurred_on = cleaned.get("occurred_on")
        if occurred_on and occurred_on > timezone.localdate():
            self.add_error("occurred_on", _("进展日期不能晚于今天。"))
        resolved_on = cleaned.get("resolved_on")
        if resolved_on and resolved_on > timezone.localdate():
            self.add_error("resolved_on", _("解决日期不能晚于今天。"))
        if resolved_on and cleaned.get("status_to") != Issue.Status.RESOLVED:
            self.add_error("resolved_on", _("只有标记为“已解决”时才填写解决日期。"))
        return cleaned

    def is_illegal_transition(self) -> bool:
        """True when the posted status is a real status the issue may not move to (a tampered post)."""
        status = self.data.get(self.add_prefix("status_to"), "")
        return bool(status) and status != self.issue.status and status not in self.allowed_statuses

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "note": data["note"],
            "status_to": data.get("status_to") or "",
            "triage_to": data.get("triage_to") or "",
            "resolution": data.get("resolution") or "",
            "resolved_on": data.get("resolved_on"),
            "occurred_on": data.get("occurred_on"),
            "expected_version": data.get("version"),
        }


# The steps of the loop on the convener's issue page. Each form has its own prefix, so the page
# can hold all of them and a post binds only the one that was sent (`action`); each carries
# the issue version the page showed where the service checks it.

VERSION_FIELD = {"widget": forms.HiddenInput, "min_value": 1}


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AssignForm(forms.Form):
    """交办/改派 to an active department, with an optional deadline set by hand."""

    action = "assign"
    department = DepartmentChoiceField(
        label=_("承办单位"),
        queryset=Department.objects.none(),
        empty_label=_("（请选择）"),
        error_messages={"required": _("请选择承办单位。"), "invalid_choice": _("请选择启用中的承办单位。")},
    )
    due_on = forms.DateField(
        label=_("办理期限"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则按问题类别的办理时限计算。"),
        error_messages={"invalid": _("请输入有效的日期。")},
    )
    note = forms.CharField(
        label=_("交办说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不填则自动写明承办单位和期限。"),
    )
    version = forms.IntegerField(**VERSION_FIELD)

    def __init__(self, *args, issue, departments, **kwargs):
        kwargs.setdefault("prefix", self.action)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", issue.version)
        initial.setdefault("department", issue.department_id)
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("办理期限不能早于今天。"))
        return due_on

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "department": data["department"],
            "due_on": data.get("due_on"),
            "note": data.get("note") or "",
            "expected_version": data["version"],
        }


class ConfirmForm(forms.Form):
    """确认办结 or 退回继续办理 the department's report of done (`decision`)."""

    action = "confirm"
    decision = forms.ChoiceField(
        choices=[("accept", _("确认办结")), ("reject", _("退回继续办理"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("请选择确认办结或退回继续办理。")},
    )
    resolved_on = forms.DateField(
        label=_("解决日期"),
        required=False,
        widget=DateInput(),
        help_text=_("确认办结时使用，不填则为今天。"),
        error_messages={"invalid": _("请输入有效的日期。")},
    )
    note = forms.CharField(
        label=_("说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("退回继续办理时必填：请写明还需要承办单位做什么。"),
    )
    version = forms.IntegerField(**VERSION_FIELD)

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("prefix", self.action)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", issue.version)
        initial.setdefault("resolved_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        accept = cleaned.get("decision") == "accept"
        resolved_on = cleaned.get("resolved_on")
        if accept and resolved_on and resolved_on > timezone.localdate():
            self.add_error("resolved_on", _("解决日期不能晚于今天。"))
        if cleaned.get("decision") == "reject" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("请说明还需要承办单位做什么。"))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        accept = data["decision"] == "accept"
        return {
            "accept": accept,
            "note": data.get("note") or "",
            "resolved_on": data.get("resolved_on") if accept else None,
            "expected_version": data["version"],
        }


class EscalateForm(forms.Form):
    """提级 to 街道 or 区 (only levels above the issue's own)."""

    action = "escalate"
    LEVELS = (Issue.Triage.STREET, Issue.Triage.DISTRICT)

    triage_to = forms.ChoiceField(
        label=_("提级至"),
        error_messages={"required": _("请选择提级的层级。"), "invalid_choice": _("三事分流层级只能向上提级。")},
    )
    note = forms.CharField(
        label=_("提级说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不填则自动写明提级至哪里。"),
    )
    version = forms.IntegerField(**VERSION_FIELD)

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("prefix", self.action)
        kwargs.setdefault("initial", {}).setdefault("version", issue.version)
        super().__init__(*args, **kwargs)
        current = TRIAGE_ORDER.index(issue.triage_level)
        self.levels = [(level.value, level.label) for level in self.LEVELS if TRIAGE_ORDER.index(level) > current]
        self.fields["triage_to"].choices = [("", _("（请选择）")), *self.levels]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"triage_to": data["triage_to"], "note": data.get("note") or "", "expected_version": data["version"]}


class IssueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("#%(pk)s %(title)s（%(status)s）") % {
            "pk": obj.pk,
            "title": obj.title,
            "status": obj.get_status_display(),
        }


class DuplicateForm(forms.Form):
    """合并重复: this issue repeats another issue of the same room."""

    action = "duplicate"
    duplicate_of = IssueChoiceField(
        label=_("与哪个问题重复"),
        queryset=Issue.objects.none(),
        empty_label=_("（请选择保留的问题）"),
        help_text=_("本问题将关闭并指向所选问题，关注者和群众评价一并转过去。"),
        error_messages={
            "required": _("请选择与之重复的问题。"),
            "invalid_choice": _("只能选择本议事室其他未被合并的问题。"),
        },
    )
    note = forms.CharField(
        label=_("合并说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(**VERSION_FIELD)

    def __init__(self, *args, issue, candidates, **kwargs):
        kwargs.setdefault("prefix", self.action)
        kwargs.setdefault("initial", {}).setdefault("version", issue.version)
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of"].queryset = candidates

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"of": data["duplicate_of"], "note": data.get("note") or "", "expected_version": data["version"]}


class FollowUpForm(forms.Form):
    """回访: the result of visiting a resident who rated the fix 不满意."""

    action = "follow_up"
    visited_on = forms.DateField(
        label=_("回访日期"),
        widget=DateInput(),
        error_messages={"required": _("请填写回访日期。"), "invalid": _("请输入有效的日期。")},
    )
    result = forms.ChoiceField(
        label=_("回访结果"),
        choices=FollowUpVisit.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择回访结果。"), "invalid_choice": _("请选择回访结果。")},
    )
    note = forms.CharField(
        label=_("回访情况"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写回访情况。")},
    )

    def __init__(self, *args, visit, **kwargs):
        self.visit = visit
        kwargs.setdefault("prefix", f"visit-{visit.pk}")
        kwargs.setdefault("initial", {}).setdefault("visited_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_visited_on(self):
        visited_on = self.cleaned_data.get("visited_on")
        if visited_on and visited_on > timezone.localdate():
            raise forms.ValidationError(_("回访日期不能晚于今天。"))
        return visited_on

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"result": data["result"], "note": data["note"], "visited_on": data["visited_on"]}
