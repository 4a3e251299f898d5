"""The registry in the admin: streets, communities, sectors, rooms (with their conveners and
sessions inline) and conveners. Each changelist runs a fixed number of queries."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.base import StaffAdminMixin, StaffTabularInline, export_xlsx_action
from backoffice.importers import registry_sheets
from backoffice.selectors import quiet_since
from core.photos import PhotoFormField, photo_for_display
from deliberations.models import Session
from rooms.models import Community, Convenership, Room, Sector, Street
from rooms.services import rooms_set_active


@admin.register(Street)
class StreetAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "ordering", "community_count", "room_count")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_editable = ("ordering",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                community_total=Count("communities", distinct=True),
                room_total=Count("rooms", filter=Room.active_q("rooms"), distinct=True),
            )
        )

    @admin.display(description=_("社区数"), ordering="community_total")
    def community_count(self, street):
        return street.community_total

    @admin.display(description=_("启用议事室数"), ordering="room_total")
    def room_count(self, street):
        return street.room_total


class CommunityCoveredFilter(admin.SimpleListFilter):
    title = _("议事室覆盖")
    parameter_name = "covered"

    def lookups(self, request, model_admin):
        return [("yes", _("已建议事室")), ("no", _("未建议事室"))]

    def queryset(self, request, queryset):
        covered = Exists(Room.objects.active().filter(level=Room.Level.COMMUNITY, community=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(covered)
        if self.value() == "no":
            return queryset.exclude(covered)
        return queryset


@admin.register(Community)
class CommunityAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("name", "street", "kind")
    list_filter = ("street", "kind", CommunityCoveredFilter)
    search_fields = ("name", "street__name")
    list_select_related = ("street",)
    autocomplete_fields = ("street",)


@admin.register(Sector)
class SectorAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("name", "ordering")
    search_fields = ("name",)
    list_editable = ("ordering",)


class ConvenershipInline(StaffTabularInline):
    model = Convenership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "started_on")


class SessionInline(StaffTabularInline):
    """The room's sessions, newest first, read-only here: each links to its own page."""

    model = Session
    extra = 0
    fields = ("topic", "starts_at", "kind", "status", "campaign")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ("-starts_at",)
    verbose_name_plural = _("议事活动（最新在前）")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("campaign")


class ActivityFilter(admin.SimpleListFilter):
    title = _("议事活动情况")
    parameter_name = "activity"

    def lookups(self, request, model_admin):
        return [("quiet", _("沉寂（近期无已举行的议事活动）")), ("active", _("近期有议事活动"))]

    def queryset(self, request, queryset):
        recent = Exists(Session.objects.held().filter(room=OuterRef("pk"), starts_at__gte=quiet_since()))
        if self.value() == "quiet":
            return queryset.active().exclude(recent)
        if self.value() == "active":
            return queryset.filter(recent)
        return queryset


class ConvenerFilter(admin.SimpleListFilter):
    title = _("召集人")
    parameter_name = "convener"

    def lookups(self, request, model_admin):
        return [("none", _("未配备召集人")), ("some", _("已配备召集人"))]

    def queryset(self, request, queryset):
        has_convener = Exists(Convenership.objects.filter(room=OuterRef("pk")))
        if self.value() == "none":
            return queryset.exclude(has_convener)
        if self.value() == "some":
            return queryset.filter(has_convener)
        return queryset


def _held(room_ref="pk"):
    return Session.objects.held().filter(room=OuterRef(room_ref)).order_by().values("room")


class RoomAdminForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = (
            "name",
            "level",
            "street",
            "community",
            "sector",
            "is_active",
            "address",
            "established_on",
            "public_phone",
            "description",
            "photo",
            "photo_alt",
        )
        field_classes = {"photo": PhotoFormField}

    def clean_photo(self):
        """A new photo is checked (a real image, at most 5 MB) and re-encoded for display, which
        also drops its EXIF data (GPS position, device, time) before it goes on the public page."""
        photo = self.cleaned_data.get("photo")
        if photo and isinstance(photo, UploadedFile):
            return photo_for_display(photo)
        return photo


@admin.register(Room)
class RoomAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    form = RoomAdminForm
    list_display = (
        "name",
        "level",
        "street",
        "belongs_to",
        "convener_names",
        "sessions_held",
        "last_held_on",
        "is_active",
        "public_link",
    )
    list_filter = ("level", "is_active", ActivityFilter, ConvenerFilter, "street", "sector", "established_on")
    search_fields = ("name", "address", "street__name", "community__name", "sector__name")
    list_select_related = ("street", "community", "sector")
    autocomplete_fields = ("street", "community", "sector")
    date_hierarchy = "established_on"
    list_per_page = 50
    inlines = [ConvenershipInline, SessionInline]
    actions = ["activate", "deactivate", "export_xlsx"]
    fieldsets = (
        (None, {"fields": ("name", "level", "street", "community", "sector", "is_active")}),
        (_("公开信息"), {"fields": ("address", "established_on", "public_phone", "description", "photo", "photo_alt")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                held_count=Subquery(_held().annotate(n=Count("pk")).values("n")[:1]),
                last_held=Subquery(_held().annotate(last=Max("starts_at")).values("last")[:1]),
            )
            .prefetch_related("conveners")
        )

    @admin.display(description=_("所属社区/界别"))
    def belongs_to(self, room):
        return room.community or room.sector or "—"

    @admin.display(description=_("召集人"))
    def convener_names(self, room):
        return "、".join(user.display_name for user in room.conveners.all()) or "—"

    @admin.display(description=_("已举行场次"), ordering="held_count")
    def sessions_held(self, room):
        return room.held_count or 0

    @admin.display(description=_("最近议事"), ordering="last_held")
    def last_held_on(self, room):
        return room.last_held

    @admin.display(description=_("公开页面"))
    def public_link(self, room):
        return format_html('<a href="{}">{}</a>', room.get_absolute_url(), _("查看"))

    @admin.action(description=_("启用所选议事室"))
    def activate(self, request, queryset):
        changed = rooms_set_active(rooms=queryset, active=True, author=request.user)
        self.message_user(request, ngettext("已启用 %d 个议事室。", "已启用 %d 个议事室。", changed) % changed)

    @admin.action(description=_("停用所选议事室"))
    def deactivate(self, request, queryset):
        changed = rooms_set_active(rooms=queryset, active=False, author=request.user)
        self.message_user(
            request, ngettext("已停用 %d 个议事室。", "已停用 %d 个议事室。", changed) % changed, messages.WARNING
        )

    export_xlsx = export_xlsx_action(registry_sheets, "议事室名册", title_row=False)  # re-importable


@admin.register(Convenership)
class ConvenershipAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("user", "room", "room_street", "started_on")
    list_filter = ("room__level", "room__street", "started_on")
    search_fields = ("user__username", "user__full_name", "room__name")
    list_select_related = ("user", "room", "room__street")
    autocomplete_fields = ("user", "room")
    date_hierarchy = "started_on"

    @admin.display(description=_("所属街道"), ordering="room__street__ordering")
    def room_street(self, convenership):
        return convenership.room.street or "—"
