"""典型案例 in the admin: staff turn a resolved issue or a held session into a case (the add form
starts from `?issue=<id>` or `?session=<id>`, filled by `cases.services.case_draft`), with before
and after photos checked and stripped by `core.photos`. Every save goes through
`cases.services.case_save`."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backoffice.admin.base import StaffAdminMixin
from cases.models import Case
from cases.services import case_draft, case_save
from core.photos import PhotoFormField, photo_for_display
from deliberations.models import Session
from issues.models import Issue


class CaseAdminForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = (
            "title",
            "summary",
            "category",
            "street",
            "room",
            "published_on",
            "is_published",
            "featured",
            "issue",
            "session",
            "story",
            "consensus",
            "result",
            "departments",
            "photo_before",
            "photo_before_alt",
            "photo_after",
            "photo_after_alt",
        )
        field_classes = {"photo_before": PhotoFormField, "photo_after": PhotoFormField}

    def _photo(self, name):
        """A new photo is checked (a real image, at most 5 MB) and re-encoded for display: no EXIF
        (GPS position, device, time), a random file name."""
        photo = self.cleaned_data.get(name)
        if photo and isinstance(photo, UploadedFile):
            return photo_for_display(photo)
        return photo

    def clean_photo_before(self):
        return self._photo("photo_before")

    def clean_photo_after(self):
        return self._photo("photo_after")


@admin.register(Case)
class CaseAdmin(StaffAdminMixin, admin.ModelAdmin):
    form = CaseAdminForm
    list_display = ("title", "category", "street", "published_on", "is_published", "featured", "public_link")
    list_filter = ("is_published", "featured", "category", "street", "published_on")
    search_fields = ("title", "summary", "story", "result")
    list_select_related = ("category", "street")
    autocomplete_fields = ("issue", "session", "street", "room", "departments")
    date_hierarchy = "published_on"
    list_per_page = 50
    fieldsets = (
        (
            None,
            {"fields": ("title", "summary", "category", "street", "room", "published_on", "is_published", "featured")},
        ),
        (_("来源"), {"fields": ("issue", "session")}),
        (_("案例内容"), {"fields": ("story", "consensus", "result", "departments")}),
        (_("照片"), {"fields": ("photo_before", "photo_before_alt", "photo_after", "photo_after_alt")}),
    )

    def get_changeform_initial_data(self, request):
        """`?issue=<id>` or `?session=<id>`: the case starts from what the records say."""
        initial = super().get_changeform_initial_data(request)
        issue = session = None
        if (issue_id := request.GET.get("issue", "")).isdigit():
            issue = Issue.objects.select_related("room", "raised_in").filter(pk=issue_id).first()
        if (session_id := request.GET.get("session", "")).isdigit():
            session = Session.objects.select_related("room").filter(pk=session_id).first()
        if issue is not None or session is not None:
            initial.update(case_draft(issue=issue, session=session))
        return initial

    def save_model(self, request, obj, form, change):
        # The departments are set with the case (in the service's transaction), not by save_related.
        case_save(case=obj, author=request.user, departments=form.cleaned_data.get("departments"))

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.display(description=_("公开页面"))
    def public_link(self, case):
        return format_html('<a href="{}">{}</a>', case.get_absolute_url(), _("查看"))


def make_case_action(source):
    """An admin action on issues (`source="issue"`) or sessions (`"session"`): open a new case
    filled from the one selected record."""

    @admin.action(description=_("制作典型案例"))
    def make_case(modeladmin, request, queryset):
        selected = list(queryset.values_list("pk", flat=True)[:2])
        if len(selected) != 1:
            modeladmin.message_user(request, _("请只选择一条记录来制作典型案例。"), messages.WARNING)
            return None
        return HttpResponseRedirect(f"{reverse('admin:cases_case_add')}?{source}={selected[0]}")

    return make_case
