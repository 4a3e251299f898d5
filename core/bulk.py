"""Signals for the writes that bypass `save()` and `delete()`.

`QuerySet.bulk_create()`, `bulk_update()` and `update()` send no `post_save`, so anything kept in
step with the rows by signal receivers (the figures' rollups) would miss them. A model whose
QuerySet derives from `SignallingQuerySet` sends `rows_written` after such a write, and
`rows_updating` before an update, so a receiver can note what the rows were before they change.

Receivers of `rows_updating` may return a callable: it is called once the update is done (in the
same transaction), which is how they compare before and after.
"""

import contextlib
import contextvars

from django.db import models
from django.dispatch import Signal

# sender: the model; queryset: the rows about to change; fields: the names being written.
rows_updating = Signal()
# sender: the model; objs: the rows created (bulk_create) or None; queryset: the rows updated or
# None; fields: the names written (None for bulk_create, every field).
rows_written = Signal()


class SignallingQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        rows_written.send(sender=self.model, objs=created, queryset=None, fields=None)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        pks = [obj.pk for obj in objs]
        after = [
            callback
            for _receiver, callback in rows_updating.send(
                sender=self.model, queryset=self.model._base_manager.filter(pk__in=pks), fields=set(fields)
            )
            if callable(callback)
        ]
        result = super().bulk_update(objs, fields, *args, **kwargs)
        for callback in after:
            callback()
        return result

    def update(self, **kwargs):
        after = [
            callback
            for _receiver, callback in rows_updating.send(sender=self.model, queryset=self, fields=set(kwargs))
            if callable(callback)
        ]
        count = super().update(**kwargs)
        for callback in after:
            callback()
        return count


# ---- write batches --------------------------------------------------------------------------
# A service that writes many rows in one transaction (a session with its attendance and ten new
# issues) runs them inside `write_batch()`: receivers that keep derived rows in step (the
# figures' rollups) note what changed instead of recomputing after every row, and recompute once
# when the batch closes, still inside the caller's transaction. Outside a batch every write is
# handled at once, as before.

_batch = contextvars.ContextVar("write_batch", default=None)
# Sent when the outermost batch closes without an error; `pending` maps a receiver's name to
# what it noted (see `batch_pending`).
batch_closing = Signal()


class write_batch(contextlib.ContextDecorator):  # noqa: N801 - used like a function, as atomic is
    def _recreate_cm(self):
        # Used as a decorator, one instance serves every call: each call (in any thread, nested or
        # not) needs its own, or concurrent calls would reset one another's context token.
        return type(self)()

    def __enter__(self):
        self._token = _batch.set({}) if _batch.get() is None else None
        return self

    def __exit__(self, exc_type, exc, tb):
        if self._token is None:  # an inner batch: the outermost one closes it
            return False
        pending = _batch.get()
        _batch.reset(self._token)
        if exc_type is None and pending:
            batch_closing.send(sender=None, pending=pending)
        return False


def batch_pending(name):
    """The set a receiver called `name` adds its notes to while a batch is open, else None."""
    batch = _batch.get()
    return None if batch is None else batch.setdefault(name, set())
