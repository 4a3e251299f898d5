"""Writes for sessions. A session is logged with its attendance, photos and issues in one
transaction: either all of it is saved or none of it."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import invalidate_statistics
from core.photos import photo_for_display
from issues.models import Issue, IssueUpdate
from issues.services import issue_report, issues_link_deliberated

from .models import Attendance, Campaign, Session, SessionPhoto, TopicSuggestion
from .permissions import can_log_session, can_review_suggestion, check_can_edit_session


@dataclass
class NewIssue:
    """An issue raised in the session, entered inline on the session form."""

    title: str
    category: object
    triage_level: str = Issue.Triage.COMMUNITY
    department: object = None  # a departments.Department; None routes by the category
    due_on: object = None
    description: str = ""


@dataclass
class NewPhoto:
    """A photo to add to a session; `ordering` None places it after the photos before it."""

    file: object
    alt_text: str
    caption: str = ""
    ordering: int | None = None


@dataclass
class PhotoChange:
    """A change to one of a session's photos (the admin's inline): texts, place, or a new file."""

    photo: object  # the SessionPhoto or its id
    alt_text: str
    caption: str = ""
    ordering: int = 0
    file: object = None


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
        ordering = position if photo.ordering is None else photo.ordering
        row = SessionPhoto(session=session, caption=photo.caption, alt_text=photo.alt_text, ordering=ordering)
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


def _change_photos(session, changes, stored):
    """Apply the admin's edits to existing photos; a replaced file is prepared like a new photo
    and the old file goes once the transaction commits."""
    ids = [getattr(change.photo, "pk", change.photo) for change in changes]
    rows = {row.pk: row for row in session.photos.filter(pk__in=ids)}
    prepared = []
    for change in changes:
        row = rows.get(getattr(change.photo, "pk", change.photo))
        if row is None:
            raise ValidationError({"photos": _("该照片不属于这场议事活动。")})
        if not (change.alt_text or "").strip():
            raise ValidationError({"photos": _("每张照片都需要填写替代文字(供读屏软件朗读)。")})
        prepared.append((row, change, photo_for_display(change.file) if change.file else None))
    for row, change, content in prepared:
        row.alt_text, row.caption, row.ordering = change.alt_text, change.caption, change.ordering
        if content is not None:
            storage, old_name = row.image.storage, row.image.name
            row.image.save(content.name, content, save=False)
            stored.append((row.image.storage, row.image.name))
            transaction.on_commit(lambda storage=storage, name=old_name: storage.delete(name))
        row.full_clean(exclude=["session"])
        row.save()


def _raise_issues(session, room, new_issues):
    """The issues raised in the session are recorded by the issues app, each with its first
    timeline entry naming the session."""
    status = Issue.Status.DELIBERATING if session.status == Session.Status.HELD else Issue.Status.REPORTED
    return [
        issue_report(
            room=room,
            raised_in=session,
            author=session.created_by,
            title=new.title,
            category=new.category,
            triage_level=new.triage_level,
            department=new.department,
            due_on=new.due_on,
            description=new.description,
            reported_on=timezone.localtime(session.starts_at).date(),
            status=status,
            note=_("在议事活动“%(topic)s”中提出。") % {"topic": session.topic},
        )
        for new in new_issues
    ]


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
        issues_link_deliberated(session=session, issues=deliberated_issues)
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
    check_can_edit_session(author, session)  # SessionNotYours or EditWindowClosed
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
            issues_link_deliberated(session=session, issues=deliberated_issues, replace=True)
    invalidate_statistics()
    return session


@transaction.atomic
def session_delete(*, session, author) -> None:
    """Delete a session. The issues raised in it stay; each gets a timeline note that keeps the
    link on record, because the foreign key itself is cleared."""
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    check_can_edit_session(author, session)  # deleting follows the editing rule
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
def session_save(
    *,
    session: Session,
    author,
    attendance: dict | None = None,
    cppcc_members=None,
    photos=(),
    photo_changes=(),
    remove_photos=(),
) -> Session:
    """Save a session edited field by field, with its attendance and photos: the admin's change
    and add forms. `session` carries the new values (its room may change). The same rules as
    logging and editing apply: permission (`check_can_edit_session` for the stored session,
    `can_log_session` for its room), full_clean, the attendance diff on the history record, every
    photo checked and re-encoded without EXIF by `core.photos`, the statistics invalidated.
    `attendance` None keeps the headcounts; `cppcc_members` None keeps the members."""
    if session.pk is not None:
        stored = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
        check_can_edit_session(author, stored)
        if attendance is not None:
            change = _attendance_change(stored, attendance)
            if change:
                session._change_reason = change[:100]
    if not can_log_session(author, session.room):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    if session.created_by_id is None:
        session.created_by = author
    session.full_clean()
    session._history_user = author
    with _files_removed_on_error() as stored_files:
        session.save()
        if attendance is not None:
            _save_attendance(session, attendance)
        if cppcc_members is not None:
            session.cppcc_members.set(cppcc_members)
        if remove_photos:
            _remove_photos(session, remove_photos)
        if photo_changes:
            _change_photos(session, photo_changes, stored_files)
        if photos:
            _save_photos(session, photos, start=session.photos.count(), stored=stored_files)
    invalidate_statistics()  # attendance was bulk-created, which sends no signal
    return session


@transaction.atomic
def sessions_tag_campaign(*, sessions, author) -> tuple[int, int]:
    """Tag each session with the campaign (议事月) whose period contains its date, which makes it
    a campaign session. Returns (tagged, skipped): skipped ones are outside every campaign or
    already tagged. Each tagged session is saved on its own, so its history records who did it."""
    campaigns = list(Campaign.objects.order_by("starts_on"))
    tagged = skipped = 0
    for session in sessions:
        day = timezone.localtime(session.starts_at).date()
        match = next((c for c in campaigns if c.starts_on <= day <= c.ends_on), None)
        if match is None or session.campaign_id == match.pk:
            skipped += 1
            continue
        check_can_edit_session(author, session)
        session.campaign = match
        session.kind = Session.Kind.CAMPAIGN
        session._history_user = author
        session.save(update_fields=["campaign", "kind", "updated_at"])
        tagged += 1
    return tagged, skipped


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
