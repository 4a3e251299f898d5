"""Writes for sessions. A session is logged with its attendance, photos and issues in one
transaction: either all of it is saved or none of it."""

import io
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.cache import invalidate_statistics
from issues.models import Issue, IssueUpdate

from .models import Attendance, Session, SessionPhoto, TopicSuggestion
from .permissions import can_delete_session, can_edit_session, can_log_session, can_review_suggestion

MAX_PHOTO_BYTES = 5 * 1024 * 1024
DISPLAY_MAX_PIXELS = 1600


@dataclass
class NewIssue:
    """An issue raised in the session, entered inline on the session form."""

    title: str
    category: object
    triage_level: str = Issue.Triage.COMMUNITY
    department: str = ""
    due_on: object = None
    description: str = ""


@dataclass
class NewPhoto:
    file: object
    alt_text: str
    caption: str = ""


@dataclass
class SessionData:
    topic: str
    starts_at: object
    kind: str = Session.Kind.REGULAR
    status: str = Session.Status.HELD
    ends_at: object = None
    place: str = ""
    campaign: object = None
    minutes: str = ""
    consensus: str = ""
    attendance: dict = field(default_factory=dict)
    cppcc_members: list = field(default_factory=list)


def validate_photo(upload) -> None:
    """Refuse an upload that is larger than 5 MB or is not a real image (its bytes, not its
    name, are checked). Forms call this for a field error; the service calls it again."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("照片“%(name)s”超过 5 MB,请压缩后再上传。") % {"name": upload.name})
    try:
        upload.seek(0)
        Image.open(upload).verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("“%(name)s”不是有效的图片文件。") % {"name": upload.name}) from error
    finally:
        upload.seek(0)


def photo_for_display(upload) -> ContentFile:
    """Check that `upload` is a real image of at most 5 MB and return it resized for display
    (longest side 1600 px, EXIF rotation applied, re-encoded as JPEG)."""
    validate_photo(upload)
    try:
        image = ImageOps.exif_transpose(Image.open(upload))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("“%(name)s”不是有效的图片文件。") % {"name": upload.name}) from error
    image.thumbnail((DISPLAY_MAX_PIXELS, DISPLAY_MAX_PIXELS))
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    stem = (upload.name or "photo").rsplit(".", 1)[0][:60]
    return ContentFile(buffer.getvalue(), name=f"{stem}.jpg")


def _attendance_change(session, attendance):
    """A readable summary of how the headcounts change, for the session's audit trail
    (attendance rows have no history of their own; the session's record carries the diff)."""
    before = {row.role: row.headcount for row in session.attendance.all()}
    after = {role: int(count) for role, count in attendance.items() if count not in (None, "")}
    changes = []
    for role, label in Attendance.Role.choices:
        if before.get(role) != after.get(role):
            changes.append(f"{label} {before.get(role, '—')}→{after.get(role, '—')}")
    return _("参与人数:") + ",".join(changes) if changes else ""


def _save_attendance(session, attendance):
    rows = []
    for role, headcount in attendance.items():
        if headcount in (None, ""):
            continue
        row = Attendance(session=session, role=role, headcount=headcount)
        row.full_clean(exclude=["session"], validate_unique=False)
        rows.append(row)
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create(rows)


@contextmanager
def _files_removed_on_error():
    """Collects the (storage, name) of files written during a service call and deletes them if
    the call fails: the rows are rolled back, so their files must not stay behind."""
    stored = []
    try:
        yield stored
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise


def _save_photos(session, photos, start=0, stored=None):
    # Check and resize every photo before writing any file.
    prepared = []
    for photo in photos:
        if not (photo.alt_text or "").strip():
            raise ValidationError({"photos": _("每张照片都需要填写替代文字(供读屏软件朗读)。")})
        prepared.append((photo, photo_for_display(photo.file)))
    for position, (photo, content) in enumerate(prepared, start=start):
        row = SessionPhoto(session=session, caption=photo.caption, alt_text=photo.alt_text, ordering=position)
        row.image.save(content.name, content, save=False)
        if stored is not None:
            stored.append((row.image.storage, row.image.name))
        row.full_clean(exclude=["session"])
        row.save()


def _remove_photos(session, photos):
    """Delete some of a session's photos; their files go once the transaction commits."""
    rows = list(session.photos.filter(pk__in=[getattr(photo, "pk", photo) for photo in photos]))
    for row in rows:
        storage, name = row.image.storage, row.image.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    SessionPhoto.objects.filter(pk__in=[row.pk for row in rows]).delete()


def _raise_issues(session, room, new_issues):
    created = []
    for new in new_issues:
        issue = Issue(
            title=new.title,
            description=new.description,
            category=new.category,
            triage_level=new.triage_level or Issue.Triage.COMMUNITY,
            department=new.department,
            due_on=new.due_on,
            room=room,
            raised_in=session,
            reported_on=timezone.localtime(session.starts_at).date(),
            status=Issue.Status.DELIBERATING if session.status == Session.Status.HELD else Issue.Status.REPORTED,
        )
        if new.category is None:
            raise ValidationError({"category": _("请选择问题类别。")})
        # The category, room and session are objects in hand and the database enforces the
        # check constraints, so skip the per-issue existence and constraint queries.
        issue.full_clean(exclude=["category", "room", "raised_in"], validate_constraints=False)
        issue.save()
        IssueUpdate.objects.create(
            issue=issue,
            status_to=issue.status,
            note=_("在议事活动“%(topic)s”中提出。") % {"topic": session.topic},
            occurred_on=issue.reported_on,
            author=session.created_by,
        )
        created.append(issue)
    return created


def _link_deliberated(session, room, issues):
    for issue in issues:
        if issue.room_id != room.pk:
            raise ValidationError({"deliberated_issues": _("只能关联本议事室的问题。")})
    session.issues_deliberated.add(*issues)


@transaction.atomic
def session_log(*, room, author, data: SessionData, new_issues=(), deliberated_issues=(), photos=()) -> Session:
    """Log a session of `room` with its attendance, CPPCC members, photos, new issues and the
    existing issues it deliberated. All or nothing; raises ValidationError or PermissionDenied."""
    if not can_log_session(author, room):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    session = Session(
        room=room,
        topic=data.topic,
        kind=data.kind,
        status=data.status,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place,
        campaign=data.campaign,
        minutes=data.minutes,
        consensus=data.consensus,
        created_by=author,
    )
    session.full_clean()
    with _files_removed_on_error() as stored:
        session.save()
        _save_attendance(session, data.attendance)
        if data.cppcc_members:
            session.cppcc_members.set(data.cppcc_members)
        _save_photos(session, photos, stored=stored)
        _raise_issues(session, room, new_issues)
        _link_deliberated(session, room, deliberated_issues)
    invalidate_statistics()  # attendance was bulk-created, which sends no signal
    return session


@transaction.atomic
def session_update(
    *, session, author, data: SessionData, new_issues=(), deliberated_issues=None, photos=(), remove_photos=()
) -> Session:
    """Change a logged session (for example complete a planned one). Same rules as logging,
    plus the edit window (see `can_edit_session`). `remove_photos` (photos or their ids) are
    deleted; new `photos` are appended after the kept ones."""
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    if not can_edit_session(author, session):
        raise PermissionDenied(_("您无权修改该议事活动,或已超过可修改期限。"))
    for name in ("topic", "kind", "status", "starts_at", "ends_at", "place", "campaign", "minutes", "consensus"):
        setattr(session, name, getattr(data, name))
    session.full_clean()
    change = _attendance_change(session, data.attendance)
    if change:
        session._change_reason = change[:100]  # simple-history keeps it with this save's record
    with _files_removed_on_error() as stored:
        session.save()
        _save_attendance(session, data.attendance)
        session.cppcc_members.set(data.cppcc_members)
        if remove_photos:
            _remove_photos(session, remove_photos)
        _save_photos(session, photos, start=session.photos.count(), stored=stored)
        _raise_issues(session, session.room, new_issues)
        if deliberated_issues is not None:
            session.issues_deliberated.clear()
            _link_deliberated(session, session.room, deliberated_issues)
    invalidate_statistics()
    return session


@transaction.atomic
def session_delete(*, session, author) -> None:
    """Delete a session. The issues raised in it stay; each gets a timeline note that keeps the
    link on record, because the foreign key itself is cleared."""
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    if not can_delete_session(author, session):
        raise PermissionDenied(_("您无权删除该议事活动,或已超过可修改期限。"))
    when = timezone.localtime(session.starts_at).date()
    for issue in session.issues_raised.all():
        IssueUpdate.objects.create(
            issue=issue,
            note=_("提出该问题的议事活动“%(topic)s”(%(date)s)已被删除,问题保留。")
            % {"topic": session.topic, "date": when.isoformat()},
            occurred_on=timezone.localdate(),
            author=author,
        )
    session.delete()
    invalidate_statistics()


@transaction.atomic
def suggestion_submit(*, room, topic, description="", contact="") -> TopicSuggestion:
    """A resident suggests a topic to a room. It stays pending (unpublished) until reviewed."""
    if not room.is_active:
        raise ValidationError({"room": _("该议事室已停用。")})
    suggestion = TopicSuggestion(room=room, topic=topic, description=description, contact=contact)
    suggestion.full_clean()
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestion_review(*, suggestion, reviewer, accept: bool) -> TopicSuggestion:
    """Accept or decline a pending suggestion."""
    suggestion = TopicSuggestion.objects.select_for_update().select_related("room").get(pk=suggestion.pk)
    if not can_review_suggestion(reviewer, suggestion):
        raise PermissionDenied(_("您无权审核该议题建议。"))
    if suggestion.status != TopicSuggestion.Status.PENDING:
        raise ValidationError(_("该议题建议已经审核过了。"))
    suggestion.status = TopicSuggestion.Status.ACCEPTED if accept else TopicSuggestion.Status.DECLINED
    suggestion.reviewed_by = reviewer
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    return suggestion
