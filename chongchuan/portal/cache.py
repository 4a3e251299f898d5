"""The statistics cache: figures are computed once and kept until a write changes them.

Every cached figure is stored under a key that contains the current *generation* token. A
write to any model the figures depend on replaces the token, so all cached figures are gone at
once. The token is replaced immediately (readers in the same transaction see fresh figures)
and again on commit (so a reader that recomputed between the write and the commit, and so
cached the old data, is thrown away too).

Signals are the one place every write path passes (admin, services, API, shell). Writes made
with `QuerySet.update()` or `bulk_create()` send no signal: their callers call
`invalidate_statistics()` themselves.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

GENERATION_KEY = "stats:generation"
TIMEOUT = 24 * 60 * 60


def invalidate_statistics():
    """Throw away every cached figure, now and again when the current transaction commits."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def cached_statistic(name, compute):
    """Return the cached value of `name`, computing and storing it on a miss."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    # Labels inside the figures (room levels, ratings, months) are translated when computed, so
    # each language keeps its own copy.
    key = f"stats:{generation}:{get_language() or 'default'}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _on_write(sender, **kwargs):
    invalidate_statistics()


def _connect():
    from django.apps import apps

    watched = [
        "rooms.Street",
        "rooms.Community",
        "rooms.Sector",
        "rooms.Room",
        "rooms.Convenership",
        "deliberations.Session",
        "deliberations.Attendance",
        "deliberations.Campaign",
        "issues.IssueCategory",
        "issues.Issue",
        "issues.IssueUpdate",
        "issues.Feedback",
        "issues.Outcome",
        "portal.MediaReport",
        "portal.Visit",
    ]
    for label in watched:
        model = apps.get_model(label)
        post_save.connect(_on_write, sender=model, dispatch_uid=f"stats-save-{label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"stats-delete-{label}")
    for through in (
        apps.get_model("issues.Issue").deliberated_in.through,
        apps.get_model("issues.Outcome").issues.through,
        apps.get_model("issues.Outcome").sessions.through,
    ):
        m2m_changed.connect(_on_write, sender=through, dispatch_uid=f"stats-m2m-{through._meta.label}")


_connect()
