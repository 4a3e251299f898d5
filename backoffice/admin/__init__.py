"""The Django admin, the staff's main screen. Every model's admin lives here, in the back-office
layer, so that the domain apps below stay free of staff screens."""

from backoffice.admin import (  # noqa: F401
    accounts,
    deliberations,
    departments,
    figures,
    issues,
    members,
    notifications,
    rooms,
    site,
)
