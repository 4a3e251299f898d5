"""Writes for announcements, sign-ups, result notices and comments.

Keyword-only, atomic, `full_clean` before save. Messages to residents go through
`notifications.services.message_send`, which queues each delivery when the transaction commits:
a rolled-back write sends nothing. Messages carry the session's topic, time and place and a link,
never another resident's name or contact.
"""

import datetime
import re

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import chinese_date, chinese_datetime
from deliberations.models import Session
from notifications.services import message_send

from .models import Announcement, Comment, ResultNotice, SignUp
from .permissions import can_announce, can_moderate_comment, can_publish_result
from .workdays import period_end

TOKEN_SALT = "announcements.signup"
MOBILE = re.compile(r"^1[3-9]\d{9}$")
DEFAULT_WORKING_DAYS = 5


class InvalidLinkError(ValidationError):
    """A sign-up link that was altered or belongs to no sign-up."""


# ---- contacts -----------------------------------------------------------------------------------


def contact_address(contact: str) -> tuple[str, str]:
    """(channel, address) for a resident's contact: a mainland mobile number goes by SMS, an
    e-mail address by e-mail. Anything else raises ValidationError on `contact`."""
    text = (contact or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as error:
            raise ValidationError({"contact": _("请填写有效的电子邮箱地址，例如 name@example.com。")}) from error
        return "email", text.lower()
    digits = re.sub(r"[\s\-()()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if MOBILE.match(digits):
        return "sms", digits
    raise ValidationError({"contact": _("请填写 11 位手机号码或电子邮箱，方便通知您活动变动。")})


def _tell(signup, *, subject, body, key) -> None:
    """Queue one message to a signed-up resident (once per `key`)."""
    channel, address = contact_address(signup.contact)
    message_send(channel=channel, address=address, subject=subject, body=body, dedupe_key=key[:120])


def _session_line(session) -> str:
    moment = chinese_datetime(timezone.localtime(session.starts_at))
    place = session.place or session.room.name
    return _("“%(topic)s”，%(time)s，%(place)s") % {"topic": session.topic, "time": moment, "place": place}


def _page_link(session) -> str:
    return settings.PORTAL_BASE_URL + session.get_absolute_url()


# ---- sign-up links ------------------------------------------------------------------------------


def signup_token(signup) -> str:
    """The signed token of a sign-up's own page (status, .ics, cancel): only its holder has it."""
    return signing.dumps(signup.pk, salt=TOKEN_SALT)


def signup_link(signup) -> str:
    return settings.PORTAL_BASE_URL + reverse("announcements:signup", args=[signup_token(signup)])


def signup_for_token(token) -> SignUp:
    """The sign-up a token names; InvalidLinkError for an altered or unknown one."""
    try:
        pk = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature as error:
        raise InvalidLinkError(_("这个报名链接无效，请检查是否复制完整。")) from error
    signup = SignUp.objects.select_related("announcement__session__room").filter(pk=pk).first()
    if signup is None:
        raise InvalidLinkError(_("这个报名链接无效，请检查是否复制完整。"))
    return signup


# ---- announcements ------------------------------------------------------------------------------


@transaction.atomic
def announcement_save(
    *,
    session,
    author,
    agenda: str = "",
    invited: str = "",
    capacity: int = 30,
    waitlist_size: int = 10,
    signup_deadline=None,
) -> Announcement:
    """Announce a planned session (议题公示), or change its announcement. A larger capacity moves
    the first waiting residents up at once (each is told)."""
    session = Session.objects.select_related("room").get(pk=session.pk)
    if not can_announce(author, session):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    announcement = Announcement.objects.select_for_update().filter(session=session).first()
    if announcement is None:
        if session.status != Session.Status.PLANNED or session.starts_at <= timezone.now():
            raise ValidationError(_("只能公示尚未举行的议事活动。"))
        announcement = Announcement(session=session, created_by=author)
    if signup_deadline and signup_deadline > session.starts_at:
        raise ValidationError({"signup_deadline": _("报名截止时间不能晚于活动开始时间。")})
    announcement.agenda = agenda
    announcement.invited = invited
    announcement.capacity = capacity
    announcement.waitlist_size = waitlist_size
    announcement.signup_deadline = signup_deadline
    announcement.full_clean()
    announcement.save()
    _fill_from_waitlist(announcement)
    return announcement


@transaction.atomic
def announcement_cancel(*, announcement, author, reason: str = "") -> Announcement:
    """Call off an announced session: the calendar entry turns CANCELLED (its SEQUENCE goes up)
    and everyone signed up or waiting is told."""
    announcement = Announcement.objects.select_for_update().select_related("session__room").get(pk=announcement.pk)
    if not can_announce(author, announcement.session):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    if announcement.is_cancelled:
        raise ValidationError(_("该议事活动已经取消了。"))
    announcement.cancelled_at = timezone.now()
    announcement.cancel_reason = reason.strip()[:200]
    announcement.sequence += 1
    announcement.full_clean()
    announcement.save()
    _tell_all_cancelled(announcement.session, announcement.signups.exclude(status=SignUp.Status.CANCELLED), reason)
    return announcement


def _tell_all_cancelled(session, signups, reason="") -> None:
    body = _("您报名参加的议事活动%(session)s已取消。") % {"session": _session_line(session)}
    if reason:
        body += _("原因：%(reason)s。") % {"reason": reason.rstrip("。")}
    body += "\n" + _page_link(session)
    for signup in signups:
        _tell(signup, subject=_("议事活动取消通知"), body=body, key=f"cancelled-{session.pk}-{signup.pk}")


@transaction.atomic
def announcement_reschedule(*, session, before: dict) -> Announcement | None:
    """The session was moved (time or place changed): raise the calendar SEQUENCE and tell
    everyone signed up or waiting. Called by the `session_rescheduled` signal (receivers.py)."""
    announcement = Announcement.objects.select_for_update().filter(session=session).first()
    if announcement is None:
        return None
    announcement.sequence += 1
    announcement.save(update_fields=["sequence", "updated_at"])
    if announcement.is_cancelled:
        return announcement
    old = timezone.localtime(before["starts_at"])
    body = _("您报名参加的议事活动“%(topic)s”有变动。原定：%(old_time)s，%(old_place)s。现改为：%(line)s。") % {
        "topic": session.topic,
        "old_time": chinese_datetime(old),
        "old_place": before.get("place") or session.room.name,
        "line": _session_line(session),
    }
    body += "\n" + _page_link(session)
    for signup in announcement.signups.exclude(status=SignUp.Status.CANCELLED):
        _tell(
            signup,
            subject=_("议事活动时间地点变更"),
            body=body,
            key=f"moved-{session.pk}-{announcement.sequence}-{signup.pk}",
        )
    return announcement


def session_deleted_tell(*, session) -> None:
    """A session with sign-ups is being deleted: tell those signed up that it will not take
    place (their rows go with the session). Called by the `session_deleting` signal."""
    announcement = Announcement.objects.filter(session=session).first()
    if announcement is None or announcement.is_cancelled:
        return
    _tell_all_cancelled(session, list(announcement.signups.exclude(status=SignUp.Status.CANCELLED)))


# ---- sign-ups -----------------------------------------------------------------------------------


def _fill_from_waitlist(announcement) -> list[SignUp]:
    """Move the first waiting residents up while there are free places; each is told."""
    confirmed = announcement.signups.filter(status=SignUp.Status.CONFIRMED).count()
    free = announcement.capacity - confirmed
    if free <= 0 or announcement.is_cancelled:
        return []
    promoted = list(announcement.signups.filter(status=SignUp.Status.WAITLISTED).order_by("created_at", "pk")[:free])
    now = timezone.now()
    session = announcement.session
    for signup in promoted:
        signup.status = SignUp.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        _tell(
            signup,
            subject=_("候补转为正式报名"),
            body=_("有人取消了报名，您已从候补转为正式报名：%(session)s。\n查看或取消：%(link)s")
            % {"session": _session_line(session), "link": signup_link(signup)},
            key=f"promoted-{signup.pk}",
        )
    return promoted


@transaction.atomic
def signup_submit(*, announcement, name: str, contact: str, now=None) -> SignUp:
    """A resident signs up (no login). Confirmed while places are free, then on the waiting list,
    then refused. Raises ValidationError with a Chinese message: sign-up closed (past session,
    after the deadline, cancelled), full, or the contact already signed up."""
    now = now or timezone.now()
    # The row lock makes concurrent sign-ups count one after another: never more than capacity.
    announcement = Announcement.objects.select_for_update().select_related("session__room").get(pk=announcement.pk)
    session = announcement.session
    if announcement.is_cancelled:
        raise ValidationError(_("该议事活动已取消，不能报名。"))
    if not announcement.takes_signups:
        raise ValidationError(_("该议事活动不接受网上报名，请直接联系议事室。"))
    if session.status != Session.Status.PLANNED or now >= session.starts_at:
        raise ValidationError(_("该议事活动已经开始或结束，不能再报名。"))
    if now >= announcement.deadline():
        raise ValidationError(
            _("报名已于%(time)s截止。") % {"time": chinese_datetime(timezone.localtime(announcement.deadline()))}
        )
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写您的姓名。")})
    channel, address = contact_address(contact)
    if announcement.signups.filter(contact_key=address).exclude(status=SignUp.Status.CANCELLED).exists():
        raise ValidationError({"contact": _("这个联系方式已经报过名了。如需取消，请打开报名成功后收到的链接。")})
    confirmed = announcement.signups.filter(status=SignUp.Status.CONFIRMED).count()
    waiting = announcement.signups.filter(status=SignUp.Status.WAITLISTED).count()
    if confirmed < announcement.capacity:
        status = SignUp.Status.CONFIRMED
    elif waiting < announcement.waitlist_size:
        status = SignUp.Status.WAITLISTED
    else:
        raise ValidationError(_("名额已满，候补也已排满，不能再报名。欢迎关注本议事室的其他议事活动。"))
    signup = SignUp(announcement=announcement, name=name, contact=contact.strip(), contact_key=address, status=status)
    signup.full_clean()
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError as error:  # the same contact, submitted twice at once
        raise ValidationError({"contact": _("这个联系方式已经报过名了。")}) from error
    if status == SignUp.Status.CONFIRMED:
        text = _("您已报名参加议事活动%(session)s。")
    else:
        text = _("名额已满，您已排入候补：%(session)s。有人取消时将按顺序递补并通知您。")
    body = (
        (text % {"session": _session_line(session)})
        + "\n"
        + _("查看、加入日历或取消：%(link)s") % {"link": signup_link(signup)}
    )
    message_send(
        channel=channel, address=address, subject=_("议事活动报名确认"), body=body, dedupe_key=f"signup-{signup.pk}"
    )
    return signup


def waitlist_position(signup) -> int | None:
    """1 for the first in line; None when the sign-up is not waiting."""
    if signup.status != SignUp.Status.WAITLISTED:
        return None
    ahead = SignUp.objects.filter(
        announcement_id=signup.announcement_id, status=SignUp.Status.WAITLISTED, created_at__lt=signup.created_at
    ).count()
    return ahead + 1


@transaction.atomic
def signup_cancel(*, signup) -> SignUp:
    """The resident cancels by their link. A confirmed place goes to the first on the waiting list."""
    announcement = (
        Announcement.objects.select_for_update().select_related("session__room").get(pk=signup.announcement_id)
    )
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status == SignUp.Status.CANCELLED:
        raise ValidationError(_("这个报名已经取消了。"))
    if announcement.session.starts_at <= timezone.now():
        raise ValidationError(_("议事活动已经开始或结束，不需要再取消报名。"))
    was_confirmed = signup.status == SignUp.Status.CONFIRMED
    signup.status = SignUp.Status.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at"])
    if was_confirmed:
        _fill_from_waitlist(announcement)
    return signup


@transaction.atomic
def signups_message(*, announcement, author, subject: str, body: str, include_waitlisted: bool = True) -> int:
    """The convener messages everyone signed up (and, by choice, those waiting), e.g. a reminder
    the day before. Returns how many messages were queued."""
    announcement = Announcement.objects.select_related("session__room").get(pk=announcement.pk)
    if not can_announce(author, announcement.session):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ValidationError(_("请填写消息标题和内容。"))
    statuses = [SignUp.Status.CONFIRMED] + ([SignUp.Status.WAITLISTED] if include_waitlisted else [])
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    sent = 0
    footer = "\n\n" + _("议事活动：%(session)s") % {"session": _session_line(announcement.session)}
    for signup in announcement.signups.filter(status__in=statuses).order_by("created_at", "pk"):
        _tell(signup, subject=subject[:200], body=body + footer, key=f"message-{signup.pk}-{stamp}")
        sent += 1
    return sent


# ---- 结果公示 -------------------------------------------------------------------------------------


@transaction.atomic
def result_publish(
    *, session, author, text: str = "", working_days: int = DEFAULT_WORKING_DAYS, today=None
) -> ResultNotice:
    """Publish a held session's consensus for a 公示期 of `working_days` working days from today
    (weekends and statutory holidays skipped, see workdays.py). Once per session."""
    session = Session.objects.select_related("room").get(pk=session.pk)
    if not can_publish_result(author, session):
        raise PermissionDenied(_("您不是该议事室的召集人。"))
    if session.status != Session.Status.HELD:
        raise ValidationError(_("议事活动举行后才能进行结果公示。"))
    if ResultNotice.objects.filter(session=session).exists():
        raise ValidationError(_("这场议事活动的结果已经公示过了。"))
    text = (text or "").strip() or session.consensus.strip()
    if not text:
        raise ValidationError({"text": _("请填写公示内容（议事活动的共识）。")})
    try:
        working_days = int(working_days)
    except (TypeError, ValueError) as error:
        raise ValidationError({"working_days": _("公示期请填写 1 到 30 之间的工作日数。")}) from error
    if not 1 <= working_days <= 30:
        raise ValidationError({"working_days": _("公示期请填写 1 到 30 之间的工作日数。")})
    today = today or timezone.localdate()
    notice = ResultNotice(
        session=session,
        text=text,
        working_days=working_days,
        starts_on=today,
        ends_on=period_end(today, working_days),
        published_by=author,
    )
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def comment_submit(*, notice, body: str, kind: str = Comment.Kind.COMMENT, contact: str = "", today=None) -> Comment:
    """A resident comments on or objects to a result in 公示 (no login). Pending until a convener
    or staff approves it. After the period it is refused."""
    notice = ResultNotice.objects.select_related("session").get(pk=notice.pk)
    today = today or timezone.localdate()
    if not notice.is_running(today):
        raise ValidationError(
            _("公示期已于%(date)s结束，不再接收意见。如有问题，请联系议事室。") % {"date": chinese_date(notice.ends_on)}
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写您的意见。")})
    comment = Comment(notice=notice, kind=kind, body=body, contact=(contact or "").strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_review(*, comment, reviewer, approve: bool) -> Comment:
    """Approve (publish) or reject a pending comment."""
    comment = Comment.objects.select_for_update().select_related("notice__session__room").get(pk=comment.pk)
    if not can_moderate_comment(reviewer, comment):
        raise PermissionDenied(_("您无权审核该意见。"))
    if comment.status != Comment.Status.PENDING:
        raise ValidationError(_("该意见已经审核过了。"))
    comment.status = Comment.Status.APPROVED if approve else Comment.Status.REJECTED
    comment.reviewed_by = reviewer
    comment.reviewed_at = timezone.now()
    comment.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return comment


@transaction.atomic
def comment_answer(*, comment, author, answer: str) -> Comment:
    """The convener answers a comment on the result's page. Answering a pending comment approves
    it: an answer is meant to be read with the question."""
    comment = Comment.objects.select_for_update().select_related("notice__session__room").get(pk=comment.pk)
    if not can_moderate_comment(author, comment):
        raise PermissionDenied(_("您无权答复该意见。"))
    if comment.status == Comment.Status.REJECTED:
        raise ValidationError(_("不予公开的意见不能答复。"))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("请填写答复内容。")})
    if comment.status == Comment.Status.PENDING:
        comment.status = Comment.Status.APPROVED
        comment.reviewed_by = author
        comment.reviewed_at = timezone.now()
    comment.answer = answer
    comment.answered_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


def default_deadline(session) -> datetime.datetime:
    """A suggested sign-up deadline: the evening before the session (18:00 local time)."""
    start = timezone.localtime(session.starts_at)
    evening = (start - datetime.timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)
    return evening if evening > timezone.now() else start


def signup_reminders_send(*, today=None) -> int:
    """The day before a session, remind everyone with a confirmed place (run daily by
    `manage.py send_reminders`). Each sign-up is reminded once: running again the same day, or the
    next, queues nothing new. Returns how many reminders were queued."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=tz)
    announcements = Announcement.objects.filter(
        cancelled_at__isnull=True,
        session__status=Session.Status.PLANNED,
        session__starts_at__gte=start,
        session__starts_at__lt=start + datetime.timedelta(days=1),
    ).select_related("session__room")
    queued = 0
    with transaction.atomic():
        for announcement in announcements:
            session = announcement.session
            for signup in announcement.signups.filter(status=SignUp.Status.CONFIRMED).order_by("pk"):
                channel, address = contact_address(signup.contact)
                delivery = message_send(
                    channel=channel,
                    address=address,
                    subject=_("议事活动明天举行"),
                    body=_(
                        "提醒您：您报名参加的议事活动%(session)s明天举行。如不能参加，请取消报名，把名额留给候补的居民：%(link)s"
                    )
                    % {"session": _session_line(session), "link": signup_link(signup)},
                    dedupe_key=f"remind-{signup.pk}",
                )
                queued += delivery is not None
    return queued
