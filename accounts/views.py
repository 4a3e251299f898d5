"""Log-in: Django's view with the convener workspace as the default landing page."""

from django.contrib.auth import views as auth_views
from django.urls import reverse


class LoginView(auth_views.LoginView):
    """The standard login (django-axes watches it through the authentication backend), which
    sends users to 我的议事室 unless a safe `next` was given."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        return reverse("workspace:home")
