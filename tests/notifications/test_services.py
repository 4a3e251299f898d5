"""Notifications: queued on commit, sent by the worker, retried with backoff, never twice."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from notifications import services, tasks
from notifications.channels import ChannelError
from notifications.models import Delivery, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory(username="reader", email="reader@example.cn", phone="13900000000")


def test_notify_puts_a_message_in_the_inbox_and_sends_the_mail_only_after_commit(
    reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = services.notify(recipients=[reader], kind="reminder", title="提醒：有 2 个问题即将到期", url="/dept/")
        assert len(mail.outbox) == 0  # nothing is sent inside the request
    assert len(created) == 1 and Notification.objects.get().recipient == reader
    assert Delivery.objects.get().status == Delivery.Status.PENDING
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["reader@example.cn"]]
    assert mail.outbox[0].subject == "提醒：有 2 个问题即将到期"
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1 and delivery.sent_at


def test_a_rolled_back_write_sends_nothing(reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            from django.db import transaction

            with transaction.atomic():
                services.notify(recipients=[reader], kind="reminder", title="不会发出")
                raise RuntimeError("the caller's write failed")
        except RuntimeError:
            pass
    assert Notification.objects.count() == 0 and len(mail.outbox) == 0


def test_the_same_dedupe_key_is_sent_once(reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[reader], kind="reminder", title="今日提醒", dedupe_key="dept:1:2020-08-26")
        services.notify(recipients=[reader], kind="reminder", title="今日提醒", dedupe_key="dept:1:2020-08-26")
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_inactive_users_and_users_without_address_get_no_mail(django_capture_on_commit_callbacks):
    gone = UserFactory(username="gone", email="gone@example.cn", is_active=False)
    no_mail = UserFactory(username="nomail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[gone, no_mail], kind="reminder", title="提醒")
    assert Notification.objects.filter(recipient=no_mail).count() == 1
    assert not Notification.objects.filter(recipient=gone).exists()
    assert len(mail.outbox) == 0


def test_a_failed_send_is_retried_with_backoff_and_finally_marked_failed(reader, django_capture_on_commit_callbacks):
    with mock.patch("notifications.channels.EmailChannel.send", side_effect=ChannelError("SMTP down")):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(recipients=[reader], kind="reminder", title="邮件服务器故障时")
        delivery = Delivery.objects.get()
        assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
        assert "SMTP down" in delivery.last_error
        assert delivery.next_attempt_at > timezone.now()  # waits before the next try
        for attempt in range(2, tasks.MAX_ATTEMPTS + 1):
            tasks.deliver.call(delivery.pk)
            delivery.refresh_from_db()
            assert delivery.attempts == attempt
    assert delivery.status == Delivery.Status.FAILED  # shown to staff, who can send it again
    with django_capture_on_commit_callbacks(execute=True):
        assert services.delivery_retry(deliveries=Delivery.objects.failed()) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and len(mail.outbox) == 1


def test_backoff_grows():
    assert [tasks.backoff(n) for n in (1, 2, 3)] == [
        datetime.timedelta(minutes=1),
        datetime.timedelta(minutes=4),
        datetime.timedelta(minutes=16),
    ]


def test_the_sweep_queues_due_deliveries_once_the_mail_server_is_back(reader, django_capture_on_commit_callbacks):
    with mock.patch("notifications.channels.EmailChannel.send", side_effect=OSError("connection refused")):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(recipients=[reader], kind="reminder", title="延迟但不丢失")
    assert len(mail.outbox) == 0
    assert services.deliveries_sweep() == 0  # not due yet
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert services.deliveries_sweep(now=later) == 1
    assert len(mail.outbox) == 1 and Delivery.objects.get().status == Delivery.Status.SENT


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_the_worker_sends(reader, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[reader], kind="reminder", title="由后台任务发送")
    assert len(mail.outbox) == 0  # queued in the database
    # The worker closes "old" connections between tasks; inside the test's transaction that would
    # close the test's own connection on PostgreSQL.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1


def test_a_message_to_a_resident_address_is_queued_once_per_key(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            channel="email", address="resident@example.cn", subject="关注确认", body="…", dedupe_key="k"
        )
        services.message_send(
            channel="email", address="resident@example.cn", subject="关注确认", body="…", dedupe_key="k"
        )
    assert len(mail.outbox) == 1
