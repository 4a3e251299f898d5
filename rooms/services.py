"""Writes to the room registry: activating rooms, and the records the Excel import creates or
updates (streets, communities, sectors, rooms, conveners; see backoffice/importers.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Community, Convenership, Room, Sector, Street
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


# ---- the registry (used by the Excel import, backoffice/importers.py) ---------------------------
#
# Each service creates a record (when given none) or brings an existing one to the given values,
# and answers what it did: "created", "updated" or "unchanged" (nothing is written when no value
# differs, so importing the same workbook twice changes nothing). A record that breaks a model
# rule raises ValidationError before anything is written; the savepoint of @transaction.atomic
# lets the importer note the error and go on to the next row, all inside its one transaction.

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _apply(obj, values: dict, exclude=None) -> str:
    created = obj.pk is None
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if not created and not changed:
        return UNCHANGED
    for name, value in changed.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=exclude)
    obj.save()
    return CREATED if created else UPDATED


@transaction.atomic
def street_save(*, street: Street | None = None, name: str, kind: str, ordering: int | None = None):
    """Create the street (街道/镇/园区) `name`, or set the kind of `street`. A new street takes
    `ordering`; an existing one keeps its place. Returns (street, what was done)."""
    if street is None:
        street = Street(name=name, ordering=ordering or 0)
    return street, _apply(street, {"kind": kind})


@transaction.atomic
def community_save(*, community: Community | None = None, street: Street, name: str, kind: str):
    """Create the community `name` of `street`, or set the kind of `community`."""
    if community is None:
        community = Community(name=name, street=street)
    return community, _apply(community, {"kind": kind})


@transaction.atomic
def sector_create(*, name: str, ordering: int):
    """Create the sector (界别) `name` at `ordering`. Returns (sector, "created")."""
    sector = Sector(name=name, ordering=ordering)
    sector.full_clean()
    sector.save()
    return sector, CREATED


@transaction.atomic
def room_save(
    *,
    room: Room | None = None,
    name: str,
    level: str,
    street: Street | None = None,
    community: Community | None = None,
    sector: Sector | None = None,
    address: str = "",
    established_on=None,
    is_active: bool = True,
    public_phone: str = "",
    description: str = "",
):
    """Create the room `name`, or bring `room` to the given registry values (its photo and
    everything else the registry does not hold are kept). Returns (room, what was done)."""
    if room is None:
        room = Room(name=name)
    values = {
        "level": level,
        "street_id": street.pk if street else None,
        "community_id": community.pk if community else None,
        "sector_id": sector.pk if sector else None,
        "address": address,
        "established_on": established_on,
        "is_active": is_active,
        "public_phone": public_phone,
        "description": description,
    }
    return room, _apply(room, values, exclude=["photo"])


@transaction.atomic
def convenership_save(*, convenership: Convenership | None = None, user, room: Room, started_on=None):
    """Make `user` a convener (召集人) of `room` since `started_on`, or change the date of
    `convenership`. Returns (convenership, what was done)."""
    if convenership is None:
        convenership = Convenership(user=user, room=room)
    return convenership, _apply(convenership, {"started_on": started_on})
