"""The result of the 2020 “有事好商量·民生专题协商议事月” in the demo district.

The article of 26 August 2020 announces the campaign for September: every member of the
district CPPCC chooses topics with the people, the rooms deliberate where the problems are, and
the campaign is judged "以解决民生问题的实效检验活动成效": by problems solved, and by outcomes
turned into suggestions, proposals and public-opinion reports. This module gives the demo's
campaign what its page shows once it is over:

- targets per street, the district targets shared out over the streets by their rooms;
- an issue raised in each of its sessions that has none, and four in five of its issues resolved
  in October and November 2020, each with the timeline a real one has (agreed, accepted by its
  department, reported done, confirmed);
- three outcomes drawn from its sessions (建议、提案、社情民意信息);
- a closing summary whose figures are read from the data, never typed.

Deterministic and idempotent like `demo.loader`: a second run finds everything in place.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.cache import invalidate_statistics
from deliberations.models import Campaign, CampaignStreetTarget, Session
from departments.models import Department
from figures import rollups
from figures.selectors import campaign_figures
from issues.models import Issue, IssueCategory, IssueUpdate, Outcome
from issues.search import reindex_issues
from rooms.models import Room, Street

from . import names

CAMPAIGN_STARTS_ON = datetime.date(2020, 9, 1)  # the campaign the article announces
RESOLVED_SHARE = (4, 5)  # four in five issues raised in its sessions are resolved after it
PERSON_TIMES_PER_SESSION = 45
RESOLUTIONS = [
    "议事月协商后，承办单位制定整改方案并完成整改，居民代表现场验收通过。",
    "经议事月协商，相关部门联合执法并建立长效巡查机制，问题已解决。",
    "议事月期间委员、部门和居民三方达成共识，整改措施已落实到位。",
    "经议事室协商，纳入街道民生实事项目并完工，居民满意。",
]
OUTCOMES = [
    (Outcome.Kind.SUGGESTION, "关于巩固议事月成果、推动{category}长效管理的建议", "区委办公室"),
    (Outcome.Kind.PROPOSAL, "关于完善{category}部门联动机制的提案", "区政协提案委"),
    (Outcome.Kind.OPINION, "议事月中群众反映的{category}问题及对策", "市政协"),
]


def _campaign():
    return Campaign.objects.filter(starts_on=CAMPAIGN_STARTS_ON).order_by("pk").first()


def _share(total, weights):
    """`total` shared out over `weights` (largest remainder), so the parts add up to `total`."""
    whole = sum(weights.values()) or 1
    exact = {key: total * weight / whole for key, weight in weights.items()}
    parts = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: (parts[k] - exact[k], k))[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def _street_targets(campaign):
    """Each street's part of the district targets, by its number of active rooms."""
    rooms = Counter(Room.objects.active().exclude(street=None).values_list("street_id", flat=True))
    streets = list(Street.objects.filter(pk__in=rooms).order_by("ordering", "pk"))
    weights = {street.pk: rooms[street.pk] for street in streets}
    sessions = _share(campaign.target_sessions, weights)
    person_times = _share(campaign.target_person_times, weights)
    resolved = _share(campaign.target_issues_resolved, weights)
    existing = set(campaign.street_targets.values_list("street_id", flat=True))
    CampaignStreetTarget.objects.bulk_create(
        [
            CampaignStreetTarget(
                campaign=campaign,
                street=street,
                target_sessions=max(1, sessions[street.pk]),
                target_person_times=max(PERSON_TIMES_PER_SESSION, person_times[street.pk]),
                target_issues_resolved=resolved[street.pk],
            )
            for street in streets
            if street.pk not in existing
        ]
    )


def _place(room):
    if room.community_id:
        return room.community.name
    if room.sector_id:
        return room.sector.name
    return room.street.name if room.street_id else room.name


def _department(category_name, room, departments):
    name = names.DEPARTMENTS.get(category_name)
    if not name and room.street_id:
        name = names.street_office(room.street.name)
    return departments.get(name) or departments.get(names.NO_STREET_DEPARTMENT)


