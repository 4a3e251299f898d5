"""Reads shared by the public pages, the workspace, the API, the calendar feeds and the open-data
ZIP. Public reads never select a sign-up's name or contact, nor a comment's contact: they count
sign-ups and read comments' public fields only."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from deliberations.models import Session

from .models import Announcement, Comment, ResultNotice, SignUp

CALENDAR_PAST_DAYS = 180  # a feed keeps the last half year, so a subscriber's history stays
CALENDAR_MAX = 500


def public_announcements() -> QuerySet:
    """Announcements with their session and room, and the sign-up counts (never the sign-ups)."""
    return Announcement.objects.with_signup_counts().select_related("session", "session__room", "session__room__street")


def upcoming_announcements(now=None) -> QuerySet:
    """议题公示: announced sessions still to come, the soonest first."""
    return public_announcements().upcoming(now).order_by("session__starts_at", "pk")


def public_comments() -> QuerySet:
    """Comments anyone may read: approved ones. Only their public fields (never the contact)."""
    return Comment.objects.filter(status=Comment.Status.APPROVED).defer("contact").order_by("created_at", "pk")


def public_notices() -> QuerySet:
    """结果公示 with their session and the number of published comments."""
    return ResultNotice.objects.select_related("session", "session__room").annotate(
        comments_public=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    )


def notices_for_list(today=None) -> QuerySet:
    """Running notices first (the soonest ending first), then ended ones (the latest first)."""
    return public_notices().order_by("-ends_on", "-pk")


def session_participation(session) -> dict:
    """What the public session page shows of the announcement and of the result notice: the
    announcement with its counts, the notice with its published comments (2 queries at most)."""
    announcement = public_announcements().filter(session=session).first()
    notice = (
        ResultNotice.objects.filter(session=session)
        .prefetch_related(Prefetch("comments", queryset=public_comments(), to_attr="public_comments"))
        .first()
    )
    if announcement is not None:
        announcement.session = session  # the page's own session object: no second read
    return {"announcement": announcement, "notice": notice}


def calendar_sessions(room=None, now=None) -> QuerySet:
    """The sessions of a calendar feed: planned sessions and announced ones (cancelled included,
    so subscribers see them struck), from half a year ago on, the soonest first."""
    now = now or timezone.now()
    sessions = (
        Session.objects.filter(Q(status=Session.Status.PLANNED) | Q(announcement__isnull=False))
        .filter(starts_at__gte=now - datetime.timedelta(days=CALENDAR_PAST_DAYS))
        .select_related("room", "announcement")
        .order_by("starts_at", "pk")
    )
    if room is not None:
        sessions = sessions.filter(room=room)
    return sessions


def signups_of(announcement) -> QuerySet:
    """The sign-ups of an announcement for its convener (names and contacts): those signed up,
    then those waiting in order, then the cancelled."""
    return announcement.signups.order_by("status", "created_at", "pk")


def signup_rows(announcement) -> list[list]:
    """The convener's export: one row per sign-up, in the order of the workspace list."""
    rows = []
    for signup in signups_of(announcement):
        rows.append(
            [
                signup.name,
                signup.contact,
                signup.get_status_display(),
                timezone.localtime(signup.created_at),
                timezone.localtime(signup.cancelled_at) if signup.cancelled_at else None,
            ]
        )
    return rows


def workspace_sessions(rooms, now=None) -> QuerySet:
    """The workspace list (公示与报名): the rooms' planned sessions still to come, held sessions of
    the last 90 days and those whose 公示期 ended less than a month ago, each with its
    announcement, sign-up counts and result notice with pending comments (one query, however
    many)."""
    now = now or timezone.now()
    return (
        Session.objects.filter(room__in=rooms)
        .filter(
            Q(status=Session.Status.PLANNED, starts_at__gte=now)
            | Q(status=Session.Status.HELD, starts_at__gte=now - datetime.timedelta(days=90))
            | Q(result_notice__ends_on__gte=timezone.localdate() - datetime.timedelta(days=30))
        )
        .select_related("room", "announcement", "result_notice")
        .annotate(
            confirmed_count=Count(
                "announcement__signups",
                filter=Q(announcement__signups__status=SignUp.Status.CONFIRMED),
                distinct=True,  # two joins (sign-ups and comments): count each row once
            ),
            waitlisted_count=Count(
                "announcement__signups",
                filter=Q(announcement__signups__status=SignUp.Status.WAITLISTED),
                distinct=True,
            ),
            pending_comments=Count(
                "result_notice__comments",
                filter=Q(result_notice__comments__status=Comment.Status.PENDING),
                distinct=True,
            ),
        )
        .order_by("-starts_at", "-pk")
    )
