"""Reminders that `manage.py send_reminders` sends once a day (cron or a systemd timer).

- Daily, to each department's liaisons: its issues due within `DUE_SOON_DAYS` days and its
  overdue ones, in one message per department.
- Weekly (Mondays), to each convener: planned sessions of their rooms whose start has passed
  without being recorded as held, open issues with no timeline entry for `QUIET_DAYS` days, and
  topic suggestions waiting for review.
- Monthly (the 1st), to district staff: the previous month's key figures and its report.

Building a reminder only reads (`daily_reminders`, `weekly_reminders`, `monthly_reminders`,
each a fixed number of queries); `reminders_send` writes them through `notifications.notify`,
whose dedupe key (one per recipient, enforced by a unique constraint) makes a second run the same
day send nothing new.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import district_staff_users
from deliberations.models import Session, TopicSuggestion
from departments.models import Liaison
from issues.models import Issue, IssueUpdate
from notifications.models import Notification
from notifications.services import notify
from rooms.models import Convenership

from .selectors import MonthFigures, month_figures

DUE_SOON_DAYS = 3
QUIET_DAYS = 30
LISTED = 20  # at most this many items of each kind are listed in one message; the rest are counted


@dataclass
class Reminder:
    """One message to some users; `kind` is daily, weekly or monthly."""

    kind: str
    recipients: list
    title: str
    body: str
    url: str
    dedupe_key: str
    items: int = 0
    lines: list = field(default_factory=list, repr=False)


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _listed(lines: list[str], total: int) -> list[str]:
    shown = lines[:LISTED]
    if total > len(shown):
        shown.append(_("……另有 %d 项，请登录查看。") % (total - len(shown)))
    return shown


def _aware_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# ---- daily: departments ----------------------------------------------------------------------


def daily_reminders(today: datetime.date) -> list[Reminder]:
    """One reminder per active department with issues due within 3 days or overdue, to its
    active liaisons (two queries)."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    issues = (
        Issue.objects.open()
        .filter(
            department__is_active=True,
            handling__in=[Issue.Handling.ASSIGNED, Issue.Handling.ACCEPTED],
            due_on__isnull=False,
            due_on__lte=soon,
        )
        .select_related("department")
        .only("pk", "title", "due_on", "department__name", "department__id")
        .order_by("department_id", "due_on", "pk")
    )
    by_department = defaultdict(list)
    for issue in issues:
        by_department[issue.department].append(issue)
    if not by_department:
        return []
    liaisons = defaultdict(list)
    for liaison in Liaison.objects.filter(department__in=list(by_department), user__is_active=True).select_related(
        "user"
    ):
        liaisons[liaison.department_id].append(liaison.user)
    reminders = []
    for department, department_issues in by_department.items():
        if not liaisons[department.pk]:
            continue
        overdue = [i for i in department_issues if i.due_on < today]
        due_soon = [i for i in department_issues if i.due_on >= today]
        lines = []
        for issue in overdue:
            lines.append(
                _("【已超期 %(days)d 天】%(title)s（期限 %(due)s）\n  %(url)s")
                % {
                    "days": (today - issue.due_on).days,
                    "title": issue.title,
                    "due": issue.due_on.isoformat(),
                    "url": _absolute(reverse("liaison:issue", args=[issue.pk])),
                }
            )
        for issue in due_soon:
            days = (issue.due_on - today).days
            lines.append(
                _("【%(when)s到期】%(title)s（期限 %(due)s）\n  %(url)s")
                % {
                    "when": _("今天") if days == 0 else _("%d 天后") % days,
                    "title": issue.title,
                    "due": issue.due_on.isoformat(),
                    "url": _absolute(reverse("liaison:issue", args=[issue.pk])),
                }
            )
        parts = []
        if overdue:
            parts.append(_("%d 个问题已超期") % len(overdue))
        if due_soon:
            parts.append(_("%d 个问题 3 天内到期") % len(due_soon))
        title = _("%(department)s承办提醒：%(parts)s") % {"department": department.name, "parts": "，".join(parts)}
        body = _("请及时办理并在平台上报告进展；确需延期的，请提出延期申请。") + "\n\n"
        body += "\n".join(_listed(lines, len(lines)))
        reminders.append(
            Reminder(
                kind="daily",
                recipients=liaisons[department.pk],
                title=title,
                body=body,
                url=reverse("liaison:issue", args=[(overdue or due_soon)[0].pk]),
                dedupe_key=f"reminder:dept:{department.pk}:{today.isoformat()}",
                items=len(department_issues),
            )
        )
    return reminders


