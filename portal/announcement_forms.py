"""The forms residents fill in on a session's page without logging in: sign up for an announced
session, and comment on a result in 公示. Names and contacts are private."""

from django import forms
from django.utils.translation import gettext_lazy as _

from announcements.models import Comment


class SignUpForm(forms.Form):
    name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写您的姓名。"), "max_length": _("姓名最多 %(limit_value)d 个字。")},
    )
    contact = forms.CharField(
        label=_("手机号码或电子邮箱"),
        max_length=100,
        help_text=_("只用于通知您报名结果和活动变动，不会公开，只有召集人和工作人员能看到。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "email"}),
        error_messages={
            "required": _("请填写手机号码或电子邮箱。"),
            "max_length": _("联系方式最多 %(limit_value)d 个字。"),
        },
    )


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("您要提出"),
        choices=Comment.Kind.choices,
        initial=Comment.Kind.COMMENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择意见建议或异议。"), "invalid_choice": _("请选择意见建议或异议。")},
    )
    body = forms.CharField(
        label=_("内容"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        error_messages={
            "required": _("请填写您的意见。"),
            "max_length": _("内容最多 %(limit_value)d 个字（您填写了 %(show_value)d 个）。"),
        },
    )
    contact = forms.CharField(
        label=_("联系方式（选填，不公开）"),
        required=False,
        max_length=100,
        help_text=_("方便召集人就您的意见与您联系，只有召集人和工作人员能看到。"),
        error_messages={"max_length": _("联系方式最多 %(limit_value)d 个字。")},
    )
