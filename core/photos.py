"""Photos that people upload (session photos, room photos), checked and prepared in one place.

Every upload path (the convener's session form, the admin's session photo inline, the admin's
room photo) calls `photo_for_display`, so each photo is refused or accepted by the same rules
and none reaches a public page with its EXIF data (GPS position, device, time).
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
DISPLAY_MAX_PIXELS = 1600
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def _not_an_image(upload) -> ValidationError:
    return ValidationError(_("“%(name)s”不是有效的图片文件。") % {"name": upload.name})


def validate_photo(upload) -> None:
    """Refuse an upload that is larger than 5 MB or is not a real image (its bytes, not its
    name, are checked). Forms call this for a field error; `photo_for_display` calls it again."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("照片“%(name)s”超过 5 MB,请压缩后再上传。") % {"name": upload.name})
    try:
        upload.seek(0)
        Image.open(upload).verify()
    except _UNREADABLE as error:
        raise _not_an_image(upload) from error
    finally:
        upload.seek(0)


def photo_for_display(upload) -> ContentFile:
    """Check that `upload` is a real image of at most 5 MB and return it ready for a public page:
    EXIF rotation applied, longest side at most 1600 px, re-encoded as JPEG. Re-encoding writes
    only the pixels, so the EXIF data (GPS position, device, time) is dropped."""
    validate_photo(upload)
    try:
        image = ImageOps.exif_transpose(Image.open(upload))
        image.load()
    except _UNREADABLE as error:
        raise _not_an_image(upload) from error
    finally:
        upload.seek(0)
    image.thumbnail((DISPLAY_MAX_PIXELS, DISPLAY_MAX_PIXELS))
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    stem = (upload.name or "photo").rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.jpg")
