"""Rate limits of the API (the rates themselves are in settings)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.clientip import client_ip


class _SettingsRateMixin:
    def get_rate(self):
        # Read at request time, not at import time, so an override takes effect at once.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The client as the login lockout and the residents' forms see it (core/clientip.py),
        # instead of DRF's own reading of X-Forwarded-For (NUM_PROXIES), which trusts a header
        # any client can write.
        return client_ip(request) or "unknown"


class AnonThrottle(_SettingsRateMixin, AnonRateThrottle):
    """Requests without a token, counted per client IP."""


class UserThrottle(_SettingsRateMixin, UserRateThrottle):
    """Requests with a token, counted per user."""
