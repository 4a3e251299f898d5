"""Admin actions shared by the apps' admin.py: "export the selection to Excel".

The sessions, issues and outcomes use the ledger's sheets, the rooms the registry's import
format, so a file exported from the admin reads the same as the ledger and can be re-imported.
Other models export the columns their admin names. No personal phone numbers or e-mails.

Also the mixin that lets staff work in the admin, and the labels that Django's admin leaves out
(each input of a date-and-time pair, the cells of a tabular inline).
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.text import capfirst
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


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, each named after its field (“开始时间（日期）”): Django
    prints “日期:” and “时间:” beside them but labels neither, so a screen reader hears no name."""

    def __init__(self, attrs=None, *, label=""):
        super().__init__(attrs)
        self.label = label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, part in zip(context["widget"]["subwidgets"], (_("日期"), _("时间")), strict=False):
            subwidget["attrs"]["aria-label"] = f"{self.label}（{part}）"
        return context


class LabelledFormsMixin:
    """Rows of inputs under a table head (a tabular inline, a changelist's list_editable columns)
    are named by that head only: each input (the 删除 box too) gets its field's name as
    aria-label, so it is named wherever focus lands (the row is read from the table)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", str(capfirst(field.label or "")))


class LabelledInlineFormSet(LabelledFormsMixin, BaseInlineFormSet):
    pass


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

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        return type(formset.__name__, (LabelledFormsMixin, formset), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AdminSplitDateTime:
            formfield.widget = LabelledSplitDateTime(formfield.widget.attrs, label=capfirst(db_field.verbose_name))
        return formfield


class StaffTabularInline(StaffAdminMixin, admin.TabularInline):
    """A tabular inline that staff may edit, every input labelled (LabelledInlineFormSet)."""

    formset = LabelledInlineFormSet
