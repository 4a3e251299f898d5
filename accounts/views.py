"""Log-in: Django's view, landing each role on its own workspace."""

from django.contrib.auth import views as auth_views

from .landing import landing_url


class LoginView(auth_views.LoginView):
    """The standard login (django-axes watches it through the authentication backend), which
    sends users to their workspace (see `landing.landing_url`) unless a safe `next` was given."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        return landing_url(self.request.user, self.request.session)
