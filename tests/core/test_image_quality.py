"""A photo's hash, sharpness and brightness, measured once at processing, say when
two uploads are the same shot and when a shot came out blurred or dark."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.image_quality import (
    BLURRED_BELOW,
    DARK_BELOW,
    SAME_SHOT_MAX_DISTANCE,
    hash_distance,
    measure,
    quality_warnings,
    same_shot,
)
from core.images import process_image
from tests.photo_samples import blurred, darkened, jpeg, scene


def reencoded(image, width, quality):
    """``image`` resized to ``width`` and saved as a JPEG, as a chat app sends it."""
    height = round(image.height * width / image.width)
    copy = image.resize((width, height), Image.Resampling.BICUBIC)
    return Image.open(io.BytesIO(jpeg(copy, quality)))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("width", "quality"), [(1200, 95), (640, 70), (320, 50)])
def test_a_resized_reencoded_copy_is_the_same_shot(seed, width, quality):
    """A photo and its copy at another size and JPEG quality hash within the
    threshold of one another, and are as bright."""
    photo = scene(seed)
    original, copy = measure(photo), measure(reencoded(photo, width, quality))
    assert hash_distance(original.phash, copy.phash) <= SAME_SHOT_MAX_DISTANCE
    assert same_shot(
        (original.phash, original.brightness), (copy.phash, copy.brightness)
    ) == hash_distance(original.phash, copy.phash)


def test_different_photos_are_not_the_same_shot():
    """Eight different scenes are all further apart than the threshold."""
    measures = [measure(scene(seed)) for seed in range(8)]
    for index, first in enumerate(measures):
        for second in measures[index + 1 :]:
            assert hash_distance(first.phash, second.phash) > SAME_SHOT_MAX_DISTANCE
            pair = ((first.phash, first.brightness), (second.phash, second.brightness))
            assert same_shot(*pair) is None


def test_flat_pictures_of_different_brightness_are_not_the_same_shot():
    """Two plain pictures hash alike (no shapes to tell apart); their brightness
    tells a navy one from a white one."""
    navy = measure(Image.new("RGB", (800, 600), "navy"))
    white = measure(Image.new("RGB", (800, 600), "white"))
    assert hash_distance(navy.phash, white.phash) == 0
    assert (
        same_shot((navy.phash, navy.brightness), (white.phash, white.brightness))
        is None
    )
    assert same_shot((navy.phash, navy.brightness), (navy.phash, navy.brightness)) == 0


def test_a_hash_is_sixteen_hex_digits():
    """64 bits, written as Photo.phash stores them."""
    phash = measure(scene(1)).phash
    assert len(phash) == 16
    assert int(phash, 16) >= 0


def test_a_missing_hash_is_never_the_same_shot():
    """A photo not measured yet matches nothing."""
    assert hash_distance("", "0" * 16) is None
    assert same_shot(("", None), ("0" * 16, 10.0)) is None


@pytest.mark.parametrize("seed", range(4))
def test_a_blurred_copy_is_flagged_and_the_sharp_photo_is_not(seed):
    """A sharp scene measures above the blur threshold, the same scene out of
    focus below it."""
    photo = scene(seed)
    sharp, soft = measure(photo), measure(blurred(photo))
    assert sharp.sharpness >= BLURRED_BELOW > soft.sharpness
    assert quality_warnings(sharp.sharpness, sharp.brightness) == []
    assert [str(w) for w in quality_warnings(soft.sharpness, soft.brightness)] == [
        "Ảnh có vẻ bị mờ"
    ]


@pytest.mark.parametrize("seed", range(4))
def test_a_dark_copy_is_flagged_and_the_normal_photo_is_not(seed):
    """A scene at a quarter of its exposure is below the dark threshold."""
    photo = scene(seed)
    normal, dark = measure(photo), measure(darkened(photo))
    assert normal.brightness >= DARK_BELOW > dark.brightness
    assert quality_warnings(dark.sharpness, dark.brightness)


def test_warnings_are_in_vietnamese():
    """A blurred, dark photo gets both warnings, in the editor's language."""
    with translation.override("vi"):
        warnings = [str(w) for w in quality_warnings(BLURRED_BELOW - 1, 10.0)]
    assert warnings == ["Ảnh có vẻ bị mờ", "Ảnh quá tối"]


def test_unmeasured_photos_get_no_warning():
    """Photos stored before they were measured are not called blurred or dark."""
    assert quality_warnings(None, None) == []


def test_measures_do_not_depend_on_the_photo_size():
    """Measured on a copy of the same size, a 2000 px and a 1000 px photo of a scene
    are equally sharp and bright, give or take."""
    large = measure(scene(3, (2000, 1500)))
    small = measure(scene(3, (2000, 1500)).resize((1000, 750)))
    assert abs(large.brightness - small.brightness) < 2
    assert large.sharpness >= BLURRED_BELOW and small.sharpness >= BLURRED_BELOW


def test_processing_measures_the_upright_master():
    """process_image returns the master's measures with its sizes, the same as
    measuring the master it wrote."""
    upload = SimpleUploadedFile("hoi-truong.jpg", jpeg(scene(2)), "image/jpeg")
    processed = process_image(upload)
    master = measure(Image.open(io.BytesIO(processed.master)))
    assert processed.measures is not None
    assert hash_distance(processed.measures.phash, master.phash) <= 2
    assert abs(processed.measures.brightness - master.brightness) < 2
