from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The conveners' workspace at /my/: log sessions, follow issues, review suggestions."""

    name = "workspace"
    verbose_name = _("召集人工作台")
