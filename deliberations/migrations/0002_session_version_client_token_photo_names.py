"""Sessions get an optimistic-lock `version` and the one-time `client_token` of the form that
created them; session photos are stored under random names.

The data step moves every stored photo whose name is not yet random (`sessions/%Y/%m/<the
uploaded name>.jpg`, which could carry a resident's name or phone number) to
`sessions/photos/<2 hex>/<uuid4 hex>.<ext>` and deletes the old file once the new one is written.
A photo whose file is missing keeps its row and name (nothing to move); reversing the migration
leaves the random names in place (they are valid names for the old code too).
"""

import re
import uuid

from django.db import migrations, models

import deliberations.models

RANDOM_NAME = re.compile(r"^sessions/photos/[0-9a-f]{2}/[0-9a-f]{32}\.[a-z0-9]{1,5}$")


def rename_photos_randomly(apps, schema_editor):
    SessionPhoto = apps.get_model("deliberations", "SessionPhoto")
    for photo in SessionPhoto.objects.exclude(image="").iterator():
        old_name = photo.image.name
        if RANDOM_NAME.match(old_name):
            continue
        storage = photo.image.storage
        if not storage.exists(old_name):
            continue
        extension = old_name.rsplit(".", 1)[-1].lower() if "." in old_name.rsplit("/", 1)[-1] else "jpg"
        if not extension.isalnum() or len(extension) > 5:
            extension = "jpg"
        random_hex = uuid.uuid4().hex
        with storage.open(old_name, "rb") as source:
            new_name = storage.save(f"sessions/photos/{random_hex[:2]}/{random_hex}.{extension}", source)
        SessionPhoto.objects.filter(pk=photo.pk).update(image=new_name)
        storage.delete(old_name)


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalsession',
            name='client_token',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True, verbose_name='录入表单标识'),
        ),
        migrations.AddField(
            model_name='historicalsession',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='版本'),
        ),
        migrations.AddField(
            model_name='session',
            name='client_token',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True, verbose_name='录入表单标识'),
        ),
        migrations.AddField(
            model_name='session',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='版本'),
        ),
        migrations.AlterField(
            model_name='sessionphoto',
            name='image',
            field=models.ImageField(max_length=200, upload_to=deliberations.models.session_photo_path, verbose_name='照片'),
        ),
        migrations.RunPython(rename_photos_randomly, migrations.RunPython.noop),
    ]
