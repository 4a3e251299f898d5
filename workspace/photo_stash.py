"""Photos kept across a failed submit of the session form.

A browser cannot send a chosen file back, so when the form comes back with an error the photos
already checked and re-encoded by `core.photos.photo_for_display` are kept here, in the private
data directory (never under MEDIA_ROOT), in a folder named by the user and the form's one-time
upload token. The form shows them as “已上传的照片” with their caption, alt text and a remove
checkbox; the next successful save attaches them and deletes the folder.

Only JPEGs prepared by `photo_for_display` are written (random names, no metadata), and the
thumbnail view serves a file only to the user whose folder holds it.
"""

import json
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from core.photos import PreparedPhoto, random_photo_name

NAME_PATTERN = re.compile(r"^[0-9a-f]{32}\.jpg$")
MAX_AGE_SECONDS = 2 * 24 * 3600  # folders older than this are swept on the next stash


@dataclass
class StashedPhoto:
    name: str
    alt_text: str
    caption: str
    path: Path

    def prepared(self) -> PreparedPhoto:
        return PreparedPhoto(self.path.read_bytes(), name=random_photo_name())


def _root() -> Path:
    return Path(settings.PRIVATE_DATA_ROOT) / "session-photo-uploads"


def folder(user, token) -> Path | None:
    """The stash folder of `user` for the form's upload token, or None for a malformed token."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    return _root() / str(user.pk) / token.hex


def _meta_path(directory: Path) -> Path:
    return directory / "photos.json"


def load(user, token) -> list[StashedPhoto]:
    directory = folder(user, token)
    if directory is None or not _meta_path(directory).exists():
        return []
    try:
        rows = json.loads(_meta_path(directory).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    photos = []
    for row in rows:
        name = str(row.get("name", ""))
        if NAME_PATTERN.match(name) and (directory / name).exists():
            photos.append(
                StashedPhoto(
                    name=name, alt_text=row.get("alt_text", ""), caption=row.get("caption", ""), path=directory / name
                )
            )
    return photos


def save(user, token, *, kept: list[StashedPhoto], new: list) -> list[StashedPhoto]:
    """Keep `kept` (already in the folder, with their possibly edited texts) and add `new`
    (`(PreparedPhoto, alt_text, caption)` triples); files no longer listed are deleted."""
    directory = folder(user, token)
    if directory is None:
        return []
    _sweep()
    directory.mkdir(parents=True, exist_ok=True)
    photos = list(kept)
    for prepared, alt_text, caption in new:
        name = random_photo_name()
        prepared.seek(0)
        (directory / name).write_bytes(prepared.read())
        photos.append(StashedPhoto(name=name, alt_text=alt_text, caption=caption, path=directory / name))
    keep_names = {photo.name for photo in photos}
    for path in directory.glob("*.jpg"):
        if path.name not in keep_names:
            path.unlink(missing_ok=True)
    rows = [{"name": p.name, "alt_text": p.alt_text, "caption": p.caption} for p in photos]
    _meta_path(directory).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return photos


def discard(user, token) -> None:
    directory = folder(user, token)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)


def file_for(user, token, name) -> Path | None:
    """The stashed JPEG `name` of this user's form, or None (the view answers 404)."""
    directory = folder(user, token)
    if directory is None or not NAME_PATTERN.match(name or ""):
        return None
    path = directory / name
    return path if path.is_file() else None


def _sweep() -> None:
    """Delete stash folders left by forms never submitted again."""
    root = _root()
    if not root.exists():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for user_dir in root.iterdir():
        for directory in user_dir.iterdir() if user_dir.is_dir() else []:
            try:
                if directory.stat().st_mtime < limit:
                    shutil.rmtree(directory, ignore_errors=True)
            except OSError:
                continue