def _raise_issues(campaign, author):
    """One issue raised in each of the campaign's held sessions that has none: the topics were
    chosen from what residents asked for, so each session leaves at least one matter to follow."""
    sessions = list(
        Session.objects.held()
        .filter(campaign=campaign, issues_raised=None)
        .select_related("room__street", "room__community", "room__sector")
        .order_by("starts_at", "pk")
    )
    if not sessions:
        return
    categories = {category.name: category for category in IssueCategory.objects.all()}
    departments = {department.name: department for department in Department.objects.all()}
    existing = set(Issue.objects.values_list("room_id", "title", "reported_on"))
    issues, first_steps = [], []
    for session in sessions:
        category_name = next((name for name in categories if name in session.topic), None)
        if category_name is None or category_name not in names.ISSUE_TEMPLATES:
            continue
        reported_on = timezone.localtime(session.starts_at).date()
        templates = names.ISSUE_TEMPLATES[category_name]
        title = templates[session.pk % len(templates)].format(place=_place(session.room))
        if (session.room_id, title, reported_on) in existing:
            continue
        existing.add((session.room_id, title, reported_on))
        category = categories[category_name]
        department = _department(category_name, session.room, departments)
        issue = Issue(
            title=title,
            category=category,
            room=session.room,
            raised_in=session,
            description=f"居民在议事月活动中反映：{title}问题影响日常生活，希望有关部门协调解决。",
            triage_level=Issue.Triage.COMMUNITY,
            status=Issue.Status.DELIBERATING,
            department=department,
            handling=Issue.Handling.ASSIGNED,
            due_on_set_by_hand=False,
            reported_on=reported_on,
            due_on=reported_on + datetime.timedelta(days=category.deadline_days or 30),
        )
        issues.append(issue)
        first_steps.append(
            [
                (f"在议事活动“{session.topic}”中提出。", "", Issue.Status.DELIBERATING, IssueUpdate.Kind.PROGRESS),
                (f"交办{department}办理，期限{issue.due_on:%Y-%m-%d}。", "", "", IssueUpdate.Kind.ASSIGN),
            ]
        )
    Issue.objects.bulk_create(issues, batch_size=500)
    IssueUpdate.objects.bulk_create(
        [
            IssueUpdate(
                issue=issue,
                occurred_on=issue.reported_on,
                status_from=status_from,
                status_to=status_to,
                note=note,
                kind=kind,
                author=author,
            )
            for issue, steps in zip(issues, first_steps, strict=True)
            for note, status_from, status_to, kind in steps
        ],
        batch_size=1000,
    )
    Issue.deliberated_in.through.objects.bulk_create(
        [Issue.deliberated_in.through(issue_id=issue.pk, session_id=issue.raised_in_id) for issue in issues]
    )
    reindex_issues()  # bulk_create fills no search document


def _resolvable(campaign):
    """Open public issues of the campaign's sessions with nothing else going on: not escalated,
    not merged with a repeat, no extension asked, no 回访, nobody following them."""
    return (
        Issue.objects.public()
        .open()
        .filter(raised_in__campaign=campaign, raised_in__status="held", escalated_to=None)
        .filter(duplicates=None, extension_requests=None, follow_ups=None, followers=None)
        .select_related("department", "raised_in")
        .order_by("raised_in__starts_at", "pk")
    )


def _resolve_issues(campaign, author, today):
    """Resolve issues of the campaign's sessions until four in five of them are, each with its
    timeline from where it stood to 确认办结."""
    raised = Issue.objects.public().filter(raised_in__campaign=campaign, raised_in__status="held")
    wanted = raised.count() * RESOLVED_SHARE[0] // RESOLVED_SHARE[1] - raised.resolved().count()
    if wanted <= 0:
        return []
    issues = list(_resolvable(campaign)[:wanted])
    updates = []
    for position, issue in enumerate(issues):
        reported = issue.reported_on
        agreed_on = reported + datetime.timedelta(days=2 + position % 5)
        accepted_on = agreed_on + datetime.timedelta(days=3)
        resolved_on = min(datetime.date(2020, 10, 8) + datetime.timedelta(days=(position * 5) % 50), today)
        resolved_on = max(resolved_on, accepted_on)
        resolution = RESOLUTIONS[position % len(RESOLUTIONS)]
        steps = []
        if issue.status == Issue.Status.DELIBERATING:
            steps.append(
                (
                    agreed_on,
                    Issue.Status.DELIBERATING,
                    Issue.Status.AGREED,
                    "议事月协商达成共识，明确责任分工。",
                    "progress",
                    False,
                )
            )
        if issue.status in (Issue.Status.DELIBERATING, Issue.Status.AGREED, Issue.Status.REPORTED):
            steps.append(
                (
                    accepted_on,
                    Issue.Status.AGREED,
                    Issue.Status.IN_PROGRESS,
                    f"{issue.department}已签收，牵头办理。",
                    "accept",
                    True,
                )
            )
        steps += [
            (resolved_on, "", "", f"承办单位报告办结：{resolution}", "done_report", True),
            (resolved_on, Issue.Status.IN_PROGRESS, Issue.Status.RESOLVED, resolution, "confirm", False),
        ]
        for occurred_on, status_from, status_to, note, kind, by_department in steps:
            updates.append(
                IssueUpdate(
                    issue=issue,
                    occurred_on=occurred_on,
                    status_from=status_from,
                    status_to=status_to,
                    note=note,
                    kind=kind,
                    department=issue.department if by_department else None,
                    author=author,
                )
            )
        issue.status = Issue.Status.RESOLVED
        issue.handling = Issue.Handling.CONFIRMED
        issue.resolution = resolution
        issue.resolved_on = resolved_on
    Issue.objects.bulk_update(issues, ["status", "handling", "resolution", "resolved_on"], batch_size=500)
    IssueUpdate.objects.bulk_create(updates, batch_size=1000)
    return issues


