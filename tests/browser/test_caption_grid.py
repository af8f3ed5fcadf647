"""An editor captions a meeting's photos in the caption grid, in a real browser:
from the upload page to the grid, typing, tagging, reordering, the cover, a
deletion; and on a phone."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from events.models import Photo
from tests.browser.conftest import PASSWORD, log_in
from tests.factories import MeetingFactory, PersonFactory, PhotoFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

COLOURS = ["navy", "darkred", "teal", "olive", "purple"]


def write_jpegs(folder, count):
    paths = []
    for number in range(1, count + 1):
        buffer = io.BytesIO()
        colour = COLOURS[number % len(COLOURS)]
        Image.new("RGB", (480, 360), colour).save(buffer, "JPEG", quality=80)
        path = folder / f"IMG_{number:04d}.jpg"
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def card(page, name):
    return page.locator("[data-caption-card]", has_text=name)


def saved(page, name):
    card(page, name).locator("[data-caption-status][data-state=saved]").wait_for()


def names_in_page(page):
    return page.locator("[data-caption-name]").all_inner_texts()


def test_upload_twenty_then_caption_tag_reorder_cover_delete(
    page, live_server, admin_login, tmp_path, browser_problems
):
    """20 photos uploaded, then captioned in the grid: each card saves when the
    editor moves on, a named person is tagged from the caption and another through
    the picker, a drag changes the order, a cover is chosen and a photo deleted;
    after a reload the page and the database agree."""
    page.set_viewport_size({"width": 1366, "height": 768})
    meeting = MeetingFactory()
    PersonFactory(full_name="Nguyễn Thị Hương")
    PersonFactory(full_name="Trần Văn Minh")
    admin_login()
    problems = browser_problems(page)
    page.goto(
        live_server.url
        + reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )
    page.set_input_files("input[type=file]", write_jpegs(tmp_path, 20))
    page.locator(".photo-upload-files li[data-state=done]").nth(19).wait_for(
        timeout=120_000
    )
    page.get_by_role("link", name="Viết chú thích cho ảnh").click()
    page.wait_for_url(
        f"**{reverse('admin:events_meeting_captions', args=[meeting.pk])}"
    )

    cards = page.locator("[data-caption-card]")
    assert cards.count() == 20
    columns = page.locator("[data-caption-cards]").evaluate(
        "grid => getComputedStyle(grid).gridTemplateColumns.split(' ').length"
    )
    assert 3 <= columns <= 4
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")

    # Uploads finish in any order; the grid shows the photos by their number.
    n = names_in_page(page)
    assert sorted(n) == [f"IMG_{number:04d}.jpg" for number in range(1, 21)]

    # Typing in one card and moving to the next saves the first.
    captions = {
        n[0]: "Quang cảnh Hội nghị tổng kết năm 2023",
        n[1]: "Đồng chí Nguyễn Thị Hương – Trưởng phòng phát biểu",
        n[2]: "Các đại biểu dự Hội nghị",
    }
    for name, text in captions.items():
        textarea = card(page, name).locator("textarea")
        textarea.click()
        textarea.press_sequentially(text)
    card(page, n[3]).locator("textarea").click()
    for name in captions:
        saved(page, name)
    # The caption names a person: the server tagged her, the picker shows it.
    tagged = card(page, n[1]).locator(".select2-selection__choice")
    assert "Nguyễn Thị Hương" in tagged.inner_text()

    # The people picker: type part of a name, choose it; the card saves.
    card(page, n[2]).locator(".select2-selection").click()
    page.keyboard.type("minh")
    page.locator(".select2-results__option", has_text="Trần Văn Minh").click()
    card(page, n[2]).locator(
        ".select2-selection__choice", has_text="Trần Văn Minh"
    ).wait_for()
    saved(page, n[2])

    # Drag the third photo's picture onto the first's.
    card(page, n[2]).locator("[data-caption-handle]").drag_to(
        card(page, n[0]).locator("[data-caption-handle]"),
        target_position={"x": 10, "y": 10},
    )
    page.locator("[data-caption-announce]", has_text="vị trí 1/20").wait_for()
    assert names_in_page(page)[:3] == [n[2], n[0], n[1]]

    # The button way, as on a phone or with the keyboard: "Xuống".
    card(page, n[2]).get_by_role("button", name="Xuống").click()
    page.locator("[data-caption-announce]", has_text="vị trí 2/20").wait_for()
    expected = [n[0], n[2], n[1], *n[3:19]]

    card(page, n[2]).get_by_role("button", name="Đặt làm ảnh bìa").click()
    page.locator("[data-caption-card].is-cover", has_text=n[2]).wait_for()
    assert page.locator("[data-caption-card].is-cover").count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    card(page, n[19]).get_by_role("button", name="Xóa").click()
    card(page, n[19]).wait_for(state="detached")
    assert cards.count() == 19

    # One photographer for all: select all, type the name once, apply.
    page.get_by_label("Chọn tất cả").check()
    page.locator("#caption-batch-credit").fill("Phòng TCHC")
    page.get_by_role("button", name="Áp dụng cho các ảnh đã chọn").click()
    page.locator("[data-caption-batch-status]", has_text="19 ảnh").wait_for()
    assert card(page, n[5]).locator("[name=credit]").input_value() == "Phòng TCHC"

    photos = list(Photo.objects.filter(meeting=meeting).order_by("order"))
    assert {p.credit for p in photos} == {"Phòng TCHC"}
    assert [p.original_name for p in photos] == expected
    assert [p.order for p in photos] == list(range(1, 20))
    by_name = {p.original_name: p for p in photos}
    assert by_name[n[0]].caption == captions[n[0]]
    assert [str(p) for p in by_name[n[1]].people.all()] == ["Nguyễn Thị Hương"]
    assert [str(p) for p in by_name[n[2]].people.all()] == ["Trần Văn Minh"]
    assert [p.original_name for p in photos if p.is_cover] == [n[2]]

    page.reload()
    assert names_in_page(page) == expected
    assert card(page, n[0]).locator("textarea").input_value() == captions[n[0]]
    assert "is-cover" in card(page, n[2]).get_attribute("class")
    # The picker cancels its first search when the editor types on: not a problem.
    cancelled = "/autocomplete/"
    assert [p for p in problems.take() if cancelled not in p] == []


def test_on_a_phone_the_grid_fits_and_a_caption_saves(open_page, live_server):
    """At 390 px the grid is one or two columns with no sideways scrolling, and
    the "Lưu" button saves a caption."""
    meeting = MeetingFactory()
    photo = PhotoFactory(meeting=meeting, caption="")
    PhotoFactory(meeting=meeting)
    user = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    page = open_page(390, 844)
    log_in(page, live_server, user)
    page.goto(
        live_server.url + reverse("admin:events_meeting_captions", args=[meeting.pk])
    )
    grid = page.locator("[data-caption-cards]")
    columns = grid.evaluate(
        "grid => getComputedStyle(grid).gridTemplateColumns.split(' ').length"
    )
    assert columns in (1, 2)
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    first = page.locator("[data-caption-card]").first
    first.locator("textarea").fill("Ảnh chụp trên điện thoại")
    first.get_by_role("button", name="Lưu").click()
    first.locator("[data-caption-status][data-state=saved]").wait_for()
    assert first.locator("[data-caption-status]").inner_text() == "Đã lưu"
    photo.refresh_from_db()
    assert photo.caption == "Ảnh chụp trên điện thoại"


def test_a_colleagues_change_is_not_overwritten_silently(
    page, live_server, admin_login
):
    """When the photo was saved by someone else after the grid was opened, "Lưu"
    shows who and when, keeps the typed caption, and "save mine over theirs"
    saves it on purpose."""
    page.set_viewport_size({"width": 1366, "height": 768})
    photo = PhotoFactory(caption="Bản đầu")
    admin_login()
    page.goto(
        live_server.url
        + reverse("admin:events_meeting_captions", args=[photo.meeting.pk])
    )
    photo.caption = "Bản của đồng nghiệp"
    photo.save()

    first = page.locator("[data-caption-card]").first
    first.locator("textarea").fill("Bản của tôi")
    first.get_by_role("button", name="Lưu", exact=True).click()
    error = first.locator("[data-caption-error]")
    error.wait_for()
    assert "Một người khác đã sửa ảnh này lúc" in error.inner_text()
    assert first.locator("textarea").input_value() == "Bản của tôi"
    photo.refresh_from_db()
    assert photo.caption == "Bản của đồng nghiệp"

    first.get_by_role("button", name="Lưu đè bằng nội dung của tôi").click()
    first.locator("[data-caption-status][data-state=saved]").wait_for()
    assert error.is_hidden()
    photo.refresh_from_db()
    assert photo.caption == "Bản của tôi"
