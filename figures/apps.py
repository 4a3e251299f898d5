from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The district's figures (totals, coverage, breakdowns, campaign progress) and the
    publicity records they count. Pages, the API and exports all read them from here."""

    name = "figures"
    verbose_name = _("宣传与统计")

    def ready(self):
        from core import cache
        from figures import rollup_receivers

        rollup_receivers.connect()  # the rollups follow every write (figures.rollups)

        cache.watch(
            [
                "rooms.Street",
                "rooms.Community",
                "rooms.Sector",
                "rooms.Room",
                "rooms.Convenership",
                "departments.Department",
                "deliberations.Session",
                "deliberations.Attendance",
                "deliberations.Campaign",
                "issues.IssueCategory",
                "issues.Issue",
                "issues.IssueUpdate",
                "issues.Feedback",
                "issues.Outcome",
                "figures.MediaReport",
                "figures.Visit",
            ],
            m2m_fields=["issues.Issue.deliberated_in", "issues.Outcome.issues", "issues.Outcome.sessions"],
        )
