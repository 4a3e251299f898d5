"""典型案例 of the demo district: resolved issues and held sessions told as short stories.

The stories follow the problems the article names: food-safety oversight, pollution control,
long-term compound management (乱种植、乱堆放), old-compound renovation, water environment, and
the 三事分流 of 楼幢、邻里、社区. Each case is made from a real demo issue of its kind (preferring
the rooms the article's delegation visited), with the issue's room, street and department; one is
told from a session of the 2020 议事月. Before and after pictures are drawn plainly and go
through `core.photos` like any upload. Visits after a case was published name it among what the
delegation saw.

Deterministic and idempotent: a case is only made when no case has its title.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from cases.models import Case
from cases.services import case_prepare_photos, case_save
from core.cache import invalidate_statistics
from deliberations.models import Session
from departments.models import Department
from figures.models import Visit
from issues.models import Issue

SHOWCASE_STREETS = ["陈桥街道", "文峰街道", "天生港镇街道", "观音山新城"]  # the rooms the article's visit saw
CAMPAIGN_STARTS_ON = datetime.date(2020, 9, 1)  # the 议事月 the article announces
CASES_PER_VISIT = 3
FEATURED = 3

# (category, a word of the issue's title, case title, summary, story, consensus, result, more departments,
#  before photo, after photo)
CASES = [
    (
        "食品安全监管",
        "农贸市场熟食摊点",
        "农贸市场熟食摊点从“脏乱差”到“明厨亮灶”",
        "委员、市场监管和摊主坐到一张桌上，熟食摊点整改一个月见效。",
        "{place}农贸市场的熟食摊点操作台紧挨过道，夏天苍蝇多、生熟不分，居民多次反映。"
        "议事室把摊主、市场管理方、市场监管部门和居民代表请到一起，委员先带大家到摊点现场看了一圈。\n"
        "摊主担心整改花钱多、影响生意；居民希望看得见后厨。经过协商，市场方承担隔断改造费用，摊主负责日常保洁，"
        "市场监管部门上门指导并公示检查结果。",
        "熟食摊点统一加装玻璃隔断和防蝇设施，生熟分区；检查结果每月在市场入口公示；居民代表参与每月一次的联合检查。",
        "一个月内完成12个熟食摊点改造，检查结果上墙公示，居民满意度回访全部为满意或基本满意。",
        [],
        ("熟食摊点改造前", "熟食摊点加装玻璃隔断后"),
    ),
    (
        "环境污染治理",
        "餐饮油烟扰民",
        "一场议事会，解决居民楼下的油烟之困",
        "饭店、居民和生态环境部门协商出“一店一方案”，油烟扰民不再反复。",
        "{place}一栋居民楼底层开了三家饭店，排烟管直接对着楼上住户的窗户，居民投诉多年未能根治。"
        "议事室召集店主、居民代表、生态环境部门和社区一起协商。\n"
        "店主表示愿意整改，但希望给出明确标准和期限；居民要求整改后有人监督。议事会上，部门现场讲解油烟排放标准，"
        "委员建议“一店一方案”，分期完成。",
        "三家饭店分别加装高效油烟净化器，排烟管改到楼顶高空排放；净化器每季度清洗并留存记录，由社区和居民代表监督。",
        "排烟管全部改造完成，经检测达标排放；此后未再收到油烟投诉。",
        [],
        ("排烟管对着居民窗户", "排烟管改至楼顶高空排放"),
    ),
    (
        "小区长效管理",
        "绿化带毁绿种菜",
        "毁绿种菜变“共享花园”",
        "不是一铲了之，而是请居民一起改造绿化带，乱种植顽疾变成邻里共建。",
        "{place}小区的绿化带被部分居民开垦种菜，浇粪施肥气味大，邻里矛盾不断，多次清理又反复。"
        "议事室没有简单“一铲了之”，而是组织种菜的老人、其他居民、物业和社区一起商量。\n"
        "大家最后商定：绿化带恢复绿化，另外划出一小块空地建“共享花园”，由居民志愿者认领管理，种花种草不种菜。",
        "绿化带统一恢复绿化；划出共享花园交居民志愿者认领管理；物业负责巡查，志愿者负责日常养护，立下居民公约。",
        "毁绿种菜全部清理且未反弹，共享花园由二十多户居民认领，乱种植顽疾变成了邻里共建的项目。",
        ["区城市管理局"],
        ("绿化带被开垦种菜", "共享花园建成后"),
    ),
    (
        "小区长效管理",
        "楼道堆物清理",
        "三事分流：楼幢的事楼幢议，楼道堆物清理不再靠突击",
        "按楼幢、邻里、社区“三事分流”，楼道堆物由楼幢长牵头议定、自我管理。",
        "{place}多栋老楼楼道堆满旧家具和杂物，既挡路又有消防隐患，以往靠突击清理，过不了多久又堆起来。"
        "议事室按照楼幢、邻里、社区“三事分流”的办法，把楼道堆物作为“楼幢的事”交给楼幢议事。\n"
        "各楼幢居民推选楼幢长，商定清理日期和堆放公约；社区协调物业和环卫提供大件垃圾清运，消防部门上门讲解隐患。",
        "各楼幢制定楼道公约，楼幢长每月巡查一次；大件垃圾每月定点清运一次；社区对长期无人认领的杂物统一处理。",
        "共清理楼道堆物四十余车，楼道公约张贴到每个单元；半年回访，楼道保持通畅。",
        ["区消防救援大队"],
        ("楼道堆满杂物", "清理后的楼道"),
    ),
    (
        "老旧小区改造",
        "老楼加装电梯",
        "高低楼层意见不一，加装电梯在协商中落地",
        "低层住户担心采光和噪声，高层老人盼电梯多年；议事室把分歧摆上桌面。",
        "{place}一栋六层老楼住着不少高龄老人，加装电梯的呼声很高，但一二楼住户担心采光、噪声和房屋价值，方案迟迟定不下来。"
        "议事室请住建部门讲解政策和补贴，请设计单位现场比较方案，委员和律师解答大家关心的问题。\n"
        "几轮协商后，方案调整了电梯井位置，减少对低层的遮挡，高层住户自愿对低层住户给予补偿。",
        "采用对低层影响较小的电梯井方案；费用按楼层分摊，低层住户获得补偿；施工期间控制作业时间，减少扰民。",
        "全体住户签字同意，电梯当年建成投入使用，成为小区其他楼栋加装电梯的样板。",
        [],
        ("加装电梯前的老楼", "电梯建成后"),
    ),
    (
        "水环境治理",
        "河道黑臭水体",
        "黑臭河道变清：部门联动、居民监督",
        "沿河排口逐个排查、截污纳管，居民“河长”参与日常监督。",
        "{place}附近一段河道常年发黑发臭，夏天气味尤其重，沿河居民意见很大。"
        "议事室邀请水利、生态环境、城管部门和沿河单位一起协商，委员带队沿河排查排口。\n"
        "排查发现几处生活污水直排口和沿河乱倒垃圾的问题。各方商定分工：部门负责截污纳管和清淤，沿河单位管好自家排口，居民志愿者担任“民间河长”。",
        "直排口全部截污纳管；河道清淤并补水活水；沿河设置垃圾收集点；民间河长每周巡河并向议事室通报。",
        "河道水质明显好转，黑臭现象消除；民间河长坚持巡河，发现问题及时交办。",
        ["区生态环境局", "区城市管理局"],
        ("河道发黑发臭", "清淤截污后的河道"),
    ),
    (
        "小区长效管理",
        "电动车楼道充电",
        "飞线充电隐患清零，集中充电车棚建成",
        "堵不如疏：先建充电车棚，再清飞线，居民充电方便了，隐患也消除了。",
        "{place}不少居民把电动车推进楼道充电，从窗户拉“飞线”，存在很大火灾隐患。"
        "单纯禁止，居民没有地方充电；议事室请居民、物业、消防和供电部门一起商量“堵”和“疏”怎么结合。\n"
        "大家商定先在小区空地建集中充电车棚，按次收费、价格公示，车棚建成后再统一清理飞线。",
        "物业在小区空地建设集中充电车棚，安装智能充电桩和监控；车棚建成后统一清理楼道充电和飞线；消防部门开展安全宣传。",
        "两处充电车棚投入使用，楼道充电和飞线全部清理，此后未发生电动车火情。",
        ["区消防救援大队"],
        ("楼道充电的飞线", "新建的集中充电车棚"),
    ),
    (
        "停车管理",
        "小区停车位不足",
        "挖潜增位，缓解老小区停车难",
        "议事室牵头梳理小区边角空地，新增车位、错时共享，停车矛盾明显缓解。",
        "{place}老小区建成时没有规划停车位，晚上车辆乱停，消防通道经常被堵，邻里为抢车位时有争执。"
        "议事室组织居民、物业、城管和周边单位协商，委员建议“挖潜”和“共享”两手抓。\n"
        "大家一起梳理小区边角空地和周边单位的夜间空置车位，商定施划车位和错时共享办法。",
        "利用边角空地施划新车位；与周边单位签订夜间错时停车协议；消防通道施划禁停标线，由物业和居民志愿者共同劝导。",
        "新增车位六十余个，周边单位夜间共享车位四十个，消防通道保持畅通。",
        [],
        ("车辆乱停堵塞通道", "施划车位后的小区道路"),
    ),
    (
        "养老服务",
        "居家养老助餐点",
        "老人家门口吃上热乎饭",
        "社区、企业和志愿者协商办起助餐点，独居和高龄老人不再为一日三餐发愁。",
        "{place}独居和高龄老人多，做饭难、吃饭难是大家反映最多的问题之一。"
        "议事室邀请民政部门、餐饮企业、志愿者和老人代表一起商量助餐点怎么办、价格怎么定、行动不便的老人怎么送。\n"
        "协商确定由社区提供场地、企业负责供餐、政府给予补贴，志愿者为行动不便的老人送餐上门。",
        "社区助餐点提供午餐和晚餐，老人凭卡享受补贴价；志愿者送餐上门；每季度召开一次老人代表座谈会听取意见。",
        "助餐点开业后每天服务老人一百余人次，送餐上门三十余户，老人代表评价满意。",
        [],
        ("原来闲置的社区用房", "开业后的助餐点"),
    ),
]

CAMPAIGN_CASE = (
    "议事月里的“委员进社区”：{topic}",
    "2020年民生专题协商议事月中，政协委员走进议事室，与居民和部门一起把问题商量到解决。",
    "2020年9月，崇川区政协开展“有事好商量·民生专题协商议事月”活动，要求精选协商议题，以解决民生问题的实效检验活动成效。"
    "{room}把居民反映集中的“{issue}”选为议题。\n"
    "议事活动中，政协委员和职能部门代表深入一线察看实情，居民代表当面反映诉求，部门现场答复办理计划，"
    "与会各方逐项讨论，明确了责任分工和完成时限。",
)


def _photo(kind, seed):
    """A plain drawing standing for the photo: cluttered greys before, tidy greens after."""
    width, height = 800, 600
    image = Image.new("RGB", (width, height), (156, 148, 136) if kind == "before" else (226, 238, 226))
    draw = ImageDraw.Draw(image)
    for index in range(14):
        x = (seed * 37 + index * 53) % (width - 120)
        y = (seed * 19 + index * 71) % (height - 120)
        if kind == "before":
            draw.rectangle((x, y, x + 60 + index * 3, y + 40 + index * 2), fill=(92 + index * 4, 84, 76))
        else:
            column, row = index % 7, index // 7
            left, top = 40 + column * 105, 160 + row * 200
            draw.rectangle((left, top, left + 80, top + 140), fill=(64, 140 + column * 8, 92))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _issue_for(category, keyword, used):
    """A resolved public issue of `category` whose title has `keyword`, from the showcase streets
    first; any resolved public issue of the category when none has the word."""
    issues = (
        Issue.objects.public()
        .resolved()
        .filter(category__name=category)
        .exclude(pk__in=used)
        .select_related("room__street", "room__community", "raised_in", "category", "department")
        .order_by("resolved_on", "pk")
    )
    for candidates in (issues.filter(title__contains=keyword), issues):
        found = candidates.filter(room__street__name__in=SHOWCASE_STREETS).first() or candidates.first()
        if found is not None:
            return found
    return None


def _place(room):
    if room.community_id:
        return room.community.name
    return room.street.name if room.street_id else room.name


def _departments(issue, names):
    departments = [issue.department] if issue.department_id else []
    departments += list(Department.objects.filter(name__in=names))
    return departments


def _make(author, existing, used, position, *, issue, session, photos, **text):
    """One case from `issue` (and its `session`), with its two drawings; None when it exists."""
    if text["title"] in existing:
        return None
    held_on = timezone.localtime(session.starts_at).date() if session is not None else issue.resolved_on
    case = Case(
        issue=issue,
        session=session,
        category=issue.category,
        published_on=max(issue.resolved_on, held_on) + datetime.timedelta(days=14),
        featured=position < FEATURED,
        photo_before_alt=photos[0],
        photo_after_alt=photos[1],
        **{name: value for name, value in text.items() if name != "departments"},
    )
    prepared = case_prepare_photos(
        uploads={"photo_before": _photo("before", position), "photo_after": _photo("after", position)}
    )
    used.add(issue.pk)
    existing.add(text["title"])
    return case_save(case=case, author=author, departments=text["departments"], photos=prepared)


def _visits():
    """Each visit after a case was published saw the (at most three) newest cases of its day."""
    cases = sorted(Case.objects.public().values_list("pk", "published_on"), key=lambda row: (row[1], row[0]))
    if not cases:
        return
    existing = set(Visit.cases.through.objects.values_list("visit_id", "case_id"))
    links = []
    for visit_id, visited_on in Visit.objects.order_by("visited_on", "pk").values_list("pk", "visited_on"):
        seen = [pk for pk, published_on in cases if published_on <= visited_on][-CASES_PER_VISIT:]
        links += [Visit.cases.through(visit_id=visit_id, case_id=pk) for pk in seen if (visit_id, pk) not in existing]
    Visit.cases.through.objects.bulk_create(links, batch_size=1000)


def _campaign_issue(used):
    """The first resolved public issue raised in a held session of the 2020 议事月."""
    return (
        Issue.objects.public()
        .resolved()
        .filter(Session.held_q("raised_in"), raised_in__campaign__starts_on=CAMPAIGN_STARTS_ON)
        .exclude(pk__in=used)
        .select_related("room__street", "raised_in", "category", "department")
        .order_by("raised_in__starts_at", "pk")
        .first()
    )


@transaction.atomic
def load_cases(scale=1):
    """The demo's model cases (the same few at every `scale`) and the visits that saw them."""
    author = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    if author is None:
        return
    existing = set(Case.objects.values_list("title", flat=True))
    used = set(Case.objects.exclude(issue=None).values_list("issue_id", flat=True))
    for position, (category, keyword, title, summary, story, consensus, result, more, photos) in enumerate(CASES):
        issue = _issue_for(category, keyword, used)
        if issue is None:
            continue
        _make(
            author,
            existing,
            used,
            position,
            issue=issue,
            session=issue.raised_in if issue.raised_in_id else None,
            title=title,
            summary=summary,
            story=story.format(place=_place(issue.room)),
            consensus=consensus,
            result=result,
            departments=_departments(issue, more),
            photos=photos,
        )
    if Case.objects.filter(session__campaign__starts_on=CAMPAIGN_STARTS_ON).exists():
        campaign_issue = None  # told already
    else:
        campaign_issue = _campaign_issue(used)
    if campaign_issue is not None:
        title, summary, story = CAMPAIGN_CASE
        session = campaign_issue.raised_in
        _make(
            author,
            existing,
            used,
            len(CASES),
            issue=campaign_issue,
            session=session,
            title=title.format(topic=campaign_issue.title),
            summary=summary,
            story=story.format(room=session.room.name, issue=campaign_issue.title),
            consensus=session.consensus,
            result=campaign_issue.resolution,
            departments=_departments(campaign_issue, []),
            photos=("议事活动现场", "整改完成后"),
        )
    _visits()
    invalidate_statistics()  # the visits' links were bulk-created
