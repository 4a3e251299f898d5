"""The full open-data download: one CSV per public table and a README of the columns, in a ZIP.

Only public data goes in: published issues (and the timeline, outcome links and feedback counts
of published issues only), no user ids, phone numbers, e-mails, feedback authors or notes, and no
topic suggestions. Cells go through `safe_cell` against formula injection.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.db.models import Count, F
from django.utils import timezone

from announcements.calendar import calendar_of
from announcements.models import Announcement, Comment, ResultNotice
from announcements.selectors import calendar_sessions, public_comments
from cases.models import Case
from core.exports import safe_cell
from deliberations.models import Attendance, CampaignStreetTarget, Session
from figures.models import MediaReport, Visit
from figures.selectors import campaigns_with_figures
from issues.models import Feedback, Issue, IssueCategory, IssueUpdate, Outcome
from members.selectors import public_member_links, public_members
from rooms.models import Community, Room, Sector, Street


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: list  # (column, description)
    rows: object  # () -> iterable of tuples, in the order of `columns`


def _choices(label, choices):
    """A column description that lists the codes of a choice field with their Chinese names."""
    return f"{label}:" + " / ".join(f"{value} {name}" for value, name in choices)


def _values(queryset, columns):
    return lambda: queryset().values_list(*[name for name, _text in columns]).iterator(chunk_size=2000)


def _table(name, title, queryset, columns):
    return Table(name, title, columns, _values(queryset, columns))


def public_tables() -> list[Table]:
    public_issues = lambda: Issue.objects.public()  # noqa: E731
    tables = [
        _table(
            "streets",
            "街道（镇、开发区）",
            lambda: Street.objects.order_by("ordering", "pk"),
            [
                ("id", "街道编号"),
                ("name", "名称"),
                ("kind", _choices("类型", Street.Kind.choices)),
                ("ordering", "排序"),
            ],
        ),
        _table(
            "communities",
            "社区（村）",
            lambda: Community.objects.order_by("street_id", "pk"),
            [
                ("id", "社区编号"),
                ("name", "名称"),
                ("kind", _choices("类型", Community.Kind.choices)),
                ("street_id", "所属街道编号"),
            ],
        ),
        _table(
            "sectors",
            "界别",
            lambda: Sector.objects.order_by("ordering", "pk"),
            [("id", "界别编号"), ("name", "名称"), ("ordering", "排序")],
        ),
        _table(
            "rooms",
            "协商议事室",
            lambda: Room.objects.order_by("pk"),
            [
                ("id", "议事室编号"),
                ("name", "名称"),
                ("level", _choices("层级", Room.Level.choices)),
                ("street_id", "所属街道编号"),
                ("community_id", "所属社区编号"),
                ("sector_id", "所属界别编号"),
                ("address", "地址"),
                ("established_on", "建成日期"),
                ("is_active", "是否启用"),
                ("description", "简介"),
                ("public_phone", "公开的办公电话"),
            ],
        ),
        _table(
            "campaigns",
            "民生专题协商议事月（含本议事月自己的数字：只统计归入本议事月并已举行的议事活动及其中提出的公开问题）",
            lambda: campaigns_with_figures().order_by("starts_on", "pk"),
            [
                ("id", "议事月编号"),
                ("name", "名称"),
                ("theme", "主题"),
                ("starts_on", "开始日期"),
                ("ends_on", "结束日期"),
                ("target_sessions", "目标场次"),
                ("target_person_times", "目标参与人次"),
                ("target_issues_resolved", "目标解决问题数"),
                ("sessions_held", "已举行场次"),
                ("person_times", "参与人次"),
                ("issues_raised", "提出的公开民生问题数"),
                ("issues_resolved", "其中已解决数"),
                ("outcomes", "成果转化数"),
                ("summary", "活动总结"),
            ],
        ),
        _table(
            "campaign_street_targets",
            "议事月各街道目标",
            lambda: CampaignStreetTarget.objects.order_by("campaign_id", "street_id"),
            [
                ("campaign_id", "议事月编号"),
                ("street_id", "街道编号"),
                ("target_sessions", "目标场次"),
                ("target_person_times", "目标参与人次"),
                ("target_issues_resolved", "目标解决问题数"),
            ],
        ),
        _table(
            "sessions",
            "议事活动",
            lambda: Session.objects.order_by("starts_at", "pk"),
            [
                ("id", "议事活动编号"),
                ("room_id", "议事室编号"),
                ("topic", "议题"),
                (
                    "kind",
                    _choices("类型", Session.Kind.choices),
                ),
                ("status", _choices("状态", Session.Status.choices)),
                ("starts_at", "开始时间（北京时间）"),
                ("ends_at", "结束时间（北京时间）"),
                ("place", "地点"),
                ("campaign_id", "所属议事月编号"),
                ("minutes", "纪要"),
                ("consensus", "共识"),
            ],
        ),
        _table(
            "attendance",
            "议事活动参与人数（每场每种身份一行；人次 = 人数之和）",
            lambda: Attendance.objects.order_by("session_id", "role"),
            [
                ("session_id", "议事活动编号"),
                (
                    "role",
                    _choices("身份", Attendance.Role.choices),
                ),
                ("headcount", "人数"),
            ],
        ),
        _table(
            "members",
            "政协委员（公开履职记录；不含电话等联系方式）",
            lambda: public_members().order_by("pk"),
            [
                ("id", "委员编号"),
                ("full_name", "姓名"),
                ("sector_id", "所属界别编号"),
                ("member_note", "委员简介"),
                ("session_count", "参加已举行议事活动场次"),
                ("issue_raised_count", "所参加议事活动中提出的公开民生问题数"),
                ("issue_followed_count", "所参加议事活动中继续协商的公开民生问题数"),
                ("outcome_count", "由这些议事活动和问题形成的成果数"),
            ],
        ),
        _table(
            "session_members",
            "议事活动点名参加的政协委员",
            lambda: public_member_links().annotate(member_id=F("user_id")).order_by("session_id", "user_id"),
            [("session_id", "议事活动编号"), ("member_id", "委员编号")],
        ),
        _table(
            "issue_categories",
            "民生问题类别",
            lambda: IssueCategory.objects.order_by("ordering", "pk"),
            [("id", "类别编号"), ("name", "名称"), ("ordering", "排序")],
        ),
        _table(
            "issues",
            "民生问题（仅公开的）",
            lambda: public_issues().order_by("pk"),
            [
                ("id", "问题编号"),
                ("title", "标题"),
                ("description", "问题描述"),
                ("category_id", "类别编号"),
                ("room_id", "议事室编号"),
                ("raised_in_id", "提出于议事活动编号"),
                (
                    "triage_level",
                    _choices("三事分流层级", Issue.Triage.choices),
                ),
                (
                    "status",
                    _choices("状态", Issue.Status.choices),
                ),
                ("department__name", "承办单位"),
                ("reported_on", "反映日期"),
                ("due_on", "办理期限"),
                ("resolution", "解决情况"),
                ("resolved_on", "解决日期"),
                ("closed_reason", "关闭原因"),
            ],
        ),
        _table(
            "issue_timeline",
            "民生问题进展时间线（仅公开问题的；不含记录人）",
            lambda: IssueUpdate.objects.public().order_by("issue_id", "occurred_on", "pk"),
            [
                ("id", "进展记录编号"),
                ("issue_id", "问题编号"),
                ("occurred_on", "日期"),
                ("status_from", "原状态（空表示未改变状态）"),
                ("status_to", "新状态（空表示未改变状态）"),
                ("triage_to", "分流层级调整为（空表示未调整）"),
                ("note", "进展说明"),
                ("is_urge", "是否为催办"),
            ],
        ),
        _table(
            "issue_satisfaction",
            "群众评价汇总（每个公开问题每种评价一行；不含留言和来源）",
            lambda: (
                Issue.objects.public()
                .filter(feedback__isnull=False)
                .values("pk", "feedback__rating")
                .annotate(count=Count("feedback"))
                .order_by("pk", "feedback__rating")
            ),
            [
                ("pk", "问题编号"),
                ("feedback__rating", _choices("评价", Feedback.Rating.choices)),
                ("count", "评价数"),
            ],
        ),
        _table(
            "outcomes",
            "成果转化（建议、提案、社情民意信息）",
            lambda: Outcome.objects.order_by("pk"),
            [
                ("id", "成果编号"),
                ("kind", _choices("类型", Outcome.Kind.choices)),
                ("title", "标题"),
                ("summary", "内容摘要"),
                ("submitted_to", "报送单位"),
                ("submitted_on", "报送日期"),
                ("adoption", _choices("采纳情况", Outcome.Adoption.choices)),
                ("adopted_on", "采纳日期"),
                ("response", "答复意见"),
            ],
        ),
        _table(
            "outcome_issues",
            "成果与来源问题的对应（仅公开问题）",
            lambda: Outcome.issues.through.objects.filter(Issue.public_q("issue")).order_by("outcome_id", "issue_id"),
            [("outcome_id", "成果编号"), ("issue_id", "问题编号")],
        ),
        _table(
            "outcome_sessions",
            "成果与来源议事活动的对应",
            lambda: Outcome.sessions.through.objects.order_by("outcome_id", "session_id"),
            [("outcome_id", "成果编号"), ("session_id", "议事活动编号")],
        ),
        _table(
            "media_reports",
            "媒体报道",
            lambda: MediaReport.objects.order_by("published_on", "pk"),
            [
                ("id", "报道编号"),
                ("outlet", "媒体"),
                ("level", _choices("级别", MediaReport.Level.choices)),
                ("title", "标题"),
                ("published_on", "发布日期"),
                ("url", "链接"),
            ],
        ),
        _table(
            "visits",
            "兄弟政协来访考察",
            lambda: Visit.objects.order_by("visited_on", "pk"),
            [
                ("id", "来访编号"),
                ("delegation", "来访单位"),
                ("visited_on", "来访日期"),
                ("headcount", "人数"),
                ("note", "备注"),
            ],
        ),
        _table(
            "cases",
            "典型案例（仅公开的）",
            lambda: Case.objects.public().order_by("pk"),
            [
                ("id", "案例编号"),
                ("title", "标题"),
                ("summary", "简介"),
                ("category_id", "类别编号"),
                ("street_id", "街道编号"),
                ("room_id", "议事室编号"),
                ("issue_id", "来源问题编号"),
                ("session_id", "来源议事活动编号"),
                ("story", "案例经过"),
                ("consensus", "协商共识"),
                ("result", "解决成效"),
                ("published_on", "发布日期"),
            ],
        ),
        _table(
            "case_departments",
            "典型案例的参与部门",
            lambda: Case.departments.through.objects.filter(Case.public_q("case")).order_by("case_id", "department_id"),
            [("case_id", "案例编号"), ("department__name", "部门名称")],
        ),
        _table(
            "visit_cases",
            "来访看过的典型案例（仅公开的）",
            lambda: Visit.cases.through.objects.filter(Case.public_q("case")).order_by("visit_id", "case_id"),
            [("visit_id", "来访编号"), ("case_id", "案例编号")],
        ),
        _table(
            "visit_rooms",
            "来访参观的议事室",
            lambda: Visit.rooms.through.objects.order_by("visit_id", "room_id"),
            [("visit_id", "来访编号"), ("room_id", "议事室编号")],
        ),
    ]
    return tables + participation_tables()


def participation_tables() -> list[Table]:
    """议题公示 and 结果公示: the announcements with their sign-up counts, the notices and the
    published comments with their answers. Never a sign-up's name or contact, nor a comment's."""
    return [
        _table(
            "announcements",
            "议题公示（报名只有人数，不含报名人信息）",
            lambda: Announcement.objects.with_signup_counts().order_by("session_id"),
            [
                ("session_id", "议事活动编号"),
                ("agenda", "议程"),
                ("invited", "邀请对象"),
                ("capacity", "报名名额（0 表示不接受网上报名）"),
                ("waitlist_size", "候补名额"),
                ("signup_deadline", "报名截止时间（北京时间；空表示到活动开始）"),
                ("confirmed_count", "已报名人数"),
                ("waitlisted_count", "候补人数"),
                ("cancelled_at", "取消时间（空表示未取消）"),
                ("cancel_reason", "取消原因"),
                ("sequence", "日历版本号（改期或取消时加 1）"),
            ],
        ),
        _table(
            "result_notices",
            "结果公示",
            lambda: ResultNotice.objects.order_by("session_id"),
            [
                ("session_id", "议事活动编号"),
                ("text", "公示内容"),
                ("working_days", "公示期（工作日）"),
                ("starts_on", "公示开始日期"),
                ("ends_on", "公示截止日期"),
            ],
        ),
        _table(
            "result_comments",
            "结果公示的群众意见与答复（仅已公开的；不含联系方式）",
            lambda: public_comments().order_by("notice__session_id", "created_at", "pk"),
            [
                ("notice__session_id", "议事活动编号"),
                ("kind", _choices("类型", Comment.Kind.choices)),
                ("body", "意见内容"),
                ("created_at", "提交时间（北京时间）"),
                ("answer", "召集人答复"),
                ("answered_at", "答复时间（北京时间）"),
            ],
        ),
    ]


CALENDAR_FILE = "calendar.ics"


def readme(tables, generated_at) -> str:
    lines = [
        "# 崇川区政协协商议事室 开放数据",
        "",
        f"生成时间：{timezone.localtime(generated_at):%Y-%m-%d %H:%M}（北京时间）。",
        "每个 CSV 文件为 UTF-8 编码（带 BOM），第一行为列名。时间为北京时间，日期为 YYYY-MM-DD。",
        "以 = + - @ 开头的文本前加了单引号，防止在电子表格中被当作公式执行。",
        "只包含公开数据：不含个人手机号、电子邮箱、用户编号（政协委员的公开委员编号除外）、群众评价的留言与来源、未公开的问题和未采纳的议题建议。",
        "接口文档：/api/docs/；同样的数据也可通过 /api/v1/ 查询。",
        "",
    ]
    for table in tables:
        lines += [f"## {table.name}.csv — {table.title}", "", "| 列 | 说明 |", "|---|---|"]
        lines += [f"| {column} | {text} |" for column, text in table.columns]
        lines.append("")
    lines += [
        f"## {CALENDAR_FILE} — 议事日历",
        "",
        "计划中和已公示的议事活动（近半年起），iCalendar 格式，与订阅地址 /calendar/district.ics 内容相同。",
        "",
    ]
    return "\n".join(lines)


def _csv_bytes(table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([column for column, _text in table.columns])
    for row in table.rows():
        writer.writerow([_plain(safe_cell(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def _plain(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def opendata_zip() -> bytes:
    """The ZIP of every public table, with README.md describing each column."""
    tables = public_tables()
    generated_at = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme(tables, generated_at))
        for table in tables:
            archive.writestr(f"{table.name}.csv", _csv_bytes(table))
        archive.writestr(CALENDAR_FILE, calendar_of(calendar_sessions(), name="崇川区协商议事活动"))
    return buffer.getvalue()
