from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The staff back office: the Django admin, the dashboard, monthly reports, the registry
    import and the ledger (台账)."""

    name = "backoffice"
    verbose_name = _("机关后台")
