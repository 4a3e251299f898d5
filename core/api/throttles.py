"""Rate limits of the API (the rates themselves are in settings)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SettingsRateMixin:
    def get_rate(self):
        # Read at request time, not at import time, so an override takes effect at once.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_SettingsRateMixin, AnonRateThrottle):
    """Requests without a token, counted per client IP."""


class UserThrottle(_SettingsRateMixin, UserRateThrottle):
    """Requests with a token, counted per user."""
