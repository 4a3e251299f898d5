"""扫码签到: the public page a session's check-in QR code opens on an attendee's phone.

No account and no personal data: the attendee ticks their role, and the phone keeps a random
device cookie so that a second tap updates its check-in instead of counting twice. The page
answers only on the session's day (Asia/Shanghai), and each client IP may send only so many
check-ins in a while (core.ratelimit, as for the residents' other forms).
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from checkins.selectors import (
    CheckinWindow,
    checkin_day,
    checkin_window,
    device_checkin_role,
    session_for_checkin_token,
)
from checkins.services import CheckinRefused, checkin_record, new_device_id
from core.confirmations import confirm_at, confirmed_at
from core.ratelimit import is_limited
from portal.forms import CheckinForm

DEVICE_COOKIE = "checkin_device"
DEVICE_COOKIE_AGE = 2 * 24 * 60 * 60  # the session's day, with room to spare; then it is gone


def _checked_in_role(request, session) -> str:
    """The role this phone ticked for `session` (from its device cookie), or ""."""
    device_id = request.COOKIES.get(DEVICE_COOKIE)
    return device_checkin_role(session=session, device_id=device_id) if device_id else ""


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, token):
    """The check-in page of the session whose QR code holds `token`; an unknown token is a 404."""
    session = session_for_checkin_token(token)
    if session is None:
        raise Http404(_("签到二维码无效。"))
    window = checkin_window(session)
    status = 200
    error = ""
    if request.method == "POST":
        form = CheckinForm(request.POST)
        if is_limited(request, "checkin"):
            form.is_valid()
            error = _("签到太频繁了，请过几分钟再试。您选择的身份仍保留在下面。")
            status = 429
        elif form.is_valid():
            device_id = request.COOKIES.get(DEVICE_COOKIE) or new_device_id()
            role = form.cleaned_data["role"]
            try:
                _checkin, created = checkin_record(session=session, role=role, device_id=device_id)
            except CheckinRefused as refused:
                window = refused.window
                status = 403
            else:
                label = dict(form.fields["role"].choices)[role]
                if created:
                    confirm_at(request, "checkin", _("签到成功，身份：%(role)s。欢迎参加议事！") % {"role": label})
                else:
                    confirm_at(
                        request,
                        "checkin",
                        _("您已经签到过了，身份已更新为：%(role)s。不会重复计数。") % {"role": label},
                    )
                response = redirect(request.path + "#checkin")
                response.set_cookie(
                    DEVICE_COOKIE,
                    device_id,
                    max_age=DEVICE_COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return response
        else:
            status = 400
    else:
        form = CheckinForm()
    checked_in_role = _checked_in_role(request, session)
    if not form.is_bound and checked_in_role:
        form = CheckinForm(initial={"role": checked_in_role})
    context = {
        "session": session,
        "room": session.room,
        "form": form,
        "error": error,
        "window": window.value,
        "is_open": window is CheckinWindow.OPEN,
        "checkin_day": checkin_day(session),
        "checked_in_role": checked_in_role,
        "confirmed_at": confirmed_at(request),
    }
    response = render(request, "checkins/checkin_form.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
