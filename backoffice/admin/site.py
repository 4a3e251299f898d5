"""The admin's name and the settings staff change (one row)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from backoffice.admin.base import StaffAdminMixin
from core.models import PortalSettings

admin.site.site_header = _("有事好商量 · 协商议事室平台 管理后台")
admin.site.site_title = _("协商议事室平台")
admin.site.index_title = _("区政协机关工作台")
admin.site.site_url = "/staff/"
# The changelists have many columns: give them the full width instead of the app sidebar.
admin.site.enable_nav_sidebar = False


@admin.register(PortalSettings)
class PortalSettingsAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "session_edit_window_days", "quiet_room_days")

    def has_add_permission(self, request):
        return not PortalSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
