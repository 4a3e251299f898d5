"""The district staff group gets the permissions of the models added since it was created: the
议事月's street targets, model cases, announcements with their sign-ups and comments, check-ins
and posters, and the members' review weights (accounts/groups.py adds what is missing and removes
nothing)."""

from django.db import migrations

from accounts.groups import ensure_district_staff_group


def add_permissions(apps, schema_editor):
    ensure_district_staff_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_member_note_pinyin"),
        ("deliberations", "0005_campaign_summary_street_targets"),
        ("figures", "0003_visit_cases"),
        ("announcements", "0001_announcements_signups_results"),
        ("checkins", "0001_checkins_and_posters"),
        ("members", "0002_activity_weights"),
        ("cases", "0001_cases"),
    ]

    operations = [migrations.RunPython(add_permissions, migrations.RunPython.noop)]
