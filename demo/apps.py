from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Generators of demo and scale data (load_demo, search_benchmark). Nothing imports them but
    tests and management commands."""

    name = "demo"
    verbose_name = _("演示数据")
