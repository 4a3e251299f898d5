"""Writes for sessions. A session is logged with its attendance, photos and issues in one
transaction: either all of it is saved or none of it.

Photos are decoded, checked and re-encoded (`core.photos.photo_for_display`, the slow part)
before the transaction opens, so no row lock is held while an image is decoded. Every change
adds 1 to `Session.version`; a caller that passes the version its form showed
(`expected_version`) gets `SessionChangedError` when someone else saved in between. A session
logged with a `client_token` is logged once: the same token again returns that session.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import write_batch
from core.cache import invalidate_statistics
from core.photos import photo_for_display
from issues.models import Issue, IssueUpdate
from issues.services import ConcurrentEditError, issue_report, issues_link_deliberated

from .models import Attendance, Campaign, Session, SessionPhoto, TopicSuggestion
from .permissions import can_log_session, can_review_suggestion, check_can_edit_session
from .signals import session_deleting, session_rescheduled


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


class SessionChangedError(ConcurrentEditError):
    """Someone else saved the session after this user's form (or API client) read it.
    `changes` lists what changed since, as readable lines ("纪要", "参与人数:居民群众 20→25")."""

    def __init__(self, message, *, changes=(), current_version=None):
        super().__init__(message, code="stale")
        self.changes = list(changes)
        self.current_version = current_version


# The fields a stale form is compared on, with the labels people know them by.
_COMPARED_FIELDS = ("topic", "kind", "status", "starts_at", "ends_at", "place", "campaign", "minutes", "consensus")


def _changes_since(session, version) -> list[str]:
    """What changed in `session` since `version`: the fields whose value differs from the history
    record of that version, then the headcount changes each later save recorded."""
    records = list(session.history.filter(version__gte=version).order_by("history_date", "history_id"))
    older = next((record for record in records if record.version == version), None)
    changes = []
    if older is not None:
        for name in _COMPARED_FIELDS:
            attname = Session._meta.get_field(name).attname
            if getattr(older, attname) != getattr(session, attname):
                changes.append(str(Session._meta.get_field(name).verbose_name))
    for record in records:
        if record.version > version and record.history_change_reason:
            changes.append(record.history_change_reason)
    return changes


def _check_version(session, expected_version) -> None:
    """Refuse a write based on an older version of `session` (already locked by the caller)."""
    if expected_version in (None, ""):
        return
    if int(expected_version) != session.version:
        raise SessionChangedError(
            _(
                "这场议事活动在您打开表单后已被他人修改（例如工作人员更正了纪要或人数）。您填写的内容保留在下面，请核对最新内容后再保存。"
            ),
            changes=_changes_since(session, int(expected_version)),
            current_version=session.version,
        )


def _schedule_of(session) -> dict:
    """What a calendar entry of the session holds: when and where."""
    return {"starts_at": session.starts_at, "ends_at": session.ends_at, "place": session.place}


def _tell_if_rescheduled(session, before, author) -> None:
    """Send `session_rescheduled` when the time or place changed (see deliberations.signals)."""
    if _schedule_of(session) != before:
        session_rescheduled.send(sender=Session, session=session, before=before, author=author)


def prepare_photos(photos) -> list:
    """Check, decode and re-encode new photos (`NewPhoto`) or replaced files (`PhotoChange`)
    before any transaction: the slow part of a save, done while no lock is held. A photo already
    prepared passes unchanged. Raises ValidationError with the photo's Chinese message."""
    prepared = []
    for photo in photos:
        if not (photo.alt_text or "").strip():
            raise ValidationError({"photos": _("每张照片都需要填写替代文字（供读屏软件朗读）。")})
        if photo.file is None:
            prepared.append(photo)
            continue
        try:
            prepared.append(replace(photo, file=photo_for_display(photo.file)))
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from error
    return prepared


def _delete_files_on_commit(files) -> None:
    """Delete stored files once the transaction that removed their rows commits (never before:
    a rollback keeps the rows, which still need their files)."""
    for storage, name in files:
        if name:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _attendance_change(session, attendance):
    """A readable summary of how the headcounts change, for the session's audit trail
    (attendance rows have no history of their own; the session's record carries the diff)."""
    before = {row.role: row.headcount for row in session.attendance.all()}
    after = {role: int(count) for role, count in attendance.items() if count not in (None, "")}
    changes = []
    for role, label in Attendance.Role.choices:
        if before.get(role) != after.get(role):
            changes.append(f"{label} {before.get(role, '—')}→{after.get(role, '—')}")
    return _("参与人数：") + "，".join(changes) if changes else ""


