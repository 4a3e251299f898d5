"""承办单位 (departments) and the liaison accounts that act for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    BUREAU = "bureau", _("区级部门")
    STREET_OFFICE = "street_office", _("街道办事处")
    ENTERPRISE = "enterprise", _("企事业单位")
    OTHER = "other", _("其他")


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Department(models.Model):
    """A body that resolves issues. Its name and office phone are public (they appear on the
    issue's timeline and page); its liaisons' names and phones never are."""

    Kind = DepartmentKind

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=14, choices=DepartmentKind.choices, default=DepartmentKind.BUREAU)
    street = models.ForeignKey(
        "rooms.Street",
        verbose_name=_("所在街道"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departments",
        help_text=_("街道办事处填写其街道。"),
    )
    office_phone = models.CharField(_("办公电话（公开）"), max_length=30, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        ordering = ["ordering", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DepartmentKind.values), name="department_kind_valid"),
        ]

    def __str__(self):
        return self.name


class Liaison(models.Model):
    """A user who acts for one department (承办单位联络员) in the department workspace /dept/."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="liaison"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("承办单位"), on_delete=models.CASCADE, related_name="liaisons"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("承办单位联络员")
        verbose_name_plural = _("承办单位联络员")
        ordering = ["department", "user__username"]

    def __str__(self):
        return f"{self.department} · {self.user}"
