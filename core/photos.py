"""Photos that people upload (session photos, room photos), checked and prepared in one place.

Every upload path (the convener's session form, the admin's session photo inline, the admin's
room photo, the services behind them) calls `photo_for_display`, so each photo is refused or
accepted by the same rules and none reaches a public page with its metadata.

Three promises, each with a reason:
- One photo never stalls or crashes the site. The pixel count is read from the file's header
  (`Image.open` reads only the header) and a photo above `MAX_PHOTO_PIXELS` is refused with a
  Chinese form error before a single pixel is decoded; JPEGs are decoded at a reduced scale
  (`Image.draft`, the DCT scaling of libjpeg), so a 40-megapixel JPEG costs a few megabytes.
  Pillow's own "decompression bomb" error is answered with the same form error, never a 500.
- Nothing but pixels survives: the photo is re-encoded as a JPEG from its pixels with an empty
  `info`, so no EXIF (GPS position, device, time), ICC profile, XMP packet or JPEG comment (COM
  segment, which Pillow would otherwise copy from `image.info["comment"]`) is written.
- The original file name is kept nowhere: the prepared photo is named with a random uuid4, so a
  name like `居民王芳_13912345678_家门口.jpg` never reaches a public address.

Decoding takes time, so callers prepare photos before they open a database transaction (see
`deliberations.services`); a prepared photo (`PreparedPhoto`) passes `photo_for_display` again
untouched.
"""

import io
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# The most pixels (width × height, from the header) a photo may have before it is decoded: a
# 40-megapixel phone photo passes, a crafted 13000 × 13000 PNG (169 megapixels, 1.4 GB decoded)
# does not. `settings.PHOTO_MAX_PIXELS` overrides it.
MAX_PHOTO_PIXELS = 40_000_000
DISPLAY_MAX_PIXELS = 1600
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


class PreparedPhoto(ContentFile):
    """A photo already checked and re-encoded by `photo_for_display`: a JPEG with a random name."""


def max_photo_pixels() -> int:
    return getattr(settings, "PHOTO_MAX_PIXELS", MAX_PHOTO_PIXELS)


def random_photo_name(extension: str = "jpg") -> str:
    """A name that says nothing about the photo or who took it: 32 random hex digits."""
    return f"{uuid.uuid4().hex}.{extension}"


def _display_name(upload) -> str:
    # Shown in the error message to the person who chose the file; never stored.
    return (getattr(upload, "name", "") or "photo").rsplit("/", 1)[-1]


def _not_an_image(upload) -> ValidationError:
    return ValidationError(_("“%(name)s”不是有效的图片文件。") % {"name": _display_name(upload)}, code="invalid_image")


def _too_many_pixels(upload) -> ValidationError:
    return ValidationError(
        _("照片“%(name)s”的像素过大（不超过 %(limit)s 万像素），请缩小后再上传。")
        % {"name": _display_name(upload), "limit": max_photo_pixels() // 10_000},
        code="too_many_pixels",
    )


def _open_header(upload) -> Image.Image:
    """Open the image lazily (only its header is read) and refuse it when it has too many pixels."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(upload) from error
    except _UNREADABLE as error:
        raise _not_an_image(upload) from error
    width, height = image.size
    if width <= 0 or height <= 0:
        raise _not_an_image(upload)
    if width * height > max_photo_pixels():
        raise _too_many_pixels(upload)
    return image


def validate_photo(upload) -> None:
    """Refuse an upload that is larger than 5 MB, is not a real image (its bytes, not its name,
    are checked) or has more than `MAX_PHOTO_PIXELS` pixels. Cheap: no pixel is decoded."""
    if isinstance(upload, PreparedPhoto):
        return
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("照片“%(name)s”超过 5 MB，请压缩后再上传。") % {"name": _display_name(upload)}, code="too_large"
        )
    try:
        _open_header(upload).verify()
    except ValidationError:
        raise
    except (*_UNREADABLE, Image.DecompressionBombError) as error:
        raise _not_an_image(upload) from error
    finally:
        upload.seek(0)


def photo_for_display(upload) -> PreparedPhoto:
    """Check `upload` (at most 5 MB, a real image, at most `MAX_PHOTO_PIXELS` pixels) and return
    it ready for a public page: EXIF rotation applied, longest side at most 1600 px, re-encoded as
    a JPEG with no metadata at all, under a random name. Raises ValidationError (Chinese)."""
    if isinstance(upload, PreparedPhoto):
        return upload
    validate_photo(upload)
    try:
        image = _open_header(upload)
        if image.format == "JPEG":
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale, as close to the display size as it can.
            image.draft("RGB", (DISPLAY_MAX_PIXELS, DISPLAY_MAX_PIXELS))
        image.load()
        image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (*_UNREADABLE, Image.DecompressionBombError) as error:
        raise _not_an_image(upload) from error
    finally:
        upload.seek(0)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # an animated image: its first frame
    image.thumbnail((DISPLAY_MAX_PIXELS, DISPLAY_MAX_PIXELS), reducing_gap=2.0)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pixels only: Pillow's JPEG writer copies `info["comment"]` (a COM segment) and, in recent
    # versions, `info["xmp"]`; an empty info leaves nothing to copy.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return PreparedPhoto(buffer.getvalue(), name=random_photo_name("jpg"))


class PhotoFormField(forms.ImageField):
    """The admin's image field with this module's rules first: a file over 5 MB, not an image or
    with too many pixels gets its Chinese message (Django's own check would answer a bare
    "invalid image", or decode Pillow's bomb check first)."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size") and not isinstance(data, PreparedPhoto):
            validate_photo(data)
        return super().to_python(data)
