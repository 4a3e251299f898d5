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


def watch(model_labels, m2m_fields=()):
    """Throw the cached figures away on every save or delete of these models ("app.Model") and
    on every change of these many-to-many fields ("app.Model.field"). The app that computes the
    figures says what they depend on (figures.apps)."""
    from django.apps import apps

    for label in model_labels:
        model = apps.get_model(label)
        post_save.connect(_on_write, sender=model, dispatch_uid=f"stats-save-{label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"stats-delete-{label}")
    for dotted in m2m_fields:
        model_label, field = dotted.rsplit(".", 1)
        through = getattr(apps.get_model(model_label), field).through
        m2m_changed.connect(_on_write, sender=through, dispatch_uid=f"stats-m2m-{through._meta.label}")
