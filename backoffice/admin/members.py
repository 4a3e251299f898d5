"""The table of points of the members' annual 履职 review: staff set how much each kind of
activity counts (one row per kind; the defaults come from a data migration)."""

from django.contrib import admin

from backoffice.admin.base import StaffAdminMixin
from members.models import ActivityKind, ActivityWeight


@admin.register(ActivityWeight)
class ActivityWeightAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "points", "note")
    list_editable = ("points", "note")
    ordering = ("pk",)

    def has_add_permission(self, request, *args):
        # One row per kind: adding is possible only while a kind has none.
        taken = set(ActivityWeight.objects.values_list("kind", flat=True))
        return super().has_add_permission(request, *args) and bool(set(ActivityKind.values) - taken)

    def has_delete_permission(self, request, obj=None):
        return False  # a kind without a row counts with the default points; keep the table whole
