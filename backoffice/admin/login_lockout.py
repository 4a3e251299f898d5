"""django-axes' records (登录保护: failed logins, lockouts, the login log) in Chinese.

axes' own admins name their columns, fields and filters after its model fields, in English, and
changing those fields' names would make a migration for axes. So the same three admins are
registered again with every column, field and filter named here. The app's and the models' names
come from accounts.axes_app."""

from axes import admin as axes_admin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# field -> its name in the admin
FIELD_NAMES = {
    "attempt_time": gettext_lazy("时间"),
    "logout_time": gettext_lazy("退出时间"),
    "ip_address": gettext_lazy("IP 地址"),
    "user_agent": gettext_lazy("浏览器"),
    "username": gettext_lazy("用户名"),
    "path_info": gettext_lazy("登录页面"),
    "http_accept": gettext_lazy("HTTP Accept"),
    "get_data": gettext_lazy("GET 参数"),
    "post_data": gettext_lazy("提交的表单"),
    "failures_since_start": gettext_lazy("失败次数"),
    "locked_out": gettext_lazy("已锁定"),
}
META_DATA = gettext_lazy("请求信息")


def _shown(field):
    """The admin column/read-only field `show_<field>`: the value under its Chinese name."""

    def show(self, obj):
        return getattr(obj, field)

    show.__name__ = f"show_{field}"
    return admin.display(description=FIELD_NAMES[field], ordering=field, boolean=field == "locked_out")(show)


def _named(names):
    return tuple(f"show_{name}" if name in FIELD_NAMES else name for name in names)


class NamedFieldListFilter(admin.FieldListFilter):
    """The filter Django picks for a field (by its type), under the field's Chinese name."""

    def __new__(cls, field, request, params, model, model_admin, field_path):
        list_filter = admin.FieldListFilter.create(field, request, params, model, model_admin, field_path)
        list_filter.title = FIELD_NAMES.get(field_path, list_filter.title)
        return list_filter


class LockedOutFilter(axes_admin.IsLockedOutFilter):
    title = gettext_lazy("是否锁定")

    def lookups(self, request, model_admin):
        return (("yes", _("已锁定")), ("no", _("未锁定")))


def _chinese(base, *, list_display, list_filter, fieldsets, readonly_fields):
    """axes' admin `base` with its columns, fields and filters under their Chinese names."""
    attrs = {f"show_{field}": _shown(field) for field in FIELD_NAMES}
    attrs.update(
        list_display=_named(list_display),
        list_filter=[(name, NamedFieldListFilter) if isinstance(name, str) else name for name in list_filter],
        fieldsets=tuple((title, {**options, "fields": _named(options["fields"])}) for title, options in fieldsets),
        readonly_fields=_named(readonly_fields),
    )
    return type(f"Chinese{base.__name__}", (base,), attrs)


class AccessAttemptAdmin(
    _chinese(
        axes_admin.AccessAttemptAdmin,
        list_display=[
            "attempt_time",
            "ip_address",
            "user_agent",
            "username",
            "path_info",
            "failures_since_start",
            "status",
        ],
        list_filter=["attempt_time", "path_info", LockedOutFilter],
        fieldsets=(
            (None, {"fields": ("username", "path_info", "failures_since_start")}),
            (gettext_lazy("表单数据"), {"fields": ("get_data", "post_data")}),
            (META_DATA, {"fields": ("user_agent", "ip_address", "http_accept")}),
        ),
        readonly_fields=axes_admin.AccessAttemptAdmin.readonly_fields,
    )
):
    actions = ["cleanup_expired_attempts"]

    @admin.action(description=gettext_lazy("清理已过期的记录"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, _("已清理 %(count)s 条过期的登录失败记录。") % {"count": count})

    @admin.display(description=gettext_lazy("状态"))
    def status(self, obj):
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining > 0:
            return _("还可尝试 %(n)s 次") % {"n": remaining}
        return _("已锁定")


AccessLogAdmin = _chinese(
    axes_admin.AccessLogAdmin,
    list_display=axes_admin.AccessLogAdmin.list_display,
    list_filter=axes_admin.AccessLogAdmin.list_filter,
    fieldsets=(
        (None, {"fields": ("username", "path_info")}),
        (META_DATA, {"fields": ("user_agent", "ip_address", "http_accept")}),
    ),
    readonly_fields=axes_admin.AccessLogAdmin.readonly_fields,
)

AccessFailureLogAdmin = _chinese(
    axes_admin.AccessFailureLogAdmin,
    list_display=axes_admin.AccessFailureLogAdmin.list_display,
    list_filter=axes_admin.AccessFailureLogAdmin.list_filter,
    fieldsets=(
        (None, {"fields": ("username", "path_info")}),
        (META_DATA, {"fields": ("user_agent", "ip_address", "http_accept")}),
    ),
    readonly_fields=axes_admin.AccessFailureLogAdmin.readonly_fields,
)

for model, model_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
