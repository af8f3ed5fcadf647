"""A photographer uploads the same photo twice: the upload page shows both
thumbnails with the warning, and the new photo can be kept or discarded."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Photo
from tests.browser.conftest import PASSWORD, log_in
from tests.factories import MeetingFactory
from tests.photo_samples import blurred, jpeg, scene

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [(1366, 768), (390, 844)], ids=["desktop-1366", "phone-390"]
)


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


@pytest.fixture
def photographer(django_user_model):
    """Staff who may see meetings, add photos and delete only the ones they
    uploaded (news.roles)."""
    user = django_user_model.objects.create_user(
        "nhiepanh", password=PASSWORD, is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_meeting", "add_photo", "delete_own_photo"]
        )
    )
    return user


def upload_page(open_page, live_server, user, meeting, viewport):
    page = open_page(*viewport)
    log_in(page, live_server, user)
    page.goto(
        live_server.url
        + reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )
    return page


def choose(page, path, done):
    """Choose ``path`` in the file picker; wait until ``done`` files are done."""
    page.set_input_files("input[type=file]", str(path))
    rows = page.locator(".photo-upload-files li[data-state=done]")
    expect(rows).to_have_count(done, timeout=30_000)


def loaded(image):
    image.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


@VIEWPORTS
def test_the_same_photo_twice_is_shown_and_discarded(
    open_page,
    live_server,
    photographer,
    tmp_path,
    viewport,
    browser_problems,
    screenshot,
):
    """The second upload of a photo is listed under "Ảnh cần xem lại" with the new
    and the existing thumbnails side by side and the warning; "Bỏ ảnh vừa tải"
    deletes the new photo, and the first one stays."""
    meeting = MeetingFactory()
    path = tmp_path / "dai-bieu.jpg"
    path.write_bytes(jpeg(scene(21)))
    page = upload_page(open_page, live_server, photographer, meeting, viewport)
    problems = browser_problems(page)

    choose(page, path, 1)
    review = page.locator("[data-photo-review]")
    assert review.is_hidden()
    choose(page, path, 2)

    expect(review).to_be_visible()
    card = review.locator("li[data-photo-id]")
    expect(card).to_have_count(1)
    first, second = Photo.objects.filter(meeting=meeting).order_by("pk")
    assert card.get_attribute("data-photo-id") == str(second.pk)
    expect(card).to_contain_text("Ảnh này giống hệt ảnh số 1 đã có trong sự kiện.")
    new, existing = card.locator("figure").all()
    expect(new).to_contain_text("Ảnh vừa tải")
    expect(existing).to_contain_text("Ảnh số 1 đã có trong sự kiện")
    for figure in (new, existing):
        loaded(figure.locator("img"))
    new_box, existing_box = new.bounding_box(), existing.bounding_box()
    assert abs(new_box["y"] - existing_box["y"]) < 1
    assert existing_box["x"] >= new_box["x"] + new_box["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    screenshot(page, "warning", full_page=True)

    card.get_by_role("button", name="Bỏ ảnh vừa tải").click()
    expect(card).to_have_count(0)
    expect(review).to_be_hidden()
    discarded = page.locator(".photo-upload-files li").nth(1)
    expect(discarded).to_have_attribute("data-state", "discarded")
    expect(discarded.locator(".photo-upload-status")).to_have_text("Đã bỏ")
    assert list(Photo.objects.filter(meeting=meeting)) == [first]
    assert problems.take() == []


def test_keep_both_and_a_blurred_photo(
    open_page, live_server, photographer, tmp_path, browser_problems
):
    """ "Giữ cả hai" dismisses the warning and keeps both photos; a blurred photo is
    listed with "Ảnh có vẻ bị mờ" and the new thumbnail alone."""
    meeting = MeetingFactory()
    sharp, soft = tmp_path / "san-khau.jpg", tmp_path / "bi-rung.jpg"
    sharp.write_bytes(jpeg(scene(22)))
    soft.write_bytes(jpeg(blurred(scene(23))))
    page = upload_page(open_page, live_server, photographer, meeting, (1366, 768))
    problems = browser_problems(page)

    choose(page, sharp, 1)
    choose(page, sharp, 2)
    cards = page.locator("[data-photo-review] li[data-photo-id]")
    expect(cards).to_have_count(1)
    cards.first.get_by_role("button", name="Giữ cả hai").focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(0)
    # The button is gone; the keyboard goes on to the captions.
    expect(page.get_by_role("link", name="Viết chú thích cho ảnh")).to_be_focused()
    assert Photo.objects.filter(meeting=meeting).count() == 2

    choose(page, soft, 3)
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Ảnh có vẻ bị mờ")
    expect(cards.first.locator("figure")).to_have_count(1)
    expect(cards.first.get_by_role("button", name="Giữ ảnh")).to_be_visible()
    assert Photo.objects.filter(meeting=meeting).count() == 3
    assert problems.take() == []


def test_a_refused_discard_is_explained_on_the_card(
    open_page, live_server, photographer, tmp_path
):
    """When the server refuses (the photo was deleted meanwhile, from another
    tab), the card says why in Vietnamese and stays, its button usable again."""
    meeting = MeetingFactory()
    path = tmp_path / "quang-canh.jpg"
    path.write_bytes(jpeg(scene(24)))
    page = upload_page(open_page, live_server, photographer, meeting, (390, 844))
    choose(page, path, 1)
    choose(page, path, 2)
    card = page.locator("[data-photo-review] li[data-photo-id]")
    expect(card).to_have_count(1)
    Photo.objects.get(pk=card.get_attribute("data-photo-id")).delete()

    button = card.get_by_role("button", name="Bỏ ảnh vừa tải")
    button.click()
    expect(card.get_by_role("alert")).to_have_text(
        "Ảnh này không thuộc sự kiện này hoặc đã bị xoá."
    )
    expect(button).to_be_enabled()
    assert Photo.objects.filter(meeting=meeting).count() == 1
