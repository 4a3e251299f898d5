"""The forms residents fill in without logging in: a topic suggestion (议题征集) on a room's page,
feedback on a resolved issue and following an issue by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from deliberations.models import AttendanceRole
from issues.models import Feedback


class SuggestionForm(forms.Form):
    topic = forms.CharField(
        label=_("建议议题"),
        max_length=200,
        error_messages={
            "required": _("请填写您建议的议题。"),
            "max_length": _("议题最多 %(limit_value)d 个字（您填写了 %(show_value)d 个）。"),
        },
    )
    description = forms.CharField(
        label=_("具体说明（选填）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        error_messages={"max_length": _("具体说明最多 %(limit_value)d 个字（您填写了 %(show_value)d 个）。")},
    )
    contact = forms.CharField(
        label=_("联系方式（选填，不公开）"),
        required=False,
        max_length=100,
        help_text=_("方便议事室就议题与您联系，只有召集人和工作人员能看到。"),
        error_messages={"max_length": _("联系方式最多 %(limit_value)d 个字。")},
    )

    def clean_topic(self):
        topic = self.cleaned_data["topic"].strip()
        if not topic:
            raise forms.ValidationError(_("请填写您建议的议题。"))
        return topic


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("您对办理结果的评价"),
        choices=Feedback.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意、基本满意或不满意。"), "invalid_choice": _("请选择有效的评价。")},
    )
    note = forms.CharField(
        label=_("留言（选填，不公开）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": _("留言最多 %(limit_value)d 个字（您填写了 %(show_value)d 个）。")},
        help_text=_("留言只供议事室改进工作，不会公开显示，也不会记录您的身份。"),
    )


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        help_text=_("只用于通知本问题的进展，不会公开，可随时一键退订。"),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "inputmode": "email", "placeholder": "name@example.com"}
        ),
        error_messages={
            "required": _("请填写您的电子邮箱。"),
            "invalid": _("请填写有效的电子邮箱地址，例如 name@example.com。"),
            "max_length": _("电子邮箱地址太长了。"),
        },
    )


class CheckinForm(forms.Form):
    """扫码签到: the attendee ticks their role, and nothing else is asked."""

    role = forms.ChoiceField(
        label=_("您的身份"),
        choices=AttendanceRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择您的身份。"), "invalid_choice": _("请从列表中选择您的身份。")},
    )
