"""The dashboard closes the loop: extension requests decided from it, the district's escalation
queue, issues a department sent back, failed message deliveries, the departments' table; and
its query count stays pinned at 1x and 10x the demo data."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from core.models import PortalSettings
from figures.selectors import breakdown_by_department
from issues.models import ExtensionRequest, Issue, IssueUpdate
from notifications.models import Delivery
from rooms.models import Street, StreetStaff
from tests.factories import DepartmentFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD_MAX_QUERIES = 43  # district staff, cold statistics cache, the header's unread count
STREET_DASHBOARD_MAX_QUERIES = 34  # street staff: no campaign, outcomes, extensions or deliveries; + the street
STREET_REPORT_MAX_QUERIES = 35  # with the header's unread count and the six month-end cumulative figures


@pytest.fixture
def extension(db):
    today = timezone.localdate()
    issue = IssueFactory(
        title="路灯不亮", department=DepartmentFactory(name="区城管局"), due_on=today + datetime.timedelta(days=3)
    )
    return ExtensionRequest.objects.create(
        issue=issue,
        department=issue.department,
        current_due_on=issue.due_on,
        requested_due_on=today + datetime.timedelta(days=30),
        reason="需要协调供电公司",
    )


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_pending_extensions_are_listed_with_their_buttons(staff_client, extension):
    page = staff_client.get("/staff/").content.decode()
    assert f'data-extension="{extension.pk}"' in page
    assert "需要协调供电公司" in page and "区城管局" in page
    assert reverse("staff:extension-decide", args=[extension.pk]) in page
    assert 'value="approve"' in page and 'value="decline"' in page


def test_approving_from_the_dashboard_moves_the_deadline(staff_client, staff, extension):
    response = staff_client.post(
        reverse("staff:extension-decide", args=[extension.pk]), {"decision": "approve", "note": "请抓紧"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#extensions")
    extension.refresh_from_db()
    issue = Issue.objects.get(pk=extension.issue_id)
    assert extension.status == ExtensionRequest.Status.APPROVED and extension.decided_by == staff
    assert issue.due_on == extension.requested_due_on and issue.due_on_set_by_hand
    assert IssueUpdate.objects.filter(issue=issue, kind=IssueUpdate.Kind.EXTENSION, note__contains="请抓紧").exists()
    assert any("已同意延期" in text for text in _messages(response))
    assert f'data-extension="{extension.pk}"' not in staff_client.get("/staff/").content.decode()


def test_declining_keeps_the_deadline(staff_client, extension):
    before = extension.issue.due_on
    response = staff_client.post(reverse("staff:extension-decide", args=[extension.pk]), {"decision": "decline"})
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.DECLINED
    assert Issue.objects.get(pk=extension.issue_id).due_on == before
    assert any("已不同意延期" in text for text in _messages(response))


def test_a_decided_request_or_a_bad_answer_changes_nothing_and_says_why(staff_client, extension):
    url = reverse("staff:extension-decide", args=[extension.pk])
    response = staff_client.post(url, {"decision": "maybe"})
    assert "请选择同意或不同意。" in _messages(response)
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.PENDING
    staff_client.post(url, {"decision": "approve"})
    response = staff_client.post(url, {"decision": "decline"})
    assert "该延期申请已经审批。" in _messages(response)
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.APPROVED
    assert staff_client.get(url).status_code == 405
    assert (
        staff_client.post(reverse("staff:extension-decide", args=[999999]), {"decision": "approve"}).status_code == 404
    )


def test_only_district_staff_decide(client, convener, extension):
    client.force_login(convener)
    assert (
        client.post(reverse("staff:extension-decide", args=[extension.pk]), {"decision": "approve"}).status_code == 403
    )
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.PENDING


def test_the_district_queue_and_the_returned_issues(staff_client):
    queued = IssueFactory(title="跨街道的排水问题", triage_level=Issue.Triage.DISTRICT)
    IssueFactory(
        title="已解决的区级问题", triage_level=Issue.Triage.DISTRICT, status=Issue.Status.CLOSED, closed_reason="x"
    )
    returned = IssueFactory(title="不属本单位的问题", handling=Issue.Handling.RETURNED, department="区水利局")
    page = staff_client.get("/staff/").content.decode()
    queue = page[page.index('id="queue"') : page.index('id="returned"')]
    assert "跨街道的排水问题" in queue and "已解决的区级问题" not in queue
    assert 'data-count="queue">1<' in page
    section = page[page.index('id="returned"') :]
    assert "不属本单位的问题" in section and "区水利局退回" in section
    assert reverse("admin:issues_issue_change", args=[returned.pk]) in section  # reassigned in the admin
    assert reverse("admin:issues_issue_change", args=[queued.pk]) in queue


def test_the_failed_deliveries_line_links_to_the_filtered_admin(staff_client):
    for status in (Delivery.Status.FAILED, Delivery.Status.FAILED, Delivery.Status.SENT):
        Delivery.objects.create(channel="email", address="someone@example.com", subject="s", body="b", status=status)
    page = staff_client.get("/staff/").content.decode()
    assert "消息发送失败 2 条" in page
    assert reverse("admin:notifications_delivery_changelist") + "?status__exact=failed" in page
    assert "someone@example.com" not in page
    changelist = staff_client.get(reverse("admin:notifications_delivery_changelist") + "?status__exact=failed")
    assert changelist.status_code == 200


def test_the_departments_table_puts_the_most_overdue_first(staff_client):
    past = datetime.date(2020, 1, 1)
    IssueFactory(department="区民政局", due_on=past)
    for _n in range(2):
        IssueFactory(department="区住建局", due_on=past)
    IssueFactory(department="区教育局")
    page = staff_client.get("/staff/").content.decode()
    table = page[page.index('id="departments"') :]
    assert table.index("区住建局") < table.index("区民政局") < table.index("区教育局")
    rows = {row["label"]: row for row in breakdown_by_department()}
    assert rows["区住建局"]["overdue"] == 2


def test_the_admin_lists_extensions_follow_ups_and_followers_without_addresses(staff_client, extension):
    from issues.models import IssueFollower

    IssueFollower.objects.create(issue=extension.issue, email="follower-secret@example.com", token="t" * 40)
    for url in (
        "/admin/issues/extensionrequest/?status__exact=pending",
        "/admin/issues/followupvisit/",
        "/admin/issues/issuefollower/",
        "/admin/issues/issuecategory/",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert "follower-secret@example.com" not in response.content.decode()
    follower = IssueFollower.objects.get()
    assert (
        "follower-secret@example.com"
        not in staff_client.get(reverse("admin:issues_issuefollower_change", args=[follower.pk])).content.decode()
    )
    response = staff_client.post(reverse("admin:issues_issuefollower_delete", args=[follower.pk]), {"post": "yes"})
    assert response.status_code == 302 and not IssueFollower.objects.exists()
    response = staff_client.post(
        "/admin/issues/extensionrequest/", {"action": "approve", "_selected_action": [extension.pk]}
    )
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.APPROVED


def _loop_records():
    """Pending extensions, escalations, returned issues and failed deliveries, in proportion to
    the district (so a 10x district has ten times as many)."""
    issues = list(Issue.objects.open().exclude(department=None).order_by("pk")[: Issue.objects.count() // 20])
    for index, issue in enumerate(issues):
        if index % 3 == 0 and not issue.extension_requests.exists():
            ExtensionRequest.objects.create(
                issue=issue,
                department=issue.department,
                current_due_on=issue.due_on,
                requested_due_on=datetime.date(2031, 1, 1),
                reason="需要更多时间",
            )
        elif index % 3 == 1:
            Issue.objects.filter(pk=issue.pk).update(handling=Issue.Handling.RETURNED)
        else:
            Issue.objects.filter(pk=issue.pk).update(triage_level=Issue.Triage.DISTRICT)
        Delivery.objects.create(channel="email", address="x@example.com", subject="s", body="b", status="failed")


@pytest.mark.slow
def test_the_dashboard_query_count_is_pinned_at_1x_and_10x(client, staff, query_pins):
    street_user = UserFactory(username="street-staff-pin")

    def measure():
        PortalSettings.load()
        _loop_records()
        street = Street.objects.order_by("pk").first()
        StreetStaff.objects.update_or_create(user=street_user, defaults={"street": street})
        client.force_login(staff)
        counts = {"district": query_pins.count(client, "/staff/", DASHBOARD_MAX_QUERIES)}
        client.force_login(street_user)
        counts["street"] = query_pins.count(client, "/staff/", STREET_DASHBOARD_MAX_QUERIES)
        counts["street_report"] = query_pins.count(client, "/staff/report/2020-07/", STREET_REPORT_MAX_QUERIES)
        return counts

    query_pins.same_at_1x_and_10x(measure)
