# The portal app now holds the public pages only: its models live on in `core` (settings) and
# `figures` (media reports, visits), whose first migrations took over the tables.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("core", "0001_initial"),
        ("figures", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MediaReport"),
                migrations.DeleteModel(name="Visit"),
                migrations.DeleteModel(name="PortalSettings"),
            ],
            database_operations=[],
        ),
    ]
