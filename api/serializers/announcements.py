"""议题公示, 结果公示 and the session calendar in the open-data API: read-only, public fields only.
Sign-ups appear as counts; no name, contact or comment contact is ever serialised."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from announcements.calendar import session_uid
from announcements.models import Announcement, Comment, ResultNotice
from core.api.fields import help_texts
from deliberations.models import Session


class AnnouncementSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session_id", read_only=True, help_text=_("议事活动编号。"))
    topic = serializers.CharField(source="session.topic", read_only=True, help_text=_("议题。"))
    room = serializers.IntegerField(source="session.room_id", read_only=True, help_text=_("议事室编号。"))
    room_name = serializers.CharField(source="session.room.name", read_only=True, help_text=_("议事室名称。"))
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True, help_text=_("开始时间。"))
    ends_at = serializers.DateTimeField(
        source="session.ends_at", read_only=True, allow_null=True, help_text=_("结束时间；未填写时为 null。")
    )
    place = serializers.CharField(source="session.place", read_only=True, help_text=_("地点。"))
    confirmed_count = serializers.IntegerField(read_only=True, help_text=_("已报名人数。"))
    waitlisted_count = serializers.IntegerField(read_only=True, help_text=_("候补人数。"))
    is_cancelled = serializers.BooleanField(read_only=True, help_text=_("是否已取消。"))
    signup_open = serializers.SerializerMethodField(help_text=_("现在是否可以报名。"))
    page_url = serializers.SerializerMethodField(help_text=_("公开页面的地址（含报名表）。"))
    ics_url = serializers.SerializerMethodField(help_text=_("该议事活动的日历文件（.ics）地址。"))

    class Meta:
        model = Announcement
        fields = [
            "id",
            "session",
            "topic",
            "room",
            "room_name",
            "starts_at",
            "ends_at",
            "place",
            "agenda",
            "invited",
            "capacity",
            "waitlist_size",
            "signup_deadline",
            "confirmed_count",
            "waitlisted_count",
            "signup_open",
            "is_cancelled",
            "cancel_reason",
            "sequence",
            "page_url",
            "ics_url",
        ]
        extra_kwargs = help_texts(
            Announcement, fields, id=_("议题公示编号。"), sequence=_("日历版本号：改期或取消时加 1。")
        )

    def get_signup_open(self, announcement) -> bool:
        return announcement.signup_open()

    def get_page_url(self, announcement) -> str:
        return announcement.get_absolute_url()

    def get_ics_url(self, announcement) -> str:
        return reverse("announcements:session-ics", args=[announcement.session_id])


class PublicCommentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("类型的中文名称。"))

    class Meta:
        model = Comment
        fields = ["id", "kind", "kind_label", "body", "created_at", "answer", "answered_at"]
        extra_kwargs = help_texts(Comment, fields, id=_("意见编号。"), body=_("意见内容。"), answer=_("召集人的答复。"))


class ResultNoticeSerializer(serializers.ModelSerializer):
    topic = serializers.CharField(source="session.topic", read_only=True, help_text=_("议题。"))
    room = serializers.IntegerField(source="session.room_id", read_only=True, help_text=_("议事室编号。"))
    room_name = serializers.CharField(source="session.room.name", read_only=True, help_text=_("议事室名称。"))
    is_running = serializers.SerializerMethodField(help_text=_("true：公示中；false：公示期满。"))
    comments = PublicCommentSerializer(
        source="public_comments", many=True, read_only=True, help_text=_("已公开的群众意见和答复。")
    )
    page_url = serializers.SerializerMethodField(help_text=_("公开页面的地址。"))

    class Meta:
        model = ResultNotice
        fields = [
            "id",
            "session",
            "topic",
            "room",
            "room_name",
            "text",
            "working_days",
            "starts_on",
            "ends_on",
            "is_running",
            "comments",
            "page_url",
        ]
        extra_kwargs = help_texts(ResultNotice, fields, id=_("结果公示编号。"), session=_("议事活动编号。"))

    def get_is_running(self, notice) -> bool:
        return notice.is_running(timezone.localdate())

    def get_page_url(self, notice) -> str:
        return notice.get_absolute_url()


class CalendarEntrySerializer(serializers.ModelSerializer):
    """A session as its calendar entry: the same UID, SEQUENCE and STATUS as the .ics."""

    id = serializers.IntegerField(source="pk", read_only=True, help_text=_("议事活动编号（同 session）。"))
    uid = serializers.SerializerMethodField(help_text=_("日历条目标识（与 .ics 中的 UID 相同）。"))
    session = serializers.IntegerField(source="pk", read_only=True, help_text=_("议事活动编号。"))
    room_name = serializers.CharField(source="room.name", read_only=True, help_text=_("议事室名称。"))
    sequence = serializers.SerializerMethodField(help_text=_("日历版本号：改期或取消时加 1。"))
    calendar_status = serializers.SerializerMethodField(help_text=_("CONFIRMED 或 CANCELLED。"))
    ics_url = serializers.SerializerMethodField(help_text=_("日历文件（.ics）地址。"))

    class Meta:
        model = Session
        fields = [
            "id",
            "uid",
            "session",
            "topic",
            "room",
            "room_name",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "sequence",
            "calendar_status",
            "ics_url",
        ]
        extra_kwargs = help_texts(Session, fields, room=_("议事室编号。"))

    @staticmethod
    def _announcement(session):
        try:
            return session.announcement
        except Session.announcement.RelatedObjectDoesNotExist:
            return None

    def get_uid(self, session) -> str:
        return session_uid(session)

    def get_sequence(self, session) -> int:
        announcement = self._announcement(session)
        return announcement.sequence if announcement else 0

    def get_calendar_status(self, session) -> str:
        announcement = self._announcement(session)
        return "CANCELLED" if announcement and announcement.is_cancelled else "CONFIRMED"

    def get_ics_url(self, session) -> str:
        return reverse("announcements:session-ics", args=[session.pk])
