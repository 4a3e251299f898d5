"""Admin of the inbox messages and their deliveries: staff see what failed and send it again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backoffice.admin.base import StaffAdminMixin
from notifications.models import Delivery, Notification
from notifications.services import delivery_retry


class ReadOnlyAdminMixin:
    """Messages are written by the services only; staff read them."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "recipient", "created_at", "read_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("title", "recipient__username", "recipient__full_name")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, StaffAdminMixin, admin.ModelAdmin):
    list_display = ("subject", "channel", "status", "attempts", "next_attempt_at", "sent_at", "short_error")
    list_filter = ("status", "channel", "created_at")
    search_fields = ("subject", "address")
    date_hierarchy = "created_at"
    actions = ["retry"]

    @admin.display(description=_("最近一次错误"))
    def short_error(self, obj):
        return (obj.last_error or "")[:80]

    @admin.action(description=_("重新发送所选消息"))
    def retry(self, request, queryset):
        count = delivery_retry(deliveries=queryset)
        self.message_user(
            request,
            ngettext("已重新排队 %(count)d 条消息。", "已重新排队 %(count)d 条消息。", count) % {"count": count},
            messages.SUCCESS,
        )
