"""Every event of `issues.tasks.issue_event` reaches the right inboxes, and followers hear of
status changes by e-mail with a one-click unsubscribe (link and List-Unsubscribe headers).

The messages link to pages that other parts of the loop add ("liaison:issue" /dept/issues/<pk>/,
"issues:unfollow", "issues:follow-confirm"). Until they exist on this branch, this module is also
a URLconf: the project's URLs plus a stub for each missing name, used by every test here.
"""

import datetime

import pytest
from django.core import mail
from django.http import HttpResponse
from django.urls import NoReverseMatch, URLResolver, include, path, reverse

from issues import following, handling, services
from issues.models import Feedback, FollowUpVisit, Issue, IssueFollower
from notifications.models import Delivery, Notification
from rooms.models import Room, StreetStaff
from tests.factories import (
    ConvenershipFactory,
    DepartmentFactory,
    IssueCategoryFactory,
    IssueFactory,
    LiaisonFactory,
    RoomFactory,
    StaffFactory,
    StreetFactory,
    UserFactory,
)


def _stub(request, *args, **kwargs):
    return HttpResponse("stub")


def loop_urlpatterns():
    """The project's URL patterns plus a stub for each URL name of the loop not yet written."""
    from chongchuan import urls as root

    def missing(name, args):
        try:
            reverse(name, args=args, urlconf=root)
        except NoReverseMatch:
            return True
        return False

    patterns = list(root.urlpatterns)
    if missing("liaison:issue", [1]):
        patterns.append(path("dept/", include(([path("issues/<int:pk>/", _stub, name="issue")], "liaison"))))
    issue_stubs = []
    if missing("issues:unfollow", ["token"]):
        issue_stubs.append(path("unfollow/<str:token>/", _stub, name="unfollow"))
    if missing("issues:follow-confirm", ["token"]):
        issue_stubs.append(path("follow/<str:token>/", _stub, name="follow-confirm"))
    if issue_stubs:
        for index, pattern in enumerate(patterns):
            if isinstance(pattern, URLResolver) and pattern.namespace == "issues":
                patterns[index] = path("issues/", include((list(pattern.url_patterns) + issue_stubs, "issues")))
    return patterns


urlpatterns = loop_urlpatterns()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loop_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.PORTAL_BASE_URL = "https://ysh.example.cn"


@pytest.fixture
def world():
    """A community room of 文峰街道 with its convener; the street's room with its convener; the
    street's staff; a department with a liaison (and an inactive one); district staff; and a
    confirmed follower of the issue."""
    street = StreetFactory(name="文峰街道")
    room = RoomFactory(street=street, community__street=street)
    street_room = RoomFactory(name="文峰街道协商议事室", level=Room.Level.STREET, community=None, street=street)
    convener = ConvenershipFactory(room=room, user=UserFactory(username="convener1")).user
    street_convener = ConvenershipFactory(room=street_room, user=UserFactory(username="convener2")).user
    street_staff = UserFactory(username="street1")
    StreetStaff.objects.create(user=street_staff, street=street)
    department = DepartmentFactory(name="区城市管理局")
    liaison = LiaisonFactory(department=department, user=UserFactory(username="liaison1")).user
    gone = LiaisonFactory(department=department, user=UserFactory(username="liaison-gone", is_active=False)).user
    staff = StaffFactory(username="staff1")
    category = IssueCategoryFactory(name="停车管理", default_department=department, deadline_days=30)
    issue = IssueFactory(
        room=room,
        category=category,
        department=department,
        handling=Issue.Handling.ASSIGNED,
        due_on=datetime.date.today() + datetime.timedelta(days=30),
        reported_on=datetime.date.today() - datetime.timedelta(days=10),
    )
    follower = IssueFollower.objects.create(
        issue=issue,
        email="resident1@example.cn",
        token="follow-token-1",
        confirmed_at=datetime.datetime.now(datetime.UTC),
    )
    IssueFollower.objects.create(issue=issue, email="unconfirmed@example.cn", token="follow-token-2")
    return {
        "issue": issue,
        "room": room,
        "street_room": street_room,
        "convener": convener,
        "street_convener": street_convener,
        "street_staff": street_staff,
        "department": department,
        "liaison": liaison,
        "gone": gone,
        "staff": staff,
        "follower": follower,
    }


def inbox(kind=None):
    """username -> [(kind, url)] of every notification written."""
    seen = {}
    for notification in Notification.objects.select_related("recipient").order_by("pk"):
        if kind is None or notification.kind == kind:
            seen.setdefault(notification.recipient.username, []).append(notification.url)
    return seen


def follower_mails():
    return [m for m in mail.outbox if m.to == ["resident1@example.cn"]]


