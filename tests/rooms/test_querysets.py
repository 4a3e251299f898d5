"""The rooms' QuerySet words, and the rule that constraints read the choices' `.values`."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from rooms.models import Room, Street

from ..factories import RoomFactory, StreetFactory

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = {"core", "accounts", "notifications", "rooms", "departments", "issues", "deliberations", "figures"}


@pytest.mark.django_db
def test_active_returns_only_rooms_in_service():
    active = RoomFactory()
    RoomFactory(is_active=False)
    assert list(Room.objects.active()) == [active]


@pytest.mark.django_db
def test_active_q_counts_active_rooms_across_a_relation():
    street = StreetFactory()
    RoomFactory(level=Room.Level.STREET, street=street, community=None)
    RoomFactory(level=Room.Level.STREET, street=street, community=None, is_active=False)
    empty = StreetFactory()
    counted = Street.objects.annotate(
        active_rooms=models.Count("rooms", filter=Room.active_q("rooms"), distinct=True)
    ).order_by("pk")
    assert {s.pk: s.active_rooms for s in counted} == {street.pk: 1, empty.pk: 0}


def _choice_constraints():
    """(model, field, values in the constraint) for every `<field>__in` CheckConstraint."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            for child in constraint.condition.children:
                if isinstance(child, tuple) and child[0].endswith("__in"):
                    yield model, child[0].removesuffix("__in"), list(child[1])


def test_every_choice_constraint_allows_exactly_the_fields_choices():
    found = list(_choice_constraints())
    assert len(found) >= 10  # room level, session status, attendance role, issue status, ...
    for model, field_name, allowed in found:
        field = model._meta.get_field(field_name)
        assert allowed == [value for value, _label in field.choices], (model, field_name)


def test_no_constraint_retypes_choice_values():
    """Constraints read `Status.values`: no `__in=["...", ...]` list typed by hand in a model."""
    retyped = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/models.py")
        if re.search(r'__in=\[\s*"', path.read_text(encoding="utf-8"))
    ]
    assert retyped == []
