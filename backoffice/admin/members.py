"""The table of points of the members' annual 履职 review: staff set how much each kind of
activity counts (one row per kind; the defaults come from a data migration)."""

from django.contrib import admin

from backoffice.admin.base import StaffAdminMixin
from members.models import ActivityWeight


@admin.register(ActivityWeight)
class ActivityWeightAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "points", "note")
    list_editable = ("points", "note")
    ordering = ("pk",)

    def has_add_permission(self, request, *args):
        return False  # one row per kind, all made by the data migration; staff change the points

    def has_delete_permission(self, request, obj=None):
        return False  # a kind without a row counts with the default points; keep the table whole
