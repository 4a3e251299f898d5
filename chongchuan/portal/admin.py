from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import MediaReport, PortalSettings, Visit

admin.site.site_header = _("有事好商量 · 协商议事室平台 管理后台")
admin.site.site_title = _("协商议事室平台")
admin.site.index_title = _("区政协机关工作台")


@admin.register(MediaReport)
class MediaReportAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "level", "published_on")
    list_filter = ("level",)
    search_fields = ("title", "outlet")
    date_hierarchy = "published_on"


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("delegation", "visited_on", "headcount")
    search_fields = ("delegation", "note")
    autocomplete_fields = ("rooms",)
    date_hierarchy = "visited_on"


@admin.register(PortalSettings)
class PortalSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session_edit_window_days", "quiet_room_days")

    def has_add_permission(self, request):
        return not PortalSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
