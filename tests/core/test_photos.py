"""Every uploaded photo is checked and re-encoded by core.photos: no EXIF (GPS) survives."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.photos import MAX_PHOTO_BYTES, photo_for_display, validate_photo

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
    assert image.format == "JPEG" and content.name == "现场.jpg"
    assert "exif" not in image.info and not image.getexif()
    assert max(image.size) == 1600


def test_a_photo_over_5_mb_is_refused_in_chinese():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (MAX_PHOTO_BYTES + 1), content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        photo_for_display(upload)
    assert error.value.messages == ["照片“big.jpg”超过 5 MB,请压缩后再上传。"]


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name():
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_photo(upload)
    assert error.value.messages == ["“photo.jpg”不是有效的图片文件。"]
    with pytest.raises(ValidationError):
        photo_for_display(upload)
