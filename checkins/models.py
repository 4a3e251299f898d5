"""Check-in by QR code (扫码签到): each session's unguessable check-in code, and the check-ins
residents make with it on their phones.

A check-in holds the role the attendee ticked and nothing else about them: no name, no phone, no
IP address. `device_key` is a salted hash of a random cookie the phone carries, kept only so that
a second tap from the same phone updates its check-in instead of counting twice.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from deliberations.models import AttendanceRole

TOKEN_LENGTH = 22  # secrets.token_urlsafe(16): 128 random bits, URL-safe


class CheckinCode(models.Model):
    """The session's check-in code: the token in the QR code's URL. One per session, made the
    first time the convener opens the session's QR code."""

    session = models.OneToOneField(
        "deliberations.Session", verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="checkin_code"
    )
    token = models.CharField(_("签到口令"), max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("签到二维码")
        verbose_name_plural = _("签到二维码")

    def __str__(self):
        return str(self.session)


class Checkin(models.Model):
    """One phone's check-in to one session, with the role ticked (身份)."""

    Role = AttendanceRole

    session = models.ForeignKey(
        "deliberations.Session", verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="checkins"
    )
    role = models.CharField(_("身份"), max_length=14, choices=Role.choices)
    # SHA-256 of the device cookie with the site's secret: the cookie cannot be read back from it.
    device_key = models.CharField(_("设备标识（散列）"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("签到时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("签到")
        verbose_name_plural = _("签到")
        ordering = ["session", "created_at"]
        indexes = [models.Index(fields=["session", "role"], name="checkin_session_role_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session", "device_key"], name="checkin_unique_session_device"),
            models.CheckConstraint(condition=Q(role__in=AttendanceRole.values), name="checkin_role_valid"),
        ]

    def __str__(self):
        return f"{self.session} · {self.get_role_display()}"


class RoomPoster(models.Model):
    """What a room's printed poster says beyond the registry: its opening hours (开放时间). The
    room's convener or staff set them on the poster page."""

    room = models.OneToOneField("rooms.Room", verbose_name=_("议事室"), on_delete=models.CASCADE, related_name="poster")
    opening_hours = models.CharField(
        _("开放时间"), max_length=100, blank=True, help_text=_("例如：每周三下午 2:00—5:00，其他时间请电话预约。")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("议事室海报")
        verbose_name_plural = _("议事室海报")

    def __str__(self):
        return str(self.room)
