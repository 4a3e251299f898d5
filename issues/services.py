"""Writes for issues: reporting and routing a new issue, progress updates with status changes,
escalation that hands the issue over, duplicates, urging and feedback. The department's own
steps are in `handling.py`; followers and 回访 in `following.py`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms.selectors import street_room

from .models import ISSUE_TRANSITIONS, TRIAGE_ORDER, Feedback, FollowUpVisit, Issue, IssueFollower, IssueUpdate
from .permissions import can_update_issue, can_urge_issue
from .routing import announce, issue_route


class ConcurrentEditError(ValidationError):
    """Someone else changed the issue after this user opened it."""


@transaction.atomic
def issue_post_update(
    *,
    issue,
    author,
    note,
    status_to="",
    triage_to="",
    resolution="",
    resolved_on=None,
    occurred_on=None,
    expected_version=None,
) -> IssueUpdate:
    """Post progress on an issue: a note, optionally a status change along the allowed
    transitions (ISSUE_TRANSITIONS) and an upward triage escalation, which hands the issue over
    (see `escalation_target`) and tells the people who take it over.

    The row is locked while it changes, and `expected_version` (the version the user's form
    showed) must still be current, so two conveners never silently overwrite each other.
    """
    issue = Issue.objects.select_for_update().select_related("room").get(pk=issue.pk)
    if not can_update_issue(author, issue):
        raise PermissionDenied(_("您无权更新该问题。"))
    if expected_version is not None and int(expected_version) != issue.version:
        raise ConcurrentEditError(_("该问题刚刚已被他人更新，请刷新页面查看最新进展后再提交。"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写进展说明。")})
    today = timezone.localdate()
    occurred_on = occurred_on or today
    if occurred_on > today:
        raise ValidationError({"occurred_on": _("进展日期不能晚于今天。")})
    if resolved_on and resolved_on > today:
        raise ValidationError({"resolved_on": _("解决日期不能晚于今天。")})
    status_from = issue.status

    if status_to and status_to != issue.status:
        if status_to not in ISSUE_TRANSITIONS.get(issue.status, set()):
            raise ValidationError(
                {
                    "status_to": _("不能从“%(from)s”直接改为“%(to)s”。")
                    % {"from": issue.get_status_display(), "to": Issue.Status(status_to).label}
                }
            )
        issue.status = status_to
        if status_to == Issue.Status.RESOLVED:
            if not (resolution or "").strip():
                raise ValidationError({"resolution": _("标记为已解决时请填写解决情况。")})
            issue.resolution = resolution.strip()
            issue.resolved_on = resolved_on or occurred_on
        else:
            issue.resolved_on = None
        if status_to == Issue.Status.CLOSED:
            issue.closed_reason = note
        if issue.department_id and issue.is_open != (status_from in Issue.OPEN_STATUSES):
            # The convener settles it, or reopens it: the department's part follows.
            issue.handling = Issue.Handling.ASSIGNED if issue.is_open else Issue.Handling.CONFIRMED
    else:
        status_to = ""

    if triage_to and triage_to != issue.triage_level:
        if triage_to not in TRIAGE_ORDER or TRIAGE_ORDER.index(triage_to) < TRIAGE_ORDER.index(issue.triage_level):
            raise ValidationError({"triage_to": _("三事分流层级只能向上提级。")})
        issue.triage_level = triage_to
        target = escalation_target(issue, triage_to)
        if target is not None:
            # Raised to 街道: that street's room takes it over. Raised further to 区 later, the
            # street room keeps it (district staff join; nobody loses sight of it).
            issue.escalated_to = target
    else:
        triage_to = ""

    issue.version += 1
    issue.full_clean()
    issue.save()
    update = IssueUpdate(
        issue=issue,
        status_from=status_from if status_to else "",
        status_to=status_to,
        triage_to=triage_to,
        note=note,
        occurred_on=occurred_on,
        author=author,
        kind=IssueUpdate.Kind.ESCALATE if triage_to else IssueUpdate.Kind.PROGRESS,
    )
    update.full_clean()
    update.save()
    if status_to:
        announce(issue, "status_changed")
        if issue.department_id and issue.is_open and status_from not in Issue.OPEN_STATUSES:
            announce(issue, "assigned")  # reopened: the department has it again
    if triage_to:
        announce(issue, "escalated", note)
    return update


@transaction.atomic
def issue_urge(*, issue, author, note) -> IssueUpdate:
    """催办: staff urge the responsible department on an open issue; recorded on the timeline."""
    if not can_urge_issue(author, issue):
        raise PermissionDenied(_("只有区政协机关工作人员可以催办。"))
    if not issue.is_open:
        raise ValidationError(_("该问题已办结，无需催办。"))
    update = IssueUpdate(
        issue=issue,
        note=note or _("请承办单位抓紧办理。"),
        occurred_on=timezone.localdate(),
        author=author,
        is_urge=True,
        kind=IssueUpdate.Kind.URGE,
    )
    update.full_clean()
    update.save()
    announce(issue, "urged", update.note)
    return update


@transaction.atomic
def feedback_submit(*, issue, rating, note="", ip_hash="", user=None) -> Feedback:
    """A resident rates a resolved, published issue: one rating per issue and client.

    The client is `user` when the resident is logged in, else `ip_hash` (the salted hash of the
    client IP, core/ratelimit.py). Rating again REPLACES the client's earlier rating (an update,
    not a new row), so stuffing the box from one client moves the figures by one rating at most;
    the returned rating's `replaced_earlier` says which happened. A 不满意 puts the issue on the
    回访 list, unless this rating already has a 回访 waiting."""
    if not (issue.is_public and issue.status == Issue.Status.RESOLVED):
        raise ValidationError(_("只能评价已解决的公开问题。"))
    if user is not None and not user.is_authenticated:
        user = None
    client = {"user": user} if user is not None else {"user": None, "ip_hash": ip_hash}
    earlier = None
    if user is not None or ip_hash:
        earlier = Feedback.objects.select_for_update().filter(issue=issue, **client).first()
    note = (note or "").strip()
    if earlier is None:
        feedback = Feedback(issue=issue, rating=rating, note=note, ip_hash="" if user else ip_hash, user=user)
        feedback.full_clean()
        try:
            with transaction.atomic():  # a savepoint: a twin request may have inserted first
                feedback.save()
        except IntegrityError:
            earlier = Feedback.objects.select_for_update().get(issue=issue, **client)
    if earlier is not None:
        feedback = earlier
        feedback.rating, feedback.note, feedback.created_at = rating, note, timezone.now()
        feedback.full_clean()
        feedback.save(update_fields=["rating", "note", "created_at"])
    feedback.replaced_earlier = earlier is not None
    _follow_up_if_dissatisfied(feedback)
    return feedback


def _follow_up_if_dissatisfied(feedback):
    from .following import follow_up_open  # following.py builds on this module's neighbours

    if feedback.rating != Feedback.Rating.DISSATISFIED:
        return
    visit = FollowUpVisit.objects.filter(feedback=feedback).first()
    if visit is not None and visit.is_pending:
        return  # the convener has not visited yet: one 回访 for the same resident is enough
    if visit is not None:  # visited already and still dissatisfied: a new 回访, the old one stays on record
        visit.feedback = None
        visit.save(update_fields=["feedback"])
    follow_up_open(feedback=feedback)


def escalation_target(issue, triage_to):
    """The room that takes an issue over when it is raised to `triage_to`: the street room of
    the issue's street for 街道 (None when the issue is that room's own or the street has no
    active room); None for 区, which district staff take over (the issues with
    `triage_level=district`)."""
    if triage_to != Issue.Triage.STREET:
        return None
    target = street_room(issue.room.street)
    if target is None or target.pk == issue.room_id:
        return None
    return target


def escalation_where(issue) -> str:
    """Who has an escalated issue now, in words: "…街道协商议事室", "区政协机关" or the level."""
    if issue.triage_level == Issue.Triage.DISTRICT:
        return _("区政协机关")
    if issue.escalated_to_id:
        return issue.escalated_to.name
    return Issue.Triage(issue.triage_level).label


@transaction.atomic
def issue_escalate(*, issue, author, triage_to, note="", expected_version=None) -> IssueUpdate:
    """三事分流提级: raise an open issue to a higher triage level (街道 or 区). Raised to 街道 it
    goes to the queue of that street's room (`escalated_to`, whose conveners and the street
    staff are told); raised to 区 it goes to district staff. The original room keeps it.
    Goes through `issue_post_update`, so the same permission check, row lock, version check
    and upward-only rule apply."""
    issue = Issue.objects.select_related("room").get(pk=issue.pk)
    if not can_update_issue(author, issue):
        raise PermissionDenied(_("您无权提级该问题。"))
    if not issue.is_open:
        raise ValidationError(_("该问题已办结，无需提级。"))
    if triage_to not in TRIAGE_ORDER:
        raise ValidationError({"triage_to": _("请选择提级的层级。")})
    if TRIAGE_ORDER.index(triage_to) <= TRIAGE_ORDER.index(issue.triage_level):
        raise ValidationError(
            {
                "triage_to": _("该问题已在“%(level)s”或更高层级办理。")
                % {"level": Issue.Triage(issue.triage_level).label}
            }
        )
    target = escalation_target(issue, triage_to)
    if target is not None:
        where = target.name
    elif triage_to == Issue.Triage.DISTRICT:
        where = _("区政协机关")
    else:
        where = Issue.Triage(triage_to).label
    note = (note or "").strip() or _("已提级至%(where)s办理。") % {"where": where}
    update = issue_post_update(
        issue=issue, author=author, note=note, triage_to=triage_to, expected_version=expected_version
    )
    issue.escalated_to = update.issue.escalated_to
    issue.triage_level = update.issue.triage_level
    issue.version = update.issue.version
    return update


@transaction.atomic
def issue_mark_duplicate(*, issue, of, author, note="", expected_version=None) -> IssueUpdate:
    """合并重复问题: `issue` repeats `of`. It is closed with a pointer to `of`; its followers,
    ratings (with their 回访) and the duplicates already merged into it move to `of`, which
    carries on. `expected_version` is the version of `issue` the user's form showed."""
    issue = Issue.objects.select_for_update().select_related("room").get(pk=issue.pk)
    of = Issue.objects.select_for_update().select_related("room").get(pk=of.pk)
    if not (can_update_issue(author, issue) and can_update_issue(author, of)):
        raise PermissionDenied(_("您无权合并这两个问题。"))
    if expected_version not in (None, "") and int(expected_version) != issue.version:
        raise ConcurrentEditError(_("该问题刚刚已被他人更新，请刷新页面查看最新进展后再提交。"))
    if issue.pk == of.pk:
        raise ValidationError({"duplicate_of": _("不能把问题标记为与自身重复。")})
    if of.duplicate_of_id:
        raise ValidationError({"duplicate_of": _("所选问题本身已被合并，请选择保留的那个问题。")})
    if not issue.is_open:
        raise ValidationError(_("该问题已办结，不能再合并。"))
    # A title is named on the other issue's timeline only when that title is public already.
    if of.is_public or not issue.is_public:
        default = _("与问题“%(title)s”重复，合并办理。") % {"title": of.title}
    else:
        default = _("与另一个问题重复，合并办理。")
    text = (note or "").strip() or default
    emails = set(IssueFollower.objects.filter(issue=of).values_list("email", flat=True))
    for follower in IssueFollower.objects.filter(issue=issue):
        if follower.email in emails:
            follower.delete()
        else:
            follower.issue = of
            follower.save(update_fields=["issue"])
    Feedback.objects.filter(issue=issue).update(issue=of)
    FollowUpVisit.objects.filter(issue=issue).update(issue=of)
    Issue.objects.filter(duplicate_of=issue).update(duplicate_of=of)
    issue.duplicate_of = of
    issue.save(update_fields=["duplicate_of"])
    update = issue_post_update(issue=issue, author=author, note=text, status_to=Issue.Status.CLOSED)
    update.kind = IssueUpdate.Kind.DUPLICATE
    update.save(update_fields=["kind"])
    IssueUpdate.objects.create(
        issue=of,
        kind=IssueUpdate.Kind.DUPLICATE,
        note=(
            _("合并了重复问题“%(title)s”。") % {"title": issue.title}
            if issue.is_public or not of.is_public
            else _("合并了一个重复问题。")
        ),
        occurred_on=timezone.localdate(),
        author=author,
    )
    return update


