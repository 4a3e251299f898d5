"""`?ordering=`: one field of the view's documented list; anything else is a 400."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=<field>` or `?ordering=-<field>` for one field of the view's `ordering_fields`.

    DRF's own filter silently ignores an unknown field; here it is a 400, so a client learns of
    its typo instead of getting a differently sorted list.
    """

    def allowed_terms(self, view):
        terms = []
        for name in view.ordering_fields:
            terms += [name, f"-{name}"]
        return terms

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        if raw not in self.allowed_terms(view):
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("不支持的排序字段“%(value)s”。可选：%(choices)s。")
                        % {
                            "value": raw[:50],
                            "choices": "、".join(self.allowed_terms(view)),
                        }
                    ]
                }
            )
        # A unique tie-breaker keeps pages stable.
        return [raw, "-pk" if raw.startswith("-") else "pk"]

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(_("排序字段；前加“-”为倒序。")),
                "schema": {"type": "string", "enum": self.allowed_terms(view)},
            }
        ]
