"""The Django admin, the staff's main screen. Every model's admin lives here, in the back-office
layer, so that the domain apps below stay free of staff screens."""

from backoffice.admin import (  # noqa: F401
    accounts,
    announcements,
    deliberations,
    departments,
    figures,
    issues,
    notifications,
    rooms,
    site,
)
