"""The desk's whole day in Chromium: a reporter records a meeting, uploads and
captions its photos, writes the article and submits it; an editor sends it back
with a note, the reporter fixes it and submits again, the editor publishes, and a
visitor reads it with its captioned gallery. No dead end, no English, nothing lost.
"""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageDraw

from events.models import Meeting
from news.models import Article
from news.roles import EDITOR, REPORTER
from tests.browser.conftest import PASSWORD, BrowserProblems, log_in
from tests.browser.test_draft_keeper import wait_for_editor
from tests.factories import CategoryFactory, role_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

MEETING_TITLE = "Hội nghị tổng kết công tác Đoàn năm học 2024–2025"
CAPTIONS = [
    "Quang cảnh Hội nghị tại Hội trường A",
    "Đại biểu Đoàn trường phát biểu tham luận",
    "Trao giấy khen cho các chi đoàn xuất sắc",
]
ARTICLE_TITLE = "Đoàn trường tổng kết năm học 2024–2025"
NOTE = "Thêm giờ khai mạc vào đoạn đầu."
FIX = "Hội nghị khai mạc lúc 14h00."
# English words the desk's pages must not show (Django's and CKEditor's defaults).
ENGLISH = ["Save and continue", "Submit", "Upload", "Caption", "Delete", "Browse"]


def staff(role, username):
    user = role_user(role, username)
    user.set_password(PASSWORD)
    user.save()
    return user


def write_photos(folder):
    """Three distinct phone-like shots (a shape on a background), so none is taken
    for a duplicate of another."""
    paths = []
    for number, (background, shape) in enumerate(
        [("navy", "gold"), ("darkgreen", "white"), ("maroon", "skyblue")], start=1
    ):
        image = Image.new("RGB", (800, 600), background)
        draw = ImageDraw.Draw(image)
        draw.ellipse((80 * number, 60, 80 * number + 300, 420), fill=shape)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        path = folder / f"IMG_20250520_{number:04d}.jpg"
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def assert_vietnamese(page):
    text = page.locator("#content").inner_text()
    assert [word for word in ENGLISH if word in text] == []


def test_a_reporter_does_the_whole_job_and_an_editor_the_whole_review(
    open_page, live_server, tmp_path
):
    """Meeting, photos, captions, article, submit; send back with a note; fix and
    submit again; publish; the visitor reads the article with its captions."""
    CategoryFactory(name="Tin tức – Sự kiện")
    reporter = staff(REPORTER, "phongvien")
    editor = staff(EDITOR, "bientap")
    origin = live_server.url

    desk = open_page(1366, 768)
    problems = BrowserProblems(desk, origin)
    log_in(desk, live_server, reporter)

    # The meeting, typed as the reporter types it: the address follows the title.
    desk.goto(origin + reverse("admin:events_meeting_add"))
    desk.locator("#id_title").press_sequentially(MEETING_TITLE)
    assert desk.input_value("#id_slug").startswith("hoi-nghi-tong-ket-cong-tac-doan")
    desk.fill("#id_starts_at", "20/05/2025 14:00")
    desk.fill("#id_location", "Hội trường A")
    desk.locator("input[name=_continue]").click()
    desk.wait_for_selector(".messagelist .success")
    meeting = Meeting.objects.get(title=MEETING_TITLE)
    assert meeting.created_by == reporter
    assert_vietnamese(desk)

    # Its photos, then their captions in the grid.
    desk.get_by_role("link", name="Tải ảnh lên").click()
    # The page's script takes the chosen files once the page has loaded: choosing
    # them earlier (a busy machine) would leave them unsent.
    desk.wait_for_url(
        origin + reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )
    desk.set_input_files("input[type=file]", write_photos(tmp_path))
    desk.locator(".photo-upload-files li[data-state=done]").nth(2).wait_for(
        timeout=60_000
    )
    desk.get_by_role("link", name="Viết chú thích cho ảnh").click()
    desk.wait_for_url(
        f"**{reverse('admin:events_meeting_captions', args=[meeting.pk])}"
    )
    cards = desk.locator("[data-caption-card]")
    assert cards.count() == 3
    for index, caption in enumerate(CAPTIONS):
        textarea = cards.nth(index).locator("textarea")
        textarea.click()
        textarea.press_sequentially(caption)
        cards.nth(index).get_by_role("button", name="Lưu").click()
        cards.nth(index).locator("[data-caption-status][data-state=saved]").wait_for()
    assert sorted(meeting.photos.values_list("caption", flat=True)) == sorted(CAPTIONS)
    assert_vietnamese(desk)

    # The article about it, chosen from the meeting picker by words without tones.
    desk.goto(origin + reverse("admin:news_article_add"))
    wait_for_editor(desk)
    desk.fill("#id_title", ARTICLE_TITLE)
    desk.select_option("#id_category", label="Tin tức – Sự kiện")
    desk.locator("#id_meeting").locator("xpath=..").locator(
        ".select2-selection"
    ).click()
    desk.keyboard.type("tong ket cong tac doan")
    desk.locator(".select2-results__option", has_text="20/05/2025").click()
    body = desk.frame_locator(".cke_wysiwyg_frame").locator("body")
    body.click()
    desk.keyboard.type("Chiều 20/05/2025, Đoàn trường tổ chức Hội nghị tổng kết.")
    desk.locator("input[name=_continue]").click()
    desk.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title=ARTICLE_TITLE)
    assert article.meeting == meeting and article.author == reporter
    desk.get_by_role("button", name="Gửi duyệt").click()
    desk.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    # The editor reads it in review and sends it back with a note.
    review = open_page(1366, 768)
    log_in(review, live_server, editor)
    change = origin + reverse("admin:news_article_change", args=[article.pk])
    review.goto(change)
    review.fill("#id_send_back_note", NOTE)
    review.get_by_role("button", name="Yêu cầu sửa").click()
    review.wait_for_selector(".messagelist .success")

    # The reporter reads the note, fixes the text, submits again.
    desk.goto(change)
    assert NOTE in desk.content() and "Cần sửa" in desk.content()
    wait_for_editor(desk)
    body.click()
    desk.keyboard.press("Control+End")
    desk.keyboard.type(" " + FIX)
    desk.get_by_role("button", name="Gửi duyệt").click()
    desk.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and FIX in article.body

    # The editor publishes; a visitor reads the article and its captioned photos.
    review.goto(change)
    review.get_by_role("button", name="Xuất bản ngay").click()
    review.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.is_public

    visitor = open_page(390, 844)
    visitor.goto(origin + article.get_absolute_url())
    assert visitor.locator("h1").inner_text() == ARTICLE_TITLE
    assert FIX in visitor.content()
    for caption in CAPTIONS:
        assert visitor.locator("figcaption", has_text=caption).count() >= 1
    assert [p for p in problems.take() if not expected_noise(p)] == []


def expected_noise(problem):
    """Chromium asks for /favicon.ico by itself (the test server has none), and the
    picker cancels its previous search when another key is typed."""
    return "/favicon.ico" in problem or (
        "/autocomplete/" in problem and "ERR_ABORTED" in problem
    )
