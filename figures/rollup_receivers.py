"""The signal receivers that keep the rollups exact (see `figures.rollups`).

Every write path (services, admin, API, imports, the shell) saves or deletes through the ORM, so
`pre_save`/`post_save`/`pre_delete`/`post_delete` see each row; the bulk writes that bypass them
(`bulk_create`, `update`, `bulk_update`) send `core.bulk.rows_written`/`rows_updating`. Each
receiver finds the (room, month) keys a row counts under before and after the write and
recomputes them from the raw rows, in the writer's transaction.
"""

import datetime

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from core.bulk import rows_updating, rows_written
from core.cache import changes_issue_figures, invalidate_statistics
from deliberations.models import Attendance, Session
from figures import rollups
from issues.models import Feedback, Issue
from rooms.models import Room

# model → (the paths of its room and of the date that decides its month, the fields that move them)
KEY_PATHS = {
    Session: (("room_id", "starts_at"), {"room", "room_id", "status", "starts_at"}),
    Attendance: (("session__room_id", "session__starts_at"), {"session", "session_id", "headcount"}),
    Issue: (("room_id", "reported_on"), {"room", "room_id", "status", "is_public", "reported_on"}),
    Feedback: (("issue__room_id", "issue__reported_on"), {"issue", "issue_id", "rating"}),
}


def _keys(model, queryset):
    paths, _fields = KEY_PATHS[model]
    return {(room, rollups.month_of(when)) for room, when in queryset.order_by().values_list(*paths)}


def _row_keys(model, pk):
    if pk is None:
        return set()
    return _keys(model, model._base_manager.filter(pk=pk))


# model → the fields whose values the counters read; a save that changes none of them (a topic,
# a description, a version bump) leaves every counter as it was and recomputes nothing.
COUNTED = {
    Session: ("room_id", "starts_at", "status"),
    Attendance: ("session_id", "headcount"),
    Issue: ("room_id", "reported_on", "status", "is_public"),
    Feedback: ("issue_id", "rating"),
}


def _before_save(sender, instance, **kwargs):
    instance._rollup_keys_before, instance._rollup_counted_before = set(), None
    if instance.pk is None:
        return
    paths, _fields = KEY_PATHS[sender]
    row = sender._base_manager.filter(pk=instance.pk).values_list(*paths, *COUNTED[sender]).first()
    if row is not None:
        instance._rollup_keys_before = {(row[0], rollups.month_of(row[1]))}
        instance._rollup_counted_before = tuple(row[2:])


def _instance_keys(sender, instance):
    """The key a saved row counts under: read off the row itself when both paths are its own
    fields (sessions, issues), else from the database (attendance, feedback: through a join)."""
    paths, _fields = KEY_PATHS[sender]
    if all("__" not in path for path in paths):
        room, when = (getattr(instance, path) for path in paths)
        if isinstance(when, datetime.date):  # a value typed in by hand (a string) is read back
            return {(room, rollups.month_of(when))}
    return _row_keys(sender, instance.pk)


def _after_save(sender, instance, **kwargs):
    before = getattr(instance, "_rollup_keys_before", set())
    counted = getattr(instance, "_rollup_counted_before", None)
    instance._rollup_keys_before, instance._rollup_counted_before = set(), None
    if counted is not None and counted == tuple(getattr(instance, name) for name in COUNTED[sender]):
        return
    rollups.recompute(before | _instance_keys(sender, instance))


def _before_delete(sender, instance, **kwargs):
    instance._rollup_keys_before = _row_keys(sender, instance.pk)


def _after_delete(sender, instance, **kwargs):
    rollups.recompute(getattr(instance, "_rollup_keys_before", set()))


def _bulk_written(sender, objs=None, queryset=None, fields=None, **kwargs):
    if objs is not None and not rollups.is_deferred():
        pks = [obj.pk for obj in objs if obj.pk is not None]
        rollups.recompute(_keys(sender, sender._base_manager.filter(pk__in=pks)))
        # No post_save reached core.cache.watch either.
        invalidate_statistics(issue_figures=changes_issue_figures(sender))


def _bulk_updating(sender, queryset, fields, **kwargs):
    """Note the keys of the rows an update may move; recompute them and the new ones after."""
    _paths, moving = KEY_PATHS[sender]
    if rollups.is_deferred() or (fields is not None and not (set(fields) & moving)):
        return None
    pks = list(queryset.order_by().values_list("pk", flat=True))
    before = _keys(sender, sender._base_manager.filter(pk__in=pks))

    def after():
        rollups.recompute(before | _keys(sender, sender._base_manager.filter(pk__in=pks)))
        # No post_save reached core.cache.watch either.
        invalidate_statistics(issue_figures=changes_issue_figures(sender))

    return after


def _room_before_save(sender, instance, **kwargs):
    instance._rollup_street_before = (
        Room._base_manager.filter(pk=instance.pk).values_list("street_id", flat=True).first() if instance.pk else None
    )


def _room_after_save(sender, instance, created, **kwargs):
    before = getattr(instance, "_rollup_street_before", None)
    if not created and before != instance.street_id:
        rollups.room_moved(instance.pk, before, instance.street_id)


def connect():
    for model in KEY_PATHS:
        label = model._meta.label
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"rollup-pre-save-{label}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"rollup-save-{label}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"rollup-pre-delete-{label}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"rollup-delete-{label}")
        rows_written.connect(_bulk_written, sender=model, dispatch_uid=f"rollup-bulk-{label}")
        rows_updating.connect(_bulk_updating, sender=model, dispatch_uid=f"rollup-update-{label}")
    pre_save.connect(_room_before_save, sender=Room, dispatch_uid="rollup-room-pre-save")
    post_save.connect(_room_after_save, sender=Room, dispatch_uid="rollup-room-save")