def _save_attendance(session, attendance):
    """Write the headcounts in place: an upsert per role, then the roles left out are deleted.
    The 政协委员 row is never deleted and re-inserted while members are named (the database's
    trigger would refuse the moment in between; see `_save_attendance_and_members`)."""
    rows = []
    for role, headcount in attendance.items():
        if headcount in (None, ""):
            continue
        row = Attendance(session=session, role=role, headcount=headcount)
        row.full_clean(exclude=["session"], validate_unique=False)
        rows.append(row)
    if rows:
        Attendance.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["session", "role"], update_fields=["headcount"]
        )
    Attendance.objects.filter(session=session).exclude(role__in=[row.role for row in rows]).delete()


def _headcount_given(attendance: dict, role) -> int:
    value = attendance.get(role)
    return 0 if value in (None, "") else int(value)


def check_named_members(*, session=None, attendance=None, members=None) -> None:
    """Refuse more named CPPCC members than the headcount of role 政协委员: every named member
    is one of the people counted. `attendance` (role → headcount) or `members` None means the
    stored ones of `session` stay. The database checks the same rule (triggers, see
    `members/migrations`); this gives the Chinese message next to the field first."""
    if attendance is None:
        headcount = 0
        if session is not None and session.pk:
            row = session.attendance.filter(role=Attendance.Role.CPPCC_MEMBER).first()
            headcount = row.headcount if row else 0
    else:
        headcount = _headcount_given(attendance, Attendance.Role.CPPCC_MEMBER)
    if members is None:
        named = session.cppcc_members.count() if session is not None and session.pk else 0
    else:
        named = len({getattr(member, "pk", member) for member in members})
    if named > headcount:
        raise ValidationError({"cppcc_members": named_members_message(named=named, headcount=headcount)})


def named_members_message(*, named, headcount) -> str:
    """The one wording of the rule, for the form, the API and the admin."""
    return _(
        "点名的政协委员有 %(named)d 位，但“政协委员”身份的人数只填了 %(headcount)d 人。"
        "请把政协委员人数改为不少于 %(named)d，或减少点名的委员。"
    ) % {"named": named, "headcount": headcount}


def _save_attendance_and_members(session, *, attendance, members, new=False):
    """Headcounts and named members in the one order the database accepts at every statement:
    members no longer named go first, then the headcounts, then the newly named members. So the
    named members never outnumber the 政协委员 headcount, not even between two statements.
    `attendance` or `members` None keeps what is stored."""
    wanted = None if members is None else {getattr(member, "pk", member) for member in members}
    current = set()
    if wanted is not None and not new:
        current = set(session.cppcc_members.values_list("pk", flat=True))
        if current - wanted:
            session.cppcc_members.remove(*(current - wanted))
    if attendance is not None:
        _save_attendance(session, attendance)
    if wanted is not None and wanted - current:
        session.cppcc_members.add(*(wanted - current))


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
    # Every photo was checked and re-encoded by `prepare_photos` before the transaction;
    # `prepare_photos` here only confirms it (a prepared photo passes unchanged).
    prepared = [(photo, photo.file) for photo in prepare_photos(photos)]
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
    _delete_files_on_commit((row.image.storage, row.image.name) for row in rows)
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
        prepared.append((row, change))
    for (row, change), ready in zip(prepared, prepare_photos([change for _row, change in prepared]), strict=True):
        row.alt_text, row.caption, row.ordering = change.alt_text, change.caption, change.ordering
        if ready.file is not None:
            storage, old_name = row.image.storage, row.image.name
            row.image.save(ready.file.name, ready.file, save=False)
            stored.append((row.image.storage, row.image.name))
            _delete_files_on_commit([(storage, old_name)])
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


