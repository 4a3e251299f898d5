"""The portal's user and the API tokens of conveners. Personal contact data lives here and nowhere public."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pinyin import name_initials, name_pinyin
from .tokens import password_stamp

mobile_validator = RegexValidator(r"^1\d{10}$", _("请输入11位手机号码。"))


class User(AbstractUser):
    """A member of staff, a convener or a CPPCC member.

    `phone` is a personal mobile number: it is private and never rendered on a public page,
    feed, export or API answer.
    """

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码（个人，不公开）"), max_length=11, blank=True, validators=[mobile_validator])
    is_cppcc_member = models.BooleanField(_("政协委员"), default=False)
    sector = models.ForeignKey(
        "rooms.Sector",
        verbose_name=_("所属界别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    # A CPPCC member's public record is this user: the note tells namesakes apart wherever a
    # member is picked or listed (e.g. "区工商联副主席"); it is public, unlike the phone.
    member_note = models.CharField(
        _("委员简介（公开）"),
        max_length=60,
        blank=True,
        help_text=_("一句话的公开身份说明，例如“区工商联副主席”，用于区分同名委员；不要填写电话等联系方式。"),
    )
    # Kept equal to the pinyin of full_name by save(): the members list sorts by the first, the
    # pickers and the search match the initials (“xl” finds 向磊).
    full_name_pinyin = models.CharField(_("姓名拼音（排序用）"), max_length=200, blank=True, editable=False)
    full_name_initials = models.CharField(_("姓名拼音首字母"), max_length=50, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        indexes = [
            models.Index(fields=["is_cppcc_member"], name="user_cppcc_member_idx"),
            models.Index(fields=["is_cppcc_member", "sector", "full_name_pinyin"], name="user_member_sector_name_idx"),
        ]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name_pinyin = name_pinyin(self.full_name)
        self.full_name_initials = name_initials(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "full_name_pinyin", "full_name_initials"}
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        """The name shown in the UI: the real name when staff recorded one."""
        return self.full_name or self.username

    @property
    def member_label(self) -> str:
        """A CPPCC member as pickers and lists show them: the name, then the sector (界别) and the
        note, so that two members of the same name are told apart: “向磊（经济界·区工商联副主席）”."""
        details = "·".join(part for part in (self.sector.name if self.sector_id else "", self.member_note) if part)
        return f"{self.display_name}（{details}）" if details else self.display_name


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Not revoked and not expired (the password stamp is checked per token: it needs the user)."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A convener's key for writing through the API (`Authorization: Token <key>`).

    Only a SHA-256 digest of the key is stored; the key itself is shown once, when staff issue it
    (`accounts.services.api_token_issue`). `prefix` (the first characters of the key) lets staff
    and the convener tell tokens apart without revealing them. A token stops working when it
    expires, when staff revoke it, or when its user's password changes: `password_stamp` is a keyed
    hash of the password hash at issue time, and a different one means the password has changed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=100, help_text=_("例如：“议事室数据对接”。"))
    prefix = models.CharField(_("令牌前缀"), max_length=16, editable=False)
    digest = models.CharField(_("摘要"), max_length=64, unique=True, editable=False)
    password_stamp = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField(_("有效期至"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True, editable=False)
    revoked_reason = models.CharField(_("吊销原因"), max_length=100, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="apitoken_user_revoked_idx")]

    def __str__(self):
        return f"{self.prefix}… ({self.name})"

    @property
    def password_changed(self) -> bool:
        return self.password_stamp != password_stamp(self.user)

    def status(self, now=None) -> str:
        """The token's state: 有效、已过期、已吊销或密码已修改（失效）。"""
        now = now or timezone.now()
        if self.revoked_at:
            return str(_("已吊销"))
        if self.expires_at <= now:
            return str(_("已过期"))
        if self.password_changed:
            return str(_("已失效（密码已修改）"))
        return str(_("有效"))
