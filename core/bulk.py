"""Signals for the writes that bypass `save()` and `delete()`.

`QuerySet.bulk_create()`, `bulk_update()` and `update()` send no `post_save`, so anything kept in
step with the rows by signal receivers (the figures' rollups) would miss them. A model whose
QuerySet derives from `SignallingQuerySet` sends `rows_written` after such a write, and
`rows_updating` before an update, so a receiver can note what the rows were before they change.

Receivers of `rows_updating` may return a callable: it is called once the update is done (in the
same transaction), which is how they compare before and after.
"""

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
