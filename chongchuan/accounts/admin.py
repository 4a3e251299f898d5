from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


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
