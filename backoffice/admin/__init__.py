"""The Django admin, the staff's main screen. Every model's admin lives here, in the back-office
layer, so that the domain apps below stay free of staff screens."""

from backoffice.admin import (  # noqa: F401
    accounts,
    announcements,
    cases,
    checkins,
    deliberations,
    departments,
    figures,
    issues,
    login_lockout,
    members,
    notifications,
    rooms,
    site,
)
