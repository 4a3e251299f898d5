"""The convener's session form: the session itself, one headcount per role, the issues raised
(inline) and the photos. Every message is in Chinese and sits next to its field."""

import datetime
import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin

from core.photos import photo_for_display
from deliberations.models import MAX_HEADCOUNT, Attendance, Session
from deliberations.services import NewIssue, NewPhoto, SessionData, named_members_message
from departments.models import Department
from figures.selectors import running_campaign
from issues.models import Issue, IssueCategory

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class LocalDateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`: the phone shows its own date and time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def pinyin_key(name: str) -> tuple:
    """Sort key for Chinese names in the order people look them up: by pinyin (with tones, so
    同音 names keep a stable order), then by the characters themselves."""
    return (lazy_pinyin(name, style=Style.TONE3), name)


class MemberCheckboxes(forms.CheckboxSelectMultiple):
    """The member checkboxes, each carrying what the filter box matches besides the visible
    label: the pinyin and its initials (“xl” finds 向磊), see static/js/session-form.js."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        search = getattr(self, "search_terms", {}).get(str(getattr(value, "value", value)))
        if search:
            option["attrs"]["data-search"] = search
        return option


class CppccMemberChoiceField(forms.ModelMultipleChoiceField):
    """The CPPCC members, in pinyin order, each labelled with the sector (界别) and the public
    note (`User.member_label`), so that two members of the same name are told apart; when even
    those are the same, the member's number is added."""

    def label_from_instance(self, obj):
        return obj.member_label

    def _set_choices_from(self, members):
        counts = {}
        for member in members:
            counts[member.member_label] = counts.get(member.member_label, 0) + 1
        choices = []
        for member in members:
            label = member.member_label
            if counts[label] > 1:
                label = _("%(label)s·编号%(number)s") % {"label": label, "number": member.pk}
            choices.append((member.pk, label))
        self.choices = choices
        self.widget.search_terms = {
            str(member.pk): f"{member.full_name_initials} {member.full_name_pinyin.replace(' ', '')}"
            for member in members
        }


class SessionForm(forms.ModelForm):
    """The session's own fields. Model validation (end after start, a held session not in the
    future) runs here too, so each error lands on its field before the service is called."""

    starts_at = forms.DateTimeField(
        label=_("开始时间"),
        input_formats=DATETIME_FORMATS,
        widget=LocalDateTimeInput(),
        error_messages={"required": _("请填写开始时间。"), "invalid": _("请输入有效的日期和时间。")},
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=LocalDateTimeInput(),
        error_messages={"invalid": _("请输入有效的日期和时间。")},
    )
    cppcc_members = CppccMemberChoiceField(
        label=_("参加的政协委员"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=MemberCheckboxes,
        error_messages={"invalid_choice": _("所选政协委员不存在。")},
    )
    deliberated_issues = forms.ModelMultipleChoiceField(
        label=_("本次协商的已有问题"),
        queryset=Issue.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("勾选本议事室在这次活动中继续协商的未办结问题。"),
        error_messages={"invalid_choice": _("只能关联本议事室的问题。")},
    )
    # A new session's form carries a one-time token: submitting it twice (a double tap, a retry
    # after a timeout) finds the session the first submit logged instead of logging another.
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # An edit form carries the version it showed: a stale submit is refused (optimistic lock).
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={"invalid": _("表单版本无效，请刷新页面后重试。")},
    )

    class Meta:
        model = Session
        fields = ["topic", "kind", "status", "starts_at", "ends_at", "place", "campaign", "minutes", "consensus"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "consensus": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        error_messages = {
            "topic": {"required": _("请填写议题。"), "max_length": _("议题不能超过200个字。")},
            "kind": {"invalid_choice": _("请选择有效的活动类型。")},
            "status": {"invalid_choice": _("请选择有效的状态。"), "required": _("请选择状态。")},
            "campaign": {"invalid_choice": _("所选议事月不存在。")},
        }

    def __init__(self, *args, room, **kwargs):
        self.room = room
        if kwargs.get("instance") is None:
            kwargs["instance"] = Session(room=room)
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("campaign", running_campaign())
            # Logged after the meeting: the last full hour of today, so that the default start is
            # in the past and fits the default status (已举行); the convener adjusts it if needed.
            initial.setdefault("starts_at", timezone.localtime().replace(minute=0, second=0, microsecond=0))
            initial.setdefault("client_token", uuid.uuid4())
        else:
            initial = kwargs.setdefault("initial", {})
            initial["deliberated_issues"] = list(kwargs["instance"].issues_deliberated.values_list("pk", flat=True))
            initial.setdefault("version", kwargs["instance"].version)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["client_token"]
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _("表单缺少版本信息，请刷新页面后重试。")
        else:
            del self.fields["version"]
        self.fields["status"].choices = Session.Status.choices
        self.fields["campaign"].empty_label = _("（不属于议事月）")
        self.fields["cppcc_members"].queryset = (
            get_user_model().objects.filter(is_cppcc_member=True, is_active=True).select_related("sector")
        )
        members = sorted(self.fields["cppcc_members"].queryset, key=lambda m: (*pinyin_key(m.display_name), m.pk))
        self.fields["cppcc_members"]._set_choices_from(members)
        # Open issues of this room, plus the ones already linked (they may have been resolved since).
        linked = self.initial.get("deliberated_issues") or []
        self.fields["deliberated_issues"].queryset = (
            Issue.objects.filter(room=room).filter(Issue.open_q() | Q(pk__in=linked)).order_by("-reported_on", "-pk")
        )
        if self.instance.pk:
            self.fields["cppcc_members"].initial = list(self.instance.cppcc_members.values_list("pk", flat=True))
        for name in ("topic", "place"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")

    def clean(self):
        cleaned = super().clean()
        starts_at, status = cleaned.get("starts_at"), cleaned.get("status")
        changed = not self.instance.pk or {"starts_at", "status"} & set(self.changed_data)
        if changed and status == Session.Status.PLANNED and starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("状态为“计划中”时，开始时间应在将来；已经开过的请选择“已举行”。"))
        return cleaned

    def check_member_headcount(self, attendance_form) -> bool:
        """Named members must not outnumber the headcount of role 政协委员 (each named member is
        one of the people counted). The error sits next to both fields; nothing typed is lost.
        Returns whether the two agree (True when either form has errors of its own)."""
        if "cppcc_members" not in getattr(self, "cleaned_data", {}) or not attendance_form.is_valid():
            return True
        named = len(self.cleaned_data["cppcc_members"])
        headcount = attendance_form.cleaned_data.get(Attendance.Role.CPPCC_MEMBER) or 0
        if named <= headcount:
            return True
        message = named_members_message(named=named, headcount=headcount)
        self.add_error("cppcc_members", message)
        attendance_form.add_error(Attendance.Role.CPPCC_MEMBER, message)
        return False

    def session_data(self, attendance) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            topic=data["topic"],
            starts_at=data["starts_at"],
            kind=data["kind"],
            status=data["status"],
            ends_at=data.get("ends_at"),
            place=data.get("place", ""),
            campaign=data.get("campaign"),
            minutes=data.get("minutes", ""),
            consensus=data.get("consensus", ""),
            attendance=attendance,
            cppcc_members=list(data.get("cppcc_members") or []),
        )


class AttendanceForm(forms.Form):
    """One number per attendance role; the page shows their total live."""

    def __init__(self, *args, session=None, **kwargs):
        if session is not None and session.pk:
            initial = kwargs.setdefault("initial", {})
            for row in session.attendance.all():
                initial.setdefault(row.role, row.headcount)
        super().__init__(*args, **kwargs)
        for role, label in Attendance.Role.choices:
            self.fields[role] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=MAX_HEADCOUNT,
                widget=forms.NumberInput(
                    attrs={"min": 0, "max": MAX_HEADCOUNT, "inputmode": "numeric", "data-headcount": ""}
                ),
                error_messages={
                    "invalid": _("人数请填写整数。"),
                    "min_value": _("人数不能为负数。"),
                    "max_value": _("人数不能超过 %(limit_value)s，请核对。"),
                },
            )

    def attendance(self) -> dict:
        return {role: count for role, count in self.cleaned_data.items() if count is not None}

    @property
    def total(self):
        if self.is_bound and hasattr(self, "cleaned_data"):
            return sum(self.attendance().values())
        values = [self[role].value() for role, _label in Attendance.Role.choices]
        total = 0
        for value in values:
            try:
                total += max(0, int(value))
            except (TypeError, ValueError):
                continue
        return total


class CategoryChoiceField(forms.ModelChoiceField):
    """Looks the posted id up among the categories already loaded for the menu, so ten inline
    issues cost one category query, not ten."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        choices = getattr(self, "_loaded", None)
        if choices is None:
            choices = self._loaded = {str(category.pk): category for category in self.queryset}
        try:
            return choices[str(value)]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class NewIssueForm(forms.Form):
    """An issue raised in the session, entered inline. A row left completely blank is ignored.
    A plain form: the service validates the model, so the form spends no query per row."""

    title = forms.CharField(
        label=_("标题"),
        max_length=200,
        error_messages={"required": _("请填写问题标题。"), "max_length": _("标题不能超过200个字。")},
    )
    category = CategoryChoiceField(
        label=_("类别"),
        queryset=IssueCategory.objects.none(),
        empty_label=_("请选择类别"),
        error_messages={"required": _("请选择问题类别。"), "invalid_choice": _("所选类别不存在。")},
    )
    triage_level = forms.ChoiceField(
        label=_("三事分流层级"),
        choices=Issue.Triage.choices,
        initial=Issue.Triage.COMMUNITY,
        error_messages={"invalid_choice": _("请选择有效的分流层级。"), "required": _("请选择分流层级。")},
    )
    department = forms.ChoiceField(
        label=_("承办单位"),
        required=False,
        help_text=_("不选时按问题类别自动交办，期限按类别的办理时限计算。"),
        error_messages={"invalid_choice": _("所选承办单位不存在或已停用。")},
    )
    due_on = forms.DateField(
        label=_("办理期限"), required=False, widget=DateInput(), error_messages={"invalid": _("请输入有效的日期。")}
    )
    description = forms.CharField(
        label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )

    def __init__(self, *args, categories=None, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = IssueCategory.objects.order_by("ordering", "name")
        if categories is not None:
            self.fields["category"]._loaded = categories
        if departments is None:
            departments = {str(d.pk): d for d in Department.objects.active()}
        self._departments = departments
        self.fields["department"].choices = [("", _("按类别自动交办"))] + [
            (pk, department.name) for pk, department in departments.items()
        ]

    def has_changed(self):
        """A row is blank (and ignored) unless something besides the preset triage level was typed."""
        return any(name != "triage_level" for name in self.changed_data)

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < datetime.date(2000, 1, 1):
            raise ValidationError(_("办理期限的日期不合理，请核对。"))
        return due_on

    def new_issue(self) -> NewIssue:
        data = self.cleaned_data
        return NewIssue(
            title=data["title"],
            category=data["category"],
            triage_level=data.get("triage_level") or Issue.Triage.COMMUNITY,
            department=self._departments.get(data.get("department") or ""),
            due_on=data.get("due_on"),
            description=data.get("description", ""),
        )


class BaseNewIssueFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._categories = None
        self._departments = None

    def get_form_kwargs(self, index):
        # Every row shares one lookup table of categories and one of departments (each loaded
        # once, on first use).
        if self._categories is None:
            self._categories = {str(c.pk): c for c in IssueCategory.objects.order_by("ordering", "name")}
            self._departments = {str(d.pk): d for d in Department.objects.active()}
        return {**super().get_form_kwargs(index), "categories": self._categories, "departments": self._departments}

    def issues(self):
        return [form.new_issue() for form in self.forms if form.has_changed() and not self._deleted(form)]

    def _deleted(self, form):
        return self.can_delete and form.cleaned_data.get("DELETE")


NewIssueFormSet = forms.formset_factory(NewIssueForm, formset=BaseNewIssueFormSet, extra=1, max_num=30)


class PhotoForm(forms.Form):
    """A photo with its caption and the alt text read out by screen readers."""

    image = forms.FileField(
        label=_("照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPG/PNG 等图片，每张不超过 5 MB、4000 万像素，保存时自动缩小。"),
        error_messages={"invalid": _("上传的文件无效。"), "empty": _("上传的文件是空的。")},
    )
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)
    alt_text = forms.CharField(
        label=_("替代文字"),
        max_length=200,
        required=False,
        help_text=_("用一句话描述照片内容，供视障人士的读屏软件朗读。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required as soon as a photo is chosen: the label says so (the field itself is optional
        # for a blank row).
        self.fields["alt_text"].required_when = _("选了照片时必填")

    def clean_image(self):
        """Checked, decoded and re-encoded here (`core.photos`), so a photo with too many pixels
        is refused next to its field, and the save that follows only writes the prepared JPEG."""
        upload = self.cleaned_data.get("image")
        if upload:
            return photo_for_display(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("alt_text") or "").strip():
            self.add_error("alt_text", _("请为照片填写替代文字。"))
        if (
            not cleaned.get("image")
            and not self.errors.get("image")
            and (cleaned.get("alt_text") or cleaned.get("caption"))
        ):
            self.add_error("image", _("请选择照片文件，或清空这一行的说明。"))
        return cleaned


class BasePhotoFormSet(forms.BaseFormSet):
    def photos(self):
        return [
            NewPhoto(
                file=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
            )
            for form in self.forms
            if form.cleaned_data.get("image")
        ]


PhotoFormSet = forms.formset_factory(PhotoForm, formset=BasePhotoFormSet, extra=1, max_num=12)
