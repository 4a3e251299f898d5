"""The admin in Chinese and with every input named: django-axes' app and models under Chinese
names, a sentence instead of “无可选的” on the index, the date and time inputs and the cells of a
tabular inline labelled for screen readers."""

import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import AttendanceFactory, DepartmentFactory, SessionFactory


@pytest.mark.django_db
def test_login_lockout_app_reads_in_chinese(client, superuser):
    client.force_login(superuser)
    index = client.get(reverse("admin:index")).content.decode()
    assert "登录保护" in index and "登录失败记录" in index
    assert "Axes" not in index and "Access attempts" not in index
    AccessAttempt.objects.create(
        username="nobody",
        ip_address="127.0.0.1",
        user_agent="test",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        http_accept="*/*",
        failures_since_start=5,
    )
    changelist = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "登录失败记录" in changelist
    for column in ("时间", "IP 地址", "用户名", "登录页面", "失败次数", "状态", "已锁定", "是否锁定"):
        assert column in changelist, column
    for english in ("Attempt Time", "IP Address", "Failed Logins", "Locked Out", "Attempt Remaining"):
        assert english not in changelist, english
    for name in ("accesslog", "accessfailurelog"):  # empty: their filters still name the fields
        page = client.get(reverse(f"admin:axes_{name}_changelist")).content.decode()
        assert "Attempt Time" not in page and "Path" not in page and "登录页面" in page


@pytest.mark.django_db
def test_index_without_recent_actions_says_so(client, staff):
    client.force_login(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert "无可选的" not in page
    assert "您最近还没有在管理后台新增、修改或删除记录。" in page


def control(page, element_id):
    """The opening tag of the <input> or <select> with that id."""
    match = re.search(rf'<(?:input|select)\b[^>]*\bid="{element_id}"[^>]*>', page)
    assert match, f"no control {element_id}"
    return match.group(0)


@pytest.mark.django_db
def test_date_time_inputs_and_inline_cells_are_labelled(client, staff):
    session = SessionFactory()
    AttendanceFactory(session=session)
    client.force_login(staff)
    page = client.get(reverse("admin:deliberations_session_change", args=[session.pk])).content.decode()
    assert 'aria-label="开始时间（日期）"' in control(page, "id_starts_at_0")
    assert 'aria-label="开始时间（时间）"' in control(page, "id_starts_at_1")
    assert 'aria-label="身份"' in control(page, "id_attendance-0-role")
    assert 'aria-label="人数"' in control(page, "id_attendance-0-headcount")
    assert 'aria-label="删除"' in control(page, "id_attendance-0-DELETE")


@pytest.mark.django_db
def test_list_editable_columns_are_labelled(client, staff):
    DepartmentFactory()
    client.force_login(staff)
    page = client.get(reverse("admin:departments_department_changelist")).content.decode()
    assert 'aria-label="启用"' in control(page, "id_form-0-is_active")
