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
        # The figures from issues and ratings alone (by category, by department, satisfaction)
        # read none of these: a session logged with its attendance, members, photos and history,
        # a media report or a visit leaves them cached. Issues raised or linked in a session are
        # written through their own models, which do replace them; so do issues written in bulk
        # (figures.rollup_receivers), which is also when the rollup rows below change with them.
        from deliberations.models import Session

        cache.issue_figures_unaffected_by(
            [
                "deliberations.Session",
                Session.history.model._meta.label,
                "deliberations.Attendance",
                "deliberations.SessionPhoto",
                Session.cppcc_members.through._meta.label,
                "figures.MediaReport",
                "figures.Visit",
                "figures.RoomMonthRollup",
                "figures.RoomRollup",
                "figures.StreetMonthRollup",
            ]
        )