# ---- weekly: conveners -----------------------------------------------------------------------


def weekly_reminders(today: datetime.date) -> list[Reminder]:
    """One reminder per active convener whose rooms have planned sessions not recorded as held
    after their start, open issues quiet for 30 days, or pending topic suggestions (four
    queries)."""
    now = _aware_midnight(today)
    quiet_since = today - datetime.timedelta(days=QUIET_DAYS)
    by_room = defaultdict(lambda: {"sessions": [], "issues": [], "suggestions": []})
    for session in (
        Session.objects.planned()
        .filter(starts_at__lt=now, room__is_active=True)
        .only("pk", "topic", "starts_at", "room_id")
        .order_by("starts_at", "pk")
    ):
        by_room[session.room_id]["sessions"].append(session)
    recent = IssueUpdate.objects.filter(issue=OuterRef("pk"), occurred_on__gt=quiet_since)
    quiet = (
        Issue.objects.open()
        .filter(reported_on__lte=quiet_since)
        .filter(~Exists(recent))
        .only("pk", "title", "room_id", "escalated_to_id")
        .order_by("reported_on", "pk")
    )
    for issue in quiet:
        by_room[issue.room_id]["issues"].append(issue)
        if issue.escalated_to_id and issue.escalated_to_id != issue.room_id:
            by_room[issue.escalated_to_id]["issues"].append(issue)
    for suggestion in (
        TopicSuggestion.objects.filter(status=TopicSuggestion.Status.PENDING)
        .only("pk", "topic", "room_id")
        .order_by("created_at", "pk")
    ):
        by_room[suggestion.room_id]["suggestions"].append(suggestion)
    if not by_room:
        return []

    per_user = {}
    for membership in (
        Convenership.objects.filter(room_id__in=list(by_room), user__is_active=True, room__is_active=True)
        .select_related("user", "room")
        .order_by("user_id", "room__name")
    ):
        entry = per_user.setdefault(membership.user_id, {"user": membership.user, "rooms": []})
        entry["rooms"].append(membership.room)

    home = reverse("workspace:home")
    reminders = []
    for entry in per_user.values():
        user = entry["user"]
        sessions, issues, suggestions = [], [], []
        for room in entry["rooms"]:
            found = by_room[room.pk]
            sessions += [(room, s) for s in found["sessions"]]
            issues += [(room, i) for i in found["issues"]]
            suggestions += [(room, s) for s in found["suggestions"]]
        seen_issues = set()
        issues = [(room, i) for room, i in issues if not (i.pk in seen_issues or seen_issues.add(i.pk))]
        sections = []
        if sessions:
            lines = [
                _("%(room)s：“%(topic)s”（原定 %(day)s）\n  %(url)s")
                % {
                    "room": room.name,
                    "topic": s.topic,
                    "day": timezone.localtime(s.starts_at).strftime("%Y-%m-%d"),
                    "url": _absolute(reverse("workspace:session_edit", args=[s.pk])),
                }
                for room, s in sessions
            ]
            sections.append(
                _("计划中的议事活动已过开始时间，尚未登记为已举行（%d 场）：") % len(sessions)
                + "\n"
                + "\n".join(_listed(lines, len(lines)))
            )
        if issues:
            lines = [
                _("%(room)s:%(title)s\n  %(url)s")
                % {"room": room.name, "title": i.title, "url": _absolute(reverse("workspace:issue", args=[i.pk]))}
                for room, i in issues
            ]
            sections.append(
                _("超过 %(days)d 天没有进展记录的未办结问题（%(count)d 个）：")
                % {"days": QUIET_DAYS, "count": len(issues)}
                + "\n"
                + "\n".join(_listed(lines, len(lines)))
            )
        if suggestions:
            lines = [_("%(room)s:%(topic)s") % {"room": room.name, "topic": s.topic} for room, s in suggestions]
            sections.append(
                _("待审核的群众议题建议（%d 条）：") % len(suggestions) + "\n" + "\n".join(_listed(lines, len(lines)))
            )
        counts = []
        if sessions:
            counts.append(_("%d 场活动待登记") % len(sessions))
        if issues:
            counts.append(_("%d 个问题待跟进") % len(issues))
        if suggestions:
            counts.append(_("%d 条议题建议待审核") % len(suggestions))
        reminders.append(
            Reminder(
                kind="weekly",
                recipients=[user],
                title=_("本周议事室提醒：%s") % "，".join(counts),
                body="\n\n".join(sections) + "\n\n" + _("我的议事室：%s") % _absolute(home),
                url=home,
                dedupe_key=f"reminder:convener:{user.pk}:{today.isoformat()}",
                items=len(sessions) + len(issues) + len(suggestions),
            )
        )
    return reminders


