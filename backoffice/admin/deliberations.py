"""Sessions in the admin, with attendance and photos inline; campaigns with their progress;
residents' topic suggestions with accept/decline actions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.base import LabelledInlineFormSet, StaffAdminMixin, StaffTabularInline, export_xlsx_action
from backoffice.admin.cases import make_case_action
from backoffice.ledger import session_sheet
from core.photos import PhotoFormField, PreparedPhoto, photo_for_display
from deliberations.models import Attendance, Campaign, CampaignStreetTarget, Session, SessionPhoto, TopicSuggestion
from deliberations.services import (
    NewPhoto,
    PhotoChange,
    named_members_message,
    session_delete,
    session_save,
    sessions_tag_campaign,
    suggestion_review,
)


class AttendanceFormSet(LabelledInlineFormSet):
    """The headcounts, checked against the members named on the same page: the headcount of
    role 政协委员 must be at least the number of named members (the rule the service and the
    database also keep; here it is refused before saving, with everything typed kept)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        headcount = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("role") != Attendance.Role.CPPCC_MEMBER:
                continue
            headcount = data.get("headcount") or 0
        named = len({value for value in self.data.getlist("cppcc_members") if value})
        if named > headcount:
            raise ValidationError(named_members_message(named=named, headcount=headcount))


class AttendanceInline(StaffTabularInline):
    model = Attendance
    formset = AttendanceFormSet
    extra = 0
    fields = ("role", "headcount")


def _new_file(value) -> bool:
    return isinstance(value, (UploadedFile, PreparedPhoto))


class SessionPhotoForm(forms.ModelForm):
    class Meta:
        model = SessionPhoto
        fields = ("image", "alt_text", "caption", "ordering")
        field_classes = {"image": PhotoFormField}

    def clean_image(self):
        """A new file is checked, decoded and re-encoded here (`core.photos`: at most 5 MB and 40
        megapixels, no metadata, a random name), so its error sits next to its field and
        `session_save` only writes the prepared JPEG."""
        image = self.cleaned_data.get("image")
        if image and isinstance(image, UploadedFile):
            return photo_for_display(image)
        return image


class SessionPhotoInline(StaffTabularInline):
    model = SessionPhoto
    form = SessionPhotoForm
    extra = 0
    fields = ("image", "alt_text", "caption", "ordering")


def _kept_forms(formset):
    return [form for form in formset.forms if form.has_changed() or form.instance.pk is not None]


def _attendance_from(formset) -> dict:
    """The headcounts the inline leaves, by role; sets what the admin's change message reads."""
    attendance, formset.new_objects, formset.changed_objects, formset.deleted_objects = {}, [], [], []
    for form in _kept_forms(formset):
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk is not None:
                formset.deleted_objects.append(form.instance)
            continue
        if form.cleaned_data.get("role"):
            attendance[form.cleaned_data["role"]] = form.cleaned_data["headcount"]
            if form.instance.pk is None:
                formset.new_objects.append(form.instance)
            elif form.has_changed():
                formset.changed_objects.append((form.instance, form.changed_data))
    return attendance


def _photos_from(formset):
    """New photos, changes to kept ones and removed ones, from the photo inline."""
    photos, changes, removed = [], [], []
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in _kept_forms(formset):
        data = form.cleaned_data
        if form.instance.pk is not None and formset.can_delete and formset._should_delete_form(form):
            removed.append(form.instance.pk)
            formset.deleted_objects.append(form.instance)
        elif form.instance.pk is None:
            if data.get("image"):
                photos.append(
                    NewPhoto(
                        file=data["image"],
                        alt_text=data["alt_text"],
                        caption=data["caption"],
                        ordering=data["ordering"],
                    )
                )
                formset.new_objects.append(form.instance)
        elif form.has_changed():
            upload = data.get("image") if _new_file(data.get("image")) else None
            changes.append(
                PhotoChange(
                    photo=form.instance.pk,
                    alt_text=data["alt_text"],
                    caption=data["caption"],
                    ordering=data["ordering"],
                    file=upload,
                )
            )
            formset.changed_objects.append((form.instance, form.changed_data))
    return photos, changes, removed


