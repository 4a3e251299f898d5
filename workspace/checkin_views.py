"""Printed pieces of the convener workspace: a room's A4 poster (名片海报, with QR codes to the
room's page and its topic-suggestion form) and a session's check-in QR code (签到二维码).

Both are for those who run the room (its conveners, its street staff, staff); any other room or
session answers 404. Each page prints on A4 from the browser and downloads as a PDF.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from checkins.pdf import pdf_from_html
from checkins.permissions import checkin_sessions_for, poster_rooms_for
from checkins.qr import qr_svg
from checkins.selectors import (
    checkin_counts,
    checkin_day,
    checkin_url,
    poster_details,
    room_page_url,
    room_suggestion_url,
)
from checkins.services import checkin_code_for, poster_update
from deliberations.models import AttendanceRole
from workspace.checkin_forms import PosterForm


def _poster_context(room):
    page_url, suggestion_url = room_page_url(room), room_suggestion_url(room)
    return {
        "room": room,
        **poster_details(room),
        "page_url": page_url,
        "suggestion_url": suggestion_url,
        "page_qr": qr_svg(page_url, title=_("%(room)s的网页") % {"room": room.name}),
        "suggestion_qr": qr_svg(suggestion_url, title=_("%(room)s的议题征集") % {"room": room.name}),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def room_poster(request, pk):
    """The room's A4 poster, to print from the browser; a POST sets the opening hours it shows."""
    room = get_object_or_404(poster_rooms_for(request.user), pk=pk)
    context = _poster_context(room)
    status = 200
    if request.method == "POST":
        form = PosterForm(request.POST)
        if form.is_valid():
            try:
                poster_update(room=room, user=request.user, opening_hours=form.cleaned_data["opening_hours"])
            except ValidationError as error:
                form.add_error("opening_hours", error.messages)
            else:
                messages.success(request, _("已更新海报上的开放时间。"))
                return redirect("workspace:room_poster", pk=room.pk)
        status = 400
    else:
        form = PosterForm(initial={"opening_hours": context["opening_hours"]})
    return render(request, "workspace/room_poster.html", {**context, "form": form}, status=status)


@login_required
def room_poster_pdf(request, pk):
    room = get_object_or_404(poster_rooms_for(request.user), pk=pk)
    html = render_to_string("workspace/room_poster_pdf.html", _poster_context(room), request=request)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    # The room's id, never its name: a file name stays plain ASCII in every browser and mail program.
    response["Content-Disposition"] = f'attachment; filename="room-{room.pk}-poster.pdf"'
    return response


def _checkin_context(request, session):
    code = checkin_code_for(session=session, user=request.user)
    url = checkin_url(code)
    counts = checkin_counts(session=session)
    return {
        "session": session,
        "room": session.room,
        "checkin_url": url,
        "checkin_qr": qr_svg(url, title=_("%(topic)s的签到二维码") % {"topic": session.topic}),
        "checkin_day": checkin_day(session),
        "counts": [(label, counts[role]) for role, label in AttendanceRole.choices],
        "total": sum(counts.values()),
    }


@login_required
def session_checkin(request, pk):
    """A session's check-in QR code, to show on a screen or print; with the check-ins so far."""
    session = get_object_or_404(checkin_sessions_for(request.user).select_related("room"), pk=pk)
    return render(request, "workspace/session_checkin.html", _checkin_context(request, session))


@login_required
def session_checkin_pdf(request, pk):
    session = get_object_or_404(checkin_sessions_for(request.user).select_related("room"), pk=pk)
    html = render_to_string("workspace/session_checkin_pdf.html", _checkin_context(request, session), request=request)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}-checkin.pdf"'
    return response
