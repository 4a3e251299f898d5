from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Feedback, Issue, IssueCategory, IssueUpdate, Outcome


@admin.register(IssueCategory)
class IssueCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "ordering")
    search_fields = ("name",)
    list_editable = ("ordering",)


class IssueUpdateInline(admin.TabularInline):
    model = IssueUpdate
    extra = 0
    fields = ("occurred_on", "status_from", "status_to", "triage_to", "note", "is_urge", "author")
    autocomplete_fields = ("author",)


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "room",
        "category",
        "status",
        "triage_level",
        "department",
        "due_on",
        "resolved_on",
        "is_public",
    )
    list_filter = ("status", "category", "triage_level", "is_public", "room__street", "room__level")
    search_fields = ("title", "description", "department", "room__name")
    list_select_related = ("room", "category")
    autocomplete_fields = ("room", "raised_in", "deliberated_in", "category")
    date_hierarchy = "reported_on"
    readonly_fields = ("version",)
    inlines = [IssueUpdateInline]


@admin.register(IssueUpdate)
class IssueUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("issue", "occurred_on", "status_from", "status_to", "is_urge", "author")
    list_filter = ("status_to", "is_urge")
    search_fields = ("note", "issue__title")
    list_select_related = ("issue", "author")
    autocomplete_fields = ("issue", "author")
    date_hierarchy = "occurred_on"


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("issue", "rating", "created_at")
    list_filter = ("rating",)
    search_fields = ("issue__title", "note")
    list_select_related = ("issue",)
    autocomplete_fields = ("issue",)
    date_hierarchy = "created_at"


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "submitted_to", "submitted_on", "adoption", "adopted_on")
    list_filter = ("kind", "adoption")
    search_fields = ("title", "summary", "submitted_to")
    autocomplete_fields = ("issues", "sessions")
    date_hierarchy = "submitted_on"
