"""Photos are processed once, at upload: upright, without location or camera data,
in a few widths of WebP and JPEG; their files leave with them."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from core.images import image_file_names, rendition_name
from events.models import Photo
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
EXIF_IFD = 0x8769


def phone_jpeg(size=(1200, 900), orientation=1, when="2024:01:31 14:05:00"):
    """A JPEG as a phone makes it: orientation, GPS position, camera, time taken."""
    image = Image.new("RGB", size, "white")
    # A red band on the left edge shows which way is up after rotation.
    image.paste((220, 0, 0), (0, 0, size[0] // 10, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "PhoneModel X"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 16.0, 30.0), 3: "E", 4: (106.0, 11.0, 40.0)}
    exif.get_ifd(EXIF_IFD)[36867] = when
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def upload(data, name="IMG_0001.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def save_photo(data, **fields):
    photo = Photo(meeting=fields.pop("meeting", None) or MeetingFactory(), **fields)
    photo.image = upload(data)
    photo.save()
    return photo


def stored_files(settings):
    root = settings.MEDIA_ROOT
    if not root.exists():
        return set()
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def open_stored(photo, name):
    with photo.image.storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def test_orientation_6_comes_out_upright():
    """A photo taken sideways (EXIF orientation 6) is stored rotated and upright."""
    photo = save_photo(phone_jpeg((1200, 900), orientation=6))
    assert (photo.width, photo.height) == (900, 1200)
    master = open_stored(photo, photo.image.name)
    assert master.size == (900, 1200)
    # Rotated 90° clockwise, the red left edge is now along the top.
    red, green, _blue = master.getpixel((450, 20))
    assert red > 180 and green < 80
    assert master.getexif().get(0x0112) in (None, 1)


def test_gps_and_camera_data_gone_from_every_public_file():
    """No stored file, master or rendition, keeps GPS, camera or the time taken."""
    photo = save_photo(phone_jpeg())
    names = photo.file_names()
    assert len(names) == 1 + 2 * len(photo.renditions)
    for name in names:
        exif = open_stored(photo, name).getexif()
        assert GPS_IFD not in exif, name
        assert 0x010F not in exif and 0x0110 not in exif, name
        assert not exif.get_ifd(GPS_IFD), name


def test_renditions_have_the_expected_sizes_and_formats(settings):
    """A 4000×3000 photo gets a 2000-pixel master and 320–1600 renditions in WebP
    and JPEG, in proportion."""
    photo = save_photo(phone_jpeg((4000, 3000)))
    assert (photo.width, photo.height) == (2000, 1500)
    assert photo.renditions == [320, 640, 1024, 1600]
    for width in photo.renditions:
        for extension, image_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            image = open_stored(
                photo, rendition_name(photo.image.name, width, extension)
            )
            assert image.format == image_format
            assert image.size == (width, round(width * 3 / 4))
    assert stored_files(settings) == set(photo.file_names())


def test_small_photo_gets_one_rendition_at_its_own_width():
    """A picture narrower than every width is not enlarged."""
    photo = save_photo(phone_jpeg((300, 200)))
    assert photo.renditions == [300]
    assert (photo.width, photo.height) == (300, 200)


def test_taken_at_read_from_exif_in_vietnam_time():
    """The time taken comes from EXIF and is read as Vietnam's local time."""
    photo = save_photo(phone_jpeg(when="2024:01:31 14:05:00"))
    local = photo.taken_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert local.replace(tzinfo=None) == datetime.datetime(2024, 1, 31, 14, 5)


def test_broken_exif_date_is_ignored():
    """A nonsense EXIF date leaves taken_at empty instead of failing the upload."""
    photo = save_photo(phone_jpeg(when="0000:00:00 00:00:00"))
    assert photo.taken_at is None


def test_png_with_transparency_is_flattened_on_white():
    """A PNG with an alpha channel becomes an opaque JPEG master on white."""
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 200, 300))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    photo = save_photo(buffer.getvalue())
    master = open_stored(photo, photo.image.name)
    assert master.mode == "RGB"
    assert master.getpixel((350, 150))[0] > 240  # the transparent half is white


def test_original_name_kept_as_data_only():
    """The upload's own name is kept as data; the stored name is generated."""
    photo = Photo(meeting=MeetingFactory())
    photo.image = upload(phone_jpeg(), name="../../Ảnh Hội nghị (1).jpg")
    photo.save()
    assert photo.original_name == "Ảnh Hội nghị (1).jpg"
    assert photo.image.name.startswith("photos/")
    assert ".." not in photo.image.name and "Ả" not in photo.image.name


def test_saving_again_does_not_process_again(settings):
    """Changing a caption does not touch the files."""
    photo = save_photo(phone_jpeg())
    before = stored_files(settings)
    name = photo.image.name
    photo.caption = "Chú thích mới"
    photo.save()
    assert photo.image.name == name
    assert stored_files(settings) == before


def test_replacing_the_image_deletes_the_old_files(
    settings, django_capture_on_commit_callbacks
):
    """A new image replaces the old files once the change is committed."""
    photo = save_photo(phone_jpeg())
    old = set(photo.file_names())
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = upload(phone_jpeg((800, 600)))
        photo.save()
    assert not old & stored_files(settings)
    assert stored_files(settings) == set(photo.file_names())


def test_deleting_a_photo_deletes_its_files(
    settings, django_capture_on_commit_callbacks
):
    """Deleting the row removes the master and every rendition."""
    photo = save_photo(phone_jpeg())
    assert stored_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(settings) == set()


def test_deleting_a_meeting_deletes_its_photos_files(
    settings, django_capture_on_commit_callbacks
):
    """Files go with photos deleted through their meeting too."""
    photo = save_photo(phone_jpeg())
    with django_capture_on_commit_callbacks(execute=True):
        photo.meeting.delete()
    assert stored_files(settings) == set()


def test_rolled_back_deletion_keeps_the_files(
    settings, django_capture_on_commit_callbacks
):
    """Files are deleted only on commit: a deletion that is rolled back keeps them."""
    from django.db import transaction

    photo = save_photo(phone_jpeg())
    before = stored_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                Photo.objects.filter(pk=photo.pk).first().delete()
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert stored_files(settings) == before


def test_failed_insert_leaves_no_files(settings, monkeypatch):
    """If the row cannot be written, the files written for it are removed."""
    from django.db import IntegrityError

    meeting = MeetingFactory()
    save_photo(phone_jpeg(), meeting=meeting, is_cover=True)
    before = stored_files(settings)
    photo = Photo(meeting=meeting, is_cover=True)  # a second cover: the DB refuses
    photo.image = upload(phone_jpeg())
    with pytest.raises(IntegrityError):
        from django.db import transaction

        with transaction.atomic():
            photo.save()
    assert stored_files(settings) == before


def test_regenerate_renditions_after_a_size_change(settings, capsys):
    """The command remakes renditions for new widths, drops old ones, shows progress."""
    photo = save_photo(phone_jpeg((1600, 1200)))
    settings.NGT_PHOTO_WIDTHS = (480, 960)
    call_command("regenerate_renditions")
    photo.refresh_from_db()
    assert photo.renditions == [480, 960]
    assert stored_files(settings) == set(image_file_names(photo.image.name, [480, 960]))
    image = open_stored(photo, rendition_name(photo.image.name, 960, "webp"))
    assert image.size == (960, 720)
    output = capsys.readouterr().out
    assert "1/1" in output and "#" in output
