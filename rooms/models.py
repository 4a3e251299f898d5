"""The registry: streets, communities and sectors (the coverage denominators) and their rooms."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.lookups import prefixed_q
from rooms.pinyin import pinyin_key


class Street(models.Model):
    class Kind(models.TextChoices):
        STREET = "street", _("街道")
        TOWN = "town", _("镇")
        ZONE = "zone", _("开发区")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_pinyin = models.CharField(_("名称拼音（排序用）"), max_length=200, blank=True, editable=False)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.STREET)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("街道")
        verbose_name_plural = _("街道")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_pinyin"}
        super().save(*args, **kwargs)


class Community(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("社区")
        VILLAGE = "village", _("村")

    name = models.CharField(_("名称"), max_length=50)
    street = models.ForeignKey(Street, verbose_name=_("所属街道"), on_delete=models.PROTECT, related_name="communities")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMMUNITY)

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        ordering = ["street__ordering", "name"]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="community_unique_name_in_street")]

    def __str__(self):
        return self.name


class Sector(models.Model):
    name = models.CharField(_("名称"), max_length=50, unique=True)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("界别")
        verbose_name_plural = _("界别")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class RoomQuerySet(models.QuerySet):
    def active(self):
        """Rooms in service: the ones the public lists, coverage and the statistics count."""
        return self.filter(Room.active_q())

    def in_directory_order(self):
        """Where a resident looks for "my room": by street in pinyin order, the street's own room
        first and then its communities in pinyin order; rooms without a street (界别, and parks
        not in a street) after all the territorial ones."""
        return self.order_by(
            models.F("street__name_pinyin").asc(nulls_last=True),
            models.Case(models.When(level=RoomLevel.STREET, then=0), default=1),
            "name_pinyin",
            "pk",
        )


# Choices live at module level so that `Meta.constraints` can read their `.values` (a nested
# Meta cannot see the model's own namespace); the model exposes them under its usual name.
class RoomLevel(models.TextChoices):
    STREET = "street", _("街道")
    COMMUNITY = "community", _("社区")
    SECTOR = "sector", _("界别")
    PARK = "park", _("企业园区")


class Room(models.Model):
    """A 协商议事室. Its level decides which of street, community or sector it must name."""

    Level = RoomLevel

    name = models.CharField(_("名称"), max_length=80, unique=True)
    # The directory's sort key, kept equal to pinyin_key(name) by save().
    name_pinyin = models.CharField(_("名称拼音（排序用）"), max_length=200, blank=True, editable=False)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    street = models.ForeignKey(
        Street, verbose_name=_("所属街道"), null=True, blank=True, on_delete=models.PROTECT, related_name="rooms"
    )
    community = models.ForeignKey(
        Community, verbose_name=_("所属社区"), null=True, blank=True, on_delete=models.PROTECT, related_name="rooms"
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("所属界别"), null=True, blank=True, on_delete=models.PROTECT, related_name="rooms"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    established_on = models.DateField(_("建成日期"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    description = models.TextField(_("简介"), blank=True)
    photo = models.ImageField(_("照片"), upload_to="rooms/", blank=True)
    photo_alt = models.CharField(_("照片说明（替代文字）"), max_length=200, blank=True)
    public_phone = models.CharField(
        _("公开联系电话（办公电话）"), max_length=30, blank=True, help_text=_("只填写办公电话，不要填写个人手机。")
    )
    conveners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Convenership", verbose_name=_("召集人"), related_name="convened_rooms"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RoomQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("议事室历史"))

    class Meta:
        verbose_name = _("协商议事室")
        verbose_name_plural = _("协商议事室")
        ordering = ["street__ordering", "level", "name"]
        indexes = [
            models.Index(fields=["level", "is_active"], name="room_level_active_idx"),
            models.Index(fields=["is_active", "name"], name="room_active_name_idx"),
            # The API's default sort (street, level, name) and its other orderings, with the id
            # tie-breaker the cursor pages by.
            models.Index(fields=["street", "level", "name", "id"], name="room_street_level_name_idx"),
            models.Index(fields=["name", "id"], name="room_name_id_idx"),
            models.Index(fields=["established_on", "id"], name="room_established_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=RoomLevel.values), name="room_level_valid"),
            models.CheckConstraint(
                condition=~Q(level=RoomLevel.STREET) | Q(street__isnull=False), name="room_street_level_has_street"
            ),
            models.CheckConstraint(
                condition=~Q(level=RoomLevel.COMMUNITY) | Q(community__isnull=False, street__isnull=False),
                name="room_community_level_has_community",
            ),
            models.CheckConstraint(
                condition=~Q(level=RoomLevel.SECTOR) | Q(sector__isnull=False), name="room_sector_level_has_sector"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_pinyin"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rooms:detail", args=[self.pk])

    @staticmethod
    def active_q(prefix: str = "") -> Q:
        """What counts as an active room, seen through `prefix` (e.g. `"rooms"` from a street)."""
        return prefixed_q(prefix, is_active=True)

    def clean(self):
        errors = {}
        if self.level == self.Level.STREET and not self.street_id:
            errors["street"] = _("街道议事室必须选择所属街道。")
        if self.level == self.Level.COMMUNITY and not self.community_id:
            errors["community"] = _("社区议事室必须选择所属社区。")
        if self.level == self.Level.SECTOR and not self.sector_id:
            errors["sector"] = _("界别议事室必须选择所属界别。")
        if self.community_id and self.street_id and self.community.street_id != self.street_id:
            errors["community"] = _("所选社区不属于所选街道。")
        if errors:
            raise ValidationError(errors)


class Convenership(models.Model):
    """A user convenes a room. One user may convene several rooms, and a room may have several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("召集人"), on_delete=models.CASCADE, related_name="convenerships"
    )
    room = models.ForeignKey(Room, verbose_name=_("议事室"), on_delete=models.CASCADE, related_name="convenerships")
    started_on = models.DateField(_("任职日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("召集人任职")
        verbose_name_plural = _("召集人任职")
        constraints = [models.UniqueConstraint(fields=["user", "room"], name="convenership_unique_user_room")]

    def __str__(self):
        return f"{self.user} · {self.room}"


class StreetStaff(models.Model):
    """街道政协工委: a user who oversees one street's rooms, their escalated issues, dashboard and
    monthly report. Another street's objects answer 404 for them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="street_staff"
    )
    street = models.ForeignKey(Street, verbose_name=_("街道"), on_delete=models.CASCADE, related_name="staff")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("街道政协工委人员")
        verbose_name_plural = _("街道政协工委人员")
        ordering = ["street", "user__username"]

    def __str__(self):
        return f"{self.street} · {self.user}"
