"""The admin of users and of conveners' API tokens.

Tokens: staff with the token permissions (the group 区政协机关工作人员, accounts.groups) issue a
token for a convener, see the key once on the page that follows, and revoke it (an action; the
token stays listed with when and why). Only a digest is stored, so no list shows a key.
Users: staff see them (to pick conveners in autocomplete fields) and may clear a user's login
lockout (django-axes) with the lockout permission; only superusers change accounts.
"""

from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.groups import LOCKOUT_CLEAR_PERMISSION
from accounts.models import ApiToken, User
from accounts.services import api_token_issue, api_token_revoke
from accounts.tokens import default_lifetime
from rooms.permissions import is_staff


class MemberAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, with CPPCC members labelled by name, sector and note (two
    members of the same name are told apart where staff pick them, e.g. a session's members)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, User) and obj.is_cppcc_member:
            result["text"] = obj.member_label
        return result


def _autocomplete_view(request):
    return MemberAutocompleteView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "full_name",
        "is_cppcc_member",
        "sector",
        "member_note",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "is_cppcc_member", "sector", "groups", "date_joined")
    search_fields = ("username", "full_name", "full_name_initials", "member_note", "email", "phone")
    list_select_related = ("sector",)
    autocomplete_fields = ("sector",)
    date_hierarchy = "date_joined"
    actions = ["clear_lockouts"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (gettext_lazy("议事室信息"), {"fields": ("full_name", "phone", "is_cppcc_member", "sector", "member_note")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (gettext_lazy("议事室信息"), {"fields": ("full_name", "phone", "is_cppcc_member", "sector", "member_note")}),
    )

    # Staff see users (to pick conveners and CPPCC members in autocomplete fields); only users
    # with Django's user permissions (superusers) add, change or delete them.
    def has_module_permission(self, request):
        return is_staff(request.user)

    def get_queryset(self, request):
        # The autocomplete labels members with their sector (see MemberAutocompleteView).
        return super().get_queryset(request).select_related("sector")

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user) or super().has_view_permission(request, obj)

    def has_clear_lockout_permission(self, request):
        return is_staff(request.user) and request.user.has_perm(LOCKOUT_CLEAR_PERMISSION)

    @admin.action(description=gettext_lazy("解除登录锁定"), permissions=["clear_lockout"])
    def clear_lockouts(self, request, queryset):
        """Forget the failed logins of the selected users (on every IP), so they can log in now."""
        cleared = sum(axes_reset(username=user.username) for user in queryset)
        self.message_user(
            request,
            ngettext(
                "已解除 %(users)d 个用户的登录锁定（清除失败记录 %(attempts)d 条）。",
                "已解除 %(users)d 个用户的登录锁定（清除失败记录 %(attempts)d 条）。",
                queryset.count(),
            )
            % {"users": queryset.count(), "attempts": cleared},
            messages.SUCCESS,
        )


class TokenStatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("状态")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("live", gettext_lazy("未过期未吊销")),
            ("expired", gettext_lazy("已过期")),
            ("revoked", gettext_lazy("已吊销")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.usable(now)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class ApiTokenIssueForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "expires_at"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if not user.is_active:
            raise forms.ValidationError(_("该账号已停用，不能签发令牌。"))
        return user

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at <= timezone.now():
            raise forms.ValidationError(_("有效期必须晚于现在。"))
        return expires_at


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Permissions are Django's own (add = issue, change = revoke, view), given to the district
    staff group; delete is left to superusers, so revoked tokens stay on record."""

    list_display = ("shown_prefix", "user", "name", "created_at", "expires_at", "last_used_at", "status_label")
    list_filter = (TokenStatusFilter, "created_at")
    list_select_related = ("user", "created_by")
    search_fields = ("user__username", "user__full_name", "name", "prefix")
    autocomplete_fields = ("user",)
    actions = ["revoke"]
    readonly_fields = (
        "shown_prefix",
        "user",
        "name",
        "created_at",
        "created_by",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_reason",
        "status_label",
    )

    @admin.display(description=gettext_lazy("令牌前缀"), ordering="prefix")
    def shown_prefix(self, token):
        return f"{token.prefix}…"

    @admin.display(description=gettext_lazy("状态"))
    def status_label(self, token):
        return token.status()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenIssueForm
            kwargs["fields"] = ApiTokenIssueForm.Meta.fields
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return ApiTokenIssueForm.Meta.fields if obj is None else self.readonly_fields

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        expires = timezone.localtime() + default_lifetime()
        initial.setdefault("expires_at", expires.replace(second=0, microsecond=0))
        return initial

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, key = api_token_issue(
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            expires_at=form.cleaned_data["expires_at"],
            created_by=request.user,
        )
        obj.__dict__.update({name: value for name, value in token.__dict__.items() if name != "_state"})
        obj._state.adding = False
        request._issued_api_token_key = key

    def response_add(self, request, obj, post_url_continue=None):
        """The key, shown once: it is in this page only, never stored, in a message or a log."""
        key = getattr(request, "_issued_api_token_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "title": _("令牌已签发"),
            "opts": self.opts,
            "token": obj,
            "key": key,
        }
        response = TemplateResponse(request, "admin/accounts/apitoken/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=gettext_lazy("吊销所选令牌"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = sum(
            api_token_revoke(token=token, reason=_("由 %(user)s 吊销") % {"user": request.user.get_username()})
            for token in queryset
        )
        self.message_user(request, _("已吊销 %(count)d 个令牌，持有者需要新令牌才能继续写入。") % {"count": revoked})
