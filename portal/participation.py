"""What a session's public page shows of taking part: the announcement (议题公示) with its sign-up
form, and the result notice (结果公示) with the published comments, their answers and the
comment form. Shared by the session page and the views that receive the two forms."""

from django.utils import timezone

from announcements.selectors import session_participation
from core.confirmations import confirmed_at
from portal.announcement_forms import CommentForm, SignUpForm


def participation_context(request, session, *, signup_form=None, comment_form=None) -> dict:
    found = session_participation(session)
    announcement, notice = found["announcement"], found["notice"]
    now = timezone.now()
    signup_open = announcement is not None and announcement.signup_open(now)
    places_left = None
    if announcement is not None and announcement.takes_signups:
        places_left = max(announcement.capacity - announcement.confirmed_count, 0)
    notice_running = notice is not None and notice.is_running(timezone.localdate())
    return {
        "announcement": announcement,
        "signup_open": signup_open,
        "places_left": places_left,
        "waitlist_left": (
            max(announcement.waitlist_size - announcement.waitlisted_count, 0) if announcement is not None else 0
        ),
        "signup_form": signup_form or (SignUpForm() if signup_open else None),
        "notice": notice,
        "notice_running": notice_running,
        "comment_form": comment_form or (CommentForm() if notice_running else None),
        "confirmed_at": confirmed_at(request),
    }
