"""Filters whose query-string format the API documents."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.api.limits import MAX_ID


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A record id: a positive whole number (`?room=abc` is a 400, an unknown id an empty list)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class StrictBooleanFilter(django_filters.ChoiceFilter):
    """`true` or `false`; anything else is a 400 (Django's own boolean filter ignores it)."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("true", "true"), ("false", "false")]
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


@extend_schema_field({"type": "string", "maxLength": 100})
class SearchFilter(django_filters.CharFilter):
    """A case-insensitive search over `search_fields`, at most 100 characters."""

    def __init__(self, *args, search_fields=(), **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("搜索"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        query = Q()
        for name in self.search_fields:
            query |= Q(**{f"{name}__icontains": value})
        return qs.filter(query)


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet where a filter given with an empty value (`?room=`) is a 400, as the schema
    says it must be a value; only the free-text search may be empty."""

    def is_valid(self):
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, SearchFilter):
                continue
            if name in self.data and self.data.get(name, None) == "":
                if name in self.form.fields and name not in self.form.errors:
                    self.form.add_error(name, _("不能为空;不需要筛选时请省略该参数。"))
                valid = False
        return valid