class SessionAdminForm(forms.ModelForm):
    """The session's change form, with the version it showed (hidden): a save over a newer
    version (a convener changed the session meanwhile) is refused instead of overwriting it."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Session
        fields = (
            "room",
            "topic",
            "kind",
            "campaign",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "minutes",
            "consensus",
            "cppcc_members",
            "created_by",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if "cppcc_members" in self.fields:
            # Namesakes are told apart by sector and note here too (the autocomplete's answers
            # use the same label, see backoffice.admin.accounts).
            self.fields["cppcc_members"].label_from_instance = lambda member: member.member_label
            self.fields["cppcc_members"].queryset = (
                self.fields["cppcc_members"].queryset.filter(is_cppcc_member=True).select_related("sector")
            )

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk and expected is not None:
            current = Session.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and current != expected:
                raise forms.ValidationError(
                    _(
                        "这场议事活动在您打开本页后已被他人修改，为免覆盖，本次没有保存。请重新打开本页，核对最新内容后再修改。"
                    ),
                    code="stale",
                )
        return cleaned


def _session_sheets(queryset):
    return [session_sheet(queryset)]


@admin.register(Session)
class SessionAdmin(StaffAdminMixin, SimpleHistoryAdmin):
    form = SessionAdminForm
    list_display = ("topic", "room", "room_street", "kind", "status", "starts_at", "campaign", "person_times")
    list_filter = ("status", "kind", "campaign", "room__level", "room__street", "starts_at")
    search_fields = ("topic", "place", "room__name", "minutes", "consensus")
    list_select_related = ("room", "room__street", "campaign")
    autocomplete_fields = ("room", "campaign", "cppcc_members", "created_by")
    date_hierarchy = "starts_at"
    list_per_page = 50
    inlines = [AttendanceInline, SessionPhotoInline]
    actions = ["tag_campaign", "make_case", "export_xlsx"]
    make_case = make_case_action("session")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("room", "topic", "kind", "campaign", "status", "starts_at", "ends_at", "place")}),
        (_("议事内容"), {"fields": ("minutes", "consensus", "cppcc_members")}),
        (_("记录"), {"fields": ("created_by", "created_at", "updated_at", "expected_version")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_person_times()

    @admin.display(description=_("所属街道"), ordering="room__street__ordering")
    def room_street(self, session):
        return session.room.street or "—"

    @admin.display(description=_("参与人次"), ordering="person_times")
    def person_times(self, session):
        return session.person_times

    # The session and its inlines are saved together by `deliberations.services.session_save`
    # (in save_related, once every form is valid), so the admin keeps the rules of the convener's
    # form: permission, validation, the attendance diff on the history record, photos
    # re-encoded without EXIF, the statistics invalidated.
    def save_model(self, request, obj, form, change):
        pass

    def save_formset(self, request, form, formset, change):
        raise NotImplementedError("SessionAdmin saves its inlines through session_save")

    def save_related(self, request, form, formsets, change):
        by_model = {formset.model: formset for formset in formsets}
        attendance = photos = photo_changes = remove_photos = None
        if Attendance in by_model:
            attendance = _attendance_from(by_model[Attendance])
        if SessionPhoto in by_model:
            photos, photo_changes, remove_photos = _photos_from(by_model[SessionPhoto])
        session_save(
            session=form.instance,
            author=request.user,
            attendance=attendance,
            cppcc_members=form.cleaned_data.get("cppcc_members"),
            photos=photos or (),
            photo_changes=photo_changes or (),
            remove_photos=remove_photos or (),
            # Checked by the form's clean() already; checked again here under the row lock.
            expected_version=form.cleaned_data.get("expected_version"),
        )

    def delete_model(self, request, obj):
        """Deleting goes through `session_delete`, which leaves a note on each issue raised in the
        session (the issues stay) and invalidates the statistics."""
        session_delete(session=obj, author=request.user)

    def delete_queryset(self, request, queryset):
        for session in queryset:
            session_delete(session=session, author=request.user)

    @admin.action(description=_("归入所在期间的议事月"))
    def tag_campaign(self, request, queryset):
        """Tag each selected session with the campaign whose period contains its date."""
        tagged, skipped = sessions_tag_campaign(sessions=queryset.select_related("campaign"), author=request.user)
        self.message_user(
            request,
            ngettext(
                "已将 %(tagged)d 场议事活动归入议事月，%(skipped)d 场不在任何议事月期间或已归入。",
                "已将 %(tagged)d 场议事活动归入议事月，%(skipped)d 场不在任何议事月期间或已归入。",
                tagged,
            )
            % {"tagged": tagged, "skipped": skipped},
        )

    export_xlsx = export_xlsx_action(_session_sheets, "议事活动")


class CampaignStreetTargetInline(StaffAdminMixin, admin.TabularInline):
    """Each street's targets for the campaign; the campaign page sets the street's own sessions
    against them."""

    model = CampaignStreetTarget
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("campaign", "street")  # each row's title

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "street":
            # The streets are read once for the whole inline, not once per target row.
            field.choices = list(field.choices)
        return field


@admin.register(Campaign)
class CampaignAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "starts_on",
        "ends_on",
        "is_running_now",
        "sessions_held",
        "target_sessions",
        "target_person_times",
        "target_issues_resolved",
    )
    search_fields = ("name", "theme")
    list_filter = ("starts_on",)
    date_hierarchy = "starts_on"
    fieldsets = (
        (None, {"fields": ("name", "theme", "starts_on", "ends_on")}),
        (_("目标"), {"fields": ("target_sessions", "target_person_times", "target_issues_resolved")}),
        (_("总结"), {"fields": ("summary",)}),
    )
    inlines = [CampaignStreetTargetInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(held_total=Count("sessions", filter=Session.held_q("sessions")))

    @admin.display(description=_("进行中"), boolean=True)
    def is_running_now(self, campaign):
        return campaign.is_running()

    @admin.display(description=_("已举行场次"), ordering="held_total")
    def sessions_held(self, campaign):
        return campaign.held_total


@admin.register(TopicSuggestion)
class TopicSuggestionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ("topic", "room", "status", "created_at", "reviewed_by")
    list_filter = ("status", "room__street", "room__level", "created_at")
    search_fields = ("topic", "description", "room__name")
    list_select_related = ("room", "reviewed_by")
    autocomplete_fields = ("room",)
    readonly_fields = ("created_at", "reviewed_by", "reviewed_at")
    date_hierarchy = "created_at"
    actions = ["accept", "decline"]

    def _review(self, request, queryset, accept):
        done, failed = 0, []
        for suggestion in queryset:
            try:
                suggestion_review(suggestion=suggestion, reviewer=request.user, accept=accept)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{suggestion.topic}：{'；'.join(getattr(error, 'messages', [str(error)]))}")
        self.message_user(request, ngettext("已审核 %d 条议题建议。", "已审核 %d 条议题建议。", done) % done)
        for message in failed:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("采纳所选议题建议"))
    def accept(self, request, queryset):
        self._review(request, queryset, accept=True)

    @admin.action(description=_("不采纳所选议题建议"))
    def decline(self, request, queryset):
        self._review(request, queryset, accept=False)
