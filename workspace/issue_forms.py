"""The convener's issue-update form: a note, a status change along the allowed transitions,
the resolution when resolved, and an upward triage escalation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issues.models import ISSUE_TRANSITIONS, TRIAGE_ORDER, Issue


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class IssueUpdateForm(forms.Form):
    """Offers only the transitions allowed from the issue's current status and only higher
    triage levels. `version` carries the issue version the page showed (optimistic locking)."""

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
        help_text=_("标记为“已解决”时必填,会显示在公开页面上。"),
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
        self.fields["status_to"].choices = [("", _("(状态不变)"))] + [(s.value, s.label) for s in allowed]
        self.fields["status_to"].error_messages["invalid_choice"] = _("不允许改为该状态。")
        higher = TRIAGE_ORDER[TRIAGE_ORDER.index(issue.triage_level) + 1 :]
        self.fields["triage_to"].choices = [("", _("(不提级)"))] + [
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