# ---- monthly: district staff -----------------------------------------------------------------


def previous_month(today: datetime.date) -> tuple[int, int]:
    first = today.replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return last_month.year, last_month.month


def monthly_reminders(today: datetime.date) -> list[Reminder]:
    """The previous month's report to the active district staff (the month figures' queries)."""
    recipients = district_staff_users()
    if not recipients:
        return []
    year, month = previous_month(today)
    figures = month_figures(year, month)
    url = reverse("staff:report", args=[year, f"{month:02d}"])
    lines = [f"{label}：{getattr(figures, name)}" for name, label in MonthFigures.FIELDS]
    body = (
        _("%(label)s协商议事工作主要数据：") % {"label": figures.label}
        + "\n"
        + "\n".join(lines)
        + "\n\n"
        + _("完整月度报告：%s") % _absolute(url)
    )
    return [
        Reminder(
            kind="monthly",
            recipients=recipients,
            title=_("%s协商议事工作月度报告") % figures.label,
            body=body,
            url=url,
            dedupe_key=f"reminder:report:{year}-{month:02d}",
            items=1,
        )
    ]


# ---- sending ---------------------------------------------------------------------------------


KINDS = {
    "daily": Notification.Kind.REMINDER,
    "weekly": Notification.Kind.REMINDER,
    "monthly": Notification.Kind.REPORT,
}


def reminders_due(today: datetime.date, *, weekly: bool = False, monthly: bool = False) -> list[Reminder]:
    """The reminders of `today`: daily always, weekly on Mondays (or `weekly`), monthly on the
    1st (or `monthly`)."""
    reminders = daily_reminders(today)
    if weekly or today.weekday() == 0:
        reminders += weekly_reminders(today)
    if monthly or today.day == 1:
        reminders += monthly_reminders(today)
    return reminders


def reminders_send(reminders: list[Reminder]) -> dict[str, int]:
    """Queue each reminder; returns how many messages of each kind were queued (a recipient who
    already had the reminder today counts for nothing)."""
    queued = {"daily": 0, "weekly": 0, "monthly": 0}
    for reminder in reminders:
        created = notify(
            recipients=reminder.recipients,
            kind=KINDS[reminder.kind],
            title=reminder.title,
            body=reminder.body,
            url=reminder.url,
            dedupe_key=reminder.dedupe_key,
        )
        queued[reminder.kind] += len(created)
    return queued
