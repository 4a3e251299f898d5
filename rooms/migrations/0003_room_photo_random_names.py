"""Room photos stored under the uploaded file's name (which could carry a person's name or phone
number) move to a random name, `rooms/<uuid4 hex>.<ext>`, the form `core.photos` gives every new
upload. The old file is deleted once the new one is written; a missing file is left as it is.
Reversing leaves the random names (valid names for the old code too)."""

import re
import uuid

from django.db import migrations

RANDOM_NAME = re.compile(r"^rooms/[0-9a-f]{32}\.[a-z0-9]{1,5}$")


def rename_room_photos_randomly(apps, schema_editor):
    Room = apps.get_model("rooms", "Room")
    for room in Room.objects.exclude(photo="").iterator():
        old_name = room.photo.name
        storage = room.photo.storage
        if RANDOM_NAME.match(old_name) or not storage.exists(old_name):
            continue
        base = old_name.rsplit("/", 1)[-1]
        extension = base.rsplit(".", 1)[-1].lower() if "." in base else "jpg"
        if not extension.isalnum() or len(extension) > 5:
            extension = "jpg"
        with storage.open(old_name, "rb") as source:
            new_name = storage.save(f"rooms/{uuid.uuid4().hex}.{extension}", source)
        Room.objects.filter(pk=room.pk).update(photo=new_name)
        storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("rooms", "0002_street_staff"),
    ]

    operations = [
        migrations.RunPython(rename_room_photos_randomly, migrations.RunPython.noop),
    ]
