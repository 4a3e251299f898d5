"""Where a user lands after logging in."""

from django.urls import reverse

from .roles import is_staff

# Set in the session at login for a liaison of an active department, by the department
# workspace (liaison/signals.py), which may ask the departments app; accounts may not. The
# header reads it too, so that showing the 承办工作台 link costs no query.
DEPARTMENT_WORKSPACE_KEY = "department_workspace"


def landing_url(user, session) -> str:
    """Staff and conveners land on 我的议事室 (/my/); a department's liaison on the department
    workspace 承办工作台 (/dept/)."""
    if not is_staff(user) and session.get(DEPARTMENT_WORKSPACE_KEY):
        return reverse("liaison:home")
    return reverse("workspace:home")
