"""One set of filters per model, read by two audiences: a public list page and the API.

Each filter is declared once, so a query means the same on `/issues/?q=停车` and on
`/api/v1/issues/?search=停车`. What differs is how the two present themselves:

- the page's form shows `page_fields`, in that order, under each filter's `label`; the API takes
  `api_fields`, documented in OpenAPI by each filter's `help_text` (or its label);
- the search is `?q=` on the page and `?search=` in the API;
- a related record is a dropdown on the page (an id not in it is the form's error) and an id in
  the API (an unknown id gives an empty list, without a query to look it up);
- a form submits every field, so an empty value on the page means "all"; in the API `?room=`
  is a 400, since the schema says the parameter is a value.

The page binds with `page=True` (see `core.listing.apply_filters`); DRF's filter backend and
drf-spectacular read `base_filters`, which holds the API's parameters.
"""

import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.api.limits import MAX_ID

PAGE_SEARCH_PARAM = "q"
API_SEARCH_PARAM = "search"


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A record id: a positive whole number (`?room=abc` is a 400, an unknown id an empty list)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


# A filter of places (streets, sectors) lists them in a dropdown while there are at most this many;
# past it (a province's 1,300 streets and 2,600 sectors), the page has a box to type the name in.
PAGE_OPTIONS_MAX = 300
# A record picked by name rather than from a dropdown offers this many names when several match.
NAMES_SUGGESTED = 5


class RecordByNameField(forms.ModelChoiceField):
    """A record typed by name in a text box, for a filter whose dropdown would be too long (a
    province's 1,300 streets). It takes the record's id (the links of other pages: `?street=12`),
    its full name, or a part of the name that only one record has; the box shows the name."""

    widget = forms.TextInput

    def __init__(self, queryset, *, name_field="name", example="", **kwargs):
        self.name_field = name_field
        super().__init__(queryset, **kwargs)
        self.widget.attrs.update({"autocomplete": "off", "maxlength": "100"})
        if example:
            self.help_text = _("输入名称或其中几个字，例如“%(example)s”。") % {"example": example}

    def matches(self, text, limit):
        """The records whose name is `text` (when one is) or contains it, at most `limit`."""
        exact = list(self.queryset.filter(**{self.name_field: text})[:2])
        if len(exact) == 1:
            return exact
        return list(self.queryset.filter(**{f"{self.name_field}__icontains": text})[:limit])

    def resolve(self, value):
        """The one record `value` names (an id, a name or part of one), or None."""
        text = str(value or "").strip()[:100]
        if not text:
            return None
        if text.isdigit():
            return self.queryset.filter(pk=int(text)).first()
        found = self.matches(text, 2)
        return found[0] if len(found) == 1 else None

    def to_python(self, value):
        text = str(value or "").strip()[:100]
        if not text:
            return None
        if text.isdigit():
            return super().to_python(text)
        found = self.matches(text, NAMES_SUGGESTED + 1)
        if not found:
            raise ValidationError(
                _("没有名称含“%(text)s”的%(label)s。"),
                code="invalid_choice",
                params={"text": text, "label": self.label},
            )
        if len(found) > 1:
            names = "、".join(getattr(record, self.name_field) for record in found[:NAMES_SUGGESTED])
            message = (
                _("名称含“%(text)s”的有%(names)s等，请输入完整的名称。")
                if len(found) > NAMES_SUGGESTED
                else _("名称含“%(text)s”的有%(names)s，请输入完整的名称。")
            )
            raise ValidationError(message, code="ambiguous", params={"text": text, "names": names})
        return found[0]

    def prepare_value(self, value):
        """The name in the box, whether the form holds a record, its id or the text typed."""
        if isinstance(value, self.queryset.model):
            return getattr(value, self.name_field)
        text = str(value or "").strip()
        if text.isdigit():
            record = self.queryset.filter(pk=int(text)).first()
            return getattr(record, self.name_field) if record else text
        return text


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class ModelIdFilter(django_filters.ModelChoiceFilter):
    """A related record: a dropdown of `queryset` on the page, a record id (as `IdFilter`) in the API.

    With `page_options_max`, the page's dropdown lists the records while there are at most that
    many, and past it (a province) becomes a box to type the record's name in
    (`RecordByNameField`), so that the page does not carry thousands of options. Either way the
    page reads the records once (`PublicFilterSet.form`)."""

    def __init__(self, *args, page_options_max=None, **kwargs):
        self.page_options_max = page_options_max
        super().__init__(*args, **kwargs)

    def fit_page_field(self, form, name):
        """Give `form` the dropdown, listing what one query read, or the box to type a name in."""
        if self.page_options_max is None:
            return
        field = form.fields[name]
        options = list(field.queryset[: self.page_options_max + 1])
        if len(options) <= self.page_options_max:
            field.widget.choices = [("", field.empty_label), *((option.pk, str(option)) for option in options)]
            return
        form.fields[name] = by_name = RecordByNameField(
            field.queryset, label=field.label, required=False, example=str(options[0])
        )
        by_name.widget.attrs["aria-describedby"] = f"{form[name].auto_id}_help"

    @property
    def field(self):
        if getattr(self.parent, "page", False):
            return super().field
        if not hasattr(self, "_id_field"):
            self._id_field = forms.IntegerField(label=self.label, min_value=1, max_value=MAX_ID, required=False)
        return self._id_field


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
    """The model's one free-text search, at most 100 characters: `search(queryset, text)` when
    given (the issues' full-text search), else a case-insensitive match on any of `search_fields`."""

    def __init__(self, *args, search_fields=(), search=None, **kwargs):
        self.search_fields = search_fields
        self.search = search
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("搜索"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        if self.search is not None:
            return self.search(qs, value)
        query = Q()
        for name in self.search_fields:
            query |= Q(**{f"{name}__icontains": value})
        return qs.filter(query)


class PublicFilterSet(django_filters.FilterSet):
    """The filters of one model's public lists (see the module's docstring).

    Declare every filter; list the page's in `page_fields` (form order, the search as `search`)
    and the API's in `api_fields` (default: every declared filter)."""

    page_fields: tuple[str, ...] = ()
    api_fields: tuple[str, ...] | None = None

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, page=False):
        self.page = page
        super().__init__(data, queryset, request=request, prefix=prefix)
        if page:
            self.filters = {
                PAGE_SEARCH_PARAM if name == API_SEARCH_PARAM else name: copy.deepcopy(self.declared_filters[name])
                for name in self.page_fields
            }
            for declared in self.filters.values():
                declared.parent = self
                # The help text is the API's description; the form shows the label alone.
                declared.extra.pop("help_text", None)

    @property
    def form(self):
        form = super().form
        if self.page and not getattr(self, "_page_fields_fitted", False):
            self._page_fields_fitted = True
            for name, declared in self.filters.items():
                if isinstance(declared, ModelIdFilter):
                    declared.fit_page_field(form, name)
        return form

    @classmethod
    def get_filters(cls):
        """The API's parameters (what DRF's filter backend binds and drf-spectacular documents)."""
        names = cls.declared_filters if cls.api_fields is None else cls.api_fields
        return {name: cls.declared_filters[name] for name in names}

    def is_valid(self):
        valid = super().is_valid()
        if self.page:
            return valid
        for name, declared in self.filters.items():
            if isinstance(declared, SearchFilter):
                continue
            if name in self.data and self.data.get(name, None) == "":
                if name in self.form.fields and name not in self.form.errors:
                    self.form.add_error(name, _("不能为空；不需要筛选时请省略该参数。"))
                valid = False
        return valid
