"""Public pages of the sessions (议事活动): the list and each session's page."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.listing import apply_filters, filters_active, paginate
from deliberations.filters import SessionFilter
from deliberations.models import Attendance, Session
from figures.selectors import public_issues
from members.selectors import public_members_named
from portal.participation import participation_context

# Upcoming sessions shown above the list, on its first page.
UPCOMING_MAX = 10


def _upcoming_q():
    return Q(status=Session.Status.PLANNED, starts_at__gte=timezone.now())


def session_list(request):
    """议事活动: filtered by room, street, kind, campaign, status and month. Upcoming ones (at most
    ten, the soonest first) stand above the list; the list holds the others, the newest first. Both
    are read in index order (status, starts_at, id) and (starts_at, id): no sort over all sessions.
    An explicit ?ordering= lists everything in that order."""
    filterset, sessions = apply_filters(
        SessionFilter,
        request,
        Session.objects.with_person_times().select_related("room", "room__street").order_by("-starts_at", "-pk"),
    )
    upcoming = []
    if not request.GET.get("ordering"):
        # Filtered to held or cancelled sessions, nothing is upcoming: no query for it.
        if request.GET.get("page", "1") == "1" and request.GET.get("status", "") in ("", Session.Status.PLANNED):
            upcoming = list(sessions.filter(_upcoming_q()).order_by("starts_at", "pk")[:UPCOMING_MAX])
        sessions = sessions.exclude(_upcoming_q())
    # "议事月" and "月份" are easily confused: name them by what they pick, and say so.
    fields = filterset.form.fields
    for name, label, help_text in (
        ("campaign", _("所属议事月活动"), _("区政协统一组织的“议事月”主题活动。")),
        ("month", _("举行月份"), _("议事活动举行的年月，例如 2020-08。")),
    ):
        if name in fields:
            fields[name].label, fields[name].help_text = label, help_text
            # The bound field was made by is_valid() and keeps its own copy of both.
            filterset.form[name].label, filterset.form[name].help_text = label, help_text
            fields[name].widget.attrs["aria-describedby"] = f"id_{name}_help"
    page = paginate(request, sessions)
    return render(
        request,
        "deliberations/session_list.html",
        {"filter": filterset, "page": page, "upcoming": upcoming, "filtered": filters_active(filterset)},
    )


def session_detail(request, pk):
    """A session: topic, time, place, attendance by role with its total and the CPPCC members
    named (each linked to their public record), minutes, consensus, photos and the published
    issues raised or deliberated in it; its announcement (议题公示) with the sign-up form, and its
    result notice (结果公示) with the comments."""
    return render_session_page(request, pk)


def render_session_page(request, pk, *, signup_form=None, comment_form=None, status=200):
    """The session page; the sign-up and comment views render it again with their bound forms
    (and the errors) so that nothing typed is lost."""
    issues = public_issues().order_by("-reported_on", "-pk")
    session = get_object_or_404(
        Session.objects.with_person_times()
        .select_related("room", "room__street", "campaign")
        .prefetch_related(
            "attendance",
            "photos",
            Prefetch("issues_raised", queryset=issues),
            Prefetch("issues_deliberated", queryset=issues),
            Prefetch("cppcc_members", queryset=public_members_named(), to_attr="named_members"),
        ),
        pk=pk,
    )
    headcounts = {row.role: row.headcount for row in session.attendance.all()}
    attendance = [
        {"label": label, "headcount": headcounts[role]} for role, label in Attendance.Role.choices if role in headcounts
    ]
    raised = list(session.issues_raised.all())
    raised_ids = {issue.pk for issue in raised}
    deliberated = [issue for issue in session.issues_deliberated.all() if issue.pk not in raised_ids]
    return render(
        request,
        "deliberations/session_detail.html",
        {
            "session": session,
            "attendance": attendance,
            "attendance_total": session.person_times,
            "issues_raised": raised,
            "issues_deliberated": deliberated,
            "named_members": session.named_members,
            **participation_context(request, session, signup_form=signup_form, comment_form=comment_form),
        },
        status=status,
    )
