"""Typing a title in the admin fills its address by the server's own rule."""

import random

import pytest
from django.urls import reverse

from core.text import slugify_vi
from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

TITLE = "Hội nghị tổng kết công tác năm học 2023–2024"

# Texts an editor types, and the traps of Vietnamese and of punctuation.
TEXTS = [
    TITLE,
    "Đảng uỷ Đoàn Thanh niên",
    "ĐẢNG ỦY TRƯỜNG CAO ĐẲNG NGÔ GIA TỰ",
    "Thực hiện Kế hoạch số 10/KH-CĐNGT",
    "Năm học 2023/2024",
    "  Hội   nghị \t chuyên  đề  ",
    "Chi bộ Tổ chức – Hành chính",
    "Lễ kỷ niệm 42 năm Ngày Nhà giáo Việt Nam (20/11/1982 – 20/11/2024)",
    "Ư ơ ă â ê ô đ Đ",
    "“Tuổi trẻ” sáng tạo!",
    "Hiệu trường – Phó Hiệu trưởng",
    "Café déjà vu",
    "Straße 🎓 学校",
    "",
    "---",
]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
PUNCTUATION = " –-/.,:;()“”'\"!?&%\t"


def generated_texts(count=200):
    """Random titles of Vietnamese letters in both compositions, with tones and
    punctuation: the same every run."""
    rng = random.Random(20240131)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            parts.append(rng.choice(LETTERS) + rng.choice(TONES))
            if rng.random() < 0.2:
                parts.append(rng.choice(PUNCTUATION))
        texts.append("".join(parts))
    return texts


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "bientap", "bientap@example.com", PASSWORD
    )


@pytest.mark.parametrize(
    ("width", "height"), [(1366, 768), (390, 844)], ids=["desktop", "phone"]
)
@pytest.mark.parametrize("form", ["admin:news_article_add", "admin:events_meeting_add"])
def test_typing_a_title_fills_a_vietnamese_address(
    open_page, live_server, editor, form, width, height
):
    """The title typed key by key gives hoi-nghi-tong-ket-…-2023-2024, the address
    the server would make, not Django's hi-ngh-tng-kt-…-20232024."""
    page = open_page(width, height)
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse(form))
    page.locator("#id_title").press_sequentially(TITLE)

    slug = page.input_value("#id_slug")
    assert slug == slugify_vi(TITLE) == "hoi-nghi-tong-ket-cong-tac-nam-hoc-2023-2024"


def test_the_browser_and_the_server_make_the_same_address(page, live_server, editor):
    """For every text, typed or pasted, the admin's script and ``slugify_vi`` agree,
    cut to a field's length included."""
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_category_add"))
    texts = TEXTS + generated_texts()
    for length in (None, 20):
        browser = page.evaluate(
            "([texts, length]) => texts.map((t) => URLify(t, length))",
            [texts, length],
        )
        assert browser == [slugify_vi(text, length) for text in texts]


def test_an_address_typed_by_hand_is_kept(page, live_server, editor):
    """Once the editor writes the address themselves, the title no longer changes it."""
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_category_add"))
    page.fill("#id_slug", "thong-bao-rieng")
    page.dispatch_event("#id_slug", "change")
    page.locator("#id_name").press_sequentially("Thông báo")
    assert page.input_value("#id_slug") == "thong-bao-rieng"
