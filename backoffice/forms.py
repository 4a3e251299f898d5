"""Forms of the staff back office: the registry import, the ledger filter and the 催办 note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from deliberations.models import Campaign
from rooms.models import Room, Street


class RegistryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        help_text=_("使用下载的模板填写，不超过 5 MB。导入前会先预览，确认无误后才写入。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class LedgerForm(forms.Form):
    street = forms.ModelChoiceField(
        label=_("街道"), queryset=Street.objects.all(), required=False, empty_label=_("全部街道")
    )
    room = forms.ModelChoiceField(
        label=_("议事室"), queryset=Room.objects.order_by("name"), required=False, empty_label=_("全部议事室")
    )
    campaign = forms.ModelChoiceField(
        label=_("议事月"), queryset=Campaign.objects.all(), required=False, empty_label=_("不限")
    )
    date_from = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return data


class UrgeForm(forms.Form):
    note = forms.CharField(
        label=_("催办说明"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("请承办单位抓紧办理。")}),
    )


class ExtensionDecisionForm(forms.Form):
    """同意延期 / 不同意 on the dashboard."""

    APPROVE, DECLINE = "approve", "decline"

    decision = forms.ChoiceField(
        label=_("审批意见"),
        choices=[(APPROVE, _("同意延期")), (DECLINE, _("不同意"))],
        error_messages={"required": _("请选择同意或不同意。"), "invalid_choice": _("请选择同意或不同意。")},
    )
    note = forms.CharField(
        label=_("审批说明（选填）"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("审批说明不能超过 500 字。")},
    )


class MemberReviewForm(forms.Form):
    """The year of the annual 履职 review."""

    year = forms.TypedChoiceField(
        label=_("年度"),
        coerce=int,
        error_messages={"invalid_choice": _("请选择列出的年度。"), "required": _("请选择年度。")},
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, _("%(year)d年") % {"year": year}) for year in years]
