"""Who hears about what happens to an issue. Services queue these tasks when their transaction
commits; the worker works out the recipients and writes the messages, so a request never waits
on a mail server and a rolled-back change tells nobody."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.selectors import district_staff_users
from departments.permissions import liaisons_of
from notifications.models import Notification
from notifications.services import message_send, notify
from rooms.selectors import room_conveners, street_staff_users

from .models import Issue, IssueFollower

Kind = Notification.Kind


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _conveners(issue) -> list:
    users = room_conveners(issue.room)
    if issue.escalated_to_id:
        users += room_conveners(issue.escalated_to)
    return users


def _liaisons(issue) -> list:
    return liaisons_of(issue.department) if issue.department_id else []


def _dept_url(issue):
    return reverse("liaison:issue", args=[issue.pk])


def _workspace_url(issue):
    return reverse("workspace:issue", args=[issue.pk])


def _staff_url(issue):
    return reverse("admin:issues_issue_change", args=[issue.pk])


def unsubscribe_headers(link: str) -> dict:
    """The headers that let a mail client offer "unsubscribe" (RFC 2369) in one click (RFC
    8058: the client POSTs `List-Unsubscribe=One-Click` to the link)."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def tell_followers(issue, subject: str, body: str, key: str) -> int:
    """E-mail every confirmed follower, each with a one-click unsubscribe link (in the text and
    in the List-Unsubscribe header)."""
    sent = 0
    for follower in IssueFollower.objects.confirmed().filter(issue=issue):
        unsubscribe = _absolute(reverse("issues:unfollow", args=[follower.token]))
        text = _("%(body)s\n\n查看问题：%(url)s\n不再关注（一键退订）：%(unsubscribe)s") % {
            "body": body,
            "url": _absolute(issue.get_absolute_url()),
            "unsubscribe": unsubscribe,
        }
        delivery = message_send(
            channel="email",
            address=follower.email,
            subject=subject,
            body=text,
            dedupe_key=key,
            headers=unsubscribe_headers(unsubscribe),
        )
        if delivery:
            sent += 1
    return sent


@task()
def issue_event(issue_id: int, event: str, note: str = "", version: int | None = None) -> str:
    """Tell the people concerned that `event` happened to the issue at `version` (the version
    when it was announced; the current one if not given)."""
    issue = (
        Issue.objects.select_related("room", "escalated_to", "department", "room__street").filter(pk=issue_id).first()
    )
    if issue is None:
        return "gone"
    title = issue.title
    body = note
    version = version or issue.version
    key = f"issue:{issue.pk}:v{version}:{event}"
    if event == "assigned":
        notify(
            recipients=_liaisons(issue),
            kind=Kind.ISSUE_ASSIGNED,
            title=_("新交办问题：%s") % title,
            body=_("办理期限：%s") % (issue.due_on or _("未设定")),
            url=_dept_url(issue),
            dedupe_key=key,
        )
    elif event == "returned":
        notify(
            recipients=district_staff_users(),
            kind=Kind.ISSUE_RETURNED,
            title=_("承办单位退回问题：%s") % title,
            body=body,
            url=_staff_url(issue),
            dedupe_key=key,
        )
        notify(
            recipients=_conveners(issue),
            kind=Kind.ISSUE_RETURNED,
            title=_("承办单位退回问题：%s") % title,
            body=body,
            url=_workspace_url(issue),
            dedupe_key=key,
        )
    elif event == "progress":
        notify(
            recipients=_conveners(issue),
            kind=Kind.ISSUE_PROGRESS,
            title=_("办理进展：%s") % title,
            body=body,
            url=_workspace_url(issue),
            dedupe_key=key,
        )
    elif event == "done_reported":
        notify(
            recipients=_conveners(issue),
            kind=Kind.ISSUE_DONE,
            title=_("承办单位报告办结，请确认：%s") % title,
            body=body,
            url=_workspace_url(issue),
            dedupe_key=key,
        )
    elif event in ("confirmed", "done_rejected", "reopened", "extension_decided"):
        kinds = {
            "confirmed": Kind.ISSUE_CONFIRMED,
            "done_rejected": Kind.ISSUE_PROGRESS,
            "reopened": Kind.ISSUE_REOPENED,
            "extension_decided": Kind.EXTENSION,
        }
        titles = {
            "confirmed": _("召集人已确认办结：%s"),
            "done_rejected": _("办结未获确认，请继续办理：%s"),
            "reopened": _("回访后重新办理：%s"),
            "extension_decided": _("延期申请已审批：%s"),
        }
        notify(
            recipients=_liaisons(issue),
            kind=kinds[event],
            title=titles[event] % title,
            body=body,
            url=_dept_url(issue),
            dedupe_key=key,
        )
    elif event == "escalated":
        if issue.triage_level == Issue.Triage.DISTRICT:
            recipients, url = district_staff_users(), _staff_url(issue)
        else:
            recipients = street_staff_users(issue.room.street) + (
                room_conveners(issue.escalated_to) if issue.escalated_to_id else []
            )
            url = _workspace_url(issue)
        notify(
            recipients=recipients,
            kind=Kind.ISSUE_ESCALATED,
            title=_("问题提级，请接手：%s") % title,
            body=body,
            url=url,
            dedupe_key=key,
        )
    elif event == "urged":
        # Each hears it with a link to the page they can open: liaisons /dept/, conveners /my/.
        for recipients, url in ((_liaisons(issue), _dept_url(issue)), (_conveners(issue), _workspace_url(issue))):
            notify(
                recipients=recipients,
                kind=Kind.ISSUE_URGED,
                title=_("催办：%s") % title,
                body=body,
                url=url,
                dedupe_key=key,
            )
    elif event == "extension_requested":
        notify(
            recipients=district_staff_users(),
            kind=Kind.EXTENSION,
            title=_("延期申请待审批：%s") % title,
            body=body,
            # The issue's page in the admin (extension requests have no admin page of their own).
            url=_staff_url(issue),
            dedupe_key=key,
        )
    elif event == "dissatisfied":
        notify(
            recipients=_conveners(issue),
            kind=Kind.FOLLOW_UP,
            title=_("群众评价不满意，请回访：%s") % title,
            body=body,
            url=_workspace_url(issue),
            dedupe_key=key,
        )
    if event in ("status_changed", "confirmed", "reopened") and issue.is_public:
        status = issue.get_status_display()
        subject = _("您关注的问题有新进展：%(title)s（%(status)s）") % {"title": title, "status": status}
        text = _("“%(title)s”的状态现在是“%(status)s”。") % {"title": title, "status": status}
        if issue.status == Issue.Status.RESOLVED and issue.resolution:
            text += "\n" + _("解决情况：%s") % issue.resolution
        tell_followers(issue, subject, text, key=f"issue:{issue.pk}:status:{issue.status}:v{version}")
    return event
