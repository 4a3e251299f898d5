"""factory_boy factories for every model. Personal data is fake but shaped like the real thing."""

import datetime
import io
from zoneinfo import ZoneInfo

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import User
from deliberations.models import Attendance, Campaign, Session, SessionPhoto, TopicSuggestion
from departments.models import Department, Liaison
from figures.models import MediaReport, Visit
from issues.models import Feedback, Issue, IssueCategory, IssueUpdate, Outcome
from rooms.models import Community, Convenership, Room, Sector, Street

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "secret-pass-123"  # every factory user's password


def png_upload(name="photo.png", size=(64, 48), color="red"):
    """A small valid PNG as an uploaded file, for photo fields and services."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street

    name = factory.Sequence(lambda n: f"测试{n}街道")
    ordering = factory.Sequence(int)


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"测试{n}社区")
    street = factory.SubFactory(StreetFactory)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"测试{n}界")


class RoomFactory(factory.django.DjangoModelFactory):
    """A community-level room by default, with its community and street."""

    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"测试{n}协商议事室")
    level = Room.Level.COMMUNITY
    community = factory.SubFactory(CommunityFactory)
    street = factory.LazyAttribute(lambda r: r.community.street if r.community else None)
    address = "南通市崇川区测试路1号"
    public_phone = "0513-85000000"
    established_on = datetime.date(2019, 5, 1)


class ConvenershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convenership

    user = factory.SubFactory(UserFactory)
    room = factory.SubFactory(RoomFactory)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"民生专题协商议事月{n}")
    theme = "精选协商议题"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=25))
    target_sessions = 10
    target_person_times = 500
    target_issues_resolved = 5


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    room = factory.SubFactory(RoomFactory)
    topic = factory.Sequence(lambda n: f"测试议题{n}")
    status = Session.Status.HELD
    starts_at = factory.LazyFunction(lambda: datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ))
    place = "议事室"
    minutes = "纪要内容"
    consensus = "共识内容"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    role = Attendance.Role.RESIDENT
    headcount = 20


class SessionPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionPhoto

    session = factory.SubFactory(SessionFactory)
    image = factory.django.ImageField(color="red", width=40, height=30)
    alt_text = "议事现场"
    caption = "议事现场照片"


class TopicSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicSuggestion

    room = factory.SubFactory(RoomFactory)
    topic = factory.Sequence(lambda n: f"建议议题{n}")
    description = "希望议事室讨论"
    contact = "13712345678"


class IssueCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试类别{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试承办单位{n}")
    kind = Department.Kind.BUREAU
    office_phone = "0513-83500000"


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Tests may name the department as text: the record with that name is used (or made).
        if isinstance(kwargs.get("department"), str):
            name = kwargs["department"]
            kwargs["department"] = DepartmentFactory(name=name) if name else None
        return kwargs

    title = factory.Sequence(lambda n: f"测试问题{n}")
    description = "问题描述"
    category = factory.SubFactory(IssueCategoryFactory)
    room = factory.SubFactory(RoomFactory)
    status = Issue.Status.DELIBERATING
    department = factory.SubFactory(DepartmentFactory, name="区城市管理局")
    reported_on = datetime.date(2020, 6, 1)


class ResolvedIssueFactory(IssueFactory):
    status = Issue.Status.RESOLVED
    resolution = "已解决"
    resolved_on = datetime.date(2020, 7, 1)


class IssueUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueUpdate

    issue = factory.SubFactory(IssueFactory)
    note = "进展说明"
    occurred_on = datetime.date(2020, 6, 10)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    issue = factory.SubFactory(ResolvedIssueFactory)
    rating = Feedback.Rating.SATISFIED
    note = "满意"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    kind = Outcome.Kind.SUGGESTION
    title = factory.Sequence(lambda n: f"测试成果{n}")
    submitted_to = "区政府办公室"
    submitted_on = datetime.date(2020, 8, 1)


class MediaReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaReport

    outlet = "人民政协报"
    level = MediaReport.Level.CENTRAL
    title = factory.Sequence(lambda n: f"报道{n}")
    published_on = datetime.date(2020, 7, 1)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    delegation = factory.Sequence(lambda n: f"兄弟政协{n}")
    visited_on = datetime.date(2020, 7, 1)


# ---- 议事月 street targets and 典型案例 ----------------------------------------------------------


class CampaignStreetTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deliberations.CampaignStreetTarget"

    campaign = factory.SubFactory(CampaignFactory)
    street = factory.SubFactory(StreetFactory)
    target_sessions = 4
    target_person_times = 200
    target_issues_resolved = 2


class CaseFactory(factory.django.DjangoModelFactory):
    """A public case made from a resolved public issue."""

    class Meta:
        model = "cases.Case"

    title = factory.Sequence(lambda n: f"典型案例{n}")
    summary = "一句话简介"
    issue = factory.SubFactory(ResolvedIssueFactory)
    category = factory.LazyAttribute(lambda c: c.issue.category if c.issue else IssueCategoryFactory())
    room = factory.LazyAttribute(lambda c: c.issue.room if c.issue else None)
    street = factory.LazyAttribute(lambda c: c.room.street if c.room else None)
    story = "居民反映问题,议事室组织协商。"
    consensus = "明确分工。"
    result = "问题已解决。"
    published_on = datetime.date(2020, 9, 30)
