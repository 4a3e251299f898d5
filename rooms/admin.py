from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Community, Convenership, Room, Sector, Street


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "ordering")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_editable = ("ordering",)


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "street", "kind")
    list_filter = ("street", "kind")
    search_fields = ("name", "street__name")
    list_select_related = ("street",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "ordering")
    search_fields = ("name",)
    list_editable = ("ordering",)


class ConvenershipInline(admin.TabularInline):
    model = Convenership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Room)
class RoomAdmin(SimpleHistoryAdmin):
    list_display = ("name", "level", "street", "community", "sector", "is_active", "established_on")
    list_filter = ("level", "is_active", "street", "sector")
    search_fields = ("name", "address", "street__name", "community__name", "sector__name")
    list_select_related = ("street", "community", "sector")
    autocomplete_fields = ("street", "community", "sector")
    date_hierarchy = "established_on"
    inlines = [ConvenershipInline]


@admin.register(Convenership)
class ConvenershipAdmin(admin.ModelAdmin):
    list_display = ("user", "room", "started_on")
    list_filter = ("room__level", "room__street")
    search_fields = ("user__username", "user__full_name", "room__name")
    list_select_related = ("user", "room")
    autocomplete_fields = ("user", "room")