# savepoint=False: called once per issue inside `session_log`'s transaction, where a savepoint
# per issue would only add two queries each (the save cost of a session is pinned); an error
# still rolls back everything, which is what the session form wants.
@transaction.atomic(savepoint=False)
def issue_report(
    *,
    room,
    title: str,
    category,
    author,
    reported_on,
    status: str = Issue.Status.REPORTED,
    raised_in=None,
    triage_level: str = "",
    department=None,
    due_on=None,
    description: str = "",
    note: str = "",
) -> Issue:
    """Record a new issue of `room` (for example one raised in a session, `raised_in`) with the
    first entry of its public timeline. The caller has checked that `author` may write for the
    room (logging a session is that check). The issue goes to `department`, or to its
    category's default department, with the category's deadline unless `due_on` is given; the
    department's liaisons are told when the transaction commits. Raises ValidationError with
    Chinese field errors."""
    if category is None:
        raise ValidationError({"category": _("请选择问题类别。")})
    issue = Issue(
        title=title,
        description=description,
        category=category,
        triage_level=triage_level or Issue.Triage.COMMUNITY,
        department=department,
        due_on=due_on,
        room=room,
        raised_in=raised_in,
        reported_on=reported_on,
        status=status,
    )
    issue_route(issue)
    # The category, room, session and department are objects in hand and the database enforces
    # the check constraints, so skip the per-issue existence and constraint queries.
    issue.full_clean(exclude=["category", "room", "raised_in", "department"], validate_constraints=False)
    issue.save()
    IssueUpdate.objects.create(
        issue=issue, status_to=issue.status, note=note, occurred_on=issue.reported_on, author=author
    )
    if issue.department_id:
        announce(issue, "assigned")
    return issue


@transaction.atomic(savepoint=False)
def issues_link_deliberated(*, session, issues, replace: bool = False) -> None:
    """Record that `session` deliberated `issues` (议事活动所议问题). Only issues of the session's
    own room may be linked. With `replace`, the links the session had before are dropped."""
    for issue in issues:
        if issue.room_id != session.room_id:
            raise ValidationError({"deliberated_issues": _("只能关联本议事室的问题。")})
    if replace:
        session.issues_deliberated.clear()
    session.issues_deliberated.add(*issues)
