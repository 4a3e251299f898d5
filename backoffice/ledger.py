"""The 台账 (ledger) export: sessions, issues and outcomes as an Excel workbook, one sheet per kind.

Staff filter by street, room, period or campaign (`LedgerFilter`); the admin's "export the
selection" action passes the selected rows instead. Cells are real numbers and dates, every text
goes through `exports.safe_cell()` (formula injection escaped), and rows are read with
`.iterator()` into openpyxl's write-only mode, so 10,000 sessions stay in bounded memory.
Nothing personal is exported: no phone numbers, no e-mails, no feedback authors.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.exports import Sheet, SheetTitle, chinese_date, xlsx_workbook
from deliberations.models import Attendance, Session
from issues.models import Issue, Outcome
from rooms.models import Room

CHUNK = 2000
YES, NO = "是", "否"


@dataclass(frozen=True)
class LedgerFilter:
    """Which part of the ledger to export. Empty fields do not filter."""

    street: object = None
    room: object = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    campaign: object = None

    def describe(self) -> str:
        parts = []
        if self.street:
            parts.append(str(self.street))
        if self.room:
            parts.append(str(self.room))
        if self.campaign:
            parts.append(str(self.campaign))
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else ""
            end = self.date_to.isoformat() if self.date_to else ""
            parts.append(f"{start}至{end}")
        return "_".join(parts) or "全部"

    def describe_words(self) -> str:
        """The filter in words for the workbook's title row: 街道：…；议事室：…；时间：…至…"""
        parts = []
        if self.street:
            parts.append(f"街道：{self.street}")
        if self.room:
            parts.append(f"议事室：{self.room}")
        if self.campaign:
            parts.append(f"议事月：{self.campaign}")
        if self.date_from and self.date_to:
            parts.append(f"时间：{chinese_date(self.date_from)}至{chinese_date(self.date_to)}")
        elif self.date_from:
            parts.append(f"时间：{chinese_date(self.date_from)}起")
        elif self.date_to:
            parts.append(f"时间：截至{chinese_date(self.date_to)}")
        return "；".join(parts) or "全部（未筛选）"


def _aware(day, end=False):
    moment = datetime.datetime.combine(day + datetime.timedelta(days=1) if end else day, datetime.time.min)
    return timezone.make_aware(moment)


def ledger_sessions(f: LedgerFilter) -> QuerySet:
    """Sessions (held and planned) of the filter: room's street, room, start date, campaign."""
    queryset = Session.objects.all()
    if f.street:
        queryset = queryset.filter(room__street=f.street)
    if f.room:
        queryset = queryset.filter(room=f.room)
    if f.date_from:
        queryset = queryset.filter(starts_at__gte=_aware(f.date_from))
    if f.date_to:
        queryset = queryset.filter(starts_at__lt=_aware(f.date_to, end=True))
    if f.campaign:
        queryset = queryset.filter(campaign=f.campaign)
    return queryset


def ledger_issues(f: LedgerFilter) -> QuerySet:
    """Issues of the filter: room's street, room, reported date, raised in a session of the campaign."""
    queryset = Issue.objects.all()
    if f.street:
        queryset = queryset.filter(room__street=f.street)
    if f.room:
        queryset = queryset.filter(room=f.room)
    if f.date_from:
        queryset = queryset.filter(reported_on__gte=f.date_from)
    if f.date_to:
        queryset = queryset.filter(reported_on__lte=f.date_to)
    if f.campaign:
        queryset = queryset.filter(raised_in__campaign=f.campaign)
    return queryset


def ledger_outcomes(f: LedgerFilter) -> QuerySet:
    """Outcomes of the filter: from issues or sessions of the street/room/campaign, submitted in the period."""
    queryset = Outcome.objects.all()
    for condition in ("street", "room", "campaign"):
        value = getattr(f, condition)
        if not value:
            continue
        issue_lookup = {"street": "room__street", "room": "room", "campaign": "raised_in__campaign"}[condition]
        session_lookup = {"street": "room__street", "room": "room", "campaign": "campaign"}[condition]
        # pk__in subqueries, not joins: an outcome linked to several issues would repeat.
        queryset = queryset.filter(
            Q(pk__in=Outcome.issues.through.objects.filter(**{f"issue__{issue_lookup}": value}).values("outcome"))
            | Q(
                pk__in=Outcome.sessions.through.objects.filter(**{f"session__{session_lookup}": value}).values(
                    "outcome"
                )
            )
        )
    if f.date_from:
        queryset = queryset.filter(submitted_on__gte=f.date_from)
    if f.date_to:
        queryset = queryset.filter(submitted_on__lte=f.date_to)
    return queryset


# ---- sheets --------------------------------------------------------------------------------------


def _labels(choices):
    """{value: label} with the labels translated once, not once per row."""
    return {value: str(label) for value, label in choices.choices}


ROLES = [role for role, _label in Attendance.Role.choices]
SESSION_HEADER = [
    "编号",
    "议事室",
    "层级",
    "所属街道",
    "议题",
    "类型",
    "状态",
    "议事月",
    "开始时间",
    "结束时间",
    "地点",
    *[str(label) for _role, label in Attendance.Role.choices],
    "参与人次合计",
    "提出问题数",
    "共识",
]


