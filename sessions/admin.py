from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, Campaign, Session, SessionPhoto, TopicSuggestion


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


class SessionPhotoInline(admin.TabularInline):
    model = SessionPhoto
    extra = 0


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "room", "kind", "status", "starts_at", "campaign")
    list_filter = ("status", "kind", "campaign", "room__level", "room__street")
    search_fields = ("topic", "place", "room__name")
    list_select_related = ("room", "campaign")
    autocomplete_fields = ("room", "campaign", "cppcc_members", "created_by")
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline, SessionPhotoInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "theme",
        "starts_on",
        "ends_on",
        "target_sessions",
        "target_person_times",
        "target_issues_resolved",
    )
    search_fields = ("name", "theme")
    date_hierarchy = "starts_on"


@admin.register(TopicSuggestion)
class TopicSuggestionAdmin(admin.ModelAdmin):
    list_display = ("topic", "room", "status", "created_at")
    list_filter = ("status", "room__street")
    search_fields = ("topic", "description", "room__name")
    list_select_related = ("room",)
    autocomplete_fields = ("room",)
    readonly_fields = ("created_at", "reviewed_by", "reviewed_at")
    date_hierarchy = "created_at"
