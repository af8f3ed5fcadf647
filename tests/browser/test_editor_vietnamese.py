"""CKEditor speaks Vietnamese to the staff: its toolbar tooltips, the Image and
Table dialogs, the heading names and the paste notices show no English."""

import re

import pytest
from django.urls import reverse

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

# Words of CKEditor's English interface that a Vietnamese screen must not show.
ENGLISH = re.compile(
    r"\b(Properties|Browse|Server|Cancel|Upload|Width|Height|Border|Alignment|"
    r"Rows|Columns|Headers|Caption|Summary|Advanced|Preview|Image|Table|Link|"
    r"Heading|Paste|Press|Normal|Bold|Italic|Source|Maximize|Undo|Redo|Indent|"
    r"Align|Justify|Format|Rich Text|Editor|Header|Cell)\b"
)


def open_editor(page, live_server, django_user_model):
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", PASSWORD
    )
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )


def dialog_text(page, button):
    page.locator(f".cke_button__{button}").click()
    dialog = page.locator(".cke_dialog").filter(has=page.locator(":visible")).last
    dialog.locator(".cke_dialog_title").wait_for()
    text = dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    return text


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_toolbar_and_dialogs_are_vietnamese(
    open_page, live_server, django_user_model, width, height
):
    """Every toolbar tooltip, the Image dialog and the Table dialog read in
    Vietnamese: "Thuộc tính của ảnh", "Duyệt máy chủ", "Bỏ qua", not "Image
    Properties", "Browse Server", "Cancel"."""
    page = open_page(width, height)
    open_editor(page, live_server, django_user_model)

    titles = page.locator("a.cke_button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('title'))"
    )
    assert len(titles) >= 15
    assert [t for t in titles if ENGLISH.search(t)] == []
    assert page.locator(".cke_button__image").get_attribute("title") == "Ảnh"

    image = dialog_text(page, "image")
    assert "Thuộc tính của ảnh" in image
    assert "Duyệt máy chủ" in image
    assert "Bỏ qua" in image
    assert ENGLISH.findall(image) == []

    table = dialog_text(page, "table")
    assert "Thuộc tính bảng" in table
    assert "Bỏ qua" in table
    assert ENGLISH.findall(table) == []


def test_heading_names_and_paste_notices_are_vietnamese(
    page, live_server, django_user_model
):
    """The Format list names headings "Tiêu đề 2"; the notices CKEditor shows about
    pasting and uploads are Vietnamese, and so is the editor's name for screen
    readers."""
    open_editor(page, live_server, django_user_model)
    texts = page.evaluate(
        """() => {
            const lang = CKEDITOR.instances.id_body.lang;
            return [lang.format.tag_h2, lang.format.tag_h3, lang.format.tag_h4,
                    lang.clipboard.pasteNotification, lang.clipboard.pasteMsg,
                    lang.clipboard.fileFormatNotSupportedNotification,
                    lang.pastetext.pasteNotification, lang.application,
                    lang.uploadwidget.doneOne];
        }"""
    )
    assert texts[:3] == ["Tiêu đề 2", "Tiêu đề 3", "Tiêu đề 4"]
    assert [t for t in texts if ENGLISH.search(t)] == []
    label = page.locator(".cke_editor_id_body").first.get_attribute("aria-label") or ""
    assert "Rich Text" not in label
    page.locator(".cke_combo__format a").click()
    frame = page.frame_locator(".cke_combopanel iframe")
    frame.get_by_text("Tiêu đề 2").wait_for()
