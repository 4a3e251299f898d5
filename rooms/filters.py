"""Filters of rooms and communities: the public room directory and the API read the same ones."""

import django_filters
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.filtersets import (
    PAGE_OPTIONS_MAX,
    IdFilter,
    ModelIdFilter,
    PublicFilterSet,
    RecordByNameField,
    SearchFilter,
    StrictBooleanFilter,
)

from .models import Community, Room, Sector, Street


class CommunityFilter(PublicFilterSet):
    street = IdFilter(field_name="street_id", label=_("所属街道编号。"))
    search = SearchFilter(search_fields=["name"], label=_("按名称搜索。"))

    class Meta:
        model = Community
        fields = []


class RoomFilter(PublicFilterSet):
    search = SearchFilter(
        search_fields=["name", "address", "description"], label=_("关键词"), help_text=_("按名称、地址或简介搜索。")
    )
    level = django_filters.ChoiceFilter(
        choices=Room.Level.choices, label=_("层级"), help_text=_("层级。"), empty_label=_("全部层级")
    )
    street = ModelIdFilter(
        queryset=Street.objects.all(),
        label=_("所属街道"),
        help_text=_("所属街道编号。"),
        empty_label=_("全部街道"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    community = IdFilter(field_name="community_id", label=_("所属社区编号。"))
    sector = ModelIdFilter(
        queryset=Sector.objects.all(),
        label=_("所属界别"),
        help_text=_("所属界别编号。"),
        empty_label=_("全部界别"),
        page_options_max=PAGE_OPTIONS_MAX,
    )
    is_active = StrictBooleanFilter(field_name="is_active", label=_("是否启用：true 或 false。"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("sessions_held", "sessions_held"),
            ("person_times", "person_times"),
            ("issues_resolved", "issues_resolved"),
        ),
        field_labels={
            "name": _("名称"),
            "sessions_held": _("议事场次"),
            "person_times": _("参与人次"),
            "issues_resolved": _("解决问题数"),
        },
        label=_("排序"),
        empty_label=_("默认排序"),
    )

    # The page lists active rooms only and sorts with its own `ordering`; the API sorts through
    # `core.api.ordering.StrictOrderingFilter`.
    page_fields = ("search", "level", "street", "sector", "ordering")
    api_fields = ("street", "community", "sector", "level", "is_active", "search")

    class Meta:
        model = Room
        fields = []


# The page's room dropdown lists every room while there are at most this many; past it (a city or
# a province), it lists the rooms of the chosen street, so that the page stays a few kilobytes.
ROOM_PICKER_ALL_MAX = 300


def _posted_id(data, name):
    try:
        value = int(data.get(name) or 0)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


class StreetFirstRoomPicker:
    """For a page's filter form with a `street` and a `room` field: the room dropdown offers
    the rooms of the chosen street (or of the chosen room's street), and every room only while
    there are at most `ROOM_PICKER_ALL_MAX`. The field still accepts any room id (the list of a
    room page links here with `?room=`); only what the dropdown renders is narrowed. One query,
    whatever the number of rooms. static/js/room-picker.js refills the dropdown when the street
    changes."""

    @property
    def form(self):
        form = super().form
        if getattr(self, "page", False) and not getattr(self, "_room_choices_narrowed", False):
            self._room_choices_narrowed = True
            narrow_room_choices(form, self.data or {})
        return form


def rooms_for_picker(*, street_id=None, room_id=None):
    """The rooms a filter form's room dropdown offers, in directory order: those of the street
    (or of the room's street), or every room while there are at most `ROOM_PICKER_ALL_MAX`.
    Returns `(rooms, narrowed)`: `narrowed` is true when a street must be chosen first. One query."""
    rooms = Room.objects.in_directory_order().only("pk", "name")
    if street_id:
        return list(rooms.filter(street_id=street_id)), False
    if room_id:
        street = Room.objects.filter(pk=room_id).values("street_id")[:1]
        options = list(rooms.filter(street_id=models.Subquery(street)))
        # A room with no street (界别, parks) offers itself.
        return (options or list(rooms.filter(pk=room_id))), False
    options = list(rooms[: ROOM_PICKER_ALL_MAX + 1])
    if len(options) > ROOM_PICKER_ALL_MAX:
        return [], True
    return options, False


def narrow_room_choices(form, data):
    field = form.fields.get("room")
    if field is None or "street" not in form.fields:
        return
    street_field = form.fields["street"]
    if isinstance(street_field, RecordByNameField):  # a province: the street typed by name
        street = street_field.resolve(data.get("street"))
        street_id = street.pk if street else None
    else:
        street_id = _posted_id(data, "street")
    options, narrowed = rooms_for_picker(street_id=street_id, room_id=_posted_id(data, "room"))
    if narrowed:
        field.help_text = _("请先选择所属街道，再选择议事室。")
        field.widget.attrs["aria-describedby"] = f"{form['room'].auto_id}_help"
    # Only what the dropdown renders: the field still validates any room id against its queryset.
    field.widget.choices = [("", field.empty_label), *((room.pk, room.name) for room in options)]
    field.widget.attrs["data-room-picker"] = "room"
    field.widget.attrs["data-options-url"] = reverse("rooms:options")
    form.fields["street"].widget.attrs["data-room-picker"] = "street"
