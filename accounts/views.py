"""Log-in and password reset: Django's views, with each role's landing page and a rate limit."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.ratelimit import is_limited

from .landing import landing_url

RESET_SCOPE = "password_reset"
DEFAULT_EMAIL_LIMIT = (5, 60 * 60)


class LoginView(auth_views.LoginView):
    """The standard login (django-axes watches it through the authentication backend), which
    sends users to their workspace (see `landing.landing_url`) unless a safe `next` was given."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        return landing_url(self.request.user, self.request.session)


def _email_limited(email: str) -> bool:
    """Count a reset request for `email`; True past PASSWORD_RESET_EMAIL_LIMIT (5 an hour). The
    address is kept in the cache only as a salted hash."""
    limit, window = getattr(settings, "PASSWORD_RESET_EMAIL_LIMIT", DEFAULT_EMAIL_LIMIT)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:password-reset:{email.strip().lower()}".encode()).hexdigest()
    key = f"ratelimit:{RESET_SCOPE}:email:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count > limit


class PasswordResetView(auth_views.PasswordResetView):
    """找回密码, limited per client IP (core.ratelimit, scope `password_reset`) and per e-mail
    address, 5 requests an hour each by default: the form mails whoever's address is typed in, so
    without a limit it could flood a mailbox or the mail server. Over the limit the form is shown
    again (HTTP 429) with the address kept and the reason in Chinese; no e-mail is sent."""

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        ip_limited = is_limited(request, RESET_SCOPE)
        email = (request.POST.get("email") or "")[:254]
        if ip_limited or (email and _email_limited(email)):
            form.is_valid()
            form.add_error(None, _("找回密码的请求过于频繁，请一小时后再试。如急需登录，请联系区政协机关工作人员。"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
