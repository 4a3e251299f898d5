"""The residents' feedback form on a resolved issue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("您对办理结果的评价"),
        choices=Feedback.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意、基本满意或不满意。"), "invalid_choice": _("请选择有效的评价。")},
    )
    note = forms.CharField(
        label=_("留言(选填,不公开)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": _("留言最多 %(limit_value)d 个字(您填写了 %(show_value)d 个)。")},
        help_text=_("留言只供议事室改进工作,不会公开显示,也不会记录您的身份。"),
    )
