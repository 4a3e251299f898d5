"""The registry import against hostile or careless files: zip bombs and other archives that expand
too far are refused before parsing; previews are kept in a private per-user folder and removed;
a convener row cannot touch a staff or superuser account."""

import io
import os
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from backoffice.importers import CONVENER_COLUMNS, registry_import
from rooms.models import Convenership, Room
from tests.backoffice.test_import import good_file, make_xlsx, upload
from tests.factories import StaffFactory, SuperuserFactory, UserFactory

MB = 1024 * 1024


# ---- archives that expand too far ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_parsing_without_using_memory():
    """A few hundred KB that expand to 200 MB: the old import handed it to openpyxl."""
    buffer = io.BytesIO()
    chunk = b"<row r='1'><c r='A1' t='inlineStr'><is><t>x</t></is></c></row>" * (MB // 60)
    with zipfile.ZipFile(io.BytesIO(good_file())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                info = zipfile.ZipInfo(item.filename, item.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                with out.open(info, "w", force_zip64=True) as member:
                    member.write(b"<worksheet><sheetData>")
                    for _ in range(200 * MB // len(chunk)):
                        member.write(chunk)
                    member.write(b"</sheetData></worksheet>")
            else:
                out.writestr(item, source.read(item.filename))
    content = buffer.getvalue()
    assert len(content) < 2 * MB
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sum(item.file_size for item in archive.infolist()) > 200_000_000
    tracemalloc.start()
    try:
        result = registry_import(upload(content), dry_run=False)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not result.ok and not result.committed
    assert "压缩比异常" in result.file_errors[0] and "未导入" in result.file_errors[0]
    assert peak < 20 * MB, peak
    assert Room.objects.count() == 0


@pytest.mark.django_db
@override_settings(REGISTRY_IMPORT_MAX_UNCOMPRESSED_BYTES=2 * MB)
def test_a_workbook_that_expands_past_the_total_limit_is_refused():
    # Random-looking text compresses little: the ratio is fine, the total is not.
    content = good_file()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr("xl/media/image1.bin", os.urandom(3 * MB))
    result = registry_import(upload(buffer.getvalue()), dry_run=False)
    assert "解压后过大" in result.file_errors[0] and "最多 2 MB" in result.file_errors[0]
    assert Room.objects.count() == 0


@pytest.mark.django_db
@override_settings(REGISTRY_IMPORT_MAX_MEMBERS=20)
def test_a_workbook_with_too_many_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good_file())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        for number in range(30):
            out.writestr(f"xl/extra/part{number}.xml", "<x/>")
    result = registry_import(upload(buffer.getvalue()), dry_run=False)
    assert "部件过多" in result.file_errors[0]
    assert Room.objects.count() == 0


@pytest.mark.django_db
def test_an_ordinary_workbook_passes_the_archive_checks():
    result = registry_import(upload(good_file()), dry_run=False)
    assert result.ok and result.committed


# ---- staff and superuser accounts ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [StaffFactory, SuperuserFactory], ids=["staff", "superuser"])
def test_a_convener_row_naming_a_staff_account_refuses_the_whole_import(factory):
    admin = factory(username="jiguan-admin", full_name="机关管理员")
    UserFactory(username="zhangsan", full_name="张三")
    content = make_xlsx(
        {
            "议事室": [
                [
                    "名称",
                    "层级",
                    "所属街道",
                    "所属社区",
                    "所属界别",
                    "地址",
                    "建成日期",
                    "启用",
                    "公开联系电话",
                    "简介",
                ],
                ["和平协商议事室", "企业园区", "", "", "", "", "", "是", "", ""],
            ],
            "召集人": [
                CONVENER_COLUMNS,
                ["和平协商议事室", "zhangsan", "张三丰", ""],
                ["和平协商议事室", "jiguan-admin", "改名的管理员", ""],
                ["和平协商议事室", "newconvener", "新召集人", ""],
            ],
        }
    )
    result = registry_import(upload(content), dry_run=False)
    assert not result.ok and not result.committed
    assert [(error.sheet, error.row) for error in result.row_errors] == [("召集人", 3)]
    assert "jiguan-admin" in result.row_errors[0].message and "工作人员或管理员" in result.row_errors[0].message
    admin.refresh_from_db()
    assert admin.full_name == "机关管理员"
    # All or nothing: the other rows were rolled back too.
    assert get_user_model().objects.get(username="zhangsan").full_name == "张三"
    assert not get_user_model().objects.filter(username="newconvener").exists()
    assert not Room.objects.exists() and not Convenership.objects.exists()


# ---- the preview file ----------------------------------------------------------------------------


def _kept_files():
    return sorted((Path(settings.PRIVATE_DATA_ROOT) / "registry-imports").glob("*/*.xlsx"))


@pytest.fixture
def clean_private_root():
    for path in _kept_files():
        path.unlink()
    yield
    for path in _kept_files():
        path.unlink()


@pytest.mark.django_db
def test_the_preview_file_is_private_per_user_random_and_removed_on_confirm(staff_client, staff, clean_private_root):
    response = staff_client.post(reverse("staff:import"), {"file": upload(good_file())})
    token = response.context["token"]
    [kept] = _kept_files()
    assert kept.parent == Path(settings.PRIVATE_DATA_ROOT) / "registry-imports" / str(staff.pk)
    assert kept.name == f"{token}.xlsx" and len(token) == 32
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    media, private = Path(settings.MEDIA_ROOT).resolve(), kept.resolve()
    assert media not in private.parents and Path(tempfile.gettempdir()) / "chongchuan-imports" not in private.parents
    assert "取消导入" in response.content.decode()
    staff_client.post(reverse("staff:import-confirm"), {"token": token})
    assert Room.objects.count() == 4
    assert _kept_files() == []


@pytest.mark.django_db
def test_cancel_removes_the_preview_file_and_imports_nothing(staff_client, clean_private_root):
    token = staff_client.post(reverse("staff:import"), {"file": upload(good_file())}).context["token"]
    assert len(_kept_files()) == 1
    response = staff_client.post(reverse("staff:import-cancel"), {"token": token}, follow=True)
    assert "已取消导入" in response.content.decode()
    assert _kept_files() == [] and Room.objects.count() == 0
    response = staff_client.post(reverse("staff:import-confirm"), {"token": token}, follow=True)
    assert "预览已过期" in response.content.decode() and Room.objects.count() == 0


@pytest.mark.django_db
def test_another_staff_member_cannot_confirm_someone_elses_preview(client, staff_client, clean_private_root):
    token = staff_client.post(reverse("staff:import"), {"file": upload(good_file())}).context["token"]
    other = StaffFactory(username="other-staff")
    client.force_login(other)
    session = client.session
    session["registry_imports"] = [token]  # even with the token in their session
    session.save()
    response = client.post(reverse("staff:import-confirm"), {"token": token}, follow=True)
    assert "预览已过期" in response.content.decode()
    assert Room.objects.count() == 0 and len(_kept_files()) == 1


@pytest.mark.django_db
def test_previews_older_than_a_day_are_removed(staff_client, clean_private_root):
    staff_client.post(reverse("staff:import"), {"file": upload(good_file())})
    [old] = _kept_files()
    day_ago = time.time() - 25 * 60 * 60
    os.utime(old, (day_ago, day_ago))
    staff_client.post(reverse("staff:import"), {"file": upload(good_file())})
    kept = _kept_files()
    assert len(kept) == 1 and kept[0] != old
