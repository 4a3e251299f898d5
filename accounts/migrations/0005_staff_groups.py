"""The permission group of district staff (区政协机关工作人员), with its model permissions.

Staff in the group run the programme in the admin without being superusers: the registry, the
sessions, the issues, departments and publicity (every permission of those apps), the portal
settings, the conveners' API tokens (issue, revoke, view) and django-axes' lockouts (view, clear).
User accounts stay view-only: only superusers make someone staff or change permissions.
The list lives in accounts/groups.py, which the demo loader uses too; calling it again (after new
models appear) adds what is missing and removes nothing.
"""

from django.db import migrations

from accounts.groups import DISTRICT_STAFF_GROUP, ensure_district_staff_group


def create_groups(apps, schema_editor):
    ensure_district_staff_group(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=DISTRICT_STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_remove_clear_tokens"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("core", "0001_initial"),
        ("notifications", "0002_delivery_headers"),
        ("rooms", "0002_street_staff"),
        ("departments", "0001_initial"),
        ("issues", "0003_departments_routing_escalation_follow_up"),
        ("deliberations", "0001_initial"),
        ("figures", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
