"""Remove the API tokens of rest_framework.authtoken, which were stored in clear.

The app is no longer installed (tokens are now accounts.ApiToken, stored as digests), so its table
would keep the old keys readable in the database and in every backup. The table is dropped, the
app's migration records and content types with it; conveners need new tokens (see the README).
On a database that never had the app, nothing happens.
"""

from django.db import migrations

OLD_TABLE = "authtoken_token"
OLD_APP = "authtoken"


def drop_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(OLD_TABLE)}")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", [OLD_APP])
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label=OLD_APP).delete()
    ContentType.objects.filter(app_label=OLD_APP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_token"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(drop_clear_tokens, migrations.RunPython.noop)]
