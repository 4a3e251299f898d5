"""Background tasks (django-tasks): each delivery is sent by the worker, never in the request.

A failed send is retried with exponential backoff (1, 4, 16, 64 minutes ...) up to
`MAX_ATTEMPTS`; after that the delivery is marked failed and shown to staff (admin and
dashboard), who can send it again. With a backend that cannot defer (the immediate backend in
tests) the retry waits for the next `manage.py send_deliveries` sweep instead.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .channels import channel
from .models import Delivery

logger = logging.getLogger("notifications")

MAX_ATTEMPTS = 6
BACKOFF_BASE_MINUTES = 1


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before attempt `attempts + 1`: 1, 4, 16, 64 ... minutes."""
    return datetime.timedelta(minutes=BACKOFF_BASE_MINUTES * 4 ** max(attempts - 1, 0))


def enqueue_delivery(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    """Queue one delivery for the worker (deferred when the backend can defer)."""
    if run_after is not None and default_task_backend.supports_defer:
        deliver.using(run_after=run_after).enqueue(delivery_id)
    elif run_after is None:
        deliver.enqueue(delivery_id)


@task()
def deliver(delivery_id: int) -> str:
    """Send one delivery through its channel; record the outcome; schedule a retry on failure."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status != Delivery.Status.PENDING:
            return "skipped"
        delivery.attempts += 1
        try:
            extra = {"headers": delivery.headers} if delivery.headers else {}  # a custom channel may not take them
            channel(delivery.channel).send(
                address=delivery.address, subject=delivery.subject, body=delivery.body, **extra
            )
        except Exception as error:  # any failure of the channel is retried, never lost
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = Delivery.Status.FAILED
            else:
                delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
            delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            logger.warning("delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, delivery.last_error)
            if delivery.status == Delivery.Status.PENDING:
                next_at = delivery.next_attempt_at
                transaction.on_commit(lambda: enqueue_delivery(delivery_id, run_after=next_at))
            return "failed"
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"
