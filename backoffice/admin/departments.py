"""Admin of the departments (承办单位), their liaisons and the street staff (街道政协工委)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from backoffice.admin.base import StaffAdminMixin, StaffTabularInline
from departments.models import Department, Liaison
from rooms.models import StreetStaff


class LiaisonInline(StaffTabularInline):
    model = Liaison
    extra = 0
    autocomplete_fields = ("user",)
    verbose_name = _("联络员账号")
    verbose_name_plural = _("联络员账号（姓名和手机号码不公开）")


@admin.register(Department)
class DepartmentAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "street", "office_phone", "liaison_count", "is_active")
    list_filter = ("kind", "is_active", "street")
    search_fields = ("name",)
    list_editable = ("is_active",)
    autocomplete_fields = ("street",)
    inlines = [LiaisonInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("street").annotate(liaison_total=Count("liaisons"))

    @admin.display(description=_("联络员"), ordering="liaison_total")
    def liaison_count(self, obj):
        return obj.liaison_total


@admin.register(StreetStaff)
class StreetStaffAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("user", "street", "created_at")
    list_filter = ("street",)
    autocomplete_fields = ("user", "street")
    search_fields = ("user__username", "user__full_name", "street__name")
