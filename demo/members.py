"""The demo CPPCC members' public side: a short note for each (the public identity that tells
namesakes apart) and the pinyin of their names (the loader bulk-creates users, which skips
`User.save`). The two demo members named 向磊 sit in different sectors with different notes.
Safe to run again: it writes the same values."""

from django.contrib.auth import get_user_model

from accounts.pinyin import name_initials, name_pinyin
from rooms.models import Sector

# Public duties only: a post or a workplace, never a phone or an address.
MEMBER_NOTES = [
    "区工商联副主席",
    "崇川中学高级教师",
    "区人民医院主任医师",
    "律师事务所合伙人",
    "社区卫生服务中心主任",
    "南通大学副教授",
    "物业服务企业负责人",
    "区妇联兼职副主席",
    "建筑设计院高级工程师",
    "非公企业党组织书记",
    "社区党委书记",
    "区科协常委",
    "老年大学校长",
    "农业合作社理事长",
    "会计师事务所所长",
    "区青联副主席",
    "街道文化站站长",
    "民营医院院长",
    "中医院副主任医师",
    "小学校长",
    "餐饮协会会长",
    "区总工会兼职副主席",
    "交通运输企业经理",
    "区残联兼职副理事长",
    "幼儿园园长",
    "养老机构负责人",
    "电商企业创始人",
    "城市规划设计师",
    "区红十字会志愿者",
    "中学德育处主任",
    "司法鉴定所负责人",
    "文化传媒公司总经理",
    "街道社区服务中心主任",
    "区侨联委员",
    "高新技术企业研发总监",
    "区住建局退休干部",
    "环保科技公司负责人",
    "社会组织孵化中心负责人",
    "职业技术学院讲师",
    "区台联委员",
]


def load_members():
    """Give every demo member a note and the pinyin of the name; namesakes get distinct
    sectors and notes."""
    User = get_user_model()
    members = list(User.objects.filter(is_cppcc_member=True).order_by("pk"))
    sectors = list(Sector.objects.order_by("pk"))
    seen = {}
    for index, member in enumerate(members):
        member.member_note = MEMBER_NOTES[index % len(MEMBER_NOTES)]
        member.full_name_pinyin = name_pinyin(member.full_name)
        member.full_name_initials = name_initials(member.full_name)
        taken = seen.setdefault(member.full_name, [])
        if sectors and member.sector_id in {other.sector_id for other in taken}:
            # A namesake in the same sector could not be told apart: move to the next free one.
            used = {other.sector_id for other in taken}
            member.sector = next(
                sector for sector in sectors[index % len(sectors) :] + sectors if sector.pk not in used
            )
        taken.append(member)
    User.objects.bulk_update(
        members, ["member_note", "full_name_pinyin", "full_name_initials", "sector"], batch_size=500
    )
