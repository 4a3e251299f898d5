"""`manage.py send_reminders`: daily to departments, weekly to conveners, monthly to staff;
never the same reminder twice the same day; nothing to inactive users."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from backoffice.reminders import daily_reminders, monthly_reminders, weekly_reminders
from deliberations.models import Session, TopicSuggestion
from issues.models import Issue, IssueUpdate
from notifications.models import Delivery, Notification
from tests.factories import (
    ConvenershipFactory,
    DepartmentFactory,
    IssueFactory,
    IssueUpdateFactory,
    LiaisonFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    StaffFactory,
    TopicSuggestionFactory,
    UserFactory,
)
from tests.issues.test_issue_events import loop_urlpatterns

urlpatterns = loop_urlpatterns()  # the /dept/ pages may not exist yet on this branch

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2020, 8, 31)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def loop_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.PORTAL_BASE_URL = "https://ysh.example.cn"


@pytest.fixture
def district():
    room = RoomFactory(name="世伦桥社区协商议事室")
    convener = ConvenershipFactory(room=room, user=UserFactory(username="convener1")).user
    ConvenershipFactory(room=room, user=UserFactory(username="convener-gone", is_active=False))
    department = DepartmentFactory(name="区城市管理局")
    liaison = LiaisonFactory(department=department, user=UserFactory(username="liaison1")).user
    LiaisonFactory(department=department, user=UserFactory(username="liaison-gone", is_active=False))
    quiet_department = DepartmentFactory(name="区水利局")
    LiaisonFactory(department=quiet_department, user=UserFactory(username="liaison-water"))
    staff = StaffFactory(username="staff1")
    StaffFactory(username="staff-gone", is_active=False)

    def issue(title, due_on, **extra):
        return IssueFactory(
            title=title,
            room=room,
            department=department,
            handling=extra.pop("handling", Issue.Handling.ACCEPTED),
            status=extra.pop("status", Issue.Status.IN_PROGRESS),
            reported_on=datetime.date(2020, 7, 1),
            due_on=due_on,
            **extra,
        )

    overdue = issue("楼道堆物清理", TUESDAY - datetime.timedelta(days=5))
    soon = issue("非机动车棚改造", TUESDAY + datetime.timedelta(days=3))
    later = issue("小区绿化补种", TUESDAY + datetime.timedelta(days=4))
    waiting = issue("路灯维修", TUESDAY - datetime.timedelta(days=1), handling=Issue.Handling.DONE_REPORTED)
    for recent in (soon, later, waiting):  # only `overdue` is quiet for 30 days
        IssueUpdateFactory(issue=recent, occurred_on=TUESDAY - datetime.timedelta(days=3))
    planned_past = SessionFactory(
        room=room,
        topic="停车难问题协商会",
        status=Session.Status.PLANNED,
        starts_at=datetime.datetime(2020, 8, 20, 9, 30, tzinfo=datetime.UTC),
    )
    SessionFactory(
        room=room,
        topic="下月议题",
        status=Session.Status.PLANNED,
        starts_at=datetime.datetime(2020, 9, 20, 9, 30, tzinfo=datetime.UTC),
    )
    TopicSuggestionFactory(room=room, topic="增设电动车充电桩")
    TopicSuggestionFactory(room=room, topic="已采纳的建议", status=TopicSuggestion.Status.ACCEPTED)
    ResolvedIssueFactory(room=room, department=department, resolved_on=datetime.date(2020, 7, 20))
    return {
        "room": room,
        "convener": convener,
        "liaison": liaison,
        "staff": staff,
        "department": department,
        "overdue": overdue,
        "soon": soon,
        "later": later,
        "waiting": waiting,
        "planned_past": planned_past,
    }


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def recipients(kind=None):
    queryset = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return sorted(queryset.values_list("recipient__username", flat=True))


def test_daily_lists_the_departments_overdue_and_due_soon_issues(district):
    (reminder,) = daily_reminders(TUESDAY)
    assert reminder.recipients == [district["liaison"]]
    assert reminder.dedupe_key == f"reminder:dept:{district['department'].pk}:2020-09-01"
    assert "1 个问题已超期" in reminder.title and "1 个问题 3 天内到期" in reminder.title
    assert "【已超期 5 天】楼道堆物清理" in reminder.body
    assert "【3 天后到期】非机动车棚改造" in reminder.body
    assert f"https://ysh.example.cn/dept/issues/{district['overdue'].pk}/" in reminder.body
    assert "小区绿化补种" not in reminder.body  # due in 4 days
    assert "路灯维修" not in reminder.body  # reported done: the convener's turn
    assert reminder.url == f"/dept/issues/{district['overdue'].pk}/"


def test_running_twice_the_same_day_sends_each_reminder_once(district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = run("--date", "2020-09-01", "--weekly", "--monthly")
    assert "承办单位每日提醒 1 条" in first and "召集人每周提醒 1 条" in first and "月度报告 1 条" in first
    assert recipients() == ["convener1", "liaison1", "staff1"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "convener1@example.com",
        "liaison1@example.com",
        "staff1@example.com",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        second = run("--date", "2020-09-01", "--weekly", "--monthly")
    assert "承办单位每日提醒 0 条" in second and "召集人每周提醒 0 条" in second and "月度报告 0 条" in second
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3


def test_a_new_day_sends_the_daily_reminder_again(district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("--date", "2020-09-02")
        run("--date", "2020-09-02")
        run("--date", "2020-09-03")
    assert recipients(Notification.Kind.REMINDER) == ["liaison1", "liaison1"]
    assert len(mail.outbox) == 2
    assert "【已超期 7 天】" in Notification.objects.order_by("pk").last().body


def test_weekly_goes_out_on_mondays_only_unless_forced(district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("--date", TUESDAY.isoformat())
    assert "convener1" not in recipients()
    with django_capture_on_commit_callbacks(execute=True):
        run("--date", MONDAY.isoformat())
    assert "convener1" in recipients()


def test_weekly_lists_sessions_to_record_quiet_issues_and_pending_suggestions(district):
    (reminder,) = weekly_reminders(TUESDAY)
    assert reminder.recipients == [district["convener"]]  # not the inactive co-convener
    assert "停车难问题协商会" in reminder.body and "下月议题" not in reminder.body
    assert f"https://ysh.example.cn/my/sessions/{district['planned_past'].pk}/edit/" in reminder.body
    assert "楼道堆物清理" in reminder.body and "非机动车棚改造" not in reminder.body
    assert f"https://ysh.example.cn/my/issues/{district['overdue'].pk}/" in reminder.body
    assert "增设电动车充电桩" in reminder.body and "已采纳的建议" not in reminder.body
    assert reminder.title == "本周议事室提醒：1 场活动待登记，1 个问题待跟进，1 条议题建议待审核"


def test_weekly_reaches_the_conveners_of_the_room_an_issue_was_escalated_to(district):
    street_room = RoomFactory(name="文峰街道协商议事室")
    street_convener = ConvenershipFactory(room=street_room, user=UserFactory(username="convener2")).user
    Issue.objects.filter(pk=district["overdue"].pk).update(escalated_to=street_room)
    reminders = {r.recipients[0].username: r for r in weekly_reminders(TUESDAY)}
    assert set(reminders) == {"convener1", "convener2"}
    assert "楼道堆物清理" in reminders["convener2"].body
    assert reminders["convener2"].recipients == [street_convener]


def test_a_timeline_entry_within_30_days_keeps_an_issue_off_the_weekly_list(district):
    IssueUpdate.objects.create(
        issue=district["overdue"], note="进展", occurred_on=TUESDAY - datetime.timedelta(days=29)
    )
    (reminder,) = weekly_reminders(TUESDAY)
    assert "楼道堆物清理" not in reminder.body


def test_monthly_sends_the_previous_months_report_to_active_staff(district, django_capture_on_commit_callbacks):
    (reminder,) = monthly_reminders(datetime.date(2020, 8, 1))
    assert reminder.recipients == [district["staff"]]
    assert reminder.url == "/staff/report/2020-07/"
    assert reminder.title == "2020年7月协商议事工作月度报告"
    assert "解决民生问题（个）：1" in reminder.body
    assert "https://ysh.example.cn/staff/report/2020-07/" in reminder.body
    with django_capture_on_commit_callbacks(execute=True):
        run("--date", "2020-08-01")
        run("--date", "2020-08-01", "--monthly")
    assert recipients(Notification.Kind.REPORT) == ["staff1"]
    assert Notification.objects.get(kind=Notification.Kind.REPORT).dedupe_key == "reminder:report:2020-07"


def test_nothing_for_inactive_users_or_departments(district, django_capture_on_commit_callbacks):
    district["department"].is_active = False
    district["department"].save()
    with django_capture_on_commit_callbacks(execute=True):
        run("--date", "2020-09-01", "--weekly", "--monthly")
    assert recipients() == ["convener1", "staff1"]
    assert not any("gone" in m.to[0] for m in mail.outbox)


def test_dry_run_prints_and_sends_nothing(district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--date", "2020-09-01", "--dry-run", "--weekly", "--monthly")
    assert "试运行" in out and "楼道堆物清理" in out and "liaison1" in out
    assert "承办单位每日提醒 1 条" in out and "月度报告 1 条" in out
    assert Notification.objects.count() == 0 and len(mail.outbox) == 0


def test_the_run_sweeps_deliveries_waiting_for_a_retry(district, django_capture_on_commit_callbacks):
    waiting = Delivery.objects.create(
        channel="email",
        address="someone@example.cn",
        subject="重试",
        body="正文",
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--date", "2020-09-01")
    assert "另有 1 条待发送消息" in out
    waiting.refresh_from_db()
    assert waiting.status == Delivery.Status.SENT


def test_a_bad_date_is_refused_in_chinese(district):
    with pytest.raises(CommandError, match="请写成 YYYY-MM-DD"):
        run("--date", "2020/09/01")


def test_the_daily_reminders_run_a_fixed_number_of_queries(district, django_assert_num_queries):
    with django_assert_num_queries(2):
        daily_reminders(TUESDAY)
    with django_assert_num_queries(4):
        weekly_reminders(TUESDAY)
