from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rooms.permissions import is_staff


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "is_cppcc_member", "sector", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "is_cppcc_member", "sector", "date_joined")
    search_fields = ("username", "full_name", "email", "phone")
    list_select_related = ("sector",)
    autocomplete_fields = ("sector",)
    date_hierarchy = "date_joined"
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("议事室信息"), {"fields": ("full_name", "phone", "is_cppcc_member", "sector")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("议事室信息"), {"fields": ("full_name", "phone", "is_cppcc_member", "sector")}),
    )

    # Staff see users (to pick conveners and CPPCC members in autocomplete fields); only users
    # with Django's user permissions (superusers) add, change or delete them.
    def has_module_permission(self, request):
        return is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user) or super().has_view_permission(request, obj)
