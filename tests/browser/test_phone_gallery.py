"""A meeting's gallery on a phone: a grid of small square thumbnails that open the
lightbox, and links to the large photos without JavaScript."""

import pytest
from django.core.files.base import ContentFile

from events.models import Photo
from tests.factories import MeetingFactory
from tests.photo_samples import jpeg, scene

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

PHONE = {"width": 390, "height": 844}
PHOTOS = 12


@pytest.fixture
def meeting():
    """A meeting with twelve captioned photos of 1200×900."""
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    for number in range(1, PHOTOS + 1):
        Photo.objects.create(
            meeting=meeting,
            image=ContentFile(jpeg(scene(number)), name=f"anh-{number}.jpg"),
            caption=f"Ảnh {number}: các đại biểu dự Hội nghị tổng kết công tác năm 2023",
        )
    return meeting


@pytest.fixture
def phone(browser):
    """A phone of 390×844 at three device pixels per CSS pixel, with touch."""
    context = browser.new_context(
        locale="vi-VN",
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def test_phone_gallery_is_a_grid_of_small_square_thumbnails(
    phone, live_server, meeting, browser_problems, screenshot
):
    """At 390 px the photos are square thumbnails three to a row, the page does not
    scroll sideways, every image keeps its alt text and size attributes, and the
    phone downloads a small rendition, not the 1600 px photo."""
    problems = browser_problems(phone)
    phone.goto(live_server.url + meeting.get_absolute_url())
    images = phone.locator(".gallery img")
    expect(images).to_have_count(PHOTOS)
    boxes = [image.bounding_box() for image in images.all()]
    first_row = [box for box in boxes if abs(box["y"] - boxes[0]["y"]) < 1]
    assert len(first_row) >= 3
    for box in boxes:
        assert box["width"] < PHONE["width"] / 3
        assert abs(box["width"] - box["height"]) < 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for image in images.all():
        assert image.get_attribute("alt").strip()
        assert int(image.get_attribute("width")) == 1200
        assert int(image.get_attribute("height")) == 900
    loading = [image.get_attribute("loading") for image in images.all()]
    assert loading == ["eager"] + ["lazy"] * (PHOTOS - 1)
    first = images.first
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=first.element_handle()
    )
    source = first.evaluate("img => img.currentSrc")
    assert source.endswith(("/320.webp", "/640.webp", "/320.jpg", "/640.jpg"))
    assert problems.take() == []
    screenshot(phone, "grid", full_page=True)


def test_tapping_a_thumbnail_opens_the_lightbox(phone, live_server, meeting):
    """A tap on the fifth thumbnail opens the lightbox on that photo, with its whole
    caption, which the grid shows only the start of."""
    phone.goto(live_server.url + meeting.get_absolute_url())
    link = phone.locator(".gallery a").nth(4)
    link.scroll_into_view_if_needed()
    link.tap()
    dialog = phone.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".lightbox-counter")).to_have_text(f"Ảnh 5 / {PHOTOS}")
    expect(dialog.locator(".lightbox-caption")).to_have_text(
        "Ảnh 5: các đại biểu dự Hội nghị tổng kết công tác năm 2023"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_javascript_a_thumbnail_opens_the_large_photo(
    open_page, live_server, meeting
):
    """Without JavaScript each thumbnail is a link to its 1600 px JPEG (the photo's
    largest, 1200 px here), which the tap opens."""
    page = open_page(PHONE["width"], PHONE["height"], javascript=False)
    page.goto(live_server.url + meeting.get_absolute_url())
    link = page.locator(".gallery a").nth(2)
    href = link.get_attribute("href")
    assert href.endswith(".jpg")
    photo = Photo.objects.get(meeting=meeting, order=3)
    assert href.endswith(f"/{max(photo.renditions)}.jpg")
    with page.expect_navigation():
        link.click()
    assert page.url == live_server.url + href
    assert page.evaluate("document.contentType") == "image/jpeg"
