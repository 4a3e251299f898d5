"""Admin of 议题公示, sign-ups, 结果公示 and comments, for district staff.

Writes go through `announcements.services` (the same rules as the convener's pages): saving an
announcement calls `announcement_save`, publishing a result `result_publish`, the actions call
`announcement_cancel`, `signup_cancel` and `comment_review`, and an answer typed here
`comment_answer`. Sign-ups are read-only: a resident's name and contact are theirs to change
(by cancelling), and staff see them only to contact them.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from announcements.services import (
    announcement_cancel,
    announcement_save,
    comment_answer,
    comment_review,
    result_publish,
    signup_cancel,
)
from backoffice.admin.base import StaffAdminMixin


def _run(modeladmin, request, queryset, action, done_text):
    done, failed = 0, []
    for obj in queryset:
        try:
            action(obj)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            failed.append(f"{obj}:{'；'.join(getattr(error, 'messages', [str(error)]))}")
    modeladmin.message_user(request, done_text % done)
    for text in failed:
        modeladmin.message_user(request, text, messages.WARNING)


class SignUpInline(StaffAdminMixin, admin.TabularInline):
    model = SignUp
    extra = 0
    fields = ("name", "contact", "status", "created_at", "cancelled_at", "promoted_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "room", "starts_at", "capacity", "confirmed", "waitlisted", "cancelled_at")
    list_filter = (("cancelled_at", admin.EmptyFieldListFilter), "session__room__street")
    search_fields = ("session__topic", "session__room__name")
    list_select_related = ("session", "session__room")
    autocomplete_fields = ("session",)
    readonly_fields = ("sequence", "cancelled_at", "cancel_reason", "created_by", "created_at", "updated_at")
    inlines = [SignUpInline]
    actions = ["cancel"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_total=Count("signups", filter=Q(signups__status=SignUp.Status.CONFIRMED)),
                waitlisted_total=Count("signups", filter=Q(signups__status=SignUp.Status.WAITLISTED)),
            )
        )

    @admin.display(description=_("议事室"), ordering="session__room__name")
    def room(self, announcement):
        return announcement.session.room

    @admin.display(description=_("开始时间"), ordering="session__starts_at")
    def starts_at(self, announcement):
        return announcement.session.starts_at

    @admin.display(description=_("已报名"), ordering="confirmed_total")
    def confirmed(self, announcement):
        return announcement.confirmed_total

    @admin.display(description=_("候补"), ordering="waitlisted_total")
    def waitlisted(self, announcement):
        return announcement.waitlisted_total

    def save_model(self, request, obj, form, change):
        saved = announcement_save(
            session=obj.session,
            author=request.user,
            agenda=obj.agenda,
            invited=obj.invited,
            capacity=obj.capacity,
            waitlist_size=obj.waitlist_size,
            signup_deadline=obj.signup_deadline,
        )
        obj.pk = saved.pk

    @admin.action(description=_("取消所选议事活动并通知报名居民"))
    def cancel(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda announcement: announcement_cancel(announcement=announcement, author=request.user),
            _("已取消 %d 场议事活动。"),
        )


@admin.register(SignUp)
class SignUpAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "announcement", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("announcement__session__topic",)
    list_select_related = ("announcement", "announcement__session")
    readonly_fields = ("announcement", "name", "contact", "status", "created_at", "cancelled_at", "promoted_at")
    actions = ["cancel"]

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("取消所选报名（候补依次递补）"))
    def cancel(self, request, queryset):
        _run(self, request, queryset, lambda signup: signup_cancel(signup=signup), _("已取消 %d 个报名。"))


class CommentInline(StaffAdminMixin, admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("kind", "body", "contact", "status", "answer", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ResultNotice)
class ResultNoticeAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("session", "starts_on", "ends_on", "working_days", "published_by")
    list_filter = ("ends_on",)
    search_fields = ("session__topic", "session__room__name")
    list_select_related = ("session", "published_by")
    autocomplete_fields = ("session",)
    inlines = [CommentInline]

    def get_fields(self, request, obj=None):
        if obj is None:  # the period is worked out from the working days, from today
            return ("session", "text", "working_days")
        return ("session", "text", "working_days", "starts_on", "ends_on", "published_by", "published_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("session", "working_days", "starts_on", "ends_on", "published_by", "published_at")

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean()
            obj.save(update_fields=["text"])
            return
        saved = result_publish(session=obj.session, author=request.user, text=obj.text, working_days=obj.working_days)
        obj.pk, obj.starts_on, obj.ends_on = saved.pk, saved.starts_on, saved.ends_on


@admin.register(Comment)
class CommentAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "notice", "kind", "status", "created_at", "answered_at")
    list_filter = ("status", "kind")
    search_fields = ("body", "notice__session__topic")
    list_select_related = ("notice", "notice__session")
    fields = ("notice", "kind", "body", "contact", "status", "reviewed_by", "reviewed_at", "answer", "answered_at")
    readonly_fields = ("notice", "kind", "body", "contact", "status", "reviewed_by", "reviewed_at", "answered_at")
    actions = ["approve", "reject"]

    def has_add_permission(self, request, *args):
        return False

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data:
            comment_answer(comment=obj, author=request.user, answer=obj.answer)

    @admin.action(description=_("公开所选意见"))
    def approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda comment: comment_review(comment=comment, reviewer=request.user, approve=True),
            _("已公开 %d 条意见。"),
        )

    @admin.action(description=_("所选意见不予公开"))
    def reject(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda comment: comment_review(comment=comment, reviewer=request.user, approve=False),
            _("已将 %d 条意见标记为不予公开。"),
        )
