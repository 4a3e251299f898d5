from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    """承办单位: the bureaus, street offices and enterprises that resolve issues, and their
    liaison accounts."""

    name = "departments"
    verbose_name = _("承办单位")
