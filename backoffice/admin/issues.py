"""Issues in the admin: overdue and urge columns, escalation and Excel export actions, the
timeline inline; outcomes (成果转化) with their sources; residents' feedback (anonymous)."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.base import StaffAdminMixin, StaffTabularInline, export_xlsx_action
from backoffice.admin.cases import make_case_action
from backoffice.ledger import issue_sheet, outcome_sheet
from issues.handling import extension_request_decide
from issues.models import (
    ExtensionRequest,
    Feedback,
    FollowUpVisit,
    Issue,
    IssueCategory,
    IssueFollower,
    IssueUpdate,
    Outcome,
)
from issues.routing import announce, issue_route
from issues.services import issue_escalate


@admin.register(IssueCategory)
class IssueCategoryAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Each category routes new issues to its default department with its deadline."""

    list_display = ("name", "ordering", "default_department", "deadline_days", "issue_count")
    search_fields = ("name",)
    list_editable = ("ordering", "deadline_days")
    list_select_related = ("default_department",)
    autocomplete_fields = ("default_department",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("default_department").annotate(issue_total=Count("issues"))

    @admin.display(description=_("问题数"), ordering="issue_total")
    def issue_count(self, category):
        return category.issue_total


class IssueUpdateInline(StaffTabularInline):
    """The public timeline, read-only here: entries are added through `issue_post_update`
    (the 跟进 page) or `issue_urge` (the dashboard), which lock the issue and keep the rules."""

    model = IssueUpdate
    extra = 0
    fields = ("occurred_on", "kind", "status_from", "status_to", "triage_to", "note", "department", "author")
    readonly_fields = fields
    ordering = ("occurred_on", "pk")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # "issue": each row's __str__ names the issue (a query per timeline entry without it).
        return super().get_queryset(request).select_related("issue", "author", "department")


class OverdueFilter(admin.SimpleListFilter):
    title = _("办理期限")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("已逾期未办结")), ("soon", _("7天内到期"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.overdue(today)
        if self.value() == "soon":
            return queryset.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
        return queryset


def _issue_sheets(queryset):
    return [issue_sheet(queryset)]


def _outcome_sheets(queryset):
    return [outcome_sheet(queryset)]


@admin.register(Issue)
class IssueAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "title",
        "room",
        "room_street",
        "category",
        "status",
        "triage_level",
        "department",
        "due_column",
        "last_urged_on",
        "is_public",
    )
    list_filter = (
        "status",
        OverdueFilter,
        "department",
        "handling",
        "category",
        "triage_level",
        "is_public",
        "room__street",
        "room__level",
        "reported_on",
        "resolved_on",
    )
    search_fields = ("title", "description", "department__name", "room__name")
    list_select_related = ("room", "room__street", "category", "department")
    autocomplete_fields = ("room", "raised_in", "deliberated_in", "category", "department", "duplicate_of")
    date_hierarchy = "reported_on"
    readonly_fields = ("version", "created_at", "updated_at")
    list_per_page = 50
    inlines = [IssueUpdateInline]
    actions = ["escalate_to_street", "escalate_to_district", "make_case", "export_xlsx"]
    make_case = make_case_action("issue")
    fieldsets = (
        (None, {"fields": ("title", "description", "category", "room", "raised_in", "deliberated_in", "is_public")}),
        (
            _("办理"),
            {
                "fields": (
                    "triage_level",
                    "status",
                    "department",
                    "handling",
                    "reported_on",
                    "due_on",
                    "due_on_set_by_hand",
                    "escalated_to",
                    "duplicate_of",
                )
            },
        ),
        (_("结果"), {"fields": ("resolution", "resolved_on", "closed_reason")}),
        (_("记录"), {"fields": ("version", "created_at", "updated_at")}),
    )

    # Status, triage and result change only through `issues.services.issue_post_update` (the
    # 跟进 page linked below), which checks the transition, locks the row, bumps the version and
    # writes the public timeline. Editing them here would bypass all of that.
    # The department, its handling, the escalation target and duplicates change through the
    # services too (交办/改派, 提级, 合并 on the same page).
    workflow_fields = (
        "status",
        "triage_level",
        "resolution",
        "resolved_on",
        "closed_reason",
        "department",
        "handling",
        "escalated_to",
        "duplicate_of",
    )

    def save_model(self, request, obj, form, change):
        """A new issue entered here is routed like one raised in a session: the category's
        department and deadline unless staff chose them, and the liaisons are told."""
        if not change:
            issue_route(obj)
        super().save_model(request, obj, form, change)
        if not change and obj.department_id:
            announce(obj, "assigned")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return (*fields, "handling", "escalated_to", "duplicate_of")
        return (*fields, *self.workflow_fields, "follow_up_link")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return (*fieldsets, (_("跟进"), {"fields": ("follow_up_link",)}))

    @admin.display(description=_("更改状态或发布进展"))
    def follow_up_link(self, issue):
        return format_html('<a href="{}">{}</a>', reverse("workspace:issue", args=[issue.pk]), _("打开跟进页面"))

    def get_queryset(self, request):
        last_urged = (
            IssueUpdate.objects.filter(issue=OuterRef("pk"), is_urge=True)
            .order_by()
            .values("issue")
            .annotate(last=Max("occurred_on"))
            .values("last")
        )
        # The change page shows the department too; the changelist skips its own
        # list_select_related once the queryset has one, so name them all here.
        queryset = super().get_queryset(request).select_related(*self.list_select_related)
        return queryset.annotate(last_urged=Subquery(last_urged[:1]))

    @admin.display(description=_("所属街道"), ordering="room__street__ordering")
    def room_street(self, issue):
        return issue.room.street or "—"

    @admin.display(description=_("办理期限"), ordering="due_on")
    def due_column(self, issue):
        if issue.due_on is None:
            return "—"
        text = date_format(issue.due_on, "DATE_FORMAT")
        if issue.is_open and issue.due_on < timezone.localdate():
            return format_html('<strong class="overdue">{}</strong>', _("%(date)s（逾期）") % {"date": text})
        return text

    @admin.display(description=_("上次催办"), ordering="last_urged")
    def last_urged_on(self, issue):
        return issue.last_urged or "—"

    def _escalate(self, request, queryset, level):
        done, skipped = 0, []
        for issue in queryset.select_related("room"):
            try:
                issue_escalate(issue=issue, author=request.user, triage_to=level)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                skipped.append(f"{issue.title}：{'；'.join(getattr(error, 'messages', [str(error)]))}")
        label = Issue.Triage(level).label
        self.message_user(
            request,
            ngettext("已将 %(n)d 个问题提级至%(level)s。", "已将 %(n)d 个问题提级至%(level)s。", done)
            % {"n": done, "level": label},
        )
        if skipped:
            self.message_user(
                request,
                _("%(n)d 个问题未提级：%(list)s") % {"n": len(skipped), "list": "；".join(skipped[:10])},
                messages.WARNING,
            )

    @admin.action(description=_("提级至街道（三事分流）"))
    def escalate_to_street(self, request, queryset):
        self._escalate(request, queryset, Issue.Triage.STREET)

    @admin.action(description=_("提级至区（三事分流）"))
    def escalate_to_district(self, request, queryset):
        self._escalate(request, queryset, Issue.Triage.DISTRICT)

    export_xlsx = export_xlsx_action(_issue_sheets, "民生问题")


@admin.register(IssueUpdate)
class IssueUpdateAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    list_display = ("issue", "occurred_on", "status_from", "status_to", "triage_to", "is_urge", "author")
    list_filter = ("is_urge", "status_to", "triage_to", "issue__room__street", "occurred_on")
    search_fields = ("note", "issue__title")
    list_select_related = ("issue", "author")
    autocomplete_fields = ("issue", "author")
    date_hierarchy = "occurred_on"
    list_per_page = 50


@admin.register(Feedback)
class FeedbackAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Ratings stay anonymous: the hashed source is never shown."""

    list_display = ("issue", "rating", "note", "created_at")
    list_filter = ("rating", "issue__room__street", "created_at")
    search_fields = ("issue__title", "note")
    list_select_related = ("issue",)
    autocomplete_fields = ("issue",)
    date_hierarchy = "created_at"
    fields = ("issue", "rating", "note")


@admin.register(Outcome)
class OutcomeAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "submitted_to",
        "submitted_on",
        "adoption",
        "adopted_on",
        "source_issues",
        "source_sessions",
    )
    list_filter = ("kind", "adoption", "submitted_on", "adopted_on")
    search_fields = ("title", "summary", "submitted_to", "response")
    autocomplete_fields = ("issues", "sessions")
    date_hierarchy = "submitted_on"
    list_per_page = 50
    actions = ["export_xlsx"]
    fieldsets = (
        (None, {"fields": ("kind", "title", "summary")}),
        (_("来源"), {"fields": ("issues", "sessions")}),
        (_("报送与采纳"), {"fields": ("submitted_to", "submitted_on", "adoption", "adopted_on", "response")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(issue_total=Count("issues", distinct=True), session_total=Count("sessions", distinct=True))
        )

    @admin.display(description=_("来源问题"), ordering="issue_total")
    def source_issues(self, outcome):
        return outcome.issue_total

    @admin.display(description=_("来源议事活动"), ordering="session_total")
    def source_sessions(self, outcome):
        return outcome.session_total

    export_xlsx = export_xlsx_action(_outcome_sheets, "成果转化")


def _decide(modeladmin, request, queryset, approve):
    done, skipped = 0, []
    for extension in queryset.select_related("issue"):
        try:
            extension_request_decide(extension=extension, author=request.user, approve=approve)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            skipped.append(f"{extension.issue.title}：{'；'.join(getattr(error, 'messages', [str(error)]))}")
    message = (
        ngettext("已同意 %(n)d 份延期申请。", "已同意 %(n)d 份延期申请。", done)
        if approve
        else ngettext("已不同意 %(n)d 份延期申请。", "已不同意 %(n)d 份延期申请。", done)
    )
    modeladmin.message_user(request, message % {"n": done})
    if skipped:
        modeladmin.message_user(
            request,
            _("%(n)d 份未处理：%(list)s") % {"n": len(skipped), "list": "；".join(skipped[:10])},
            messages.WARNING,
        )


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Departments' requests for more time. Decided through `extension_request_decide` (the
    actions and the dashboard's buttons), which moves the deadline and tells the department."""

    list_display = ("issue", "department", "current_due_on", "requested_due_on", "status", "created_at", "decided_at")
    list_filter = ("status", "department", "created_at")
    search_fields = ("issue__title", "department__name", "reason")
    list_select_related = ("issue", "department")
    date_hierarchy = "created_at"
    actions = ["approve", "decline"]
    fields = (
        "issue",
        "department",
        "current_due_on",
        "requested_due_on",
        "reason",
        "status",
        "decided_at",
        "created_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("同意延期"))
    def approve(self, request, queryset):
        _decide(self, request, queryset, approve=True)

    @admin.action(description=_("不同意"))
    def decline(self, request, queryset):
        _decide(self, request, queryset, approve=False)


@admin.register(FollowUpVisit)
class FollowUpVisitAdmin(StaffAdminMixin, admin.ModelAdmin):
    """回访, read-only: conveners record the visit through `follow_up_record`."""

    list_display = ("issue", "created_at", "visited_on", "result")
    list_filter = ("result", "visited_on", "created_at")
    search_fields = ("issue__title",)
    list_select_related = ("issue",)
    fields = ("issue", "visited_on", "result", "note", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("是否已确认")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("已确认")), ("no", _("未确认"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(IssueFollower)
class IssueFollowerAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Residents who follow an issue by e-mail. The address is never listed; staff may delete a
    follower (as unsubscribing does), nothing else."""

    list_display = ("issue", "is_confirmed", "created_at")
    list_filter = (ConfirmedFilter, "created_at")
    search_fields = ("issue__title",)
    list_select_related = ("issue",)
    fields = ("issue", "confirmed_at", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("已确认"), boolean=True, ordering="confirmed_at")
    def is_confirmed(self, follower):
        return follower.confirmed_at is not None
