"""扫码签到 in the admin: the posters' opening hours (written through the service, as on the
poster page), and the check-ins and check-in codes, view-only (the counts are what phones sent,
and a check-in holds no more than a role)."""

from django.contrib import admin

from backoffice.admin.base import StaffAdminMixin
from checkins.models import Checkin, CheckinCode, RoomPoster
from checkins.services import poster_update


@admin.register(RoomPoster)
class RoomPosterAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("room", "opening_hours", "updated_at")
    list_select_related = ("room",)
    search_fields = ("room__name", "opening_hours")
    autocomplete_fields = ("room",)

    def save_model(self, request, obj, form, change):
        saved = poster_update(room=obj.room, user=request.user, opening_hours=obj.opening_hours)
        obj.pk = saved.pk


class ViewOnlyMixin:
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckinCode)
class CheckinCodeAdmin(ViewOnlyMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "created_at")
    list_select_related = ("session",)
    search_fields = ("session__topic",)
    fields = ("session", "created_at")
    readonly_fields = ("session", "created_at")


@admin.register(Checkin)
class CheckinAdmin(ViewOnlyMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "role", "created_at")
    list_filter = ("role", "created_at")
    list_select_related = ("session",)
    search_fields = ("session__topic",)
    fields = ("session", "role", "created_at", "updated_at")
    readonly_fields = ("session", "role", "created_at", "updated_at")
    date_hierarchy = "created_at"
