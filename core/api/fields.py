"""Serializer pieces for written fields: Chinese help texts, strict JSON types, plausible dates.

DRF turns 0 into "0" for a text field and "5" into 5 for a number; a client that sends the wrong
JSON type has a bug, so the API says so (400) instead of guessing.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .limits import MAX_ID


def help_texts(model, names, **overrides):
    """`extra_kwargs` giving each model field among `names` its Chinese verbose name as help text.

    Pass the serializer's whole `fields` list: names that are not model fields (computed fields,
    reverse relations) are skipped, since they declare their own help text."""
    extra = {}
    for name in names:
        text = overrides.get(name)
        if text is None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.auto_created and not field.concrete:
                continue
            text = field.verbose_name
        extra[name] = {"help_text": text}
    return extra


EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def plausible_year(value):
    """Dates a convener writes lie between 2000 and 2100 (a typo such as 0202 is a 400, not a record)."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise serializers.ValidationError(
            _("日期须在 %(start)s 年至 %(end)s 年之间。") % {"start": EARLIEST_YEAR, "end": LATEST_YEAR}
        )


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("请输入文本（JSON 字符串）。"))
        # The documented maxLength applies to what was sent, before surrounding spaces are trimmed.
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(_("请输入整数（JSON 数字）。"))
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("请输入可选值之一（JSON 字符串）。"))
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(_("请输入编号（JSON 整数）。"))
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)