def test_assigned_reaches_the_active_liaisons_with_the_department_page(world, django_capture_on_commit_callbacks):
    other = DepartmentFactory(name="区住房和城乡建设局")
    LiaisonFactory(department=other, user=UserFactory(username="liaison-other"))
    with django_capture_on_commit_callbacks(execute=True):
        handling.issue_assign(issue=world["issue"], author=world["convener"], department=other)
    assert inbox() == {"liaison-other": [f"/dept/issues/{world['issue'].pk}/"]}
    assert Notification.objects.get().kind == Notification.Kind.ISSUE_ASSIGNED


def test_accept_tells_the_conveners_and_the_followers_of_the_status_change(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_accept(issue=issue, author=world["liaison"])
    assert inbox() == {"convener1": [f"/my/issues/{issue.pk}/"]}
    mails = follower_mails()
    assert len(mails) == 1 and "办理中" in mails[0].subject
    assert not [m for m in mail.outbox if "unconfirmed@example.cn" in m.to]  # double opt-in


def test_follower_mail_carries_the_unsubscribe_link_and_one_click_headers(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_accept(issue=issue, author=world["liaison"])
    message = follower_mails()[0]
    link = "https://ysh.example.cn" + reverse("issues:unfollow", args=["follow-token-1"])
    assert link in message.body
    assert "https://ysh.example.cn" + issue.get_absolute_url() in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.message()["List-Unsubscribe"] == f"<{link}>"  # really in the sent mail
    delivery = Delivery.objects.get(address="resident1@example.cn")
    assert delivery.headers["List-Unsubscribe"] == f"<{link}>"


def test_staff_and_conveners_get_no_unsubscribe_headers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_accept(issue=world["issue"], author=world["liaison"])
    to_convener = [m for m in mail.outbox if m.to == [world["convener"].email]]
    assert to_convener and "List-Unsubscribe" not in to_convener[0].extra_headers


def test_progress_and_returned(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    handling.handling_accept(issue=issue, author=world["liaison"])  # progress comes after 签收
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_progress(issue=issue, author=world["liaison"], note="已安排人员现场查看。")
    assert inbox(Notification.Kind.ISSUE_PROGRESS) == {"convener1": [f"/my/issues/{issue.pk}/"]}
    Notification.objects.all().delete()
    # Sending back comes before 签收: take the issue back to 待签收 for this half.
    Issue.objects.filter(pk=issue.pk).update(handling=Issue.Handling.ASSIGNED)
    issue.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_return(issue=issue, author=world["liaison"], reason="不属于本单位职责。")
    returned = inbox(Notification.Kind.ISSUE_RETURNED)
    assert returned == {
        "staff1": [reverse("admin:issues_issue_change", args=[issue.pk])],
        "convener1": [f"/my/issues/{issue.pk}/"],
    }
    assert Notification.objects.get(recipient=world["convener"]).body == "不属于本单位职责。"


def test_two_progress_notes_are_two_messages_even_when_the_worker_runs_after_both(
    world, django_capture_on_commit_callbacks
):
    """The dedupe key is the version the event was announced at, not the version the worker
    finds: two notes in a row stay two messages."""
    issue = world["issue"]
    handling.handling_accept(issue=issue, author=world["liaison"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handling.handling_progress(issue=issue, author=world["liaison"], note="第一次进展。")
    with django_capture_on_commit_callbacks(execute=False) as more:
        handling.handling_progress(issue=issue, author=world["liaison"], note="第二次进展。")
    for callback in callbacks + more:
        callback()
    assert sorted(Notification.objects.values_list("body", flat=True)) == ["第一次进展。", "第二次进展。"]


def test_extension_requested_reaches_staff_and_the_decision_the_liaisons(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    handling.handling_accept(issue=issue, author=world["liaison"])
    with django_capture_on_commit_callbacks(execute=True):
        extension = handling.extension_request_submit(
            issue=issue,
            author=world["liaison"],
            requested_due_on=issue.due_on + datetime.timedelta(days=20),
            reason="需要协调产权单位。",
        )
    assert inbox(Notification.Kind.EXTENSION) == {"staff1": [reverse("admin:issues_issue_change", args=[issue.pk])]}
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        handling.extension_request_decide(extension=extension, author=world["staff"], approve=True)
    assert inbox(Notification.Kind.EXTENSION) == {"liaison1": [f"/dept/issues/{issue.pk}/"]}


def test_done_report_reaches_both_rooms_conveners_and_confirmation_the_liaisons_and_followers(
    world, django_capture_on_commit_callbacks
):
    issue = world["issue"]
    Issue.objects.filter(pk=issue.pk).update(escalated_to=world["street_room"])
    issue.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_accept(issue=issue, author=world["liaison"])
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_report_done(issue=issue, author=world["liaison"], resolution="已施划停车位 40 个。")
    assert set(inbox(Notification.Kind.ISSUE_DONE)) == {"convener1", "convener2"}
    assert not follower_mails()  # only reported: not resolved until the convener confirms
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_confirm(issue=issue, author=world["street_convener"], accept=True)
    assert inbox(Notification.Kind.ISSUE_CONFIRMED) == {"liaison1": [f"/dept/issues/{issue.pk}/"]}
    mails = follower_mails()
    assert len(mails) == 1 and "已解决" in mails[0].subject and "已施划停车位 40 个。" in mails[0].body


def test_done_rejected_goes_back_to_the_liaisons(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    handling.handling_accept(issue=issue, author=world["liaison"])
    handling.handling_report_done(issue=issue, author=world["liaison"], resolution="已处理。")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_confirm(issue=issue, author=world["convener"], accept=False, note="现场仍有车辆乱停。")
    assert inbox() == {"liaison1": [f"/dept/issues/{issue.pk}/"]}
    assert Notification.objects.get().title.startswith("办结未获确认")


def test_escalated_to_the_street_reaches_street_staff_and_the_street_rooms_conveners(
    world, django_capture_on_commit_callbacks
):
    issue = world["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_escalate(issue=issue, author=world["convener"], triage_to=Issue.Triage.STREET)
    issue.refresh_from_db()
    assert issue.escalated_to == world["street_room"]
    assert set(inbox(Notification.Kind.ISSUE_ESCALATED)) == {"street1", "convener2"}


def test_escalated_to_the_district_reaches_district_staff(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_escalate(issue=world["issue"], author=world["convener"], triage_to=Issue.Triage.DISTRICT)
    assert inbox(Notification.Kind.ISSUE_ESCALATED) == {
        "staff1": [reverse("admin:issues_issue_change", args=[world["issue"].pk])]
    }


def test_urged_reaches_liaisons_and_conveners_each_with_a_page_they_can_open(world, django_capture_on_commit_callbacks):
    issue = world["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_urge(issue=issue, author=world["staff"], note="请抓紧办理。")
    assert inbox(Notification.Kind.ISSUE_URGED) == {
        "liaison1": [f"/dept/issues/{issue.pk}/"],
        "convener1": [f"/my/issues/{issue.pk}/"],
    }


def test_dissatisfied_asks_the_conveners_for_a_follow_up_and_reopening_tells_liaisons_and_followers(
    world, django_capture_on_commit_callbacks
):
    issue = world["issue"]
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.RESOLVED,
        resolution="已解决",
        resolved_on=datetime.date.today(),
        handling=Issue.Handling.CONFIRMED,
    )
    issue.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_submit(issue=issue, rating=Feedback.Rating.DISSATISFIED, note="晚上还是没有车位。")
    assert inbox(Notification.Kind.FOLLOW_UP) == {"convener1": [f"/my/issues/{issue.pk}/"]}
    visit = FollowUpVisit.objects.get(issue=issue)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        following.follow_up_record(
            visit=visit, author=world["convener"], result=FollowUpVisit.Result.REOPENED, note="居民反映属实。"
        )
    assert inbox(Notification.Kind.ISSUE_REOPENED) == {"liaison1": [f"/dept/issues/{issue.pk}/"]}
    mails = follower_mails()
    assert len(mails) == 1 and "办理中" in mails[0].subject


def test_nobody_inactive_hears_anything(world, django_capture_on_commit_callbacks):
    handling.handling_accept(issue=world["issue"], author=world["liaison"])
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_urge(issue=world["issue"], author=world["staff"], note="请抓紧办理。")
        handling.handling_progress(issue=world["issue"], author=world["liaison"], note="进展。")
    assert not Notification.objects.filter(recipient=world["gone"]).exists()
    assert not [m for m in mail.outbox if world["gone"].email in m.to]


def test_private_issues_send_no_follower_mail(world, django_capture_on_commit_callbacks):
    Issue.objects.filter(pk=world["issue"].pk).update(is_public=False)
    world["issue"].refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        handling.handling_accept(issue=world["issue"], author=world["liaison"])
    assert not follower_mails()


def test_the_confirmation_mail_links_to_the_confirm_page(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        follower = following.follower_subscribe(issue=world["issue"], email="Resident2@Example.cn")
    (message,) = [m for m in mail.outbox if m.to == ["resident2@example.cn"]]
    assert "https://ysh.example.cn" + reverse("issues:follow-confirm", args=[follower.token]) in message.body
