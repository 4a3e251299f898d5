"""One small form per department step. Each carries the issue version the page showed
(`expected_version`), so a step taken on a stale page is refused (409) and nothing is lost."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _text(label, *, required, message="", rows=4, help_text="", max_length=5000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={
            "required": message,
            "max_length": _("最多 %(limit_value)d 个字（现在 %(show_value)d 个）。"),
        },
    )


class StepForm(forms.Form):
    step = ""  # the key of issues.permissions.HANDLING_STEPS this form takes
    title = ""
    button = ""
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("prefix", self.step)
        kwargs.setdefault("initial", {}).setdefault("expected_version", issue.version)
        super().__init__(*args, **kwargs)
        self.issue = issue
        self.fields["expected_version"].error_messages.update(
            {"required": _("页面已过期，请刷新后再提交。"), "invalid": _("页面已过期，请刷新后再提交。")}
        )

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class AcceptForm(StepForm):
    step = "accept"
    title = _("签收")
    button = _("签收")
    note = _text(
        _("签收说明"),
        required=False,
        rows=2,
        max_length=1000,
        help_text=_("可不填；不填时公开进展显示“承办单位已签收，正在办理。”"),
    )


class ReturnForm(StepForm):
    step = "return"
    title = _("退回")
    button = _("退回")
    reason = _text(
        _("退回理由"),
        required=True,
        rows=3,
        max_length=1000,
        message=_("请说明退回的理由，例如不属于本单位职责。"),
        help_text=_("例如：不属于本单位职责，建议交由××办理。退回后由区政协机关或召集人改派。"),
    )


class ProgressForm(StepForm):
    step = "progress"
    title = _("发布办理进展")
    button = _("发布进展")
    note = _text(
        _("办理进展"),
        required=True,
        message=_("请填写办理进展。"),
        help_text=_("会以本单位名义显示在公开页面上，不显示个人姓名。"),
    )


class ExtensionForm(StepForm):
    step = "extension"
    title = _("申请延期")
    button = _("提交延期申请")
    requested_due_on = forms.DateField(
        label=_("希望延至"),
        widget=DateInput(),
        error_messages={"required": _("请填写希望延至的日期。"), "invalid": _("请输入有效的日期。")},
    )
    reason = _text(_("延期理由"), required=True, rows=3, max_length=2000, message=_("请说明需要延期的理由。"))


class DoneForm(StepForm):
    step = "done"
    title = _("报告办结")
    button = _("报告办结")
    resolution = _text(
        _("办理结果"),
        required=True,
        message=_("请填写办理结果。"),
        help_text=_("召集人确认后，问题才算解决；办理结果会显示在公开页面上。"),
    )


STEP_FORMS = {form.step: form for form in (AcceptForm, ReturnForm, ProgressForm, ExtensionForm, DoneForm)}
