"""Admin of the publicity records: media reports and visiting delegations."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from backoffice.admin.base import StaffAdminMixin, columns_sheet, export_xlsx_action
from figures.models import MediaReport, Visit

MEDIA_COLUMNS = [
    (_("编号"), lambda r: r.pk),
    (_("媒体"), lambda r: r.outlet),
    (_("级别"), lambda r: str(r.get_level_display())),
    (_("标题"), lambda r: r.title),
    (_("发布日期"), lambda r: r.published_on),
    (_("链接"), lambda r: r.url),
]
VISIT_COLUMNS = [
    (_("编号"), lambda v: v.pk),
    (_("来访单位"), lambda v: v.delegation),
    (_("来访日期"), lambda v: v.visited_on),
    (_("人数"), lambda v: v.headcount),
    (_("参观的议事室"), lambda v: "、".join(room.name for room in v.rooms.all())),
    (_("看过的典型案例"), lambda v: "、".join(case.title for case in v.cases.all())),
    (_("备注"), lambda v: v.note),
]


@admin.register(MediaReport)
class MediaReportAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("title", "outlet", "level", "published_on", "url")
    list_filter = ("level", "published_on")
    search_fields = ("title", "outlet")
    date_hierarchy = "published_on"
    list_per_page = 50
    actions = ["export_xlsx"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    export_xlsx = export_xlsx_action(columns_sheet("媒体报道", MEDIA_COLUMNS), "媒体报道")


@admin.register(Visit)
class VisitAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("delegation", "visited_on", "headcount", "room_count")
    list_filter = ("visited_on",)
    search_fields = ("delegation", "note", "rooms__name")
    autocomplete_fields = ("rooms", "cases")
    date_hierarchy = "visited_on"
    list_per_page = 50
    actions = ["export_xlsx"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(room_total=Count("rooms"))

    @admin.display(description=_("参观议事室数"), ordering="room_total")
    def room_count(self, visit):
        return visit.room_total

    export_xlsx = export_xlsx_action(
        lambda queryset: columns_sheet("来访考察", VISIT_COLUMNS)(queryset.prefetch_related("rooms", "cases")),
        "来访考察",
    )
