"""The role matrix of the permission tests: who may do what is checked for each of these users.

`convener` convenes the `room` fixture, `other_convener` the `other_room` fixture, and
`inactive_convener` convenes `room` but has been deactivated."""

import pytest

ROLES = ("anonymous", "resident", "convener", "other_convener", "staff", "superuser", "inactive_convener")


def table(*allowed):
    """role -> expected answer: True for the roles named, False for every other role."""
    unknown = set(allowed) - set(ROLES)
    assert not unknown, unknown
    return {role: role in allowed for role in ROLES}


def cases(tables):
    """pytest parameters (name, role, expected) for every cell of `name -> table`, with readable ids."""
    return [
        pytest.param(name, role, expected, id=f"{name}-{role}")
        for name, answers in tables.items()
        for role, expected in answers.items()
    ]
