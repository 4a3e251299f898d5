"""Public pages of the sessions (议事活动): the list and each session's page."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from core.listing import apply_filters, filters_active, paginate
from deliberations.filters import SessionFilter
from deliberations.models import Attendance, Session
from figures.selectors import public_issues


def session_list(request):
    """议事活动: filtered by room, street, kind, campaign, status and month; newest first."""
    filterset, sessions = apply_filters(
        SessionFilter, request, Session.objects.with_person_times().select_related("room", "room__street")
    )
    page = paginate(request, sessions)
    return render(
        request,
        "deliberations/session_list.html",
        {"filter": filterset, "page": page, "filtered": filters_active(filterset)},
    )


def session_detail(request, pk):
    """A session: topic, time, place, attendance by role with its total, minutes, consensus,
    photos and the published issues raised or deliberated in it."""
    issues = public_issues().order_by("-reported_on", "-pk")
    session = get_object_or_404(
        Session.objects.with_person_times()
        .select_related("room", "room__street", "campaign")
        .prefetch_related(
            "attendance",
            "photos",
            Prefetch("issues_raised", queryset=issues),
            Prefetch("issues_deliberated", queryset=issues),
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
        },
    )