def _outcomes(campaign):
    """Three outcomes drawn from the campaign's resolved issues, the most frequent category first."""
    resolved = list(
        Issue.objects.public()
        .resolved()
        .filter(raised_in__campaign=campaign)
        .select_related("category")
        .order_by("raised_in__starts_at", "pk")
    )
    if not resolved:
        return
    categories = [name for name, _count in Counter(i.category.name for i in resolved).most_common()]
    existing = set(Outcome.objects.values_list("title", flat=True))
    for position, (kind, title, submitted_to) in enumerate(OUTCOMES):
        category = categories[position % len(categories)]
        title = title.format(category=category)
        if title in existing:
            continue
        sources = [issue for issue in resolved if issue.category.name == category][:3]
        outcome = Outcome.objects.create(
            kind=kind,
            title=title,
            summary=f"在2020年议事月{len(sources)}场议事活动协商成果的基础上形成。",
            submitted_to=submitted_to,
            submitted_on=datetime.date(2020, 11, 10) + datetime.timedelta(days=position * 7),
            adoption=Outcome.Adoption.ADOPTED if position < 2 else Outcome.Adoption.PENDING,
            adopted_on=datetime.date(2020, 12, 15) if position < 2 else None,
            response="建议已被采纳，相关做法在全区推广。" if position < 2 else "",
        )
        outcome.issues.add(*sources)
        outcome.sessions.add(*{issue.raised_in_id for issue in sources})


def _summary(campaign):
    """The closing summary, its figures read from the campaign's own records."""
    figures = campaign_figures(campaign)
    categories = [
        name
        for name, _count in Counter(
            Issue.objects.public()
            .resolved()
            .filter(raised_in__campaign=campaign)
            .values_list("category__name", flat=True)
        ).most_common(3)
    ]
    topics = "、".join(categories) or "群众关注的民生问题"
    return (
        "2020年9月，崇川区政协组织开展“有事好商量·民生专题协商议事月”活动。区政协机关全体同志、"
        "全体区政协委员精选协商议题，紧扣群众关注的焦点、难点、痛点问题，组织委员深入一线察实情，"
        "各协商议事室因地制宜开展协商议事活动，做到“协商于民、协商为民”。\n\n"
        f"活动期间，各协商议事室共开展议事活动{figures.sessions_held}场次，参与{figures.person_times}人次；"
        f"在议事中提出民生问题{figures.issues_raised}个，已推动解决{figures.issues_resolved}个，"
        f"主要涉及{topics}等方面；形成建议、提案和社情民意信息{figures.outcomes}项。\n\n"
        "议事月以解决民生问题的实效检验活动成效，推动问题在协商中解决、矛盾在协商中化解、人心在协商中凝聚。"
        "区政协将巩固议事月成果，推动“有事好商量”协商议事工作常态长效。"
    )


@transaction.atomic
def load_campaign_results(scale=1, today=None):
    """Street targets, the resolved issues, the outcomes and the closing summary of the 2020
    campaign (`scale` is taken for symmetry with `load_demo`: the campaign's sessions already
    scale with it)."""
    campaign = _campaign()
    if campaign is None:
        return
    today = today or timezone.localdate()
    author = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    _street_targets(campaign)
    _raise_issues(campaign, author)
    _resolve_issues(campaign, author, today)
    rollups.refresh(room_ids=sorted(set(Session.objects.filter(campaign=campaign).values_list("room_id", flat=True))))
    _outcomes(campaign)
    summary = _summary(campaign)
    if campaign.summary != summary:
        Campaign.objects.filter(pk=campaign.pk).update(summary=summary)
    invalidate_statistics()  # bulk writes send no signals
