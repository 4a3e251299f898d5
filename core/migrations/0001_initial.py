# The portal settings moved here from the `portal` app. The table is kept and renamed; no row
# is copied. Content types follow, so admin permissions and history stay attached.

import django.core.validators
from django.db import migrations, models


def move_content_types(apps, schema_editor, source="portal", target="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model="portalsettings").update(app_label=target)


def restore_content_types(apps, schema_editor):
    move_content_types(apps, schema_editor, source="core", target="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("session_edit_window_days", models.PositiveSmallIntegerField(default=30, help_text="超过这个天数后,只有区政协机关工作人员可以修改或删除议事活动。", validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(3650)], verbose_name="召集人可修改议事活动的天数")),
                        ("quiet_room_days", models.PositiveSmallIntegerField(default=60, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(3650)], verbose_name="多少天无活动视为沉寂")),
                    ],
                    options={
                        "verbose_name": "平台设置",
                        "verbose_name_plural": "平台设置",
                        "db_table": "portal_portalsettings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="portalsettings", table=None),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
