"""Writes for notifications: put a message in users' inboxes and queue its deliveries.

Nothing is sent inside the request: deliveries are created in the caller's transaction and
queued for the worker when it commits, so a rolled-back write sends nothing.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Delivery, Notification
from .tasks import enqueue_delivery


def _queue(delivery: Delivery) -> None:
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))


def _user_deliveries(user, notification: Notification, channels: Iterable[str]) -> list[Delivery]:
    addresses = {"email": (user.email or "").strip(), "sms": (getattr(user, "phone", "") or "").strip()}
    deliveries = []
    for name in channels:
        address = addresses.get(name, "")
        if not address:
            continue
        deliveries.append(
            Delivery(
                notification=notification,
                channel=name,
                address=address,
                subject=notification.title,
                body=notification.body + (f"\n\n{notification.url}" if notification.url else ""),
                dedupe_key=notification.dedupe_key,
            )
        )
    return deliveries


@transaction.atomic
def notify(
    *, recipients, kind: str, title: str, body: str = "", url: str = "", dedupe_key: str = "", channels=("email",)
) -> list[Notification]:
    """Put a message in each recipient's inbox and queue it on `channels` ("email", "sms",
    "wechat") where the user has an address. Inactive users and duplicates are skipped; with a
    `dedupe_key`, a recipient who already has that key gets nothing new (reminders run daily and
    must never repeat)."""
    created = []
    seen = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        if dedupe_key and Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
            continue
        notification = Notification(recipient=user, kind=kind, title=title[:200], body=body, url=url)
        notification.dedupe_key = dedupe_key
        notification.full_clean()
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:  # a concurrent run created the same reminder
            continue
        for delivery in _user_deliveries(user, notification, channels):
            delivery.save()
            _queue(delivery)
        created.append(notification)
    return created


@transaction.atomic
def message_send(
    *, channel: str, address: str, subject: str, body: str, dedupe_key: str = "", headers: dict | None = None
) -> Delivery | None:
    """Queue one message to an address that belongs to no account (a resident following an
    issue). With a `dedupe_key`, the same message to the same address is queued once. `headers`
    are extra e-mail headers (List-Unsubscribe on the mails to followers)."""
    if dedupe_key and Delivery.objects.filter(channel=channel, address=address, dedupe_key=dedupe_key).exists():
        return None
    delivery = Delivery(
        channel=channel, address=address, subject=subject[:200], body=body, dedupe_key=dedupe_key, headers=headers or {}
    )
    delivery.full_clean()
    delivery.save()
    _queue(delivery)
    return delivery


def notification_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's messages read (all of them when `notification_ids` is None)."""
    queryset = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())


def delivery_retry(*, deliveries) -> int:
    """Staff send failed or stuck deliveries again: back to pending, queued now."""
    count = 0
    for delivery in deliveries:
        if delivery.status == Delivery.Status.SENT:
            continue
        delivery.status = Delivery.Status.PENDING
        delivery.next_attempt_at = timezone.now()
        delivery.save(update_fields=["status", "next_attempt_at"])
        transaction.on_commit(lambda pk=delivery.pk: enqueue_delivery(pk))
        count += 1
    return count


def deliveries_sweep(now=None) -> int:
    """Queue every pending delivery whose time has come (run by `send_deliveries` and
    `send_reminders`): picks up retries when the backend cannot defer, and deliveries whose
    worker died."""
    count = 0
    for pk in Delivery.objects.due(now).values_list("pk", flat=True):
        enqueue_delivery(pk)
        count += 1
    return count
