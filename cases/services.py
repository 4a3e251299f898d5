"""Writes of 典型案例. The admin calls them; photos are prepared (checked, stripped of metadata,
renamed at random: `core.photos`) before the transaction opens."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.photos import photo_for_display

from .models import Case
from .permissions import can_manage_cases

PHOTO_FIELDS = ("photo_before", "photo_after")


def case_prepare_photos(*, uploads: dict) -> dict:
    """`{field: upload}` with each new upload checked (5 MB, a real image, 40 megapixels) and
    re-encoded for display (no EXIF, random name). Raises ValidationError in Chinese."""
    return {name: photo_for_display(upload) for name, upload in uploads.items() if upload}


def _delete_on_commit(files):
    def delete():
        for stored in files:
            stored.storage.delete(stored.name)

    if files:
        transaction.on_commit(delete)


@transaction.atomic
def case_save(*, case: Case, author, departments=None, photos: dict | None = None) -> Case:
    """Create or change a case: its source (a resolved public issue or a held session), story,
    consensus, result, category, street, departments and photos. Staff only. A replaced photo's
    old file is deleted once the change commits."""
    if not can_manage_cases(author):
        raise PermissionDenied(_("只有区政协机关工作人员可以编辑典型案例。"))
    for name, prepared in (photos or {}).items():
        getattr(case, name).save(prepared.name, prepared, save=False)
    old_files = []
    if case.pk:
        before = Case.objects.filter(pk=case.pk).only(*PHOTO_FIELDS).first()
        for name in PHOTO_FIELDS:
            old = getattr(before, name) if before else None
            if old and old.name and old.name != getattr(case, name).name:
                old_files.append(old)
    if case.issue_id and not case.room_id:
        case.room_id = case.issue.room_id
    elif case.session_id and not case.room_id:
        case.room_id = case.session.room_id
    if case.room_id and not case.street_id:
        case.street_id = case.room.street_id
    if not case.published_on:
        case.published_on = timezone.localdate()
    case.full_clean()
    case.save()
    if departments is not None:
        case.departments.set(departments)
    _delete_on_commit(old_files)
    return case


def case_draft(*, issue=None, session=None) -> dict:
    """The admin's starting values for a case made from a resolved issue or a held session:
    title, category, street, room, consensus, result and the department, as the records tell
    them. Nothing is written; staff edit the story and save."""
    values = {}
    if issue is not None:
        session = session or issue.raised_in
        values.update(
            title=issue.title,
            issue=issue.pk,
            category=issue.category_id,
            room=issue.room_id,
            street=issue.room.street_id,
            result=issue.resolution,
            story=issue.description,
            departments=[issue.department_id] if issue.department_id else [],
        )
    if session is not None:
        values.setdefault("title", session.topic)
        values.setdefault("room", session.room_id)
        values.setdefault("street", session.room.street_id)
        values["session"] = session.pk
        values["consensus"] = session.consensus
        values.setdefault("story", session.minutes)
    return values
