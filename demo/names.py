"""Names for the demo district, from the article (崇川区, August 2020) and filled in plausibly."""

# (name, kind, named communities). The streets the article names come first.
STREETS = [
    ("陈桥街道", "street", []),
    ("文峰街道", "street", ["世伦桥社区"]),
    ("天生港镇街道", "street", []),
    ("学田街道", "street", ["南川园社区"]),
    ("虹桥街道", "street", ["虹桥社区", "虹东社区"]),
    ("唐闸镇街道", "street", ["长岸社区"]),
    ("新城桥街道", "street", ["八厂社区"]),
    ("永兴街道", "street", ["节制闸村社区"]),
    ("城东街道", "street", ["新桥苑社区"]),
    ("观音山新城", "zone", []),
    ("和平桥街道", "street", []),
    ("任港街道", "street", []),
    ("港闸经济开发区", "zone", []),
]

# Parts for plausible community names; combined deterministically, never repeating a name.
COMMUNITY_FIRST = [
    "和平",
    "桃园",
    "钟秀",
    "濠西",
    "盘香",
    "城山",
    "青年",
    "北濠",
    "东郊",
    "五一",
    "工农",
    "益民",
    "友谊",
    "光明",
    "幸福",
    "兴仁",
    "启秀",
    "天虹",
    "海港",
    "通江",
    "芦泾",
    "永和",
    "新胜",
    "紫琅",
    "星光",
    "校园",
    "文化",
    "长桥",
    "秦灶",
    "观音",
    "园林",
    "狼山",
]
COMMUNITY_SECOND = ["桥", "苑", "园", "港", "湾", "路", "村", "新村", "花园", "家园"]

SECTORS = [
    "中共界",
    "民革界",
    "民盟界",
    "民建界",
    "民进界",
    "农工党界",
    "致公党界",
    "九三学社界",
    "无党派人士界",
    "共青团和青联界",
    "总工会界",
    "妇联界",
    "工商联界",
    "科技科协界",
    "经济界",
    "农业界",
    "教育界",
    "文化艺术界",
    "医药卫生界",
    "社会福利和社会保障界",
]

# (park name, street it lies in)
PARKS = [
    ("港闸经济开发区企业园区", "港闸经济开发区"),
    ("崇川开发区企业园区", "观音山新城"),
    ("紫琅科技城", "观音山新城"),
    ("学田商务楼宇园区", "学田街道"),
    ("唐闸1895文创园区", "唐闸镇街道"),
]

COMMUNITY_COUNT = 167  # 13 streets + 167 communities + 20 sectors + 5 parks = 205 rooms, as in the article

CATEGORIES = [
    "食品安全监管",
    "环境污染治理",
    "小区长效管理",
    "老旧小区改造",
    "水环境治理",
    "停车管理",
    "养老服务",
    "交通出行",
    "公共服务设施",
]

# Issue titles per category; {place} is the room's community or street.
ISSUE_TEMPLATES = {
    "食品安全监管": [
        "{place}农贸市场熟食摊点卫生整治",
        "{place}学校周边流动摊贩食品安全",
        "{place}小餐饮店后厨卫生公开",
        "{place}社区食堂食材溯源",
        "{place}早餐点证照不全",
    ],
    "环境污染治理": [
        "{place}餐饮油烟扰民",
        "{place}夜间施工噪声",
        "{place}垃圾中转站异味",
        "{place}工地扬尘治理",
        "{place}废品收购点占道污染",
    ],
    "小区长效管理": [
        "{place}小区物业服务不到位",
        "{place}楼道堆物清理",
        "{place}小区门禁和监控维修",
        "{place}绿化带毁绿种菜",
        "{place}电动车楼道充电隐患",
    ],
    "老旧小区改造": [
        "{place}老旧小区雨污分流改造",
        "{place}老楼加装电梯协商",
        "{place}屋面渗漏维修",
        "{place}老旧小区外墙出新",
        "{place}老小区管网改造",
    ],
    "水环境治理": ["{place}河道黑臭水体整治", "{place}沿河排口截污", "{place}河岸垃圾清理", "{place}雨后路面积水"],
    "停车管理": ["{place}小区停车位不足", "{place}非机动车乱停放", "{place}路边僵尸车清理", "{place}夜间停车难"],
    "养老服务": [
        "{place}居家养老助餐点",
        "{place}老年人助浴服务",
        "{place}独居老人安全关爱",
        "{place}日间照料中心改造",
    ],
    "交通出行": ["{place}公交站台迁移", "{place}学校门口接送拥堵", "{place}人行道破损修复", "{place}路口增设信号灯"],
    "公共服务设施": ["{place}健身器材更新", "{place}公共厕所改造", "{place}路灯照明不足", "{place}社区阅览室开放时间"],
}

