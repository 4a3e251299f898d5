"""Public pages of the sessions (议事活动): the list and each session's page."""

from django.db.models import Case, DateTimeField, F, Prefetch, Q, When
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.listing import apply_filters, filters_active, paginate
from deliberations.filters import SessionFilter
from deliberations.models import Attendance, Session
from figures.selectors import public_issues


def _in_list_order(sessions):
    """Upcoming sessions first, the soonest first; then the held (and cancelled) ones, the newest
    first. An explicit ?ordering= overrides this."""
    upcoming = Q(status=Session.Status.PLANNED, starts_at__gte=timezone.now())
    return sessions.annotate(
        upcoming_at=Case(When(upcoming, then=F("starts_at")), default=None, output_field=DateTimeField())
    ).order_by(F("upcoming_at").asc(nulls_last=True), "-starts_at", "-pk")


def session_list(request):
    """议事活动: filtered by room, street, kind, campaign, status and month; upcoming ones first
    (soonest first), then the held ones (newest first)."""
    filterset, sessions = apply_filters(
        SessionFilter,
        request,
        _in_list_order(Session.objects.with_person_times().select_related("room", "room__street")),
    )
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