def session_for_client_token(*, client_token, author) -> Session | None:
    """The session already logged with this one-time form token, if any. A token used by someone
    else is refused: tokens are random, so that is a tampered or copied form."""
    if not client_token:
        return None
    session = Session.objects.filter(client_token=client_token).select_related("room").first()
    if session is not None and session.created_by_id != getattr(author, "pk", None):
        raise ValidationError({"client_token": _("该表单已被他人使用，请刷新页面后重新填写。")})
    return session


def session_log(
    *, room, author, data: SessionData, new_issues=(), deliberated_issues=(), photos=(), client_token=None
) -> Session:
    """Log a session of `room` with its attendance, CPPCC members, photos, new issues and the
    existing issues it deliberated. All or nothing; raises ValidationError or PermissionDenied.

    `client_token` (the form's hidden one-time uuid, or the API's) makes logging idempotent: when
    a session was already logged with it (a double submit, a retry after a timeout), that session
    is returned with `session.replayed = True` and nothing new is written. Photos are prepared
    before the transaction opens."""
    if not can_log_session(author, room):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    existing = session_for_client_token(client_token=client_token, author=author)
    if existing is not None:
        existing.replayed = True
        return existing
    photos = prepare_photos(photos)
    try:
        session = _session_log(
            room=room,
            author=author,
            data=data,
            new_issues=new_issues,
            deliberated_issues=deliberated_issues,
            photos=photos,
            client_token=client_token,
        )
    except IntegrityError:
        # Two submits of the same form raced: the other one logged it first.
        existing = session_for_client_token(client_token=client_token, author=author)
        if existing is None:
            raise
        existing.replayed = True
        return existing
    session.replayed = False
    return session


@transaction.atomic
@write_batch()
def _session_log(*, room, author, data, new_issues, deliberated_issues, photos, client_token) -> Session:
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
        client_token=client_token or None,
    )
    session.full_clean(exclude=["client_token"])  # its uniqueness is the database's to enforce
    check_named_members(attendance=data.attendance, members=data.cppcc_members)
    with _files_removed_on_error() as stored:
        session.save()
        _save_attendance_and_members(session, attendance=data.attendance, members=data.cppcc_members, new=True)
        _save_photos(session, photos, stored=stored)
        _raise_issues(session, room, new_issues)
        issues_link_deliberated(session=session, issues=deliberated_issues)
    # Attendance was bulk-created, which sends no signal. The issues raised or linked here were
    # written through their own models, whose signals replace the issue figures' token.
    invalidate_statistics(issue_figures=False)
    return session


def session_update(
    *,
    session,
    author,
    data: SessionData,
    new_issues=(),
    deliberated_issues=None,
    photos=(),
    remove_photos=(),
    expected_version=None,
) -> Session:
    """Change a logged session (for example complete a planned one). Same rules as logging,
    plus the edit window (see `can_edit_session`). `remove_photos` (photos or their ids) are
    deleted; new `photos` are appended after the kept ones. `expected_version` is the version
    the user's form showed: if someone saved since, `SessionChangedError` and nothing changes."""
    photos = prepare_photos(photos)  # before the transaction and its row lock
    return _session_update(
        session=session,
        author=author,
        data=data,
        new_issues=new_issues,
        deliberated_issues=deliberated_issues,
        photos=photos,
        remove_photos=remove_photos,
        expected_version=expected_version,
    )


@transaction.atomic
@write_batch()
def _session_update(
    *, session, author, data, new_issues, deliberated_issues, photos, remove_photos, expected_version
) -> Session:
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    check_can_edit_session(author, session)  # SessionNotYours or EditWindowClosed
    _check_version(session, expected_version)
    before = _schedule_of(session)
    for name in ("topic", "kind", "status", "starts_at", "ends_at", "place", "campaign", "minutes", "consensus"):
        setattr(session, name, getattr(data, name))
    session.full_clean()
    check_named_members(attendance=data.attendance, members=data.cppcc_members)
    change = _attendance_change(session, data.attendance)
    if change:
        session._change_reason = change[:100]  # simple-history keeps it with this save's record
    session.version += 1
    with _files_removed_on_error() as stored:
        session.save()
        _save_attendance_and_members(session, attendance=data.attendance, members=data.cppcc_members)
        if remove_photos:
            _remove_photos(session, remove_photos)
        _save_photos(session, photos, start=session.photos.count(), stored=stored)
        _raise_issues(session, session.room, new_issues)
        if deliberated_issues is not None:
            issues_link_deliberated(session=session, issues=deliberated_issues, replace=True)
    _tell_if_rescheduled(session, before, author)
    invalidate_statistics(issue_figures=False)  # issues raised or linked sent their own signals
    return session


