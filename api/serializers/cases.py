"""典型案例 in the open-data API (read only). No people: the departments by name, never a
liaison, convener or phone."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Case
from core.api.fields import help_texts


class CaseSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True, help_text=_("类别名称。"))
    street_name = serializers.CharField(
        source="street.name", read_only=True, allow_null=True, default=None, help_text=_("街道名称。")
    )
    room_name = serializers.CharField(
        source="room.name", read_only=True, allow_null=True, default=None, help_text=_("议事室名称。")
    )
    departments = serializers.SerializerMethodField(help_text=_("参与部门的名称。"))
    photo_before = serializers.SerializerMethodField(help_text=_("整治前照片的地址；没有时为 null。"))
    photo_after = serializers.SerializerMethodField(help_text=_("整治后照片的地址；没有时为 null。"))
    page_url = serializers.SerializerMethodField(help_text=_("案例公开页面（可打印为一页 A4）的地址。"))

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "summary",
            "category",
            "category_name",
            "street",
            "street_name",
            "room",
            "room_name",
            "issue",
            "session",
            "story",
            "consensus",
            "result",
            "departments",
            "photo_before",
            "photo_before_alt",
            "photo_after",
            "photo_after_alt",
            "published_on",
            "page_url",
        ]
        extra_kwargs = help_texts(
            Case,
            fields,
            id=_("案例编号。"),
            category=_("问题类别编号。"),
            street=_("街道编号。"),
            room=_("议事室编号。"),
            issue=_("来源问题编号；没有时为 null。"),
            session=_("来源议事活动编号；没有时为 null。"),
        )

    def get_departments(self, case) -> list[str]:
        return [department.name for department in case.departments.all()]

    def _photo(self, image):
        if not image:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(image.url) if request else image.url

    def get_photo_before(self, case) -> str | None:
        return self._photo(case.photo_before)

    def get_photo_after(self, case) -> str | None:
        return self._photo(case.photo_after)

    def get_page_url(self, case) -> str:
        return case.get_absolute_url()
