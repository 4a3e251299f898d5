from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    name = "issues"
    verbose_name = _("民生问题")

    def ready(self):
        from . import search

        search.connect()  # keeps each issue's search document in step with its title and description