@transaction.atomic
@write_batch()
def session_delete(*, session, author) -> None:
    """Delete a session. The issues raised in it stay; each gets a timeline note that keeps the
    link on record, because the foreign key itself is cleared."""
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    check_can_edit_session(author, session)  # deleting follows the editing rule
    session_deleting.send(sender=Session, session=session, author=author)
    # The photos' rows go with the session (CASCADE); their files once that has committed.
    _delete_files_on_commit((photo.image.storage, photo.image.name) for photo in session.photos.all())
    when = timezone.localtime(session.starts_at).date()
    for issue in session.issues_raised.all():
        IssueUpdate.objects.create(
            issue=issue,
            note=_("提出该问题的议事活动“%(topic)s”（%(date)s）已被删除，问题保留。")
            % {"topic": session.topic, "date": when.isoformat()},
            occurred_on=timezone.localdate(),
            author=author,
        )
    session.delete()
    invalidate_statistics()


def session_save(
    *,
    session: Session,
    author,
    attendance: dict | None = None,
    cppcc_members=None,
    photos=(),
    photo_changes=(),
    remove_photos=(),
    expected_version=None,
) -> Session:
    """Save a session edited field by field (the admin); see `_session_save`. New photos and
    replaced files are prepared before the transaction opens."""
    return _session_save(
        session=session,
        author=author,
        attendance=attendance,
        cppcc_members=cppcc_members,
        photos=prepare_photos(photos),
        photo_changes=prepare_photos(photo_changes),
        remove_photos=remove_photos,
        expected_version=expected_version,
    )


@transaction.atomic
@write_batch()
def _session_save(
    *, session, author, attendance, cppcc_members, photos, photo_changes, remove_photos, expected_version
) -> Session:
    """Save a session edited field by field, with its attendance and photos: the admin's change
    and add forms. `session` carries the new values (its room may change). The same rules as
    logging and editing apply: permission (`check_can_edit_session` for the stored session,
    `can_log_session` for its room), full_clean, the attendance diff on the history record, every
    photo checked and re-encoded without EXIF by `core.photos`, the statistics invalidated.
    `attendance` None keeps the headcounts; `cppcc_members` None keeps the members.
    `expected_version` (the admin form's hidden version) refuses a save over a newer one."""
    before = None
    if session.pk is not None:
        stored = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
        before = _schedule_of(stored)
        check_can_edit_session(author, stored)
        _check_version(stored, expected_version)
        session.version = stored.version + 1
        if attendance is not None:
            change = _attendance_change(stored, attendance)
            if change:
                session._change_reason = change[:100]
    if not can_log_session(author, session.room):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    if session.created_by_id is None:
        session.created_by = author
    session.full_clean()
    check_named_members(
        session=session if session.pk else None,
        attendance=attendance,
        members=None if cppcc_members is None else list(cppcc_members),
    )
    session._history_user = author
    with _files_removed_on_error() as stored_files:
        is_new = session.pk is None
        session.save()
        _save_attendance_and_members(
            session,
            attendance=attendance,
            members=None if cppcc_members is None else list(cppcc_members),
            new=is_new,
        )
        if remove_photos:
            _remove_photos(session, remove_photos)
        if photo_changes:
            _change_photos(session, photo_changes, stored_files)
        if photos:
            _save_photos(session, photos, start=session.photos.count(), stored=stored_files)
    if before is not None:
        _tell_if_rescheduled(session, before, author)
    # Attendance was bulk-created, which sends no signal. The issues raised or linked here were
    # written through their own models, whose signals replace the issue figures' token.
    invalidate_statistics(issue_figures=False)
    return session


@transaction.atomic
@write_batch()
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
        session.version += 1
        session._history_user = author
        session.save(update_fields=["campaign", "kind", "version", "updated_at"])
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
