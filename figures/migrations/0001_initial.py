# Media reports and visits moved here from the `portal` app. The tables are kept and renamed
# (the visits' room table with them); no row is copied. Content types follow, so admin
# permissions and the admin log stay attached.

from django.db import migrations, models


def move_content_types(apps, schema_editor, source="portal", target="figures"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=["mediareport", "visit"]).update(app_label=target)


def restore_content_types(apps, schema_editor):
    move_content_types(apps, schema_editor, source="figures", target="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("rooms", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MediaReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("outlet", models.CharField(max_length=100, verbose_name="媒体")),
                        ("level", models.CharField(choices=[("central", "中央"), ("provincial", "省级"), ("municipal", "市级")], max_length=12, verbose_name="级别")),
                        ("title", models.CharField(max_length=200, verbose_name="标题")),
                        ("published_on", models.DateField(verbose_name="发布日期")),
                        ("url", models.URLField(blank=True, verbose_name="链接")),
                    ],
                    options={
                        "verbose_name": "媒体报道",
                        "verbose_name_plural": "媒体报道",
                        "ordering": ["-published_on", "-pk"],
                        "indexes": [models.Index(fields=["level", "published_on"], name="mediareport_level_date_idx")],
                        "constraints": [models.CheckConstraint(condition=models.Q(("level__in", ["central", "provincial", "municipal"])), name="mediareport_level_valid")],
                        "db_table": "portal_mediareport",
                    },
                ),
                migrations.CreateModel(
                    name="Visit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("delegation", models.CharField(max_length=100, verbose_name="来访单位")),
                        ("visited_on", models.DateField(verbose_name="来访日期")),
                        ("headcount", models.PositiveIntegerField(blank=True, null=True, verbose_name="人数")),
                        ("note", models.TextField(blank=True, verbose_name="备注")),
                        ("rooms", models.ManyToManyField(blank=True, related_name="visits", to="rooms.room", verbose_name="参观的议事室")),
                    ],
                    options={
                        "verbose_name": "来访考察",
                        "verbose_name_plural": "来访考察",
                        "ordering": ["-visited_on", "-pk"],
                        "indexes": [models.Index(fields=["visited_on"], name="visit_date_idx")],
                        "db_table": "portal_visit",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="mediareport", table=None),
        migrations.AlterModelTable(name="visit", table=None),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
