"""Every uploaded photo is checked and re-encoded by core.photos: no EXIF (GPS) survives."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.photos import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, photo_for_display, validate_photo

GPS_IFD = 0x8825


def jpeg_with_gps(name="现场.jpg", size=(2400, 1200)) -> SimpleUploadedFile:
    """A JPEG carrying EXIF with a GPS position and a camera model."""
    exif = Image.Exif()
    exif[0x0110] = "Test Camera"  # Model
    exif[GPS_IFD] = {1: "N", 2: (32.0, 1.0, 30.0), 3: "E", 4: (120.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_the_upload_carries_gps_before_processing():
    image = Image.open(jpeg_with_gps())
    assert image.getexif().get_ifd(GPS_IFD)


def test_exif_and_gps_are_stripped_and_the_photo_is_downscaled():
    content = photo_for_display(jpeg_with_gps())
    image = Image.open(io.BytesIO(content.read()))
    assert image.format == "JPEG" and re.fullmatch(r"[0-9a-f]{32}\.jpg", content.name)
    assert "exif" not in image.info and not image.getexif()
    assert max(image.size) == 1600


def test_a_photo_over_5_mb_is_refused_in_chinese():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (MAX_PHOTO_BYTES + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        photo_for_display(upload)
    assert error.value.messages == ["照片“big.jpg”超过 5 MB，请压缩后再上传。"]


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name():
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_photo(upload)
    assert error.value.messages == ["“photo.jpg”不是有效的图片文件。"]
    with pytest.raises(ValidationError):
        photo_for_display(upload)


def png_of(width, height, name="x.png") -> SimpleUploadedFile:
    """A small file (one colour compresses to almost nothing) that decodes to width × height."""
    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_header_claiming(width, height, name="bomb.png") -> SimpleUploadedFile:
    """A PNG whose header claims width × height: enough to test the check, which reads only the
    header, without building the image (a real 20000 × 20000 one takes seconds to write)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, body, content_type="image/png")


TOO_MANY_PIXELS = "照片“{name}”的像素过大（不超过 4000 万像素），请缩小后再上传。"


@pytest.mark.parametrize("side", [13000, 20000])
def test_a_photo_with_too_many_pixels_is_refused_from_its_header(side, monkeypatch):
    """A 13000 × 13000 PNG took seconds and 1.4 GB to decode; 20000 × 20000 raised Pillow's
    DecompressionBombError (a 500). Both are refused before any pixel is decoded."""
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self, *a: decoded.append(self) or None)
    upload = png_header_claiming(side, side, name="大图.png")
    for check in (validate_photo, photo_for_display):
        with pytest.raises(ValidationError) as error:
            check(upload)
        assert error.value.messages == [TOO_MANY_PIXELS.format(name="大图.png")]
    assert decoded == []


def test_the_pixel_limit_is_forty_megapixels_and_a_setting(settings):
    assert MAX_PHOTO_PIXELS == 40_000_000
    settings.PHOTO_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError):
        photo_for_display(png_of(101, 100))
    assert photo_for_display(png_of(100, 100))


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(monkeypatch):
    """JPEGs use libjpeg's DCT scaling (`draft`), so a 6400-px photo is decoded at 1600 px."""
    buffer = io.BytesIO()
    Image.new("RGB", (6400, 4800), (10, 20, 30)).save(buffer, format="JPEG")
    loaded_sizes = []
    original_load = Image.Image.load

    def recording_load(self, *args):
        result = original_load(self, *args)
        loaded_sizes.append(self.size)
        return result

    monkeypatch.setattr(Image.Image, "load", recording_load)
    photo_for_display(SimpleUploadedFile("big.jpg", buffer.getvalue(), content_type="image/jpeg"))
    assert loaded_sizes and max(loaded_sizes[0]) <= 3200


def jpeg_with_everything(name="居民王芳_13912345678_家门口.jpg") -> SimpleUploadedFile:
    """A JPEG with EXIF (GPS), an ICC profile, an XMP packet and a COM comment holding markup."""
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (32.0, 1.0, 30.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (1, 2, 3)).save(
        buffer,
        format="JPEG",
        exif=exif.tobytes(),
        icc_profile=b"\x00" * 128 + b"fake-icc-profile",
        comment=b"<script>alert(1)</script> 13912345678",
        xmp=b"<x:xmpmeta>13912345678</x:xmpmeta>",
    )
    data = buffer.getvalue()
    assert b"\xff\xfe" in data and b"<script>" in data  # the COM segment is really there
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _segments(data: bytes) -> list[int]:
    """The JPEG marker segments before the image data (SOS)."""
    markers, position = [], 2
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
    return markers


def test_every_metadata_segment_is_stripped_and_the_name_is_random():
    content = photo_for_display(jpeg_with_everything())
    data = content.read()
    markers = _segments(data)
    assert 0xFE not in markers  # COM
    assert not {0xE1, 0xE2} & set(markers)  # APP1 (EXIF, XMP), APP2 (ICC)
    assert b"<script>" not in data and b"13912345678" not in data and b"fake-icc" not in data
    image = Image.open(io.BytesIO(data))
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info)
    assert "王芳" not in content.name and "13912345678" not in content.name
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", content.name)


def test_a_prepared_photo_is_not_decoded_twice(monkeypatch):
    content = photo_for_display(jpeg_with_gps())
    monkeypatch.setattr(Image, "open", lambda *a, **k: pytest.fail("decoded again"))
    assert photo_for_display(content) is content
