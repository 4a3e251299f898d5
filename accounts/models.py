"""The portal's user. Personal contact data lives here and nowhere public."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

mobile_validator = RegexValidator(r"^1\d{10}$", _("请输入11位手机号码。"))


class User(AbstractUser):
    """A member of staff, a convener or a CPPCC member.

    `phone` is a personal mobile number: it is private and never rendered on a public page,
    feed, export or API answer.
    """

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码(个人,不公开)"), max_length=11, blank=True, validators=[mobile_validator])
    is_cppcc_member = models.BooleanField(_("政协委员"), default=False)
    sector = models.ForeignKey(
        "rooms.Sector",
        verbose_name=_("所属界别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        indexes = [models.Index(fields=["is_cppcc_member"], name="user_cppcc_member_idx")]

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        """The name shown in the UI: the real name when staff recorded one."""
        return self.full_name or self.username
