"""Public representations of the registry for the open-data API. Explicit fields only: a field
added to a model never appears here by itself (no `fields = "__all__"`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import help_texts
from rooms.models import Community, Room, Sector, Street


class StreetSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))

    class Meta:
        model = Street
        fields = ["id", "name", "kind", "kind_label", "ordering"]
        extra_kwargs = help_texts(Street, fields, id=_("街道编号。"))


class CommunitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))
    street_name = serializers.CharField(source="street.name", read_only=True, help_text=_("所属街道名称。"))

    class Meta:
        model = Community
        fields = ["id", "name", "kind", "kind_label", "street", "street_name"]
        extra_kwargs = help_texts(Community, fields, id=_("社区编号。"))


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "name", "ordering"]
        extra_kwargs = help_texts(Sector, fields, id=_("界别编号。"))


class RoomSerializer(serializers.ModelSerializer):
    """A room with its public figures: sessions held, person-times, issues and satisfaction."""

    level_label = serializers.CharField(source="get_level_display", read_only=True, help_text=_("层级的中文名称。"))
    street_name = serializers.CharField(
        source="street.name", read_only=True, allow_null=True, default=None, help_text=_("所属街道名称。")
    )
    community_name = serializers.CharField(
        source="community.name", read_only=True, allow_null=True, default=None, help_text=_("所属社区名称。")
    )
    sector_name = serializers.CharField(
        source="sector.name", read_only=True, allow_null=True, default=None, help_text=_("所属界别名称。")
    )
    photo_url = serializers.SerializerMethodField(help_text=_("照片地址；没有照片时为 null。"))
    page_url = serializers.SerializerMethodField(help_text=_("议事室公开页面的地址。"))
    sessions_held = serializers.IntegerField(read_only=True, help_text=_("已举行的议事活动场次。"))
    person_times = serializers.IntegerField(read_only=True, help_text=_("已举行议事活动的参与人次合计。"))
    issues_total = serializers.IntegerField(read_only=True, help_text=_("公开的民生问题数。"))
    issues_resolved = serializers.IntegerField(read_only=True, help_text=_("已解决的公开民生问题数。"))

    class Meta:
        model = Room
        fields = [
            "id",
            "name",
            "level",
            "level_label",
            "street",
            "street_name",
            "community",
            "community_name",
            "sector",
            "sector_name",
            "address",
            "established_on",
            "is_active",
            "description",
            "photo_url",
            "photo_alt",
            "public_phone",
            "page_url",
            "sessions_held",
            "person_times",
            "issues_total",
            "issues_resolved",
        ]
        extra_kwargs = help_texts(
            Room,
            fields,
            id=_("议事室编号。"),
            public_phone=_("议事室公开的办公电话（不是个人手机）。"),
        )

    def get_photo_url(self, room) -> str | None:
        return room.photo.url if room.photo else None

    def get_page_url(self, room) -> str:
        return room.get_absolute_url()
