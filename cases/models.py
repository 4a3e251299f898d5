"""典型案例: a resolved issue or a held session told as a short story, with photos from before
and after, for the public and for visiting delegations (one printable page each)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CASE_PHOTO_DIR = "cases/"


class CaseQuerySet(models.QuerySet):
    def public(self):
        """Cases anyone may see: published ones whose issue (if any) is public."""
        return self.filter(Case.public_q())


class Case(models.Model):
    title = models.CharField(_("标题"), max_length=120)
    summary = models.CharField(
        _("一句话简介"), max_length=200, blank=True, help_text=_("显示在案例列表和首页，不超过200字。")
    )
    issue = models.ForeignKey(
        "issues.Issue",
        verbose_name=_("来源问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("已解决并公开的民生问题。"),
    )
    session = models.ForeignKey(
        "deliberations.Session",
        verbose_name=_("来源议事活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("已举行的议事活动。"),
    )
    category = models.ForeignKey(
        "issues.IssueCategory", verbose_name=_("类别"), on_delete=models.PROTECT, related_name="cases"
    )
    street = models.ForeignKey(
        "rooms.Street",
        verbose_name=_("街道"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("界别议事室的案例可不填。"),
    )
    room = models.ForeignKey(
        "rooms.Room", verbose_name=_("议事室"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    story = models.TextField(_("案例故事"), help_text=_("问题从哪里来、怎么商量、怎么解决，三五段即可。"))
    consensus = models.TextField(_("协商共识"), blank=True)
    result = models.TextField(_("解决成效"))
    departments = models.ManyToManyField(
        "departments.Department", verbose_name=_("参与部门"), blank=True, related_name="cases"
    )
    photo_before = models.ImageField(_("整治前照片"), upload_to=CASE_PHOTO_DIR, blank=True)
    photo_before_alt = models.CharField(_("整治前照片说明"), max_length=200, blank=True)
    photo_after = models.ImageField(_("整治后照片"), upload_to=CASE_PHOTO_DIR, blank=True)
    photo_after_alt = models.CharField(_("整治后照片说明"), max_length=200, blank=True)
    published_on = models.DateField(_("发布日期"))
    is_published = models.BooleanField(_("公开"), default=True)
    featured = models.BooleanField(_("首页展示"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["published_on", "id"], name="case_published_idx"),
            models.Index(fields=["category", "published_on", "id"], name="case_category_idx"),
            models.Index(fields=["street", "published_on", "id"], name="case_street_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(issue__isnull=False) | Q(session__isnull=False), name="case_has_issue_or_session"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.pk])

    def clean(self):
        from deliberations.models import Session
        from issues.models import Issue

        errors = {}
        if not self.issue_id and not self.session_id:
            errors["issue"] = _("请选择来源问题或来源议事活动（至少一项）。")
        if self.issue_id:
            issue = Issue.objects.only("status", "is_public").get(pk=self.issue_id)
            if issue.status != Issue.Status.RESOLVED:
                errors["issue"] = _("只有已解决的民生问题才能作为典型案例。")
            elif not issue.is_public:
                errors["issue"] = _("该问题未公开，不能作为典型案例。")
        if self.session_id:
            session = Session.objects.only("status").get(pk=self.session_id)
            if session.status != Session.Status.HELD:
                errors["session"] = _("只有已举行的议事活动才能作为典型案例。")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def public_q(prefix: str = "") -> Q:
        """What counts as a public case: published, and its issue (when it has one) is public."""
        p = f"{prefix}__" if prefix else ""
        return Q(**{f"{p}is_published": True}) & (
            Q(**{f"{p}issue__isnull": True}) | Q(**{f"{p}issue__is_public": True})
        )
