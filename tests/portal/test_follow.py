"""Following an issue by e-mail: double opt-in, mails on status changes with a one-click
unsubscribe that deletes the address, Chinese pages for bad links, rate limit, published issues only."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from issues.following import CONFIRMATION_DAYS
from issues.models import Issue, IssueFollower
from issues.services import issue_mark_duplicate, issue_post_update
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db

ADDRESS = "resident.follower@example.net"
SENT = "确认邮件已发送到您的邮箱，请在 7 天内点击邮件中的链接完成关注。"


@pytest.fixture
def issue(room):
    return IssueFactory(room=room, title="河边路灯不亮", status=Issue.Status.DELIBERATING)


def follow(client, issue, email=ADDRESS, **extra):
    return client.post(reverse("issues:follow", args=[issue.pk]), {"email": email}, **extra)


def subscribe(client, issue, capture, email=ADDRESS):
    with capture(execute=True):
        response = follow(client, issue, email)
    assert response.status_code == 302
    return IssueFollower.objects.get(issue=issue, email=email)


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def change_status(issue, convener, capture, status_to=Issue.Status.IN_PROGRESS):
    with capture(execute=True):
        issue_post_update(issue=issue, author=convener, note="社区已联系供电部门。", status_to=status_to)


def test_the_issue_page_offers_the_follow_form(client, issue):
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "关注办理进展" in html
    assert 'for="follow_email"' in html and 'type="email"' in html
    assert "只用于通知本问题的进展，不会公开，可随时一键退订。" in html


def test_subscribe_sends_one_confirmation_mail_and_says_so(client, issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, issue)
    assert response.status_code == 302
    assert response["Location"] == issue.get_absolute_url() + "#follow"
    follower = IssueFollower.objects.get(issue=issue)
    assert follower.email == ADDRESS and follower.confirmed_at is None
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert reverse("issues:follow-confirm", args=[follower.token]) in message.body
    page = client.get(response["Location"]).content.decode()
    assert SENT in page
    assert ADDRESS not in page  # the address is never shown back on the public page


def test_same_answer_whether_or_not_the_address_already_follows(client, issue, django_capture_on_commit_callbacks):
    follower = subscribe(client, issue, django_capture_on_commit_callbacks)
    client.post(reverse("issues:follow-confirm", args=[follower.token]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = follow(client, issue, ADDRESS.upper())
    assert again.status_code == 302
    assert SENT in client.get(again["Location"]).content.decode()
    assert mail.outbox == []  # a confirmed address gets nothing new
    assert IssueFollower.objects.filter(issue=issue).count() == 1


def test_nothing_is_sent_before_the_address_is_confirmed(client, issue, convener, django_capture_on_commit_callbacks):
    subscribe(client, issue, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    change_status(issue, convener, django_capture_on_commit_callbacks)
    assert mails_to(ADDRESS) == []


def test_confirm_link_shows_a_button_and_only_its_post_confirms(client, issue, django_capture_on_commit_callbacks):
    follower = subscribe(client, issue, django_capture_on_commit_callbacks)
    url = reverse("issues:follow-confirm", args=[follower.token])
    page = client.get(url)  # what a mail scanner does
    assert page.status_code == 200
    html = page.content.decode()
    assert "确认关注" in html and '<form method="post"' in html and issue.title in html
    assert page["Referrer-Policy"] == "same-origin"
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    done = client.post(url)
    assert done.status_code == 200
    assert "关注成功" in done.content.decode()
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    assert "您已经关注了这个问题" in client.get(url).content.decode()


def test_a_status_change_mails_the_follower_with_an_unsubscribe_link(
    client, issue, convener, django_capture_on_commit_callbacks
):
    follower = subscribe(client, issue, django_capture_on_commit_callbacks)
    client.post(reverse("issues:follow-confirm", args=[follower.token]))
    mail.outbox.clear()
    change_status(issue, convener, django_capture_on_commit_callbacks)
    [message] = mails_to(ADDRESS)
    assert issue.title in message.subject and "办理中" in message.subject
    unsubscribe = reverse("issues:unfollow", args=[follower.token])
    assert unsubscribe in message.body
    assert issue.get_absolute_url() in message.body


def test_unsubscribe_shows_a_button_its_post_deletes_the_address_and_stops_mails(
    client, issue, convener, django_capture_on_commit_callbacks
):
    follower = subscribe(client, issue, django_capture_on_commit_callbacks)
    client.post(reverse("issues:follow-confirm", args=[follower.token]))
    url = reverse("issues:unfollow", args=[follower.token])
    page = client.get(url)
    assert page.status_code == 200 and "一键退订" in page.content.decode()
    assert IssueFollower.objects.filter(pk=follower.pk).exists()  # a GET changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "已退订" in done.content.decode()
    assert not IssueFollower.objects.filter(pk=follower.pk).exists()
    assert not IssueFollower.objects.filter(email=ADDRESS).exists()
    mail.outbox.clear()
    change_status(issue, convener, django_capture_on_commit_callbacks)
    assert mails_to(ADDRESS) == []
    again = client.post(url)  # a second click
    assert again.status_code == 404 and "退订链接无效或已经用过" in again.content.decode()


def test_rfc_8058_one_click_unsubscribe_needs_no_csrf_token(issue, django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    follower = subscribe(Client(), issue, django_capture_on_commit_callbacks)
    response = client.post(
        reverse("issues:unfollow", args=[follower.token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not IssueFollower.objects.filter(pk=follower.pk).exists()


def test_confirming_needs_the_csrf_token_of_the_page(issue, django_capture_on_commit_callbacks):
    follower = subscribe(Client(), issue, django_capture_on_commit_callbacks)
    client = Client(enforce_csrf_checks=True)
    url = reverse("issues:follow-confirm", args=[follower.token])
    assert client.post(url).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 200
    follower.refresh_from_db()
    assert follower.confirmed_at is not None


@pytest.mark.parametrize("name", ["issues:follow-confirm", "issues:unfollow"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_links_get_a_chinese_page_with_a_way_back(client, name, method):
    response = getattr(client, method)(reverse(name, args=["no-such-token-0123456789"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "链接已失效" in html and "无效或已经用过" in html
    assert reverse("issues:list") in html


def test_an_expired_confirmation_link_is_gone_and_deletes_the_waiting_address(
    client, issue, django_capture_on_commit_callbacks
):
    follower = subscribe(client, issue, django_capture_on_commit_callbacks)
    IssueFollower.objects.filter(pk=follower.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=CONFIRMATION_DAYS, hours=1)
    )
    url = reverse("issues:follow-confirm", args=[follower.token])
    page = client.get(url)
    assert page.status_code == 410 and "已超过 7 天" in page.content.decode()
    assert IssueFollower.objects.filter(pk=follower.pk).exists()  # the GET changes nothing
    confirm = client.post(url)
    assert confirm.status_code == 410 and "已经失效" in confirm.content.decode()
    assert not IssueFollower.objects.filter(pk=follower.pk).exists()
    assert client.post(url).status_code == 404


def test_bad_address_is_refused_in_chinese_and_kept(client, issue):
    response = follow(client, issue, "not-an-address")
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写有效的电子邮箱地址" in html
    assert 'value="not-an-address"' in html
    assert not IssueFollower.objects.exists()


def test_following_is_rate_limited_per_ip(client, issue, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATE_LIMITS = {"follow": (2, 600)}
    with django_capture_on_commit_callbacks(execute=True):
        assert follow(client, issue, "a@example.net").status_code == 302
        assert follow(client, issue, "b@example.net").status_code == 302
        limited = follow(client, issue, "c@example.net")
    assert limited.status_code == 429
    html = limited.content.decode()
    assert "您提交得太频繁了" in html and 'value="c@example.net"' in html
    assert not IssueFollower.objects.filter(email="c@example.net").exists()
    assert len(mail.outbox) == 2
    other_ip = follow(client, issue, "c@example.net", REMOTE_ADDR="10.9.8.7")
    assert other_ip.status_code == 302


def test_an_unpublished_issue_cannot_be_followed(client, room, staff, django_capture_on_commit_callbacks):
    private = IssueFactory(room=room, is_public=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert follow(client, private).status_code == 404
        client.force_login(staff)  # staff see the unpublished issue, but cannot follow it either
        assert "关注办理进展" not in client.get(private.get_absolute_url()).content.decode()
        assert follow(client, private).status_code == 404
    assert not IssueFollower.objects.exists()
    assert mail.outbox == []


def test_a_merged_duplicate_points_to_the_issue_to_follow(client, issue, room, convener):
    duplicate = IssueFactory(room=room, title="路灯坏了没人修", status=Issue.Status.DELIBERATING)
    issue_mark_duplicate(issue=duplicate, of=issue, author=convener)
    html = client.get(duplicate.get_absolute_url()).content.decode()
    assert "关注办理进展" not in html
    response = follow(client, duplicate)
    assert response.status_code == 400
    assert "请关注合并后的问题" in response.content.decode()
    assert not IssueFollower.objects.exists()


def test_follow_pages_say_nothing_about_other_followers(client, issue, django_capture_on_commit_callbacks):
    mine = subscribe(client, issue, django_capture_on_commit_callbacks)
    subscribe(client, issue, django_capture_on_commit_callbacks, email="neighbour@example.org")
    for url in (
        reverse("issues:follow-confirm", args=[mine.token]),
        reverse("issues:unfollow", args=[mine.token]),
        issue.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert "neighbour@example.org" not in html and ADDRESS not in html
        assert "2 人" not in html and "关注人数" not in html


def test_the_follow_form_only_accepts_post(client, issue):
    assert client.get(reverse("issues:follow", args=[issue.pk])).status_code == 405
