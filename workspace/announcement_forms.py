"""The convener's forms for 议题公示 and 结果公示: the announcement, a message to those signed up,
calling a session off, publishing the result and answering a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from announcements.models import MAX_CAPACITY, Announcement
from announcements.services import DEFAULT_WORKING_DAYS
from workspace.session_forms import LocalDateTimeInput


class AnnouncementForm(forms.ModelForm):
    signup_deadline = forms.DateTimeField(
        label=_("报名截止时间"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("不填则报名到活动开始为止。"),
        error_messages={"invalid": _("请输入有效的日期和时间。")},
    )

    class Meta:
        model = Announcement
        fields = ["invited", "agenda", "capacity", "waitlist_size", "signup_deadline"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "capacity": {
                "invalid": _("名额请填写整数。"),
                "min_value": _("名额不能小于 0。"),
                "required": _("请填写报名名额，不接受报名请填 0。"),
            },
            "waitlist_size": {
                "invalid": _("候补名额请填写整数。"),
                "min_value": _("候补名额不能小于 0。"),
                "required": _("请填写候补名额，不设候补请填 0。"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("capacity", "waitlist_size"):
            self.fields[name].max_value = MAX_CAPACITY
            self.fields[name].widget.attrs.update({"min": 0, "max": MAX_CAPACITY, "inputmode": "numeric"})


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=_("标题"),
        max_length=100,
        initial=_("议事活动提醒"),
        error_messages={"required": _("请填写消息标题。")},
    )
    body = forms.CharField(
        label=_("内容"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
        help_text=_("消息末尾会自动附上议题、时间和地点。"),
        error_messages={"required": _("请填写消息内容。"), "max_length": _("内容最多 %(limit_value)d 个字。")},
    )
    include_waitlisted = forms.BooleanField(label=_("同时发给候补人员"), required=False, initial=True)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("取消原因（会告诉已报名的居民）"),
        max_length=200,
        required=False,
    )


class ResultForm(forms.Form):
    text = forms.CharField(
        label=_("公示内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("默认为议事活动的共识，可补充说明。"),
        error_messages={"required": _("请填写公示内容。")},
    )
    working_days = forms.IntegerField(
        label=_("公示期（工作日）"),
        min_value=1,
        max_value=30,
        initial=DEFAULT_WORKING_DAYS,
        help_text=_("从今天起计算，周末和法定节假日不计入，调休上班日计入。"),
        error_messages={
            "required": _("请填写公示期。"),
            "invalid": _("公示期请填写整数。"),
            "min_value": _("公示期请填写 1 到 30 之间的工作日数。"),
            "max_value": _("公示期请填写 1 到 30 之间的工作日数。"),
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写答复内容。")},
    )
