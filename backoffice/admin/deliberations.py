"""Sessions in the admin, with attendance and photos inline; campaigns with their progress;
residents' topic suggestions with accept/decline actions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.base import StaffAdminMixin, export_xlsx_action
from backoffice.ledger import SESSION_HEADER, SESSION_SHEET, session_rows
from deliberations.models import Attendance, Campaign, Session, SessionPhoto, TopicSuggestion
from deliberations.services import suggestion_review


class AttendanceInline(StaffAdminMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ("role", "headcount")


class SessionPhotoInline(StaffAdminMixin, admin.TabularInline):
    model = SessionPhoto
    extra = 0
    fields = ("image", "alt_text", "caption", "ordering")


def _session_sheets(queryset):
    return [(SESSION_SHEET, SESSION_HEADER, session_rows(queryset))]


@admin.register(Session)
class SessionAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    list_display = ("topic", "room", "room_street", "kind", "status", "starts_at", "campaign", "person_times")
    list_filter = ("status", "kind", "campaign", "room__level", "room__street", "starts_at")
    search_fields = ("topic", "place", "room__name", "minutes", "consensus")
    list_select_related = ("room", "room__street", "campaign")
    autocomplete_fields = ("room", "campaign", "cppcc_members", "created_by")
    date_hierarchy = "starts_at"
    list_per_page = 50
    inlines = [AttendanceInline, SessionPhotoInline]
    actions = ["tag_campaign", "export_xlsx"]
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("room", "topic", "kind", "campaign", "status", "starts_at", "ends_at", "place")}),
        (_("议事内容"), {"fields": ("minutes", "consensus", "cppcc_members")}),
        (_("记录"), {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_person_times()

    @admin.display(description=_("所属街道"), ordering="room__street__ordering")
    def room_street(self, session):
        return session.room.street or "—"

    @admin.display(description=_("参与人次"), ordering="person_times")
    def person_times(self, session):
        return session.person_times

    @admin.action(description=_("归入所在期间的议事月"))
    def tag_campaign(self, request, queryset):
        """Tag each selected session with the campaign whose period contains its date."""
        campaigns = list(Campaign.objects.order_by("starts_on"))
        tagged = skipped = 0
        for session in queryset.select_related("campaign"):
            day = timezone.localtime(session.starts_at).date()
            match = next((c for c in campaigns if c.starts_on <= day <= c.ends_on), None)
            if match is None or session.campaign_id == match.pk:
                skipped += 1
                continue
            session.campaign = match
            session.kind = Session.Kind.CAMPAIGN
            session.save(update_fields=["campaign", "kind", "updated_at"])
            tagged += 1
        self.message_user(
            request,
            ngettext(
                "已将 %(tagged)d 场议事活动归入议事月,%(skipped)d 场不在任何议事月期间或已归入。",
                "已将 %(tagged)d 场议事活动归入议事月,%(skipped)d 场不在任何议事月期间或已归入。",
                tagged,
            )
            % {"tagged": tagged, "skipped": skipped},
        )

    export_xlsx = export_xlsx_action(_session_sheets, "议事活动")


@admin.register(Campaign)
class CampaignAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "starts_on",
        "ends_on",
        "is_running_now",
        "sessions_held",
        "target_sessions",
        "target_person_times",
        "target_issues_resolved",
    )
    search_fields = ("name", "theme")
    list_filter = ("starts_on",)
    date_hierarchy = "starts_on"
    fieldsets = (
        (None, {"fields": ("name", "theme", "starts_on", "ends_on")}),
        (_("目标"), {"fields": ("target_sessions", "target_person_times", "target_issues_resolved")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(held_total=Count("sessions", filter=Session.held_q("sessions")))

    @admin.display(description=_("进行中"), boolean=True)
    def is_running_now(self, campaign):
        return campaign.is_running()

    @admin.display(description=_("已举行场次"), ordering="held_total")
    def sessions_held(self, campaign):
        return campaign.held_total


@admin.register(TopicSuggestion)
class TopicSuggestionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("topic", "room", "status", "created_at", "reviewed_by")
    list_filter = ("status", "room__street", "room__level", "created_at")
    search_fields = ("topic", "description", "room__name")
    list_select_related = ("room", "reviewed_by")
    autocomplete_fields = ("room",)
    readonly_fields = ("created_at", "reviewed_by", "reviewed_at")
    date_hierarchy = "created_at"
    actions = ["accept", "decline"]

    def _review(self, request, queryset, accept):
        done, failed = 0, []
        for suggestion in queryset:
            try:
                suggestion_review(suggestion=suggestion, reviewer=request.user, accept=accept)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{suggestion.topic}:{'; '.join(getattr(error, 'messages', [str(error)]))}")
        self.message_user(request, ngettext("已审核 %d 条议题建议。", "已审核 %d 条议题建议。", done) % done)
        for message in failed:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("采纳所选议题建议"))
    def accept(self, request, queryset):
        self._review(request, queryset, accept=True)

    @admin.action(description=_("不采纳所选议题建议"))
    def decline(self, request, queryset):
        self._review(request, queryset, accept=False)
