"""An image uploaded into an article's body, in Chromium: a reporter opens the
editor's Image dialog, sends a phone photo from its upload tab, gives it an
alternative text and saves the draft. The photo joins the media library without a
meeting, cleaned of its location, linked to the article that shows it; a file that
is not an image is refused in Vietnamese and leaves nothing behind."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import ExifTags, Image
from playwright.sync_api import expect

from events.models import Photo
from news.models import Article
from tests.browser.conftest import PASSWORD, BrowserProblems, log_in
from tests.browser.test_draft_keeper import wait_for_editor
from tests.browser.test_editor_vietnamese import ENGLISH
from tests.factories import CategoryFactory
from tests.photo_samples import scene

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

TITLE = "Đoàn trường ra quân Chiến dịch Thanh niên tình nguyện hè 2025"
CATEGORY = "Tin tức – Sự kiện"
ALT = "Đoàn viên ra quân tại sân trường"
FILE_NAME = "IMG_20250601_0815.jpg"
RENDITION = re.compile(r"^/media/photos/\d{4}/\d{2}/[0-9a-f]+/\d+\.jpg$")


@pytest.fixture
def writer(reporter):
    """The reporter of the desk, with a password to sign in through the form."""
    reporter.set_password(PASSWORD)
    reporter.save()
    return reporter


def phone_photo(folder):
    """A 1200×900 JPEG carrying what a phone writes: its make and where it was."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Điện thoại"
    exif[ExifTags.IFD.GPSInfo] = {
        1: "N",
        2: (21.0, 16.0, 30.0),
        3: "E",
        4: (106.0, 11.0, 40.0),
    }
    buffer = io.BytesIO()
    scene(7).save(buffer, "JPEG", exif=exif, quality=85)
    path = folder / FILE_NAME
    path.write_bytes(buffer.getvalue())
    with Image.open(path) as written:
        assert ExifTags.IFD.GPSInfo in written.getexif()
    return path


def start_article(page, live_server):
    """The new-article form, with a title and a category."""
    page.goto(live_server.url + reverse("admin:news_article_add"))
    wait_for_editor(page)
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", label=CATEGORY)


def open_upload_tab(page):
    """The Image dialog, on its upload tab; returns the dialog."""
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("tab", name="Tải lên").click()
    expect(dialog.get_by_role("button", name="Tải lên máy chủ")).to_be_visible()
    return dialog


def send(dialog, path):
    """Choose ``path`` in the upload tab's file field and send it to the server."""
    picker = dialog.frame_locator("iframe.cke_dialog_ui_input_file")
    picker.locator("input[type=file]").set_input_files(str(path))
    dialog.get_by_role("button", name="Tải lên máy chủ").click()


def english_in(text):
    return ENGLISH.findall(text)


def media_files():
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_a_reporter_uploads_a_photo_into_the_body_and_the_library_knows(
    open_page, live_server, writer, tmp_path, width, height
):
    """Upload tab, "Tải lên máy chủ": the dialog comes back with the rendition's
    address; an alternative text, "Đồng ý", and the body shows the image. The saved
    draft names it, the photo is the reporter's, without a meeting or a location,
    and the library lists it as an image in the article."""
    CategoryFactory(name=CATEGORY)
    photo_file = phone_photo(tmp_path)
    page = open_page(width, height)
    problems = BrowserProblems(page, live_server.url)
    log_in(page, live_server, writer)
    start_article(page, live_server)
    assert english_in(page.locator("#content").inner_text()) == []

    dialog = open_upload_tab(page)
    assert english_in(dialog.inner_text()) == []
    send(dialog, photo_file)
    url_field = dialog.get_by_label("Địa chỉ (URL)").first
    expect(url_field).to_have_value(RENDITION, timeout=30_000)
    address = url_field.input_value()
    dialog.get_by_label("Chú thích ảnh").fill(ALT)
    assert english_in(dialog.inner_text()) == []
    dialog.locator(".cke_dialog_ui_button_ok").click()
    expect(dialog).to_be_hidden()
    image = page.frame_locator(".cke_wysiwyg_frame").locator("img")
    expect(image).to_have_attribute("src", address)
    expect(image).to_have_attribute("alt", ALT)

    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    assert english_in(page.locator("#content").inner_text()) == []

    photo = Photo.objects.get()
    assert photo.meeting is None
    assert photo.uploaded_by == writer
    assert photo.original_name == FILE_NAME
    with Image.open(photo.image.path) as master:
        assert ExifTags.IFD.GPSInfo not in master.getexif()
        assert ExifTags.Base.Make not in master.getexif()
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.author == writer
    assert address in article.body
    assert f'alt="{ALT}"' in article.body
    assert list(article.body_photos.all()) == [photo]

    page.goto(live_server.url + reverse("admin:events_photo_library"))
    tile = page.locator(".library-item").filter(has_text=FILE_NAME)
    expect(tile).to_have_count(1)
    expect(tile.locator(".library-meta")).to_have_text("Tải lên trong bài viết")
    tile.locator(".library-uses summary").click()
    expect(tile.locator(".library-uses summary")).to_have_text("Dùng ở (1)")
    use = tile.locator(".library-uses li")
    expect(use).to_have_text(f"Ảnh trong nội dung bài viết: {TITLE}")
    expect(use.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", reverse("admin:news_article_change", args=[article.pk])
    )
    assert english_in(page.locator("#content").inner_text()) == []
    assert [p for p in problems.take() if "/favicon.ico" not in p] == []


def test_a_file_that_is_no_image_is_refused_in_vietnamese(
    open_page, live_server, writer, tmp_path
):
    """A text file named .jpg: the dialog's alert says it is not an image, in
    Vietnamese; no photo row and no file under media remain."""
    CategoryFactory(name=CATEGORY)
    fake = tmp_path / "anh-hoi-nghi.jpg"
    fake.write_text("Biên bản hội nghị, không phải ảnh.\n", encoding="utf-8")
    page = open_page(1366, 768)
    log_in(page, live_server, writer)
    start_article(page, live_server)
    alerts = []

    def note(alert):
        alerts.append(alert.message)
        alert.accept()

    page.on("dialog", note)
    dialog = open_upload_tab(page)
    with page.expect_event("dialog", timeout=30_000):
        send(dialog, fake)
    assert len(alerts) == 1
    assert "không phải là ảnh" in alerts[0]
    assert english_in(alerts[0]) == []
    assert not Photo.objects.exists()
    assert media_files() == []
