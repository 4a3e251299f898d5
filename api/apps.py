from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open-data REST API at /api/v1/ with its OpenAPI schema."""

    name = "api"
    verbose_name = _("开放数据接口")
