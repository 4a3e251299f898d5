"""Writes to the room registry made by staff outside the import (see importers.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Room
from .permissions import can_edit_room


@transaction.atomic
def rooms_set_active(*, rooms, active: bool, author) -> int:
    """Activate or deactivate rooms (启用/停用). Each changed room is saved on its own, so its
    history records who changed it; returns how many rooms changed."""
    changed = 0
    # order_by("pk"): the default ordering joins the street, which PostgreSQL cannot lock.
    for room in Room.objects.select_for_update().filter(pk__in=[room.pk for room in rooms]).order_by("pk"):
        if not can_edit_room(author, room):
            raise PermissionDenied(_("只有区政协机关工作人员可以启用或停用议事室。"))
        if room.is_active != active:
            room.is_active = active
            room.save(update_fields=["is_active", "updated_at"])
            changed += 1
    return changed
