"""Admin actions shared by the apps' admin.py: "export the selection to Excel".

The sessions, issues and outcomes use the ledger's sheets, the rooms the registry's import
format, so a file exported from the admin reads the same as the ledger and can be re-imported.
Other models export the columns their admin names. No personal phone numbers or e-mails.

Also the mixin that lets staff work in the admin.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import SheetTitle, xlsx_response
from rooms.permissions import is_staff

EXPORT_DESCRIPTION = _("导出所选为 Excel")


SELECTION_FILTER = "管理后台中勾选的记录"


def export_xlsx_action(sheets, filename_stem, description=EXPORT_DESCRIPTION, *, title_row=True):
    """An admin action that downloads the selected rows: `sheets(queryset)` returns the sheets.

    The workbook opens with a title row (what, which selection, when) unless `title_row` is
    False: a file the registry import reads back keeps its header in the first row."""

    @admin.action(description=description)
    def export_xlsx(modeladmin, request, queryset):
        title = SheetTitle(filename_stem, SELECTION_FILTER) if title_row else None
        return xlsx_response(f"{filename_stem}_{timezone.localdate().isoformat()}.xlsx", sheets(queryset), title=title)

    return export_xlsx


def columns_sheet(title, columns):
    """Sheets for a plain model: `columns` is a list of (header, function of the object)."""

    def sheets(queryset):
        rows = ([column(obj) for _header, column in columns] for obj in queryset.iterator(chunk_size=2000))
        return [(title, [str(header) for header, _column in columns], rows)]

    return sheets


class StaffAdminMixin:
    """区政协机关 staff run the whole programme: every active staff user (`rooms.permissions.is_staff`)
    may view, add, change and delete the domain records in the admin, without per-model grants.
    The accounts admin keeps Django's own permissions, so only superusers manage who is staff."""

    def has_module_permission(self, request):
        return is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user)

    def has_add_permission(self, request, *args):
        return is_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return is_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_staff(request.user)
