"""The poster page's one field: the opening hours printed on it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PosterForm(forms.Form):
    opening_hours = forms.CharField(
        label=_("开放时间"),
        required=False,
        max_length=100,
        help_text=_("印在海报上，例如：每周三下午 2:00—5:00，其他时间请电话预约。"),
        error_messages={"max_length": _("开放时间最多 %(limit_value)d 个字（您填写了 %(show_value)d 个）。")},
    )
