"""Public pages of taking part: the announced sessions (议题公示) and their sign-up, the results in
公示 and the comments on them, the calendar files and feeds with their explanation page.

A resident's name and contact go into the services and nowhere else: the pages answer with the
status of a sign-up, never with who signed up. A sign-up's own page is reached by its signed link
(the token is the only key) and is never cached.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from announcements.calendar import calendar_of
from announcements.models import Announcement, ResultNotice
from announcements.selectors import calendar_sessions, notices_for_list, upcoming_announcements
from announcements.services import (
    InvalidLinkError,
    comment_submit,
    signup_cancel,
    signup_for_token,
    signup_submit,
    signup_token,
    waitlist_position,
)
from core.confirmations import confirm_at
from core.listing import paginate
from core.ratelimit import is_limited
from deliberations.models import Session
from portal.announcement_forms import CommentForm, SignUpForm
from portal.session_views import render_session_page
from rooms.models import Room

TOO_OFTEN = _("您提交得太频繁了，请过几分钟再试。您填写的内容仍保留在下面。")


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def upcoming(request):
    """议题公示: the announced sessions still to come, the soonest first, with places left."""
    page = paginate(request, upcoming_announcements())
    return render(request, "announcements/announcement_list.html", {"page": page, "now": timezone.now()})


def results(request):
    """结果公示: the published results, those still open for comments first."""
    page = paginate(request, notices_for_list())
    return render(request, "announcements/resultnotice_list.html", {"page": page, "today": timezone.localdate()})


@require_POST
def signup(request, pk):
    """A resident signs up for an announced session. Errors re-render the session page with the
    form as typed and the errors beside it (200, as the site's other forms; 429 when too frequent)."""
    announcement = get_object_or_404(Announcement.objects.select_related("session"), session_id=pk)
    form = SignUpForm(request.POST)
    if is_limited(request, "signup"):
        form.is_valid()
        form.add_error(None, TOO_OFTEN)
        return render_session_page(request, pk, signup_form=form, status=429)
    if form.is_valid():
        try:
            created = signup_submit(announcement=announcement, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if created.status == created.Status.CONFIRMED:
                text = _("报名成功！请收藏本页：可以把活动加入日历，如不能参加请在这里取消。")
            else:
                text = _("名额已满，您已排入候补。有人取消时将按顺序递补，并通知您。请收藏本页。")
            confirm_at(request, "signup", text)
            return redirect("announcements:signup", token=signup_token(created))
    return render_session_page(request, pk, signup_form=form)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_page(request, token):
    """A resident's own sign-up: its status, the .ics, and the cancel button (POST)."""
    try:
        signup_ = signup_for_token(token)
    except InvalidLinkError as error:
        return render(request, "announcements/signup_invalid.html", {"message": error.messages[0]}, status=404)
    error_message = ""
    if request.method == "POST":
        try:
            signup_cancel(signup=signup_)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            confirm_at(request, "signup", _("已取消报名。感谢您告诉我们，名额会留给候补的居民。"))
            return redirect("announcements:signup", token=token)
    session = signup_.announcement.session
    return render(
        request,
        "announcements/signup_detail.html",
        {
            "signup": signup_,
            "session": session,
            "announcement": signup_.announcement,
            "position": waitlist_position(signup_),
            "can_cancel": signup_.status != signup_.Status.CANCELLED and session.starts_at > timezone.now(),
            "error_message": error_message,
            "confirmed_at": "signup",
        },
    )


@require_POST
def comment(request, pk):
    """A resident comments on a result in 公示; pending until the convener approves it."""
    notice = get_object_or_404(ResultNotice, session_id=pk)
    form = CommentForm(request.POST)
    if is_limited(request, "comment"):
        form.is_valid()
        form.add_error(None, TOO_OFTEN)
        return render_session_page(request, pk, comment_form=form, status=429)
    if form.is_valid():
        try:
            comment_submit(notice=notice, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            confirm_at(request, "result", _("感谢您的意见！召集人审核后会在本页公开，并作出答复。"))
            return redirect(reverse("deliberations:detail", args=[pk]) + "#result")
    return render_session_page(request, pk, comment_form=form)


# ---- calendars ----------------------------------------------------------------------------------


def _ics(content: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:  # a download names the session by its number only, never a person
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def session_ics(request, pk):
    """One session's .ics, to add it to a phone's calendar."""
    session = get_object_or_404(Session.objects.select_related("room", "announcement"), pk=pk)
    return _ics(calendar_of([session], name=session.topic), f"session-{session.pk}.ics")


def district_ics(request):
    """The district's calendar feed: subscribe once, every announced session appears."""
    return _ics(
        calendar_of(
            calendar_sessions(),
            name=_("崇川区协商议事活动"),
            description=_("崇川区各协商议事室计划举行和已公示的议事活动。"),
        )
    )


def room_ics(request, pk):
    room = get_object_or_404(Room.objects.active(), pk=pk)
    return _ics(
        calendar_of(
            calendar_sessions(room=room),
            name=_("%(room)s议事活动") % {"room": room.name},
            description=_("%(room)s计划举行和已公示的议事活动。") % {"room": room.name},
        )
    )


def calendar_about(request, pk=None):
    """订阅议事日历: what a calendar subscription is, in plain words, with the webcal link (a tap
    on a phone opens the calendar app) and the https address to copy."""
    room = get_object_or_404(Room.objects.active().only("pk", "name"), pk=pk) if pk is not None else None
    path = reverse("announcements:room-ics", args=[room.pk]) if room else reverse("announcements:district-ics")
    https_url = request.build_absolute_uri(path)
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return render(
        request,
        "announcements/calendar_about.html",
        {"room": room, "feed_url": https_url, "webcal_url": webcal_url, "feed_path": path},
    )