def session_rows(queryset: QuerySet) -> Iterator[list]:
    """One row per session, its headcount by role and total person-times (one streamed query)."""
    raised = (
        Issue.objects.filter(raised_in=OuterRef("pk"))
        .order_by()
        .values("raised_in")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        queryset.order_by("starts_at", "pk")
        .with_person_times()
        .annotate(
            **{
                f"count_{role}": Sum("attendance__headcount", filter=Q(attendance__role=role), default=0)
                for role in ROLES
            },
            raised_total=Coalesce(Subquery(raised[:1], output_field=IntegerField()), Value(0)),
        )
        .values_list(
            "pk",
            "room__name",
            "room__level",
            "room__street__name",
            "topic",
            "kind",
            "status",
            "campaign__name",
            "starts_at",
            "ends_at",
            "place",
            *[f"count_{role}" for role in ROLES],
            "person_times",
            "raised_total",
            "consensus",
        )
    )
    levels, kinds, statuses = _labels(Room.Level), _labels(Session.Kind), _labels(Session.Status)
    for row in rows.iterator(chunk_size=CHUNK):
        row = list(row)
        row[2] = levels.get(row[2], row[2])
        row[3] = row[3] or ""
        row[5] = kinds.get(row[5], row[5])
        row[6] = statuses.get(row[6], row[6])
        row[7] = row[7] or ""
        yield row


ISSUE_HEADER = [
    "编号",
    "标题",
    "类别",
    "议事室",
    "所属街道",
    "三事分流层级",
    "状态",
    "承办单位",
    "反映日期",
    "办理期限",
    "解决日期",
    "公开",
    "催办次数",
    "解决情况",
]


def issue_rows(queryset: QuerySet) -> Iterator[list]:
    """One row per issue with the number of times staff urged it (one streamed query)."""
    rows = (
        queryset.order_by("reported_on", "pk")
        .annotate(urges=Count("updates", filter=Q(updates__is_urge=True)))
        .values_list(
            "pk",
            "title",
            "category__name",
            "room__name",
            "room__street__name",
            "triage_level",
            "status",
            "department__name",
            "reported_on",
            "due_on",
            "resolved_on",
            "is_public",
            "urges",
            "resolution",
        )
    )
    triage, statuses = _labels(Issue.Triage), _labels(Issue.Status)
    for row in rows.iterator(chunk_size=CHUNK):
        row = list(row)
        row[4] = row[4] or ""
        row[5] = triage.get(row[5], row[5])
        row[6] = statuses.get(row[6], row[6])
        row[11] = YES if row[11] else NO
        yield row


OUTCOME_HEADER = [
    "编号",
    "类型",
    "标题",
    "报送单位",
    "报送日期",
    "采纳情况",
    "采纳日期",
    "来源问题数",
    "来源议事活动数",
    "来源问题",
    "答复意见",
]


def outcome_rows(queryset: QuerySet) -> Iterator[list]:
    """One row per outcome with its sources (two queries per chunk: the rows and their issues)."""
    kinds, adoptions = _labels(Outcome.Kind), _labels(Outcome.Adoption)
    rows = (
        queryset.order_by("submitted_on", "pk")
        .annotate(
            issue_count=Count("issues", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .prefetch_related("issues")
    )
    for outcome in rows.iterator(chunk_size=CHUNK):
        yield [
            outcome.pk,
            kinds.get(outcome.kind, outcome.kind),
            outcome.title,
            outcome.submitted_to,
            outcome.submitted_on,
            adoptions.get(outcome.adoption, outcome.adoption),
            outcome.adopted_on,
            outcome.issue_count,
            outcome.session_count,
            "；".join(issue.title for issue in outcome.issues.all()),
            outcome.response,
        ]


SESSION_SHEET, ISSUE_SHEET, OUTCOME_SHEET = "议事活动", "民生问题", "成果转化"
LEDGER_TITLE = "议事台账"

# The totals row sums headcounts, person-times and counts; never ids, dates or rates.
SESSION_TOTALS = [*[str(label) for _role, label in Attendance.Role.choices], "参与人次合计", "提出问题数"]
ISSUE_TOTALS = ["催办次数"]
OUTCOME_TOTALS = ["来源问题数", "来源议事活动数"]


def session_sheet(queryset: QuerySet) -> Sheet:
    return Sheet(SESSION_SHEET, SESSION_HEADER, session_rows(queryset), totals=SESSION_TOTALS)


def issue_sheet(queryset: QuerySet) -> Sheet:
    return Sheet(ISSUE_SHEET, ISSUE_HEADER, issue_rows(queryset), totals=ISSUE_TOTALS)


def outcome_sheet(queryset: QuerySet) -> Sheet:
    return Sheet(OUTCOME_SHEET, OUTCOME_HEADER, outcome_rows(queryset), totals=OUTCOME_TOTALS)


def ledger_sheets(f: LedgerFilter) -> list[Sheet]:
    """The three sheets of the ledger for a filter, rows generated lazily."""
    return [
        session_sheet(ledger_sessions(f)),
        issue_sheet(ledger_issues(f)),
        outcome_sheet(ledger_outcomes(f)),
    ]


def ledger_title(f: LedgerFilter) -> SheetTitle:
    """The title row of every ledger sheet: 议事台账, the filter in words, the export time."""
    return SheetTitle(LEDGER_TITLE, f.describe_words())


def ledger_workbook(f: LedgerFilter) -> bytes:
    return xlsx_workbook(ledger_sheets(f), title=ledger_title(f))


def ledger_filename(f: LedgerFilter) -> str:
    return f"议事台账_{f.describe()}_{timezone.localdate().isoformat()}.xlsx"
