"""Registry import: every broken file is refused with a Chinese message and imports nothing;
a good file imports all or nothing, re-importing changes nothing, and an exported registry
imported into an empty database is the same registry."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from backoffice.importers import (
    CONVENER_COLUMNS,
    ROOM_COLUMNS,
    SECTOR_COLUMNS,
    STREET_COLUMNS,
    registry_import,
    registry_workbook,
    template_sheets,
)
from cases.models import Case
from deliberations.models import Attendance, Campaign, CampaignStreetTarget, Session, TopicSuggestion
from departments.models import Department
from figures.models import MediaReport, Visit
from issues.models import Feedback, Issue, IssueUpdate, Outcome
from rooms.models import Community, Convenership, Room, Sector, Street
from tests.factories import StreetFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def make_xlsx(sheets: dict) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="名册.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def room_row(name, level="社区", street="崇川街道", community="和平社区", sector="", **extra):
    values = {
        "名称": name,
        "层级": level,
        "所属街道": street,
        "所属社区": community,
        "所属界别": sector,
        "地址": "南通市崇川区和平路1号",
        "建成日期": datetime.date(2020, 5, 1),
        "启用": "是",
        "公开联系电话": "0513-85000001",
        "简介": "简介",
    }
    values.update(extra)
    return [values[column] for column in ROOM_COLUMNS]


def good_file():
    return make_xlsx(
        {
            "街道社区": [
                STREET_COLUMNS,
                ["崇川街道", "街道", "和平社区", "社区"],
                ["崇川街道", "街道", "桃园村", "村"],
            ],
            "界别": [SECTOR_COLUMNS, ["经济界"]],
            "议事室": [
                ROOM_COLUMNS,
                room_row("崇川街道协商议事室", level="街道", community=""),
                room_row("和平社区协商议事室"),
                room_row("桃园村协商议事室", community="桃园村"),
                room_row("经济界协商议事室", level="界别", street="", community="", sector="经济界"),
            ],
            "召集人": [
                CONVENER_COLUMNS,
                ["和平社区协商议事室", "zhang-wei", "张伟", datetime.date(2020, 6, 1)],
                ["桃园村协商议事室", "zhang-wei", "张伟", ""],
            ],
        }
    )


def registry_counts():
    return (
        Street.objects.count(),
        Community.objects.count(),
        Sector.objects.count(),
        Room.objects.count(),
        Convenership.objects.count(),
        get_user_model().objects.count(),
    )


# ---- broken files: a clear Chinese message, nothing imported -------------------------------------


def assert_refused(result, *words):
    assert not result.ok
    assert not result.committed
    text = " ".join(result.file_errors + [error.message for error in result.row_errors])
    for word in words:
        assert word in text, text
    return text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["空的"]),
        (b"   \n", ["空的"]),
        (b"\x00\x01\x02 this is not a workbook \xff\xfe", ["不是有效的 Excel"]),
        (b"PK\x03\x04 broken zip", ["不是有效的 Excel"]),
        ("名称,层级,所属街道\n和平社区协商议事室,社区,崇川街道\n".encode(), ["CSV", "另存为"]),
        ("名称,层级\n和平社区协商议事室,社区\n".encode("gb18030"), ["CSV"]),
    ],
    ids=["empty", "blank", "garbage", "broken-zip", "csv-renamed", "csv-gbk-renamed"],
)
def test_unreadable_files_are_refused(content, words):
    before = registry_counts()
    assert_refused(registry_import(upload(content), dry_run=False), *words)
    assert registry_counts() == before


@pytest.mark.django_db
def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert_refused(registry_import(upload(buffer.getvalue()), dry_run=False), "不是有效的 Excel")
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_a_20_mb_file_is_refused_before_it_is_read():
    content = b"PK\x03\x04" + b"0" * (20 * 1024 * 1024)
    text = assert_refused(registry_import(upload(content), dry_run=False), "文件太大", "5 MB")
    assert "20.0 MB" in text
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_a_workbook_without_the_expected_sheets_is_refused():
    content = make_xlsx({"Sheet1": [ROOM_COLUMNS, room_row("和平社区协商议事室")]})
    assert_refused(registry_import(upload(content), dry_run=False), "没有可导入的工作表", "Sheet1", "议事室")
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_missing_columns_are_named():
    content = make_xlsx({"议事室": [["名称", "地址"], ["和平社区协商议事室", "和平路"]]})
    assert_refused(registry_import(upload(content), dry_run=False), "缺少列", "层级", "所属街道")
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_a_workbook_with_headers_only_is_refused_as_empty():
    content = make_xlsx({"议事室": [ROOM_COLUMNS]})
    assert_refused(registry_import(upload(content), dry_run=False), "没有数据行")


@pytest.mark.django_db
def test_formulas_in_cells_are_refused():
    rows = [ROOM_COLUMNS, room_row('=HYPERLINK("http://evil","点我")', level="街道", community="")]
    content = make_xlsx({"街道社区": [STREET_COLUMNS, ["崇川街道", "街道", "", ""]], "议事室": rows})
    assert_refused(registry_import(upload(content), dry_run=False), "公式", "粘贴为数值")
    assert Room.objects.count() == 0
    assert Street.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_room_name_and_unknown_street_are_listed_row_by_row_and_nothing_is_imported():
    content = make_xlsx(
        {
            "街道社区": [
                STREET_COLUMNS,
                ["崇川街道", "街道", "和平社区", "社区"],
                ["崇川街道", "街道", "和平社区", "社区"],
            ],
            "议事室": [
                ROOM_COLUMNS,
                room_row("和平社区协商议事室"),
                room_row("和平社区协商议事室"),
                room_row("远方协商议事室", street="不存在街道", community=""),
                room_row("好的协商议事室", level="街道", community=""),
                room_row("层级错误协商议事室", level="小区"),
            ],
        }
    )
    result = registry_import(upload(content), dry_run=False)
    assert not result.ok and not result.committed
    errors = {(error.sheet, error.row): error.message for error in result.row_errors}
    assert "重复" in errors[("街道社区", 3)]
    assert "重复" in errors[("议事室", 3)] and "第 2 行" in errors[("议事室", 3)]
    assert "街道“不存在街道”不存在" in errors[("议事室", 4)]
    assert "层级“小区”无效" in errors[("议事室", 6)]
    assert ("议事室", 5) not in errors and ("议事室", 2) not in errors
    assert registry_counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_a_room_that_breaks_a_model_rule_is_reported():
    content = make_xlsx(
        {
            "街道社区": [STREET_COLUMNS, ["崇川街道", "街道", "", ""]],
            "议事室": [ROOM_COLUMNS, room_row("缺社区协商议事室", community="")],
        }
    )
    result = registry_import(upload(content), dry_run=False)
    assert [(error.sheet, error.row) for error in result.row_errors] == [("议事室", 2)]
    assert "社区议事室必须选择所属社区" in result.row_errors[0].message
    assert Street.objects.count() == 0


# ---- good files ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_preview_writes_nothing_and_import_writes_everything():
    preview = registry_import(upload(good_file()), dry_run=True)
    assert preview.ok and not preview.committed
    assert preview.counts["议事室"].created == 4
    assert registry_counts() == (0, 0, 0, 0, 0, 0)

    result = registry_import(upload(good_file()), dry_run=False)
    assert result.ok and result.committed
    assert Room.objects.count() == 4
    peace = Room.objects.select_related("street", "community").get(name="和平社区协商议事室")
    assert (peace.level, peace.street.name, peace.community.name) == ("community", "崇川街道", "和平社区")
    assert peace.established_on == datetime.date(2020, 5, 1)
    assert Room.objects.get(name="经济界协商议事室").sector.name == "经济界"
    assert Community.objects.get(name="桃园村").kind == "village"
    user = get_user_model().objects.get(username="zhang-wei")
    assert user.full_name == "张伟" and not user.has_usable_password()
    assert sorted(user.convened_rooms.values_list("name", flat=True)) == ["和平社区协商议事室", "桃园村协商议事室"]


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing():
    registry_import(upload(good_file()), dry_run=False)
    snapshot = registry_snapshot()
    history = Room.history.count()
    again = registry_import(upload(good_file()), dry_run=False)
    assert again.ok
    assert again.changed == 0
    assert sum(count.unchanged for count in again.counts.values()) > 0
    assert registry_snapshot() == snapshot
    assert Room.history.count() == history, "an unchanged row must not be saved again"


@pytest.mark.django_db
def test_an_existing_room_is_updated_in_place():
    registry_import(upload(good_file()), dry_run=False)
    changed = make_xlsx({"议事室": [ROOM_COLUMNS, room_row("和平社区协商议事室", 地址="新地址", 启用="否")]})
    result = registry_import(upload(changed), dry_run=False)
    assert result.committed and result.counts["议事室"].updated == 1
    room = Room.objects.get(name="和平社区协商议事室")
    assert (room.address, room.is_active) == ("新地址", False)
    assert Room.objects.count() == 4


@pytest.mark.django_db
def test_a_street_in_the_database_can_be_used_without_the_street_sheet():
    StreetFactory(name="崇川街道")
    content = make_xlsx({"议事室": [ROOM_COLUMNS, room_row("崇川街道协商议事室", level="街道", community="")]})
    assert registry_import(upload(content), dry_run=False).committed
    assert Room.objects.get().street.name == "崇川街道"


@pytest.mark.django_db
def test_the_template_has_chinese_headers_and_imports_cleanly():
    from core.exports import xlsx_workbook

    workbook = load_workbook(io.BytesIO(xlsx_workbook(template_sheets())))
    assert workbook.sheetnames == ["街道社区", "界别", "议事室", "召集人"]
    assert [cell.value for cell in workbook["议事室"][1]] == ROOM_COLUMNS
    assert registry_import(upload(xlsx_workbook(template_sheets())), dry_run=True).ok


def registry_snapshot():
    return {
        "streets": list(Street.objects.order_by("ordering", "name").values_list("name", "kind")),
        "communities": sorted(Community.objects.values_list("street__name", "name", "kind")),
        "sectors": list(Sector.objects.order_by("ordering", "name").values_list("name", flat=True)),
        "rooms": sorted(
            Room.objects.values_list(
                "name",
                "level",
                "street__name",
                "community__name",
                "sector__name",
                "address",
                "established_on",
                "is_active",
                "public_phone",
                "description",
            )
        ),
        "conveners": sorted(
            Convenership.objects.values_list("room__name", "user__username", "user__full_name", "started_on")
        ),
    }


@pytest.mark.django_db
def test_round_trip_export_the_demo_registry_and_import_it_into_an_empty_database(demo):
    before = registry_snapshot()
    assert len(before["rooms"]) == 205
    content = registry_workbook()
    phones = [phone for phone in get_user_model().objects.values_list("phone", flat=True) if phone]
    text = b"".join(
        zipfile.ZipFile(io.BytesIO(content)).read(name) for name in zipfile.ZipFile(io.BytesIO(content)).namelist()
    )
    assert not any(phone.encode() in text for phone in phones), "a personal phone number was exported"

    Issue.objects.update(duplicate_of=None)  # a repeat PROTECTs the issue it points to
    for model in (
        Session.cppcc_members.through,  # named members first: the database keeps them within the headcount
        Case,  # a model case PROTECTs its issue, session, room and street
        CampaignStreetTarget,
        Feedback,
        IssueUpdate,
        Outcome,
        Issue,
        Attendance,
        Session,
        Campaign,
        TopicSuggestion,
        Visit,
        MediaReport,
        Convenership,
        Room,
        Department,  # street offices PROTECT their street
        Community,
        Street,
        Sector,
    ):
        model.objects.all().delete()
    get_user_model().objects.filter(is_staff=False).delete()
    assert registry_counts()[:5] == (0, 0, 0, 0, 0)

    result = registry_import(upload(content), dry_run=False)
    assert result.ok, result.row_errors[:5] or result.file_errors
    assert registry_snapshot() == before
    again = registry_import(upload(content), dry_run=False)
    assert again.changed == 0


# ---- the staff pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_upload_previews_then_confirm_imports(staff_client):
    response = staff_client.post(reverse("staff:import"), {"file": upload(good_file())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "预览" in html and "确认导入" in html
    assert Room.objects.count() == 0
    token = response.context["token"]
    response = staff_client.post(reverse("staff:import-confirm"), {"token": token}, follow=True)
    assert "导入成功" in response.content.decode()
    assert Room.objects.count() == 4
    # The token is used up: confirming twice does not import twice.
    response = staff_client.post(reverse("staff:import-confirm"), {"token": token}, follow=True)
    assert "预览已过期" in response.content.decode()


@pytest.mark.django_db
def test_upload_of_a_bad_file_lists_every_bad_row(staff_client):
    content = make_xlsx(
        {
            "议事室": [
                ROOM_COLUMNS,
                room_row("甲协商议事室", street="无此街道"),
                room_row("乙协商议事室", street="无此街道"),
            ]
        }
    )
    response = staff_client.post(reverse("staff:import"), {"file": upload(content)})
    html = response.content.decode()
    assert "没有写入任何数据" in html
    assert "共 2 行有错误" in html
    assert html.count("街道“无此街道”不存在") == 2
    assert "确认导入" not in html
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_a_forged_token_imports_nothing(staff_client):
    response = staff_client.post(reverse("staff:import-confirm"), {"token": "../../etc/passwd"}, follow=True)
    assert "预览已过期" in response.content.decode()


@pytest.mark.django_db
def test_template_and_registry_downloads(staff_client, demo):
    template = staff_client.get(reverse("staff:import-template"))
    assert template["Content-Type"] == XLSX
    registry = staff_client.get(reverse("staff:registry-export"))
    workbook = load_workbook(io.BytesIO(registry.content))
    assert workbook["议事室"].max_row == 205 + 1