DEPARTMENTS = {
    "食品安全监管": "区市场监督管理局",
    "环境污染治理": "区生态环境局",
    "小区长效管理": "区住房和城乡建设局",
    "老旧小区改造": "区住房和城乡建设局",
    "水环境治理": "区水利局",
    "停车管理": "区城市管理局",
    "养老服务": "区民政局",
    "交通出行": "区交通运输局",
    # No district bureau: each issue goes to the office of its room's street (STREET_OFFICE),
    # or to 区住房和城乡建设局 for rooms of no street (界别 rooms).
    "公共服务设施": None,
}
NO_STREET_DEPARTMENT = "区住房和城乡建设局"

# 办理时限(天) of each category, from the day an issue is assigned.
DEADLINE_DAYS = {
    "食品安全监管": 15,
    "环境污染治理": 30,
    "小区长效管理": 30,
    "老旧小区改造": 90,
    "水环境治理": 60,
    "停车管理": 30,
    "养老服务": 30,
    "交通出行": 45,
    "公共服务设施": 30,
}


def street_office(street_name: str) -> str:
    """The office that handles a street's own issues: 文峰街道 → 文峰街道办事处; a zone (新城,
    开发区) has a 管委会."""
    return f"{street_name}办事处" if street_name.endswith("街道") else f"{street_name}管委会"


DEPARTMENT_PROGRESS = [
    "已到现场查看，制定整改方案。",
    "已与物业和社区对接，明确责任分工。",
    "施工单位已进场，预计两周内完成。",
    "已召开协调会，相关单位同意配合办理。",
]
EXTENSION_REASON = "涉及多个产权单位，需协调资金和施工时间，申请延期一个月。"
FOLLOW_UP_SATISFIED = "召集人上门回访，承办单位补充整改后，居民表示满意。"
FOLLOW_UP_REOPENED = "召集人上门回访，问题确有反复，重新交承办单位办理。"
FOLLOW_UP_DISSATISFIED = "问题解决后又出现反复，希望彻底解决。"
FOLLOWER_EMAILS = [f"resident{n}@example.cn" for n in range(1, 6)]

RESOLUTIONS = [
    "经协商，承办单位已完成整改，居民代表现场验收通过。",
    "相关部门联合执法并建立长效巡查机制，问题已解决。",
    "物业、社区和居民三方达成共识并落实到位。",
    "已纳入年度民生实事项目并完工。",
    "经议事室协商，居民自治小组接手日常管理，效果良好。",
]

SESSION_TOPICS = [
    "{place}{category}专题协商",
    "聚焦{category}，共商{place}治理对策",
    "{place}居民议事会：{category}",
    "{category}问题现场协商会",
    "委员进社区：{place}{category}",
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = [
    "建国",
    "志强",
    "秀英",
    "桂兰",
    "海燕",
    "晓东",
    "丽华",
    "文杰",
    "春梅",
    "国华",
    "建华",
    "玉兰",
    "明",
    "静",
    "敏",
    "伟",
    "芳",
    "军",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
]

MEDIA = {
    "central": ["新华每日电讯", "人民政协报", "学习强国", "人民网", "中国政协杂志"],
    "provincial": ["新华日报", "江苏政协", "交汇点", "荔枝网", "江苏卫视"],
    "municipal": ["南通日报", "江海晚报", "南通广播电视台", "江海明珠网"],
}
MEDIA_TITLES = [
    "崇川“有事好商量”让民生难题在协商中破解",
    "协商议事室里的“崇川经验”",
    "小小议事室，连起干群心",
    "政协委员走进社区议事室",
    "崇川区实现协商议事室全覆盖",
    "“有事好商量”助力基层治理提质增效",
]

VISITORS = [
    "南京市鼓楼区政协",
    "苏州市姑苏区政协",
    "无锡市梁溪区政协",
    "常州市天宁区政协",
    "扬州市广陵区政协",
    "泰州市海陵区政协",
    "盐城市亭湖区政协",
    "淮安市清江浦区政协",
    "上海市黄浦区政协",
    "杭州市上城区政协",
    "合肥市庐阳区政协",
    "南通市海门区政协",
    "如皋市政协",
    "启东市政协",
    "海安市政协",
    "如东县政协",
]
